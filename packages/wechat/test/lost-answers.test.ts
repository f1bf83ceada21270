/** Exactly once when the platform did the work and its answer was lost; failing well; speed; withdrawal. */
import { hostname } from 'node:os'
import type { Disclosure, Store } from '@gongkai/core'
import { LOST_ANSWERS, startWechatServer } from '@gongkai/test-wechat-server'
import type { ApiPath, LostAnswer, WechatServer, WechatServerOptions } from '@gongkai/test-wechat-server'
import { afterEach, describe, expect, it } from 'vitest'
import { coverName } from '../src/deliver.js'
import type { WechatOptions } from '../src/options.js'
import { wechat } from '../src/wechat.js'
import { createMemoryStore, deliverContext, disclosure, renderContext, unitsOf } from './fixtures.js'

const SECRET = 'test-secret-lost'
const ENV = { WX_SECRET: SECRET }
let server: WechatServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup(serverOptions: WechatServerOptions = {}, options: WechatOptions = {}) {
  server = await startWechatServer({ secret: SECRET, publishingPolls: 1, publishingMs: 60, ...serverOptions })
  const channel = wechat({
    appId: server.appId,
    secretEnv: 'WX_SECRET',
    apiBase: server.url,
    pollIntervalMs: 5,
    pollMaxMs: 40,
    maxPolls: 12,
    retry: { attempts: 4, baseMs: 2, maxMs: 10 },
    timeoutMs: 400,
    ...options,
  })
  return { server, channel }
}

const pubs = (n: number, prefix = 'l') => Array.from({ length: n }, (_, i) => disclosure(`${prefix}${i + 1}`, `第${i + 1}号公告正文。本局依法公开。\n`))

async function push(channel: ReturnType<typeof wechat>, ds: readonly Disclosure[], store: Store, env: Record<string, string> = ENV) {
  const ctx = renderContext(ds)
  const units = await unitsOf(ds, (d) => channel.render(d, ctx))
  const dctx = deliverContext(store, env)
  const receipt = await channel.deliver(units, dctx)
  return { receipt, events: dctx.events }
}

/** One cover, one draft and one submit per publication, counted by the server. */
function assertOnce(s: WechatServer, ds: readonly Disclosure[]) {
  for (const d of ds) {
    const t = d.publication.title
    expect(s.stats.draftsByTitle[t], t).toBe(1)
    expect(s.stats.submitsByTitle[t], t).toBe(1)
    expect(s.stats.materialsByName[coverName({ publication: d.publication.id, revision: d.revision, channel: 'wechat' })], t).toBe(1)
  }
}

async function assertLedgerClean(store: Store) {
  for (const r of await store.ledger.list({ channel: 'wechat' })) {
    for (const [k, v] of Object.entries(r.steps)) expect(v, `${r.publication} ${k}`).not.toMatch(/^(undefined|NaN|null)$/)
  }
}

const CREATING: readonly ApiPath[] = ['material/add_material', 'draft/add', 'freepublish/submit']

describe('a creating call whose answer is lost is unknown, reconciled, never doubled', () => {
  const cases = CREATING.flatMap((path) => LOST_ANSWERS.map((as) => [path, as] as const))
  it.each(cases)('%s answered %s after doing the work: delivered once', async (path: ApiPath, as: LostAnswer) => {
    const { server, channel } = await setup({ lose: [{ path, as }] }, { concurrency: 2 })
    const store = createMemoryStore()
    const ds = pubs(2)
    const { receipt, events } = await push(channel, ds, store)
    expect(server.stats.lost).toBe(1)
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered'])
    assertOnce(server, ds)
    await assertLedgerClean(store)
    expect(events.some((e) => e.code === 'wechat/unknown-outcome')).toBe(true)
    const list = path === 'material/add_material' ? 'material/batchget_material' : path === 'draft/add' ? 'draft/batchget' : 'freepublish/batchget'
    expect(server.stats.requests[list]).toBeGreaterThanOrEqual(1)
  })

  it('JSON without the fields of a success ({"ok":true}) on a safe call is no success: nothing undefined reaches the ledger', async () => {
    const { server, channel } = await setup({ lose: [{ path: 'freepublish/get', as: 'json-ok', times: 2 }] })
    const store = createMemoryStore()
    const ds = pubs(1)
    const { receipt } = await push(channel, ds, store)
    expect(server.stats.lost).toBe(2)
    expect(receipt.results[0]?.state).toBe('delivered')
    await assertLedgerClean(store)
    expect((await store.ledger.list())[0]?.steps['final_status']).toBe('0')
  })
})

