/**
 * The Edit page in-process, on a real project folder, a real SQLite store and the four real
 * channels: the form read back from the file, the deadline for a typed formation date, the body's
 * preview, a save that changes only the edited bytes (comments kept) and stales a review, an edit
 * with a new error kept out of the file with the user's input shown again, the refusals (role,
 * CSRF, traversal id, a GBK file), and the live-preview stream firing when the file changes on disk.
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
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConsole } from '../src/app.js'
import type { ConsoleApp } from '../src/app.js'
import { makeProject, NOW, USERS } from './fixture.js'

let dir: string
let remove: () => void
let store: SqliteStore
let app: ConsoleApp
const BASE = 'http://127.0.0.1:4300'

beforeAll(async () => {
  ;({ dir, remove } = await makeProject())
  store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'), { now: () => NOW })
  app = await createConsole({
    dir,
    store,
    now: () => NOW,
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
const get = (path: string, cookie?: string, to: ConsoleApp = app) => to.fetch(new Request(BASE + path, { headers: cookie === undefined ? {} : { cookie } }))
const post = (path: string, form: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) =>
  app.fetch(
    new Request(BASE + path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie === undefined ? {} : { cookie }), ...headers },
    }),
  )
const html = async (r: Response) => parseDocument(await r.text())
const text = (doc: ReturnType<typeof parseDocument>) => DomUtils.textContent(doc).replace(/\s+/g, ' ')
const all = (doc: ReturnType<typeof parseDocument>, test: (e: Element) => boolean) => DomUtils.findAll(test, doc.children)
const hidden = (doc: ReturnType<typeof parseDocument>, name: string) => all(doc, (e) => e.name === 'input' && e.attribs['name'] === name)[0]?.attribs['value'] ?? ''
const file = (id: string) => readFileSync(join(dir, 'publications', `${id}.md`), 'utf8')

async function signIn(id: keyof typeof USERS): Promise<{ cookie: string; csrf: string }> {
  const form = await get('/signin')
  const login = cookieOf(form, 'gk_login') ?? ''
  const r = await post('/signin', { _login: hidden(await html(form), '_login'), user: id, password: USERS[id].password, next: '/' }, login)
  expect(r.status).toBe(303)
  const cookie = cookieOf(r, 'gk_session') ?? ''
  return { cookie, csrf: hidden(await html(await get('/', cookie)), '_csrf') }
}

/** The form's fields as a browser would submit them (textareas lose the one line break after their tag; CRLF line ends). */
function formOf(doc: ReturnType<typeof parseDocument>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of all(doc, (x) => ['input', 'textarea', 'select'].includes(x.name) && x.attribs['name'] !== undefined)) {
    const name = e.attribs['name'] ?? ''
    if (e.name === 'input') out[name] = e.attribs['value'] ?? ''
    if (e.name === 'textarea') out[name] = DomUtils.textContent(e).replace(/^\n/, '').replace(/\n/g, '\r\n')
    if (e.name === 'select') out[name] = all({ children: e.children } as never, (o) => o.name === 'option' && o.attribs['selected'] !== undefined)[0]?.attribs['value'] ?? ''
  }
  return out
}

