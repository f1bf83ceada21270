/**
 * What one publication may take on a kiosk: slides, table rows, and the length of text set at
 * once. A hall screen shows a publication for a minute or two; the full text is on the website,
 * behind the QR code on the title slide. The limits also bound the work and the memory of a
 * build, whatever the size of the file.
 */
import type { Block, TextBlock } from './blocks/index.js'

/**
 * Slides per publication, the title slide and the closing notice included: at the default 12 s
 * a slide, four minutes, longer than anyone stands before a screen.
 */
export const MAX_SLIDES = 20

/** Table rows per publication, all its tables together: about three slides of rows. */
export const MAX_TABLE_ROWS = 60

/** Characters of one text block set at once (a longer paragraph is set in pieces): about two slides. */
export const MAX_BLOCK_CHARS = 800

/** Table columns shown: past four a table is shown as cards, one line a column, and 24 lines fill a card. */
export const MAX_TABLE_COLUMNS = 24

/** Characters of one table cell shown; a longer cell ends with “…”. */
export const MAX_CELL_CHARS = 200

/** The blocks within the limits, and what was cut. */
export interface LimitedBlocks {
  readonly blocks: Block[]
  /** Table rows left out, and the file line of the first table that lost rows, columns or cell text. */
  readonly rowsCut: number
  readonly rowsLine: number | undefined
  /** Table columns left out past `MAX_TABLE_COLUMNS`, and cells cut short at `MAX_CELL_CHARS`. */
  readonly columnsCut: number
  readonly cellsCut: number
}

/** Where a piece of markup may end: after a sentence, a clause or a line. */
const BREAK_AFTER = new Set(['。', '；', '！', '？', '\n', '，', '、'])

/**
 * Splits Pango markup into pieces of at most about `max` visible characters, closing the spans
 * open at each cut and opening them again in the next piece; cuts fall after punctuation where
 * there is some in the last fifth of a piece.
 */
export function splitMarkup(markup: string, max = MAX_BLOCK_CHARS): string[] {
  const pieces: string[] = []
  const open: { name: string; tag: string }[] = []
  let piece = ''
  let visible = 0
  // The best place to cut in this piece: its length in `piece` and the spans open there.
  let mark: { at: number; open: { name: string; tag: string }[] } | undefined
  const cut = (at: number, spans: readonly { name: string; tag: string }[]) => {
    const head = piece.slice(0, at)
    const tail = piece.slice(at)
    pieces.push(
      head +
        [...spans]
          .reverse()
          .map((s) => `</${s.name}>`)
          .join(''),
    )
    piece = spans.map((s) => s.tag).join('') + tail
    visible = [...tail.replace(/<[^>]*>/g, '').replace(/&[^;\s]{1,10};/g, 'x')].length
    mark = undefined
  }
  for (let i = 0; i < markup.length;) {
    const c = markup[i] as string
    if (c === '<') {
      const end = markup.indexOf('>', i)
      const tag = markup.slice(i, end + 1)
      const name = /^<\/?([a-z_]+)/i.exec(tag)?.[1] ?? 'span'
      if (tag.startsWith('</')) open.pop()
      else if (!tag.endsWith('/>')) open.push({ name, tag })
      piece += tag
      i = end + 1
      continue
    }
    let ch: string
    if (c === '&') {
      const end = markup.indexOf(';', i)
      ch = end > i && end - i <= 10 ? markup.slice(i, end + 1) : c
    } else {
      const cp = markup.codePointAt(i) ?? 0
      ch = String.fromCodePoint(cp)
    }
    piece += ch
    i += ch.length
    visible++
    if (visible >= max * 0.8 && BREAK_AFTER.has(ch)) mark = { at: piece.length, open: [...open] }
    if (visible >= max) cut(mark?.at ?? piece.length, mark?.open ?? open)
  }
  if (piece.replace(/<[^>]*>/g, '') !== '' || pieces.length === 0) pieces.push(piece)
  return pieces
}

/** Caps table rows across the publication, table columns and cells, and sets long text blocks in pieces. */
export function limitBlocks(blocks: readonly Block[]): LimitedBlocks {
  const out: Block[] = []
  let rows = 0
  let rowsCut = 0
  let rowsLine: number | undefined
  let columnsCut = 0
  let cellsCut = 0
  // A cell too long to set is cut at a piece boundary (balanced markup) and ends with an ellipsis.
  const cell = (markup: string) => {
    const pieces = splitMarkup(markup, MAX_CELL_CHARS)
    if (pieces.length === 1) return markup
    cellsCut++
    return `${pieces[0] ?? ''}…`
  }
  const narrow = (r: readonly string[]) => r.slice(0, MAX_TABLE_COLUMNS).map(cell)
  for (const b of blocks) {
    // A chart slide is one slide whatever the length of its series.
    if (b.kind === 'chart') {
      out.push(b)
      continue
    }
    if (b.kind === 'table') {
      const room = Math.max(0, MAX_TABLE_ROWS - rows)
      if (b.rows.length > room) {
        rowsCut += b.rows.length - room
        rowsLine ??= b.line
      }
      if (room === 0 && b.rows.length > 0) continue
      rows += Math.min(room, b.rows.length)
      const before = columnsCut + cellsCut
      columnsCut += Math.max(0, b.header.length - MAX_TABLE_COLUMNS)
      out.push({ ...b, header: narrow(b.header), rows: b.rows.slice(0, room).map(narrow) })
      if (columnsCut + cellsCut > before) rowsLine ??= b.line
      continue
    }
    const pieces = splitMarkup(b.markup)
    if (pieces.length === 1) out.push(b)
    else pieces.forEach((markup, i): void => void out.push({ ...b, markup, ...(i === 0 ? {} : { continued: true }) } satisfies TextBlock))
  }
  return { blocks: out, rowsCut, rowsLine, columnsCut, cellsCut }
}
