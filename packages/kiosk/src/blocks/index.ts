/** The registry of block handlers (one file per mdast node type) and the walk over a body. */
import type { FontSet } from '@gongkai/fonts'
import type { Nodes, Root } from 'mdast'
import { blockquote } from './blockquote.js'
import { code } from './code.js'
import { footnoteDefinition } from './footnote-definition.js'
import { heading } from './heading.js'
import { inlineMarkup } from './inline.js'
import { list } from './list.js'
import { paragraph } from './paragraph.js'
import { table } from './table.js'
import type { Block, BlockContext, BlockHandler } from './types.js'

/** Handlers by mdast node type; nodes without one (thematic breaks, definitions, raw HTML) make no block. */
export const HANDLERS: Readonly<Record<string, BlockHandler>> = {
  paragraph,
  heading,
  list,
  blockquote,
  code,
  table,
  footnoteDefinition,
}

/** The blocks of a parsed body, in order; footnotes go last, as on the page. */
export function toBlocks(tree: Root, fonts: FontSet, missing: Set<string>): Block[] {
  const numbers = new Map<Nodes, number>()
  const count = (node: Nodes) => {
    if (node.type === 'table') numbers.set(node, numbers.size + 1)
    if ('children' in node) for (const c of node.children as Nodes[]) count(c)
  }
  // Numbered as the web page numbers them: footnotes (and any table in one) come last there too.
  for (const n of tree.children) if (n.type !== 'footnoteDefinition') count(n)
  for (const n of tree.children) if (n.type === 'footnoteDefinition') count(n)
  const make = (depth: number): BlockContext => ({
    fonts,
    tableNumber: (node) => numbers.get(node) ?? 0,
    missing,
    depth,
    inline: (nodes, bold = false) => inlineMarkup(nodes, fonts, missing, bold),
    blocks: (node: Nodes, d = depth) => {
      const handler = HANDLERS[node.type]
      if (handler === undefined) return []
      const line = node.position?.start.line
      // The innermost node gives a block its line (nested handlers ran first).
      return handler(node, make(d)).map((b) => (b.line !== undefined || line === undefined ? b : { ...b, line }))
    },
  })
  const ctx = make(0)
  const notes = tree.children.filter((n) => n.type === 'footnoteDefinition')
  return [...tree.children.filter((n) => n.type !== 'footnoteDefinition'), ...notes].flatMap((n) => ctx.blocks(n))
}

export type { Block, BlockContext, BlockHandler, ChartBlock, TableBlock, TextBlock } from './types.js'
