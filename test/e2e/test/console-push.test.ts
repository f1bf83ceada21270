/**
 * The console's 推送, 计划任务 and 打印 pages in Debian's Chromium, against `gongkai console` started
 * as a process on a project built with `gongkai build`, whose config pushes to the local WeChat
 * server and to a website target folder: a 发布 user opens the push plan, confirms it with the
 * keyboard alone, watches the progress arrive (server-sent events) and the result; the platform's
 * own counts, the target folder's files and the ledger rows say the push landed once. An editor is
 * refused the push, a forged form is refused, a second push while one runs is refused. A schedule
 * shows its next runs and is run now; a day's print run is shown, downloaded (pdftotext reads it)
 * and written. axe on every new page; every page at 390 px. Screenshots go to docs/issue-19/ with GONGKAI_SHOTS=docs.
 */
import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath } from '../support/browser.js'
import { EXAMPLE_BODY, runGongkai, seriousAxe, SHOTS as shots, signInAs } from '../support/console.js'
import { NOW_ENV } from '../support/now.js'

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(repo, 'packages/cli/bin/gongkai.js')
const example = join(repo, 'examples/county-bureau')
const SECRET = 'console-push-secret-do-not-show'

const USERS = [
  { id: 'bianji', name: '王编辑', role: '编辑', password: 'bianji-mima-2026' },
  { id: 'fabu', name: '周发布', role: '发布', password: 'fabu-mima-2026' },
  { id: 'guanli', name: '陈管理', role: '管理', password: 'guanli-mima-2026' },
] as const

const env = () => ({ ...process.env, CI: 'true', ...NOW_ENV, GONGKAI_WECHAT_SECRET: SECRET })

const gongkai = (args: readonly string[], input = '') => runGongkai(args, input, env())

const body = EXAMPLE_BODY
const publication = (id: string, title: string, formed: string, extra: string) =>
  `---\nid: ${id}\nitem: HB-ZFXX-006\ntitle: ${title}\nkind: release\nstage: decision\nformed: ${formed}\ndocNumber: 青环发〔2026〕3${id.slice(-1)}号\n${extra}tags: [规范性文件, 环境影响评价]\n---\n${body}`

let parent: string
let dir: string
let child: ChildProcess
let base: string
let browser: Browser
let server: WechatServer

const [suite, name] = browserSuite('the console pushes, runs schedules and prints, in Chromium')

const axe = seriousAxe

const signIn = (page: Page, user: (typeof USERS)[number]) => signInAs(page, base, user)

/** Presses Tab until the focused element's text is `label` (keyboard only, as a user without a mouse). */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === label) return
  }
  throw new Error(`Tab never reached “${label}”`)
}

const ledger = () => openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))

