/**
 * `list` (and its `listItem`s): the marker stands at the paragraph indent and the text hangs after
 * it on the next whole grid cell; nested lists step in with their parent's text.
 */
import type { List } from 'mdast'
import type { BlockHandler } from '../state.js'
import { MIN_TEXT, STYLES } from '../state.js'

/** Sets each item with its marker: `1.` for ordered lists, `●` otherwise, `［√］`/`［　］` for tasks. */
export const list: BlockHandler<List> = (node, state, frame) => {
  const em = STYLES.body.size
  const markerX = frame.left + (frame.indent ? 2 * em : 0)
  const start = node.start ?? 1
  const widthOf = (text: string) => {
    let w = 0
    for (const ch of text) w += state.book.advance('serif', ch.codePointAt(0) ?? 0) * em
    return w
  }
  const marks = node.children.map((item, i) => (item.checked === true ? '［√］' : item.checked === false ? '［　］' : node.ordered === true ? `${start + i}.` : '●'))
  // Markers take whole grid cells so that the text stays on the 28-character grid.
  const cells = Math.max(1, ...marks.map((m) => Math.ceil((widthOf(m) + 0.25 * em) / em - 0.01)))
  // Deep nesting steps in only while half a line is left: deeper levels keep that column (a
  // frame that narrows on would leave no room for text, and core allows 32 levels).
  const shift = Math.max(0, markerX + cells * em - (frame.left + frame.width - MIN_TEXT * em))
  const textLeft = markerX - shift + cells * em
  const inner = { left: textLeft, width: frame.left + frame.width - textLeft, indent: false }
  node.children.forEach((item, i) => {
    state.marker = { text: marks[i]!, x: markerX - shift, style: STYLES.body }
    state.all(item.children, inner)
    state.marker = undefined
  })
}
