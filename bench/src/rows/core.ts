/**
 * Core rows: load + validate + parse of the corpus project folder, each load in a fresh process
 * (so start-up, JIT warm-up and peak memory are the load's own): without the parse cache, cold
 * (cache folder deleted first; the load writes it) and warm (the cache the cold load wrote).
 * Also the cost of `import('@gongkai/core')` in a fresh process.
 */
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext, BenchRow } from '../types.js'

const LOAD = `
const { loadProject } = await import('@gongkai/core')
const t0 = performance.now()
const p = await loadProject(process.argv[1], { cache: process.argv[2] !== 'off' })
const ms = performance.now() - t0
const errors = p.diagnostics.filter((d) => d.severity === 'error').length
process.stdout.write(JSON.stringify({ ms, n: p.disclosures.length, errors, maxRssKb: process.resourceUsage().maxRSS }))
`

const IMPORT = `
const t0 = performance.now()
await import('@gongkai/core')
process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }))
`

interface LoadResult {
  readonly ms: number
  readonly n: number
  readonly errors: number
  readonly maxRssKb: number
}

function node<T>(script: string, args: readonly string[]): T {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })) as T
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN
}

/** Runs each load in its own process so that peak memory is the load's alone. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.corpus.publications.length
  const dir = ctx.corpus.projectDir
  const bytes = ctx.corpus.publications.reduce((s, p) => s + Buffer.byteLength(p.body), 0)
  ctx.log(`loading ${n} publications (${(bytes / 1024 / 1024).toFixed(1)} MB of Markdown)`)
  // The load cache (the folder is safe to delete).
  const cacheDir = join(dir, '.gongkai', 'cache')
  rmSync(cacheDir, { recursive: true, force: true })
  ctx.log('cache off')
  const off = node<LoadResult>(LOAD, [dir, 'off'])
  ctx.log('cold (no cache; writes it)')
  rmSync(cacheDir, { recursive: true, force: true })
  const cold = node<LoadResult>(LOAD, [dir, 'on'])
  ctx.log('warm (cache present)')
  const warm = node<LoadResult>(LOAD, [dir, 'on'])
  const imports = Array.from({ length: ctx.quick ? 3 : 7 }, () => node<{ ms: number }>(IMPORT, []).ms)

  const note = `${warm.n} disclosures, ${warm.errors} errors; ${(bytes / n / 1024).toFixed(2)} KB of Markdown per publication`
  const rows = (label: string, r: LoadResult, extra: Partial<BenchRow> = {}): BenchRow[] => [
    { group: 'core', name: `load+validate+parse ${label}, ${n} publications`, kind: 'fresh process, API', value: r.ms / 1000, unit: 's', ...extra },
    { group: 'core', name: `load ${label} throughput`, kind: 'fresh process, API', value: (n / r.ms) * 1000, unit: 'pub/s' },
    { group: 'core', name: `load ${label} peak memory`, kind: 'fresh process, API', value: r.maxRssKb / 1024, unit: 'MB' },
  ]
  return [
    ...rows('cache off', off, { note }),
    ...rows('cold cache', cold, {
      baseline: { name: 'cache off', value: off.ms / 1000 },
      ratio: cold.ms / off.ms,
      target: '≤ 1.1× cache off (writing the cache)',
      pass: cold.ms <= off.ms * 1.1,
    }),
    ...rows('warm cache', warm, {
      baseline: { name: 'cache off', value: off.ms / 1000 },
      ratio: warm.ms / off.ms,
      target: '≤ 0.3× cache off',
      pass: warm.ms <= off.ms * 0.3,
    }),
    {
      group: 'core',
      name: "import('@gongkai/core'), fresh process",
      kind: 'fresh process, API',
      value: median(imports),
      unit: 'ms',
      target: '≤ 250 ms',
      pass: median(imports) <= 250,
      note: `median of ${imports.length}; min ${Math.min(...imports).toFixed(0)} ms`,
    },
  ]
}
