import { describe, expect, it } from 'vitest'
import { createMemoryKv, createMemoryLedger } from '../src/store/memory.js'

describe('memory ledger', () => {
  const key = { publication: 'p1', revision: 'r1', channel: 'wechat' }

  it('opens once, claims exclusively, keeps the first value of a step, and stays delivered', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z')
    const ledger = createMemoryLedger(() => new Date(t))
    expect(await ledger.get(key)).toBeUndefined()
    expect(await ledger.open(key)).toMatchObject({ state: 'pending', attempts: 0, steps: {} })
    expect((await ledger.open(key)).createdAt).toBe('2026-01-01T00:00:00.000Z')
    expect(await ledger.claim(key, 'a', 1000)).toBe(true)
    expect(await ledger.claim(key, 'b', 1000)).toBe(false)
    expect(await ledger.get(key)).toMatchObject({ state: 'running', attempts: 1 })
    expect(await ledger.recordStep(key, 'draft_media_id', 'm1')).toBe('m1')
    expect(await ledger.recordStep(key, 'draft_media_id', 'm2')).toBe('m1')
    t += 2000 // the claim of `a` has expired
    expect(await ledger.claim(key, 'b', 1000)).toBe(true)
    expect((await ledger.get(key))?.attempts).toBe(2)
    await ledger.setState(key, 'delivered', { url: 'https://mp.weixin.qq.com/s/x' })
    expect(await ledger.get(key)).toMatchObject({ state: 'delivered', url: 'https://mp.weixin.qq.com/s/x', steps: { draft_media_id: 'm1' } })
    expect(await ledger.claim(key, 'c', 1000)).toBe(false)
  })

  it('release gives a claim back; list filters; latest picks the newest revision', async () => {
    const ledger = createMemoryLedger()
    await ledger.open(key)
    expect(await ledger.claim(key, 'a', 60_000)).toBe(true)
    await ledger.release(key, 'someone-else')
    expect((await ledger.get(key))?.state).toBe('running')
    await ledger.release(key, 'a')
    expect((await ledger.get(key))?.state).toBe('pending')
    const newer = { ...key, revision: 'r2' }
    await ledger.open(newer)
    await ledger.open({ ...key, channel: 'website' })
    await ledger.setState(newer, 'failed', { error: { code: 'x', message: '失败' } })
    expect((await ledger.list({ channel: 'wechat' })).map((r) => r.revision).sort()).toEqual(['r1', 'r2'])
    expect((await ledger.list({ state: 'failed' })).map((r) => r.revision)).toEqual(['r2'])
    expect((await ledger.latest('p1', 'wechat'))?.revision).toBe('r2')
  })

  it('kv values expire', async () => {
    let t = 1000
    const kv = createMemoryKv(() => new Date(t))
    await kv.set('token', 'abc', 2000)
    expect(await kv.get('token')).toBe('abc')
    t = 2000
    expect(await kv.get('token')).toBeUndefined()
  })
})
