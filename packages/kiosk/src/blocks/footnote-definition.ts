/** A footnote: a note paragraph `[n] text` at the end of the body. */
import type { FootnoteDefinition } from 'mdast'
import { toMarkup } from '../markup.js'
import type { Block, BlockHandler } from './types.js'

/** Footnote definition handler. */
export const footnoteDefinition: BlockHandler = (node, ctx) => {
  const def = node as FootnoteDefinition
  const out: Block[] = []
  let first = true
  for (const child of def.children) {
    if (child.type === 'paragraph') {
      const label = first ? toMarkup(`[${def.label ?? def.identifier}] `, ctx.fonts, ctx.fonts.sans, ctx.missing) : ''
      out.push({ kind: 'text', role: 'note', markup: `${label}${ctx.inline(child.children)}`, indent: 0 })
      first = false
    } else out.push(...ctx.blocks(child, ctx.depth))
  }
  return out
}
