/**
 * A numeric series on the kiosk: the example's month of daily readings (2026-hjxx-001) as chart
 * slides instead of 17 slides of rows, measured on the PNGs (the series' colours in the plot area,
 * the labels, the QR code to the table on the web page) and on the slide count.
 */
import { fileURLToPath } from 'node:url'
import { loadProject, createRenderContext } from '@gongkai/core'
import type { Disclosure } from '@gongkai/core'
import jsQR from 'jsqr'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { kiosk } from '../src/index.js'
import type { KioskChannel } from '../src/index.js'
import type { Box } from '../src/geometry.js'

const T = 120_000
const DIR = fileURLToPath(new URL('../../../examples/county-bureau/', import.meta.url))
const NOW = new Date('2026-11-27T02:00:00Z')
const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number]

async function rgb(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** Pixels within `tolerance` (sum of channel differences) of `colour` inside the box. */
function count(img: { data: Buffer; width: number }, colour: string, box: Box, tolerance = 30): number {
  const [r, g, b] = hex(colour)
  let n = 0
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) {
      const o = (y * img.width + x) * 3
      if (Math.abs((img.data[o] ?? 0) - r) + Math.abs((img.data[o + 1] ?? 0) - g) + Math.abs((img.data[o + 2] ?? 0) - b) <= tolerance) n++
    }
  return n
}

describe.each(['portrait', 'landscape'] as const)('a month of daily readings (%s)', (orientation) => {
  let k: KioskChannel
  let d: Disclosure
  let ctx: ReturnType<typeof createRenderContext>
  let slides: Buffer[]
  beforeAll(async () => {
    const project = await loadProject(DIR)
    d = project.disclosures.find((x) => x.publication.id === '2026-hjxx-001') as Disclosure
    ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: DIR, now: NOW })
    k = kiosk({ orientation, theme: { background: '#0b2a5b', foreground: '#ffffff', accent: '#ffd200' } })
    slides = (await k.renderSlides(d, ctx)).slides.map((s) => s.png)
  }, T)

  it('takes a handful of slides, not 17: the table is two chart slides, one per unit', { timeout: T }, async () => {
    // Measured before the change: 17 slides portrait (the rows as cards; 19 once every record is kept whole), 8 landscape (the grid); now 5 and 7.
    expect(slides.length).toBeLessThanOrEqual(orientation === 'portrait' ? 5 : 7)
    expect(await k.playlist([d], ctx).then((p) => p.slides.filter((s) => s.src.includes('2026-hjxx-001')).length)).toBe(slides.length)
    expect(ctx.diagnostics.filter((x) => x.severity !== 'info')).toEqual([])
  })

  it('draws every series in its colour in the plot area, with labels, and a QR code to the table', { timeout: T }, async () => {
    const g = k.geometry
    const qrs: string[] = []
    const charts: { index: number; yellow: number; cyan: number; salmon: number; green: number; labels: number }[] = []
    for (const [index, png] of slides.entries()) {
      const img = await rgb(png)
      const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
      const qr = jsQR(new Uint8ClampedArray(data), info.width, info.height)
      if (qr === null || index === 0) continue
      qrs.push(qr.data)
      // The plot: the middle of the chart, clear of the title, the legend, the axis labels and the QR code.
      const qw = Math.round(g.qr * 0.7)
      const chartW = orientation === 'portrait' ? g.content.width : g.content.width - qw - 32
      const chartBottom = orientation === 'portrait' ? g.content.y + g.content.height - qw - 32 : g.content.y + g.content.height
      const plot = {
        x: g.content.x + 120,
        y: g.content.y + (orientation === 'portrait' ? 400 : 260),
        width: chartW - 160,
        height: chartBottom - g.content.y - (orientation === 'portrait' ? 400 : 260) - 120,
      }
      // The zero line: the lowest row across most of the chart in the text colour; the date labels stand under it.
      let axis = 0
      for (let y = g.content.y; y < chartBottom; y++) if (count(img, '#ffffff', { x: g.content.x, y, width: chartW, height: 1 }, 60) > chartW * 0.6) axis = y
      charts.push({
        index,
        yellow: count(img, '#ffd200', plot),
        cyan: count(img, '#5ad1ff', plot),
        salmon: count(img, '#ff8a80', plot),
        green: count(img, '#9be564', plot),
        labels: count(img, '#ffffff', { x: g.content.x, y: axis + 16, width: chartW, height: 50 }, 60),
      })
    }
    expect(qrs).toEqual(['https://www.qingchuan.gov.cn/hbj/gk/p/2026-hjxx-001.html#table-1', 'https://www.qingchuan.gov.cn/hbj/gk/p/2026-hjxx-001.html#table-1'])
    const [lines, bars] = charts
    // Four lines on the first chart (PM2.5 yellow, PM10 cyan, O3 salmon, NO2 green); AQI bars in yellow on the second.
    for (const c of ['yellow', 'cyan', 'salmon', 'green'] as const) expect(lines?.[c], c).toBeGreaterThan(3000)
    expect(bars?.yellow).toBeGreaterThan(100_000)
    expect(bars?.cyan).toBe(0)
    // Axis labels in white under the plot: text, not an empty band.
    expect(lines?.labels).toBeGreaterThan(2000)
    expect(bars?.labels).toBeGreaterThan(2000)
    // A blank plot area (the same box on the slide before the chart, set with text) has none of the series' colours.
    const before = await rgb(slides[(lines?.index ?? 1) - 1] as Buffer)
    const plot = { x: g.content.x + 120, y: g.content.y + 360, width: 600, height: 300 }
    expect(count(before, '#5ad1ff', plot) + count(before, '#ff8a80', plot) + count(before, '#9be564', plot)).toBe(0)
  })
})
