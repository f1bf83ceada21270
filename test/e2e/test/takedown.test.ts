/**
 * 撤回 carried out by push and print, as operators run them on a copy of the example bureau: WeChat
 * deletes the article once (the local server's own counts), a killed push resumes without deleting
 * twice, a publication withdrawn before it went out is never sent, the website and kiosk deliveries
 * record their take-down, the kiosk target's playlist has no slide of it, the print run lists it
 * under 今日撤下 once, and `status` shows every withdrawal per channel. The clock is GONGKAI_NOW.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DeliveryRecord } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { Parser } from 'htmlparser2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const SECRET = 'e2e-takedown-secret'
/** On every channel (website, wechat, noticeboard, kiosk), its notice period 2026-11-20 to 12-05. */
const EVERYWHERE = '2026-ggfw-004'
// The example's own withdrawals (a notice, a remove and a redirect on website-only items), before the test adds any.
const EXAMPLE_WITHDRAWN = readdirSync(join(root, 'examples/county-bureau/publications'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md') && /^withdrawn:/m.test(readFileSync(join(root, 'examples/county-bureau/publications', f), 'utf8')))
  .map((f) => f.replace(/^.*\//, '').replace(/\.md$/, ''))
  .sort()
const EVERYWHERE_TITLE = '青川县城北污水处理厂环保设施公众开放日活动预告'
/** The day after NOW, in the project's timezone. */
const NEXT_DAY = '2026-12-01T10:00:00+08:00'

interface Run {
  code: number | null
  out: string
  err: string
}

// Async: the test server runs in this process and must keep answering.
function gongkai(args: readonly string[], now = NOW): Promise<Run> & { child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', GONGKAI_NOW: now, GONGKAI_WECHAT_SECRET: SECRET } })
  const done = new Promise<Run>((resolveRun) => {
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => resolveRun({ code, out, err }))
  })
  return Object.assign(done, { child })
}

async function ok(args: readonly string[], now = NOW): Promise<Run> {
  const r = await gongkai(args, now)
  expect(r.code, `gongkai ${args.join(' ')}\n${r.err}\n${r.out}`).toBe(0)
  return r
}

async function records(dir: string, filter: { channel?: string; publication?: string } = {}): Promise<DeliveryRecord[]> {
  const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
  try {
    return await store.ledger.list(filter)
  } finally {
    await store.close()
  }
}

let server: WechatServer
let parent: string
let dir: string
let site: string
let hall: string

beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1 })
  parent = mkdtempSync(join(tmpdir(), 'gongkai-takedown-'))
  dir = join(parent, 'bureau')
  site = join(parent, 'site')
  hall = join(parent, 'hall')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
  const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
  const patched = config
    .replace(/(\n {2}wechat:\n)/, `$1    apiBase: ${server.url}\n    pollIntervalMs: 20\n    retry: { attempts: 2, baseMs: 10, maxMs: 50 }\n    timeoutMs: 1500\n`)
    .replace(/\n {2}website: \{\}\n/, `\n  website: { target: ${site} }\n`)
    .replace(/\n {2}kiosk:\n/, `\n  kiosk:\n    target: ${hall}\n`)
  expect(patched).not.toBe(config)
  writeFileSync(join(dir, 'gongkai.config.yaml'), patched)
})

afterAll(async () => {
  await server?.close()
  if (parent !== undefined) rmSync(parent, { recursive: true, force: true })
})

