/**
 * The console in-process, on a real project folder, a real SQLite store and the four real
 * channels: sign-in (password, one-time link, throttling), the pages' contents read from their
 * HTML, the four previews (the sheet's pages as PNG pixels), review sign-off written into the file
 * with an audit row, and the refusals: no role, a bad CSRF token, a foreign origin, a traversal id.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { kiosk } from '@gongkai/kiosk'
import { noticeboard } from '@gongkai/noticeboard'
import { openSqliteStore } from '@gongkai/store-sqlite'
import type { SqliteStore } from '@gongkai/store-sqlite'
import { website } from '@gongkai/website'
import { wechat } from '@gongkai/wechat'
import { DomUtils, parseDocument } from 'htmlparser2'
import type { Element } from 'domhandler'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConsole } from '../src/app.js'
import type { ConsoleApp } from '../src/app.js'
import { makeProject, NOW, USERS } from './fixture.js'

let dir: string
let remove: () => void
let store: SqliteStore
let app: ConsoleApp
let clock = NOW.getTime()
const BASE = 'http://127.0.0.1:4300'

beforeAll(async () => {
  ;({ dir, remove } = await makeProject())
  store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'), { now: () => new Date(clock) })
  app = await createConsole({
    dir,
    store,
    now: () => new Date(clock),
    watch: false,
    channels: async () => [
      website({ projectDir: dir, preview: true }),
      wechat({ appId: 'wx5f3c2a9b8e7d6c41', secretEnv: 'GONGKAI_WECHAT_SECRET' }),
      noticeboard({}),
      kiosk({ orientation: 'portrait' }),
    ],
  })
  await app.previewsReady()
})

afterAll(async () => {
  await app.close()
  await store.close()
  remove()
})

const cookieOf = (r: Response, name: string) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`))

function get(path: string, cookie?: string): Promise<Response> {
  return app.fetch(new Request(BASE + path, { headers: cookie === undefined ? {} : { cookie } }))
}

function post(path: string, form: Record<string, string>, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(
    new Request(BASE + path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie === undefined ? {} : { cookie }), ...headers },
    }),
  )
}

const html = async (r: Response) => parseDocument(await r.text())
const text = (doc: ReturnType<typeof parseDocument>) => DomUtils.textContent(doc).replace(/\s+/g, ' ')
const all = (doc: ReturnType<typeof parseDocument>, test: (e: Element) => boolean) => DomUtils.findAll(test, doc.children)
const hidden = (doc: ReturnType<typeof parseDocument>, name: string) => all(doc, (e) => e.name === 'input' && e.attribs['name'] === name)[0]?.attribs['value'] ?? ''

/** Signs in with the user's password through the form, as a browser would; returns the session cookie and the CSRF token of a page. */
async function signIn(id: keyof typeof USERS): Promise<{ cookie: string; csrf: string }> {
  const form = await get('/signin')
  const login = cookieOf(form, 'gk_login') ?? ''
  const r = await post('/signin', { _login: hidden(await html(form), '_login'), user: id, password: USERS[id].password, next: '/' }, login)
  expect(r.status).toBe(303)
  const cookie = cookieOf(r, 'gk_session') ?? ''
  const page = await html(await get('/', cookie))
  return { cookie, csrf: hidden(page, '_csrf') }
}

const file = (id: string) => readFileSync(join(dir, 'publications', `${id}.md`), 'utf8')

