/**
 * WeChat push rows: N corpus publications delivered to the local platform stand-in with 20 ms of
 * latency on every call, in process (rendering done beforehand and not timed), handed over 64 per
 * `deliver` call as the CLI does, with a SQLite ledger. Once clean, once with one creating answer
 * in five lost after the platform did the work. Duplicates are counted from the server's stats.
 */
import { join } from 'node:path'
import { createRenderContext } from '@gongkai/core'
import { mapLimit } from '@gongkai/core/internal'
import type { DeliveryUnit, Receipt } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServerOptions } from '@gongkai/test-wechat-server'
import { wechat } from '@gongkai/wechat'
import type { BenchContext, BenchRow } from '../types.js'

const LATENCY_MS = 20
const BATCH = 64
const CONCURRENCY = 16

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

/** Renders N corpus publications once, then pushes them clean and with lost answers. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = Math.min(ctx.quick ? 200 : 1000, ctx.corpus.disclosures.length)
  const corpus = ctx.corpus.disclosures.slice(0, n)
  const render = wechat({ author: '青川县生态环境局' })
  const cctx = createRenderContext({ config: ctx.corpus.config, catalog: ctx.corpus.catalog, all: corpus, projectDir: ctx.corpus.projectDir, now: new Date('2027-01-01T00:00:00Z') })
  ctx.log(`rendering ${n} corpus publications`)
  const units: DeliveryUnit[] = await mapLimit(corpus, 2, async (d) => ({ disclosure: d, artifacts: await render.render(d, cctx) }))
  return [await pushAll(ctx, units, 'clean', {}), await pushAll(ctx, units, 'lossy', { lossStorm: { rate: 0.2, seed: 13, paths: ['material/add_material', 'draft/add', 'freepublish/submit'] } })]
}
