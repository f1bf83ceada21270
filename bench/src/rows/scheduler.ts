/**
 * Scheduler rows: N publications pushed by the `gongkai schedule` daemon (a real child process,
 * cron every second) to the local WeChat platform stand-in, once with no interruption (baseline)
 * and once killed with SIGKILL five times on the way (seeded points); wall time from first start to
 * the ledger saying every publication is delivered, and duplicates on the platform (must be 0).
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { seededRandom, startWechatServer, titleOf, writeSchedulerProject } from '@gongkai/test-wechat-server'
import type { BenchContext, BenchRow } from '../types.js'

const BIN = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url))
const SECRET = 'bench-scheduler-secret'
const KILLS = 5

/** The bench's timings for the WeChat client: fast polls, short claims, quick retries. */
const WECHAT_TIMING = ['    pollIntervalMs: 20', '    maxPolls: 200', '    claimTtlMs: 2000', '    retry: { attempts: 5, baseMs: 20, maxMs: 200 }']

function startDaemon(dir: string): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [BIN, 'schedule', dir, '--json', '--poll', '0.2'], { env: { ...process.env, GK_BENCH_WECHAT_SECRET: SECRET }, stdio: 'ignore' })
  return { child, exited: new Promise((done) => child.on('exit', () => done())) }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Pushes `count` publications with the daemon, killed `kills` times; seconds to all delivered, and duplicates. */
async function push(ctx: BenchContext, name: string, count: number, kills: number): Promise<{ seconds: number; duplicates: number; restarts: number }> {
  const server = await startWechatServer({ secret: SECRET, publishingPolls: 1, publishingMs: 150 })
  const dir = join(ctx.workDir, name)
  writeSchedulerProject(dir, { apiBase: server.url, appId: server.appId, secretEnv: 'GK_BENCH_WECHAT_SECRET', count, wechatExtra: WECHAT_TIMING })
  const store = openSqliteStore(join(dir, '.gongkai', 'ledger.sqlite'))
  const random = seededRandom(20261126)
  const deadline = 30 * 60_000
  try {
    const t0 = performance.now()
    for (let k = 0; k < kills; k++) {
      const daemon = startDaemon(dir)
      // Kill k lands around the (k+1)/(kills+1) mark of the submits, with a seeded jitter.
      const at = Math.floor((count * (k + 1 + (random() - 0.5) * 0.5)) / (kills + 1))
      await until(() => server.stats.submits >= at, `${at} submits`, deadline)
      daemon.child.kill('SIGKILL')
      await daemon.exited
      ctx.log(`${name}: SIGKILL ${k + 1} after ${server.stats.submits} submits`)
    }
    const daemon = startDaemon(dir)
    await until(async () => (await store.ledger.list({ channel: 'wechat', state: 'delivered' })).length >= count, `${count} delivered`, deadline)
    const seconds = (performance.now() - t0) / 1000
    daemon.child.kill('SIGTERM')
    await daemon.exited
    let duplicates = 0
    for (let i = 1; i <= count; i++) {
      duplicates += Math.max(0, (server.stats.draftsByTitle[titleOf(i)] ?? 0) - 1) + Math.max(0, (server.stats.submitsByTitle[titleOf(i)] ?? 0) - 1)
    }
    if (server.stats.submits < count) throw new Error(`${name}: only ${server.stats.submits} of ${count} submitted`)
    return { seconds, duplicates, restarts: kills }
  } finally {
    await store.close()
    await server.close()
  }
}

/** The daemon pushing N publications with and without five kills. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.quick ? 200 : 1000
  ctx.log(`baseline: the daemon pushes ${n} publications with no kills`)
  const base = await push(ctx, 'baseline', n, 0)
  ctx.log(`baseline: ${base.seconds.toFixed(1)} s; now with ${KILLS} kills`)
  const killed = await push(ctx, 'kills', n, KILLS)
  const note = `${ctx.quick ? 'quick: 200 publications; ' : ''}daemon --poll 0.2, cron every second, WeChat polls every 20 ms, a dead daemon's claim on a publication expires after 2 s`
  return [
    { group: 'scheduler', name: `daemon push, ${n} publications, no kills`, kind: 'whole process (daemon)', value: Number(base.seconds.toFixed(1)), unit: 's', note },
    {
      group: 'scheduler',
      kind: 'whole process (daemon)',
      name: `daemon push, ${n} publications, ${KILLS} SIGKILLs on the way`,
      value: Number(killed.seconds.toFixed(1)),
      unit: 's',
      baseline: { name: 'same push, no kills', value: Number(base.seconds.toFixed(1)) },
      ratio: Number((killed.seconds / base.seconds).toFixed(2)),
      target: '≤ 1.5× no kills',
      pass: killed.seconds <= 1.5 * base.seconds,
    },
    {
      group: 'scheduler',
      kind: 'whole process (daemon)',
      name: 'time lost per SIGKILL (restart, lost work, dead claim)',
      value: Number(((killed.seconds - base.seconds) / KILLS).toFixed(2)),
      unit: 's',
    },
    {
      group: 'scheduler',
      kind: 'whole process (daemon)',
      name: `duplicate drafts + submits after ${KILLS} SIGKILLs (${n} publications)`,
      value: killed.duplicates + base.duplicates,
      unit: 'count',
      target: '= 0',
      pass: killed.duplicates + base.duplicates === 0,
    },
  ]
}
