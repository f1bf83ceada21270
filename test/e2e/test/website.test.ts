/**
 * The website in headless Chromium: home page, the catalog directory filtered by an owner (search:
 * site-search.test.ts, on the CLI's build); no console errors; axe-core finds no serious or critical violation.
 * Screenshots go to $TMPDIR/gongkai-e2e-website/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '@gongkai/core'
import type { Catalog, Disclosure, ProjectConfig } from '@gongkai/core'
import { buildRelease } from '@gongkai/hub'
import { website } from '@gongkai/website'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath, serveStatic } from '../support/browser.js'
import { catalog as fixtureCatalog, config as fixtureConfig, fixtureDisclosures, NOW } from '../../../packages/website/test/fixtures/small.js'
import { makeProject } from '../../../packages/website/test/helpers.js'
import { NOW as EXAMPLE_NOW } from '../support/now.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const repo = resolve(here, '../../..')
const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

const [suite, suiteName] = browserSuite('website in Chromium')

interface SiteCase {
  readonly source: string
  readonly config: ProjectConfig
  readonly catalog: Catalog
  readonly disclosures: readonly Disclosure[]
  readonly projectDir: string
  readonly now: Date
}

/** The example project when the core loader and the example exist; otherwise the package's fixture. */
async function loadCase(): Promise<SiteCase> {
  const example = join(repo, 'examples/county-bureau')
  const load = (core as unknown as { loadProject?: (dir: string) => Promise<{ config: ProjectConfig; catalog: Catalog; disclosures: Disclosure[]; diagnostics: core.Diagnostic[] }> }).loadProject
  if (load !== undefined && existsSync(example)) {
    try {
      const p = await load(example)
      if (p.disclosures.length > 0 && p.disclosures.some((d) => d.publication.review !== undefined)) {
        return { source: 'examples/county-bureau', config: p.config, catalog: p.catalog, disclosures: p.disclosures, projectDir: example, now: new Date(EXAMPLE_NOW) }
      }
    } catch {
      // The example is being written by someone else right now: fall back to the fixture.
    }
  }
  return { source: 'fixture', config: fixtureConfig, catalog: fixtureCatalog, disclosures: fixtureDisclosures(), projectDir: makeProject(), now: NOW }
}

