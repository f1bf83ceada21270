/**
 * The notice box beside the QR code: the notice period and the objection line (异议), in 3号
 * (16 pt) like the body, so that a passer-by reads from a metre away when to object and to whom.
 */
import { formatChineseDate } from '@gongkai/core'
import type { Line, Piece, TextStyle } from '../layout/text.js'
import { atomize, breakLines, drawLine } from '../layout/text.js'
import type { RenderState } from './state.js'
import { STYLES } from './state.js'

/** 3号: the body's size on a public board. */
const SIZE = 16
const PERIOD: TextStyle = { face: 'sans', size: SIZE }
const OBJECTION: TextStyle = { face: STYLES.body.face, size: SIZE }
const PITCH = SIZE * 1.4
const PAD = 8

/** A notice box measured, ready to draw. */
export interface NoticeBox {
  readonly height: number
  /** Draws the box with its top left corner at (left, top). */
  draw(left: number, top: number): void
}

/** Measures the notice box `width` wide for a notice period; the objection line names the phone when there is one. */
export function noticeBox(state: RenderState, period: { readonly from: string; readonly until: string }, organ: string, phone: string | undefined, width: number): NoticeBox {
  const inner = width - 2 * PAD
  const pieces: Piece[][] = [
    [{ text: `公示期：${formatChineseDate(period.from)}至${formatChineseDate(period.until)}`, style: PERIOD }],
    [{ text: `如有异议，请在公示期内向${organ}反映${phone === undefined ? '' : `（电话：${phone}）`}。`, style: OBJECTION }],
  ]
  const lines: Line[] = pieces.flatMap((p) =>
    breakLines(
      atomize(p, state.book, inner, (m) => state.missing(m, '公示期')),
      inner,
      inner,
    ),
  )
  const height = lines.length * PITCH + 2 * PAD
  return {
    height,
    draw(left, top) {
      const doc = state.sheet.doc
      doc.save().rect(left, top, width, height).lineWidth(1.2).strokeColor('#000000').stroke().restore()
      lines.forEach((line, i) => drawLine(doc, state.book, line, left + PAD, state.sheet.baseline(top + PAD + i * PITCH, PITCH, SIZE), inner, 'left'))
    },
  }
}