describe('the edit form', () => {
  it('shows the front matter as fields, the catalog items to choose from, the deadline and the body as written', async () => {
    const { cookie } = await signIn('bianji')
    const r = await get('/publications/2026-test-001/edit', cookie)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'")
    const page = await html(r)
    const form = formOf(page)
    expect(form).toMatchObject({
      title: '关于实施建设项目环境影响评价告知承诺制审批的通知',
      item: 'HB-ZFXX-006',
      stage: 'decision',
      formed: '2026-10-28',
      docNumber: '青环发〔2026〕31号',
      tags: '规范性文件, 环境影响评价',
    })
    const body = file('2026-test-001').split(/^---$/m)[2] ?? ''
    expect(form['body']?.replace(/\r\n/g, '\n')).toBe(body.replace(/^\n/, ''))
    const options = all(page, (e) => e.name === 'option' && e.parent !== null && (e.parent as Element).attribs['name'] === 'item')
    expect(options.length).toBeGreaterThan(10)
    for (const id of ['f-title', 'f-item', 'f-formed', 'f-body']) expect(all(page, (e) => e.name === 'label' && e.attribs['for'] === id)).toHaveLength(1)
    // 20 working days from 2026-10-28: the National Day week is behind it, so 2026-11-25.
    expect(text(page)).toContain('最迟应在 2026年11月25日 公开（已超过期限）')
  })

  it('检查并预览 shows the deadline of the typed date and the body as it will read, and writes nothing', async () => {
    const before = file('2026-test-001')
    const { cookie, csrf } = await signIn('bianji')
    const form = formOf(await html(await get('/publications/2026-test-001/edit', cookie)))
    const r = await post('/publications/2026-test-001/edit', { ...form, _csrf: csrf, intent: 'check', formed: '2026-11-27', body: '## 一、新的标题\r\n\r\n新增的一段话。\r\n' }, cookie)
    expect(r.status).toBe(200)
    const page = await html(r)
    expect(text(page)).toContain('最迟应在 2026年12月25日 公开')
    expect(text(page)).not.toContain('已超过期限')
    const preview = all(page, (e) => e.attribs['class'] === 'article')[0]
    expect(all(page, (e) => e.name === 'h2' && e.parent === preview).map((e) => DomUtils.textContent(e))).toEqual(['一、新的标题'])
    expect(all(page, (e) => e.name === 'p' && e.parent === preview).map((e) => DomUtils.textContent(e))).toEqual(['新增的一段话。'])
    expect(formOf(page)['formed']).toBe('2026-11-27')
    expect(file('2026-test-001')).toBe(before)
    const json = (await (await get('/deadline?item=HB-ZFXX-006&formed=2026-11-27', cookie)).json()) as { text: string; late: boolean }
    expect(json).toEqual({ text: '按“信息形成或者变更之日起20个工作日内”，最迟应在 2026年12月25日 公开', late: false })
    expect(((await (await get('/deadline?item=HB-ZFXX-006&formed=2026-02-30', cookie)).json()) as { text: string }).text).toContain('请按 YYYY-MM-DD 填写')
  })

  it('saves the title and body: only those bytes change, the comment stays, the save is audited and the previews follow', async () => {
    const before = file('2026-test-001')
    const { cookie, csrf } = await signIn('bianji')
    const form = formOf(await html(await get('/publications/2026-test-001/edit', cookie)))
    const body = `${form['body'] ?? ''}\r\n补充说明：本通知自发布之日起施行。\r\n`
    const r = await post('/publications/2026-test-001/edit', { ...form, _csrf: csrf, intent: 'save', title: '关于实施建设项目环评告知承诺制审批的通知', body }, cookie)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/publications/2026-test-001?edited=1')
    const after = file('2026-test-001')
    const [head, ...rest] = before.split(/^---$/m).slice(1)
    expect(after).toBe(`---${(head ?? '').replace('title: 关于实施建设项目环境影响评价告知承诺制审批的通知', 'title: 关于实施建设项目环评告知承诺制审批的通知')}---\n${body.replace(/\r\n/g, '\n')}`)
    expect(rest).toHaveLength(1)
    expect(after).toContain('# 文号按发文登记簿填写\n')
    const rows = await store.audit.list({ subject: '2026-test-001', actor: 'bianji' })
    expect(rows[0]).toMatchObject({ action: 'edit', outcome: 'ok', detail: '修改了标题、正文，写入 publications/2026-test-001.md' })
    await app.previewsReady()
    const page = await html(await get('/publications/2026-test-001?edited=1', cookie))
    expect(text(page)).toContain('已保存到文件')
    const site = all(page, (e) => e.name === 'iframe' && e.attribs['class'] === 'site')[0]?.attribs['src'] ?? ''
    const served = await (await get(site, cookie)).text()
    expect(served).toContain('关于实施建设项目环评告知承诺制审批的通知')
    expect(served).toContain('本通知自发布之日起施行')
  })

  it('a save of a reviewed publication takes its sign-offs out of the file, so it waits for review again', async () => {
    const { cookie, csrf } = await signIn('bianji')
    const page = await html(await get('/publications/2026-test-003/edit', cookie))
    expect(text(page)).toContain('这篇已有初审（李审核，2026-11-24）、复审（赵复审，2026-11-25）。保存任何改动都会撤销这些审查记录')
    const r = await post('/publications/2026-test-003/edit', { ...formOf(page), _csrf: csrf, intent: 'save', docNumber: '青环发〔2026〕40号' }, cookie)
    expect(r.status).toBe(303)
    const after = file('2026-test-003')
    expect(after).not.toContain('review:')
    expect(after).toContain('docNumber: 青环发〔2026〕40号\n')
    const rows = await store.audit.list({ subject: '2026-test-003', actor: 'bianji' })
    expect(rows[0]?.detail).toBe('修改了发文字号，写入 publications/2026-test-003.md；撤销了初审（李审核，2026-11-24）、复审（赵复审，2026-11-25），需重新审核')
    const shown = text(await html(await get('/publications/2026-test-003', cookie)))
    expect(shown).toContain('预览稿 · 缺少初审、复审')
  })

  it('an edit that brings a new error is not written: the form comes back with the input and the message at its place', async () => {
    const before = file('2026-test-002')
    const { cookie, csrf } = await signIn('bianji')
    const form = formOf(await html(await get('/publications/2026-test-002/edit', cookie)))
    const r = await post('/publications/2026-test-002/edit', { ...form, _csrf: csrf, intent: 'save', title: '关于开展入河排污口排查整治的通知（修订）', formed: '2026-11-31' }, cookie)
    expect(r.status).toBe(422)
    const page = await html(r)
    expect(text(page)).toContain('有错误，没有保存')
    expect(text(page)).toMatch(/publications\/2026-test-002\.md:7:9/)
    expect(formOf(page)).toMatchObject({ title: '关于开展入河排污口排查整治的通知（修订）', formed: '2026-11-31' })
    expect(file('2026-test-002')).toBe(before)
    const rows = await store.audit.list({ subject: '2026-test-002', actor: 'bianji' })
    expect(rows[0]).toMatchObject({ action: 'edit', outcome: 'refused' })
  })

  it('refuses a reviewer’s save and an editor’s review, a missing or foreign CSRF token, and a traversal id', async () => {
    const before = file('2026-test-002')
    const reviewer = await signIn('shenhe')
    const form = formOf(await html(await get('/publications/2026-test-002/edit', reviewer.cookie)))
    const refused = await post('/publications/2026-test-002/edit', { ...form, _csrf: reviewer.csrf, intent: 'save', title: '审核人员改的标题' }, reviewer.cookie)
    expect(refused.status).toBe(403)
    expect(text(await html(refused))).toContain('这项操作需要“编辑”角色，您（李审核）的角色是：审核。没有执行任何操作。')
    const editor = await signIn('bianji')
    const review = await post('/publications/2026-test-002/review', { _csrf: editor.csrf, level: '复审' }, editor.cookie)
    expect(review.status).toBe(403)
    expect((await post('/publications/2026-test-002/edit', { ...form, intent: 'save', title: '无校验码' }, editor.cookie)).status).toBe(403)
    expect((await post('/publications/2026-test-002/edit', { ...form, _csrf: editor.csrf, intent: 'save', title: '别处的页面' }, editor.cookie, { origin: 'http://evil.example' })).status).toBe(403)
    const traversal = await get(`/publications/${encodeURIComponent('../gongkai.config')}/edit`, editor.cookie)
    expect(traversal.status).toBe(400)
    expect(text(await html(traversal))).toContain('不是有效的公开信息编号')
    expect((await post(`/publications/${encodeURIComponent('../gongkai.config')}/edit`, { ...form, _csrf: editor.csrf, intent: 'save' }, editor.cookie)).status).toBe(400)
    expect(file('2026-test-002')).toBe(before)
    const rows = await store.audit.list({ subject: '2026-test-002' })
    expect(rows.filter((a) => a.outcome === 'refused').map((a) => `${a.actor} ${a.action}`)).toEqual(expect.arrayContaining(['shenhe edit', 'bianji review', 'bianji edit']))
  })

  it('refuses to edit a GBK file and says to save it as UTF-8', async () => {
    const path = join(dir, 'publications/2026-test-002.md')
    const utf8 = readFileSync(path)
    writeFileSync(path, iconv.encode(utf8.toString('utf8'), 'gbk'))
    try {
      const { cookie } = await signIn('bianji')
      const r = await get('/publications/2026-test-002/edit', cookie)
      expect(r.status).toBe(409)
      const t = text(await html(r))
      expect(t).toContain('是 GBK/GB18030 编码：操作台只改写 UTF-8 文件，没有改动它')
      expect(t).toContain('另存为 → 编码选 UTF-8')
    } finally {
      writeFileSync(path, utf8)
    }
  })
})

