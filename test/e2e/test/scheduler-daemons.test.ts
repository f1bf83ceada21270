/**
 * The scheduler daemon as operators run it: two daemons started together on one project (one
 * store) run each job once and push nothing twice; SIGTERM lets the daemon finish the step in
 * flight, record it and exit 0.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { publicationIds, startWechatServer, titleOf, writeSchedulerProject } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NOW } from '../support/now.js'
import type { Daemon, SlowProxy } from '../fixtures/scheduler/daemon.js'
import { startDaemon, startSlowProxy, until } from '../fixtures/scheduler/daemon.js'

const SECRET = 'scheduler-daemons-secret'
const ENV = { GK_E2E_WECHAT_SECRET: SECRET }
const FAST = ['    pollIntervalMs: 20', '    maxPolls: 200', '    retry: { attempts: 5, baseMs: 20, maxMs: 200 }']

let server: WechatServer
let proxy: SlowProxy
const daemons: Daemon[] = []
let onHold: ((path: string) => void) | undefined

beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1, publishingMs: 150 })
  proxy = await startSlowProxy(server.url, { 'freepublish/submit': 300 }, (path) => onHold?.(path))
})

afterEach(() => {
  for (const d of daemons.splice(0)) if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGKILL')
  onHold = undefined
})

afterAll(async () => {
  await proxy?.close()
  await server?.close()
})

function project(name: string, count: number, extra: readonly string[] = [], schedules?: readonly string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), `gongkai-sched-${name}-`)), 'bureau')
  writeSchedulerProject(dir, { apiBase: proxy.url, appId: server.appId, secretEnv: 'GK_E2E_WECHAT_SECRET', count, wechatExtra: [...FAST, ...extra], ...(schedules === undefined ? {} : { schedules }) })
  return dir
}

function spawnTracked(dir: string): Daemon {
  const d = startDaemon(dir, ENV)
  daemons.push(d)
  return d
}

/** Publications of this project (by title prefix range) as counted on the server. */
function perTitle(count: number, counts: Record<string, number>): number[] {
  return Array.from({ length: count }, (_, i) => counts[titleOf(i + 1)] ?? 0)
}

