/**
 * The console's 推送, 计划任务 and 打印 in-process, on a real project folder and SQLite store, with
 * the real channels pushing to the local WeChat server and a website target folder: the plan's
 * rows, the refusals (role, CSRF, a preview release), the push's progress read from the
 * server-sent event stream, the platform's counts, the target's files and the ledger rows; a
 * schedule's next runs and a run now through the real scheduler; a day's print run read back with
 * pdftotext.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRenderContext, loadCalendar, loadProject } from '@gongkai/core'
import type { Channel, Project } from '@gongkai/core'
import { buildRelease } from '@gongkai/hub'
import { renderBatch } from '@gongkai/noticeboard'
import { checkDeadlines, createScheduler, manualClock } from '@gongkai/scheduler'
import { openSqliteStore } from '@gongkai/store-sqlite'
import type { SqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { website } from '@gongkai/website'
import { wechat } from '@gongkai/wechat'
import { DomUtils, parseDocument } from 'htmlparser2'
import type { Element } from 'domhandler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConsole } from '../src/app.js'
import type { ConsoleApp } from '../src/app.js'
import { makeProject, NOW, USERS } from './fixture.js'

const SECRET = 'console-test-secret'
const BASE = 'http://127.0.0.1:4300'
let dir: string
let remove: () => void
let store: SqliteStore
let app: ConsoleApp
let server: WechatServer
const now = () => NOW

const channelsFor = (project: Project, purpose?: 'preview' | 'push'): Channel[] => [
  website({ projectDir: project.dir, ...(purpose === 'push' ? { target: join(project.dir, 'live-site') } : { preview: true }) }),
  wechat({ appId: 'wx5f3c2a9b8e7d6c41', secretEnv: 'GONGKAI_WECHAT_SECRET', apiBase: server.url, pollIntervalMs: 10 }),
]

/** Builds the release a push ships (as `gongkai build` does). */
async function build(preview = false): Promise<void> {
  const project = await loadProject(dir)
  const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: dir, now: NOW })
  await buildRelease({ channels: channelsFor(project, 'push'), disclosures: project.disclosures, ctx, projectDir: dir, outDir: join(dir, 'out'), preview })
}

beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1 })
  ;({ dir, remove } = await makeProject())
  const config = join(dir, 'gongkai.config.yaml')
  writeFileSync(
    config,
    `${readFileSync(config, 'utf8')}\nschedules:\n  - id: deadlines\n    task: deadlines\n    cron: "30 8 * * *"\n  - id: weekday-push\n    task: wechat\n    cron: "0 9 * * *"\n    workdays: true\n`,
  )
  const p3 = join(dir, 'publications/2026-test-003.md')
  writeFileSync(p3, readFileSync(p3, 'utf8').replace('tags:', 'noticePeriod: { from: 2026-11-25, until: 2026-12-09 }\ntags:'))
  store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'), { now })
  await build()
  app = await createConsole({
    dir,
    store,
    now,
    watch: false,
    env: { GONGKAI_WECHAT_SECRET: SECRET },
    channels: async (project, purpose) => channelsFor(project, purpose),
    scheduler: (project) => ({
      problems: [],
      scheduler: createScheduler({
        schedules: project.config.schedules,
        timezone: project.config.timezone,
        jobs: store.jobs,
        clock: manualClock(NOW),
        tasks: {
          async deadlines() {
            const report = checkDeadlines(project.disclosures, { calendar: loadCalendar(), today: '2026-11-30', withinDays: 3 })
            return { summary: `超期 ${report.overdue.length} 条，即将到期 ${report.dueSoon.length} 条` }
          },
          async wechat() {
            return { summary: '未运行' }
          },
        },
      }),
    }),
    printer: {
      render: (project, day) =>
        renderBatch(project.disclosures, { on: day }, createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: dir, now: NOW })),
      save: async (project, day) => {
        const run = await renderBatch(project.disclosures, { on: day }, createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: dir, now: NOW }))
        writeFileSync(join(dir, `print-${day}.pdf`), run.pdf)
        return { file: `print-${day}.pdf`, run }
      },
    },
  })
})

