/**
 * Breaking a title over several lines as GB/T 9704-2012 7.3.3 asks: 回行时，要做到词意完整，排列对称，
 * 长短适宜 — 标题排列应当使用梯形或菱形. Greedy filling splits words (行 / 政处罚, 10 / 月); here
 * every way of setting the title in the fewest lines is weighed at once: a break inside a name,
 * a number with its unit or a known word costs most, a break at a pause mark or before a bracket
 * costs nothing, lines of unequal length or an hourglass shape cost by how far they stray, and a
 * line holding one character alone is refused while anything else fits. The same breaker serves
 * the sheet (pdfkit atoms), the WeChat cover and the kiosk (Pango, one line per `\n`).
 */
import { mayBreakBetween } from './kinsoku.js'
import { LEXICON } from './lexicon.js'

/** A unit the title breaker moves (an ideograph, a Latin word, a space), with its width in the caller's units. */
export interface TitleAtom {
  readonly text: string
  readonly width: number
}

/** One line of a broken title: its atoms, trailing spaces dropped, and their width. */
export interface TitleLine<A extends TitleAtom = TitleAtom> {
  readonly atoms: readonly A[]
  readonly width: number
}

/** A broken title: its lines, and whether every name, number and word in it stayed whole. */
export interface TitleBreak<L> {
  readonly lines: readonly L[]
  /** False when the measure forced a break inside a name, a number, a word, or a line of one character: a caller that can shrink the type should. */
  readonly whole: boolean
}

/** How to break a title. */
export interface TitleOptions {
  /** The measure: no line is wider, unless one unbreakable run is. */
  readonly maxWidth: number
  /** Names kept whole besides the built-in vocabulary: the issuing body, places and companies the office names. */
  readonly keep?: readonly string[]
  /** The type's em in the same units, which line lengths are weighed in; the widest atom when absent. */
  readonly em?: number
}

/** `TitleOptions` with a way to measure text, for `breakTitle`. */
export interface TextTitleOptions extends TitleOptions {
  /** Width of a string in the caller's units (font advances times size). */
  readonly measure: (text: string) => number
}

// ICU's dictionary segmenter costs about 10 ms to build: only titles that need a second line pay it.
let segmenter: Intl.Segmenter | undefined

const COST = {
  /** Inside a name, a number with its unit, a document number or a known word: only when nothing else fits. */
  protected: 1000,
  /** Inside a word of ICU's dictionary. */
  word: 200,
  /** Between a place (…县) and the name that follows it. */
  place: 100,
  /** Inside a short group in brackets or quotes, which reads best on one line. */
  group: 30,
  /** A line more than the fewest: dearer than any ordinary break, cheaper than splitting a name. */
  extraLine: 300,
  /** A line holding a single character. */
  lone: 5000,
} as const

/** Marks after which a title breaks naturally. */
const PAUSE = /[、，；：。！？]$/u
/** Closing brackets and quotes: breaking after them ends a group. */
const CLOSE = /[）》」』】〕〗〙］｝”’〉]$/u
/** Opening brackets and quotes: breaking before them starts a group. */
const OPEN = /^[（《「『【〔〖〘［｛“‘〈]/u
/** Words that close a name or a modifier: the end of a body, place or company, and 的. Breaking after them keeps phrases whole. */
const TAIL = new Set(['厂', '局', '县', '所', '院', '站', '队', '村', '镇', '乡', '区', '市', '省', '委', '办', '办公室', '公司', '有限公司', '中心', '的', '和', '及', '与', '关于'])
/** The last word of a body's or a place's name: it never starts a line apart from the name before it (生态环境 / 局, 石门 / 镇). */
const BODY_SUFFIX = new Set(['局', '厅', '委', '办', '院', '所', '站', '队', '厂', '中心', '公司', '有限公司', '委员会', '办公室', '省', '市', '县', '区', '镇', '乡', '村', '街道', '社区'])
/** The kind of a decision or notice, one word with what it decides (行政处罚决定书, not 行政处罚 / 决定书). */
const DOC_SUFFIX = ['决定书', '告知书', '通知书', '意见书', '答复书', '决定', '许可证']
/** A place: breaking after it inside a body's name (青川县 / 生态环境局) is dear. */
const PLACE = /[省市县区镇乡村]$/u
/** Single characters that join phrases: not parts of an unknown name. */
const FUNCTION_CHARS = new Set('的和与及或并对在于为拟将按经由从向至'.split(''))
const HAN = /\p{Script=Han}/u
/** Runs kept whole by their shape: document numbers, dates, numbers with their units. */
const PATTERNS = [
  /\p{Script=Han}{1,4}〔\d{4}〕\d+号/gu,
  /〔\d{4}〕(?:\d+号)?/gu,
  /第?\d+(?:[.．]\d+)?(?:[—–～~-]\d+)?(?:万|亿)?(?:年度|年|季度|个月|月|日|号|批|届|次|轮|类|吨|元|个|项|家|件|人|天|时|周|期|条|款|%|％)/gu,
  /第[一二三四五六七八九十百零〇两]+(?:季度|批|届|次|轮|号|条|款|章|节|期)/gu,
  /[Ⅰ-Ⅻ]+类/gu,
]
const VISIBLE = /[^\p{P}\p{Z}\s]/u

