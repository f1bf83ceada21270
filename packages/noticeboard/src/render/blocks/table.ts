/**
 * `table`: ruled on every side, cells wrapped, columns sized from their content, the header row
 * repeated at the top of every page the table runs onto; a row taller than a page is split.
 */
import type { AlignType, Table } from 'mdast'
import type { Line } from '../../layout/text.js'
import { atomize, drawLine } from '../../layout/text.js'
import { breakCell, columnWidths } from '../../layout/columns.js'
import type { BlockHandler } from '../state.js'
import { STYLES } from '../state.js'

const PAD = 4
const PITCH = STYLES.small.size * 1.45

interface Row {
  readonly cells: readonly (readonly Line[])[]
  readonly lines: number
}

function align(a: AlignType | undefined): 'left' | 'center' | 'right' {
  return a === 'center' ? 'center' : a === 'right' ? 'right' : 'left'
}

/** Sets a GFM table. */
export const table: BlockHandler<Table> = (node, state, frame) => {
  const sheet = state.sheet
  const columns = Math.max(1, ...node.children.map((r) => r.children.length))
  const styleOf = (r: number) => (r === 0 ? STYLES.smallBold : STYLES.small)
  const pieces = node.children.map((row, r) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = row.children[c]
      return cell === undefined ? [] : state.inline(cell.children, styleOf(r), [])
    }),
  )
  const measured = pieces.map((row) => row.map((p) => atomize(p, state.book, frame.width, (m) => state.missing(m))))
  const widths = columnWidths(measured, columns, frame.width, PAD, STYLES.small.size)
  const rows: Row[] = pieces.map((row) => {
    const cells = row.map((p, c) => {
      const inner = widths[c]! - 2 * PAD
      return breakCell(
        atomize(p, state.book, inner, () => {}),
        inner,
      ).lines
    })
    return { cells, lines: Math.max(1, ...cells.map((l) => l.length)) }
  })
  const aligns = Array.from({ length: columns }, (_, c) => align(node.align?.[c]))

  const drawRow = (row: Row, from: number, to: number, header: boolean) => {
    const height = (to - from) * PITCH + 2 * PAD
    const doc = sheet.doc
    let x = frame.left
    if (header) doc.save().rect(frame.left, sheet.y, frame.width, height).fillColor('#eeeeee').fill().restore()
    const lefts: number[] = []
    row.cells.forEach((lines, c) => {
      const w = widths[c]!
      for (let i = from; i < Math.min(to, lines.length); i++) {
        const top = sheet.y + PAD + (i - from) * PITCH
        drawLine(doc, state.book, lines[i]!, x + PAD, sheet.baseline(top, PITCH, STYLES.small.size), w - 2 * PAD, header ? 'center' : aligns[c]!)
      }
      lefts.push(x)
      x += w
    })
    // The borders are one path built after the text: a path may not enclose a text object.
    lefts.forEach((left, c) => doc.rect(left, sheet.y, widths[c]!, height))
    doc.lineWidth(0.6).strokeColor('#000000').stroke()
    sheet.y += height
  }
  const heightOf = (row: Row) => row.lines * PITCH + 2 * PAD
  const header = rows.length > 1 ? rows[0] : undefined
  const body = header === undefined ? rows : rows.slice(1)

  sheet.snap()
  // The header never stands alone at a page's foot.
  sheet.ensure((header === undefined ? 0 : heightOf(header)) + (body[0] === undefined ? 0 : Math.min(heightOf(body[0]), 3 * PITCH + 2 * PAD)))
  if (header !== undefined) drawRow(header, 0, header.lines, true)
  for (const row of body) {
    let from = 0
    while (from < row.lines) {
      const fit = Math.floor((sheet.room - 2 * PAD) / PITCH + 0.001)
      const rest = row.lines - from
      if (fit >= rest) {
        drawRow(row, from, row.lines, false)
        break
      }
      // Split only a row that could not fit on a page of its own.
      const pageLines = Math.floor((sheet.g.height - 2 * PAD - (header === undefined ? 0 : heightOf(header))) / PITCH)
      if (fit >= 1 && rest > pageLines) {
        drawRow(row, from, from + fit, false)
        from += fit
      }
      sheet.newPage()
      if (header !== undefined) drawRow(header, 0, header.lines, true)
    }
  }
  sheet.y += PAD
  sheet.snap()
}
