/** text: escaped; runs of whitespace from source line breaks are dropped between CJK characters. */
import type { Text } from 'mdast'
import { escapeHtml } from '../escape.js'

/** Renders a text node. */
export function text(node: Text): string {
  // A soft line break inside a Chinese paragraph is not a space in print.
  const joined = node.value.replace(/([\u3000-\u9fff\uff00-\uffef])\s*\n\s*([\u3000-\u9fff\uff00-\uffef])/g, '$1$2').replace(/\s*\n\s*/g, ' ')
  return escapeHtml(joined)
}
