/**
 * Table columns sized by their content. As in CSS automatic table layout, a column is never
 * narrower than its longest unbreakable word and never wider than it needs while others want room;
 * unlike CSS, the room between is not shared in proportion but given where it saves the most
 * lines: a width that would leave 处理 / 厂 on two lines goes to that column, not to a header
 * that already fits. A cell that must wrap does not leave one character alone on its last line
 * when pulling one more character down keeps its line count.
 */
import type { Atom, Line } from './text.js'
import { breakLines } from './text.js'

/** The lines of one cell at one width. */
export interface CellBreak {
  readonly lines: Line[]
  /** Lines holding a single letter or digit (punctuation aside) below another line. */
  readonly lone: number
}

const LETTER = /[\p{L}\p{N}]/u

/** True when the line holds exactly one letter or digit (a quick count: it stops at the second). */
function alone(line: Line): boolean {
  if (line.atoms.length > 4) return false
  let n = 0
  for (const a of line.atoms) {
    if (a.kind === 'space' || a.kind === 'break') continue
    if (a.kind === 'word' && a.count > 1) return false
    for (const ch of a.text) if (LETTER.test(ch) && ++n > 1) return false
  }
  return n === 1
}

function widest(lines: readonly Line[]): number {
  let w = 0
  for (const l of lines) if (l.width > w) w = l.width
  return w
}

function loneLines(lines: readonly Line[]): number {
  let n = 0
  for (let i = 1; i < lines.length; i++) if (alone(lines[i]!)) n++
  return n
}

/**
 * Breaks a cell within `width`. When a wrapped line would hold one character alone, the lines are
 * broken a little narrower so that the character takes a neighbour with it, if that keeps the count.
 */
export function breakCell(atoms: readonly Atom[], width: number): CellBreak {
  const lines = breakLines(atoms, width, width)
  let lone = loneLines(lines)
  if (lone === 0 || lines.length < 2) return { lines, lone }
  let best = lines
  let w = width
  for (let tries = 0; tries < 4 && lone > 0; tries++) {
    w = Math.min(w, widest(best)) - 0.5
    if (w <= 0) break
    const next = breakLines(atoms, w, w)
    if (next.length !== lines.length) break
    const n = loneLines(next)
    if (n < lone) {
      best = next
      lone = n
    }
  }
  return { lines: best, lone }
}

interface State {
  /** The narrowest inner width this breaking holds at. */
  readonly key: number
  readonly lines: number
  readonly lone: number
}

/** A cell's breakings, widest first, found lazily as its column narrows. */
class Cell {
  readonly #atoms: readonly Atom[]
  readonly #floor: number
  readonly states: State[] = []
  #done = false
  /** Cursors of `below` and `at`. */
  #i = 0
  #j = 0

  constructor(atoms: readonly Atom[], from: number, floor: number) {
    this.#atoms = atoms
    this.#floor = floor
    this.#probe(from)
  }

