/** Ledger integrity on a real SQLite file: an emptied, replaced or corrupt ledger is refused before a push, and rebuilt from the delivery records. */
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { GongkaiError } from '@gongkai/core'
import type { Ledger } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import type { SqliteStore } from '@gongkai/store-sqlite'
import { checkLedger, ledgerMarkPath, readLedgerMark, rebuildLedger, recordLedgerIdentity } from '../src/ledger-guard.js'
import { deliveredSite } from './fixture.js'

const NOW = new Date('2026-11-30T02:00:00Z')
const cleanup: string[] = []
const open: SqliteStore[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  for (const d of cleanup.splice(0)) rmSync(d, { recursive: true, force: true })
})

function store(file: string): SqliteStore {
  const s = openSqliteStore(file, { now: () => NOW })
  open.push(s)
  return s
}

/** What a push records: the website's two publications, and one WeChat article. */
async function deliver(ledger: Ledger, wechat = true): Promise<void> {
  for (const [publication, revision] of [
    ['hjxx-001', 'sha256:r1'],
    ['hjxx-002', 'sha256:r2'],
  ] as const) {
    const key = { publication, revision, channel: 'website' }
    await ledger.open(key)
    await ledger.setState(key, 'delivered', { url: `https://gk.example.gov.cn/p/${publication}.html` })
  }
  if (!wechat) return
  const article = { publication: 'hjxx-001', revision: 'sha256:r1', channel: 'wechat' }
  await ledger.open(article)
  await ledger.setState(article, 'delivered', { url: 'https://mp.weixin.qq.com/s/abc' })
}

/** A project that delivered to the website and WeChat with the ledger at `file`, which is closed afterwards. */
async function deliveredProject(): Promise<{ project: string; file: string }> {
  const { project } = await deliveredSite()
  cleanup.push(dirname(project))
  const file = join(project, '.gongkai', 'ledger.sqlite')
  const s = store(file)
  // As after a push: delivered.json (from the fixture) and the ledger's records, then the mark.
  await deliver(s.ledger)
  await recordLedgerIdentity(project, s.ledger, NOW)
  expect(await readLedgerMark(project)).toMatchObject({ identity: await s.ledger.identity(), channels: ['website', 'wechat'].sort(), unrecovered: [] })
  expect((await checkLedger(project, s.ledger)).state).toBe('known')
  await open.pop()!.close()
  return { project, file }
}

async function refusal(p: Promise<unknown>): Promise<GongkaiError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GongkaiError)
  return error as GongkaiError
}

describe('checkLedger', () => {
  it('lets a project that never delivered push with a new ledger, and writes no mark until a delivery is recorded', async () => {
    const { project } = await deliveredSite()
    cleanup.push(dirname(project))
    rmSync(join(project, '.gongkai', 'releases', 'website', 'delivered.json'))
    const s = store(join(project, '.gongkai', 'ledger.sqlite'))
    expect((await checkLedger(project, s.ledger)).state).toBe('new')
    expect(await recordLedgerIdentity(project, s.ledger, NOW)).toBeUndefined()
    expect(await readLedgerMark(project)).toBeUndefined()
  })

  it('refuses a ledger emptied to 0 bytes, saying in Chinese how to recover', async () => {
    const { project, file } = await deliveredProject()
    truncateSync(file, 0)
    const s = store(file)
    const e = await refusal(checkLedger(project, s.ledger, { ledgerFile: '.gongkai/ledger.sqlite' }))
    expect(e.code).toBe('ledger/empty')
    expect(e.message).toBe('台账文件 .gongkai/ledger.sqlite 是空的，但本项目此前已向政府网站、微信公众号投递过：台账可能被清空或删除后重建了。为免重复发布，没有推送任何内容。')
    expect(e.hint).toContain('gongkai ledger rebuild')
    expect(e.hint).toContain('公众号后台')
    // The refusal changed nothing: the mark still names the old ledger.
    expect((await readLedgerMark(project))?.identity).not.toBe(await s.ledger.identity())
  })

  it('refuses a deleted ledger (created again, empty) the same way', async () => {
    const { project, file } = await deliveredProject()
    rmSync(file)
    expect((await refusal(checkLedger(project, store(file).ledger))).code).toBe('ledger/empty')
  })

  it('refuses a ledger replaced by another ledger file', async () => {
    const { project, file } = await deliveredProject()
    const other = join(dirname(project), 'other.sqlite')
    const o = store(other)
    await deliver(o.ledger, false)
    await open.pop()!.close()
    writeFileSync(file, readFileSync(other))
    const e = await refusal(checkLedger(project, store(file).ledger))
    expect(e.code).toBe('ledger/replaced')
    expect(e.message).toContain('不是本项目上次投递时所用的台账')
  })

  it('refuses a corrupt ledger when it is opened, before any check or read', async () => {
    const { file } = await deliveredProject()
    writeFileSync(file, Buffer.alloc(8192, 0x5a))
    let error: unknown
    try {
      store(file)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'store/corrupt', message: expect.stringContaining('已损坏或不是 gongkai 的台账') })
    expect((error as GongkaiError).hint).toContain('gongkai ledger rebuild')
  })

  it('without a mark, refuses an empty ledger when delivered.json shows an earlier delivery, and adopts a ledger that has the records', async () => {
    const { project } = await deliveredSite()
    cleanup.push(dirname(project))
    const file = join(project, '.gongkai', 'ledger.sqlite')
    const s = store(file)
    const e = await refusal(checkLedger(project, s.ledger))
    expect(e.code).toBe('ledger/empty')
    expect(e.message).toContain('.gongkai/releases/website/delivered.json')
    await deliver(s.ledger, false)
    expect((await checkLedger(project, s.ledger, { now: NOW })).state).toBe('adopted')
    expect(JSON.parse(readFileSync(ledgerMarkPath(project), 'utf8'))).toEqual({
      format: 'gongkai-ledger-id/1',
      identity: await s.ledger.identity(),
      channels: ['website'],
      unrecovered: [],
      recordedAt: NOW.toISOString(),
    })
  })
})