suite(suiteName, { timeout: 60_000 }, () => {
  let browser: Browser
  let server: Server
  let base: string
  let site: SiteCase
  const work = mkdtempSync(join(tmpdir(), 'gongkai-e2e-site-'))
  const shots = join(tmpdir(), 'gongkai-e2e-website')
  const errors: string[] = []

  beforeAll(async () => {
    site = await loadCase()
    // Built as gongkai build does, into a release; the render cache and manifests go to `work`, never into the example.
    const ctx = core.createRenderContext({ config: site.config, catalog: site.catalog, all: site.disclosures, projectDir: site.projectDir, now: site.now })
    const built = await buildRelease({ channels: [website({ projectDir: site.projectDir })], disclosures: site.disclosures, ctx, projectDir: work, outDir: join(work, 'out') })
    expect(built.channels['website']?.release, JSON.stringify(built.diagnostics.filter((d) => d.severity === 'error'))).toBeDefined()
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

  async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport })
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${path}: ${m.text()}`)
    })
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`))
    await page.goto(base + path, { waitUntil: 'load' })
    return page
  }

  async function axe(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource })
    const result = (await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
      return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    })) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      )
  }

  it('shows the home page in Chinese, with landmarks, a skip link and the footer; axe finds nothing serious', async () => {
    const page = await open('index.html')
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    expect(await page.locator('main#main').count()).toBe(1)
    expect(await page.locator('header').count()).toBeGreaterThan(0)
    expect(await page.locator('footer').textContent()).toContain('主办单位')
    expect(await page.locator('h1').first().textContent()).toBe(site.config.site.title)
    // Keyboard: the first Tab reaches the skip link, Enter moves focus to the main content.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    expect(await axe(page)).toEqual([])
    await page.screenshot({ path: join(shots, `home-${site.source.replace(/\W+/g, '-')}.png`), fullPage: true })
    // The larger-text switch for older readers.
    const before = await page.evaluate(() => getComputedStyle(document.body).fontSize)
    await page.click('[data-action="text-size"]')
    expect(await page.getAttribute('[data-action="text-size"]', 'aria-pressed')).toBe('true')
    expect(parseFloat(await page.evaluate(() => getComputedStyle(document.body).fontSize))).toBeGreaterThan(parseFloat(before))
    await page.close()
    const phone = await open('index.html', { width: 390, height: 844 })
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phone.screenshot({ path: join(shots, 'home-phone.png'), fullPage: false })
    await phone.close()
  })

  it('filters the catalog directory by an owner without a server', async () => {
    // The owner with the fewest in-force items, so that the filter visibly hides rows.
    const today = site.now.toISOString().slice(0, 10)
    const counts = new Map<string, number>()
    for (const i of site.catalog.items) if (site.catalog.status(i.code, today) === 'in-force') counts.set(i.owner, (counts.get(i.owner) ?? 0) + 1)
    const owner = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0]
    expect(owner).toBeDefined()
    const page = await open('catalog.html')
    const all = await page.locator('#catalog-table tbody tr').count()
    await page.selectOption('#filter-owner', owner ?? '')
    const visible = page.locator('#catalog-table tbody tr:visible')
    const shown = await visible.count()
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(all)
    for (const o of await visible.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-owner')))) expect(o).toBe(owner)
    expect(await page.locator('#catalog-count').textContent()).toContain(`共 ${shown} 项`)
    expect(await axe(page)).toEqual([])
    await page.screenshot({ path: join(shots, 'catalog-filtered.png'), fullPage: false })
    await page.close()
    // The same filter from a link (?owner=…).
    const linked = await open(`catalog.html?owner=${encodeURIComponent(owner ?? '')}`)
    expect(await linked.locator('#catalog-table tbody tr:visible').count()).toBe(shown)
    await linked.close()
  })

  it('shows a publication page with its metadata block and a print stylesheet; axe finds nothing serious', async () => {
    const d =
      site.disclosures.find((x) => x.publication.review !== undefined && (x.links.interpretations.length > 0 || x.publication.attachments.length > 0)) ??
      site.disclosures.find((x) => x.publication.review !== undefined)
    const page = await open(`p/${d?.publication.id}.html`)
    expect(await page.locator('dl.meta dt').allTextContents()).toEqual(expect.arrayContaining(['索引号', '主题分类', '发文机关', '成文日期', '标题', '发文字号', '发布日期']))
    expect(await page.locator('[data-action="print"]').isVisible()).toBe(true)
    expect(await axe(page)).toEqual([])
    await page.screenshot({ path: join(shots, 'publication.png'), fullPage: true })
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.site-nav').isVisible()).toBe(false)
    await page.close()
    for (const path of ['adjustments.html', 'columns/standard.html', `items/${d?.item.code}.html`]) {
      const p = await open(path)
      expect(await axe(p), path).toEqual([])
      await p.close()
    }
  })

  it('withdrawn, corrected and 有效性 pages (issue 15): the notice is a note, axe finds nothing serious, the phone layout does not scroll sideways', async () => {
    // Only the example carries them; the fixture has none.
    if (site.source !== 'examples/county-bureau') return
    const pages: [string, string][] = [
      ['p/2026-hjxx-008.html', '已撤回'],
      ['p/2026-zfxx-012.html', '已撤回'],
      ['p/2026-zfxx-007.html', '更正说明'],
      ['p/2024-zfxx-001.html', '废止'],
      ['validity/expired.html', '失效的文件'],
    ]
    for (const [path, text] of pages) {
      const page = await open(path)
      expect(await page.locator('main').textContent(), path).toContain(text)
      expect(await axe(page), path).toEqual([])
      await page.close()
      const phone = await open(path, { width: 390, height: 844 })
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
      await phone.close()
    }
    const notice = await open('p/2026-hjxx-008.html')
    expect(await notice.locator('.withdrawn-notice[role="note"]').isVisible()).toBe(true)
    await notice.close()
    // The redirect page sends the browser on by itself (meta refresh), no script needed.
    const moved = await open('p/2025-zfxx-001.html')
    await moved.waitForURL(/2026-zfxx-013\.html$/)
    expect(await moved.locator('main').textContent()).toContain('本文件替代已于2026年11月27日撤回的《青川县生态环境局权责清单（2025年版）》')
    await moved.close()
  })

  it('logged no console error on any page', () => {
    expect(errors).toEqual([])
  })
})
