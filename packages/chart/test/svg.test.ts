/** The chart drawn: SVG that says what it shows, and a PNG whose pixels hold the lines and the labels. */
import { resolveFonts } from '@gongkai/fonts'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { chartPng, chartSvg, describeChart, detectSeriesIn, LIGHT_STYLE } from '../src/index.js'
import type { Chart } from '../src/index.js'
import { readings } from './fixtures/readings.js'

const T = 60_000
const { header, rows } = readings()
const [lines, bars] = detectSeriesIn(header, rows)?.charts ?? []
const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))

/** Pixels within `tolerance` of `colour` inside the box. */
async function countColour(png: Buffer, colour: string, box: { x: number; y: number; width: number; height: number }, tolerance = 24): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const [r, g, b] = hex(colour) as [number, number, number]
  let n = 0
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) {
      const o = (y * info.width + x) * 3
      if (Math.abs((data[o] ?? 0) - r) + Math.abs((data[o + 1] ?? 0) - g) + Math.abs((data[o + 2] ?? 0) - b) <= tolerance) n++
    }
  return n
}

describe('chartSvg', () => {
  it('is an image with a title and a description that give the range and the extremes', () => {
    const svg = chartSvg(lines as Chart, { ...LIGHT_STYLE, id: 'c1' })
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c1-title" aria-describedby="c1-desc"/)
    expect(svg).toContain('<title id="c1-title">PM2.5、PM10、O3-8h、NO2（μg/m³）</title>')
    expect(describeChart(lines as Chart)).toContain('10月1日至10月31日共31个日期')
    expect(describeChart(lines as Chart)).toContain('PM2.5最低15μg/m³（10月12日、10月26日），最高57μg/m³（10月21日）')
    // One line per series, each point marked; bars one rect each.
    expect(svg.match(/stroke-linejoin="round"/g)).toHaveLength(4)
    expect((chartSvg(bars as Chart).match(/<rect /g) ?? []).length).toBe(1 + 31)
    expect(chartSvg({ ...(bars as Chart), title: 'a<b & "c"' })).toContain('<title id="chart-title">a&lt;b &amp; &quot;c&quot;</title>')
  })

  it('as a PNG: each series colour in the plot area and the axis labels drawn, against a blank chart', { timeout: T }, async () => {
    const fonts = resolveFonts()
    const chart = lines as Chart
    const png = await chartPng(chart, LIGHT_STYLE, fonts)
    const blank = await chartPng({ ...chart, series: chart.series.map((s) => ({ ...s, values: s.values.map(() => undefined) })), labels: chart.labels.map(() => '') }, LIGHT_STYLE, fonts)
    const meta = await sharp(png).metadata()
    expect([meta.width, meta.height]).toEqual([LIGHT_STYLE.width, LIGHT_STYLE.height])
    // The plot area, below the legend and above the date labels.
    const plot = { x: 120, y: 160, width: 800, height: 300 }
    for (const colour of LIGHT_STYLE.colours) {
      expect(await countColour(png, colour, plot), colour).toBeGreaterThan(500)
      expect(await countColour(blank, colour, plot), colour).toBe(0)
    }
    // Date labels: dark text in the band under the axis, none when the labels are empty.
    const band = { x: 0, y: 505, width: 960, height: 30 }
    expect(await countColour(png, LIGHT_STYLE.foreground, band, 120)).toBeGreaterThan(400)
    expect(await countColour(blank, LIGHT_STYLE.foreground, band, 120)).toBeLessThan(40)
  })
})
