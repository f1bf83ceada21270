/** blockquote: a tinted section with a grey rule on the left. */
import type { Blockquote } from 'mdast'
import type { RenderState } from '../state.js'
import { STYLE } from '../theme.js'

/** Renders a blockquote; its last paragraph loses its bottom margin. */
export function blockquote(node: Blockquote, state: RenderState): string {
  const inner = state.all(node).replace(/<p style="margin:0 0 16px;">((?:(?!<p ).)*)<\/p>$/s, '<p style="margin:0;">$1</p>')
  return `<section style="${STYLE.quote}">${inner}</section>`
}