describe('signing in', () => {
  it('sends a page without a session to the sign-in form, which names its fields in Chinese', async () => {
    const r = await get('/publications')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/signin?next=%2Fpublications')
    const page = await html(await get('/signin'))
    expect(text(page)).toContain('用户名')
    expect(text(page)).toContain('密码')
  })

  it('opens a session with HttpOnly, SameSite=Strict cookies and records it in the audit log', async () => {
    const form = await get('/signin')
    const r = await post('/signin', { _login: hidden(await html(form), '_login'), user: 'shenhe', password: USERS.shenhe.password }, cookieOf(form, 'gk_login'))
    expect(r.status).toBe(303)
    const set = r.headers.getSetCookie().find((c) => c.startsWith('gk_session=')) ?? ''
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Strict/)
    const rows = await store.audit.list({ actor: 'shenhe' })
    expect(rows[0]).toMatchObject({ action: 'sign-in', outcome: 'ok', at: NOW.toISOString() })
  })

  it('refuses a wrong password, a sign-in form without its token, and locks a name after five failures', async () => {
    const form = await get('/signin')
    const login = cookieOf(form, 'gk_login')
    const token = hidden(await html(form), '_login')
    const wrong = await post('/signin', { _login: token, user: 'fushen', password: 'not-it' }, login)
    expect(wrong.status).toBe(401)
    expect(text(await html(wrong))).toContain('用户名或密码不对')
    const forged = await post('/signin', { user: 'fushen', password: USERS.fushen.password }, login)
    expect(forged.status).toBe(403)
    for (let i = 0; i < 4; i++) expect((await post('/signin', { _login: token, user: 'fushen', password: `guess-${i}` }, login)).status).toBe(401)
    const locked = await post('/signin', { _login: token, user: 'fushen', password: USERS.fushen.password }, login)
    expect(locked.status).toBe(429)
    expect(text(await html(locked))).toContain('登录失败次数过多，请在 2026年11月30日 10:15 之后再试')
    // Fifteen minutes later (the injected clock) the rightful user gets in.
    clock += 15 * 60 * 1000 + 1000
    expect((await post('/signin', { _login: token, user: 'fushen', password: USERS.fushen.password }, login)).status).toBe(303)
    clock = NOW.getTime()
    const refused = (await store.audit.list({ actor: 'fushen' })).filter((a) => a.outcome === 'refused')
    expect(refused.map((a) => a.detail)).toContain('登录失败次数过多，暂时锁定')
  })

  it('signs in once with a one-time link, never twice', async () => {
    const link = await app.signInLink('guanli')
    const first = await get(link)
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe('/')
    expect(cookieOf(first, 'gk_session')).toBeDefined()
    const again = await get(link)
    expect(again.headers.get('location')).toBe('/signin?error=expired')
  })
})

