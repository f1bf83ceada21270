/**
 * WeChat push rows: N corpus publications delivered to the local platform stand-in with 20 ms of
 * latency on every call, in process (rendering done beforehand and not timed), handed over 64 per
 * `deliver` call, with a SQLite ledger. Once clean, once with one creating answer in five lost
 * after the platform did the work. Then the same clean push through `gongkai push` as a process
 * (loading, rendering and pushing a generated project). Duplicates are counted from the server's stats.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRenderContext } from '@gongkai/core'
import { mapLimit } from '@gongkai/core/internal'
import type { DeliveryUnit, Receipt } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer, titleOf, writeSchedulerProject } from '@gongkai/test-wechat-server'
import type { WechatServerOptions } from '@gongkai/test-wechat-server'
import { wechat } from '@gongkai/wechat'
import type { BenchContext, BenchRow } from '../types.js'

const LATENCY_MS = 20
const BATCH = 64
const CONCURRENCY = 32

async function pushAll(ctx: BenchContext, units: readonly DeliveryUnit[], label: string, faults: WechatServerOptions): Promise<BenchRow> {
  const n = units.length
  const server = await startWechatServer({ secret: 'bench-secret', publishingPolls: 1, publishingMs: 200, latencyMs: LATENCY_MS, ...faults })
  const store = openSqliteStore(join(ctx.workDir, `ledger-${label}-${Date.now()}.sqlite`))
  try {
    const channel = wechat({
      appId: server.appId,
      secretEnv: 'WX_SECRET',
      apiBase: server.url,
      concurrency: CONCURRENCY,
      pollIntervalMs: 50,
      pollMaxMs: 400,
      maxPolls: 20,
      timeoutMs: 5000,
      retry: { attempts: 5, baseMs: 5, maxMs: 50 },
    })
    const dctx = { config: ctx.corpus.config, ledger: store.ledger, kv: store.kv, assembled: [], env: { WX_SECRET: 'bench-secret' }, now: () => new Date(), log: () => {} }
    ctx.log(`pushing ${n} publications (${label}), ${LATENCY_MS} ms a call, ${CONCURRENCY} at once`)
    const t0 = performance.now()
    const receipts: Receipt[] = []
    for (let i = 0; i < n; i += BATCH) receipts.push(await channel.deliver(units.slice(i, i + BATCH), dctx))
    const seconds = (performance.now() - t0) / 1000
    const results = receipts.flatMap((r) => r.results)
    const delivered = results.filter((r) => r.state === 'delivered').length
    const needsCheck = results.filter((r) => r.error?.code === 'wechat/needs-check').length
    const doubles = Object.values(server.stats.draftsByTitle).filter((c) => c > 1).length + Object.values(server.stats.submitsByTitle).filter((c) => c > 1).length
    const rate = n / seconds
    const clean = faults.lossStorm === undefined
    return {
      group: 'wechat',
      name: `push ${n} publications, ${LATENCY_MS} ms latency, ${clean ? 'clean' : '1 in 5 creating answers lost'} (in process, render not timed)`,
      value: Number(rate.toFixed(1)),
      unit: 'pubs/s',
      target: clean ? '≥ 20 pubs/s, 0 duplicates' : '0 duplicates; each delivered or 需核实',
      pass: doubles === 0 && delivered + needsCheck === n && (!clean || rate >= 20),
      note: `${seconds.toFixed(1)} s; ${delivered} delivered, ${needsCheck} 需核实; ${doubles} duplicates; ${server.stats.lost} answers lost; ${server.stats.drafts} drafts, ${server.stats.submits} submits, ${Object.values(server.stats.requests).reduce((a, b) => a + b, 0)} requests`,
    }
  } finally {
    await store.close()
    await server.close()
  }
}

const CLI = fileURLToPath(new URL('../../../packages/cli/bin/gongkai.js', import.meta.url))

/** `gongkai push --channel wechat` on a generated project of N publications, timed as a whole process. */
async function pushThroughCli(ctx: BenchContext, n: number): Promise<BenchRow> {
  const server = await startWechatServer({ secret: 'bench-secret', publishingPolls: 1, publishingMs: 200, latencyMs: LATENCY_MS })
  try {
    const dir = join(ctx.workDir, `cli-project-${Date.now()}`)
    writeSchedulerProject(dir, {
      apiBase: server.url,
      appId: server.appId,
      secretEnv: 'WX_BENCH_SECRET',
      count: n,
      wechatExtra: ['    pollIntervalMs: 50', '    pollMaxMs: 400', '    timeoutMs: 5000', `    concurrency: 8`, '    retry: { attempts: 5, baseMs: 5, maxMs: 50 }'],
    })
    const env = { ...process.env, WX_BENCH_SECRET: 'bench-secret', GONGKAI_NOW: '2026-11-30T10:00:00+08:00' }
    // push ships the release build made: the build is the operator's step before, not timed here.
    ctx.log(`gongkai build of ${n} publications (not timed)`)
    const built = spawn(process.execPath, [CLI, 'build', dir, '--channel', 'wechat'], { env, stdio: ['ignore', 'ignore', 'ignore'] })
    await new Promise<void>((resolve) => built.on('exit', () => resolve()))
    ctx.log(`gongkai push of ${n} publications as a process`)
    const t0 = performance.now()
    const child = spawn(process.execPath, [CLI, 'push', '--channel', 'wechat', dir], { env, stdio: ['ignore', 'ignore', 'ignore'] })
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    const seconds = (performance.now() - t0) / 1000
    const doubles = Object.values(server.stats.draftsByTitle).filter((c) => c > 1).length + Object.values(server.stats.submitsByTitle).filter((c) => c > 1).length
    const delivered = server.published().length
    const everyOne = Array.from({ length: n }, (_, i) => titleOf(i + 1)).every((t) => server.stats.submitsByTitle[t] === 1)
    return {
      group: 'wechat',
      kind: 'whole process',
      name: `gongkai push ${n} publications as a process, ${LATENCY_MS} ms latency, clean (load + push of the built release, 32 per deliver call)`,
      value: Number((n / seconds).toFixed(1)),
      unit: 'pubs/s',
      target: '0 duplicates, all delivered, exit 0',
      pass: doubles === 0 && everyOne && code === 0,
      note: `${seconds.toFixed(1)} s; exit ${code}; ${delivered} published; ${doubles} duplicates; ${Object.values(server.stats.requests).reduce((a, b) => a + b, 0)} requests`,
    }
  } finally {
    await server.close()
  }
}

/** Renders N corpus publications once, pushes them clean and with lost answers, then once through the CLI. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = Math.min(ctx.quick ? 200 : 1000, ctx.corpus.disclosures.length)
  const corpus = ctx.corpus.disclosures.slice(0, n)
  const render = wechat({ author: '青川县生态环境局' })
  const cctx = createRenderContext({ config: ctx.corpus.config, catalog: ctx.corpus.catalog, all: corpus, projectDir: ctx.corpus.projectDir, now: new Date('2027-01-01T00:00:00Z') })
  ctx.log(`rendering ${n} corpus publications`)
  const units: DeliveryUnit[] = await mapLimit(corpus, 2, async (d) => ({ disclosure: d, artifacts: await render.render(d, cctx) }))
  const clean = await pushAll(ctx, units, 'clean', {})
  const lossy = await pushAll(ctx, units, 'lossy', { lossStorm: { rate: 0.2, seed: 13, paths: ['material/add_material', 'draft/add', 'freepublish/submit'] } })
  return [clean, lossy, await pushThroughCli(ctx, n)]
}
