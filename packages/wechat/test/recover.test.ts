/** recoverWechatLedger against the local test server: the records of a lost ledger come back from the platform's lists, paged through; a list that fails writes nothing. */
import type { Disclosure, Store } from '@gongkai/core'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterEach, describe, expect, it } from 'vitest'
import { STEPS } from '../src/deliver.js'
import { wechat } from '../src/wechat.js'
import { createMemoryStore, deliverContext, disclosure, renderContext, unitsOf } from './fixtures.js'

const ENV = { WX_SECRET: 'test-secret' }
let server: WechatServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup() {
  server = await startWechatServer({ secret: ENV.WX_SECRET, publishingPolls: 0 })
  const channel = wechat({ appId: server.appId, secretEnv: 'WX_SECRET', apiBase: server.url, pollIntervalMs: 5, retry: { attempts: 2, baseMs: 2, maxMs: 5 }, concurrency: 4 })
  return { server, channel }
}

const pubs = (n: number) => Array.from({ length: n }, (_, i) => disclosure(`r${i + 1}`, `第${i + 1}号公告正文。本局依法公开。\n`))
const keysOf = (ds: readonly Disclosure[]) => ds.map((d) => ({ publication: d.publication.id, revision: d.revision, channel: 'wechat' }))

async function push(channel: ReturnType<typeof wechat>, ds: readonly Disclosure[], store: Store) {
  const ctx = renderContext(ds)
  return channel.deliver(await unitsOf(ds, (d) => channel.render(d, ctx)), deliverContext(store, ENV))
}

describe('recoverWechatLedger', () => {
  it('pages through all three lists and records each published article as delivery did; a push on the rebuilt ledger sends nothing', async () => {
    const { server, channel } = await setup()
    // More than one page (20) of each list.
    const ds = pubs(23)
    const first = createMemoryStore()
    expect((await push(channel, ds, first)).results.every((r) => r.state === 'delivered')).toBe(true)
    const lost = createMemoryStore()
    const before = { ...server.stats.requests }
    const found = await channel.recover(keysOf(ds), deliverContext(lost, ENV))
    for (const api of ['material/batchget_material', 'draft/batchget', 'freepublish/batchget']) expect((server.stats.requests[api] ?? 0) - (before[api] ?? 0), api).toBe(2)
    expect(found.map((f) => f.recorded)).toEqual(ds.map(() => 'delivered'))
    for (const d of ds) {
      const key = { publication: d.publication.id, revision: d.revision, channel: 'wechat' }
      const was = await first.ledger.get(key)
      const now = await lost.ledger.get(key)
      expect(now?.state).toBe('delivered')
      expect(now?.url).toBe(was?.url)
      for (const step of [STEPS.thumb, STEPS.thumbUrl, STEPS.draft, STEPS.articleId, STEPS.final]) expect(now?.steps[step], step).toBe(was?.steps[step])
    }
    const drafts = server.stats.drafts
    expect((await push(channel, ds, lost)).results.map((r) => r.state)).toEqual(ds.map(() => 'skipped'))
    expect(server.stats.drafts).toBe(drafts)
  })

  it('writes nothing when the last list fails after the others were read', async () => {
    const { server, channel } = await setup()
    const ds = pubs(2)
    await push(channel, ds, createMemoryStore())
    const lost = createMemoryStore()
    server.setFaults({ inject: [{ path: 'freepublish/batchget', errcode: 48001 }] })
    await expect(channel.recover(keysOf(ds), deliverContext(lost, ENV))).rejects.toMatchObject({ code: 'wechat/errcode-48001' })
    expect(server.stats.requests['draft/batchget']).toBe(1)
    expect(await lost.ledger.list()).toEqual([])
  })
})
