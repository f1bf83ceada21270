/**
 * Breaking a title over several lines as GB/T 9704-2012 7.3.3 asks: 回行时，要做到词意完整，排列对称，
 * 长短适宜 — 标题排列应当使用梯形或菱形. Greedy breaking fills each line and splits words
 * (决定/书); here every way of setting the title in the fewest lines is weighed at once: breaks
 * inside a word cost most, breaks at a pause mark or before a bracket cost nothing, and lines
 * of unequal length or an hourglass shape cost by how far they stray.
 */
import { isClosing, isOpening } from './punctuation.js'
import type { Atom, Line } from './text.js'
import { breakLines } from './text.js'

// ICU's dictionary segmenter costs about 10 ms to build: only titles that need a second line pay it.
let segmenter: Intl.Segmenter | undefined

/** Marks after which a title breaks naturally. */
const PAUSE = new Set('、，；：'.split(''))
/** Words that close a name or a modifier: the end of a body, place or company, and 的. Breaking after them keeps phrases whole. */
const TAIL = new Set(['厂', '局', '县', '所', '院', '站', '队', '村', '镇', '乡', '区', '市', '省', '委', '办', '办公室', '公司', '有限公司', '中心', '的'])

/** Cost of a break at each atom boundary: `cost[i]` is breaking before atom i (1 ≤ i < n). */
function breakCosts(atoms: readonly Atom[]): number[] {
  // Word boundaries from ICU's dictionary, in UTF-16 offsets of the joined text.
  const starts: number[] = []
  let text = ''
  for (const a of atoms) {
    starts.push(text.length)
    text += a.text
  }
  const boundary = new Map<number, number>() // offset -> length of the word that starts there
  const ending = new Map<number, string>() // offset -> the word that ends there
  segmenter ??= new Intl.Segmenter('zh-CN', { granularity: 'word' })
  for (const s of segmenter.segment(text)) {
    boundary.set(s.index, [...s.segment].length)
    ending.set(s.index + s.segment.length, s.segment)
  }
  const cost: number[] = [0]
  for (let i = 1; i < atoms.length; i++) {
    const prev = atoms[i - 1]!
    const next = atoms[i]!
    const at = starts[i]!
    if (isClosing(next.text.slice(0, 1)) || isOpening(prev.text.slice(-1)) || next.kind === 'space') {
      cost.push(Number.POSITIVE_INFINITY)
    } else if (prev.kind === 'space' || isOpening(next.text.slice(0, 1)) || PAUSE.has(prev.text) || isClosing(prev.text.slice(-1))) {
      cost.push(0)
    } else if (!boundary.has(at)) {
      cost.push(1000)
    } else {
      // A single character after the break is usually a suffix of the word before it, or part
      // of a name the dictionary does not know (决定|书, 报告|表, 青|川|县): allowed but dear.
      // After the end of a name or a 的 (处理厂|, 有限公司|, 意见的|) is the best place of all.
      const word = ending.get(at) ?? ''
      const before = [...word].length
      const after = boundary.get(at) ?? 1
      cost.push(after === 1 ? (before === 1 ? 50 : 25) : TAIL.has(word) ? 0 : 10)
    }
  }
  return cost
}

/** 梯形或菱形: a top line much longer than the rest (倒梯形) or a waist narrower than both neighbours (沙漏形) costs extra. */
function shapeCost(widths: readonly number[], em: number): number {
  let c = 0
  const k = widths.length
  if (k === 2 && widths[0]! > widths[1]! + 2 * em) c += 15
  if (k >= 3) {
    // A top line longer than every other by two characters stands the title on its head.
    if (widths.slice(1).every((w) => widths[0]! > w + 2 * em)) c += 15
    for (let j = 1; j < k - 1; j++) if (widths[j]! < widths[j - 1]! - em && widths[j]! < widths[j + 1]! - em) c += 30
  }
  return c
}

/** Width of atoms [from, to) without the spaces at its end (a line broken after a space drops it). */
function trimmedWidth(atoms: readonly Atom[], from: number, to: number): number {
  while (to > from && atoms[to - 1]!.kind === 'space') to--
  let w = 0
  for (let i = from; i < to; i++) w += atoms[i]!.width
  return w
}

/**
 * Breaks a title into the fewest lines that fit `measure`, choosing among all such breakings the
 * one with whole words and balanced, trapezoid or diamond lines. Falls back to greedy breaking
 * when no breaking fits (a single unbreakable run wider than the measure).
 */
export function breakTitle(atoms: readonly Atom[], measure: number): Line[] {
  const greedy = breakLines(atoms, measure, measure)
  const k = greedy.length
  const n = atoms.length
  if (k <= 1 || atoms.some((a) => a.kind === 'break')) return greedy
  const em = atoms[0]!.style.size
  const total = trimmedWidth(atoms, 0, n)
  const ideal = total / k
  const cost = breakCosts(atoms)
  const EPS = 0.01
  // Every breaking into k lines that fit: few enough to try them all (a title is under a
  // hundred atoms, and the measure prunes most ends).
  let bestEnds: number[] | undefined
  let bestCost = Number.POSITIVE_INFINITY
  const ends: number[] = []
  const widths: number[] = []
  const visit = (start: number, spent: number) => {
    if (spent >= bestCost) return
    const j = ends.length
    if (j === k - 1) {
      const w = trimmedWidth(atoms, start, n)
      if (w > measure + EPS) return
      const dev = (w - ideal) / em
      const c = spent + 2 * dev * dev + shapeCost([...widths, w], em)
      if (c < bestCost) {
        bestCost = c
        bestEnds = [...ends, n]
      }
      return
    }
    for (let i = start + 1; i < n; i++) {
      const w = trimmedWidth(atoms, start, i)
      if (w > measure + EPS) break
      if (!Number.isFinite(cost[i]!)) continue
      const dev = (w - ideal) / em
      ends.push(i)
      widths.push(w)
      visit(i, spent + cost[i]! + 2 * dev * dev)
      ends.pop()
      widths.pop()
    }
  }
  visit(0, 0)
  if (bestEnds === undefined) return greedy
  const lines: Line[] = []
  let start = 0
  bestEnds.forEach((end, j) => {
    let to = end
    while (to > start && atoms[to - 1]!.kind === 'space') to--
    lines.push({ atoms: atoms.slice(start, to), width: trimmedWidth(atoms, start, to), last: j === k - 1 })
    start = end
  })
  return lines
}
