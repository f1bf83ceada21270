/**
 * The site's search on the example project, built by the CLI as an operator builds it and served
 * over HTTP on 127.0.0.1, in headless Chromium: Chinese queries return the hits recorded from the
 * search the site had before (one search-index.json, substring match), with titles and links.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath, serveStatic } from '../support/browser.js'
import { NOW_ENV } from '../support/now.js'

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(repo, 'packages/cli/dist/bin.js')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

// Recorded from the site's search before the chunked index (search-index.json, every term a substring of
// title, item name, 文号, 索引号, tags and summary), on the example at NOW: the same publications must come back.
const RECORDED: Record<string, readonly string[]> = {
  大气污染: ['2026-hjxx-010', '2026-hjxx-009', '2026-ggfw-002', '2026-xzcf-003', '2026-xzcf-010'],
  // Issue 15 added the 废止 and 失效 规范性文件 (2024-zfxx-001, 2025-zfxx-002): a title hit ranks first, a tag hit by date.
  环境影响评价: [
    '2026-hjxx-006',
    '2026-hjxx-007',
    '2026-zfxx-008',
    '2026-zfxx-007',
    '2024-zfxx-001',
    '2026-hjxx-005',
    '2026-xzxk-002',
    '2026-xzcf-001',
    '2026-ggfw-007',
    '2026-xzxk-001',
    '2025-zfxx-002',
  ],
  行政处罚: ['2026-xzcf-005', '2026-xzcf-002', '2026-xzcf-001', '2026-xzcf-009', '2026-xzcf-008', '2026-xzcf-006'],
  异味: ['2026-hjxx-017', '2026-hjxx-016', '2026-ggfw-002'],
  排污许可: ['2026-hjxx-008'],
  政府信息公开: ['2026-zfxx-010', '2026-zfxx-001'],
  // Two terms (AND), a 文号 fragment and a whole 索引号: the same rule as above.
  '环境 公示': ['2026-zfxx-009', '2026-hjxx-005', '2026-hjxx-006', '2026-xzxk-002', '2026-xzxk-003', '2026-xzcf-011'],
  '15号': ['2026-xzcf-002', '2026-hjxx-014', '2026-xzcf-008'],
  '008672531/2026-00052': ['2026-ggfw-003'],
  // Inside a word, and a word whose characters also occur apart (环境空气质量 is not a hit).
  污许: ['2026-hjxx-008'],
  环境质量: ['2026-hjxx-001', '2026-hjxx-002', '2026-hjxx-011', '2026-zfxx-011'],
  // One character; and a Roman numeral, matched after NFKC as the old search did (Ⅳ is iv).
  // 2026-zfxx-012 was withdrawn with mode remove (issue 15): search no longer finds it.
  水: ['ggfw-004', 'hjxx-011', 'hjxx-018', 'xzcf-005', 'xzcf-004', 'ggfw-002', 'hjxx-016', 'hjxx-002', 'xzxk-003', 'hjxx-003'].map((id) => `2026-${id}`),
  Ⅳ类: ['2026-xzxk-005', '2026-xzxk-003'],
  // More than one page of results: the rest come with 显示更多结果.
  // Issue 15: 2026-zfxx-013 (which replaces 2025-zfxx-001, redirected and so not found) and the two older 规范性文件 come in.
  青川县: [
    ...['zfxx-013', 'zfxx-009', 'ggfw-004', 'xzcf-005', 'xzcf-002', 'xzcf-001', 'hjxx-001', 'xzcf-004', 'xzcf-003', 'zfxx-004', 'hjxx-011', 'hjxx-008', 'xzcf-007', 'hjxx-002', 'hjxx-013'],
    ...['zfxx-008', 'zfxx-007', 'hjxx-014', 'zfxx-006', 'xzcf-010', 'xzcf-009', 'xzcf-008', 'ggfw-006', 'zfxx-003', 'zfxx-011', 'xzcf-006', 'hjxx-010', 'hjxx-009', 'hjxx-003'],
    ...['zfxx-002', 'xzcf-011', 'hjxx-012', 'zfxx-005', 'zfxx-010', 'zfxx-001', '2025/zfxx-002', '2024/zfxx-001', 'ggfw-003', 'hjxx-005', 'xzxk-002', 'hjxx-007', 'hjxx-004', 'ggfw-007', 'xzxk-001'],
  ].map((id) => (id.includes('/') ? id.replace('/', '-') : `2026-${id}`)),
}

const [suite, suiteName] = browserSuite('site search in Chromium (example project)')

suite(suiteName, { timeout: 120_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-e2e-search-'))
  const site = join(work, 'out/website')
  const shots = join(tmpdir(), 'gongkai-e2e-website')
  const errors: string[] = []
  let browser: Browser
  let server: Server
  let base: string

  beforeAll(async () => {
    cpSync(join(repo, 'examples/county-bureau'), join(work, 'bureau'), { recursive: true, filter: (src) => !src.includes('/out') && !src.includes('.gongkai') })
    const r = spawnSync(process.execPath, [bin, 'build', join(work, 'bureau'), '--channel', 'website', '--out', join(work, 'out')], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', ...NOW_ENV },
      timeout: 120_000,
    })
    expect(r.status, r.stderr).toBe(0)
    server = await serveStatic(site)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    browser = await chromium.launch({ executablePath: chromePath, args: CHROME_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((ok) => (server === undefined ? ok(undefined) : server.close(ok)))
    rmSync(work, { recursive: true, force: true })
  })

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${path}: ${m.text()}`)
    })
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`))
    await page.goto(base + path, { waitUntil: 'load' })
    return page
  }

  /** The status line once the search has answered (found or not). */
  async function answered(page: Page): Promise<string> {
    await page.waitForFunction(() => /找到/.test(document.getElementById('search-status')?.textContent ?? ''))
    return (await page.locator('#search-status').textContent()) ?? ''
  }

  const titleOf = (id: string) =>
    /<h1[^>]*>([^<]*)<\/h1>/
      .exec(readFileSync(join(site, `p/${id}.html`), 'utf8'))?.[1]
      ?.replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')

  it.each(Object.entries(RECORDED))('“%s” returns the recorded publications in the recorded order, each with its title and a working link', async (query, ids) => {
    const page = await open('search.html')
    await page.fill('#search-q-page', query)
    await page.press('#search-q-page', 'Enter')
    let status = await answered(page)
    // Every further page from the keyboard, until the button goes away.
    for (let pages = 1; await page.locator('#search-more').isVisible(); pages++) {
      expect(pages).toBeLessThan(10)
      expect(status).toContain(`已显示 ${await page.locator('#search-results li').count()} 条`)
      const before = await page.locator('#search-results li').count()
      await page.locator('#search-more').focus()
      await page.keyboard.press('Enter')
      await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, before)
      // Focus moves to the first new result.
      await page.waitForFunction((n) => document.activeElement === document.querySelectorAll('#search-results li a')[n], before)
      status = await answered(page)
    }
    expect(status).toContain(query)
    expect(status).toContain(`找到 ${ids.length} 条`)
    const links = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })))
    // In the old order too: more terms in the title first, then newest first.
    expect(links.map((l) => l.href)).toEqual(ids.map((id) => `p/${id}.html`))
    for (const l of links) expect(l.text).toBe(titleOf(/p\/(.+)\.html$/.exec(l.href)?.[1] ?? ''))
    // The URL keeps the query, so a result list can be linked and reloaded.
    expect(decodeURIComponent(new URL(page.url()).search)).toBe(`?q=${query}`)
    await page.close()
  })

  it('opens a result from the keyboard and answers a query given in the address', async () => {
    const page = await open(`search.html?q=${encodeURIComponent('排污许可')}`)
    await answered(page)
    await page.locator('#search-results li a').first().focus()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/p/2026-hjxx-008.html')
    expect(await page.locator('h1').textContent()).toBe(titleOf('2026-hjxx-008'))
    await page.close()
  })

  it('fetches a few hundred kilobytes for a query, never one index of everything; axe finds nothing serious', async () => {
    expect(existsSync(join(site, 'search-index.json'))).toBe(false)
    expect(existsSync(join(site, 'search/head.json'))).toBe(true)
    const indexFiles = (dir: string): number => readdirSync(join(site, 'search', dir)).length
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const fetched: { path: string; bytes: number }[] = []
    page.on('response', (r) => {
      void r.body().then(
        (b) => fetched.push({ path: new URL(r.url()).pathname, bytes: b.length }),
        () => undefined,
      )
    })
    await page.goto(`${base}search.html?q=${encodeURIComponent('环境影响评价')}`, { waitUntil: 'load' })
    expect(await answered(page)).toContain('找到 11 条')
    await page.waitForLoadState('networkidle')
    const search = fetched.filter((f) => f.path.startsWith('/search/')).map((f) => f.path)
    expect(search).toContain('/search/head.json')
    expect(fetched.map((f) => f.path)).not.toContain('/search-index.json')
    // The shards of the query's five character pairs (in any text and in titles) at most, and the records of its 9 hits, not all 51.
    const shards = search.filter((p) => /^\/search\/g\/\d+\.bin$/.test(p))
    expect(shards.length).toBeGreaterThan(0)
    expect(shards.length).toBeLessThanOrEqual(10)
    expect(shards.length).toBeLessThan(indexFiles('g'))
    const records = search.filter((p) => /^\/search\/d\/\d+\.json$/.test(p))
    expect(records.length).toBeGreaterThan(0)
    expect(records.length).toBeLessThanOrEqual(indexFiles('d'))
    expect(search.length).toBe(1 + shards.length + records.length)
    const total = fetched.reduce((n, f) => n + f.bytes, 0)
    expect(total).toBeLessThan(300_000)
    await page.addScriptTag({ content: axeSource })
    const violations = (await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; impact: string }[] }> } }
      return (await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations
    })) as { id: string; impact: string }[]
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    expect(await page.locator('label[for="search-q-page"]').textContent()).toBe('检索公开信息')
    mkdirSync(shots, { recursive: true })
    await page.screenshot({ path: join(shots, 'search-results.png'), fullPage: true })
    await context.close()
  })

  it('opened from a file (no HTTP), says that search needs the site address and points to the catalog', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' })
    await page.goto(`${pathToFileURL(join(site, 'search.html')).href}?q=${encodeURIComponent('异味')}`, { waitUntil: 'load' })
    await page.waitForFunction(() => /本机文件/.test(document.getElementById('search-status')?.textContent ?? ''))
    expect(await page.locator('#search-status').textContent()).toContain('按标准目录查找')
    expect(await page.locator('#search-results li').count()).toBe(0)
    await page.close()
  })

  it('says so when nothing matches', async () => {
    const page = await open('search.html')
    await page.fill('#search-q-page', '火星基地')
    await page.press('#search-q-page', 'Enter')
    expect(await answered(page)).toContain('没有找到包含“火星基地”的公开信息')
    expect(await page.locator('#search-results li').count()).toBe(0)
    await page.close()
  })

  it('logged no console error', () => {
    expect(errors).toEqual([])
  })
})
