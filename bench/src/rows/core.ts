/** Core rows: load + validate + parse of the corpus project folder, in a fresh process. */
import { execFileSync } from 'node:child_process'
import type { BenchContext, BenchRow } from '../types.js'

const SCRIPT = `
const { loadProject } = await import('@gongkai/core')
const t0 = performance.now()
const p = await loadProject(process.argv[1])
const ms = performance.now() - t0
const errors = p.diagnostics.filter((d) => d.severity === 'error').length
process.stdout.write(JSON.stringify({ ms, n: p.disclosures.length, errors, maxRssKb: process.resourceUsage().maxRSS }))
`

/** Runs the load in its own process so that peak memory is the load's alone. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.corpus.publications.length
  const bytes = ctx.corpus.publications.reduce((s, p) => s + Buffer.byteLength(p.body), 0)
  ctx.log(`loading ${n} publications (${(bytes / 1024 / 1024).toFixed(1)} MB of Markdown)`)
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT, ctx.corpus.projectDir], { encoding: 'utf8', maxBuffer: 1 << 20 })
  const r = JSON.parse(out) as { ms: number; n: number; errors: number; maxRssKb: number }
  const note = `${r.n} disclosures, ${r.errors} errors; ${(bytes / n / 1024).toFixed(2)} KB of Markdown per publication`
  return [
    { group: 'core', name: `load+validate+parse, ${n} publications`, value: r.ms / 1000, unit: 's', note },
    { group: 'core', name: 'load+validate+parse throughput', value: (n / r.ms) * 1000, unit: 'pub/s' },
    { group: 'core', name: 'load+validate+parse peak memory', value: r.maxRssKb / 1024, unit: 'MB' },
  ]
}
