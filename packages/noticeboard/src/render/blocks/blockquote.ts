/**
 * `blockquote`: set apart from what comes before and after it by a blank grid line, every line
 * two characters in, with a thin rule down its left side on every page it runs over, so that a
 * quote after a list reads as a quote and not as the list's last item running on.
 */
import type { Blockquote } from 'mdast'
import { textWriter } from '../../layout/text-writer.js'
import type { BlockHandler } from '../state.js'
import { MIN_TEXT, STYLES } from '../state.js'

/** Sets the quoted blocks in a narrower frame, without first-line indents. */
export const blockquote: BlockHandler<Blockquote> = (node, state, frame, next, previous) => {
  const sheet = state.sheet
  // Nested quotes step in only while half a line is left (see list.ts).
  const inset = Math.max(0, Math.min(2 * STYLES.body.size, frame.width - MIN_TEXT * STYLES.body.size))
  sheet.snap()
  // A heading already stands apart from what follows it.
  if (previous !== undefined && previous.type !== 'heading') sheet.skip(1)
  const x = frame.left + inset / 2
  // The rule runs along the glyphs, not the whole line boxes.
  const trim = (sheet.g.pitch - STYLES.body.size) / 2
  const rule = (from: number, to: number) => {
    if (to - from < 2 * trim + 1) return
    sheet.doc
      .save()
      .moveTo(x, from + trim)
      .lineTo(x, to - trim)
      .lineWidth(1)
      .strokeColor('#808080')
      .stroke()
      .restore()
  }
  let open = true
  let page = sheet.pages
  let top = sheet.y
  // A page that ends inside the quote gets its part of the rule then: pdfkit cannot go back to it.
  const watch = () =>
    textWriter(sheet.doc).atPageEnd(() => {
      if (!open) return
      if (sheet.pages === page) rule(top, sheet.y)
      page = sheet.pages + 1
      top = sheet.top
      watch()
    })
  if (sheet.pages > 0) watch()
  state.all(node.children, { left: frame.left + inset, width: frame.width - inset, indent: false })
  open = false
  if (sheet.pages === page) rule(top, sheet.y)
  if (next !== undefined) sheet.skip(1)
}