suite(name, () => {
  beforeAll(async () => {
    // Each publish is polled a few times with a pause: the push lasts long enough to be watched.
    server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 2, latencyMs: 250 })
    parent = mkdtempSync(join(tmpdir(), 'gongkai-e2e-console-push-'))
    dir = join(parent, 'bureau')
    mkdirSync(join(dir, 'publications'), { recursive: true })
    for (const f of ['catalog.yaml', 'calendar.yaml']) cpSync(join(example, f), join(dir, f))
    cpSync(join(example, 'assets'), join(dir, 'assets'), { recursive: true })
    const config = readFileSync(join(example, 'gongkai.config.yaml'), 'utf8')
      .replace(/\nschedules:[\s\S]*$/, '\n')
      .replace('  website: {}\n', '  website:\n    target: live-site\n')
      .replace(/(\n {2}wechat:\n)/, `$1    apiBase: ${server.url}\n    pollIntervalMs: 20\n    retry: { attempts: 3, baseMs: 10, maxMs: 50 }\n`)
    expect(config).toContain('target: live-site')
    writeFileSync(
      join(dir, 'gongkai.config.yaml'),
      `${config}review:\n  levels: [初审, 复审]\n\nschedules:\n  - id: wechat-morning\n    task: wechat\n    cron: "0 9 * * *"\n    workdays: true\n  - id: deadlines\n    task: deadlines\n    cron: "30 8 * * *"\n    options: { withinDays: 3 }\n`,
    )
    const both = 'review: { 初审: { by: 李审核, on: 2026-11-24 }, 复审: { by: 赵复审, on: 2026-11-25 } }\n'
    writeFileSync(join(dir, 'publications/2026-test-001.md'), publication('2026-test-001', '关于实施建设项目环境影响评价告知承诺制审批的通知', '2026-10-28', ''))
    writeFileSync(
      join(dir, 'publications/2026-test-002.md'),
      publication('2026-test-002', '关于开展入河排污口排查整治的通知', '2026-11-20', `${both}noticePeriod: { from: 2026-11-25, until: 2026-12-09 }\n`),
    )
    writeFileSync(join(dir, 'publications/2026-test-003.md'), publication('2026-test-003', '关于印发重点排污单位名录的通知', '2026-11-20', `${both}publishAt: 2026-12-01T09:00:00+08:00\n`))
    for (const u of USERS) {
      const added = await gongkai(['user', 'add', dir, '--id', u.id, '--name', u.name, '--role', u.role], `${u.password}\n`)
      expect(added.err).toBe('')
    }
    // The office builds the release the push will ship, as the README tells it to.
    const built = await gongkai(['build', dir, '--channel', 'website,wechat'])
    expect(built.code, built.err + built.out).toBe(0)
    mkdirSync(shots, { recursive: true })

    child = spawn(process.execPath, [bin, 'console', dir, '--port', '0'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    await new Promise<void>((ok, fail) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString()
        if (/\/signin\/link\/\S+/.test(out)) ok()
      })
      child.on('exit', () => fail(new Error(`gongkai console exited: ${out}`)))
    })
    // A console that dies mid-test says why (its own output) instead of leaving only refused connections.
    child.on('exit', (code) => {
      if (code !== 0) process.stderr.write(`gongkai console exited with ${String(code)}:\n${out}\n`)
    })
    base = /操作台已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? ''
    expect(base).not.toBe('')
    browser = await chromium.launch({ executablePath: chromePath, args: CHROME_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok))
      child.kill('SIGINT')
      await exited
    }
    await server?.close()
    rmSync(parent, { recursive: true, force: true })
  })

  it('refuses an editor the push (no button, a forged form 403) and a form without its token', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[0])
    await page.goto(`${base}/push`)
    expect(await page.getByRole('button', { name: '确认推送' }).count()).toBe(0)
    expect(await page.locator('.confirm').textContent()).toContain('推送需要“发布”角色')
    const releases = (await page.content()).match(/wechat:[0-9a-f]{16}/)?.[0]
    expect(releases).toBeUndefined()
    const token = await page.locator('input[name="_csrf"]').first().inputValue()
    const response = page.waitForResponse((r) => r.url().endsWith('/push') && r.request().method() === 'POST')
    await page.evaluate((csrf) => {
      const form = document.createElement('form')
      form.method = 'post'
      form.action = '/push'
      form.innerHTML = `<input name="_csrf" value="${csrf}"><input name="releases" value="wechat:0123456789abcdef">`
      document.body.append(form)
      form.submit()
    }, token)
    expect((await response).status()).toBe(403)
    await page.waitForLoadState('load')
    expect(await page.locator('.alert').textContent()).toContain('这项操作需要“发布”角色，您（王编辑）的角色是：编辑。没有执行任何操作。')
    await page.screenshot({ path: join(shots, 'push-refused-role.png'), fullPage: true })
    await context.close()

    const publisher = await browser.newContext()
    const lured = await publisher.newPage()
    await signIn(lured, USERS[1])
    const forged = await lured.request.post(`${base}/push`, { form: { _csrf: 'guess', releases: 'wechat:0123456789abcdef' } })
    expect(forged.status()).toBe(403)
    expect(await forged.text()).toContain('表单校验码不对')
    await publisher.close()
    expect(server.stats.drafts).toBe(0)
  })

  it('a 发布 user reads the push plan, confirms it by keyboard, watches the progress, and the push lands once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[1])
    await page.getByRole('link', { name: '推送', exact: true }).click()
    await page.waitForURL(`${base}/push`)
    const wechat = page.locator('section[aria-labelledby="ch-wechat"]')
    const row = (section: typeof wechat, id: string) => section.locator('tr', { hasText: id }).locator('td').last()
    expect(await row(wechat, '2026-test-002').textContent()).toBe('将发布')
    expect(await row(wechat, '2026-test-001').textContent()).toBe('不发布：未通过保密审查：缺少初审、复审')
    expect(await row(wechat, '2026-test-003').textContent()).toBe('等待定时发布：2026年12月1日 09:00')
    const site = page.locator('section[aria-labelledby="ch-website"]')
    expect(await row(site, '2026-test-002').textContent()).toBe('将发布')
    expect(await page.locator('.confirm').textContent()).toContain('共将推送 2 篇')
    // The same words as `gongkai push --dry-run`.
    const dry = await gongkai(['push', dir, '--channel', 'website,wechat', '--dry-run'])
    expect(dry.out).toContain('预演：将推送 2 篇')
    expect(dry.out).toMatch(/2026-test-001 .*不发布：未通过保密审查：缺少初审、复审/)
    await page.screenshot({ path: join(shots, 'push-plan.png'), fullPage: true })
    expect(await axe(page)).toEqual([])

    // Keyboard only: Tab to the confirm button and press Enter.
    await tabTo(page, '确认推送')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/)
    const runUrl = page.url()
    // While it runs: the script took the page over (no reload) and lines arrive as they happen.
    await expect.poll(() => page.locator('#run-lines li').count(), { timeout: 30_000 }).toBeGreaterThan(1)
    const running = (await page.locator('h1 .badge').textContent()) === '进行中'
    if (running) {
      expect(await page.evaluate(() => document.querySelector('meta[http-equiv="refresh"]') === null)).toBe(true)
      // Lines that arrived live read their times as the server-rendered ones do.
      await expect.poll(() => page.locator('#run-lines li').count(), { timeout: 30_000 }).toBeGreaterThan(3)
      expect((await page.locator('#run-lines').textContent()) ?? '').not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/)
      expect(await page.locator('#run-status').textContent()).toBe('正在进行……进度实时显示在下面。')
      await page.screenshot({ path: join(shots, 'push-progress.png'), fullPage: true })
      // A second push while this one runs is refused (and audited).
      const token = await page.locator('input[name="_csrf"]').first().inputValue()
      const again = await page.request.post(`${base}/push`, { form: { _csrf: token, releases: 'website:0123456789abcdef' }, headers: { origin: base } })
      expect(again.status()).toBe(409)
      expect(await again.text()).toContain('还没有结束，这次没有推送')
    }
    expect(running).toBe(true)
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 120_000 }).toBe('已完成')
    expect(page.url()).toBe(runUrl)
    const lines = await page.locator('#run-lines li').allTextContents()
    expect(lines).toContain('微信公众号：开始推送发布版本 ' + (/微信公众号：开始推送发布版本 ([0-9a-f]{16})/.exec(lines.join('\n'))?.[1] ?? '?'))
    expect(lines.some((l) => /^微信公众号：2026-test-002 已发布 \S+/.test(l))).toBe(true)
    expect(lines.some((l) => l.startsWith('政府网站：2026-test-002 已发布'))).toBe(true)
    const result = await page.locator('section[aria-labelledby="result"]').textContent()
    expect(result).toContain('发布 2，失败 0')
    expect(await page.content()).not.toContain(SECRET)
    await page.screenshot({ path: join(shots, 'push-result.png'), fullPage: true })
    expect(await axe(page)).toEqual([])

    // The platform's own counts: one draft and one submit, of that title.
    expect(server.stats.drafts).toBe(1)
    expect(server.stats.submits).toBe(1)
    expect(server.stats.submitsByTitle['关于开展入河排污口排查整治的通知']).toBe(1)
    // The website target folder holds the page (reviewed, due) and not the unreviewed or scheduled ones.
    const served = readFileSync(join(dir, 'live-site/p/2026-test-002.html'), 'utf8')
    expect(served).toContain('关于开展入河排污口排查整治的通知')
    expect(existsSync(join(dir, 'live-site/p/2026-test-001.html'))).toBe(false)
    expect(existsSync(join(dir, 'live-site/p/2026-test-003.html'))).toBe(false)
    // The ledger rows, by the console's clock.
    const store = ledger()
    try {
      const rows = await store.ledger.list({ publication: '2026-test-002' })
      expect(rows.map((r) => [r.channel, r.state]).sort()).toEqual([
        ['website', 'delivered'],
        ['wechat', 'delivered'],
      ])
      expect(rows.every((r) => r.deliveredAt?.startsWith('2026-11-30T02:0') === true)).toBe(true)
      expect(await store.ledger.list({ publication: '2026-test-001' })).toEqual([])
      const audit = await store.audit.list({ actor: 'fabu' })
      // The forged form, the confirm, the second push while the first ran.
      expect(
        audit
          .filter((a) => a.action === 'push')
          .map((a) => a.outcome)
          .sort(),
      ).toEqual(['ok', 'refused', 'refused'])
      expect(audit.find((a) => a.action === 'push-done')?.detail).toBe('推送：政府网站、微信公众号：发布 2，失败 0，待下次 0，已发布跳过 0')
    } finally {
      await store.close()
    }

    // A second look at the plan: nothing left to send; a confirm now sends nothing twice.
    await page.goto(`${base}/push`)
    expect(await row(wechat, '2026-test-002').textContent()).toBe('已发布（跳过）')
    expect(await page.locator('.confirm').textContent()).toContain('共将推送 0 篇')
    await context.close()
  })

  it('refuses a push of a preview release, as gongkai push does', async () => {
    const built = await gongkai(['build', dir, '--channel', 'wechat', '--preview'])
    expect(built.code, built.err + built.out).toBe(0)
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[1])
    await page.goto(`${base}/push`)
    const refused = await page.locator('section[aria-labelledby="ch-wechat"] .alert').textContent()
    expect(refused).toMatch(/^不推送：发布版本 [0-9a-f]{16} 是预览稿$/)
    const id = /[0-9a-f]{16}/.exec(refused ?? '')?.[0] ?? ''
    const token = await page.locator('input[name="_csrf"]').first().inputValue()
    const r = await page.request.post(`${base}/push`, { form: { _csrf: token, releases: `wechat:${id}` }, headers: { origin: base } })
    expect(r.status()).toBe(409)
    expect(await r.text()).toContain(`微信公众号的发布版本 ${id} 是预览稿（gongkai build --preview 生成），不能发布`)
    expect(server.stats.drafts).toBe(1)
    // Back to a real release for what follows.
    expect((await gongkai(['build', dir, '--channel', 'wechat'])).code).toBe(0)
    await context.close()
  })

  it('计划任务 shows each schedule with its next runs and runs one now', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, USERS[1])
    await page.getByRole('link', { name: '计划任务', exact: true }).click()
    const morning = page.locator('section[aria-labelledby="s-wechat-morning"]')
    // 2026-11-30 is a Monday, 10:00 in Shanghai: the next workday mornings at 9:00.
    expect(await morning.locator('ul.plain li').allTextContents()).toEqual(['2026年12月1日 09:00', '2026年12月2日 09:00', '2026年12月3日 09:00'])
    const deadlines = page.locator('section[aria-labelledby="s-deadlines"]')
    expect(await deadlines.locator('ul.plain li').first().textContent()).toBe('2026年12月1日 08:30')
    expect(await deadlines.textContent()).toContain('还没有运行过')
    expect(await axe(page)).toEqual([])
    await deadlines.getByRole('button', { name: '立即运行 deadlines' }).click()
    await page.waitForURL(/\/runs\//)
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 60_000 }).toBe('已完成')
    expect(await page.locator('section[aria-labelledby="result"]').textContent()).toMatch(/完成：超期 \d+ 条，即将到期 \d+ 条/)
    await page.getByRole('link', { name: '计划任务', exact: true }).first().click()
    expect(await page.locator('section[aria-labelledby="s-deadlines"] ul.jobs li').first().textContent()).toMatch(/^完成 · 计划时间 2026年11月30日 10:00 · 第 1 次超期 \d+ 条/)
    expect(existsSync(join(dir, 'out/reports/deadlines-2026-11-30.md'))).toBe(true)
    await page.screenshot({ path: join(shots, 'schedules.png'), fullPage: true })
    await context.close()
  })

  it('打印 shows a day’s sheets, downloads the PDF and writes the run as gongkai print does', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const page = await context.newPage()
    await signIn(page, USERS[1])
    await page.getByRole('link', { name: '打印', exact: true }).click()
    await page.waitForURL(`${base}/print`)
    // Keyboard only: Tab to the date field, type the day, Enter.
    await page.locator('#on').focus()
    await page.keyboard.type('12012026')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${base}/print?on=2026-12-01`)
    expect(await page.locator('h1').textContent()).toContain('2026年12月1日')
    expect(await page.locator('section[aria-labelledby="post"]').textContent()).toContain('关于开展入河排污口排查整治的通知')
    expect(await page.locator('section[aria-labelledby="down"]').textContent()).toContain('今日撤下（0 件）')
    const img = page.locator('img.sheet').first()
    await img.scrollIntoViewIfNeeded()
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBe(794)
    expect(await page.locator('img.sheet').count()).toBeGreaterThanOrEqual(2)
    await page.screenshot({ path: join(shots, 'print.png'), fullPage: true })
    expect(await axe(page)).toEqual([])
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: '下载 PDF' }).click()
    const file = join(parent, 'print.pdf')
    await (await download).saveAs(file)
    const pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(pdf).toContain('今日张贴（1件）')
    expect(pdf).toContain('关于开展入河排污口排查整治的通知')
    expect(pdf).toMatch(/—\s*2\s*—/)
    await page.getByRole('button', { name: '生成打印稿并记入台账' }).click()
    await page.waitForURL(/saved=/)
    expect(await page.locator('.notice').textContent()).toBe('已生成打印稿：out/print/2026-12-01.pdf')
    expect(execFileSync('pdftotext', [join(dir, 'out/print/2026-12-01.pdf'), '-'], { encoding: 'utf8' })).toContain('关于开展入河排污口排查整治的通知')
    // 总览 now says what the day holds: each schedule's next run, today's sheets.
    await page.getByRole('link', { name: '总览' }).click()
    expect(await page.locator('section[aria-labelledby="upcoming"]').textContent()).toContain('deadlines（公开时限检查）：2026年12月1日 08:30')
    expect(await page.locator('section[aria-labelledby="sheets-today"]').textContent()).toContain('张贴 1 件，撤下 0 件')
    await page.screenshot({ path: join(shots, 'overview-today.png'), fullPage: true })
    expect(await axe(page)).toEqual([])
    const bad = await page.goto(`${base}/print?on=2026-02-30`)
    expect(bad?.status()).toBe(400)
    expect(await page.locator('.alert').textContent()).toContain('打印日期（on）应为 YYYY-MM-DD 格式的真实日期，例如 2026-11-26，不能是“2026-02-30”')
    await context.close()
  })

  it('reads at phone width (390 px) and shows the pushes in the audit log', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await signIn(page, USERS[1])
    for (const [path, shot] of [
      ['/push', 'phone-push.png'],
      ['/schedules', 'phone-schedules.png'],
      ['/print?on=2026-12-01', 'phone-print.png'],
    ] as const) {
      await page.goto(base + path)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
      await page.screenshot({ path: join(shots, shot), fullPage: true })
      expect(await axe(page)).toEqual([])
    }
    await context.close()
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const audit = await admin.newPage()
    await signIn(audit, USERS[2])
    await audit.getByRole('link', { name: '操作记录' }).click()
    const rows = await audit.locator('tbody tr').allTextContents()
    expect(rows.some((r) => r.includes('fabu（周发布）') && r.includes('推送结束') && r.includes('发布 2'))).toBe(true)
    expect(rows.some((r) => r.includes('bianji（王编辑）') && r.includes('推送') && r.includes('没有“发布”角色'))).toBe(true)
    expect(rows.some((r) => r.includes('生成打印稿') && r.includes('out/print/2026-12-01.pdf'))).toBe(true)
    await admin.close()
  })
})
