/**
 * The kill storm: the CLI's `gongkai push` as a process, against a platform that loses one answer
 * in five to the creating calls after doing the work, killed with SIGKILL four times on the way.
 * Afterwards no publication has two drafts or two submits, and each is delivered or listed as
 * 需核实 with its reason.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { publicationIds, seededRandom, startWechatServer, titleOf, writeSchedulerProject } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const CLI = join(ROOT, 'packages/cli/bin/gongkai.js')
const SECRET = 'storm-test-secret'
/** The instant the CLI runs at (as test/e2e/support/now.ts). */
const NOW_ENV = { GONGKAI_NOW: '2026-11-30T10:00:00+08:00' }
const COUNT = 60
let server: WechatServer | undefined

beforeAll(() => {
  execFileSync('npx', ['tsc', '-b', 'packages/cli'], { cwd: ROOT, stdio: 'inherit' })
}, 300_000)

afterAll(async () => {
  await server?.close()
})

function cli(args: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...NOW_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => void (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => void (err += c.toString()))
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  return { child, exited, out: () => out, err: () => err }
}

const creating0 = (s: { stats: { materialsAdded: number; drafts: number; submits: number } }) => s.stats.materialsAdded + s.stats.drafts + s.stats.submits

describe('kill storm with lost answers, through the CLI', () => {
  it('60 publications, 1 in 5 creating answers lost, 4 kill -9: no duplicate, each delivered or 需核实 with its reason', async () => {
    server = await startWechatServer({
      secret: SECRET,
      publishingPolls: 1,
      publishingMs: 150,
      lossStorm: { rate: 0.2, seed: 11, paths: ['material/add_material', 'draft/add', 'freepublish/submit'] },
    })
    const s = server
    const dir = mkdtempSync(join(tmpdir(), 'gk-wx-storm-'))
    writeSchedulerProject(dir, {
      apiBase: s.url,
      appId: s.appId,
      secretEnv: 'WX_STORM_SECRET',
      count: COUNT,
      wechatExtra: ['    pollIntervalMs: 20', '    pollMaxMs: 200', '    maxPolls: 20', '    timeoutMs: 2000', '    concurrency: 8', '    retry: { attempts: 4, baseMs: 5, maxMs: 40 }'],
    })
    const env = { WX_STORM_SECRET: SECRET }
    // push ships the release that build made; building sends nothing to the platform.
    const built = cli(['build', dir, '--channel', 'wechat'], env)
    expect((await built.exited).code).toBe(0)
    expect(creating0(s)).toBe(0)
    const random = seededRandom(5)
    const creating = () => s.stats.materialsAdded + s.stats.drafts + s.stats.submits
    let kills = 0
    for (let round = 0; round < 4; round++) {
      const target = creating() + 8 + Math.floor(random() * 25)
      const run = cli(['push', '--channel', 'wechat', dir], env)
      const done = await Promise.race([
        run.exited.then(() => true),
        (async () => {
          while (creating() < target) await new Promise((r) => setTimeout(r, 2))
          return false
        })(),
      ])
      if (done) break
      run.child.kill('SIGKILL')
      expect((await run.exited).signal).toBe('SIGKILL')
      kills++
    }
    expect(kills).toBeGreaterThanOrEqual(3)
    // Restarted at once, with no wait for leases; then once more, to look up what the first left in doubt.
    const last = cli(['push', '--channel', 'wechat', dir], env)
    await last.exited
    expect(last.err()).not.toContain('另一个进程')
    const again = cli(['push', '--channel', 'wechat', dir], env)
    await again.exited

    for (let i = 1; i <= COUNT; i++) {
      expect(s.stats.draftsByTitle[titleOf(i)] ?? 0, titleOf(i)).toBeLessThanOrEqual(1)
      expect(s.stats.submitsByTitle[titleOf(i)] ?? 0, titleOf(i)).toBeLessThanOrEqual(1)
    }
    expect(s.stats.lost).toBeGreaterThan(5)
    const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
    const records = await store.ledger.list({ channel: 'wechat' })
    await store.close()
    expect(records.map((r) => r.publication).sort()).toEqual(publicationIds(COUNT))
    const published = new Set(s.published().map((p) => p.title))
    for (const r of records) {
      const title = titleOf(Number(r.publication.slice(4)))
      if (r.state === 'delivered') expect(published.has(title), title).toBe(true)
      else {
        expect(r.state, `${r.publication}: ${r.error?.message ?? ''}`).toBe('unknown')
        expect(r.error?.message).toMatch(/需核实.*公众号后台/)
      }
    }
    const status = cli(['status', dir], env)
    await status.exited
    const unknown = records.filter((r) => r.state === 'unknown')
    for (const r of unknown) expect(status.out()).toContain(r.publication)
    if (unknown.length > 0) expect(status.out()).toContain('需核实')
    console.log(
      `storm: ${kills} kills, ${s.stats.lost} answers lost, ${records.filter((r) => r.state === 'delivered').length} delivered, ${unknown.length} 需核实, ${s.stats.drafts} drafts, ${s.stats.submits} submits`,
    )
  }, 240_000)
})
