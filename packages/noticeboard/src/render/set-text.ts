/** Sets pieces of text as lines on the sheet's grid: what block handlers and the sheet's own parts share. */
import type { Align, Line, Piece, TextStyle } from '../layout/text.js'
import { atomize, breakLines, drawLine } from '../layout/text.js'
import type { Frame, RenderState } from './state.js'

/** Options of `setText`. */
export interface SetTextOptions {
  readonly style: TextStyle
  readonly align: Align
  /** First-line indent in points. */
  readonly indent: number
  readonly pitch?: number
  /** Lines that must fit on the page before the first is set (keep-with-next). */
  readonly keep?: number
}

/** Breaks pieces into lines within the frame and sets them on the grid; returns the lines. */
export function setText(pieces: readonly Piece[], state: RenderState, frame: Frame, o: SetTextOptions): Line[] {
  const atoms = atomize(pieces, state.book, frame.width, (m) => state.missing(m))
  const lines = breakLines(atoms, frame.width - o.indent, frame.width)
  const sheet = state.sheet
  // Read at each use: a sheet whose plan tightens its last page changes pitch at that page's break.
  const pitchNow = () => o.pitch ?? sheet.g.pitch
  if (o.keep !== undefined && !sheet.fresh && sheet.room < (lines.length + o.keep) * pitchNow() - 0.01) sheet.newPage()
  const marker = state.marker
  state.marker = undefined
  lines.forEach((line, i) => {
    // No paragraph leaves its first line alone at a page's foot, nor its last line alone at the
    // top of the next: the line goes over with its neighbour.
    // A three-line paragraph is not split at all (1 + 2 and 2 + 1 both leave one alone).
    const fits = (n: number) => sheet.room >= n * pitchNow() - 0.01
    const orphan = i === 0 && lines.length >= 2 && fits(1) && !fits(lines.length === 3 ? 3 : 2)
    const widow = i >= 2 && i === lines.length - 2 && fits(1) && !fits(2)
    if (!sheet.fresh && (orphan || widow)) sheet.newPage()
    sheet.ensureLine(line, pitchNow())
    const pitch = pitchNow()
    const baseline = sheet.baseline(sheet.y, pitch, o.style.size)
    if (i === 0 && marker !== undefined) {
      const markAtoms = atomize([{ text: marker.text, style: marker.style }], state.book, frame.width, (m) => state.missing(m))
      drawLine(sheet.doc, state.book, { atoms: markAtoms, width: markAtoms.reduce((s, a) => s + a.width, 0), last: true }, marker.x, baseline, frame.width, 'left')
    }
    const indent = i === 0 ? o.indent : 0
    drawLine(sheet.doc, state.book, line, frame.left + indent, baseline, frame.width - indent, o.align)
    sheet.y += pitch
  })
  return lines
}
