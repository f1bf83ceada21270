/** `thematicBreak`: a thin rule across the frame, one grid line high. */
import type { ThematicBreak } from 'mdast'
import type { BlockHandler } from '../state.js'

/** Draws a rule. */
export const thematicBreak: BlockHandler<ThematicBreak> = (_node, state, frame) => {
  const sheet = state.sheet
  sheet.snap()
  sheet.ensure(sheet.g.pitch)
  const y = sheet.y + sheet.g.pitch / 2
  sheet.doc
    .save()
    .moveTo(frame.left, y)
    .lineTo(frame.left + frame.width, y)
    .lineWidth(0.5)
    .strokeColor('#000000')
    .stroke()
    .restore()
  sheet.y += sheet.g.pitch
}
