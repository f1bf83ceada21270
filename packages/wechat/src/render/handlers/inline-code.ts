/** inlineCode: a monospace span. */
import type { InlineCode } from 'mdast'
import { escapeHtml } from '../escape.js'
import { STYLE } from '../theme.js'

/** Renders inline code. */
export function inlineCode(node: InlineCode): string {
  return `<span style="${STYLE.code}">${escapeHtml(node.value)}</span>`
}
