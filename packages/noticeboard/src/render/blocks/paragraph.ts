/** `paragraph`: justified on the 28-character grid with a two-character first-line indent. An image standing alone is set as a figure. */
import type { Paragraph, PhrasingContent } from 'mdast'
import type { BlockHandler } from '../state.js'
import { setText } from '../set-text.js'
import { STYLES } from '../state.js'
import { setImage } from './image.js'

/** Sets a paragraph; images in it become figures between the runs of text around them. */
export const paragraph: BlockHandler<Paragraph> = (node, state, frame) => {
  let run: PhrasingContent[] = []
  const flush = () => {
    const pieces = state.inline(run, STYLES.body, [])
    run = []
    if (pieces.every((p) => p.text.trim() === '')) return
    state.sheet.snap()
    setText(pieces, state, frame, { style: STYLES.body, align: 'justify', indent: frame.indent ? 2 * STYLES.body.size : 0 })
  }
  for (const child of node.children) {
    if (child.type === 'image') {
      flush()
      setImage(child, state, frame)
    } else run.push(child)
  }
  flush()
}