describe('pages', () => {
  it('总览 shows the overdue publication under its owner, what waits for which review level, and each channel', async () => {
    const { cookie } = await signIn('bianji')
    const page = await html(await get('/', cookie))
    const t = text(page)
    expect(t).toContain('法规与标准科')
    expect(t).toContain('已超期')
    const rows = all(page, (e) => e.name === 'tr' && DomUtils.textContent(e).includes('2026-test-002'))
    expect(DomUtils.textContent(rows[0] as Element)).toContain('复审')
    expect(DomUtils.textContent(rows[0] as Element)).not.toContain('初审')
    for (const name of ['政府网站', '微信公众号', '公示栏', '办事大厅屏']) expect(t).toContain(name)
  })

  it('公开信息 filters by state and searches titles', async () => {
    const { cookie } = await signIn('bianji')
    const ids = async (query: string) => all(await html(await get(`/publications${query}`, cookie)), (e) => e.name === 'span' && e.attribs['class'] === 'id').map((e) => DomUtils.textContent(e))
    expect(await ids('')).toEqual(['2026-test-002', '2026-test-003', '2026-test-001'])
    expect((await ids('?state=review')).sort()).toEqual(['2026-test-001', '2026-test-002'])
    expect(await ids('?state=ready')).toEqual(['2026-test-003'])
    expect(await ids(`?q=${encodeURIComponent('排污口')}`)).toEqual(['2026-test-002'])
    expect(await ids('?owner=办公室')).toEqual([])
  })

  it('a publication shows its metadata, its messages at their places and the four previews marked 预览稿', async () => {
    const { cookie } = await signIn('bianji')
    const page = await html(await get('/publications/2026-test-002', cookie))
    const t = text(page)
    expect(t).toContain('青环发〔2026〕32号')
    expect(t).toContain('初审：李审核，2026年11月24日')
    expect(t).toMatch(/publications\/2026-test-002\.md:\d+:1/)
    const previews = all(page, (e) => e.name === 'article' && (e.attribs['class'] ?? '').startsWith('preview '))
    expect(previews).toHaveLength(4)
    for (const p of previews) expect(DomUtils.textContent(p)).toContain('预览稿')
    const site = all(page, (e) => e.name === 'iframe' && e.attribs['class'] === 'site')[0]?.attribs['src'] ?? ''
    const served = await get(site, cookie)
    expect(served.headers.get('content-type')).toMatch(/text\/html/)
    expect(served.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(await served.text()).toContain('关于开展入河排污口排查整治的通知')
    const article = all(page, (e) => e.name === 'iframe' && (e.attribs['src'] ?? '').includes('/preview/wechat/'))[0]?.attribs['src'] ?? ''
    expect(await (await get(article, cookie)).text()).toContain('告知承诺制审批')
    expect(article).toMatch(/\/article\.html\?v=[0-9a-f]{16}$/)
    const sheets = all(page, (e) => e.name === 'img' && e.attribs['class'] === 'sheet')
    expect(sheets.length).toBeGreaterThanOrEqual(1)
    const png = PNG.sync.read(Buffer.from(await (await get(sheets[0]?.attribs['src'] ?? '', cookie)).arrayBuffer()))
    expect([png.width, png.height]).toEqual([794, 1123])
    // The title in red (the issuing body's header) and black text: a drawn sheet, not a blank page.
    let red = 0
    let dark = 0
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0]
      if (r > 150 && g < 90 && b < 90) red++
      if (r < 80 && g < 80 && b < 80) dark++
    }
    expect(red).toBeGreaterThan(500)
    expect(dark).toBeGreaterThan(5000)
    const slides = all(page, (e) => e.name === 'img' && e.attribs['class'] === 'slide')
    expect(slides.length).toBeGreaterThanOrEqual(1)
    const slide = await get(slides[0]?.attribs['src'] ?? '', cookie)
    expect(slide.headers.get('content-type')).toBe('image/png')
    expect(PNG.sync.read(Buffer.from(await slide.arrayBuffer())).height).toBeGreaterThan(1000)
  })

  it('refuses an id that would leave the publications and a preview path the release does not list', async () => {
    const { cookie } = await signIn('bianji')
    const r = await get(`/publications/${encodeURIComponent('../../gongkai.config')}`, cookie)
    expect(r.status).toBe(400)
    expect(text(await html(r))).toContain('“../../gongkai.config”不是有效的公开信息编号：含有“..”')
    expect((await get('/preview/website/..%2F..%2F..%2Fgongkai.config.yaml', cookie)).status).toBe(404)
    expect((await get('/preview/website/%2e%2e/%2e%2e/%2e%2e/gongkai.config.yaml', cookie)).status).toBe(404)
    expect((await get('/preview/secrets/x', cookie)).status).toBe(404)
  })

  it('shows the audit log to 管理 only', async () => {
    const editor = await signIn('bianji')
    const refused = await get('/audit', editor.cookie)
    expect(refused.status).toBe(403)
    const admin = await signIn('guanli')
    const page = await html(await get('/audit', admin.cookie))
    expect(text(page)).toContain('bianji（王编辑）')
    expect(text(page)).not.toContain('scrypt$')
  })
})