describe('the live-preview stream', () => {
  it('sends an event once the preview of the publication whose file changed on disk is rebuilt', async () => {
    const other = await makeProject()
    const otherStore = openSqliteStore(join(other.dir, '.gongkai/ledger.sqlite'), { now: () => NOW })
    const watched = await createConsole({ dir: other.dir, store: otherStore, now: () => NOW, channels: async () => [website({ projectDir: other.dir, preview: true })] })
    const abort = new AbortController()
    try {
      await watched.previewsReady()
      const cookie = cookieOf(await get(await watched.signInLink('bianji'), undefined, watched), 'gk_session') ?? ''
      const r = await watched.fetch(new Request(`${BASE}/publications/2026-test-003/events`, { headers: { cookie }, signal: abort.signal }))
      expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const reader = (r.body ?? new ReadableStream()).pipeThrough(new TextDecoderStream()).getReader()
      let seen = ''
      const until = async (needle: string) => {
        while (!seen.includes(needle)) {
          const { value, done } = await reader.read()
          if (done) break
          seen += value
        }
      }
      await until('event: ready')
      const path = join(other.dir, 'publications/2026-test-003.md')
      writeFileSync(path, readFileSync(path, 'utf8').replace('title: 关于印发重点排污单位名录的通知', 'title: 关于印发2027年重点排污单位名录的通知'))
      await until('event: preview')
      expect(seen).toContain('event: preview\ndata: {"id":"2026-test-003","channel":"website"}\nid: 1')
      // The event comes as soon as the page is rendered (before the site's lists and release are written): what it points to is already the new page.
      const page = await html(await get('/publications/2026-test-003', cookie, watched))
      const src = all(page, (e) => e.name === 'iframe' && (e.attribs['src'] ?? '').startsWith('/preview/website/'))[0]?.attribs['src'] ?? ''
      expect(src).not.toBe('')
      expect(text(await html(await get(src, cookie, watched)))).toContain('关于印发2027年重点排污单位名录的通知')
      await reader.cancel()
    } finally {
      abort.abort()
      await watched.close()
      await otherStore.close()
      other.remove()
    }
  })
})
