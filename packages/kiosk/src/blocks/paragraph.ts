/** A paragraph: justified, with the two-character first-line indent of Chinese prose. */
import type { Paragraph } from 'mdast'
import type { BlockHandler } from './types.js'

/** Paragraph handler. */
export const paragraph: BlockHandler = (node, ctx) => {
  const markup = ctx.inline((node as Paragraph).children)
  if (markup.trim() === '') return []
  return [{ kind: 'text', role: 'paragraph', markup: ctx.depth === 0 ? `\u3000\u3000${markup}` : markup, indent: ctx.depth }]
}
