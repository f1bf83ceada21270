/** code: a scrolling monospace block (the editor keeps `<pre>` whitespace). */
import type { Code } from 'mdast'
import { escapeHtml } from '../escape.js'
import { STYLE } from '../theme.js'

/** Renders a code block. */
export function code(node: Code): string {
  return `<pre style="${STYLE.pre}">${escapeHtml(node.value)}</pre>`
}
