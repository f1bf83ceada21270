/**
 * Website rows: cold full build of the corpus, one-change and no-change rebuilds, peak memory;
 * Eleventy (default Markdown settings, one minimal layout) builds the same corpus in the same run.
 * Every build writes into a fresh folder under ctx.workDir (tmpfs when /dev/shm exists: on this
 * disk, deleting and recreating the same 10,000 files gets slower run after run).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { revisionOf } from '@gongkai/core/internal'
import type { Disclosure } from '@gongkai/core'
import { createRenderContext } from '@gongkai/core'
import { buildRelease } from '@gongkai/hub'
import { website } from '@gongkai/website'
import type { BenchContext, BenchRow } from '../types.js'

const benchDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))))

interface EleventyInstance {
  write(): Promise<unknown>
}
type EleventyClass = new (input: string, output: string, options: Record<string, unknown>) => EleventyInstance

const mb = () => process.resourceUsage().maxRSS / 1024

function countFiles(dir: string): number {
  let n = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1
  return n
}

/** Eleventy's input: one Markdown file per publication and one minimal layout. */
function writeEleventyInput(dir: string, disclosures: readonly Disclosure[]): void {
  mkdirSync(join(dir, '_includes'), { recursive: true })
  mkdirSync(join(dir, 'p'), { recursive: true })
  writeFileSync(
    join(dir, '_includes', 'layout.liquid'),
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body><main><h1>{{ title }}</h1>\n{{ content }}\n</main></body></html>\n',
  )
  writeFileSync(join(dir, 'p', 'p.json'), JSON.stringify({ layout: 'layout.liquid' }))
  for (const d of disclosures) {
    const p = d.publication
    writeFileSync(join(dir, 'p', `${p.id}.md`), `---\ntitle: ${JSON.stringify(p.title)}\ndate: ${p.published ?? p.formed}\n---\n${p.body}\n`)
  }
}

/** Builds the site cold, rebuilds after one change and with none, then runs Eleventy on the same corpus. */
const CLI_BUILD = `
const { main } = await import('gongkai')
const t0 = performance.now()
const code = await main(['build', process.argv[1], '--channel', 'website', '--out', process.argv[2]], { out() {}, err() {}, cwd: process.cwd(), env: process.env, now: () => new Date() })
process.stdout.write(JSON.stringify({ code, ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS }))
`

