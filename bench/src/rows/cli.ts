/**
 * Whole-process rows: the operator's own command, `gongkai build`, run as a child process on the
 * corpus written as a project folder (in ctx.workDir: tmpfs when /dev/shm exists), cold, rebuilt
 * with nothing changed and after one publication's body changed, each in a fresh process; the
 * example project with all four channels; and, in the same run on the same Markdown files,
 * Eleventy's CLI and Hugo's CLI cold and rebuilt. Runs are interleaved (ours, Eleventy, Hugo, then
 * again) so that load from others on the machine falls on all three alike.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { best, defaultMemoryMethod, measure, median } from '../measure.js'
import type { Command, Measured, MemoryMethod } from '../measure.js'
import { offersJson, parseBuildSummary } from '../summary.js'
import type { BuildSummary } from '../summary.js'
import type { Baseline, BenchContext, BenchRow } from '../types.js'

const repoRoot = dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url)))))

/** The instant every gongkai run starts at, as in the whole-process tests: before the example's scheduled publication. */
export const NOW = '2026-11-30T10:00:00+08:00'

/** Runs of each measure (`GONGKAI_BENCH_RUNS`, default 3); the median is judged, the best shown beside it. */
export function runsFrom(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env['GONGKAI_BENCH_RUNS'] ?? '3')
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error(`GONGKAI_BENCH_RUNS 应为 1 到 50 的整数，不能是“${env['GONGKAI_BENCH_RUNS'] ?? ''}”`)
  return n
}

/** The targets of issue 12, in one place: the table and results.json carry them, never a timed test. */
export const TARGETS = {
  coldVsEleventy: 0.8,
  coldStretchVsHugo: 1,
  unchangedS: 1,
  oneChangeS: 0.5,
  exampleS: 1.5,
  memoryMb: 500,
} as const

const LAYOUT = '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body><main><h1>{{ title }}</h1>\n{{ content }}\n</main></body></html>\n'

/** The folder of an installed package (its exports hide package.json, so walk up from its entry point). */
function packageDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)))
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === name) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error(`找不到 ${name} 的安装目录`)
    dir = up
  }
}

function versionOf(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version
}

/** Eleventy's config: the same minimal layout as a virtual template, given to every page; Markdown as Eleventy does it by default. */
export function eleventyConfig(): string {
  return `module.exports = function (eleventyConfig) {
  eleventyConfig.addTemplate('_includes/layout.liquid', ${JSON.stringify(LAYOUT)})
  eleventyConfig.addGlobalData('layout', 'layout.liquid')
}
`
}

/** A Hugo site with the same minimal layout, pages only (as Eleventy builds them), Markdown as Hugo does it by default. */
export function writeHugoSite(dir: string): void {
  mkdirSync(join(dir, 'layouts', '_default'), { recursive: true })
  writeFileSync(
    join(dir, 'hugo.toml'),
    [
      "baseURL = 'https://bench.invalid/'",
      "languageCode = 'zh-CN'",
      'hasCJKLanguage = true',
      // Eleventy's minimal site has pages only; so has this one.
      "disableKinds = ['home', 'section', 'taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']",
      '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'layouts', '_default', 'single.html'), LAYOUT.replaceAll('{{ title }}', '{{ .Title }}').replace('{{ content }}', '{{ .Content }}'))
}

/** Hugo's version line, or undefined when `hugo` is not on PATH. */
export function hugoVersion(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8', env })
  if (r.error !== undefined || r.status !== 0) return undefined
  return /v\d+\.\d+\.\d+/.exec(r.stdout)?.[0] ?? r.stdout.trim()
}

/** Where Hugo is missing: a notice, or a failure when CI=true (the rows would silently lose their baseline). */
export function hugoMissing(env: Readonly<Record<string, string | undefined>>): string {
  const notice = '未安装 Hugo：Hugo 对照行跳过（安装：sudo apt-get install -y hugo）'
  if (env['CI'] === 'true') throw new Error(`${notice}；CI=true 时不能跳过`)
  return notice
}

/** Files under a folder, through symlinked folders. */
export function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0
  let n = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name)
    // A release may be switched in by a symlink to its folder: count what it points at.
    n += e.isDirectory() || (e.isSymbolicLink() && statSync(path).isDirectory()) ? countFiles(path) : 1
  }
  return n
}