describe('needs checking', () => {
  it('a lost submit with the lists refused (48001) becomes 需核实, is never resubmitted, and a later push finds it', async () => {
    const { server, channel } = await setup({ lose: [{ path: 'freepublish/submit', as: 'http-502' }], listsErrcode: 48001 })
    const store = createMemoryStore()
    const ds = pubs(1)
    const first = await push(channel, ds, store)
    expect(first.receipt.results[0]?.state).toBe('failed')
    expect(first.receipt.results[0]?.error?.code).toBe('wechat/needs-check')
    expect(first.receipt.results[0]?.error?.message).toMatch(/需核实.*可能已经发表.*公众号后台 → 发表记录/)
    const [record] = await store.ledger.list({ channel: 'wechat' })
    expect(record?.state).toBe('unknown')
    expect(server.stats.submits).toBe(1)
    const plan = await channel.plan(ds, store.ledger)
    expect(plan[0]?.action).toBe('reconcile')
    // Still refused: stays unknown, still one submit.
    const again = await push(channel, ds, store)
    expect(again.receipt.results[0]?.error?.code).toBe('wechat/needs-check')
    expect(server.stats.submits).toBe(1)
    // The lists come back: the next push looks first and records what is live.
    server.setFaults({ listsErrcode: undefined as never })
    // The operator's look in 发表记录 would show it once the platform has finished publishing.
    while (server.published().length === 0) await new Promise((r) => setTimeout(r, 10))
    const last = await push(channel, ds, store)
    expect(last.receipt.results[0]?.error).toBeUndefined()
    expect(last.receipt.results[0]?.state).toBe('delivered')
    expect(last.receipt.results[0]?.url).toBe(server.published()[0]?.url)
    expect(server.stats.submits).toBe(1)
    expect((await store.ledger.list())[0]?.state).toBe('delivered')
  })

  it('a lost submit that never shows among the published articles is 需核实, not resubmitted', async () => {
    const { server, channel } = await setup({ lose: [{ path: 'freepublish/submit', as: 'reset' }], outcome: () => 3 }, { maxPolls: 3 })
    const store = createMemoryStore()
    const { receipt, events } = await push(channel, pubs(1), store)
    expect(receipt.results[0]?.error?.code).toBe('wechat/needs-check')
    expect((await store.ledger.list())[0]?.state).toBe('unknown')
    expect(server.stats.submits).toBe(1)
    // Before the look-up's waits, the operator is told what is being waited for and for how long.
    expect(events.map((e) => e.message)).toContainEqual(expect.stringMatching(/^上次提交发表后没有收到应答：在已发表文章中核对（最多 3 次，约 \d+ 秒），不会再次提交$/))
  })
})

describe('failing well', () => {
  it('a wrong AppSecret (40001 on stable_token) stops the whole push at once, with where to fix it', async () => {
    const { server, channel } = await setup({ badSecretErrcode: 40001 }, { concurrency: 4 })
    const { receipt } = await push(channel, pubs(8), createMemoryStore(), { WX_SECRET: 'wrong' })
    expect(receipt.stopped?.code).toBe('wechat/bad-credentials')
    expect(receipt.stopped?.message).toMatch(/AppSecret.*设置与开发 → 基本配置/)
    expect(receipt.results.filter((r) => r.state === 'failed')).toHaveLength(1)
    expect(receipt.results.filter((r) => r.state === 'pending')).toHaveLength(7)
    expect(server.stats.requests['stable_token']).toBe(1)
  })

  it('40164 stops the whole push at once, even with several in flight', async () => {
    const { channel } = await setup({ denyIp: '203.0.113.9' }, { concurrency: 4 })
    const { receipt } = await push(channel, pubs(6), createMemoryStore())
    expect(receipt.stopped?.code).toBe('wechat/ip-not-whitelisted')
    expect(receipt.stopped?.message).toContain('IP白名单')
    expect(receipt.results.filter((r) => r.state === 'failed')).toHaveLength(1)
  })

  it('a platform that is down trips the breaker: the rest pending, the push over in well under a second', async () => {
    const { server, channel } = await setup({ storm: { rate: 1, seed: 3 } }, { concurrency: 2, breaker: 4 })
    const started = performance.now()
    const { receipt } = await push(channel, pubs(20), createMemoryStore())
    expect(performance.now() - started).toBeLessThan(3000)
    expect(receipt.stopped?.code).toBe('wechat/platform-down')
    expect(receipt.results.filter((r) => r.state === 'pending').length).toBeGreaterThanOrEqual(18)
    expect(receipt.results.some((r) => r.state === 'failed')).toBe(true)
    expect(server.stats.errors['503']).toBeLessThanOrEqual(8)
  })

  it('the daily quota lists the rest by title as pending until tomorrow, in one sentence', async () => {
    const { channel } = await setup({ quota: { 'freepublish/submit': 2 } }, { concurrency: 1 })
    const ds = pubs(5)
    const { receipt } = await push(channel, ds, createMemoryStore())
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered', 'pending', 'pending', 'pending'])
    expect(receipt.stopped?.code).toBe('wechat/quota')
    expect(receipt.stopped?.message).toBe(
      `今日微信接口调用次数已用完（错误码 45009），其余 3 篇留待明天（次数零点重置后）再推送：${ds
        .slice(2)
        .map((d) => `《${d.publication.title}》`)
        .join('、')}`,
    )
  })
})

