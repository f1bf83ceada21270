/**
 * The month of daily readings (2026-hjxx-001) as a chart on the website, in headless Chromium: two
 * inline SVG charts that screen readers name by their title and describe, each in a figure with a
 * caption, the table kept below them at #table-1 (where the kiosk's chart slides point), nothing
 * serious for axe, the chart drawn (its line colour in a screenshot) and scaled to a phone's column.
 * Screenshots go to $TMPDIR/gongkai-e2e-chart/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRenderContext, loadProject } from '@gongkai/core'
import { LIGHT_STYLE } from '@gongkai/chart'
import { buildRelease } from '@gongkai/hub'
import { website } from '@gongkai/website'
import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath, serveStatic } from '../support/browser.js'
import { NOW } from '../support/now.js'

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const example = join(repo, 'examples/county-bureau')
const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const [suite, suiteName] = browserSuite('a numeric series as a chart on the website')

suite(suiteName, { timeout: 60_000 }, () => {
  let browser: Browser
  let server: Server
  let base: string
  const work = mkdtempSync(join(tmpdir(), 'gongkai-e2e-chart-'))
  const shots = join(tmpdir(), 'gongkai-e2e-chart')

  beforeAll(async () => {
    const p = await loadProject(example)
    const ctx = createRenderContext({ config: p.config, catalog: p.catalog, all: p.disclosures, projectDir: example, now: new Date(NOW) })
    const disclosures = p.disclosures.filter((d) => d.publication.id === '2026-hjxx-001')
    const built = await buildRelease({ channels: [website({ projectDir: example })], disclosures, ctx, projectDir: work, outDir: join(work, 'out') })
    expect(built.channels['website']?.release).toBeDefined()
    server = await serveStatic(join(work, 'out', 'website'))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    mkdirSync(shots, { recursive: true })
    browser = await chromium.launch({ executablePath: chromePath, args: CHROME_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((ok) => (server === undefined ? ok(undefined) : server.close(ok)))
    rmSync(work, { recursive: true, force: true })
  })

  it('shows two charts named and described for screen readers, each captioned, with the table below them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
    await page.goto(`${base}p/2026-hjxx-001.html`, { waitUntil: 'load' })
    const lines = page.getByRole('img', { name: 'PM2.5、PM10、O3-8h、NO2（μg/m³）', exact: true })
    const bars = page.getByRole('img', { name: 'AQI', exact: true })
    expect(await lines.count()).toBe(1)
    expect(await bars.count()).toBe(1)
    // The description a screen reader reads after the name: the range and each series' extremes.
    const description = await lines.evaluate((svg) => document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? '')
    expect(description).toContain('PM2.5最低15μg/m³（10月12日、10月26日），最高57μg/m³（10月21日）')
    expect(await page.locator('figure.chart figcaption').allTextContents()).toEqual([
      '图：PM2.5、PM10、O3-8h、NO2（μg/m³），10月1日至10月31日（逐项数据见下表）',
      '图：AQI，10月1日至10月31日（逐项数据见下表）',
    ])
    // The table is still there, whole, after the charts.
    expect(await page.locator('#table-1 table tbody tr').count()).toBe(31)
    expect(await page.locator('#table-1 table thead th').allTextContents()).toContain('首要污染物')
    const order = await page.evaluate(() => [...document.querySelectorAll('figure.chart, #table-1')].map((e) => e.id))
    expect(order).toEqual(['table-1-chart-1', 'table-1-chart-2', 'table-1'])
    // Drawn: the first series' colour in the plot of the screenshot of the first chart.
    const shot = await lines.screenshot({ path: join(shots, 'chart-lines-1280.png') })
    const { data, info } = await sharp(shot).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const [r, g, b] = [1, 3, 5].map((i) => parseInt((LIGHT_STYLE.colours[0] ?? '').slice(i, i + 2), 16)) as [number, number, number]
    let blue = 0
    for (let o = 0; o < data.length; o += 3) if (Math.abs((data[o] ?? 0) - r) + Math.abs((data[o + 1] ?? 0) - g) + Math.abs((data[o + 2] ?? 0) - b) < 30) blue++
    expect(blue).toBeGreaterThan(1000)
    expect(info.width).toBeGreaterThan(600)
    await page.addScriptTag({ content: axeSource })
    const violations = (await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; impact: string }[] }> } }
      return (await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations
    })) as { id: string; impact: string }[]
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
    await page.screenshot({ path: join(shots, 'page-1280.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it('fits a phone: the charts scale to the column', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(`${base}p/2026-hjxx-001.html`, { waitUntil: 'load' })
    const box = await page.getByRole('img', { name: 'AQI', exact: true }).boundingBox()
    expect(box?.width).toBeGreaterThan(340)
    // Inside the viewport (the page's own photo and the scrolling table are not the chart's to fit).
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390)
    const text = await page.getByRole('img', { name: 'AQI', exact: true }).evaluate((svg) => Math.min(...[...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height)))
    // Scaled to a third, labels stay about 8 px high: the table below is the readable form on a phone.
    expect(text).toBeGreaterThan(6)
    await page.locator('#table-1-chart-1').screenshot({ path: join(shots, 'chart-lines-390.png') })
    await page.close()
  })
})