describe('gongkai schedule', () => {
  it('SIGTERM: finishes the publish in flight, records it and exits 0', async () => {
    const count = 40
    const dir = project('term', count)
    const daemon = spawnTracked(dir)
    const before = { drafts: server.stats.drafts, submits: server.stats.submits }
    // SIGTERM while the platform holds the answer of a submit: the daemon must wait for it.
    const termed = new Promise<void>((done) => {
      onHold = (path) => {
        if (path === 'freepublish/submit' && server.stats.submits - before.submits >= 5) {
          onHold = undefined
          daemon.child.kill('SIGTERM')
          done()
        }
      }
    })
    await termed
    const exit = await daemon.exited
    expect(exit, daemon.err()).toEqual({ code: 0, signal: null })
    const submitted = server.stats.submits - before.submits
    expect(submitted).toBeLessThan(count)

    const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
    try {
      const records = await store.ledger.list({ channel: 'wechat' })
      // Every publication submitted to the platform is recorded as delivered: the submit in flight
      // was answered, recorded and polled to its end, not abandoned.
      const delivered = records.filter((r) => r.state === 'delivered')
      expect(delivered).toHaveLength(submitted)
      // Nothing left claimed by the stopped daemon.
      expect(records.filter((r) => r.state === 'running').map((r) => r.publication)).toEqual([])
      // The job is recorded with what it did, and due again: its tick is not finished.
      const jobs = await store.jobs.list({ schedule: 'push' })
      expect(jobs.map((j) => j.state)).toEqual(['due'])
      expect(jobs[0]?.error).toContain(`发布 ${submitted}，失败 0`)
      expect(jobs[0]?.error).toContain('收到停止信号')
    } finally {
      await store.close()
    }
    expect(daemon.lines.at(-1)?.event).toBe('daemon-stop')

    // Started again, it pushes the rest; nothing went out twice.
    const again = spawnTracked(dir)
    await until(() => server.stats.submits - before.submits >= count && server.published().length >= before.submits + count, 'the rest to be pushed')
    again.child.kill('SIGTERM')
    expect((await again.exited).code, again.err()).toBe(0)
    expect(server.stats.drafts - before.drafts).toBe(count)
    expect(server.stats.submits - before.submits).toBe(count)
  })

  it('two daemons on one store run each job once and push nothing twice', async () => {
    const count = 60
    const dir = project('two', count, ['    claimTtlMs: 120000'])
    const before = { drafts: server.stats.drafts, submits: server.stats.submits }
    const drafts0 = { ...server.stats.draftsByTitle }
    const submits0 = { ...server.stats.submitsByTitle }
    const a = spawnTracked(dir)
    const b = spawnTracked(dir)
    const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
    try {
      await until(async () => (await store.ledger.list({ channel: 'wechat', state: 'delivered' })).length >= count, `all ${count} delivered`, 180_000, 200)
      // A few more ticks with nothing left to do, so both daemons compete for the same jobs.
      const doneNow = (await store.jobs.list({ schedule: 'push', state: 'done' })).length
      await until(async () => (await store.jobs.list({ schedule: 'push', state: 'done' })).length >= doneNow + 4, 'four more jobs')
      a.child.kill('SIGTERM')
      b.child.kill('SIGTERM')
      expect((await a.exited).code, a.err()).toBe(0)
      expect((await b.exited).code, b.err()).toBe(0)

      const started = [...a.lines, ...b.lines].filter((l) => l.event === 'job-start').map((l) => l.job ?? '')
      const jobs = await store.jobs.list({ schedule: 'push' })
      // Each job was started once, by one daemon, and is done after one attempt.
      expect(started.length).toBeGreaterThanOrEqual(4)
      expect(new Set(started).size).toBe(started.length)
      expect(
        jobs
          .filter((j) => j.state === 'done')
          .map((j) => j.id)
          .sort(),
      ).toEqual([...started].sort())
      for (const j of jobs) expect(j.attempts, j.id).toBeLessThanOrEqual(1)
      const byA = new Set(a.lines.filter((l) => l.event === 'job-start').map((l) => l.job))
      // Both took part: while one pushed, the other ran the next ticks' jobs.
      expect(byA.size).toBeGreaterThan(0)
      expect(started.length - byA.size).toBeGreaterThan(0)
      expect(b.lines.filter((l) => l.event === 'job-start' && byA.has(l.job)).map((l) => l.job)).toEqual([])

      const records = await store.ledger.list({ channel: 'wechat' })
      expect(
        records
          .filter((r) => r.state === 'delivered')
          .map((r) => r.publication)
          .sort(),
      ).toEqual(publicationIds(count))
    } finally {
      await store.close()
    }
    const diff = (now: Record<string, number>, then: Record<string, number>) => perTitle(count, now).map((n, i) => n - (perTitle(count, then)[i] ?? 0))
    expect(diff(server.stats.draftsByTitle, drafts0)).toEqual(Array(count).fill(1))
    expect(diff(server.stats.submitsByTitle, submits0)).toEqual(Array(count).fill(1))
    expect(server.stats.drafts - before.drafts).toBe(count)
    expect(server.stats.submits - before.submits).toBe(count)
  })

  it('after three and a half days down, runs a missed daily schedule once', async () => {
    const dir = project('catchup', 3, [], ['  - id: push', '    task: wechat', '    cron: "0 9 * * *"'])
    const now = Date.parse(NOW)
    // The last run the store knows of: three and a half days ago.
    const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
    const lastRun = new Date(now - 3.5 * 86_400_000)
    try {
      await store.jobs.enqueue({ schedule: 'push', runAt: lastRun.toISOString() })
      const job = await store.jobs.claim('before-downtime', lastRun, 60_000)
      expect(job?.schedule).toBe('push')
      await store.jobs.complete(job?.id ?? '', 'before-downtime', '发布 0')
    } finally {
      await store.close()
    }
    // 09:00 in Asia/Shanghai is 01:00 UTC: the newest tick the daemon missed.
    const today = new Date(now)
    let newest = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 1)
    if (newest > now) newest -= 86_400_000
    const before = server.stats.submits
    const daemon = spawnTracked(dir)
    await until(() => daemon.lines.some((l) => l.event === 'job-done'), 'the catch-up run')
    daemon.child.kill('SIGTERM')
    expect((await daemon.exited).code, daemon.err()).toBe(0)
    const catchUp = daemon.lines.filter((l) => l.event === 'catch-up')
    expect(catchUp).toHaveLength(1)
    expect(catchUp[0]?.message).toMatch(/^push：停机期间错过 [34] 次，补运行一次$/)
    expect(daemon.lines.filter((l) => l.event === 'job-start').map((l) => l.job)).toEqual([`push@${new Date(newest).toISOString()}`])
    expect(daemon.lines.find((l) => l.event === 'job-done')?.message).toBe('push：发布 3，失败 0，待下次 0，已发布跳过 0')
    expect(server.stats.submits - before).toBe(3)
  })
})
