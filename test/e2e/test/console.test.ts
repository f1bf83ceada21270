/**
 * The operator's console in Debian's Chromium, as the office uses it: `gongkai console` started as
 * a process on a project whose users were added with `gongkai user add`; an editor signs in by
 * keyboard alone, opens a publication and sees its four previews; the editor is refused a
 * reviewer's action, a page on another site cannot make a reviewer's browser approve anything, a
 * traversal id is refused; a reviewer approves 复审 (the file changes, an audit row appears); axe
 * finds no serious or critical violation on any page, and every page reads at 375 px. Screenshots
 * go to docs/issue-19/ with GONGKAI_SHOTS=docs.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
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
  { id: 'fushen', name: '赵复审', role: '审核', password: 'fushen-mima-2026' },
  { id: 'guanli', name: '陈管理', role: '管理,发布', password: 'guanli-mima-2026' },
] as const

const gongkai = (args: readonly string[], input = '') => runGongkai(args, input, { ...process.env, CI: 'true', ...NOW_ENV })

const body = EXAMPLE_BODY
const publication = (id: string, title: string, formed: string, review: string) =>
  `---\nid: ${id}\nitem: HB-ZFXX-006\ntitle: ${title}\nkind: release\nstage: decision\nformed: ${formed}\n# 文号按发文登记簿填写\ndocNumber: 青环发〔2026〕3${id.slice(-1)}号\n${review}tags: [规范性文件, 环境影响评价]\n---\n${body}`

let parent: string
let dir: string
let child: ChildProcess
let base: string
let link: string
let browser: Browser
let attacker: Server

const [suite, name] = browserSuite('the operator console in Chromium')

const axe = seriousAxe

const signIn = (page: Page, user: (typeof USERS)[number]) => signInAs(page, base, user)

/** Opens a publication and waits (the page refreshes itself while the previews build) until its previews show. */
async function openPublication(page: Page, id: string): Promise<void> {
  await page.goto(`${base}/publications/${id}`)
  await page.waitForSelector('iframe.site', { timeout: 150_000 })
  await page.waitForLoadState('load')
}