const isSpace = (a: TitleAtom) => a.text !== '' && a.text.trim() === ''

/** Offsets (UTF-16, into the joined text) where a break falls inside something kept whole; `glued` gets the ends of unknown names. */
function protectedBreaks(text: string, words: readonly Intl.SegmentData[], keep: readonly string[], glued: Set<number>): Uint8Array {
  const inside = new Uint8Array(text.length + 1)
  const spans: [number, number][] = []
  const known = new Uint8Array(text.length)
  for (const term of [...LEXICON, ...keep]) {
    if (term.length < 2) continue
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      spans.push([at, at + term.length])
      known.fill(1, at, at + term.length)
    }
  }
  // Numbers with units that touch (2026年 + 11月 + 25日) are one date.
  const runs: [number, number][] = []
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      runs.push([m.index, m.index + m[0].length])
      known.fill(1, m.index, m.index + m[0].length)
    }
  }
  runs.sort((x, y) => x[0] - y[0])
  let date: [number, number] | undefined
  for (const r of runs) {
    spans.push(r)
    date = date !== undefined && date[1] === r[0] ? [date[0], r[1]] : r
    spans.push(date)
  }
  // Characters ICU knows only one by one are a name it does not know (青|川|县, 青|禾, 月|报).
  let runStart = -1
  let runEnd = -1
  let count = 0
  const flush = () => {
    if (count >= 2) {
      spans.push([runStart, runEnd])
      glued.add(runStart).add(runEnd)
    }
    count = 0
  }
  for (const w of words) {
    // A unit after a number (25|日, 3万吨) belongs to the number, and a known word's character to the word, not to a name.
    const single = [...w.segment].length === 1 && HAN.test(w.segment) && !FUNCTION_CHARS.has(w.segment) && known[w.index] !== 1
    if (!single) {
      flush()
      continue
    }
    if (count === 0) runStart = w.index
    runEnd = w.index + w.segment.length
    count++
  }
  flush()
  for (const [s, e] of spans) for (let p = s + 1; p < e; p++) inside[p] = 1
  // A body's last word stays with the name before it, and a document's kind with what it decides.
  for (const w of words) {
    if (w.index > 0 && BODY_SUFFIX.has(w.segment) && HAN.test(text[w.index - 1] ?? '')) inside[w.index] = 1
  }
  for (const suffix of DOC_SUFFIX) {
    for (let at = text.indexOf(suffix); at > 0; at = text.indexOf(suffix, at + 1)) if (HAN.test(text[at - 1] ?? '')) inside[at] = 1
  }
  return inside
}

/** Offsets inside a short group in brackets or quotes (at most 12 characters between the marks). */
function groupBreaks(text: string): Uint8Array {
  const inside = new Uint8Array(text.length + 1)
  const pairs: Record<string, string> = { '（': '）', '《': '》', '“': '”', '「': '」', '【': '】', '〔': '〕' }
  for (let i = 0; i < text.length; i++) {
    const close = pairs[text[i]!]
    if (close === undefined) continue
    const j = text.indexOf(close, i + 1)
    if (j > i && j - i - 1 <= 12) for (let p = i + 1; p <= j; p++) inside[p] = 1
  }
  return inside
}

