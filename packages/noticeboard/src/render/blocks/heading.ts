/**
 * `heading`: level one (# and ##) in the sans face (黑体), deeper levels in the bold serif, all at
 * the body size with the two-character indent as in official documents; never alone at a page's foot.
 */
import type { Heading } from 'mdast'
import type { BlockHandler } from '../state.js'
import { setText } from '../set-text.js'
import { STYLES } from '../state.js'

/** Sets a heading, keeping it with the two lines that follow it (four before a table or a figure). */
export const heading: BlockHandler<Heading> = (node, state, frame, next) => {
  const style = node.depth <= 2 ? STYLES.heading1 : STYLES.heading2
  const pieces = state.inline(node.children, style, [])
  state.sheet.snap()
  setText(pieces, state, frame, {
    style,
    align: 'left',
    indent: frame.indent ? 2 * style.size : 0,
    keep: next?.type === 'table' || (next?.type === 'paragraph' && next.children[0]?.type === 'image') ? 4 : 2,
  })
}
