/**
 * The console's Edit page in Debian's Chromium, on `gongkai console` started as a process: an
 * editor edits a publication's title and body by keyboard alone (the deadline follows the typed
 * date), saves, and sees the four previews change; the open publication page refreshes itself
 * when the file changes on disk (the live stream); a reviewer signs in and approves the review the
 * edit made stale. Plus axe on the edit page, the page at 390 px, a CSRF attempt on save and a
 * traversal id refused, an editor refused a reviewer's action. Screenshots go to docs/issue-19/ with GONGKAI_SHOTS=docs.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath } from '../support/browser.js'
import { EXAMPLE_BODY, runGongkai, seriousAxe, SHOTS as shots, signInAs } from '../support/console.js'
import { NOW_ENV } from '../support/now.js'

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(repo, 'packages/cli/bin/gongkai.js')
const example = join(repo, 'examples/county-bureau')

const USERS = [
  { id: 'bianji', name: '王编辑', role: '编辑', password: 'bianji-mima-2026' },
  { id: 'shenhe', name: '李审核', role: '审核', password: 'shenhe-mima-2026' },
] as const

const gongkai = (args: readonly string[], input = '') => runGongkai(args, input, { ...process.env, CI: 'true', ...NOW_ENV })

const body = EXAMPLE_BODY
const ID = '2026-test-002'
const TITLE = '关于开展入河排污口排查整治的通知'

let parent: string
let dir: string
let child: ChildProcess
let base: string
let browser: Browser
let attacker: Server

const [suite, name] = browserSuite('the console Edit page in Chromium')

const axe = seriousAxe

const signIn = (page: Page, user: (typeof USERS)[number]) => signInAs(page, base, user)

/** Presses Tab until the element with `id` has the focus (as a keyboard user would), at most 40 times. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id ?? '')) === id) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached #${id}`)
}

/** What the four previews show now: the website and WeChat frames' text, the sheet's and the slides' pixels (hashed). */
async function previews(page: Page): Promise<{ site: string; wechat: string; sheet: string; slides: string }> {
  const frameText = async (selector: string) => (await page.frameLocator(selector).locator('body').textContent()) ?? ''
  const hashOf = async (selector: string) => {
    const srcs = await page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src))
    const h = createHash('sha256')
    for (const src of srcs) h.update(Buffer.from(await (await page.request.get(src)).body()))
    return `${srcs.length}:${h.digest('hex').slice(0, 16)}`
  }
  return { site: await frameText('iframe.site'), wechat: await frameText('.phone iframe'), sheet: await hashOf('img.sheet'), slides: await hashOf('img.slide') }
}

