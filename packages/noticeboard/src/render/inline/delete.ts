/** `delete`: struck through. */
import type { Delete } from 'mdast'
import type { InlineHandler } from '../inline.js'
import { setInline } from '../inline.js'

/** Sets deleted text with a line through it. */
export const del: InlineHandler<Delete> = (node, state, style, out) => {
  setInline(node.children, state, { ...style, strike: true }, out)
}
