import type { Disclosure, Store } from '@gongkai/core'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer, WechatServerOptions } from '@gongkai/test-wechat-server'
import { afterEach, describe, expect, it } from 'vitest'
import { tokenKey } from '../src/api/client.js'
import { STEPS } from '../src/deliver.js'
import type { WechatOptions } from '../src/options.js'
import { wechat } from '../src/wechat.js'
import { createMemoryStore, deliverContext, disclosure, renderContext, unitsOf } from './fixtures.js'

const SECRET = 'test-secret-do-not-log'
const ENV = { WX_SECRET: SECRET }
let server: WechatServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup(serverOptions: WechatServerOptions = {}, options: WechatOptions = {}) {
  server = await startWechatServer({ secret: SECRET, publishingPolls: 2, publishingMs: 60_000, ...serverOptions })
  const channel = wechat({
    appId: server.appId,
    secretEnv: 'WX_SECRET',
    apiBase: server.url,
    pollIntervalMs: 5,
    maxPolls: 10,
    retry: { attempts: 6, baseMs: 2, maxMs: 20 },
    timeoutMs: 2000,
    // These cases read one publication after another; concurrency has its own tests.
    concurrency: 1,
    ...options,
  })
  return { server, channel }
}

const body = (n: number) => `第${n}号公告正文。本局依法公开。\n\n- 事项一\n- 事项二\n\n详见[生态环境部网站](https://www.mee.gov.cn/)。\n\n![示意图](assets/x.png)\n`
const pubs = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => disclosure(`${prefix}${i + 1}`, body(i + 1).replace('\n\n![示意图](assets/x.png)\n', '\n')))

async function push(channel: ReturnType<typeof wechat>, ds: readonly Disclosure[], store: Store) {
  const ctx = renderContext(ds)
  const units = await unitsOf(ds, (d) => channel.render(d, ctx))
  const dctx = deliverContext(store, ENV)
  const receipt = await channel.deliver(units, dctx)
  return { receipt, events: dctx.events }
}

function assertOnce(s: WechatServer, titles: readonly string[]) {
  for (const t of titles) {
    expect(s.stats.draftsByTitle[t], t).toBe(1)
    expect(s.stats.submitsByTitle[t], t).toBe(1)
  }
}