afterAll(async () => {
  await app?.close()
  await store?.close()
  await server?.close()
  remove?.()
})

const cookieOf = (r: Response, name: string) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`))
const get = (path: string, cookie?: string) => app.fetch(new Request(BASE + path, { headers: cookie === undefined ? {} : { cookie } }))
const post = (path: string, form: Record<string, string>, cookie: string) =>
  app.fetch(new Request(BASE + path, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } }))
const doc = async (r: Response) => parseDocument(await r.text())
const text = (d: ReturnType<typeof parseDocument>) => DomUtils.textContent(d).replace(/\s+/g, ' ')
const input = (d: ReturnType<typeof parseDocument>, name: string) => DomUtils.findOne((e: Element) => e.name === 'input' && e.attribs['name'] === name, d.children)?.attribs['value'] ?? ''
const rowText = (d: ReturnType<typeof parseDocument>, section: string, id: string) => {
  const s = DomUtils.findOne((e: Element) => e.name === 'section' && e.attribs['aria-labelledby'] === section, d.children)
  const tr = s === null ? undefined : DomUtils.findAll((e: Element) => e.name === 'tr' && DomUtils.textContent(e).includes(id), s.children)[0]
  return tr === undefined ? '' : DomUtils.textContent(tr)
}

async function signIn(id: keyof typeof USERS): Promise<{ cookie: string; csrf: string }> {
  const cookie = cookieOf(await get(await app.signInLink(id)), 'gk_session') ?? ''
  return { cookie, csrf: input(await doc(await get('/push', cookie)), '_csrf') }
}

describe('推送', () => {
  it('shows the plan as gongkai push --dry-run words it, with a confirm for 发布 only', async () => {
    const editor = await signIn('bianji')
    const page = await doc(await get('/push', editor.cookie))
    expect(rowText(page, 'ch-wechat', '2026-test-003')).toContain('将发布')
    expect(rowText(page, 'ch-wechat', '2026-test-001')).toContain('不发布：未通过保密审查：缺少初审、复审')
    expect(rowText(page, 'ch-website', '2026-test-002')).toContain('不发布：未通过保密审查：缺少复审')
    expect(text(page)).toContain('共将推送 2 篇')
    expect(text(page)).toContain('推送需要“发布”角色')
    expect(input(page, 'releases')).toBe('')
    const publisher = await signIn('guanli')
    const mine = await doc(await get('/push', publisher.cookie))
    expect(input(mine, 'releases')).toMatch(/^website:[0-9a-f]{16},wechat:[0-9a-f]{16}$/)
  })

  it('refuses an editor and a form without its token, and sends nothing', async () => {
    const editor = await signIn('bianji')
    const publisher = await signIn('guanli')
    const releases = input(await doc(await get('/push', publisher.cookie)), 'releases')
    expect((await post('/push', { _csrf: editor.csrf, releases }, editor.cookie)).status).toBe(403)
    expect((await post('/push', { _csrf: 'guess', releases }, publisher.cookie)).status).toBe(403)
    expect(server.stats.drafts).toBe(0)
    const refused = (await store.audit.list({})).filter((a) => a.action === 'push' && a.outcome === 'refused').map((a) => a.actor)
    expect(refused.sort()).toEqual(['bianji', 'guanli'])
  })

  it('runs the push in the server, streams its progress, and it lands once on the platform, the target and the ledger', async () => {
    const publisher = await signIn('guanli')
    const releases = input(await doc(await get('/push', publisher.cookie)), 'releases')
    const started = await post('/push', { _csrf: publisher.csrf, releases }, publisher.cookie)
    expect(started.status).toBe(303)
    const run = started.headers.get('location') ?? ''
    expect(run).toMatch(/^\/runs\/[A-Za-z0-9_-]+$/)
    // A second confirm while it runs is refused.
    const again = await post('/push', { _csrf: publisher.csrf, releases }, publisher.cookie)
    expect([409, 303]).toContain(again.status)
    const events = await get(`${run}/events`, publisher.cookie)
    expect(events.headers.get('content-type')).toContain('text/event-stream')
    const stream = await events.text()
    const lines = [...stream.matchAll(/^event: line\ndata: (.*)$/gm)].map((m) => (JSON.parse(m[1] ?? '{}') as { text: string }).text)
    expect(lines[0]).toMatch(/^政府网站：开始推送发布版本 [0-9a-f]{16}$/)
    expect(lines).toContain('微信公众号：发布 1，失败 0，待下次 0，已发布跳过 0')
    expect(stream).toMatch(/event: end\ndata: done/)
    const page = await doc(await get(run, publisher.cookie))
    expect(text(page)).toContain('已完成')
    expect(text(page)).toContain('发布 2，失败 0')
    expect(server.stats.drafts).toBe(1)
    expect(server.stats.submitsByTitle['关于印发重点排污单位名录的通知']).toBe(1)
    expect(readFileSync(join(dir, 'live-site/p/2026-test-003.html'), 'utf8')).toContain('关于印发重点排污单位名录的通知')
    expect(existsSync(join(dir, 'live-site/p/2026-test-001.html'))).toBe(false)
    const rows = await store.ledger.list({ publication: '2026-test-003' })
    expect(rows.map((r) => `${r.channel}:${r.state}`).sort()).toEqual(['website:delivered', 'wechat:delivered'])
    expect(rows.every((r) => r.deliveredAt?.startsWith('2026-11-30T02:00:00') === true)).toBe(true)
    const audit = await store.audit.list({ actor: 'guanli' })
    expect(audit.find((a) => a.action === 'push-done')?.detail).toBe('推送：政府网站、微信公众号：发布 2，失败 0，待下次 0，已发布跳过 0')
    const plan = await doc(await get('/push', publisher.cookie))
    expect(rowText(plan, 'ch-wechat', '2026-test-003')).toContain('已发布（跳过）')
  })

  it('ends a push the ledger guard refuses (an empty ledger where this project delivered) with its reason, sending nothing', async () => {
    const other = openSqliteStore(join(dir, '.gongkai/other.sqlite'), { now })
    const second = await createConsole({ dir, store: other, now, watch: false, env: { GONGKAI_WECHAT_SECRET: SECRET }, channels: async (project, purpose) => channelsFor(project, purpose) })
    try {
      const cookie = cookieOf(await second.fetch(new Request(BASE + (await second.signInLink('guanli')))), 'gk_session') ?? ''
      const page = parseDocument(await (await second.fetch(new Request(`${BASE}/push`, { headers: { cookie } }))).text())
      const before = server.stats.drafts
      const r = await second.fetch(
        new Request(`${BASE}/push`, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: input(page, '_csrf'), releases: input(page, 'releases') }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        }),
      )
      expect(r.status).toBe(303)
      const run = r.headers.get('location') ?? ''
      await (await second.fetch(new Request(`${BASE}${run}/events`, { headers: { cookie } }))).text()
      const result = text(parseDocument(await (await second.fetch(new Request(BASE + run, { headers: { cookie } }))).text()))
      expect(result).toContain('未全部完成')
      expect(result).toMatch(/台账/)
      expect(server.stats.drafts).toBe(before)
      expect((await other.audit.list({ actor: 'guanli' })).find((a) => a.action === 'push-done')?.outcome).toBe('refused')
    } finally {
      await second.close()
      await other.close()
    }
  })

  it('refuses a preview release as gongkai push does', async () => {
    await build(true)
    const publisher = await signIn('guanli')
    const page = await doc(await get('/push', publisher.cookie))
    expect(text(page)).toMatch(/不推送：发布版本 [0-9a-f]{16} 是预览稿/)
    const id = /发布版本 ([0-9a-f]{16}) 是预览稿/.exec(text(page))?.[1] ?? ''
    const r = await post('/push', { _csrf: publisher.csrf, releases: `website:${id}` }, publisher.cookie)
    expect(r.status).toBe(409)
    expect(text(await doc(r))).toContain(`是预览稿（gongkai build --preview 生成），不能发布`)
    await build()
  })
})

describe('计划任务', () => {
  it('lists next runs in the project timezone by the injected clock, runs one now, and shows its result', async () => {
    const publisher = await signIn('guanli')
    const page = await doc(await get('/schedules', publisher.cookie))
    const section = (id: string) => DomUtils.textContent(DomUtils.findOne((e: Element) => e.name === 'section' && e.attribs['aria-labelledby'] === `s-${id}`, page.children) as Element)
    expect(section('deadlines')).toContain('2026年12月1日 08:30')
    expect(section('weekday-push')).toContain('2026年12月1日 09:00')
    expect(section('deadlines')).toContain('还没有运行过')
    const editor = await signIn('bianji')
    expect((await post('/schedules/deadlines/run', { _csrf: editor.csrf }, editor.cookie)).status).toBe(403)
    const r = await post('/schedules/deadlines/run', { _csrf: publisher.csrf }, publisher.cookie)
    expect(r.status).toBe(303)
    await (await get(`${r.headers.get('location') ?? ''}/events`, publisher.cookie)).text()
    const after = text(await doc(await get('/schedules', publisher.cookie)))
    expect(after).toMatch(/完成 · 计划时间 2026年11月30日 10:00 · 第 1 次\s*超期 1 条/)
    expect((await store.audit.list({ subject: 'deadlines' })).map((a) => `${a.action}:${a.outcome}`)).toContain('run-done:ok')
    expect((await post('/schedules/nope/run', { _csrf: publisher.csrf }, publisher.cookie)).status).toBe(404)
  })
})

describe('总览', () => {
  it('adds the next run of each schedule and today’s sheets to post', async () => {
    const editor = await signIn('bianji')
    const t = text(await doc(await get('/', editor.cookie)))
    expect(t).toContain('deadlines（公开时限检查）：2026年12月1日 08:30')
    expect(t).toContain('weekday-push（推送到微信公众号）：2026年12月1日 09:00')
    expect(t).toContain('今天的公示栏 张贴 1 件，撤下 0 件')
  })
})

describe('打印', () => {
  it('shows the day’s run, serves its PDF and pages, refuses a date that is not one', async () => {
    const editor = await signIn('bianji')
    const page = await doc(await get('/print?on=2026-12-01', editor.cookie))
    expect(text(page)).toContain('今日张贴（1 件）')
    expect(text(page)).toContain('关于印发重点排污单位名录的通知')
    const pdf = await get('/print/2026-12-01.pdf', editor.cookie)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toContain('attachment')
    const file = join(dir, 'downloaded.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const read = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    expect(read).toContain('公示栏张贴清单')
    expect(read).toContain('关于印发重点排污单位名录的通知')
    const png = await get('/print/2026-12-01/1.png', editor.cookie)
    expect(png.headers.get('content-type')).toBe('image/png')
    const bad = await get('/print?on=2026-13-01', editor.cookie)
    expect(bad.status).toBe(400)
    expect(text(await doc(bad))).toContain('打印日期（on）应为 YYYY-MM-DD 格式的真实日期')
    // Writing the run is 发布's.
    expect((await post('/print', { _csrf: editor.csrf, on: '2026-12-01' }, editor.cookie)).status).toBe(403)
    const publisher = await signIn('guanli')
    const saved = await post('/print', { _csrf: publisher.csrf, on: '2026-12-01' }, publisher.cookie)
    expect(saved.status).toBe(303)
    expect(existsSync(join(dir, 'print-2026-12-01.pdf'))).toBe(true)
  })
})
