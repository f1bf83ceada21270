/** table: wrapped in a section that scrolls horizontally on a phone; header cells shaded. */
import type { Table } from 'mdast'
import { escapeHtml } from '../escape.js'
import type { RenderState } from '../state.js'
import { STYLE } from '../theme.js'

/**
 * Above this many cells a table is set compact: short cell styles and no per-cell alignment,
 * because inline styles repeat on every cell and count against the 20,000-character limit.
 * A whole article that would not fit otherwise is rendered with every table compact.
 */
const COMPACT_CELLS = 60

/** Renders a GFM table; one that is a numeric series has its charts above it, as uploaded images with the chart in words as alt text. */
export function table(node: Table, state: RenderState): string {
  const charts = (state.charts.get(node) ?? [])
    .map((c) => `<section style="${STYLE.figure}"><img src="${escapeHtml(c.file)}" alt="${escapeHtml(c.alt)}" style="${STYLE.img}"><p style="${STYLE.caption}">${escapeHtml(c.caption)}</p></section>`)
    .join('')
  const cells = node.children.reduce((n, row) => n + row.children.length, 0)
  const compact = state.compact || cells > COMPACT_CELLS
  const rows = node.children.map((row, r) => {
    const cells = row.children.map((cell, c) => {
      const tag = r === 0 ? 'th' : 'td'
      const align = node.align?.[c]
      const style = compact ? (r === 0 ? STYLE.thCompact : STYLE.tdCompact) : (r === 0 ? STYLE.th : STYLE.td) + (align === 'center' || align === 'right' ? `text-align:${align};` : '')
      return `<${tag} style="${style}">${state.all(cell)}</${tag}>`
    })
    return `<tr>${cells.join('')}</tr>`
  })
  return `${charts}<section style="${STYLE.tableWrap}"><table${compact ? ' cellpadding="4"' : ''} style="${STYLE.table}"><tbody>${rows.join('')}</tbody></table></section>`
}
