/** rebuildLedger's hook for channels that rebuild their records from their platform (`Channel.recover`), on a real SQLite file. */
import { mkdtempSync, rmSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { GongkaiError } from '@gongkai/core'
import type { Channel, DeliveryKey } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import type { SqliteStore } from '@gongkai/store-sqlite'
import { checkLedger, readLedgerMark, rebuildLedger, recordLedgerIdentity } from '../src/ledger-guard.js'
import { releaseIdOf, saveRelease } from '../src/release.js'
import type { ReleasePublication } from '../src/release.js'

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

const pub = (id: string, revision: string, title: string): ReleasePublication => ({ id, revision, title, wechatTitle: `微信：${title}`, file: `publications/${id}.md`, reviewed: true })

async function release(project: string, publications: ReleasePublication[], createdAt: string): Promise<string> {
  const id = releaseIdOf('wechat', [], publications)
  await saveRelease(project, { format: 'gongkai-release/1', id, channel: 'wechat', createdAt, preview: false, files: [], publications }, undefined)
  return id
}

/** A project whose WeChat article went out at an earlier revision (r0) of hjxx-001, whose ledger was then emptied. */
async function lostWechatLedger(): Promise<{ project: string; file: string; latest: string }> {
  const project = mkdtempSync(join(tmpdir(), 'gongkai-recover-'))
  cleanup.push(project)
  await release(project, [pub('hjxx-001', 'sha256:r0', '通知')], '2026-11-01T00:00:00Z')
  const latest = await release(project, [pub('hjxx-001', 'sha256:r1', '通知'), pub('hjxx-002', 'sha256:r2', '决定书')], '2026-11-29T00:00:00Z')
  const file = join(project, '.gongkai', 'ledger.sqlite')
  const s = store(file)
  const key = { publication: 'hjxx-001', revision: 'sha256:r0', channel: 'wechat' }
  await s.ledger.open(key)
  await s.ledger.setState(key, 'delivered', { url: 'https://mp.weixin.qq.com/s/old' })
  await recordLedgerIdentity(project, s.ledger, NOW)
  await open.pop()!.close()
  truncateSync(file, 0)
  return { project, file, latest }
}

/** A channel whose platform shows hjxx-001 at r0 and hjxx-002 at r2 as published. */
function platform(fail?: Error): Channel & { readonly asked: DeliveryKey[] } {
  const asked: DeliveryKey[] = []
  return {
    id: 'wechat',
    limits: {},
    asked,
    render: () => Promise.resolve([]),
    async recover(keys, ctx) {
      asked.push(...keys)
      if (fail !== undefined) throw fail
      const live = new Map([
        ['hjxx-001\u0000sha256:r0', 'https://mp.weixin.qq.com/s/old'],
        ['hjxx-002\u0000sha256:r2', 'https://mp.weixin.qq.com/s/new'],
      ])
      const out = []
      for (const k of keys) {
        const url = live.get(`${k.publication}\u0000${k.revision}`)
        if (url === undefined) {
          out.push({ publication: k.publication, revision: k.revision, found: '平台上没有' })
          continue
        }
        await ctx.ledger.open(k)
        await ctx.ledger.setState(k, 'delivered', { url })
        out.push({ publication: k.publication, revision: k.revision, found: '已发表', recorded: 'delivered' as const, url })
      }
      return out
    },
  }
}

const context = { config: {} as never, kv: { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() }, env: {}, now: () => NOW, log: () => {} }

describe('rebuildLedger with a channel that recovers from its platform', () => {
  it('asks about every revision the stored releases hold, records the latest release with its own revision, and lets the push go', async () => {
    const { project, file, latest } = await lostWechatLedger()
    const s = store(file)
    await expect(checkLedger(project, s.ledger)).rejects.toMatchObject({ code: 'ledger/empty' })
    const channel = platform()
    const r = await rebuildLedger(project, s.ledger, { channels: ['wechat'], recover: { channels: [channel], context }, now: NOW })
    expect(channel.asked.map((k) => `${k.publication}@${k.revision}`).sort()).toEqual(['hjxx-001@sha256:r0', 'hjxx-001@sha256:r1', 'hjxx-002@sha256:r2'])
    expect(r.channels).toEqual([
      {
        channel: 'wechat',
        outcome: 'rebuilt',
        release: latest,
        records: 2,
        publications: [
          // The article that went out before the correction is what the platform has: it is recorded, and blocks r1 as delivery does.
          { publication: 'hjxx-001', revision: 'sha256:r0', title: '微信：通知', found: '已发表', recorded: 'delivered', url: 'https://mp.weixin.qq.com/s/old' },
          { publication: 'hjxx-002', revision: 'sha256:r2', title: '微信：决定书', found: '已发表', recorded: 'delivered', url: 'https://mp.weixin.qq.com/s/new' },
        ],
      },
    ])
    const rows = await s.ledger.list({ channel: 'wechat' })
    expect(rows.map((x) => [x.publication, x.revision, x.state, x.release?.id]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['hjxx-001', 'sha256:r0', 'delivered', undefined],
      ['hjxx-002', 'sha256:r2', 'delivered', latest],
    ])
    expect((await readLedgerMark(project))?.unrecovered).toEqual([])
    expect((await checkLedger(project, s.ledger, { channels: ['wechat'] })).state).toBe('known')
  })

  it('a recover that throws writes nothing, says why, and the channel stays refused', async () => {
    const { project, file } = await lostWechatLedger()
    const s = store(file)
    const r = await rebuildLedger(project, s.ledger, { channels: ['wechat'], recover: { channels: [platform(new GongkaiError('wechat/errcode-48001', '公众号没有该接口的权限'))], context }, now: NOW })
    expect(r.channels).toEqual([expect.objectContaining({ channel: 'wechat', outcome: 'unrecovered', records: 0 })])
    expect(r.channels[0]?.reason).toBe('读取微信公众号平台上的列表失败（公众号没有该接口的权限），台账未作改动')
    expect(await s.ledger.list({ channel: 'wechat' })).toEqual([])
    await expect(checkLedger(project, s.ledger, { channels: ['wechat'] })).rejects.toMatchObject({ code: 'ledger/unrecovered' })
  })

  it('without a release to match against, asks the platform nothing', async () => {
    const { project, file } = await lostWechatLedger()
    rmSync(join(project, '.gongkai', 'releases'), { recursive: true })
    const s = store(file)
    const channel = platform()
    const r = await rebuildLedger(project, s.ledger, { channels: ['wechat'], recover: { channels: [channel], context }, now: NOW })
    expect(channel.asked).toEqual([])
    expect(r.channels[0]).toMatchObject({ outcome: 'unrecovered', reason: expect.stringContaining('gongkai build --channel wechat') as unknown })
  })
})