describe('review', () => {
  it('refuses an editor, a missing or foreign CSRF token, and writes nothing', async () => {
    const before = file('2026-test-002')
    const editor = await signIn('bianji')
    const r = await post('/publications/2026-test-002/review', { _csrf: editor.csrf, level: '复审' }, editor.cookie)
    expect(r.status).toBe(403)
    expect(text(await html(r))).toContain('这项操作需要“审核”角色，您（王编辑）的角色是：编辑。没有执行任何操作。')
    const reviewer = await signIn('fushen')
    const noToken = await post('/publications/2026-test-002/review', { level: '复审' }, reviewer.cookie)
    expect(noToken.status).toBe(403)
    expect(text(await html(noToken))).toContain('表单校验码不对')
    const foreign = await post('/publications/2026-test-002/review', { _csrf: reviewer.csrf, level: '复审' }, reviewer.cookie, { origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    const anonymous = await post('/publications/2026-test-002/review', { level: '复审' })
    expect(anonymous.status).toBe(401)
    const huge = await post('/publications/2026-test-002/review', { _csrf: reviewer.csrf, level: '复审', pad: 'x'.repeat(100_000) }, reviewer.cookie)
    expect(huge.status).toBe(413)
    expect(file('2026-test-002')).toBe(before)
    const rows = await store.audit.list({ subject: '2026-test-002' })
    expect(rows.filter((a) => a.action === 'review' && a.outcome === 'refused').map((a) => a.actor)).toEqual(['fushen', 'fushen', 'bianji'])
  })

  it('writes the 复审 sign-off into the file by one line, keeps the rest, records who did it and refreshes the previews', async () => {
    const before = file('2026-test-002')
    const reviewer = await signIn('fushen')
    const r = await post('/publications/2026-test-002/review', { _csrf: reviewer.csrf, level: '复审' }, reviewer.cookie)
    expect(r.status).toBe(303)
    const after = file('2026-test-002')
    expect(after).toBe(before.replace('  初审: { by: 李审核, on: 2026-11-24 }\n', '  初审: { by: 李审核, on: 2026-11-24 }\n  复审: { by: 赵复审, on: 2026-11-30 }\n'))
    expect(after).toContain('# 文号按发文登记簿填写')
    const rows = await store.audit.list({ subject: '2026-test-002', actor: 'fushen' })
    expect(rows[0]).toMatchObject({ action: 'review', outcome: 'ok', detail: '通过复审（2026-11-30），写入 publications/2026-test-002.md' })
    await app.previewsReady()
    const page = await html(await get(r.headers.get('location') ?? '', reviewer.cookie))
    expect(text(page)).toContain('已通过保密审查')
    expect(text(page)).toContain('已记录：赵复审于今天通过“复审”')
    expect(all(page, (e) => e.name === 'span' && e.attribs['class'] === 'badge draft')).toHaveLength(0)
  })

  it('adds 初审 to a file without review, and refuses the same person for the next level', async () => {
    const reviewer = await signIn('shenhe')
    const first = await post('/publications/2026-test-001/review', { _csrf: reviewer.csrf, level: '初审' }, reviewer.cookie)
    expect(first.status).toBe(303)
    expect(file('2026-test-001')).toContain('tags: [规范性文件, 环境影响评价]\nreview: { 初审: { by: 李审核, on: 2026-11-30 } }\n---')
    const second = await post('/publications/2026-test-001/review', { _csrf: reviewer.csrf, level: '复审' }, reviewer.cookie)
    expect(second.status).toBe(409)
    expect(text(await html(second))).toContain('李审核已经审核过“初审”，同一人不能再审“复审”')
  })
})

describe('watching the folder', () => {
  it('reloads a publication changed by another editor and rebuilds its previews', async () => {
    const other = await makeProject()
    const otherStore = openSqliteStore(join(other.dir, '.gongkai/ledger.sqlite'), { now: () => NOW })
    const watched = await createConsole({
      dir: other.dir,
      store: otherStore,
      now: () => NOW,
      channels: async () => [website({ projectDir: other.dir, preview: true })],
    })
    try {
      await watched.previewsReady()
      const path = join(other.dir, 'publications/2026-test-003.md')
      writeFileSync(path, readFileSync(path, 'utf8').replace('title: 关于印发重点排污单位名录的通知', 'title: 关于印发2027年重点排污单位名录的通知'))
      await expect.poll(async () => (await watched.project()).publications.find((p) => p.id === '2026-test-003')?.title, { timeout: 10_000 }).toBe('关于印发2027年重点排污单位名录的通知')
      await watched.previewsReady()
      const link = await watched.signInLink('bianji')
      const cookie = cookieOf(await watched.fetch(new Request(BASE + link)), 'gk_session') ?? ''
      const page = parseDocument(await (await watched.fetch(new Request(`${BASE}/publications/2026-test-003`, { headers: { cookie } }))).text())
      const site = all(page, (e) => e.name === 'iframe' && e.attribs['class'] === 'site')[0]?.attribs['src'] ?? ''
      expect(await (await watched.fetch(new Request(BASE + site, { headers: { cookie } }))).text()).toContain('关于印发2027年重点排污单位名录的通知')
    } finally {
      await watched.close()
      await otherStore.close()
      other.remove()
    }
  })
})