suite(name, () => {
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'gongkai-e2e-console-'))
    dir = join(parent, 'bureau')
    mkdirSync(join(dir, 'publications'), { recursive: true })
    for (const f of ['catalog.yaml', 'calendar.yaml']) cpSync(join(example, f), join(dir, f))
    cpSync(join(example, 'assets'), join(dir, 'assets'), { recursive: true })
    const config = readFileSync(join(example, 'gongkai.config.yaml'), 'utf8').replace(/\nschedules:[\s\S]*$/, '\n')
    writeFileSync(join(dir, 'gongkai.config.yaml'), `${config}review:\n  levels: [初审, 复审]\n`)
    writeFileSync(join(dir, 'publications/2026-test-001.md'), publication('2026-test-001', '关于实施建设项目环境影响评价告知承诺制审批的通知', '2026-10-28', ''))
    writeFileSync(join(dir, 'publications/2026-test-002.md'), publication('2026-test-002', '关于开展入河排污口排查整治的通知', '2026-11-20', 'review:\n  初审: { by: 李审核, on: 2026-11-24 }\n'))
    writeFileSync(
      join(dir, 'publications/2026-test-003.md'),
      publication('2026-test-003', '关于印发重点排污单位名录的通知', '2026-11-20', 'review: { 初审: { by: 李审核, on: 2026-11-24 }, 复审: { by: 赵复审, on: 2026-11-25 } }\n'),
    )
    for (const u of USERS) {
      const added = await gongkai(['user', 'add', dir, '--id', u.id, '--name', u.name, '--role', u.role], `${u.password}\n`)
      expect(added.err).toBe('')
      expect(added.out).toContain(`已添加用户 ${u.id}`)
    }
    const config2 = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    for (const u of USERS) expect(config2).not.toContain(u.password)
    mkdirSync(shots, { recursive: true })

    child = spawn(process.execPath, [bin, 'console', dir, '--port', '0'], { env: { ...process.env, CI: 'true', ...NOW_ENV }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    await new Promise<void>((ok, fail) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString()
        if (/\/signin\/link\/\S+/.test(out)) ok()
      })
      child.on('exit', () => fail(new Error(`gongkai console exited: ${out}`)))
    })
    base = /操作台已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? ''
    link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/link\/\S+)/.exec(out)?.[1] ?? ''
    expect(base).not.toBe('')
    expect(out).toContain('一次性登录链接（登录为 陈管理')

    // A page on another origin that submits the review form by itself, as a phishing page would.
    attacker = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="zh-CN"><body><form id="f" method="post" action="${base}/publications/2026-test-002/review"><input name="_csrf" value="guess"><input name="level" value="复审"></form><script>document.getElementById('f').submit()</script></body></html>`,
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

  it('an editor signs in with the keyboard alone and sees 总览 and 公开信息', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${base}/`)
    expect(page.url()).toBe(`${base}/signin?next=%2F`)
    await page.screenshot({ path: join(shots, 'signin.png'), fullPage: true })
    expect(await axe(page)).toEqual([])
    // The user name field has the focus on arrival; Tab moves to the password; Enter submits.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('user')
    await page.keyboard.type('bianji')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password')
    await page.keyboard.type('bianji-mima-2026')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/`)
    await expect.poll(() => page.locator('h1').textContent()).toContain('总览')
    expect(await page.locator('#due + h3, #due ~ h3').first().textContent()).toBe('法规与标准科')
    expect(await page.locator('section[aria-labelledby="review"] tbody tr').count()).toBe(2)
    await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true })
    expect(await axe(page)).toEqual([])

    await page.goto(`${base}/publications?state=review`)
    expect(await page.locator('table.list tbody tr').count()).toBe(2)
    await page.goto(`${base}/publications`)
    expect(await page.locator('table.list tbody tr').count()).toBe(3)
    await page.screenshot({ path: join(shots, 'publications.png'), fullPage: true })
    expect(await axe(page)).toEqual([])
    await context.close()
  })

  it('a publication shows the four channels side by side, each the previewed artifact, marked 预览稿', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    const page = await context.newPage()
    await signIn(page, USERS[0])
    await openPublication(page, '2026-test-002')
    expect(await page.locator('h1').textContent()).toContain('预览稿 · 缺少复审')
    const site = page.frameLocator('iframe.site')
    await expect.poll(() => site.locator('h1').first().textContent(), { timeout: 30_000 }).toContain('关于开展入河排污口排查整治的通知')
    const article = page.frameLocator('.phone iframe')
    await expect.poll(() => article.locator('body').textContent(), { timeout: 30_000 }).toContain('告知承诺制审批')
    expect(await page.locator('.phone .wx-title').textContent()).toBe('关于开展入河排污口排查整治的通知')
    for (const selector of ['img.sheet', 'img.slide', '.covers img.wide']) {
      const img = page.locator(selector).first()
      await img.scrollIntoViewIfNeeded()
      await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(300)
    }
    expect(await page.locator('article.preview .badge.draft').count()).toBe(4)
    // Side by side: the four previews start on one row at desktop width.
    const tops = await page.locator('article.preview').evaluateAll((list) => list.map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
    await page.screenshot({ path: join(shots, 'publication.png'), fullPage: true })
    expect(await axe(page)).toEqual([])
    await context.close()
  })

  it("refuses the editor a reviewer's action, a cross-site form and a traversal id; nothing is written", async () => {
    const before = readFileSync(join(dir, 'publications/2026-test-002.md'), 'utf8')
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[0])
    await page.goto(`${base}/publications/2026-test-002`)
    expect(await page.getByRole('button', { name: '通过复审' }).count()).toBe(0)
    // The form a reviewer would see, submitted from the editor's own page with the editor's valid token.
    const response = page.waitForResponse((r) => r.url().endsWith('/review'))
    await page.evaluate(() => {
      const token = (document.querySelector('input[name="_csrf"]') as HTMLInputElement).value
      const form = document.createElement('form')
      form.method = 'post'
      form.action = location.pathname + '/review'
      form.innerHTML = `<input name="_csrf" value="${token}"><input name="level" value="复审">`
      document.body.append(form)
      form.submit()
    })
    expect((await response).status()).toBe(403)
    await page.waitForLoadState('load')
    expect(await page.locator('.alert').textContent()).toContain('这项操作需要“审核”角色，您（王编辑）的角色是：编辑。没有执行任何操作。')
    await page.screenshot({ path: join(shots, 'refused-role.png'), fullPage: true })
    expect(await axe(page)).toEqual([])

    // A reviewer signed in, lured to a page on another port of the same machine whose form posts to
    // the console. Ports do not make another site, so SameSite lets the cookie go: the CSRF token and
    // the Origin check are what refuse it.
    const reviewer = await browser.newContext()
    const lured = await reviewer.newPage()
    await signIn(lured, USERS[2])
    const csrf = lured.waitForResponse((r) => r.url().endsWith('/review'))
    await lured.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`)
    expect((await csrf).status()).toBe(403)
    await lured.waitForLoadState('load')
    expect(await lured.locator('.alert').textContent()).toContain('表单校验码不对')
    await lured.screenshot({ path: join(shots, 'refused-csrf.png'), fullPage: true })
    // A forgery from outside a browser, with the session cookie and a guessed token: 403 as well.
    const forged = await lured.request.post(`${base}/publications/2026-test-002/review`, { form: { _csrf: 'guess', level: '复审' } })
    expect(forged.status()).toBe(403)
    expect(await forged.text()).toContain('表单校验码不对')
    await reviewer.close()

    const traversal = await page.goto(`${base}/publications/..%2F..%2Fgongkai.config`)
    expect(traversal?.status()).toBe(400)
    expect(await page.locator('.alert').textContent()).toContain('“../../gongkai.config”不是有效的公开信息编号：含有“..”')
    await page.screenshot({ path: join(shots, 'refused-id.png'), fullPage: true })
    expect(readFileSync(join(dir, 'publications/2026-test-002.md'), 'utf8')).toBe(before)
    await context.close()
  })

  it('a reviewer approves 复审: the file gains one line, the previews lose their mark, the audit log says who and when', async () => {
    const before = readFileSync(join(dir, 'publications/2026-test-002.md'), 'utf8')
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    const page = await context.newPage()
    await signIn(page, USERS[2])
    await openPublication(page, '2026-test-002')
    await page.getByRole('button', { name: '通过复审' }).click()
    await page.waitForURL(/approved=/)
    expect(await page.locator('.notice').first().textContent()).toBe('已记录：赵复审于今天通过“复审”')
    expect(readFileSync(join(dir, 'publications/2026-test-002.md'), 'utf8')).toBe(
      before.replace('  初审: { by: 李审核, on: 2026-11-24 }\n', '  初审: { by: 李审核, on: 2026-11-24 }\n  复审: { by: 赵复审, on: 2026-11-30 }\n'),
    )
    await openPublication(page, '2026-test-002')
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 60_000 }).toBe('已通过保密审查')
    expect(await page.locator('article.preview .badge.draft').count()).toBe(0)
    await page.screenshot({ path: join(shots, 'reviewed.png'), fullPage: true })
    await context.close()

    // The one-time link `gongkai console` printed signs in 陈管理 (管理), once.
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const audit = await admin.newPage()
    await audit.goto(link)
    await audit.waitForURL(`${base}/`)
    await audit.getByRole('link', { name: '操作记录' }).click()
    const rows = await audit.locator('tbody tr').allTextContents()
    expect(rows.some((r) => r.includes('fushen（赵复审）') && r.includes('保密审查') && r.includes('2026-test-002') && r.includes('完成') && r.includes('通过复审（2026-11-30）'))).toBe(true)
    expect(rows.some((r) => r.includes('bianji（王编辑）') && r.includes('拒绝') && r.includes('没有“审核”角色'))).toBe(true)
    expect(rows.some((r) => r.includes('fushen') && r.includes('拒绝') && r.includes('CSRF'))).toBe(true)
    expect(await audit.locator('body').textContent()).not.toContain('scrypt$')
    await audit.screenshot({ path: join(shots, 'audit.png'), fullPage: true })
    expect(await axe(audit)).toEqual([])
    const again = await admin.newPage()
    await again.context().clearCookies()
    await again.goto(link)
    expect(again.url()).toBe(`${base}/signin?error=expired`)
    await admin.close()
  })

  it('reads at phone width (375 px): no page scrolls sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await signIn(page, USERS[1])
    for (const [path, shot] of [
      ['/', 'phone-overview.png'],
      ['/publications', 'phone-publications.png'],
      ['/publications/2026-test-001', 'phone-publication.png'],
    ] as const) {
      if (path.startsWith('/publications/')) await openPublication(page, '2026-test-001')
      else await page.goto(base + path)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
      const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))
      expect(fontSize).toBeGreaterThanOrEqual(16)
      await page.screenshot({ path: join(shots, shot), fullPage: true })
      expect(await axe(page)).toEqual([])
    }
    await context.close()
  })
})
