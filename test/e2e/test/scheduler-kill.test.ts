/**
 * The scheduler daemon killed with SIGKILL at random points, five times, while it pushes 200
 * publications to the local WeChat platform: nothing is made twice. Every publication ends
 * delivered with exactly one draft and one submit, or 需核实 (ledger state unknown) when a kill
 * fell between recording its submit and sending it: then the platform has no submit of it, and
 * the push, which cannot tell that from a lost answer, rightly never sends it again.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DeliveryRecord } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { publicationIds, seededRandom, startWechatServer, titleOf, writeSchedulerProject } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Daemon, SlowProxy } from '../fixtures/scheduler/daemon.js'
import { startDaemon, startSlowProxy, until } from '../fixtures/scheduler/daemon.js'

const COUNT = 200
const KILLS = 5
const SEED = Number(process.env['GONGKAI_KILL_SEED'] ?? 20261126)
const SECRET = 'scheduler-kill-secret'
const ENV = { GK_E2E_WECHAT_SECRET: SECRET }

let server: WechatServer
let proxy: SlowProxy
let dir: string
let current: Daemon | undefined
// Set by a test to kill the daemon at the moment the proxy holds an answer of that path.
let killOnHold: string | undefined

beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1, publishingMs: 150 })
  // The platform is slow to answer the two calls that create something: a kill can land after the
  // platform did the work and before the daemon recorded it.
  proxy = await startSlowProxy(server.url, { 'draft/add': 40, 'freepublish/submit': 40 }, (path) => {
    if (killOnHold === path && current !== undefined) {
      killOnHold = undefined
      current.child.kill('SIGKILL')
    }
  })
  dir = join(mkdtempSync(join(tmpdir(), 'gongkai-sched-kill-')), 'bureau')
  writeSchedulerProject(dir, {
    apiBase: proxy.url,
    appId: server.appId,
    secretEnv: 'GK_E2E_WECHAT_SECRET',
    count: COUNT,
    // Fast polls; a dead daemon's claim on a publication runs out after 2 s.
    // Polls back off to 200 ms, so a submit that never left is 需核实 within a minute, not after 200 × 5 s.
    wechatExtra: ['    pollIntervalMs: 20', '    pollMaxMs: 200', '    maxPolls: 200', '    claimTtlMs: 2000', '    retry: { attempts: 5, baseMs: 20, maxMs: 200 }'],
  })
})

afterAll(async () => {
  if (current !== undefined && current.child.exitCode === null) current.child.kill('SIGKILL')
  await proxy?.close()
  await server?.close()
})

describe('gongkai schedule killed with SIGKILL', () => {
  it(`pushes ${COUNT} publications exactly once through ${KILLS} kills`, async () => {
    const random = seededRandom(SEED)
    const started = performance.now()
    const kills: string[] = []
    for (let k = 0; k < KILLS; k++) {
      const daemon = startDaemon(dir, ENV)
      current = daemon
      const before = server.stats.submits
      // Let this run make some progress first, a seeded share of what is left.
      const progress = Math.max(1, Math.floor(random() * ((COUNT - before) / (KILLS - k + 1))))
      await until(() => server.stats.submits >= before + progress || daemon.child.exitCode !== null, `${progress} more submits (run ${k + 1})`)
      expect(daemon.child.exitCode, daemon.err()).toBeNull()
      // Kills 1, 3 and 5 land inside a publish (the platform did the work, its answer is held back);
      // kills 2 and 4 after a seeded random delay, wherever the daemon happens to be.
      const held = ['freepublish/submit', 'draft/add', random() < 0.5 ? 'draft/add' : 'freepublish/submit'][k / 2]
      const mode = k % 2 === 0 && held !== undefined ? held : `${Math.round(random() * 300)} ms`
      if (mode.endsWith('ms')) {
        await new Promise((r) => setTimeout(r, Number.parseInt(mode, 10)))
        daemon.child.kill('SIGKILL')
      } else {
        killOnHold = mode
      }
      const exit = await daemon.exited
      killOnHold = undefined
      expect(exit.signal).toBe('SIGKILL')
      kills.push(`${mode} after ${server.stats.submits} submits`)
    }
    // The last run: until the ledger says everything went out.
    const last = startDaemon(dir, ENV)
    current = last
    let records: DeliveryRecord[]
    const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
    try {
      const settled = async () => (await store.ledger.list({ channel: 'wechat' })).filter((r) => r.state === 'delivered' || (r.state === 'unknown' && r.error?.code === 'wechat/needs-check')).length
      await until(async () => (await settled()) >= COUNT, `all ${COUNT} delivered or 需核实`, 420_000, 250)
      last.child.kill('SIGTERM')
      const exit = await last.exited
      expect(exit.code, last.err()).toBe(0)

      records = await store.ledger.list({ channel: 'wechat' })
      expect(records.filter((r) => r.state !== 'delivered' && r.state !== 'unknown').map((r) => `${r.publication}: ${r.state} ${r.error?.code ?? ''}`)).toEqual([])
      expect(new Set(records.map((r) => r.publication))).toEqual(new Set(publicationIds(COUNT)))
      for (const r of records.filter((r) => r.state === 'delivered')) expect(r.url, r.publication).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\//)
    } finally {
      await store.close()
    }
    // On the platform: one draft each; one submit for each delivered one, none for each 需核实; nothing made twice.
    const unknown = new Set(records.filter((r) => r.state === 'unknown').map((r) => r.publication))
    const ids = publicationIds(COUNT)
    for (let i = 1; i <= COUNT; i++) {
      expect(server.stats.draftsByTitle[titleOf(i)], `drafts of ${titleOf(i)}`).toBe(1)
      expect(server.stats.submitsByTitle[titleOf(i)] ?? 0, `submits of ${titleOf(i)}`).toBe(unknown.has(ids[i - 1]!) ? 0 : 1)
    }
    expect(server.stats.drafts).toBe(COUNT)
    expect(server.stats.submits).toBe(COUNT - unknown.size)
    expect(server.published()).toHaveLength(COUNT - unknown.size)
    // The kills inside a publish were resolved by looking on the platform, not by calling again.
    expect(server.stats.requests['draft/batchget']).toBeGreaterThan(0)
    expect(server.stats.requests['freepublish/batchget']).toBeGreaterThan(0)
    console.info(`[scheduler-kill] seed ${SEED}: ${KILLS} kills (${kills.join('; ')}), ${unknown.size} 需核实, ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }, 600_000)
})
