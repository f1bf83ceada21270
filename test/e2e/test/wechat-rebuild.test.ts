/**
 * `gongkai ledger rebuild --channel wechat` as operators run it (whole processes, GONGKAI_NOW set),
 * against the local WeChat test server: after the ledger was emptied, the WeChat records come back
 * from the platform's own lists, and the next push sends nothing twice; a list the platform refuses
 * leaves everything as it was.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, renameSync, rmSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { publicationIds, startWechatServer, titleOf, writeSchedulerProject } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const SECRET_ENV = 'GONGKAI_TEST_WX_SECRET'

let server: WechatServer
let dir: string
const ids = publicationIds(5)
const titles = ids.map((_, i) => titleOf(i + 1))
const ledgerFile = () => join(dir, '.gongkai', 'ledger.sqlite')

// Async, not spawnSync: the test server runs in this process and must keep answering.
function gongkai(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', ...NOW_ENV, [SECRET_ENV]: server.secret } })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => done({ code, out, err }))
  })
}

async function wechatRows(): Promise<{ publication: string; state: string; url: string | undefined; steps: Readonly<Record<string, string>>; release: string | undefined }[]> {
  const store = openSqliteStore(ledgerFile())
  try {
    return (await store.ledger.list({ channel: 'wechat' }))
      .map((r) => ({ publication: r.publication, state: r.state, url: r.url, steps: r.steps, release: r.release?.id }))
      .sort((a, b) => (a.publication < b.publication ? -1 : 1))
  } finally {
    await store.close()
  }
}

function emptyLedger(): void {
  truncateSync(ledgerFile(), 0)
  for (const f of [`${ledgerFile()}-wal`, `${ledgerFile()}-shm`]) rmSync(f, { force: true })
}

/** The counts that would show a second draft, submit or cover upload. */
function sent(): { drafts: number; submits: number; materials: number } {
  return { drafts: server.stats.drafts, submits: server.stats.submits, materials: server.stats.materialsAdded }
}

/** The line of the per-publication table that names `id`. */
function rowOf(out: string, id: string): string {
  return out.split('\n').find((l) => l.startsWith(id)) ?? ''
}

beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', publishingPolls: 1 })
  dir = join(mkdtempSync(join(tmpdir(), 'gongkai-wxrebuild-')), 'bureau')
  writeSchedulerProject(dir, {
    apiBase: server.url,
    appId: server.appId,
    secretEnv: SECRET_ENV,
    count: 5,
    wechatExtra: ['    pollIntervalMs: 20', '    retry: { attempts: 2, baseMs: 10, maxMs: 20 }'],
  })
})

afterAll(async () => {
  await server?.close()
})