describe('speed', () => {
  it('pushes several publications at once within one deliver call, and polls from a short first wait with backoff', async () => {
    const { server, channel } = await setup({ latencyMs: 20, publishingPolls: 1000, publishingMs: 300 }, { concurrency: 6, pollIntervalMs: 10, pollMaxMs: 160, maxPolls: 20 })
    const ds = pubs(12)
    const { receipt } = await push(channel, ds, createMemoryStore())
    expect(receipt.results.every((r) => r.state === 'delivered')).toBe(true)
    assertOnce(server, ds)
    expect(server.stats.maxInFlight).toBeGreaterThanOrEqual(4)
    // 300 ms of publishing at a fixed 10 ms would take about 30 polls each; doubling takes about 6.
    expect((server.stats.requests['freepublish/get'] ?? 0) / ds.length).toBeLessThanOrEqual(8)
  })
})

describe('the signal', () => {
  it('starts no new publication and lets a creating call in flight finish and be recorded, never cut off', async () => {
    const { server, channel } = await setup({ latencyMs: 80 }, { concurrency: 2 })
    const store = createMemoryStore()
    const ds = pubs(6)
    const ctx = renderContext(ds)
    const units = await unitsOf(ds, (d) => channel.render(d, ctx))
    const stop = new AbortController()
    const watch = setInterval(() => {
      if ((server.stats.requests['draft/add'] ?? 0) >= 1) stop.abort()
    }, 1)
    const receipt = await channel.deliver(units, { ...deliverContext(store, ENV), signal: stop.signal })
    clearInterval(watch)
    expect(receipt.results.every((r) => r.state === 'pending' && r.error?.code === 'wechat/aborted')).toBe(true)
    const records = await store.ledger.list({ channel: 'wechat' })
    expect(records.length).toBeLessThanOrEqual(2)
    for (const r of records) {
      // Every call that was sent has its answer recorded: nothing is left in doubt for the next push.
      if (r.steps['draft_intent'] !== undefined) expect(r.steps['draft_media_id'], r.publication).toBeDefined()
      if (r.steps['submit_intent'] !== undefined) expect(r.steps['publish_id'], r.publication).toBeDefined()
      expect(r.state).toBe('pending')
    }
    expect(server.stats.drafts).toBeGreaterThanOrEqual(1)
    await push(channel, ds, store)
    assertOnce(server, ds)
  })
})

describe('claims', () => {
  it('takes over at once a claim whose process is gone, and says 上次推送中断', async () => {
    const { channel } = await setup()
    const store = createMemoryStore()
    const [d] = pubs(1)
    const key = { publication: 'l1', revision: d?.revision ?? '', channel: 'wechat' }
    await store.ledger.open(key)
    // No process has pid 4194304 (above Linux's pid_max): its hour-long claim is dead.
    expect(await store.ledger.claim(key, `wechat@${hostname()}#4194304#1#0b0c0d0e-0000-4000-8000-000000000000`, 3_600_000)).toBe(true)
    const { receipt, events } = await push(channel, [d as Disclosure], store)
    expect(receipt.results[0]?.state).toBe('delivered')
    expect(events.some((e) => e.code === 'wechat/resumed' && e.message.includes('上次推送中断'))).toBe(true)
  })

  it('leaves alone a claim of a process that still runs', async () => {
    const { channel } = await setup()
    const store = createMemoryStore()
    const [d] = pubs(1)
    const key = { publication: 'l1', revision: d?.revision ?? '', channel: 'wechat' }
    await store.ledger.open(key)
    expect(await store.ledger.claim(key, `wechat@${hostname()}#${process.pid}#${Math.round(performance.timeOrigin)}#0b0c0d0e-0000-4000-8000-000000000000`, 3_600_000)).toBe(true)
    const { receipt } = await push(channel, [d as Disclosure], store)
    expect(receipt.results[0]?.state).toBe('pending')
    expect(receipt.results[0]?.error?.code).toBe('wechat/busy')
  })
})

