/**
 * The store contract: one behavioural suite that every `Store` must pass unchanged (the in-memory reference,
 * SQLite, PostgreSQL), and a random run that compares a store with the memory reference operation by operation.
 * The interfaces' JSDoc in `@gongkai/core` (`store.ts`) is the specification; this is its executable form.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { DeliveryKey, Store } from '@gongkai/core'
import { createClock, memoryKind } from './kinds.js'
import type { Clock, StoreKind } from './kinds.js'

const key: DeliveryKey = { publication: 'hb-2026-001', revision: 'sha256:aaa', channel: 'wechat' }

/** Declares the behavioural suite for one store kind (call it at the top level of a test file). */
export function describeStoreContract(kind: StoreKind): void {
  describe(kind.name, () => {
    let store: Store | undefined
    let clock: Clock
    const open = async (): Promise<Store> => {
      clock = createClock()
      store = await kind.open(clock)
      return store
    }
    afterEach(async () => {
      await store?.close()
      store = undefined
      await kind.cleanup()
    })

    describe('ledger', () => {
      it('opens a record once, as pending, stamped by the clock', async () => {
        const { ledger } = await open()
        expect(await ledger.get(key)).toBeUndefined()
        const first = await ledger.open(key)
        expect(first).toEqual({ ...key, state: 'pending', attempts: 0, steps: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' })
        clock.t += 5000
        expect(await ledger.open(key)).toEqual(first)
        expect(await ledger.get(key)).toEqual(first)
      })

      it('renews a claim only for its holder (the heartbeat), and takes over a live claim whose holder is said dead', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        expect(await ledger.claim(key, 'a', 1000)).toBe(true)
        clock.t += 900
        expect(await ledger.renew(key, 'a', 1000)).toBe(true)
        expect(await ledger.renew(key, 'b', 1000)).toBe(false)
        clock.t += 900 // past the first lease, inside the renewed one
        expect(await ledger.claim(key, 'b', 1000)).toBe(false)
        const asked: string[] = []
        expect(await ledger.claim(key, 'b', 1000, { takeOver: (h) => (asked.push(h), false) })).toBe(false)
        expect(await ledger.claim(key, 'b', 1000, { takeOver: (h) => h === 'a' })).toBe(true)
        expect(asked).toEqual(['a'])
        expect(await ledger.renew(key, 'a', 1000)).toBe(false)
        expect(await ledger.get(key)).toMatchObject({ state: 'running', attempts: 2 })
        await ledger.setState(key, 'unknown', { error: { code: 'wechat/needs-check', message: '需核实' } })
        expect((await ledger.list({ state: 'unknown' })).map((r) => r.publication)).toEqual([key.publication])
        expect(await ledger.claim(key, 'c', 1000)).toBe(true)
      })

      it('claims exclusively while the claim lives, and lets the same holder claim again', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        expect(await ledger.claim(key, 'a', 1000)).toBe(true)
        expect(await ledger.get(key)).toMatchObject({ state: 'running', attempts: 1 })
        expect(await ledger.claim(key, 'b', 1000)).toBe(false)
        expect((await ledger.get(key))?.attempts).toBe(1)
        expect(await ledger.claim(key, 'a', 1000)).toBe(true)
        expect((await ledger.get(key))?.attempts).toBe(2)
        clock.t += 999
        expect(await ledger.claim(key, 'b', 1000)).toBe(false)
        clock.t += 1 // the claim of `a` ends exactly now
        expect(await ledger.claim(key, 'b', 1000)).toBe(true)
        expect(await ledger.get(key)).toMatchObject({ state: 'running', attempts: 3, updatedAt: '2026-01-01T00:00:01.000Z' })
      })

      it('never claims a delivered or withdrawn record, but claims a failed one again', async () => {
        const { ledger } = await open()
        const withdrawn = { ...key, channel: 'website' }
        const failed = { ...key, channel: 'kiosk' }
        for (const k of [key, withdrawn, failed]) await ledger.open(k)
        await ledger.setState(key, 'delivered')
        await ledger.setState(withdrawn, 'withdrawn')
        await ledger.setState(failed, 'failed', { error: { code: 'wechat/45009', message: '接口调用超过限额' } })
        expect(await ledger.claim(key, 'a', 1000)).toBe(false)
        expect(await ledger.claim(withdrawn, 'a', 1000)).toBe(false)
        expect(await ledger.claim(failed, 'a', 1000)).toBe(true)
        expect(await ledger.get(failed)).toMatchObject({ state: 'running', attempts: 1, error: { code: 'wechat/45009', message: '接口调用超过限额' } })
        expect((await ledger.get(key))?.attempts).toBe(0)
      })

      it('rejects changes to a key that was never opened, in Chinese', async () => {
        const { ledger } = await open()
        await expect(ledger.claim(key, 'a', 1000)).rejects.toThrow('台账中没有这条投递记录：hb-2026-001/wechat/sha256:aaa')
        await expect(ledger.recordStep(key, 'draft_media_id', 'm1')).rejects.toThrow('台账中没有这条投递记录')
        await expect(ledger.setState(key, 'delivered')).rejects.toThrow('台账中没有这条投递记录')
        await expect(ledger.release(key, 'a')).rejects.toThrow('台账中没有这条投递记录')
        expect(await ledger.list()).toEqual([])
      })

      it('release gives the claim back only for its holder', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        await ledger.claim(key, 'a', 60_000)
        const before = await ledger.get(key)
        clock.t += 10
        await ledger.release(key, 'someone-else')
        expect(await ledger.get(key)).toEqual(before)
        expect(await ledger.claim(key, 'b', 1000)).toBe(false)
        await ledger.release(key, 'a')
        expect(await ledger.get(key)).toMatchObject({ state: 'pending', attempts: 1, updatedAt: '2026-01-01T00:00:00.010Z' })
        expect(await ledger.claim(key, 'b', 1000)).toBe(true)
        // A final state clears the claim, so a later release by the old holder changes nothing.
        await ledger.setState(key, 'failed', { error: { code: 'x', message: '失败' } })
        const failed = await ledger.get(key)
        await ledger.release(key, 'b')
        expect(await ledger.get(key)).toEqual(failed)
      })

      it('keeps the first value of a step, in order of recording', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        expect(await ledger.recordStep(key, 'cover_media_id', 'c1')).toBe('c1')
        clock.t += 1
        expect(await ledger.recordStep(key, 'draft_media_id', 'd1')).toBe('d1')
        const after = await ledger.get(key)
        clock.t += 1
        expect(await ledger.recordStep(key, 'draft_media_id', 'd2')).toBe('d1')
        expect(await ledger.recordStep(key, 'cover_media_id', 'c2')).toBe('c1')
        expect(await ledger.get(key)).toEqual(after) // a repeated step does not touch the record
        expect(await ledger.recordStep(key, 'publish_id', 'p1')).toBe('p1')
        const steps = (await ledger.get(key))?.steps ?? {}
        expect(Object.entries(steps)).toEqual([
          ['cover_media_id', 'c1'],
          ['draft_media_id', 'd1'],
          ['publish_id', 'p1'],
        ])
      })

      it('sets states with url and error; delivered clears the error and stamps deliveredAt', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        await ledger.claim(key, 'a', 60_000)
        clock.t += 100
        await ledger.setState(key, 'running', { url: 'https://mp.weixin.qq.com/s/draft' })
        // `running` is not final: the claim stays.
        expect(await ledger.claim(key, 'b', 1000)).toBe(false)
        await ledger.setState(key, 'failed', { error: { code: 'wechat/timeout', message: '发布超时' } })
        expect(await ledger.get(key)).toMatchObject({ state: 'failed', url: 'https://mp.weixin.qq.com/s/draft', error: { code: 'wechat/timeout' } })
        expect(await ledger.claim(key, 'b', 1000)).toBe(true)
        clock.t += 100
        await ledger.setState(key, 'delivered', { url: 'https://mp.weixin.qq.com/s/final' })
        const r = await ledger.get(key)
        expect(r).toEqual({
          ...key,
          state: 'delivered',
          attempts: 2,
          steps: {},
          url: 'https://mp.weixin.qq.com/s/final',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.200Z',
          deliveredAt: '2026-01-01T00:00:00.200Z',
        })
        // An error given with `delivered` is kept (e.g. a warning code).
        await ledger.setState(key, 'delivered', { error: { code: 'wechat/partial', message: '封面未更新' } })
        expect((await ledger.get(key))?.error).toEqual({ code: 'wechat/partial', message: '封面未更新' })
        // Withdrawing keeps the last deliveredAt as history.
        await ledger.setState(key, 'withdrawn')
        expect(await ledger.get(key)).toMatchObject({ state: 'withdrawn', deliveredAt: '2026-01-01T00:00:00.201Z', updatedAt: '2026-01-01T00:00:00.202Z' })
      })

      it('records the release a delivery shipped; a later state without one keeps it, a later delivery replaces it', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        await ledger.setState(key, 'delivered', { url: 'https://gk.example.gov.cn/p/hb-2026-001.html', release: { id: '0123456789abcdef', manifestHash: 'a'.repeat(64) } })
        expect(await ledger.get(key)).toMatchObject({ state: 'delivered', release: { id: '0123456789abcdef', manifestHash: 'a'.repeat(64) } })
        await ledger.setState(key, 'withdrawn')
        expect((await ledger.get(key))?.release).toEqual({ id: '0123456789abcdef', manifestHash: 'a'.repeat(64) })
        await ledger.setState(key, 'delivered', { release: { id: 'fedcba9876543210', manifestHash: 'b'.repeat(64) } })
        const [listed] = await ledger.list({ channel: key.channel })
        expect(listed?.release).toEqual({ id: 'fedcba9876543210', manifestHash: 'b'.repeat(64) })
        expect((await ledger.latest(key.publication, key.channel))?.release?.id).toBe('fedcba9876543210')
        const other = { ...key, publication: 'hb-2026-002' }
        await ledger.open(other)
        await ledger.setState(other, 'delivered')
        expect(await ledger.get(other)).not.toHaveProperty('release')
      })

      it('has one identity for its life, and another store has another', async () => {
        const { ledger } = await open()
        const id = await ledger.identity()
        expect(id).toMatch(/^[0-9a-f-]{32,36}$/)
        await ledger.open(key)
        expect(await ledger.identity()).toBe(id)
        const second = await kind.open(createClock())
        try {
          expect(await second.ledger.identity()).not.toBe(id)
        } finally {
          await second.close()
        }
      })

      it('stamps strictly increasing times when the clock stands still, so latest is well defined', async () => {
        const { ledger } = await open()
        const r1 = key
        const r2 = { ...key, revision: 'sha256:bbb' }
        await ledger.open(r1)
        await ledger.open(r2)
        expect((await ledger.latest(key.publication, key.channel))?.revision).toBe('sha256:bbb')
        await ledger.recordStep(r1, 'draft_media_id', 'd')
        expect(await ledger.latest(key.publication, key.channel)).toMatchObject({ revision: 'sha256:aaa', updatedAt: '2026-01-01T00:00:00.002Z' })
        expect(await ledger.latest(key.publication, 'website')).toBeUndefined()
        expect(await ledger.latest('other', key.channel)).toBeUndefined()
      })

      it('lists in order of opening, by channel, publication and state', async () => {
        const { ledger } = await open()
        const keys = [
          { publication: 'p1', revision: 'r1', channel: 'wechat' },
          { publication: 'p1', revision: 'r1', channel: 'website' },
          { publication: 'p2', revision: 'r1', channel: 'wechat' },
          { publication: 'p1', revision: 'r2', channel: 'wechat' },
        ]
        for (const k of keys) await ledger.open(k)
        await ledger.recordStep(keys[2]!, 'publish_id', 'x')
        await ledger.setState(keys[2]!, 'failed', { error: { code: 'e', message: '错' } })
        await ledger.setState(keys[1]!, 'delivered')
        const ids = (rs: { publication: string; revision: string; channel: string }[]) => rs.map((r) => `${r.publication}/${r.revision}/${r.channel}`)
        expect(ids(await ledger.list())).toEqual(['p1/r1/wechat', 'p1/r1/website', 'p2/r1/wechat', 'p1/r2/wechat'])
        expect(ids(await ledger.list({ channel: 'wechat' }))).toEqual(['p1/r1/wechat', 'p2/r1/wechat', 'p1/r2/wechat'])
        expect(ids(await ledger.list({ publication: 'p1', channel: 'wechat' }))).toEqual(['p1/r1/wechat', 'p1/r2/wechat'])
        expect(ids(await ledger.list({ state: 'pending' }))).toEqual(['p1/r1/wechat', 'p1/r2/wechat'])
        const [failed] = await ledger.list({ state: 'failed' })
        expect(failed).toMatchObject({ publication: 'p2', steps: { publish_id: 'x' }, error: { code: 'e', message: '错' } })
        expect(await ledger.list({ channel: 'kiosk' })).toEqual([])
      })

      it('hands out copies: changing a returned record changes nothing stored', async () => {
        const { ledger } = await open()
        await ledger.open(key)
        await ledger.recordStep(key, 'a', '1')
        const r = await ledger.get(key)
        ;(r?.steps as Record<string, string>)['a'] = 'changed'
        expect((await ledger.get(key))?.steps).toEqual({ a: '1' })
      })
    })

    describe('key-value store', () => {
      it('sets, overwrites, expires and deletes values', async () => {
        const { kv } = await open()
        expect(await kv.get('wechat:token')).toBeUndefined()
        await kv.set('wechat:token', 'abc', clock.t + 1000)
        await kv.set('forever', '永久')
        expect(await kv.get('wechat:token')).toBe('abc')
        await kv.set('wechat:token', 'def', clock.t + 2000)
        clock.t += 1999
        expect(await kv.get('wechat:token')).toBe('def')
        clock.t += 1
        expect(await kv.get('wechat:token')).toBeUndefined()
        expect(await kv.get('forever')).toBe('永久')
        await kv.delete('forever')
        await kv.delete('never-set')
        expect(await kv.get('forever')).toBeUndefined()
        await kv.set('wechat:token', 'ghi')
        expect(await kv.get('wechat:token')).toBe('ghi')
      })
    })

    describe('audit log', () => {
      it('appends who did what with the store clock, lists newest first, filters by actor and subject', async () => {
        const { audit } = await open()
        expect(await audit.list()).toEqual([])
        const first = await audit.record({ actor: 'chen', action: 'sign-in', outcome: 'ok' })
        clock.t += 60_000
        await audit.record({ actor: 'wang', action: 'review', subject: '2026-x-001', detail: '没有“审核”角色', outcome: 'refused' })
        clock.t += 60_000
        const last = await audit.record({ actor: 'zhao', action: 'review', subject: '2026-x-001', detail: '通过复审', outcome: 'ok' })
        expect(first).toEqual({ id: first.id, at: '2026-01-01T00:00:00.000Z', actor: 'chen', action: 'sign-in', outcome: 'ok' })
        expect(last).toEqual({ id: last.id, at: '2026-01-01T00:02:00.000Z', actor: 'zhao', action: 'review', subject: '2026-x-001', detail: '通过复审', outcome: 'ok' })
        expect(last.id).toBeGreaterThan(first.id)
        expect((await audit.list()).map((r) => r.actor)).toEqual(['zhao', 'wang', 'chen'])
        expect((await audit.list({ subject: '2026-x-001', actor: 'wang' })).map((r) => r.detail)).toEqual(['没有“审核”角色'])
        expect((await audit.list({ subject: '2026-x-001' })).map((r) => r.actor)).toEqual(['zhao', 'wang'])
        expect((await audit.list({ limit: 1 })).map((r) => r.actor)).toEqual(['zhao'])
        expect((await audit.list({ actor: 'chen' }))[0]).not.toHaveProperty('subject')
      })
    })

    describe('jobs', () => {
      const T = (s: string) => new Date(`2026-01-01T${s}Z`)

      it('queues a tick once and claims the oldest due job', async () => {
        const { jobs } = await open()
        expect(await jobs.enqueue({ schedule: 'daily', runAt: '2026-01-01T09:00:00.000Z' })).toBe(true)
        expect(await jobs.enqueue({ schedule: 'daily', runAt: '2026-01-01T09:00:00.000Z' })).toBe(false)
        expect(await jobs.enqueue({ schedule: 'hourly', runAt: '2026-01-01T08:00:00.000Z' })).toBe(true)
        expect(await jobs.enqueue({ schedule: 'later', runAt: '2026-01-01T12:00:00.000Z' })).toBe(true)
        expect(await jobs.claim('w1', T('07:59:59.999'), 1000)).toBeUndefined()
        const a = await jobs.claim('w1', T('10:00:00.000'), 60_000)
        expect(a).toMatchObject({
          id: 'hourly@2026-01-01T08:00:00.000Z',
          schedule: 'hourly',
          runAt: '2026-01-01T08:00:00.000Z',
          state: 'running',
          attempts: 1,
          nextAttemptAt: '2026-01-01T08:00:00.000Z',
          leaseOwner: 'w1',
          leaseUntil: T('10:01:00.000').getTime(),
          updatedAt: '2026-01-01T10:00:00.000Z',
        })
        const b = await jobs.claim('w2', T('10:00:00.000'), 60_000)
        expect(b?.id).toBe('daily@2026-01-01T09:00:00.000Z')
        expect(await jobs.claim('w3', T('10:00:00.000'), 60_000)).toBeUndefined()
        expect((await jobs.list({ state: 'due' })).map((j) => j.id)).toEqual(['later@2026-01-01T12:00:00.000Z'])
        expect((await jobs.list()).map((j) => j.id)).toEqual(['daily@2026-01-01T09:00:00.000Z', 'hourly@2026-01-01T08:00:00.000Z', 'later@2026-01-01T12:00:00.000Z'])
      })

      it('takes a job whose lease expired; the old owner loses its heartbeat and cannot complete', async () => {
        const { jobs } = await open()
        await jobs.enqueue({ schedule: 's', runAt: '2026-01-01T00:00:00.000Z' })
        const id = 's@2026-01-01T00:00:00.000Z'
        await jobs.claim('w1', T('00:00:00.000'), 1000)
        expect(await jobs.heartbeat(id, 'w1', T('00:00:00.500'), 1000)).toBe(true) // lease now ends at 00:00:01.500
        expect(await jobs.heartbeat(id, 'w2', T('00:00:00.500'), 1000)).toBe(false)
        expect(await jobs.claim('w2', T('00:00:01.499'), 1000)).toBeUndefined()
        const j = await jobs.claim('w2', T('00:00:01.500'), 1000)
        expect(j).toMatchObject({ id, leaseOwner: 'w2', attempts: 2 })
        expect(await jobs.heartbeat(id, 'w1', T('00:00:01.600'), 1000)).toBe(false)
        await jobs.complete(id, 'w1', '{"stale":true}')
        expect((await jobs.list())[0]).toMatchObject({ state: 'running', leaseOwner: 'w2' })
        await jobs.complete(id, 'w2', '{"published":3}')
        const done = (await jobs.list())[0]
        expect(done).toMatchObject({ state: 'done', result: '{"published":3}', attempts: 2 })
        expect(done?.leaseOwner).toBeUndefined()
        expect(done?.leaseUntil).toBeUndefined()
        expect(await jobs.heartbeat(id, 'w2', T('00:00:02.000'), 1000)).toBe(false)
        expect(await jobs.claim('w3', T('23:00:00.000'), 1000)).toBeUndefined()
      })

      it('fails with a retry time (due again then) or for good', async () => {
        const { jobs } = await open()
        await jobs.enqueue({ schedule: 's', runAt: '2026-01-01T00:00:00.000Z' })
        const id = 's@2026-01-01T00:00:00.000Z'
        await jobs.claim('w1', T('00:00:00.000'), 60_000)
        await jobs.fail(id, 'w2', '不是我的')
        expect((await jobs.list())[0]?.error).toBeUndefined()
        await jobs.fail(id, 'w1', '网络超时', T('00:05:00.000'))
        expect((await jobs.list())[0]).toMatchObject({ state: 'due', error: '网络超时', nextAttemptAt: '2026-01-01T00:05:00.000Z', attempts: 1 })
        expect(await jobs.claim('w1', T('00:04:59.999'), 60_000)).toBeUndefined()
        expect(await jobs.claim('w1', T('00:05:00.000'), 60_000)).toMatchObject({ attempts: 2, error: '网络超时' })
        await jobs.fail(id, 'w1', '配额用尽')
        const j = (await jobs.list({ state: 'failed' }))[0]
        expect(j).toMatchObject({ state: 'failed', error: '配额用尽', nextAttemptAt: '2026-01-01T00:05:00.000Z' })
        expect(j?.leaseOwner).toBeUndefined()
        expect(await jobs.claim('w1', T('23:00:00.000'), 60_000)).toBeUndefined()
      })

      it('finds the last job of a schedule by runAt and lists by schedule and state', async () => {
        const { jobs } = await open()
        expect(await jobs.last('daily')).toBeUndefined()
        for (const d of ['03', '01', '02']) await jobs.enqueue({ schedule: 'daily', runAt: `2026-01-${d}T01:00:00.000Z` })
        await jobs.enqueue({ schedule: 'weekly', runAt: '2026-02-01T01:00:00.000Z' })
        expect((await jobs.last('daily'))?.runAt).toBe('2026-01-03T01:00:00.000Z')
        expect((await jobs.list({ schedule: 'daily' })).map((j) => j.runAt)).toEqual(['2026-01-03T01:00:00.000Z', '2026-01-01T01:00:00.000Z', '2026-01-02T01:00:00.000Z'])
        await jobs.claim('w', T('02:00:00.000'), 1000)
        expect((await jobs.list({ schedule: 'daily', state: 'running' })).map((j) => j.runAt)).toEqual(['2026-01-01T01:00:00.000Z'])
        expect(await jobs.list({ schedule: 'monthly' })).toEqual([])
      })

      it('holds a named lock for one owner until it expires or is released', async () => {
        const { jobs } = await open()
        expect(await jobs.acquireLock('daemon', 'a', T('00:00:00.000'), 1000)).toBe(true)
        expect(await jobs.acquireLock('daemon', 'b', T('00:00:00.999'), 1000)).toBe(false)
        expect(await jobs.acquireLock('daemon', 'a', T('00:00:00.999'), 1000)).toBe(true) // renewed to 00:00:01.999
        expect(await jobs.acquireLock('daemon', 'b', T('00:00:01.500'), 1000)).toBe(false)
        expect(await jobs.acquireLock('other', 'b', T('00:00:01.500'), 1000)).toBe(true)
        expect(await jobs.acquireLock('daemon', 'b', T('00:00:01.999'), 1000)).toBe(true)
        await jobs.releaseLock('daemon', 'a')
        expect(await jobs.acquireLock('daemon', 'a', T('00:00:02.000'), 1000)).toBe(false)
        await jobs.releaseLock('daemon', 'b')
        expect(await jobs.acquireLock('daemon', 'a', T('00:00:02.000'), 1000)).toBe(true)
      })
    })
  })
}

