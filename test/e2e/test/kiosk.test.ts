/**
 * The kiosk player in headless Chromium, from file:// and over http: it advances after a slide's
 * duration, hides slides outside their date and time windows (an overnight window included),
 * goes back and forth with arrow keys and pauses, survives a broken or missing playlist, switches
 * to a new version without reloading, drops a withdrawn publication's slide as soon as a refreshed
 * playlist lacks it (not at its slot's end), and shows the empty-state screen. No console errors.
 * Screenshots go to $TMPDIR/gongkai-e2e-kiosk/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Catalog, createDisclosures, createRenderContext, defineConfig } from '@gongkai/core'
import type { Disclosure } from '@gongkai/core'
import { kiosk } from '@gongkai/kiosk'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath, serveStatic } from '../support/browser.js'
import { ITEMS, PUBLICATIONS } from '../../../packages/kiosk/test/fixtures/sample.js'

const [suite, suiteName] = browserSuite('kiosk player in Chromium')

const shots = join(tmpdir(), 'gongkai-e2e-kiosk')

interface State {
  mode: string
  current: string | null
  version: string | null
  paused: boolean
  shown: number
  playable: string[]
}

/** Builds the player folder: every publication in the playlist (built as of January), slides 3 s; hp-012 only overnight. */
async function buildPlayer(
  dir: string,
  opts: { now: Date; seconds?: number; withdraw?: string } = { now: new Date('2026-01-10T02:00:00Z') },
): Promise<{ version: string; slides: { src: string; publication: string }[] }> {
  const config = defineConfig({
    body: { name: '青川县生态环境局', orgCode: '008672531' },
    site: { baseUrl: 'https://www.qingchuan.gov.cn/hbj/gk/' },
    fonts: { fallback: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
  })
  const catalog = new Catalog(ITEMS)
  const publications = PUBLICATIONS.map((p) => (p.id === opts.withdraw ? { ...p, withdrawn: { on: '2026-11-27', reason: '内容有误', mode: 'remove' as const } } : p))
  const { disclosures } = createDisclosures(catalog, publications, { orgCode: '008672531' })
  const ctx = createRenderContext({ config, catalog, all: disclosures, now: opts.now })
  const k = kiosk({ slideSeconds: opts.seconds ?? 3, refreshSeconds: 5, rules: [{ publications: ['2026-hp-012'], times: [{ from: '22:00', until: '06:00' }] }] })
  const write = (path: string, data: Uint8Array | string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), data)
  }
  for (const d of disclosures as Disclosure[]) for (const a of await k.render(d, ctx)) write(a.path, a.data)
  for (const a of (await k.assemble?.(disclosures, ctx)) ?? []) write(a.path, a.data)
  return JSON.parse(readFileSync(join(dir, 'playlist.json'), 'utf8')) as { version: string; slides: { src: string; publication: string }[] }
}

