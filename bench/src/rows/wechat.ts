/**
 * WeChat rows: render of every example publication (article + cover) per second, against headless
 * Chromium screenshotting an HTML cover of the same titles (the usual way covers are made) in
 * the same run; and N corpus publications pushed end to end (uploads, draft, submit, polls, SQLite
 * ledger) to the local platform stand-in on 127.0.0.1, checked for exactly one draft and submit each.
 */
import { join } from 'node:path'
import { createRenderContext, loadProject } from '@gongkai/core'
import { mapLimit } from '@gongkai/core/internal'
import type { DeliveryUnit, Disclosure } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer } from '@gongkai/test-wechat-server'
import { wechat } from '@gongkai/wechat'
import { CHROME_ARGS } from '../types.js'
import type { BenchContext, BenchRow } from '../types.js'
import { fileURLToPath } from 'node:url'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau', import.meta.url))
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

async function chromiumCovers(executablePath: string, titles: readonly string[], body: string): Promise<number> {
  const { chromium } = await import('playwright-core')
  const args = [...CHROME_ARGS]
  const browser = await chromium.launch({ executablePath, args })
  try {
    const page = await browser.newPage({ viewport: { width: 1410, height: 600 } })
    const t0 = performance.now()
    for (const t of titles) {
      await page.setContent(
        `<html><body style="margin:0;width:1410px;height:600px;background:linear-gradient(#8e1616,#6e0f0f);display:flex;flex-direction:column;align-items:center;justify-content:center;font-family:'Noto Sans SC',sans-serif"><div style="width:500px;text-align:center;color:#fff;font-size:54px;font-weight:700">${esc(t)}</div><div style="color:#e9c46a;font-size:30px;margin-top:40px">${esc(body)}</div></body></html>`,
      )
      await page.screenshot({ type: 'jpeg', quality: 88 })
    }
    return titles.length / ((performance.now() - t0) / 1000)
  } finally {
    await browser.close()
  }
}

/** Renders the example project for WeChat, then pushes N corpus publications to the local server. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const project = await loadProject(EXAMPLE, { workers: false })
  const channel = wechat({ author: '青川县生态环境局' })
  const rctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now: new Date('2026-11-26T00:00:00Z') })
  const mine = project.disclosures.filter((d) => (d.item.channels as readonly string[]).includes('wechat'))
  await channel.render(mine[0] as Disclosure, rctx) // warm: fonts, sharp
  ctx.log(`rendering ${mine.length} example publications (article + cover)`)
  let t0 = performance.now()
  for (const d of mine) await channel.render(d, rctx)
  const ours = mine.length / ((performance.now() - t0) / 1000)
  let baseline: number | undefined
  if (ctx.chromium !== undefined)
    baseline = await chromiumCovers(
      ctx.chromium,
      mine.map((d) => d.publication.wechatTitle ?? d.publication.title),
      project.config.body.name,
    )
  rows.push({
    group: 'wechat',
    name: `render, ${mine.length} example publications (article + cover)`,
    value: Number(ours.toFixed(1)),
    unit: 'pubs/s',
    ...(baseline === undefined ? {} : { baseline: { name: 'Chromium HTML cover screenshot only', value: Number(baseline.toFixed(1)) }, ratio: Number((ours / baseline).toFixed(2)) }),
    target: '≥ 1× Chromium (ours/theirs, higher is better)',
    ...(baseline === undefined ? { note: 'Chromium not found: no baseline' } : { pass: ours >= baseline }),
  })

  const n = Math.min(ctx.quick ? 100 : 1000, ctx.corpus.disclosures.length)
  const corpus = ctx.corpus.disclosures.slice(0, n)
  const server = await startWechatServer({ secret: 'bench-secret', publishingPolls: 1, publishingMs: 60_000 })
  try {
    const push = wechat({ appId: server.appId, secretEnv: 'WX_SECRET', apiBase: server.url, pollIntervalMs: 1, maxPolls: 20, concurrency: 4, retry: { attempts: 5, baseMs: 5, maxMs: 50 } })
    const cctx = createRenderContext({ config: ctx.corpus.config, catalog: ctx.corpus.catalog, all: corpus, projectDir: ctx.corpus.projectDir, now: new Date('2027-01-01T00:00:00Z') })
    ctx.log(`rendering ${n} corpus publications`)
    t0 = performance.now()
    const units: DeliveryUnit[] = await mapLimit(corpus, 2, async (d) => ({ disclosure: d, artifacts: await push.render(d, cctx) }))
    const renderS = (performance.now() - t0) / 1000
    const store = openSqliteStore(join(ctx.workDir, `ledger-${Date.now()}.sqlite`))
    ctx.log(`pushing ${n} publications to ${server.url}`)
    t0 = performance.now()
    const receipt = await push.deliver(units, {
      config: ctx.corpus.config,
      ledger: store.ledger,
      kv: store.kv,
      assembled: [],
      env: { WX_SECRET: 'bench-secret' },
      now: () => new Date(),
      log: () => {},
    })
    const pushS = (performance.now() - t0) / 1000
    await store.close()
    const delivered = receipt.results.filter((r) => r.state === 'delivered').length
    const once = server.stats.drafts === n && server.stats.submits === n
    rows.push({ group: 'wechat', name: `render, ${n} corpus publications (article + cover, 2 at once)`, value: Number((n / renderS).toFixed(1)), unit: 'pubs/s' })
    rows.push({
      group: 'wechat',
      name: `push ${n} publications end to end (local server, SQLite ledger, 4 at once)`,
      value: Number((n / pushS).toFixed(1)),
      unit: 'pubs/s',
      target: 'all delivered, one draft and one submit each',
      pass: delivered === n && once,
      note: `${pushS.toFixed(1)} s; ${delivered}/${n} delivered; ${server.stats.drafts} drafts, ${server.stats.submits} submits, ${Object.values(server.stats.requests).reduce((a, b) => a + b, 0)} requests`,
    })
  } finally {
    await server.close()
  }
  return rows
}
