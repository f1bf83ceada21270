/** The registry of inline handlers: one per mdast phrasing node type, each appending pieces. */
import type { PhrasingContent } from 'mdast'
import type { Piece, TextStyle } from '../layout/text.js'
import type { RenderState } from './state.js'
import { hardBreak } from './inline/break.js'
import { del } from './inline/delete.js'
import { emphasis } from './inline/emphasis.js'
import { footnoteReference } from './inline/footnote-reference.js'
import { inlineImage } from './inline/image.js'
import { inlineCode } from './inline/inline-code.js'
import { link } from './inline/link.js'
import { strong } from './inline/strong.js'
import { text } from './inline/text.js'

/** Appends the pieces of one phrasing node. */
export type InlineHandler<N extends PhrasingContent = PhrasingContent> = (node: N, state: RenderState, style: TextStyle, out: Piece[]) => void

type Registry = { [K in PhrasingContent['type']]?: InlineHandler<Extract<PhrasingContent, { type: K }>> }

const HANDLERS: Registry = {
  text,
  strong,
  emphasis,
  delete: del,
  inlineCode,
  link,
  linkReference: (node, state, style, out) => setInline(node.children, state, style, out),
  break: hardBreak,
  footnoteReference,
  image: inlineImage,
  imageReference: (node, _state, style, out) => void out.push({ text: `［图：${node.alt ?? ''}］`, style }),
}

/** Appends the pieces of phrasing nodes (unknown node types set nothing). */
export function setInline(nodes: readonly PhrasingContent[], state: RenderState, style: TextStyle, out: Piece[]): Piece[] {
  for (const node of nodes) {
    const handler = HANDLERS[node.type] as InlineHandler | undefined
    if (handler !== undefined) handler(node, state, style, out)
  }
  return out
}