/** Declares a random run of `operations` calls, each answered by `kind` and by the memory reference alike. */
export function describeRandomRun(kind: StoreKind, operations = 3000): void {
  describe(`${kind.name} answers like the memory reference on a random run`, () => {
    afterEach(async () => kind.cleanup())

    it(`gives the same result for each of ${operations} random operations`, async () => {
      const mClock = createClock()
      const sClock = createClock()
      const m = await memoryKind.open(mClock)
      const s = await kind.open(sClock)
      let seed = 20260101
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed % n
      }
      const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T
      const keys = ['p1', 'p2', 'p3'].flatMap((publication) => ['r1', 'r2'].flatMap((revision) => ['wechat', 'website'].map((channel) => ({ publication, revision, channel }))))
      const states = ['pending', 'running', 'delivered', 'failed', 'withdrawn'] as const
      const holders = ['a', 'b', 'c']
      // Job `updatedAt` of enqueue/complete/fail comes from the system clock in the memory store, so it is left out.
      const strip = (v: unknown): unknown =>
        v === null || typeof v !== 'object'
          ? v
          : Array.isArray(v)
            ? v.map(strip)
            : Object.fromEntries(
                Object.entries(v)
                  .filter(([k, x]) => !(k === 'updatedAt' && typeof (v as { schedule?: unknown }).schedule === 'string') && x !== undefined)
                  .map(([k, x]) => [k, strip(x)]),
              )
      const settle = async (p: Promise<unknown>) => {
        try {
          return { ok: strip(await p) }
        } catch (e) {
          return { error: (e as Error).message }
        }
      }
      const ops: ((st: Store, t: number) => Promise<unknown>)[] = [
        (st) => st.ledger.open(pick(keys)),
        (st) => st.ledger.get(pick(keys)),
        (st) => st.ledger.claim(pick(keys), pick(holders), pick([0, 500, 5000])),
        (st) => st.ledger.release(pick(keys), pick(holders)),
        (st) => st.ledger.recordStep(pick(keys), pick(['cover', 'draft', 'publish']), String(rand(100))),
        (st) =>
          st.ledger.setState(
            pick(keys),
            pick(states),
            pick([{}, { url: `https://x/${rand(9)}` }, { error: { code: 'e', message: `错误${rand(9)}` } }, { release: { id: `r${rand(9)}`, manifestHash: `h${rand(9)}` } }]),
          ),
        (st) => st.ledger.list(pick([{}, { channel: 'wechat' }, { state: pick(states) }, { publication: 'p2', state: 'pending' }])),
        (st) => st.ledger.latest(pick(['p1', 'p2', 'p3']), pick(['wechat', 'website'])),
        (st) => st.kv.set(pick(['k1', 'k2']), String(rand(100)), pick([undefined, Date.parse('2026-01-01T00:00:00Z') + rand(20_000)])),
        (st) => st.kv.get(pick(['k1', 'k2'])),
        (st) => st.kv.delete(pick(['k1', 'k2'])),
        (st) => st.jobs.enqueue({ schedule: pick(['s1', 's2']), runAt: new Date(Date.parse('2026-01-01T00:00:00Z') + rand(10) * 1000).toISOString() }),
        (st, t) => st.jobs.claim(pick(holders), new Date(t), pick([500, 5000])),
        (st, t) => st.jobs.heartbeat(`s1@${new Date(Date.parse('2026-01-01T00:00:00Z') + rand(10) * 1000).toISOString()}`, pick(holders), new Date(t), 1000),
        (st) => st.jobs.list({ schedule: 's1' }).then(async (js) => (js.length === 0 ? undefined : st.jobs.complete(pick(js).id, pick(holders), 'ok'))),
        (st, t) => st.jobs.list().then(async (js) => (js.length === 0 ? undefined : st.jobs.fail(pick(js).id, pick(holders), '失败', pick([undefined, new Date(t + 3000)])))),
        (st) => st.jobs.last(pick(['s1', 's2'])),
        (st) => st.jobs.list(pick([{}, { state: 'due' as const }, { schedule: 's2', state: 'running' as const }])),
        (st, t) => st.jobs.acquireLock(pick(['l1', 'l2']), pick(holders), new Date(t), pick([500, 5000])),
        (st) => st.jobs.releaseLock(pick(['l1', 'l2']), pick(holders)),
      ]
      try {
        for (let i = 0; i < operations; i++) {
          const advance = pick([0, 0, 1, 100, 700])
          mClock.t += advance
          sClock.t += advance
          const op = pick(ops)
          const saved = seed
          const a = await settle(op(m, mClock.t))
          seed = saved // the same random choices for the second store
          const b = await settle(op(s, sClock.t))
          expect(b, `operation ${i}`).toEqual(a)
        }
        expect(strip(await s.ledger.list())).toEqual(strip(await m.ledger.list()))
        expect(strip(await s.jobs.list())).toEqual(strip(await m.jobs.list()))
      } finally {
        await m.close()
        await s.close()
      }
    })
  })
}
