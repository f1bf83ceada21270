/** A table: header and rows as markup; slides repeat the header on every slide the table takes. */
import type { Table } from 'mdast'
import type { BlockHandler } from './types.js'

/** Table handler. */
export const table: BlockHandler = (node, ctx) => {
  const rows = (node as Table).children.map((row) => row.children.map((cell) => ctx.inline(cell.children)))
  const [header, ...body] = rows
  if (header === undefined) return []
  const width = Math.max(...rows.map((r) => r.length))
  const pad = (r: readonly string[]) => [...r, ...Array<string>(width - r.length).fill('')]
  return [{ kind: 'table', header: pad(header), rows: body.map(pad) }]
}
