/**
 * Many bodies in one database and many workers on it: nothing of one body is visible through another's store;
 * workers pulling deliveries with SKIP LOCKED take each once; a dead worker's claim is taken over once it lapses;
 * four schedulers on one body run each tick once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeliveryKey, Store } from '@gongkai/core'
import { createScheduler, manualClock } from '@gongkai/scheduler'
import { connectPostgres } from '../src/index.js'
import type { PostgresDatabase } from '../src/index.js'
import { ADMIN_PASSWORD, clusterAvailable, startCluster } from '@gongkai/test-store-contract'
import type { Cluster } from '@gongkai/test-store-contract'

const available = clusterAvailable()
let cluster: Cluster
let url: string
const opened: PostgresDatabase[] = []
const connect = async (now: () => Date, poolSize = 2) => {
  const db = await connectPostgres({ url, password: ADMIN_PASSWORD, now, poolSize })
  opened.push(db)
  return db
}
const key: DeliveryKey = { publication: 'hb-2026-001', revision: 'sha256:aaa', channel: 'wechat' }
const T0 = Date.parse('2026-11-30T02:00:00Z')

describe.runIf(available)('many bodies, many workers', () => {
  beforeAll(async () => {
    cluster = await startCluster()
    cluster.psql('CREATE DATABASE province')
    url = cluster.url('province')
  })
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((d) => d.close()))
    await cluster?.stop()
  })

  it("shows a body nothing of another's ledger, key-value store, jobs, locks or audit log", async () => {
    const clock = { t: T0 }
    const db = await connect(() => new Date(clock.t))
    const a: Store = await db.store('008672531')
    const b: Store = await db.store('11510000M')
    await a.ledger.open(key)
    expect(await a.ledger.claim(key, 'worker-a', 60_000)).toBe(true)
    await a.ledger.recordStep(key, 'draft_media_id', 'MEDIA_A')
    await a.kv.set('wechat:token', 'TOKEN_A')
    expect(await a.jobs.enqueue({ schedule: 'push', runAt: '2026-11-30T01:00:00.000Z' })).toBe(true)
    expect(await a.jobs.acquireLock('daemon', 'worker-a', new Date(clock.t), 60_000)).toBe(true)
    await a.audit.record({ actor: 'chen', action: 'review', subject: key.publication, outcome: 'ok' })

    // The same key, schedule tick and lock name are B's own.
    expect(await b.ledger.get(key)).toBeUndefined()
    expect(await b.ledger.list()).toEqual([])
    expect(await b.ledger.latest(key.publication, key.channel)).toBeUndefined()
    await expect(b.ledger.claim(key, 'worker-b', 60_000)).rejects.toThrow('台账中没有这条投递记录：hb-2026-001/wechat/sha256:aaa')
    await b.ledger.open(key)
    expect(await b.ledger.claim(key, 'worker-b', 60_000)).toBe(true)
    expect(await b.ledger.recordStep(key, 'draft_media_id', 'MEDIA_B')).toBe('MEDIA_B')
    expect(await b.kv.get('wechat:token')).toBeUndefined()
    expect(await b.audit.list()).toEqual([])
    expect(await b.audit.list({ actor: 'chen' })).toEqual([])
    expect(await b.jobs.list()).toEqual([])
    expect(await b.jobs.last('push')).toBeUndefined()
    expect(await b.jobs.claim('worker-b', new Date(clock.t), 1000)).toBeUndefined()
    expect(await b.jobs.enqueue({ schedule: 'push', runAt: '2026-11-30T01:00:00.000Z' })).toBe(true)
    expect(await b.jobs.acquireLock('daemon', 'worker-b', new Date(clock.t), 60_000)).toBe(true)
    await b.ledger.setState(key, 'delivered', { url: 'https://b.example.gov.cn/1' })

    expect(await a.ledger.get(key)).toMatchObject({ state: 'running', steps: { draft_media_id: 'MEDIA_A' } })
    expect((await a.ledger.get(key))?.url).toBeUndefined()
    expect(await a.kv.get('wechat:token')).toBe('TOKEN_A')
    expect((await a.jobs.list()).map((j) => j.state)).toEqual(['due'])
    expect(await a.ledger.identity()).not.toBe(await b.ledger.identity())
    expect(await db.bodies()).toEqual(['008672531', '11510000M'])

    // A worker serving one body never takes another's delivery.
    const c = await db.store('00000000C')
    await c.ledger.open({ ...key, channel: 'website' })
    expect(await db.claimNext('w', 1000, { bodies: ['008672531', '11510000M'] })).toBeUndefined()
    expect(await db.claimNext('w', 1000)).toMatchObject({ body: '00000000C', key: { ...key, channel: 'website' }, attempts: 1 })
  })

  it('hands each of 600 deliveries of three bodies to exactly one of four workers, and a dead worker’s claims to another once they lapse', async () => {
    const clock = { t: T0 }
    const now = () => new Date(clock.t)
    const setup = await connect(now)
    const bodies = ['B00000001', 'B00000002', 'B00000003']
    for (const body of bodies) {
      const s = await setup.store(body)
      for (let i = 0; i < 200; i++) await s.ledger.open({ publication: `p${i}`, revision: 'r1', channel: 'wechat' })
    }
    const workers = await Promise.all([1, 2, 3, 4].map(() => connect(now, 3)))
    const taken = new Map<string, string[]>()
    // Worker 4 "dies" after its first 20 claims: it never finishes them.
    const abandoned: string[] = []
    await Promise.all(
      workers.map(async (w, i) => {
        const holder = `worker-${i + 1}`
        for (;;) {
          const got = await w.claimNext(holder, 30_000, { bodies })
          if (got === undefined) return
          const id = `${got.body}/${got.key.publication}`
          taken.set(id, [...(taken.get(id) ?? []), holder])
          if (i === 3 && abandoned.length < 20) {
            abandoned.push(id)
            if (abandoned.length === 20) return
            continue
          }
          const s = await w.store(got.body)
          await s.ledger.setState(got.key, 'delivered')
        }
      }),
    )
    expect(taken.size).toBe(600)
    expect([...taken.values()].filter((hs) => hs.length !== 1)).toEqual([])
    // Every worker took part.
    for (const h of ['worker-1', 'worker-2', 'worker-3', 'worker-4']) expect([...taken.values()].flat()).toContain(h)
    expect(await workers[0]!.claimNext('worker-1', 30_000, { bodies })).toBeUndefined()
    // The dead worker's claims lapse 30 s on; another worker then takes each once, with a second attempt.
    clock.t += 30_000
    const again: string[] = []
    for (let got = await workers[1]!.claimNext('worker-2', 30_000, { bodies }); got !== undefined; got = await workers[1]!.claimNext('worker-2', 30_000, { bodies })) {
      expect(got.attempts).toBe(2)
      again.push(`${got.body}/${got.key.publication}`)
      await (await workers[1]!.store(got.body)).ledger.setState(got.key, 'delivered')
    }
    expect(again.sort()).toEqual([...abandoned].sort())
    for (const body of bodies) {
      const records = await (await setup.store(body)).ledger.list()
      expect(records.filter((r) => r.state !== 'delivered')).toEqual([])
    }
  })

  it('four schedulers on one body run each tick once across all of them', async () => {
    const clocks = [1, 2, 3, 4].map(() => manualClock(new Date('2026-11-30T00:59:30Z')))
    const ran: { owner: string; job: string }[] = []
    const schedulers = await Promise.all(
      clocks.map(async (clock, i) => {
        const db = await connect(() => clock.now(), 2)
        const store = await db.store('00SCHED01')
        return createScheduler({
          schedules: [{ id: 'push', task: 't', cron: '* * * * *' }],
          timezone: 'Asia/Shanghai',
          jobs: store.jobs,
          owner: `daemon-${i + 1}`,
          clock,
          tasks: {
            t: async ({ job }) => {
              ran.push({ owner: `daemon-${i + 1}`, job: job.id })
              return { summary: 'ok' }
            },
          },
        })
      }),
    )
    for (let minute = 0; minute < 10; minute++) {
      for (const c of clocks) c.advance(60_000)
      await Promise.all(schedulers.map((s) => s.tick()))
    }
    const ids = ran.map((r) => r.job)
    expect(ids).toHaveLength(10)
    expect(new Set(ids).size).toBe(10)
    expect(ids.sort()[0]).toBe('push@2026-11-30T01:00:00.000Z')
  })
})
