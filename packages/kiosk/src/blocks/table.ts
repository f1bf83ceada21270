/**
 * A table: header and rows as markup; slides repeat the header on every slide the table takes
 * and keep each record (a row, or a row group) whole on one slide.
 */
import { detectSeries } from '@gongkai/chart'
import type { Table } from 'mdast'
import type { BlockHandler } from './types.js'

/** Table handler: a numeric series (dates against numbers) becomes chart slides, one per unit; any other table its rows. */
export const table: BlockHandler = (node, ctx) => {
  const series = detectSeries(node as Table)
  if (series !== undefined) {
    const n = ctx.tableNumber(node as Table)
    for (const c of series.charts) for (const ch of ctx.fonts.missing([c.title, c.axis, ...c.labels, ...c.series.map((s) => s.name)].join(''), ctx.fonts.sans)) ctx.missing.add(ch)
    return series.charts.map((chart) => ({ kind: 'chart', chart, table: n, other: series.other }))
  }
  const rows = (node as Table).children.map((row) => row.children.map((cell) => ctx.inline(cell.children)))
  const [header, ...body] = rows
  if (header === undefined) return []
  const width = Math.max(...rows.map((r) => r.length))
  const pad = (r: readonly string[]) => [...r, ...Array<string>(width - r.length).fill('')]
  return [{ kind: 'table', header: pad(header), rows: body.map(pad) }]
}

/**
 * The records of a table, as ranges of row indices `[first, end)`: a row whose first cell is empty,
 * or marks “same as above” (〃, 同上), continues the record above it, as offices set a multi-line
 * record in rows under one date or one name.
 */
export function recordsOf(rows: readonly (readonly string[])[]): { first: number; end: number }[] {
  const out: { first: number; end: number }[] = []
  rows.forEach((row, r) => {
    const lead = (row[0] ?? '').replace(/<[^>]*>/g, '').trim()
    const last = out[out.length - 1]
    if (last !== undefined && (lead === '' || lead === '〃' || lead === '同上')) last.end = r + 1
    else out.push({ first: r, end: r + 1 })
  })
  return out
}
