/** `footnoteReference`: a raised number; the note goes to the foot of the page the mark lands on. */
import type { FootnoteReference } from 'mdast'
import type { InlineHandler } from '../state.js'
import { STYLES } from '../state.js'

/** Numbers notes in order of first reference. */
export const footnoteReference: InlineHandler<FootnoteReference> = (node, state, style, out) => {
  let n = state.noteNumbers.get(node.identifier)
  if (n === undefined) {
    n = state.noteNumbers.size + 1
    state.noteNumbers.set(node.identifier, n)
  }
  const mark = style.size === STYLES.body.size ? STYLES.noteMark : { face: 'serif' as const, size: style.size * 0.6, rise: style.size * 0.4 }
  out.push({ text: `[${n}]`, style: mark, note: node.identifier })
}