suite(name, () => {
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'gongkai-e2e-edit-'))
    dir = join(parent, 'bureau')
    mkdirSync(join(dir, 'publications'), { recursive: true })
    for (const f of ['catalog.yaml', 'calendar.yaml']) cpSync(join(example, f), join(dir, f))
    cpSync(join(example, 'assets'), join(dir, 'assets'), { recursive: true })
    const config = readFileSync(join(example, 'gongkai.config.yaml'), 'utf8').replace(/\nschedules:[\s\S]*$/, '\n')
    writeFileSync(join(dir, 'gongkai.config.yaml'), `${config}review:\n  levels: [初审]\n`)
    writeFileSync(
      join(dir, `publications/${ID}.md`),
      `---\nid: ${ID}\nitem: HB-ZFXX-006\ntitle: ${TITLE}\nkind: release\nstage: decision\nformed: 2026-11-20\n# 文号按发文登记簿填写\ndocNumber: 青环发〔2026〕32号\nreview:\n  初审: { by: 李审核, on: 2026-11-24 }\ntags: [规范性文件, 环境影响评价]\n---\n${body}`,
    )
    for (const u of USERS) expect((await gongkai(['user', 'add', dir, '--id', u.id, '--name', u.name, '--role', u.role], `${u.password}\n`)).err).toBe('')
    mkdirSync(shots, { recursive: true })
    child = spawn(process.execPath, [bin, 'console', dir, '--port', '0'], { env: { ...process.env, CI: 'true', ...NOW_ENV }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    await new Promise<void>((ok, fail) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString()
        if (/\/signin\/link\/\S+/.test(out)) ok()
      })
      child.on('exit', () => fail(new Error(`gongkai console exited: ${out}`)))
    })
    base = /操作台已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? ''
    expect(base).not.toBe('')
    // A page elsewhere that submits the edit form by itself, as a phishing page would.
    attacker = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="zh-CN"><body><form id="f" method="post" action="${base}/publications/${ID}/edit"><input name="_csrf" value="guess"><input name="intent" value="save"><input name="title" value="被篡改的标题"></form><script>document.getElementById('f').submit()</script></body></html>`,
        )
    })
    await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', () => ok()))
    browser = await chromium.launch({ executablePath: chromePath, args: CHROME_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    attacker?.close()
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok))
      child.kill('SIGINT')
      await exited
    }
    rmSync(parent, { recursive: true, force: true })
  })

  it('an editor edits the title and body by keyboard alone, sees the four previews change, the page follows a change on disk, and a reviewer approves', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[0])
    await page.goto(`${base}/publications/${ID}`)
    await page.waitForSelector('img.slide', { timeout: 150_000 })
    await page.waitForLoadState('load')
    const before = await previews(page)
    expect(before.site).toContain(TITLE)

    // From the publication page to its form, by keyboard.
    await page.getByRole('link', { name: '修改' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/publications/${ID}/edit`)
    expect(await axe(page)).toEqual([])
    await page.screenshot({ path: join(shots, 'edit.png'), fullPage: true })
    expect(await page.locator('#deadline').textContent()).toContain('最迟应在 2026年12月18日 公开')
    await tabTo(page, 'f-title')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('关于开展全县入河排污口排查整治的通知')
    // The deadline follows the typed date (the page's one script asks the server).
    await tabTo(page, 'f-formed')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2026-11-27')
    await expect.poll(() => page.locator('#deadline').textContent()).toContain('最迟应在 2026年12月25日 公开')
    await tabTo(page, 'f-body')
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('各单位于12月20日前报送排查结果。')
    // 检查并预览 first: the body as it will read, nothing written.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('检查并预览')
    await page.keyboard.press('Enter')
    await page.waitForSelector('.body-preview')
    expect(await page.locator('.body-preview').textContent()).toContain('各单位于12月20日前报送排查结果。')
    expect(readFileSync(join(dir, `publications/${ID}.md`), 'utf8')).not.toContain('各单位于12月20日前')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(shots, 'edit-390.png'), fullPage: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.setViewportSize({ width: 1280, height: 900 })
    await tabTo(page, 'f-body')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('保存到文件')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/publications/${ID}?edited=1`)

    const file = readFileSync(join(dir, `publications/${ID}.md`), 'utf8')
    expect(file).toContain('title: 关于开展全县入河排污口排查整治的通知\n')
    expect(file).toContain('formed: 2026-11-27\n# 文号按发文登记簿填写\n')
    expect(file).not.toContain('review:')
    expect(file.trimEnd().endsWith('各单位于12月20日前报送排查结果。')).toBe(true)
    // The four previews change: the page swaps each channel in as its release is rebuilt.
    await expect.poll(async () => (await previews(page)).site, { timeout: 60_000 }).toContain('关于开展全县入河排污口排查整治的通知')
    await expect
      .poll(
        async () => {
          const now = await previews(page)
          return [now.wechat.includes('各单位于12月20日前报送排查结果'), now.sheet !== before.sheet, now.slides !== before.slides]
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toEqual([true, true, true])
    expect(await page.locator('h1').textContent()).toContain('预览稿 · 缺少初审')

    // Another editor saves the file outside the console: the open page refreshes by itself.
    await page.evaluate(() => document.body.removeAttribute('data-refreshed'))
    writeFileSync(join(dir, `publications/${ID}.md`), file.replace('各单位于12月20日前报送排查结果。', '各单位于12月25日前报送排查结果。'))
    await page.waitForSelector('body[data-refreshed]', { timeout: 60_000 })
    await expect.poll(async () => (await previews(page)).site, { timeout: 60_000 }).toContain('各单位于12月25日前报送排查结果')
    await page.screenshot({ path: join(shots, 'publication-live.png'), fullPage: true })
    // The build's end reaches the open page too, without a reload: the notice goes and every channel shows the new text.
    await page.waitForSelector('.notice.building', { state: 'detached', timeout: 90_000 })
    expect((await previews(page)).wechat).toContain('各单位于12月25日前报送排查结果')
    // What the page draws is what the server holds now: each slide and sheet page as shown, against the same file fetched afresh
    // (a browser keeps an image by its URL for the life of the page: swapped in under the same URL, the old slides stayed).
    const drawn = await page.evaluate(async () => {
      const pixels = (img: HTMLImageElement) => {
        const canvas = document.createElement('canvas')
        canvas.width = img.naturalWidth
        canvas.height = img.naturalHeight
        canvas.getContext('2d')?.drawImage(img, 0, 0)
        return canvas.toDataURL()
      }
      const shown = [...document.querySelectorAll<HTMLImageElement>('img.slide, img.sheet')]
      await Promise.all(shown.map((img) => img.decode()))
      const same: boolean[] = []
      for (const img of shown) {
        const url = new URL(img.src)
        url.searchParams.set('fresh', String(Math.random()))
        const fresh = new Image()
        fresh.src = url.href
        await fresh.decode()
        same.push(pixels(img) === pixels(fresh))
      }
      return same
    })
    expect(drawn.length).toBeGreaterThanOrEqual(5)
    expect(drawn).toEqual(drawn.map(() => true))
    await page.screenshot({ path: join(shots, 'publication-live-done.png'), fullPage: true })

    // The editor may not approve; the reviewer does, from the page.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue()
    const refused = await page.request.post(`${base}/publications/${ID}/review`, { form: { _csrf: csrf, level: '初审' } })
    expect(refused.status()).toBe(403)
    expect(await refused.text()).toContain('这项操作需要“审核”角色')
    const reviewer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await signIn(reviewer, USERS[1])
    await reviewer.goto(`${base}/publications/${ID}`)
    await reviewer.getByRole('button', { name: '通过初审' }).click()
    await reviewer.waitForURL(/approved=/)
    expect(readFileSync(join(dir, `publications/${ID}.md`), 'utf8')).toContain('review: { 初审: { by: 李审核, on: 2026-11-30 } }\n')
    await expect.poll(() => reviewer.locator('h1').textContent(), { timeout: 60_000 }).toContain('已通过保密审查')
    await context.close()
  })

  it('refuses a save from another site (CSRF) and a traversal id on edit', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[0])
    const before = readFileSync(join(dir, `publications/${ID}.md`), 'utf8')
    const { port } = attacker.address() as AddressInfo
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForURL(`${base}/**`)
    expect(await page.locator('body').textContent()).toMatch(/请先登录|请求被拒绝/)
    // The session's own cookie with a wrong token, from the console's origin: refused too.
    const forged = await page.request.post(`${base}/publications/${ID}/edit`, { form: { _csrf: 'guess', intent: 'save', title: '被篡改的标题' } })
    expect(forged.status()).toBe(403)
    expect(readFileSync(join(dir, `publications/${ID}.md`), 'utf8')).toBe(before)
    const traversal = await page.goto(`${base}/publications/${encodeURIComponent('../../gongkai.config')}/edit`)
    expect(traversal?.status()).toBe(400)
    expect(await page.locator('main').textContent()).toContain('不是有效的公开信息编号')
    await context.close()
  })
})