describe('deliver to the platform', () => {
  it('uploads, drafts, submits, polls and records every step; a second push does nothing', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    const ds = pubs(3)
    const { receipt, events } = await push(channel, ds, store)
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered'])
    expect(receipt.results.every((r) => r.url?.startsWith(`${server.url}/s/`))).toBe(true)
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
    expect(server.stats.materialsAdded).toBe(3)
    expect(server.stats.tokensIssued).toBe(1)
    const record = await store.ledger.get({ publication: 'p1', revision: ds[0]?.revision ?? '', channel: 'wechat' })
    expect(record?.state).toBe('delivered')
    expect(Object.keys(record?.steps ?? {})).toEqual([STEPS.thumbIntent, STEPS.thumbUrl, STEPS.thumb, STEPS.draftIntent, STEPS.draft, STEPS.submitIntent, STEPS.publish, STEPS.final, STEPS.articleId])
    expect(server.published()[0]?.url).toBe(record?.url)
    // Publishing took polls: status 1 was seen and waited out.
    expect(server.stats.requests['freepublish/get']).toBe(9)

    const again = await push(channel, ds, store)
    expect(again.receipt.results.map((r) => r.state)).toEqual(['skipped', 'skipped', 'skipped'])
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
    // Secrets and tokens never reach logs or the ledger.
    const token = server.currentToken() ?? 'none'
    const everything = JSON.stringify([events, again.events, await store.ledger.list()])
    expect(everything).not.toContain(SECRET)
    expect(everything).not.toContain(token)
    expect(await store.kv.get(tokenKey(server.appId))).toContain(token)
  })

  it('uploads inline images through uploadimg and rewrites their URLs in the draft', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    const d = disclosure('img1', body(1))
    const ctx = {
      ...renderContext([d]),
      readAsset: async () =>
        new Uint8Array(
          await (
            await import('sharp')
          )
            .default({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
            .webp()
            .toBuffer(),
        ),
    }
    const arts = await channel.render(d, ctx)
    expect(arts.some((a) => /img-[0-9a-f]{16}\.jpg$/.test(a.path))).toBe(true)
    const receipt = await channel.deliver([{ disclosure: d, artifacts: arts }], deliverContext(store, ENV))
    expect(receipt.results[0]?.state).toBe('delivered')
    expect(server.stats.imagesUploaded).toBe(1)
    const content = String(server.drafts()[0]?.article['content'])
    expect(content).toMatch(new RegExp(`<img src="${server.url}/mmbiz_jpg/`))
  })

  it('shares one token, and on expiry mid-batch refreshes once without a forced refresh', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    const ds = pubs(4)
    await push(channel, ds.slice(0, 2), store)
    server.expireTokens()
    const { receipt } = await push(channel, ds.slice(2), store)
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered'])
    expect(server.stats.errors['42001']).toBe(1)
    expect(server.stats.tokensIssued).toBe(2)
    expect(server.stats.forcedRefreshes).toBe(0)
    // A token the platform no longer knows (40001) is refreshed the same way.
    server.setFaults({ inject: [{ path: 'freepublish/get', errcode: 40001 }] })
    const more = pubs(1, 'q')
    expect((await push(channel, more, store)).receipt.results[0]?.state).toBe('delivered')
    assertOnce(
      server,
      [...ds, ...more].map((d) => d.publication.title),
    )
  })

  it('reads the cached token from the store after a restart', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    await push(channel, pubs(1), store)
    const second = wechat({ ...channel.options, retry: channel.options.retry, appId: server.appId, sourceUrl: undefined as never })
    await push(second, pubs(1, 'r'), store)
    expect(server.stats.tokensIssued).toBe(1)
  })

  it('stops at the daily quota and leaves the rest pending, then finishes next run', async () => {
    const { server, channel } = await setup({ quota: { 'freepublish/submit': 2 } })
    const store = createMemoryStore()
    const ds = pubs(4)
    const first = await push(channel, ds, store)
    expect(first.receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered', 'pending', 'pending'])
    expect(first.receipt.stopped?.code).toBe('wechat/quota')
    expect(first.receipt.stopped?.message).toContain('今日')
    expect(server.stats.requests['draft/add']).toBe(3)
    server.setFaults({ quota: {} })
    const second = await push(channel, ds, store)
    expect(second.receipt.results.map((r) => r.state)).toEqual(['skipped', 'skipped', 'delivered', 'delivered'])
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
  })

  it('stops on the signal without failing anything: claims released, the rest pending, and the next push finishes each once', async () => {
    // Publishing takes a while, so the signal finds the first publications polling.
    const { server, channel } = await setup({ publishingPolls: 1_000, publishingMs: 150 }, { pollIntervalMs: 20, maxPolls: 50, concurrency: 2 })
    const store = createMemoryStore()
    const ds = pubs(5)
    const ctx = renderContext(ds)
    const units = await unitsOf(ds, (d) => channel.render(d, ctx))
    const stop = new AbortController()
    const watch = setInterval(() => {
      if (server.stats.submits >= 1) stop.abort()
    }, 2)
    const dctx = { ...deliverContext(store, ENV), signal: stop.signal }
    const first = await channel.deliver(units, dctx)
    clearInterval(watch)
    expect(first.results.map((r) => r.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending'])
    expect(first.results.every((r) => r.error?.code === 'wechat/aborted')).toBe(true)
    expect(server.stats.submits).toBeGreaterThanOrEqual(1)
    expect(server.stats.submits).toBeLessThan(5)
    // Nothing was marked failed, and no claim is left behind for the next push to wait out.
    const records = await store.ledger.list({ channel: 'wechat' })
    expect(records.every((r) => r.state === 'pending')).toBe(true)
    for (const r of records) {
      const key = { publication: r.publication, revision: r.revision, channel: r.channel }
      expect(await store.ledger.claim(key, 'someone-else', 60_000), r.publication).toBe(true)
      await store.ledger.release(key, 'someone-else')
    }
    expect(dctx.events.some((e) => e.code === 'wechat/aborted')).toBe(true)
    // An already aborted signal sends nothing at all.
    const before = { ...server.stats.requests }
    const again = await channel.deliver(units, { ...deliverContext(store, ENV), signal: AbortSignal.abort() })
    expect(again.results.map((r) => r.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending'])
    expect(server.stats.requests).toEqual(before)
    const last = await push(channel, ds, store)
    expect(last.receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered'])
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
  })

  it('rides out 5xx storms, -1 and 45011 with backoff, never doubling a draft or a submit', async () => {
    const { server, channel } = await setup(
      {
        storm: { rate: 0.3, seed: 7 },
        inject: [
          { path: 'draft/add', errcode: -1, times: 2 },
          { path: 'freepublish/submit', errcode: 45011 },
          { path: 'material/add_material', status: 502, times: 3 },
        ],
      },
      { retry: { attempts: 10, baseMs: 1, maxMs: 5 } },
    )
    const store = createMemoryStore()
    const ds = pubs(6)
    const { receipt } = await push(channel, ds, store)
    expect(receipt.results.map((r) => r.state)).toEqual(Array(6).fill('delivered'))
    expect(server.stats.errors['503']).toBeGreaterThan(5)
    expect(server.stats.errors['502']).toBe(3)
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
  })

  it('fails with where to whitelist the IP on 40164, and stops the batch', async () => {
    const { channel } = await setup({ denyIp: '203.0.113.7' })
    const { receipt } = await push(channel, pubs(2), createMemoryStore())
    expect(receipt.results.map((r) => r.state)).toEqual(['failed', 'pending'])
    expect(receipt.results[0]?.error?.message).toMatch(/203\.0\.113\.7.*白名单.*设置与开发.*基本配置.*IP白名单/)
    expect(receipt.stopped?.code).toBe('wechat/ip-not-whitelisted')
  })

  it('fails without the secret, naming the variable', async () => {
    const { channel } = await setup()
    const d = pubs(1)
    const ctx = renderContext(d)
    const units = await unitsOf(d, (x) => channel.render(x, ctx))
    const receipt = await channel.deliver(units, deliverContext(createMemoryStore(), {}))
    expect(receipt.results[0]?.error?.message).toContain('WX_SECRET')
  })

  it('fails on publish status 3 with the reason, marks 5 withdrawn, and never resubmits a failure', async () => {
    const outcome = (title: string) => (title.endsWith('p1') ? 3 : title.endsWith('p2') ? 5 : 0)
    const { server, channel } = await setup({ outcome })
    const store = createMemoryStore()
    const ds = pubs(3)
    const { receipt } = await push(channel, ds, store)
    expect(receipt.results.map((r) => r.state)).toEqual(['failed', 'withdrawn', 'delivered'])
    expect(receipt.results[0]?.error?.message).toContain('常规失败')
    expect(receipt.results[1]?.error?.message).toContain('删除')
    const again = await push(channel, ds, store)
    expect(again.receipt.results.map((r) => r.state)).toEqual(['failed', 'skipped', 'skipped'])
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
  })

  it('reports a changed revision of a delivered publication instead of pushing it again', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    const [d] = pubs(1)
    await push(channel, [d as Disclosure], store)
    const changed = disclosure('p1', `${body(1)}\n更正：补充一句。\n`)
    expect(changed.revision).not.toBe(d?.revision)
    const { receipt, events } = await push(channel, [changed], store)
    expect(receipt.results[0]?.state).toBe('skipped')
    expect(receipt.results[0]?.error?.code).toBe('wechat/revision-changed')
    expect(events.some((e) => e.code === 'wechat/revision-changed')).toBe(true)
    expect(server.stats.drafts).toBe(1)
    const plan = await channel.plan([changed], store.ledger)
    expect(plan[0]?.action).toBe('revision-changed')
  })

  it('adopts the draft whose draft/add answer was lost, instead of making a second', async () => {
    const { server, channel } = await setup({ hold: 'draft/add' }, { timeoutMs: 300 })
    const store = createMemoryStore()
    const ds = pubs(2)
    const { receipt } = await push(channel, ds, store)
    expect(server.stats.held).toBe(1)
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered'])
    assertOnce(
      server,
      ds.map((d) => d.publication.title),
    )
  })

  it('plans a dry run from the ledger alone', async () => {
    const { server, channel } = await setup({ quota: { 'freepublish/submit': 1 } })
    const store = createMemoryStore()
    const ds = pubs(3)
    const before = await channel.plan(ds, store.ledger)
    expect(before.map((p) => [p.action, p.goes])).toEqual([
      ['new', true],
      ['new', true],
      ['new', true],
    ])
    await push(channel, ds, store)
    const after = await channel.plan(ds, store.ledger)
    expect(after.map((p) => p.action)).toEqual(['skip-delivered', 'resume', 'new'])
    expect(after[1]?.lastStep).toBe(STEPS.draft)
    expect(server.stats.submits).toBe(1)
  })
})
