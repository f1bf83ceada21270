/** A code block: its text as is, line by line. */
import type { Code } from 'mdast'
import { toMarkup } from '../markup.js'
import type { BlockHandler } from './types.js'

/** Code handler. */
export const code: BlockHandler = (node, ctx) => {
  const value = (node as Code).value
  return value.trim() === '' ? [] : [{ kind: 'text', role: 'code', markup: toMarkup(value, ctx.fonts, ctx.fonts.sans, ctx.missing), indent: ctx.depth }]
}