describe('withdraw → push', () => {
  const NEVER_SENT = '2026-hjxx-016'

  it('a publication withdrawn before it ever went out is never sent, and status lists it under 已撤回 only', async () => {
    await ok(['withdraw', dir, NEVER_SENT, '--reason', '数据有误，撤回重发'])
    await ok(['build', dir, '--channel', 'wechat,website,kiosk'])
    const first = await ok(['push', dir, '--channel', 'wechat,website,kiosk'])
    expect(first.out).toContain('已撤回，不再发布')
    const title = readFileSync(join(dir, 'publications/hjxx/2026-hjxx-016.md'), 'utf8').match(/^(?:wechatTitle|title): (.+)$/m)?.[1] ?? ''
    expect(server.stats.submits).toBeGreaterThan(10)
    expect(server.stats.submitsByTitle[title]).toBeUndefined()
    expect(server.stats.articleDeletes).toBe(0)
    expect(await records(dir, { publication: NEVER_SENT })).toEqual([])
    expect(readFileSync(join(hall, 'playlist.json'), 'utf8')).not.toContain(NEVER_SENT)

    const status = await ok(['status', dir, '--json'])
    const json = JSON.parse(status.out) as { pending: string[][]; withdrawn: { id: string }[]; changes: unknown[] }
    expect(json.pending.filter((p) => p[1] === NEVER_SENT)).toEqual([])
    expect(EXAMPLE_WITHDRAWN.length).toBeGreaterThan(0)
    expect(json.withdrawn.map((w) => w.id).sort()).toEqual([...EXAMPLE_WITHDRAWN, NEVER_SENT].sort())
    // Never sent, so nothing of it to take down on any channel.
    expect(json.changes.filter((c) => (c as { publication?: string }).publication === NEVER_SENT)).toEqual([])
  })

  it('WeChat: the delivered article is deleted once, recorded with the errcode; a second push deletes nothing', async () => {
    const before = (await records(dir, { channel: 'wechat', publication: EVERYWHERE }))[0]
    expect(before?.state).toBe('delivered')
    expect(server.published().some((p) => p.title === EVERYWHERE_TITLE)).toBe(true)

    await ok(['withdraw', dir, EVERYWHERE, '--reason', '活动延期，另行通知'])
    const dry = await ok(['push', dir, '--channel', 'wechat', '--dry-run'])
    expect(dry.out).toMatch(new RegExp(`${EVERYWHERE}.*已撤回：将从公众号删除`))
    await ok(['build', dir, '--channel', 'wechat'])
    const push = await ok(['push', dir, '--channel', 'wechat'])
    expect(push.out).toMatch(new RegExp(`${EVERYWHERE}\\s+已撤回\\s+已从公众号删除（freepublish/delete 成功，errcode 0）`))
    expect(server.stats.articleDeletes).toBe(1)
    expect(server.stats.requests['freepublish/delete']).toBe(1)
    expect(server.published().some((p) => p.title === EVERYWHERE_TITLE)).toBe(false)
    const [row] = await records(dir, { channel: 'wechat', publication: EVERYWHERE })
    expect(row).toMatchObject({ revision: before?.revision, state: 'withdrawn', error: { code: 'wechat/withdrawn' } })
    expect(row?.steps['article_delete_errcode']).toBe('0')
    expect(row?.steps['article_deleted']).toMatch(/^2026-11-30T02:00/)
    expect(row?.error?.message).toContain('活动延期，另行通知')

    const again = await ok(['push', dir, '--channel', 'wechat'])
    expect(again.out).not.toMatch(new RegExp(`${EVERYWHERE}\\s+已撤回`))
    expect(server.stats.articleDeletes).toBe(1)
    expect(server.stats.requests['freepublish/delete']).toBe(1)
    expect(server.stats.submitsByTitle[EVERYWHERE_TITLE]).toBe(1)
  })

  it('WeChat: a push killed after the delete was sent resumes without deleting again', async () => {
    const id = '2026-hjxx-017'
    const title =
      readFileSync(join(dir, 'publications/hjxx/2026-hjxx-017.md'), 'utf8').match(/^wechatTitle: (.+)$/m)?.[1] ??
      readFileSync(join(dir, 'publications/hjxx/2026-hjxx-017.md'), 'utf8').match(/^title: (.+)$/m)?.[1]
    expect(server.published().some((p) => p.title === title)).toBe(true)
    await ok(['withdraw', dir, id, '--reason', '重复发布'])
    await ok(['build', dir, '--channel', 'wechat'])
    // The platform carries the delete out and never answers: the process is killed while it waits.
    server.setFaults({ hold: 'freepublish/delete' })
    const killed = gongkai(['push', dir, '--channel', 'wechat'])
    const t0 = Date.now()
    while (server.stats.held < 1 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20))
    killed.child.kill('SIGKILL')
    await killed
    expect(server.stats.held).toBe(1)
    expect(server.stats.articleDeletes).toBe(2)
    const [mid] = await records(dir, { channel: 'wechat', publication: id })
    expect(mid?.steps['article_delete_intent']).toBeDefined()
    expect(mid?.steps['article_deleted']).toBeUndefined()

    const resumed = await ok(['push', dir, '--channel', 'wechat'])
    expect(resumed.out).toContain('上次删除时中断，平台上已没有这篇文章')
    expect(server.stats.articleDeletes).toBe(2)
    expect(server.stats.requests['freepublish/delete']).toBe(2)
    const [row] = await records(dir, { channel: 'wechat', publication: id })
    expect(row?.state).toBe('withdrawn')
    expect(row?.steps['article_deleted']).toBeDefined()
  })

  it('WeChat corrections: 需人工更正 while the config is off; with corrections: notice one 更正说明 linking to the original, once', async () => {
    const id = '2026-zfxx-004'
    const [original] = await records(dir, { channel: 'wechat', publication: id })
    expect(original?.state).toBe('delivered')
    const url = original?.url ?? ''
    expect(url).toMatch(/^https?:\/\//)
    await ok(['correct', dir, id, '--note', '征求意见截止日期更正为2026年12月5日'])
    const off = JSON.parse((await ok(['status', dir, '--json'])).out) as { pending: string[][] }
    expect(off.pending.find((p) => p[0] === 'wechat' && p[1] === id)?.[2]).toContain('需人工更正')

    const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    writeFileSync(join(dir, 'gongkai.config.yaml'), config.replace(/(\n {2}wechat:\n)/, '$1    corrections: notice\n'))
    await ok(['build', dir, '--channel', 'wechat'])
    const dry = await ok(['push', dir, '--channel', 'wechat', '--dry-run'])
    expect(dry.out).toMatch(new RegExp(`${id}.*将发布更正说明 1 篇（链接原文）`))
    const submits = server.stats.submits
    const push = await ok(['push', dir, '--channel', 'wechat'])
    expect(push.out).toMatch(new RegExp(`${id}\\s+已发布更正说明`))
    expect(server.stats.submits).toBe(submits + 1)
    const title = '更正说明：《青川县“十五五”生态环境保护规划》征求意见'
    expect(server.stats.submitsByTitle[title]).toBe(1)
    const draft = server.drafts().find((x) => x.article['title'] === title)
    const links: string[] = []
    const texts: string[] = []
    new Parser({ onopentag: (name, attrs) => void (name === 'a' && attrs['href'] !== undefined && links.push(attrs['href'])), ontext: (t) => void texts.push(t) }).end(
      String(draft?.article['content']),
    )
    expect(links).toEqual([url])
    expect(texts.join('')).toContain('征求意见截止日期更正为2026年12月5日')
    expect(texts.join('')).toContain('本号于2026年10月27日发布的《关于公开征求〈青川县“十五五”生态环境保护规划（征求意见稿）〉意见的公告》一文')
    const notice = (await records(dir, { channel: 'wechat', publication: id })).find((r) => r.revision.startsWith('correction-'))
    expect(notice?.state).toBe('delivered')

    // The dry run keys the correction as delivery does (the CLI keeps its own copy of the hash, so as not to load the channel).
    expect((await ok(['push', dir, '--channel', 'wechat', '--dry-run'])).out).toMatch(new RegExp(`${id}.*更正说明已发布（跳过）`))
    const again = await ok(['push', dir, '--channel', 'wechat'])
    expect(again.out).not.toMatch(new RegExp(`${id}\\s+已发布更正说明`))
    expect(server.stats.submitsByTitle[title]).toBe(1)
    const on = JSON.parse((await ok(['status', dir, '--json'])).out) as { pending: string[][]; changes: { publication: string; channel: string; what: string; result: string }[] }
    expect(on.pending.find((p) => p[0] === 'wechat' && p[1] === id)).toBeUndefined()
    expect(on.changes.filter((c) => c.publication === id)).toEqual([expect.objectContaining({ channel: 'wechat', what: 'correction', result: '已发表更正说明' })])
  })

  it('website and kiosk: the next delivery takes it down and records it; the kiosk playlist has no slide of it', async () => {
    const playlistBefore = JSON.parse(readFileSync(join(hall, 'playlist.json'), 'utf8')) as { slides: { publication: string }[] }
    expect(playlistBefore.slides.some((s) => s.publication === EVERYWHERE)).toBe(true)
    await ok(['build', dir, '--channel', 'website,kiosk'])
    const push = await ok(['push', dir, '--channel', 'website,kiosk'])
    expect(push.out).toMatch(new RegExp(`办事大厅屏\\s+${EVERYWHERE}\\s+已撤回`))
    const playlist = JSON.parse(readFileSync(join(hall, 'playlist.json'), 'utf8')) as { slides: { publication: string; src: string }[] }
    expect(playlist.slides.length).toBeGreaterThan(0)
    expect(playlist.slides.some((s) => s.publication === EVERYWHERE)).toBe(false)
    expect(existsSync(join(hall, 'slides')) ? readdirSync(join(hall, 'slides')).filter((f) => f.includes(EVERYWHERE)) : []).toEqual([])
    for (const channel of ['website', 'kiosk']) {
      const rows = await records(dir, { channel, publication: EVERYWHERE })
      expect(
        rows.map((r) => r.state),
        channel,
      ).toEqual(['withdrawn'])
      expect(rows[0]?.steps['withdrawn_at'], channel).toMatch(/^2026-11-30T02:00/)
    }
    // Recorded once: the next delivery adds nothing.
    const again = await ok(['push', dir, '--channel', 'website,kiosk'])
    expect(again.out).not.toMatch(new RegExp(`${EVERYWHERE}\\s+已撤回`))
  })

  it('status: 已撤回 lists it, nothing withdrawn is pending, and 撤回与更正 shows each channel', async () => {
    const text = await ok(['status', dir])
    const pending = text.out.slice(text.out.indexOf('尚未发布'), text.out.indexOf('已撤回（'))
    expect(pending).not.toContain(EVERYWHERE)
    expect(text.out).toContain(`已撤回（${EXAMPLE_WITHDRAWN.length + 3}）`)
    const table = text.out.slice(text.out.indexOf('撤回与更正'))
    // ggfw-004 on three channels, hjxx-017 on the same three (its push was killed and resumed), zfxx-004's 更正说明 and
    // corrected page, and zfxx-007's corrected page on the website and the kiosk.
    expect(table, table).toMatch(/撤回与更正（各渠道，10）/)
    expect(table).toMatch(/2026-zfxx-004\s+政府网站\s+更正\s+11\/30 10:00\s+已更正：页面载有更正说明 1 条/)
    for (const channel of ['微信公众号', '政府网站', '办事大厅屏']) expect(table).toMatch(new RegExp(`${EVERYWHERE}\\s+${channel}\\s+撤回\\s+11/30 10:00`))
    const json = JSON.parse((await ok(['status', dir, '--json'])).out) as { changes: { publication: string; channel: string; what: string; at: string; result: string }[] }
    expect(
      json.changes
        .filter((c) => c.publication === EVERYWHERE)
        .map((c) => c.channel)
        .sort(),
    ).toEqual(['kiosk', 'website', 'wechat'])
    // Corrections per channel: WeChat's 更正说明 article, and each page that now carries its notes (zfxx-007 is corrected in the example itself).
    expect(json.changes.filter((c) => c.what === 'correction').map((c) => [c.publication, c.channel, c.result])).toEqual([
      ['2026-zfxx-004', 'website', '已更正：页面载有更正说明 1 条（最近 2026-11-30）'],
      ['2026-zfxx-004', 'wechat', '已发表更正说明'],
      ['2026-zfxx-007', 'kiosk', '已更正：页面载有更正说明 1 条（最近 2026-11-25）'],
      ['2026-zfxx-007', 'website', '已更正：页面载有更正说明 1 条（最近 2026-11-25）'],
    ])
  })
})