describe('rebuildLedger', () => {
  it('rebuilds the website from delivered.json and its manifest, and leaves WeChat refused until the operator accepts', async () => {
    const { project, file } = await deliveredProject()
    truncateSync(file, 0)
    const s = store(file)
    const r = await rebuildLedger(project, s.ledger, { urlOf: (_c, id) => `https://gk.example.gov.cn/p/${id}.html`, now: NOW })
    const website = r.channels.find((c) => c.channel === 'website')
    expect(website).toMatchObject({ outcome: 'rebuilt', records: 2 })
    expect(r.channels.find((c) => c.channel === 'wechat')).toMatchObject({ outcome: 'unrecovered' })
    const rows = await s.ledger.list({ channel: 'website', state: 'delivered' })
    expect(rows.map((x) => `${x.publication}@${x.revision} ${x.url ?? ''} ${x.release?.id ?? ''}`)).toEqual([
      `hjxx-001@sha256:r1 https://gk.example.gov.cn/p/hjxx-001.html ${website?.release ?? '?'}`,
      `hjxx-002@sha256:r2 https://gk.example.gov.cn/p/hjxx-002.html ${website?.release ?? '?'}`,
    ])
    expect(r.mark).toMatchObject({ identity: await s.ledger.identity(), unrecovered: ['wechat'] })

    // The website may push again; WeChat may not, until the operator accepts after checking the platform.
    expect((await checkLedger(project, s.ledger, { channels: ['website'] })).state).toBe('known')
    const e = await refusal(checkLedger(project, s.ledger, { channels: ['wechat'] }))
    expect(e.code).toBe('ledger/unrecovered')
    expect(e.message).toContain('微信公众号的台账记录随原台账丢失')
    expect(e.hint).toContain('--accept-new-ledger')
    await rebuildLedger(project, s.ledger, { channels: ['wechat'], accept: ['wechat'], now: NOW })
    expect((await checkLedger(project, s.ledger, { channels: ['wechat'] })).state).toBe('known')
    // A second rebuild of the website writes nothing again.
    expect((await rebuildLedger(project, s.ledger, { channels: ['website'], now: NOW })).channels[0]).toMatchObject({ outcome: 'rebuilt', records: 0 })
  })

  it('rebuilds what it can even when accepted, and accepts only what it cannot (a website whose delivered.json is gone)', async () => {
    const { project, file } = await deliveredProject()
    rmSync(join(project, '.gongkai', 'releases', 'website', 'delivered.json'))
    truncateSync(file, 0)
    const s = store(file)
    expect((await rebuildLedger(project, s.ledger, { channels: ['website'], now: NOW })).channels[0]).toMatchObject({ outcome: 'unrecovered', reason: expect.stringContaining('delivered.json') })
    expect((await refusal(checkLedger(project, s.ledger, { channels: ['website'] }))).code).toBe('ledger/unrecovered')
    expect((await rebuildLedger(project, s.ledger, { channels: ['website'], accept: ['website'], now: NOW })).channels[0]).toMatchObject({ outcome: 'accepted' })
    expect((await checkLedger(project, s.ledger, { channels: ['website'] })).state).toBe('known')
  })
})