describe('gongkai ledger rebuild --channel wechat', () => {
  it('rebuilds the records from the platform after the ledger was emptied; the next push sends nothing twice and the new one once', async () => {
    // Four publications go out once: the platform refuses one draft (a cover alone is left) and one submit (a draft is left).
    const fifth = join(dir, 'publications', `${ids[4]}.md`)
    renameSync(fifth, `${fifth}.later`)
    expect((await gongkai(['build', dir, '--channel', 'wechat'])).code).toBe(0)
    server.setFaults({
      inject: [
        { path: 'draft/add', errcode: 45166 },
        { path: 'freepublish/submit', errcode: 53503 },
      ],
    })
    const first = await gongkai(['push', dir, '--channel', 'wechat'])
    expect(first.out).toContain('已发布')
    expect(server.published()).toHaveLength(2)
    expect(server.stats.drafts).toBe(3)
    const publishedTitles = new Set(server.published().map((p) => p.title))
    const draftOnly = server.drafts().find((d) => !publishedTitles.has(String(d.article['title'])))!
    const draftOnlyId = ids[titles.indexOf(String(draftOnly.article['title']))]!
    const coverOnlyId = ids.slice(0, 4).find((id, i) => !publishedTitles.has(titles[i]!) && id !== draftOnlyId)!
    const publishedIds = ids.slice(0, 4).filter((id) => id !== draftOnlyId && id !== coverOnlyId)

    // The ledger is lost; the fifth publication is added and built. The push is refused and sends nothing.
    emptyLedger()
    renameSync(`${fifth}.later`, fifth)
    expect((await gongkai(['build', dir, '--channel', 'wechat'])).code).toBe(0)
    const before = sent()
    const refused = await gongkai(['push', dir, '--channel', 'wechat'])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('[ledger/empty]')
    expect(sent()).toEqual(before)

    const rebuilt = await gongkai(['ledger', 'rebuild', dir, '--channel', 'wechat'])
    expect(rebuilt.code, rebuilt.err + rebuilt.out).toBe(0)
    expect(rebuilt.out).toMatch(/微信公众号\s+已重建\s+4\s+发布版本 [0-9a-f]{16}/)
    expect(rebuilt.out).toContain('已记为本项目的台账，可以继续推送')
    const urls = new Map(server.published().map((p) => [p.title, p.url]))
    for (const id of publishedIds) expect(rowOf(rebuilt.out, id)).toMatch(new RegExp(`已发表《${titles[ids.indexOf(id)]}》\\s+已发布 ${urls.get(titles[ids.indexOf(id)]!)}`))
    expect(rowOf(rebuilt.out, draftOnlyId)).toMatch(/草稿箱中有草稿《.+》，尚未发表\s+记下已完成的步骤/)
    expect(rowOf(rebuilt.out, coverOnlyId)).toMatch(/素材库中有封面，没有草稿\s+记下已完成的步骤/)
    expect(rowOf(rebuilt.out, ids[4]!)).toMatch(/平台上没有.*\s+未记入：下次推送时发布/)
    expect(sent()).toEqual(before)

    // The records are what delivery would have written: URL and steps for what is live, the draft for what is not.
    const rows = await wechatRows()
    expect(rows.map((r) => [r.publication, r.state])).toEqual(
      ids
        .slice(0, 4)
        .map((id) => [id, publishedIds.includes(id) ? 'delivered' : 'pending'])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    )
    for (const r of rows.filter((x) => x.state === 'delivered')) {
      const live = server.published().find((p) => p.title === titles[ids.indexOf(r.publication)])!
      expect(r.url).toBe(live.url)
      expect(r.steps).toMatchObject({ thumb_media_id: live.thumbMediaId, article_id: live.articleId, final_status: '0' })
      expect(r.steps['draft_media_id']).toMatch(/^DRAFT_/)
      expect(r.release).toMatch(/^[0-9a-f]{16}$/)
    }
    expect(rows.find((r) => r.publication === draftOnlyId)!.steps).toMatchObject({ draft_media_id: draftOnly.mediaId, thumb_media_id: String(draftOnly.article['thumb_media_id']) })
    expect(rows.find((r) => r.publication === coverOnlyId)!.steps['thumb_media_id']).toMatch(/^MAT_/)
    expect(rows.find((r) => r.publication === coverOnlyId)!.steps['draft_media_id']).toBeUndefined()
    expect((await gongkai(['ledger', 'check', dir])).code).toBe(0)

    // The push: the draft left is submitted (no second draft), the cover left gets its draft (no second upload), the fifth goes out once.
    const again = await gongkai(['push', dir, '--channel', 'wechat'])
    expect(again.code, again.err + again.out).toBe(0)
    expect(sent()).toEqual({ drafts: before.drafts + 2, submits: before.submits + 3, materials: before.materials + 1 })
    for (const title of titles) {
      expect(server.stats.draftsByTitle[title], title).toBe(1)
      expect(server.stats.submitsByTitle[title], title).toBe(1)
    }
    expect(server.published()).toHaveLength(5)
    expect(Object.values(server.stats.materialsByName).every((n) => n === 1)).toBe(true)
    const last = sent()
    expect((await gongkai(['push', dir, '--channel', 'wechat'])).code).toBe(0)
    expect(sent()).toEqual(last)
  })

  it('a list the platform refuses (48001) writes nothing, says so, and the push stays refused', async () => {
    emptyLedger()
    server.setFaults({ listsErrcode: 48001 })
    try {
      const before = sent()
      const r = await gongkai(['ledger', 'rebuild', dir, '--channel', 'wechat'])
      expect(r.code).toBe(1)
      expect(r.out).toMatch(/微信公众号\s+未恢复\s+0\s+读取微信公众号平台上的列表失败（公众号没有该接口的权限（material\/batchget_material，错误码 48001/)
      expect(r.out).toContain('台账未作改动')
      expect(r.out).toContain('微信公众号仍不能推送')
      expect(await wechatRows()).toEqual([])
      const push = await gongkai(['push', dir, '--channel', 'wechat'])
      expect(push.code).toBe(1)
      expect(push.err).toMatch(/\[ledger\/(empty|unrecovered)\]/)
      expect(sent()).toEqual(before)
    } finally {
      server.setFaults({ listsErrcode: undefined })
    }
    // Once the lists can be read, the rebuild finds all five, and the push sends nothing.
    const rebuilt = await gongkai(['ledger', 'rebuild', dir, '--channel', 'wechat'])
    expect(rebuilt.code, rebuilt.out).toBe(0)
    expect((await wechatRows()).map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered'])
    const before = sent()
    expect((await gongkai(['push', dir, '--channel', 'wechat'])).code).toBe(0)
    expect(sent()).toEqual(before)
    expect(readFileSync(join(dir, '.gongkai', 'ledger-id.json'), 'utf8')).toContain('"unrecovered": []')
  })
})
