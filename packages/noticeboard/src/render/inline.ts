/** The registry of inline handlers: one per mdast phrasing node type, each appending pieces. */
import type { PhrasingContent } from 'mdast'
import type { InlineHandler } from './state.js'
import { hardBreak } from './inline/break.js'
import { del } from './inline/delete.js'
import { emphasis } from './inline/emphasis.js'
import { footnoteReference } from './inline/footnote-reference.js'
import { inlineImage } from './inline/image.js'
import { inlineCode } from './inline/inline-code.js'
import { link } from './inline/link.js'
import { strong } from './inline/strong.js'
import { text } from './inline/text.js'

type Registry = { [K in PhrasingContent['type']]?: InlineHandler<Extract<PhrasingContent, { type: K }>> }

/** The inline handler of each node type. */
export const INLINE_HANDLERS: Registry = {
  text,
  strong,
  emphasis,
  delete: del,
  inlineCode,
  link,
  linkReference: (node, state, style, out) => void state.inline(node.children, style, out),
  break: hardBreak,
  footnoteReference,
  image: inlineImage,
  imageReference: (node, _state, style, out) => void out.push({ text: `［图：${node.alt ?? ''}］`, style }),
}
