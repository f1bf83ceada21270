/**
 * Pagination keeps each table record whole on one slide, read from what `paginate` laid out: the
 * rows each page shows and the text slices placed on it (a slice short of its image is a split).
 */
import { readFileSync } from 'node:fs'
import { resolveFonts } from '@gongkai/fonts'
import { describe, expect, it } from 'vitest'
import type { TableBlock } from '../src/blocks/index.js'
import { recordsOf } from '../src/blocks/table.js'
import { geometryOf } from '../src/geometry.js'
import { escapeMarkup } from '../src/markup.js'
import { paginate } from '../src/paginate.js'
import type { Page } from '../src/paginate.js'

const T = 120_000
const fonts = resolveFonts()
const palette = { background: '#0b2a5b', foreground: '#ffffff', accent: '#ffd200' }

/** The daily readings of the example's 2026-hjxx-001, as the table block the kiosk lays out. */
function readings(): TableBlock {
  const md = readFileSync(new URL('../../../examples/county-bureau/publications/hjxx/2026-hjxx-001.md', import.meta.url), 'utf8')
  const lines = md.split('\n').filter((l) => l.startsWith('|') && !/^\|[-:| ]+\|$/.test(l))
  const cells = lines.map((l) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => escapeMarkup(c.trim())),
  )
  const [header = [], ...rows] = cells
  return { kind: 'table', header, rows }
}

async function layOut(table: TableBlock, orientation: 'portrait' | 'landscape'): Promise<Page[]> {
  const pages: Page[] = []
  // A paragraph first, so that the table starts part-way down a slide as it does in the publication.
  const intro = { kind: 'text', role: 'paragraph', markup: '\u3000\u3000'.concat('本月每日空气质量监测数据如下。'.repeat(6)), indent: 0 } as const
  await paginate([intro, table], geometryOf(orientation), fonts, palette, async (p) => void pages.push(p))
  return pages
}

/** Every row of `table` shown exactly once, whole, and each record's rows on one page. */
function expectWhole(pages: readonly Page[], table: TableBlock): void {
  const seen = pages.flatMap((p, n) => (p.rows ?? []).flatMap((r) => Array.from({ length: r.end - r.first }, (_, k) => ({ row: r.first + k, page: n, split: r.split }))))
  expect(seen.map((s) => s.row)).toEqual(table.rows.map((_, r) => r))
  expect(seen.filter((s) => s.split)).toEqual([])
  for (const rec of recordsOf(table.rows)) expect(new Set(seen.filter((s) => s.row >= rec.first && s.row < rec.end).map((s) => s.page)).size, `record ${rec.first}`).toBe(1)
  // The pixels agree: no text slice on any page stops short of its rendered block or starts inside it.
  for (const [n, p] of pages.entries()) for (const l of p.layers) if (l.type === 'text') expect([n, l.from, l.to], `page ${n + 1}`).toEqual([n, 0, l.image.height])
}

describe('table records on slides', () => {
  it('keeps each reading whole as cards (portrait), 31 rows on several slides', { timeout: T }, async () => {
    const table = readings()
    const pages = await layOut(table, 'portrait')
    expect(pages.length).toBeGreaterThan(4)
    expectWhole(pages, table)
  })

  it('keeps each row whole in the grid and repeats the header on every slide (landscape)', { timeout: T }, async () => {
    const table = readings()
    // Long pollutant names wrap inside a cell, so rows have different heights.
    const rows = table.rows.map((r, i) => (i % 3 === 0 ? r.map((c, k) => (k === 6 ? `${c}、臭氧和细颗粒物共同影响，持续时间较长` : c)) : r))
    const wide = { ...table, rows }
    const pages = await layOut(wide, 'landscape')
    expect(pages.length).toBeGreaterThan(2)
    expectWhole(pages, wide)
    const g = geometryOf('landscape')
    for (const [n, p] of pages.entries()) {
      if ((p.rows ?? []).length === 0) continue
      const band = p.layers.find((l) => l.type === 'rect' && l.fill === palette.accent && l.width === g.content.width)
      expect(band, `header band on page ${n + 1}`).toBeDefined()
    }
  })

  it('keeps a row group (rows under one date with the first cell empty) on one slide', { timeout: T }, async () => {
    const base = readings()
    const rows = base.rows.flatMap((r) => [r, ['', ...r.slice(1).map(() => '—')], ['〃', ...r.slice(1)]])
    const table = { ...base, rows }
    expect(recordsOf(rows)).toHaveLength(base.rows.length)
    const pages = await layOut(table, 'landscape')
    expectWhole(pages, table)
  })
})
