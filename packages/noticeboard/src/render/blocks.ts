/** The registry of block handlers: one per mdast block node type, each setting itself on the sheet. */
import type { RootContent } from 'mdast'
import type { BlockHandler } from './state.js'
import { blockquote } from './blocks/blockquote.js'
import { code } from './blocks/code.js'
import { heading } from './blocks/heading.js'
import { list } from './blocks/list.js'
import { paragraph } from './blocks/paragraph.js'
import { table } from './blocks/table.js'
import { thematicBreak } from './blocks/thematic-break.js'

type Registry = { [K in RootContent['type']]?: BlockHandler<Extract<RootContent, { type: K }>> }

/** The block handler of each node type. */
export const BLOCK_HANDLERS: Registry = {
  // footnoteDefinition and definition are collected before layout and set nothing in the flow.
  paragraph,
  heading,
  list,
  table,
  blockquote,
  code,
  thematicBreak,
}