/** Cost of a break at each atom boundary: `cost[i]` is breaking before atom i (1 ≤ i < n); Infinity where kinsoku forbids it. */
function breakCosts(atoms: readonly TitleAtom[], keep: readonly string[]): { cost: number[]; split: boolean[] } {
  const starts: number[] = []
  let text = ''
  for (const a of atoms) {
    starts.push(text.length)
    text += a.text
  }
  segmenter ??= new Intl.Segmenter('zh-CN', { granularity: 'word' })
  const words = [...segmenter.segment(text)]
  const wordAt = new Map<number, string>() // offset -> the word that starts there
  const wordBefore = new Map<number, string>() // offset -> the word that ends there
  for (const w of words) {
    wordAt.set(w.index, w.segment)
    wordBefore.set(w.index + w.segment.length, w.segment)
  }
  // The vocabulary's words end where they end, whatever ICU made of them (整|改进|展 is 整改|进展).
  const boundary = new Set(wordAt.keys())
  const termStart = new Set<number>()
  for (const term of [...LEXICON, ...keep]) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      boundary.add(at).add(at + term.length)
      termStart.add(at)
    }
  }
  // Where a run of single characters glued into one name starts or ends: a word of its own there, not a lone character.
  const glued = new Set<number>()
  const inside = protectedBreaks(text, words, keep, glued)
  const group = groupBreaks(text)
  const cost: number[] = [0]
  // Breaks that split a unit: a name, a number, a word, a short group in brackets or quotes.
  const split: boolean[] = [false]
  for (let i = 1; i < atoms.length; i++) {
    const prev = atoms[i - 1]!
    const next = atoms[i]!
    const at = starts[i]!
    let c: number
    if (isSpace(next)) c = Number.POSITIVE_INFINITY
    else if (isSpace(prev)) c = 0
    else if (!mayBreakBetween(prev.text, next.text)) c = Number.POSITIVE_INFINITY
    else if (inside[at] === 1) c = COST.protected
    // 的 ends the phrase before it (《…》的通知) and never starts a line.
    else if (next.text.startsWith('的')) c = 50
    else if (PAUSE.test(prev.text) || CLOSE.test(prev.text) || OPEN.test(next.text)) c = 0
    else if (!boundary.has(at)) c = COST.word
    else if (PLACE.test(prev.text) && HAN.test(next.text.slice(0, 1))) c = COST.place
    else {
      const before = wordBefore.get(at) ?? ''
      // A single character after the break is usually a suffix of the word before it: allowed but
      // dear, unless a known word starts there (招聘|编外聘用人员).
      const after = wordAt.get(at) ?? ''
      const single = (w: string) => [...w].length === 1 && HAN.test(w) && !FUNCTION_CHARS.has(w)
      // …and a single character before it usually the head of the word after it (竹|纤维).
      c = TAIL.has(before) ? 0 : termStart.has(at) || glued.has(at) ? 5 : single(after) || single(before) ? 25 : 10
    }
    if (Number.isFinite(c) && group[at] === 1) c += COST.group
    cost.push(c)
    split.push(!Number.isFinite(c) || inside[at] === 1 || group[at] === 1 || (!boundary.has(at) && !PAUSE.test(prev.text) && !CLOSE.test(prev.text) && !OPEN.test(next.text) && !isSpace(prev)))
  }
  return { cost, split }
}

/** 梯形或菱形: a top line much longer than the rest (倒梯形) or a waist narrower than both neighbours (沙漏形) costs extra. */
function shapeCost(widths: readonly number[], em: number): number {
  let c = 0
  const k = widths.length
  if (k === 2 && widths[0]! > widths[1]! + 2 * em) c += 15
  if (k >= 3) {
    if (widths.slice(1).every((w) => widths[0]! > w + 2 * em)) c += 15
    for (let j = 1; j < k - 1; j++) if (widths[j]! < widths[j - 1]! - em && widths[j]! < widths[j + 1]! - em) c += 30
  }
  return c
}

const EPS = 0.01

/**
 * Breaks a title given as atoms into the fewest lines that fit (one more when that keeps a name
 * whole), choosing whole words and balanced, trapezoid or diamond lines. Kinsoku always holds,
 * except for a single run wider than the measure, which is then cut where it must be.
 */
