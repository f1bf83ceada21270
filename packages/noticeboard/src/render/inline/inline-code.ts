/** `inlineCode`: the sans face, at the running size. */
import type { InlineCode } from 'mdast'
import type { InlineHandler } from '../state.js'

/** Sets inline code in the sans face. */
export const inlineCode: InlineHandler<InlineCode> = (node, state, style, out) => {
  const start = node.position?.start
  out.push({ text: node.value, style: { ...style, face: 'sans' }, ...(start === undefined ? {} : { line: start.line, column: start.column + 1 }) })
}
