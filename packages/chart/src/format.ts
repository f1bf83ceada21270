/** Numbers and label widths, shared by the SVG and the description. */

/** A number as an axis or value label: no trailing zeros, at most two decimals. */
export function formatValue(n: number): string {
  return String(Math.round(n * 100) / 100)
}

/** Estimated width of a label in px: CJK and full-width characters one em, the rest about 0.6. */
export function textWidth(text: string, size: number): number {
  let w = 0
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? size : size * 0.6
  return w
}

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
