/** `blockquote`: indented two characters on the left. */
import type { Blockquote } from 'mdast'
import type { BlockHandler } from '../blocks.js'
import { setBlocks } from '../blocks.js'
import { STYLES } from '../state.js'

/** Sets the quoted blocks in a narrower frame. */
export const blockquote: BlockHandler<Blockquote> = (node, state, frame) => {
  const inset = 2 * STYLES.body.size
  setBlocks(node.children, state, { left: frame.left + inset, width: frame.width - inset, indent: frame.indent })
}