suite(suiteName, { timeout: 120_000 }, () => {
  let browser: Browser
  let root: string
  let server: Server
  let base: string
  let built: { version: string; slides: { src: string; publication: string }[] }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    root = mkdtempSync(join(tmpdir(), 'gongkai-kiosk-e2e-'))
    built = await buildPlayer(root)
    server = await serveStatic(root, { noStore: true })
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    browser = await chromium.launch({ executablePath: chromePath as string, args: CHROME_ARGS })
  })
  afterAll(async () => {
    await browser?.close()
    server?.close()
    rmSync(root, { recursive: true, force: true })
  })

  async function open(url: string, size = { width: 540, height: 960 }): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: size })
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(url)
    return { page, errors }
  }
  const state = (page: Page) => page.evaluate(() => (window as unknown as { gongkaiKiosk: { state(): State } }).gongkaiKiosk.state())

  it('plays from file:// in order, advances after a slide’s duration, hides slides outside their windows', async () => {
    // 27 Nov 2026, 10:00 in Shanghai: xzcf-007 is in its 公示期; hp-012 plays only overnight; jgzn-001 ended in February.
    const { page, errors } = await open(`${pathToFileURL(join(root, 'index.html')).href}?now=2026-11-27T10:00:00%2B08:00`)
    await page.waitForFunction(() => document.body.dataset['mode'] === 'slide')
    const s0 = await state(page)
    const xzcf = built.slides.filter((s) => s.publication === '2026-xzcf-007').map((s) => s.src)
    expect(s0.playable).toEqual(xzcf)
    expect(s0.current).toBe(xzcf[0])
    expect(await page.locator('#clock .t').textContent()).toMatch(/^10:0\d$/)
    expect(await page.locator('#clock .d').textContent()).toBe('2026-11-27')
    await page.screenshot({ path: join(shots, 'file-title.png') })
    // After its 3 seconds the next slide of the same publication comes.
    await page.waitForFunction((first) => document.body.dataset['current'] !== first, s0.current, { timeout: 10_000 })
    expect((await state(page)).current).toBe(xzcf[1])
    await page.screenshot({ path: join(shots, 'file-body.png') })
    // Arrow keys go back and forward and pause.
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction((first) => document.body.dataset['current'] === first, xzcf[0])
    expect((await state(page)).paused).toBe(true)
    await expect.poll(async () => page.locator('#paused').isVisible()).toBe(true)
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((second) => document.body.dataset['current'] === second, xzcf[1])
    const seen = new Set<string>()
    for (let i = 0; i < xzcf.length + 2; i++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(150)
      const c = (await state(page)).current
      if (c !== null) seen.add(c)
    }
    expect([...seen].every((s) => xzcf.includes(s))).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it('plays an overnight window after midnight and at night, not by day', async () => {
    const hp = built.slides.filter((s) => s.publication === '2026-hp-012').map((s) => s.src)
    for (const [when, shown] of [
      ['2026-11-27T23:30:00%2B08:00', true],
      ['2026-11-28T05:59:00%2B08:00', true],
      ['2026-11-28T06:01:00%2B08:00', false],
    ] as const) {
      const { page, errors } = await open(`${pathToFileURL(join(root, 'index.html')).href}?now=${when}`)
      await page.waitForFunction(() => document.body.dataset['mode'] === 'slide')
      const s = await state(page)
      expect(
        hp.every((src) => s.playable.includes(src)),
        when,
      ).toBe(shown)
      expect(s.playable.some((src) => src.includes('jgzn'))).toBe(false)
      // Priority then date: hp-012 (25 Nov) after xzcf-007 (公示期 from 26 Nov).
      if (shown) expect(s.playable.indexOf(hp[0] as string)).toBeGreaterThan(0)
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it('over http: survives a broken and a missing playlist, then switches to a new version without reloading', async () => {
    const { page, errors } = await open(`${base}?now=2026-11-27T10:00:00%2B08:00`)
    await page.waitForFunction(() => document.body.dataset['mode'] === 'slide')
    await page.evaluate(() => {
      ;(window as unknown as { marker: number }).marker = 42
    })
    const good = readFileSync(join(root, 'playlist.json'), 'utf8')
    const refresh = () => page.evaluate(() => (window as unknown as { gongkaiKiosk: { refresh(): void } }).gongkaiKiosk.refresh())
    // Sample the mode often: it must never go blank.
    await page.evaluate(() => {
      const w = window as unknown as { modes: string[] }
      w.modes = []
      setInterval(() => w.modes.push(document.body.dataset['mode'] ?? ''), 50)
    })

    writeFileSync(join(root, 'playlist.json'), '{"version": "broken", "slides": [ {"src": "../../etc/passwd"')
    await refresh()
    await page.waitForTimeout(500)
    writeFileSync(join(root, 'playlist.json'), JSON.stringify({ version: 'x', slides: [{ src: 'javascript:alert(1)', durationSeconds: 1 }] }))
    await refresh()
    await page.waitForTimeout(500)
    unlinkSync(join(root, 'playlist.json'))
    await refresh()
    await page.waitForTimeout(500)
    let s = await state(page)
    expect(s.version).toBe(built.version)
    expect(s.mode).toBe('slide')

    // A new version: only hp-012 at any time of day.
    const next = JSON.parse(good) as { version: string; slides: { publication: string; times?: unknown }[] }
    next.version = 'v2-test'
    next.slides = next.slides.filter((x) => x.publication === '2026-hp-012').map((x) => ({ ...x, times: undefined }))
    writeFileSync(join(root, 'playlist.json'), JSON.stringify(next))
    await refresh()
    await page.waitForFunction(() => (window as unknown as { gongkaiKiosk: { state(): State } }).gongkaiKiosk.state().version === 'v2-test')
    await page.waitForFunction(() => (document.body.dataset['current'] ?? '').includes('2026-hp-012'), undefined, { timeout: 10_000 })
    s = await state(page)
    expect(s.mode).toBe('slide')
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42)
    expect(await page.evaluate(() => (window as unknown as { modes: string[] }).modes.includes('empty'))).toBe(false)
    await page.screenshot({ path: join(shots, 'http-new-version.png') })
    // The only error is the missing playlist.json (a 404 the browser logs itself).
    expect(errors.filter((e) => !/Failed to load resource.*404/.test(e))).toEqual([])
    writeFileSync(join(root, 'playlist.json'), good)
    await page.close()
  })

  it('drops a withdrawn publication’s slide on the next playlist refresh, without waiting for its slot to end', async () => {
    // Slides of ten minutes: only the drop, not the slot's end, can take the shown slide away.
    const slow = mkdtempSync(join(tmpdir(), 'gongkai-kiosk-withdraw-'))
    const first = await buildPlayer(slow, { now: new Date('2026-11-27T15:00:00Z'), seconds: 600 })
    const withdrawnSlides = first.slides.filter((x) => x.publication === '2026-xzcf-007').map((x) => x.src)
    expect(withdrawnSlides.length).toBeGreaterThan(0)
    const slowServer = await serveStatic(slow, { noStore: true })
    try {
      const { page, errors } = await open(`http://127.0.0.1:${(slowServer.address() as AddressInfo).port}/?now=2026-11-27T23:00:00%2B08:00`)
      const missing: string[] = []
      page.on('response', (r) => void (r.status() === 404 && missing.push(r.url())))
      await page.waitForFunction(() => document.body.dataset['mode'] === 'slide')
      const before = await state(page)
      expect(withdrawnSlides).toContain(before.current)
      expect(before.playable.some((src) => !withdrawnSlides.includes(src))).toBe(true)
      // The next build, the publication withdrawn: its slides are gone from the playlist the kiosk fetches.
      const next = await buildPlayer(slow, { now: new Date('2026-11-27T15:00:00Z'), seconds: 600, withdraw: '2026-xzcf-007' })
      expect(next.slides.some((x) => x.publication === '2026-xzcf-007')).toBe(false)
      expect(next.version).not.toBe(first.version)
      const t0 = Date.now()
      await page.evaluate(() => (window as unknown as { gongkaiKiosk: { refresh(): void } }).gongkaiKiosk.refresh())
      await page.waitForFunction((gone) => !gone.includes(document.body.dataset['current'] ?? ''), withdrawnSlides, { timeout: 5_000 })
      expect(Date.now() - t0).toBeLessThan(5_000)
      const after = await state(page)
      expect(after.version).toBe(next.version)
      expect(after.mode).toBe('slide')
      expect(after.playable.filter((src) => withdrawnSlides.includes(src))).toEqual([])
      // After the cross-fade, for a person to look at: the other publication's slide.
      await page.waitForTimeout(1_500)
      await page.screenshot({ path: join(shots, 'withdrawn-dropped.png') })
      // Nothing the player asked for after the switch was missing (the browser's own favicon request at load is no concern).
      expect(missing).toEqual([])
      expect(errors.filter((e) => !/Failed to load resource.*404/.test(e))).toEqual([])
      await page.close()
    } finally {
      slowServer.close()
      rmSync(slow, { recursive: true, force: true })
    }
  })

  it('from file:// keeps the last good playlist when playlist.js is broken', async () => {
    const { page, errors } = await open(`${pathToFileURL(join(root, 'index.html')).href}?now=2026-11-27T10:00:00%2B08:00`)
    await page.waitForFunction(() => document.body.dataset['mode'] === 'slide')
    const good = readFileSync(join(root, 'playlist.js'), 'utf8')
    writeFileSync(join(root, 'playlist.js'), 'window.__gongkaiKioskPlaylist = { "version": ')
    await page.evaluate(() => (window as unknown as { gongkaiKiosk: { refresh(): void } }).gongkaiKiosk.refresh())
    await page.waitForTimeout(800)
    const s = await state(page)
    expect(s.version).toBe(built.version)
    expect(s.mode).toBe('slide')
    writeFileSync(join(root, 'playlist.js'), good)
    // The broken script's own syntax error is the one error expected.
    expect(errors.filter((e) => !/SyntaxError|Unexpected end/.test(e))).toEqual([])
    await page.close()
  })

  it('shows the issuing body and a notice when nothing is to be shown', async () => {
    const { page, errors } = await open(`${pathToFileURL(join(root, 'index.html')).href}?now=2030-01-01T10:00:00%2B08:00`, { width: 1080, height: 1920 })
    await page.waitForFunction(() => document.body.dataset['mode'] === 'empty')
    await expect.poll(() => page.locator('#empty').isVisible()).toBe(true)
    expect(await page.locator('#empty .b').textContent()).toBe('青川县生态环境局')
    expect(await page.locator('#empty .n').textContent()).toContain('当前没有')
    expect(await page.locator('#clock .t').isVisible()).toBe(true)
    // The Chinese is drawn in empty.png with the project's fonts (the kiosk needs no CJK font);
    // the text stays in the page for screen readers and shows only when the image is missing.
    await page.waitForFunction(() => (document.querySelector('#empty img') as HTMLImageElement).naturalWidth === 1080)
    expect(await page.locator('#empty .txt').isVisible()).toBe(false)
    await page.screenshot({ path: join(shots, 'empty.png') })
    expect(errors).toEqual([])
    await page.close()
  })
})