describe('withdrawal on the platform', () => {
  it('deletes the article and its draft, records it, and does nothing the second time', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    const ds = pubs(1)
    await push(channel, ds, store)
    expect(server.published()).toHaveLength(1)
    const key = { publication: 'l1', revision: ds[0]?.revision ?? '' }
    const ctx = { ledger: store.ledger, kv: store.kv, env: ENV, now: () => new Date('2026-12-01T02:00:00Z') }
    expect(await channel.withdraw(key, ctx, '信息有误')).toMatchObject({ ...key, state: 'withdrawn', deleted: 2, answer: 'freepublish/delete 成功，errcode 0' })
    expect(server.published()).toEqual([])
    expect(server.drafts()).toEqual([])
    const record = (await store.ledger.list())[0]
    expect(record?.state).toBe('withdrawn')
    expect(record?.steps['article_deleted']).toBe('2026-12-01T02:00:00.000Z')
    expect(record?.steps['draft_deleted']).toBe('2026-12-01T02:00:00.000Z')
    expect(record?.steps['article_delete_errcode']).toBe('0')
    expect(record?.error?.message).toContain('信息有误')
    expect(await channel.withdraw(key, ctx)).toMatchObject({ ...key, state: 'withdrawn', deleted: 0 })
    expect([server.stats.articleDeletes, server.stats.draftDeletes]).toEqual([1, 1])
    expect(server.stats.requests['freepublish/delete']).toBe(1)
  })

  it('takeDown: a lost answer to the delete is not a second delete; a publication never sent is skipped', async () => {
    const { server, channel } = await setup()
    const store = createMemoryStore()
    const [sent, never] = pubs(2)
    await push(channel, [sent as Disclosure], store)
    server.setFaults({ lose: [{ path: 'freepublish/delete', as: 'http-502' }] })
    const ctx = { ...deliverContext(store, ENV), now: () => new Date('2026-12-01T02:00:00Z') }
    const withdrawal = { on: '2026-12-01', reason: '信息有误', mode: 'notice' as const }
    const results = await channel.takeDown(
      [
        { disclosure: sent as Disclosure, withdrawal },
        { disclosure: never as Disclosure, withdrawal },
      ],
      ctx,
    )
    expect(results.map((r) => [r.publication, r.state])).toEqual([
      ['l1', 'withdrawn'],
      ['l2', 'skipped'],
    ])
    // Carried out once; the retry after the lost answer was told the article is gone (40007).
    expect(server.stats.articleDeletes).toBe(1)
    expect(server.stats.lost).toBe(1)
    const [record] = await store.ledger.list({ publication: 'l1' })
    expect(record?.state).toBe('withdrawn')
    expect(record?.steps['article_delete_errcode']).toBe('40007')
    expect(results[0]?.error?.message).toBe('已从公众号删除（freepublish/delete：平台上已没有这篇文章，errcode 40007）')
    expect(await store.ledger.list({ publication: 'l2' })).toEqual([])
    expect(await channel.takeDown([{ disclosure: sent as Disclosure, withdrawal }], ctx)).toEqual([{ publication: 'l1', revision: sent?.revision, channel: 'wechat', state: 'skipped' }])
    expect(server.stats.requests['freepublish/delete']).toBe(2)
  })
})

describe('limits as data', () => {
  it("declares WeChat's title, digest and content rules in the channel's limits, and per-minute limits", async () => {
    const { channel } = await setup()
    expect(channel.limits).toMatchObject({ titleMaxChars: 32, digestMaxChars: 128, contentMaxChars: 20_000, contentMaxBytes: 1024 * 1024 })
    expect(channel.rateLimits['draft/add']).toBeGreaterThan(0)
    expect(channel.rateLimits['freepublish/submit']).toBeGreaterThan(0)
  })
})