/** One measure over several runs, with what the CLI said each time. */
export interface Series {
  readonly runs: Measured[]
  readonly summaries: BuildSummary[]
}

/** An empty series. */
export const series = (): Series => ({ runs: [], summaries: [] })
const seconds = (s: Series) => s.runs.map((r) => r.ms / 1000)
const failedRuns = (s: Series) => s.runs.filter((r) => r.status !== 0)
const peakMb = (s: Series) => {
  const known = s.runs.map((r) => r.maxRssMb).filter((m): m is number => m !== undefined)
  return known.length === 0 ? undefined : Math.max(...known)
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  )
}

/** The figures of the one-change runs as the CLI says them: renders where it names them, else n/a, and the files written. */
export function describeCounts(summaries: readonly BuildSummary[]): string {
  if (summaries.length === 0) return 'n/a'
  const each = summaries.map((s) => {
    const channels = Object.entries(s.channels)
    const rendered =
      channels.length > 0 && channels.every(([, c]) => c.rendered !== undefined) ? channels.map(([id, c]) => `${id} ${c.rendered}`).join(', ') : s.rendered === undefined ? 'n/a' : String(s.rendered)
    const written = s.written === undefined ? 'n/a' : `${s.written} written / ${s.unchanged ?? 'n/a'} unchanged`
    return `re-rendered ${rendered}; files ${written}`
  })
  return [...new Set(each)].join(' | ')
}