/** What an operator runs: \`gongkai build DIR --channel website\` in a fresh process, parse cache warm. */
function cliBuild(ctx: BenchContext): BenchRow {
  const dir = ctx.corpus.projectDir
  // A first load writes the parse cache, as any earlier build or validate on the folder would have.
  const warm = spawnSync(process.execPath, [join(benchDir, '..', 'packages', 'cli', 'dist', 'bin.js'), 'validate', dir, '--quiet'], { encoding: 'utf8' })
  if (warm.error !== undefined) throw warm.error
  const out = join(ctx.workDir, 'cli-site')
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CLI_BUILD, dir, out], { cwd: benchDir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`gongkai build failed: ${r.stderr}`)
  const res = JSON.parse(r.stdout) as { code: number; ms: number; maxRssKb: number }
  const mbPeak = res.maxRssKb / 1024
  return {
    group: 'website',
    name: `peak memory, \`gongkai build --channel website\` of ${ctx.corpus.publications.length} (fresh process)`,
    kind: 'fresh process, main()',
    value: mbPeak,
    unit: 'MB',
    target: '< 500 MB',
    pass: mbPeak < 500 && res.code === 0,
    note: `load (parse cache warm) + render of every page + write into a fresh folder: ${(res.ms / 1000).toFixed(1)} s, exit ${res.code}`,
  }
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const { config, catalog, disclosures } = ctx.corpus
  const n = disclosures.length
  const now = () => new Date('2027-01-01T00:00:00Z')
  const ours = join(ctx.workDir, `ours-${Date.now()}`)
  const rssBefore = mb()

  ctx.log(`cold build of ${n} publications into ${ours}`)
  let t0 = performance.now()
  // In-process, the disclosures already in memory: the hub's release build of the website channel alone.
  const channel = website({})
  const builder = {
    async build(list: readonly Disclosure[]) {
      const ctx = createRenderContext({ config, catalog, all: list, now: now() })
      const s = await buildRelease({ channels: [channel], disclosures: list, ctx, projectDir: ours, outDir: join(ours, 'out') })
      const c = s.channels['website']
      return { rendered: c?.rendered ?? 0, written: s.writtenFiles }
    },
  }
  const cold = await builder.build(disclosures)
  const coldS = (performance.now() - t0) / 1000
  const files = countFiles(join(ours, 'out', 'website'))

  // One publication changes (its title) per rebuild, five times: each rebuild renders one page.
  // The median is reported: a major GC of the corpus's large heap can land in any one of them.
  let current: Disclosure[] = [...disclosures]
  const times: number[] = []
  let one = cold
  for (let k = 0; k < 5; k++) {
    const at = Math.floor(n / 2) + k * 97
    const d = current[at] as Disclosure
    const publication = { ...d.publication, title: `${d.publication.title}（更正）` }
    current = current.map((x, i) => (i === at ? { ...d, publication, revision: revisionOf(d.item, publication) } : x))
    t0 = performance.now()
    one = await builder.build(current)
    times.push((performance.now() - t0) / 1000)
  }
  const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
  const oneS = median(times)
  const noneTimes: number[] = []
  let none = one
  for (let k = 0; k < 3; k++) {
    t0 = performance.now()
    none = await builder.build(current)
    noneTimes.push((performance.now() - t0) / 1000)
  }
  const noneS = median(noneTimes)
  const peak = mb()

  ctx.log('Eleventy: writing its input')
  const input = join(ctx.workDir, 'eleventy-src')
  const output = join(ctx.workDir, `eleventy-out-${Date.now()}`)
  writeEleventyInput(input, disclosures)
  const moduleName = '@11ty/eleventy'
  const { default: Eleventy } = (await import(moduleName)) as { default: EleventyClass }
  ctx.log('Eleventy: building')
  t0 = performance.now()
  const eleventy = new Eleventy(input, output, { quietMode: true })
  await eleventy.write()
  const elevS = (performance.now() - t0) / 1000
  const elevFiles = countFiles(output)

  const where = ctx.workDirKind === 'tmpfs' ? 'tmpfs (/dev/shm)' : 'disk'
  const ratio = coldS / elevS
  return [
    {
      group: 'website',
      name: `cold build, ${n} publications`,
      value: coldS,
      unit: 's',
      baseline: { name: 'Eleventy 3.1.8', value: elevS },
      ratio,
      target: '≤ 0.8× Eleventy',
      pass: ratio <= 0.8,
      note: `ours: ${cold.rendered} renders (pages + one assemble) on the main thread, ${files} files (pages, item pages, lists, feed, sitemap, search index); Eleventy: ${elevFiles} files, Markdown + one minimal layout. Fresh output folders on ${where}.`,
    },
    {
      group: 'website',
      name: 'rebuild after one publication changed',
      value: oneS,
      unit: 's',
      target: '< 0.3 s',
      pass: oneS < 0.3,
      note: `median of 5 (each ${times.map((x) => x.toFixed(3)).join(', ')} s), in process after the cold build: hash check of ${n} disclosures, ${one.rendered} page rendered, ${one.written.length} files written (${one.written.slice(0, 6).join(', ')}${one.written.length > 6 ? ', …' : ''}), lists regenerated, new release tree linked and switched`,
    },
    {
      group: 'website',
      name: 'rebuild with nothing changed',
      value: noneS,
      unit: 's',
      note: `median of 3 (${noneTimes.map((x) => x.toFixed(3)).join(', ')} s); ${none.written.length} files changed, same release kept`,
    },
    cliBuild(ctx),
    {
      group: 'website',
      name: 'peak memory, bench process (generated corpus + builder + 8 rebuilds)',
      value: peak,
      unit: 'MB',
      note: `informational: this process generated the ${n}-publication corpus in memory (${rssBefore.toFixed(0)} MB peak before the website did anything, generation garbage included); the target is judged on the operator's process above`,
    },
    {
      group: 'website',
      name: 'peak memory, the build itself (above the loaded corpus)',
      value: peak - rssBefore,
      unit: 'MB',
      target: '< 500 MB',
      pass: peak - rssBefore < 500,
      note: 'peak RSS during the cold build and the 8 rebuilds minus RSS before them; the render worker thread included',
    },
  ]
}
