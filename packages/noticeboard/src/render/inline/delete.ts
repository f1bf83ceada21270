/** `delete`: struck through. */
import type { Delete } from 'mdast'
import type { InlineHandler } from '../state.js'

/** Sets deleted text with a line through it. */
export const del: InlineHandler<Delete> = (node, state, style, out) => {
  state.inline(node.children, { ...style, strike: true }, out)
}