function ratio(ours: number, base: number | undefined): number | undefined {
  return base === undefined || !Number.isFinite(base) || base <= 0 || !Number.isFinite(ours) ? undefined : ours / base
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.corpus.publications.length
  const RUNS = runsFrom(process.env)
  const kind = `whole process, ${ctx.workDirKind === 'tmpfs' ? 'tmpfs' : 'disk'}`
  const memory: MemoryMethod = defaultMemoryMethod()
  const scratch = join(ctx.workDir, 'scratch')
  mkdirSync(scratch, { recursive: true })

  // Our own copy of the corpus's files: the other modules' children rewrite the shared folder, and this one edits a body.
  const project = join(ctx.workDir, 'project')
  mkdirSync(project, { recursive: true })
  for (const f of ['gongkai.config.yaml', 'catalog.yaml', 'publications']) cpSync(join(ctx.corpus.projectDir, f), join(project, f), { recursive: true })
  const publications = join(project, 'publications')

  const cliDir = packageDir('gongkai')
  const cliBin = join(cliDir, (JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['gongkai'] ?? 'bin/gongkai.js')
  const env = { ...process.env, GONGKAI_NOW: NOW, NO_COLOR: '1' }
  const usage = spawnSync(process.execPath, [cliBin, 'build', '--help'], { encoding: 'utf8', env })
  const json = offersJson(`${usage.stdout}${usage.stderr}`)
  const gongkai = (dir: string, channels: readonly string[]): Command => ({
    file: process.execPath,
    node: true,
    args: [cliBin, 'build', dir, ...(channels.length > 0 ? ['--channel', channels.join(',')] : []), ...(json ? ['--json'] : [])],
    cwd: ctx.workDir,
    env,
  })

  const elevDir = packageDir('@11ty/eleventy')
  const elevName = `Eleventy ${versionOf(elevDir)}`
  const elevConfig = join(ctx.workDir, 'eleventy.config.cjs')
  writeFileSync(elevConfig, eleventyConfig())
  const elevOut = join(ctx.workDir, 'eleventy-out')
  const eleventy: Command = {
    file: process.execPath,
    node: true,
    args: [join(elevDir, 'cmd.cjs'), `--config=${elevConfig}`, `--input=${publications}`, `--output=${elevOut}`, '--quiet'],
    cwd: ctx.workDir,
    env: process.env,
  }

  const hugoV = hugoVersion()
  const hugoNotice = hugoV === undefined ? hugoMissing(process.env) : undefined
  if (hugoNotice !== undefined) ctx.log(hugoNotice)
  const hugoName = `Hugo ${hugoV ?? ''}`.trim()
  const hugoSite = join(ctx.workDir, 'hugo-site')
  const hugoOut = join(ctx.workDir, 'hugo-out')
  writeHugoSite(hugoSite)
  const hugo: Command = {
    file: 'hugo',
    args: ['--source', hugoSite, '--contentDir', publications, '--destination', hugoOut, '--cacheDir', join(ctx.workDir, 'hugo-cache'), '--buildFuture', '--quiet'],
    cwd: ctx.workDir,
    env: process.env,
  }

  const once = (cmd: Command, into: Series, what: string): Measured => {
    const m = measure(cmd, scratch, memory)
    into.runs.push(m)
    into.summaries.push(parseBuildSummary(m.stdout))
    ctx.log(`${what}: ${(m.ms / 1000).toFixed(2)} s${m.maxRssMb === undefined ? '' : `, ${m.maxRssMb.toFixed(0)} MB`}${m.status === 0 ? '' : `, exit ${m.status} (${firstLine(m.stderr)})`}`)
    return m
  }

  const ours = { cold: series(), none: series(), one: series(), example: series(), exampleCold: series() }
  const elev = { cold: series(), none: series() }
  const hug = { cold: series(), none: series() }

  ctx.log(`${n} publications in ${project}; peak memory by ${memory}; JSON summary ${json ? 'offered' : 'not offered'}`)
  for (let k = 0; k < RUNS; k++) {
    rmSync(join(project, '.gongkai'), { recursive: true, force: true })
    rmSync(join(project, 'out'), { recursive: true, force: true })
    once(gongkai(project, ['website']), ours.cold, `gongkai cold ${k + 1}`)
    rmSync(elevOut, { recursive: true, force: true })
    once(eleventy, elev.cold, `Eleventy cold ${k + 1}`)
    if (hugoV !== undefined) {
      rmSync(hugoOut, { recursive: true, force: true })
      rmSync(join(ctx.workDir, 'hugo-cache'), { recursive: true, force: true })
      rmSync(join(hugoSite, 'resources'), { recursive: true, force: true })
      once(hugo, hug.cold, `Hugo cold ${k + 1}`)
    }
  }
  const ourFiles = countFiles(join(project, 'out', 'website'))
  const elevFiles = countFiles(elevOut)
  const hugoFiles = countFiles(hugoOut)
  for (let k = 0; k < RUNS; k++) {
    once(gongkai(project, ['website']), ours.none, `gongkai nothing changed ${k + 1}`)
    once(eleventy, elev.none, `Eleventy rebuild ${k + 1}`)
    if (hugoV !== undefined) once(hugo, hug.none, `Hugo rebuild ${k + 1}`)
  }
  const changed: string[] = []
  for (let k = 0; k < RUNS; k++) {
    const id = ctx.corpus.publications[Math.floor(n / 2) + k * 97]?.id ?? ctx.corpus.publications[k]?.id ?? ''
    changed.push(id)
    appendFileSync(join(publications, `${id}.md`), `\n本条于第${k + 1}次基准测试时补充一句。\n`)
    once(gongkai(project, ['website']), ours.one, `gongkai one change (${id}) ${k + 1}`)
  }

  const example = join(ctx.workDir, 'county-bureau')
  cpSync(join(repoRoot, 'examples', 'county-bureau'), example, { recursive: true, filter: (src) => !/[\\/](out|\.gongkai)$/.test(src) })
  once(gongkai(example, []), ours.exampleCold, 'example, four channels, cold')
  for (let k = 0; k < RUNS; k++) once(gongkai(example, []), ours.example, `example, four channels, nothing changed ${k + 1}`)
  return rowsOf({ n, kind, quick: ctx.quick, memory, ours, elev, hug, elevName, hugoName, hugoNotice, files: { ours: ourFiles, eleventy: elevFiles, hugo: hugoFiles }, changed })
}

/** Everything measured, as the rows need it. */
export interface Measurements {
  readonly n: number
  /** The table's kind column, e.g. `whole process, tmpfs`. */
  readonly kind: string
  readonly quick: boolean
  readonly memory: MemoryMethod
  readonly ours: { readonly cold: Series; readonly none: Series; readonly one: Series; readonly example: Series; readonly exampleCold: Series }
  readonly elev: { readonly cold: Series; readonly none: Series }
  readonly hug: { readonly cold: Series; readonly none: Series }
  readonly elevName: string
  readonly hugoName: string
  /** Set when Hugo is missing: its rows say this instead. */
  readonly hugoNotice: string | undefined
  /** Files each tool wrote on its cold build. */
  readonly files: { readonly ours: number; readonly eleventy: number; readonly hugo: number }
  /** The publications changed, one before each one-change run. */
  readonly changed: readonly string[]
}

/** The rows, with the targets beside each figure and the pass/fail column: the median of the runs is judged. */
export function rowsOf(m: Measurements): BenchRow[] {
  const { n, kind, quick: isQuick, memory, ours, elev, hug, elevName, hugoName, hugoNotice, files, changed } = m
  const hugoV = hugoNotice === undefined ? hugoName : undefined
  const quick = isQuick ? `; quick run: ${n} publications (the targets are for 10,000)` : ''
  const list = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(', ')
  const runsNote = (s: Series) => {
    const cpu = s.runs.map((r) => r.cpuS).filter((c): c is number => c !== undefined)
    // CPU time grows much less than wall time with others' load on the machine: both, to compare runs.
    return `${s.runs.length} runs: ${list(seconds(s))} s wall${cpu.length === s.runs.length && cpu.length > 0 ? `, ${list(cpu)} s CPU (user + system)` : ''}`
  }
  const failures = (s: Series) => {
    const f = failedRuns(s)
    return f.length === 0 ? '' : `; ${f.length} run(s) failed: exit ${f[0]?.status ?? 'signal'} ${firstLine(f[0]?.stderr ?? '')}`
  }
  const ok = (s: Series) => s.runs.length > 0 && failedRuns(s).length === 0
  const med = (s: Series) => median(seconds(s))
  const timeRow = (name: string, s: Series, extra: Partial<BenchRow>): BenchRow => ({
    group: 'cli',
    name,
    kind,
    best: best(seconds(s)),
    value: med(s),
    unit: 's',
    samples: seconds(s),
    ...extra,
  })
  const against = (value: number, e: Series, h: Series): Baseline[] => [
    { name: elevName, value: med(e), ...(ratio(value, med(e)) === undefined ? {} : { ratio: ratio(value, med(e)) as number }) },
    hugoV === undefined ? { name: 'Hugo (missing)', value: Number.NaN } : { name: hugoName, value: med(h), ...(ratio(value, med(h)) === undefined ? {} : { ratio: ratio(value, med(h)) as number }) },
  ]

  const coldS = med(ours.cold)
  const coldVsElev = ratio(coldS, med(elev.cold))
  const coldVsHugo = ratio(coldS, med(hug.cold))
  const rows: BenchRow[] = [
    timeRow(`cold \`gongkai build --channel website\`, ${n} publications (no .gongkai/, no out/)`, ours.cold, {
      baselines: against(coldS, elev.cold, hug.cold),
      target: `≤ ${TARGETS.coldVsEleventy}× Eleventy; stretch ≤ Hugo`,
      ...(coldVsElev === undefined ? {} : { pass: ok(ours.cold) && coldVsElev <= TARGETS.coldVsEleventy }),
      note: `median judged; ${runsNote(ours.cold)}; stretch ≤ Hugo ${coldVsHugo === undefined ? 'not measured' : coldVsHugo <= TARGETS.coldStretchVsHugo ? 'met' : 'not met'}; ours writes ${files.ours} files (pages, item pages, lists, feed, sitemap, search index), Eleventy ${files.eleventy} and Hugo ${files.hugo} (pages only, one minimal layout, default Markdown)${failures(ours.cold)}${quick}`,
    }),
    timeRow('rebuild, nothing changed, fresh process', ours.none, {
      baselines: against(med(ours.none), elev.none, hug.none),
      target: `≤ ${TARGETS.unchangedS} s`,
      pass: ok(ours.none) && med(ours.none) <= TARGETS.unchangedS,
      note: `${runsNote(ours.none)}; CLI says: ${describeCounts(ours.none.summaries.slice(-1))}; Eleventy and Hugo rebuild everything into their existing output${failures(ours.none)}${quick}`,
    }),
    timeRow('rebuild after one publication changed, fresh process', ours.one, {
      baselines: against(med(ours.one), elev.none, hug.none),
      target: `≤ ${TARGETS.oneChangeS} s, only its pages and the lists re-rendered`,
      pass: ok(ours.one) && med(ours.one) <= TARGETS.oneChangeS,
      note: `${runsNote(ours.one)}, each after one more body changed (${changed.join(', ')}); CLI says: ${describeCounts(ours.one.summaries)}; baselines are Eleventy's and Hugo's rebuilds (neither keeps a cache between processes)${failures(ours.one)}${quick}`,
    }),
    timeRow('example project (county-bureau), four channels, nothing changed, fresh process', ours.example, {
      target: `≤ ${TARGETS.exampleS} s`,
      pass: ok(ours.example) && med(ours.example) <= TARGETS.exampleS,
      note: `${runsNote(ours.example)}, GONGKAI_NOW=${NOW}; its first build in the copy took ${seconds(ours.exampleCold)[0]?.toFixed(2) ?? 'n/a'} s; CLI says: ${describeCounts(ours.example.summaries.slice(-1))}${failures(ours.example)}`,
    }),
    timeRow(`${elevName} CLI, cold`, elev.cold, { note: runsNote(elev.cold) }),
    timeRow(`${elevName} CLI, rebuild with nothing changed`, elev.none, { note: runsNote(elev.none) }),
  ]
  if (hugoV === undefined) {
    rows.push({ group: 'cli', name: 'Hugo CLI', kind, value: Number.NaN, unit: 's', note: hugoNotice ?? '' })
  } else {
    rows.push(timeRow(`${hugoName} CLI, cold`, hug.cold, { note: runsNote(hug.cold) }), timeRow(`${hugoName} CLI, rebuild with nothing changed`, hug.none, { note: runsNote(hug.none) }))
  }
  // CPU time (user + system) beside wall time: informational, no target, but it moves little with others' load on a shared machine.
  const cpuOf = (s: Series) => {
    const cpu = s.runs.map((r) => r.cpuS).filter((c): c is number => c !== undefined)
    return cpu.length === 0 ? Number.NaN : median(cpu)
  }
  const cpuRow = (name: string, s: Series, e: Series | undefined, h: Series | undefined, note: string): BenchRow => {
    const mine = cpuOf(s)
    const bases: Baseline[] = []
    for (const [label, b] of [
      [elevName, e],
      [hugoName, hugoV === undefined ? undefined : h],
    ] as const) {
      if (b === undefined) continue
      const theirs = cpuOf(b)
      const r = ratio(mine, theirs)
      bases.push({ name: label, value: theirs, ...(r === undefined ? {} : { ratio: r }) })
    }
    return { group: 'cli', name: `CPU time, ${name}`, kind, best: best(s.runs.map((r) => r.cpuS ?? Number.NaN)), value: mine, unit: 's', ...(bases.length > 0 ? { baselines: bases } : {}), note }
  }
  const cpuNote = 'user + system of the process and its threads, median of the runs; informational (Hugo uses every core, ours two threads, Eleventy one)'
  rows.push(
    cpuRow('cold build', ours.cold, elev.cold, hug.cold, cpuNote),
    cpuRow('rebuild, nothing changed', ours.none, elev.none, hug.none, cpuNote),
    cpuRow('rebuild after one change', ours.one, elev.none, hug.none, `${cpuNote}; baselines are their rebuilds`),
    cpuRow('example project, four channels, nothing changed', ours.example, undefined, undefined, cpuNote),
  )
  const how = memory === 'gnu-time' ? 'max RSS from GNU time (/usr/bin/time -f %M)' : 'max RSS from a preload printing process.resourceUsage().maxRSS at exit'
  const memRow = (name: string, s: Series, bases: Baseline[]): BenchRow => {
    const mb = peakMb(s)
    return {
      group: 'cli',
      name: `peak memory, ${name}`,
      kind,
      value: mb ?? Number.NaN,
      unit: 'MB',
      ...(bases.length > 0 ? { baselines: bases } : {}),
      target: `≤ ${TARGETS.memoryMb} MB`,
      ...(mb === undefined ? {} : { pass: mb <= TARGETS.memoryMb }),
      note: `the largest of ${s.runs.length} runs; ${how}`,
    }
  }
  const memBase = (name: string, s: Series, mine: Series): Baseline[] => {
    const theirs = peakMb(s)
    const m = peakMb(mine)
    if (theirs === undefined) return []
    const r = m === undefined ? undefined : ratio(m, theirs)
    return [{ name, value: theirs, ...(r === undefined ? {} : { ratio: r }) }]
  }
  rows.push(
    memRow('cold build', ours.cold, [...memBase(elevName, elev.cold, ours.cold), ...memBase(hugoName, hug.cold, ours.cold)]),
    memRow('rebuild, nothing changed', ours.none, [...memBase(elevName, elev.none, ours.none), ...memBase(hugoName, hug.none, ours.none)]),
    memRow('rebuild after one change', ours.one, []),
    memRow('example project, four channels', ours.example, []),
  )
  return rows
}