describe('withdraw → print', () => {
  let board: string
  beforeAll(() => {
    board = join(parent, 'board')
    cpSync(join(root, 'examples/county-bureau'), board, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
  })
  const pdftotext = (file: string, page: number) => spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' }).stdout

  it('lists the withdrawn sheet under 今日撤下 with its reason on the first run, prints it no more, and not again the next day', async () => {
    const before = await ok(['print', board, '--out', join(parent, 'before.pdf')])
    expect(before.out).toContain(EVERYWHERE)
    await ok(['withdraw', board, EVERYWHERE, '--reason', '活动延期，另行通知'])

    const first = await ok(['print', board])
    const file = join(board, 'out/print/2026-11-30.pdf')
    expect(first.out).toMatch(new RegExp(`今日撤下（已撤回，不再张贴）1 篇：[\\s\\S]*${EVERYWHERE}\\s+${EVERYWHERE_TITLE}\\s+2026年11月30日\\s+活动延期，另行通知`))
    expect(first.out.slice(0, first.out.indexOf('今日撤下'))).not.toContain(EVERYWHERE)
    const index = pdftotext(file, 1).replace(/\s+/g, '')
    expect(index).toMatch(/今日撤下（\d+件）/)
    expect(index).toContain('已撤回，请立即撤下，不再张贴')
    // The title wraps in its cell: its first part, the day and the reason follow each other.
    expect(index).toMatch(/以下1件已撤回，请立即撤下，不再张贴：序号标题撤回日期撤回原因\d+青川县城北污水处理厂.*11月30日活动延期，另行通知/)
    // No sheet of it follows the index.
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1])
    for (let p = 2; p <= pages; p++) expect(pdftotext(file, p).replace(/\s+/g, ''), `page ${p}`).not.toContain('公众开放日活动预告')
    spawnSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, join(tmpdir(), 'gongkai-takedown-index')])
    // Printed again the same day (a jammed printer): still listed.
    expect((await ok(['print', board])).out).toContain('活动延期，另行通知')
    const [row] = await records(board, { channel: 'noticeboard', publication: EVERYWHERE })
    expect(row).toMatchObject({ state: 'withdrawn', steps: { listed_on: '2026-11-30' } })

    const next = await ok(['print', board], NEXT_DAY)
    expect(next.out).not.toContain(EVERYWHERE)
    expect(next.out).not.toContain('已撤回')
    const nextIndex = pdftotext(join(board, 'out/print/2026-12-01.pdf'), 1).replace(/\s+/g, '')
    expect(nextIndex).not.toContain(EVERYWHERE_TITLE)
    expect(dirname(file)).toBe(join(board, 'out/print'))
  })

  it("the scheduler's print task lists it the same way, once, and records it in the ledger", async () => {
    const hall = join(parent, 'board-task')
    cpSync(join(root, 'examples/county-bureau'), hall, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
    // No printer here: the task writes the PDF and stops there.
    const config = readFileSync(join(hall, 'gongkai.config.yaml'), 'utf8')
    writeFileSync(join(hall, 'gongkai.config.yaml'), config.replace('    options: { printCommand: "lp -d hall-printer {file}" }\n', ''))
    await ok(['withdraw', hall, EVERYWHERE, '--reason', '活动延期，另行通知'])
    const first = await ok(['run', hall, 'noticeboard-monday'])
    expect(first.out).toContain(`其中已撤回 1 篇：${EVERYWHERE}`)
    const index = pdftotext(join(hall, 'out/print/2026-11-30.pdf'), 1).replace(/\s+/g, '')
    expect(index).toContain('以下1件已撤回，请立即撤下，不再张贴')
    expect((await records(hall, { channel: 'noticeboard' })).map((r) => [r.publication, r.state, r.steps['listed_on']])).toEqual([[EVERYWHERE, 'withdrawn', '2026-11-30']])
    const next = await ok(['run', hall, 'noticeboard-monday'], NEXT_DAY)
    expect(next.out).not.toContain('已撤回')
    expect(pdftotext(join(hall, 'out/print/2026-12-01.pdf'), 1).replace(/\s+/g, '')).not.toContain('已撤回')
  })
})
