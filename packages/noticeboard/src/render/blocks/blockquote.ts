/** `blockquote`: indented two characters on the left. */
import type { Blockquote } from 'mdast'
import type { BlockHandler } from '../state.js'
import { MIN_TEXT, STYLES } from '../state.js'

/** Sets the quoted blocks in a narrower frame. */
export const blockquote: BlockHandler<Blockquote> = (node, state, frame) => {
  // Nested quotes step in only while half a line is left (see list.ts).
  const inset = Math.max(0, Math.min(2 * STYLES.body.size, frame.width - MIN_TEXT * STYLES.body.size))
  state.all(node.children, { left: frame.left + inset, width: frame.width - inset, indent: frame.indent })
}
