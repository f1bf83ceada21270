/** A block quote: its blocks, indented one level. */
import type { Blockquote } from 'mdast'
import type { Block, BlockHandler } from './types.js'

/** Blockquote handler. */
export const blockquote: BlockHandler = (node, ctx) =>
  (node as Blockquote).children.flatMap((child): Block[] => ctx.blocks(child, ctx.depth + 1).map((b) => (b.kind === 'text' && b.role === 'paragraph' ? { ...b, role: 'quote' } : b)))