export function breakTitleAtoms<A extends TitleAtom>(atoms: readonly A[], options: TitleOptions): TitleBreak<TitleLine<A>> {
  const n = atoms.length
  const max = options.maxWidth
  // Prefix sums of widths and of visible characters, so that a line's measure is two lookups.
  const sumW = new Float64Array(n + 1)
  const sumV = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    sumW[i + 1] = sumW[i]! + atoms[i]!.width
    sumV[i + 1] = sumV[i]! + (VISIBLE.test(atoms[i]!.text) ? [...atoms[i]!.text].length : 0)
  }
  const trimEnd = (from: number, to: number) => {
    while (to > from && isSpace(atoms[to - 1]!)) to--
    return to
  }
  const width = (from: number, to: number) => sumW[trimEnd(from, to)]! - sumW[from]!
  // A single atom wider than the measure (a long URL set as one word) still takes a line of its own.
  const fits = (from: number, to: number) => to - from === 1 || width(from, to) <= max + EPS
  const line = (from: number, to: number): TitleLine<A> => ({ atoms: atoms.slice(from, trimEnd(from, to)), width: width(from, to) })
  if (n === 0) return { lines: [{ atoms: [], width: 0 }], whole: true }
  if (width(0, n) <= max + EPS) return { lines: [line(0, n)], whole: true }

  const costs = breakCosts(atoms, options.keep ?? [])
  let cost = costs.cost
  const em = options.em ?? Math.max(...atoms.map((a) => a.width))
  const visible = sumV[n]!
  // The fewest lines with breaks kinsoku allows; when a run is wider than the measure, with any break.
  const fewest = (costs: readonly number[]): number => {
    const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY)
    best[0] = 0
    for (let j = 1; j <= n; j++) {
      if (j < n && !Number.isFinite(costs[j]!)) continue
      for (let i = j - 1; i >= 0; i--) {
        if (!fits(i, j)) break
        if (i > 0 && !Number.isFinite(costs[i]!)) continue
        if (best[i]! + 1 < best[j]!) best[j] = best[i]! + 1
      }
    }
    return best[n]!
  }
  let k = fewest(cost)
  if (!Number.isFinite(k)) {
    cost = cost.map((c) => (Number.isFinite(c) ? c : 1e6))
    k = fewest(cost)
  }

  let bestEnds: number[] | undefined
  let bestCost = Number.POSITIVE_INFINITY
  // Few enough to try them all (a title is under a hundred atoms and the measure prunes most
  // ends); the search stops early on any partial breaking already dearer than the best.
  const search = (lines: number, extra: number) => {
    const ideal = width(0, n) / lines
    const ends: number[] = []
    const widths: number[] = []
    const lineCost = (from: number, to: number, w: number) => {
      const dev = (w - ideal) / em
      const v = sumV[to]! - sumV[from]!
      return 2 * dev * dev + (v <= 1 && visible > 1 ? COST.lone : 0)
    }
    const visit = (start: number, spent: number) => {
      if (spent >= bestCost) return
      if (ends.length === lines - 1) {
        const w = width(start, n)
        if (!fits(start, n)) return
        const c = spent + lineCost(start, n, w) + shapeCost([...widths, w], em)
        if (c < bestCost) {
          bestCost = c
          bestEnds = [...ends, n]
        }
        return
      }
      for (let i = start + 1; i < n; i++) {
        const w = width(start, i)
        if (!fits(start, i)) break
        if (!Number.isFinite(cost[i]!)) continue
        ends.push(i)
        widths.push(w)
        visit(i, spent + cost[i]! + lineCost(start, i, w))
        ends.pop()
        widths.pop()
      }
    }
    visit(0, extra)
  }
  // Titles of many lines (a cover's long title being cut down) are too many breakings to try:
  // dynamic programming over (end, lines) finds the cheapest without the shape's cost.
  const program = (lines: number, extra: number) => {
    const ideal = width(0, n) / lines
    const best: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY))
    const from: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(-1))
    best[0]![0] = extra
    for (let m = 1; m <= lines; m++) {
      for (let j = 1; j <= n; j++) {
        if (j < n && !Number.isFinite(cost[j]!)) continue
        for (let i = j - 1; i >= 0; i--) {
          if (!fits(i, j)) break
          const before = best[m - 1]![i]!
          if (!Number.isFinite(before)) continue
          const dev = (width(i, j) - ideal) / em
          const v = sumV[j]! - sumV[i]!
          const c = before + (i > 0 ? cost[i]! : 0) + 2 * dev * dev + (v <= 1 && visible > 1 ? COST.lone : 0)
          if (c < best[m]![j]!) {
            best[m]![j] = c
            from[m]![j] = i
          }
        }
      }
    }
    if (!(best[lines]![n]! < bestCost)) return
    const ends: number[] = []
    for (let m = lines, j = n; m > 0; j = from[m]![j]!, m--) ends.unshift(j)
    bestCost = best[lines]![n]!
    bestEnds = ends
  }
  const exhaustive = n <= 80 && k + 1 <= 5
  for (const [lines, extra] of [
    [k, 0],
    [k + 1, COST.extraLine],
  ] as const) {
    if (lines > n) continue
    if (exhaustive) search(lines, extra)
    else program(lines, extra)
  }
  if (bestEnds === undefined) return { lines: [line(0, n)], whole: false }
  const lines: TitleLine<A>[] = []
  let start = 0
  let whole = true
  for (const end of bestEnds) {
    if (end < n && costs.split[end] === true) whole = false
    if (sumV[end]! - sumV[start]! <= 1 && visible > 1) whole = false
    lines.push(line(start, end))
    start = end
  }
  return { lines, whole }
}

/**
 * Breaks a title into lines of text that fit `maxWidth` as `measure` measures them: whole words
 * and names, balanced lines. One atom per character (a Latin word or a number stays whole by
 * kinsoku); a `\n` in the title is kept as a break of its own.
 */
export function breakTitle(text: string, options: TextTitleOptions): TitleBreak<string> {
  const lines: string[] = []
  let whole = true
  for (const part of text.split('\n')) {
    const atoms = [...part].map((ch) => ({ text: ch, width: options.measure(ch) }))
    const broken = breakTitleAtoms(atoms, options)
    whole &&= broken.whole
    for (const l of broken.lines) lines.push(l.atoms.map((a) => a.text).join(''))
  }
  return { lines, whole }
}