  #probe(p: number): void {
    const cell = breakCell(this.#atoms, p)
    const key = Math.max(this.#floor, Math.min(p, widest(cell.lines)))
    this.states.push({ key, lines: cell.lines.length, lone: cell.lone })
    if (key <= this.#floor + 0.01) this.#done = true
  }

  /** The widest key below `w`, or undefined when the cell cannot get narrower (asked with `w` only falling). */
  below(w: number): number | undefined {
    for (;;) {
      while (this.#i < this.states.length && this.states[this.#i]!.key >= w - 0.01) this.#i++
      if (this.#i < this.states.length) return this.states[this.#i]!.key
      if (this.#done) return undefined
      // Straight to just below `w`: the breakings between are of no use to the column.
      this.#probe(Math.max(this.#floor, Math.min(this.states[this.states.length - 1]!.key, w) - 0.5))
    }
  }

  /** The breaking at inner width `w` (the narrowest known when `w` is below them all; asked with `w` only falling). */
  at(w: number): State {
    while (this.#j + 1 < this.states.length && this.states[this.#j]!.key > w + 0.01) this.#j++
    return this.states[this.#j]!
  }
}

/** A column at one width: each row's line count, and what its own cells cost. */
interface Option {
  readonly inner: number
  readonly lines: readonly number[]
  readonly own: number
}

// What a point of width buys: a line of table height outweighs any number of lines saved inside
// cells whose row stays as tall, and a character alone on a line (序 / 号, 大 / 气) costs three.
const ROW_LINE = 8
const LONE = 24

/** A column's options from its natural width down to its floor, found as the search asks for them. */
class Column {
  readonly options: Option[] = []
  readonly #cells: Cell[]
  #end = false
  readonly #step: number

  constructor(cells: Cell[], from: number, step: number) {
    this.#cells = cells
    this.#step = step
    this.options.push(this.#option(from))
  }

  #option(inner: number): Option {
    const lines = new Array<number>(this.#cells.length)
    let own = 0
    this.#cells.forEach((cell, r) => {
      const s = cell.at(inner)
      lines[r] = s.lines
      own += s.lines + LONE * s.lone
    })
    return { inner, lines, own }
  }

  /** The `k`th option, widest first (0 is the natural width), if the column gets that narrow. */
  get(k: number): Option | undefined {
    while (!this.#end && this.options.length <= k) {
      const w = this.options[this.options.length - 1]!.inner
      let next: number | undefined
      // Options at least half a character apart: finer steps cost time and save nothing visible.
      for (const cell of this.#cells) {
        const b = cell.below(w - this.#step)
        if (b !== undefined && (next === undefined || b > next)) next = b
      }
      if (next === undefined) this.#end = true
      else this.options.push(this.#option(next))
    }
    return this.options[k]
  }
}

/**
 * Widths of the columns of a table `width` wide, each cell given as its atoms (measured at the
 * table's width); `pad` is the padding on each side of a cell, `em` the cells' type size.
 */
export function columnWidths(cells: readonly (readonly (readonly Atom[])[])[], columns: number, width: number, pad: number, em: number): number[] {
  const rows = cells.length
  const natural = new Array<number>(columns).fill(em)
  const least = new Array<number>(columns).fill(em)
  const atomsOf = (r: number, c: number): readonly Atom[] => cells[r]?.[c] ?? []
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      let line = 0
      let word = 0
      for (const a of atomsOf(r, c)) {
        if (a.kind === 'break') {
          natural[c] = Math.max(natural[c]!, line)
          line = 0
          continue
        }
        line += a.width
        if (a.kind !== 'space' && a.width > word) word = a.width
      }
      natural[c] = Math.max(natural[c]!, line)
      // The longest word sets the floor, though never more than half the table: a URL breaks rather than starve the other columns.
      least[c] = Math.max(least[c]!, Math.min(word, width / 2 - 2 * pad))
    }
  }
  const outer = (inner: number) => inner + 2 * pad
  const sumLeast = least.reduce((s, w) => s + outer(w), 0)
  const sumNatural = natural.reduce((s, w) => s + outer(w), 0)
  // Everything fits on one line: the spare width goes in proportion, as browsers share it.
  if (sumNatural <= width + 0.01) return natural.map((w) => (outer(w) * width) / sumNatural)
  if (sumLeast >= width) return least.map((w) => (outer(w) * width) / sumLeast)

  const cols = natural.map((n, c) => {
    const most = Math.min(n, width - (sumLeast - outer(least[c]!)) - 2 * pad)
    return new Column(
      Array.from({ length: rows }, (_, r) => new Cell(atomsOf(r, c), most, least[c]!)),
      most,
      em / 2,
    )
  })
  // Options run widest first: pick[c] = 0 is the column at its natural width.
  const pick = new Array<number>(columns).fill(0)
  const innerOf = (c: number) => cols[c]!.options[pick[c]!]!.inner
  const used = () => pick.reduce((s, _, c) => s + outer(innerOf(c)), 0)
  /** Per row, the tallest cell outside columns `a` and `b`. */
  const tallestBut = (a: number, b = -1) => {
    const high = new Array<number>(rows).fill(1)
    for (let c = 0; c < columns; c++) {
      if (c === a || c === b) continue
      const lines = cols[c]!.options[pick[c]!]!.lines
      for (let r = 0; r < rows; r++) if (lines[r]! > high[r]!) high[r] = lines[r]!
    }
    return high
  }
  const priced = (high: readonly number[], x: Option, y?: Option) => {
    let cost = x.own + (y?.own ?? 0)
    for (let r = 0; r < rows; r++) cost += ROW_LINE * Math.max(high[r]!, x.lines[r]!, y?.lines[r] ?? 0)
    return cost
  }
  const STEPS = 6
  // Narrow the columns from their natural widths until the table fits, each step where a point
  // costs the fewest lines (looking a few steps ahead, so a plateau does not hide a cheap move).
  let over = used() - width
  for (let guard = 0; guard < 5000 && over > 0.01; guard++) {
    let best: { c: number; k: number; ratio: number } | undefined
    for (let c = 0; c < columns; c++) {
      const high = tallestBut(c)
      const col = cols[c]!
      const now = priced(high, col.options[pick[c]!]!)
      for (let k = pick[c]! + 1; k <= pick[c]! + STEPS; k++) {
        const o = col.get(k)
        if (o === undefined) break
        const freed = innerOf(c) - o.inner
        const ratio = (priced(high, o) - now) / Math.min(freed, over)
        if (best === undefined || ratio < best.ratio - 1e-9) best = { c, k, ratio }
      }
    }
    if (best === undefined) break
    over -= innerOf(best.c) - cols[best.c]!.options[best.k]!.inner
    pick[best.c] = best.k
  }
  // Then width moves from one column to another, or from what is left over, while that saves lines
  // (greedy narrowing follows the first cheap steps and can strand a column one character short).
  for (let round = 0; round < 100; round++) {
    let swap: { a: number; ka: number; b: number; kb: number; saved: number } | undefined
    for (let a = 0; a < columns; a++) {
      for (let b = 0; b < columns; b++) {
        if (b === a) continue
        const high = tallestBut(a, b)
        const ca = cols[a]!
        const cb = cols[b]!
        const now = priced(high, ca.options[pick[a]!]!, cb.options[pick[b]!])
        // a as it is (b grows into spare width) or a few steps narrower.
        for (let ka = pick[a]!; ka <= pick[a]! + 3; ka++) {
          const oa = ca.get(ka)
          if (oa === undefined) break
          const room = width - used() + innerOf(a) - oa.inner
          // b takes the widest of its options that the freed room allows.
          let kb = pick[b]!
          while (kb > 0 && cb.options[kb - 1]!.inner - innerOf(b) <= room + 0.01) kb--
          const saved = now - priced(high, oa, cb.options[kb])
          if (saved > (swap?.saved ?? 0)) swap = { a, ka, b, kb, saved }
        }
      }
    }
    if (swap === undefined) break
    pick[swap.a] = swap.ka
    pick[swap.b] = swap.kb
  }
  // What no column can use is shared in proportion to the widths, as browsers do.
  const inner = pick.map((_, c) => innerOf(c))
  const total = inner.reduce((s, w) => s + outer(w), 0)
  return inner.map((w) => (outer(w) * width) / total)
}
