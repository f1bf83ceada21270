/** A heading: bold, in the accent colour, kept with what follows it. */
import type { Heading } from 'mdast'
import type { BlockHandler } from './types.js'

/** Heading handler. */
export const heading: BlockHandler = (node, ctx) => {
  const markup = ctx.inline((node as Heading).children, true)
  return markup.trim() === '' ? [] : [{ kind: 'text', role: 'heading', markup, indent: 0 }]
}
