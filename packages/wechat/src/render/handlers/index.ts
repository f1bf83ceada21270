/** The registry of handlers, one per mdast node type (mdast-util-to-hast's shape). */
import type { Handler } from '../state.js'
import { blockquote } from './blockquote.js'
import { lineBreak } from './break.js'
import { code } from './code.js'
import { del } from './delete.js'
import { emphasis } from './emphasis.js'
import { footnoteReference } from './footnote-reference.js'
import { heading } from './heading.js'
import { image } from './image.js'
import { inlineCode } from './inline-code.js'
import { link, linkReference } from './link.js'
import { list } from './list.js'
import { paragraph } from './paragraph.js'
import { strong } from './strong.js'
import { table } from './table.js'
import { text } from './text.js'
import { thematicBreak } from './thematic-break.js'

const nothing: Handler = () => ''

/**
 * Node type → handler. Definitions and footnote definitions render nothing where they stand
 * (notes are gathered under 注释); other unknown parents render their children.
 */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  definition: nothing,
  footnoteDefinition: nothing,
  html: nothing,
  yaml: nothing,
  blockquote,
  break: lineBreak,
  code,
  delete: del,
  emphasis,
  footnoteReference,
  heading,
  image,
  imageReference: image,
  inlineCode,
  link,
  linkReference,
  list,
  paragraph,
  strong,
  table,
  text,
  thematicBreak,
}
