/**
 * Four worker processes share one PostgreSQL ledger and push one body's publications to the local
 * WeChat platform and to a folder target; ten times a random worker is killed with SIGKILL and
 * started again. Every delivery happens once: on the platform one draft per publication, and one
 * submit for each delivered one (none for one left 需核实, when a kill fell between recording its
 * submit and sending it, which the push rightly never sends again); in the folder each file created
 * once; in the ledger every publication settled on both targets.
 * GONGKAI_PG_KILL_COUNT sets the number of publications: 300 in the suite (half a minute to three
 * minutes on this shared 2-core machine, by its load); the 2,000 is run with
 * GONGKAI_PG_KILL_COUNT=2000 (see the store-postgres README for its figures). GONGKAI_KILL_SEED sets
 * the seed.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openPostgresStore } from '@gongkai/store-postgres'
import { ADMIN_PASSWORD, clusterAvailable, startCluster } from '@gongkai/test-store-contract'
import type { Cluster } from '@gongkai/test-store-contract'
import { seededRandom, startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const WORKER = fileURLToPath(new URL('../fixtures/postgres/worker.mjs', import.meta.url))
const COUNT = Number(process.env['GONGKAI_PG_KILL_COUNT'] ?? 300)
const KILLS = 10
const SEED = Number(process.env['GONGKAI_KILL_SEED'] ?? 20261202)
const SECRET = 'postgres-kill-secret'
const id = (i: number) => `p${String(i).padStart(4, '0')}`
const title = (i: number) => `多机推送测试公告${id(i)}`

interface Worker {
  readonly slot: number
  readonly child: ReturnType<typeof spawn>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  err: string
  passes: number
}

const available = clusterAvailable()
let cluster: Cluster
let server: WechatServer
let dir: string
const running: Worker[] = []

describe.runIf(available)('four workers on PostgreSQL, killed with SIGKILL ten times', () => {
  beforeAll(async () => {
    cluster = await startCluster()
    cluster.psql('CREATE DATABASE province')
    server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1, publishingMs: 20 })
    dir = mkdtempSync(join(tmpdir(), 'gongkai-pg-kill-'))
    mkdirSync(join(dir, 'out'))
  })
  afterAll(async () => {
    for (const w of running) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL')
    await server?.close()
    await cluster?.stop()
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  const start = (slot: number): Worker => {
    const env = {
      ...process.env,
      PG_URL: cluster.url('province'),
      PG_PASSWORD: ADMIN_PASSWORD,
      WX_API: server.url,
      WX_APPID: server.appId,
      WX_SECRET: SECRET,
      COUNT: String(COUNT),
      WORKER: String(slot),
      FOLDER: join(dir, 'out'),
    }
    const child = spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const w: Worker = { slot, child, exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))), err: '', passes: 0 }
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (w.passes += c.split('\n').filter((l) => l.startsWith('{')).length))
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (w.err = (w.err + c).slice(-20_000)))
    running.push(w)
    return w
  }

  it(
    `delivers ${COUNT} publications exactly once on each target`,
    async () => {
      const random = seededRandom(SEED)
      const started = performance.now()
      const slots: Worker[] = [0, 1, 2, 3].map(start)
      const kills: string[] = []
      // Kill as the work goes on: spread over the first part of the run, whatever a worker is doing.
      for (let k = 0; k < KILLS; k++) {
        const before = server.stats.submits
        const step = Math.max(1, Math.floor((COUNT * 0.7) / KILLS))
        for (let i = 0; i < 1200 && server.stats.submits < before + Math.floor(step * (0.5 + random())); i++) await new Promise((r) => setTimeout(r, 50))
        const slot = Math.floor(random() * 4)
        const victim = slots[slot]!
        if (victim.child.exitCode === null) {
          victim.child.kill('SIGKILL')
          const exit = await victim.exited
          expect(exit.signal, victim.err).toBe('SIGKILL')
          kills.push(`worker ${slot} after ${server.stats.submits} submits`)
        } else kills.push(`worker ${slot} had finished (exit ${String(victim.child.exitCode)})`)
        slots[slot] = start(slot)
      }
      // The workers finish on their own once the ledger says everything is settled.
      const exits = await Promise.all(slots.map((w) => w.exited))
      for (const [i, e] of exits.entries()) expect(e.code, slots[i]!.err).toBe(0)
      const seconds = (performance.now() - started) / 1000

      const store = await openPostgresStore({ url: cluster.url('province'), password: ADMIN_PASSWORD, body: '008672531' })
      try {
        const wx = await store.ledger.list({ channel: 'wechat' })
        const folder = await store.ledger.list({ channel: 'folder' })
        expect(wx).toHaveLength(COUNT)
        expect(folder).toHaveLength(COUNT)
        expect(wx.filter((r) => r.state !== 'delivered' && !(r.state === 'unknown' && r.error?.code === 'wechat/needs-check')).map((r) => `${r.publication}: ${r.state}`)).toEqual([])
        expect(folder.filter((r) => r.state !== 'delivered').map((r) => r.publication)).toEqual([])
        const unknown = new Set(wx.filter((r) => r.state === 'unknown').map((r) => r.publication))
        // On the platform: one draft each; one submit for each delivered one, none for each 需核实.
        for (let i = 1; i <= COUNT; i++) {
          expect(server.stats.draftsByTitle[title(i)], `drafts of ${title(i)}`).toBe(1)
          expect(server.stats.submitsByTitle[title(i)] ?? 0, `submits of ${title(i)}`).toBe(unknown.has(id(i)) ? 0 : 1)
        }
        expect(server.stats.drafts).toBe(COUNT)
        expect(server.stats.submits).toBe(COUNT - unknown.size)
        expect(server.published()).toHaveLength(COUNT - unknown.size)
        // At most one 需核实 per kill: only a kill inside a submit can leave one.
        expect(unknown.size).toBeLessThanOrEqual(KILLS)
        // In the folder: each file once, nothing written twice.
        expect(readdirSync(join(dir, 'out')).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `${id(i + 1)}.txt`))
        expect(existsSync(join(dir, 'duplicates.log')) ? readFileSync(join(dir, 'duplicates.log'), 'utf8') : '').toBe('')
        // The work was shared, and killed workers' claims were taken over.
        const attempts = wx.reduce((n, r) => n + r.attempts, 0)
        console.info(
          `[postgres-kill] seed ${SEED}: ${COUNT} publications, 4 workers, ${KILLS} kills (${kills.join('; ')}), ${unknown.size} 需核实, ${attempts - COUNT} WeChat claims retried, ${seconds.toFixed(1)} s, ${(COUNT / seconds).toFixed(0)} publications/s`,
        )
      } finally {
        await store.close()
      }
    },
    Math.max(600_000, COUNT * 600),
  )
})
