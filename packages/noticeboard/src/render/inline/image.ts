/** `image` inside running text (an image in a paragraph of its own is a block: see blocks/image.ts). */
import type { Image } from 'mdast'
import type { InlineHandler } from '../state.js'

/** Prints `［图：alt］` where an image stands inside a line of text. */
export const inlineImage: InlineHandler<Image> = (node, _state, style, out) => {
  out.push({ text: `［图：${node.alt ?? ''}］`, style })
}
