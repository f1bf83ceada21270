/**
 * The noticeboard beside Typst: the same sheet publications of the corpus (100 of the first 200
 * publications) set by `gongkai build --channel noticeboard` on the project on disk, by the Typst
 * compiler from one plain GB/T 9704-like Typst document each, and by headless Chromium printing the
 * same simple HTML; each as a whole process (spawned, timed from spawn to exit, CPU from GNU time)
 * and Typst also warm in the bench's own process. The ratio is gongkai's time per sheet over Typst's.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Disclosure } from '@gongkai/core'
import { isReviewed, reviewLevelsOf } from '@gongkai/core'
import { best, defaultMemoryMethod, measure, median } from './measure.js'
import type { Command, Measured } from './measure.js'
import { typstFontPaths, typstMissing, typstSource, typstVersion } from './typst.js'
import type { BenchRow, Corpus } from './types.js'

// The scripts run from dist/ even when this module runs from src/ (the harness's tests).
const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
const dist = join(benchDir, 'dist')
const repoRoot = dirname(benchDir)
const require = createRequire(import.meta.url)

/** The target of issue 14: gongkai's time per sheet at most this many times Typst's. */
export const TYPST_TARGET = 1.0

/** The instant the gongkai runs start at, as in the whole-process tests. */
const NOW = '2026-11-30T10:00:00+08:00'
const TYPST_PACKAGE_NAME = 'typst-ts-node-compiler'

/** A project folder with the first publications of the corpus, and the sheets a build of it sets. */
export interface SheetsProject {
  readonly dir: string
  /** Publications in the folder (all are loaded, parsed and validated by the build). */
  readonly loaded: number
  /** The reviewed publications whose item lists the noticeboard, in corpus order: what the build renders. */
  readonly sheets: readonly Disclosure[]
}

/** Copies the corpus's config, catalog and first `count` publication files into `dir`. */
export function writeSheetsProject(corpus: Corpus, dir: string, count = 200): SheetsProject {
  const taken = corpus.publications.slice(0, count)
  mkdirSync(join(dir, 'publications'), { recursive: true })
  for (const f of ['gongkai.config.yaml', 'catalog.yaml']) cpSync(join(corpus.projectDir, f), join(dir, f))
  // Written long before the build, as an operator's files are: the load cache does not trust a file changed within 2 s of being read.
  const long = new Date('2026-01-01T00:00:00Z')
  for (const p of taken) {
    cpSync(join(corpus.projectDir, p.source.file), join(dir, p.source.file))
    utimesSync(join(dir, p.source.file), long, long)
  }
  const ids = new Set(taken.map((p) => p.id))
  const sheets = corpus.disclosures.filter((d) => ids.has(d.publication.id) && isReviewed(d.publication, reviewLevelsOf(corpus.config)) && d.item.channels.includes('noticeboard'))
  return { dir, loaded: taken.length, sheets }
}

/** What the whole-process runs gave. */
export interface WholeProcessRuns {
  readonly sheets: number
  readonly loaded: number
  readonly ours: readonly Measured[]
  /** The same build right after, its load cache warm and `--no-cache`: every sheet set anew, no Markdown read or parsed. */
  readonly oursRenderOnly: readonly Measured[]
  /** PDFs each tool left in its output folder after its last run. */
  readonly files: { readonly ours: number; readonly typst: number; readonly chromium: number }
  /** Where each tool wrote its PDFs. */
  readonly outDirs: { readonly ours: string; readonly typst: string; readonly chromium: string }
  readonly typst: readonly Measured[]
  readonly chromium: readonly Measured[]
  /** `Typst 0.7.0` (the npm package's version) or a notice why it was not run. */
  readonly typstName: string
  readonly typstNotice: string | undefined
  readonly chromiumNotice: string | undefined
  /** The table's kind column. */
  readonly kind: string
}

/** Options of `measureWholeProcess`. */
export interface WholeProcessOptions {
  readonly project: SheetsProject
  readonly organ: string
  readonly workDir: string
  readonly workDirKind: 'disk' | 'tmpfs'
  readonly runs: number
  /** Chromium's path, or undefined to leave its baseline out. */
  readonly chromium: string | undefined
  /** The HTML Chromium prints: every sheet in one document, a page break between them (one page per sheet took 0.9 s, the fonts loaded anew each time). */
  readonly html: (sheets: readonly Disclosure[]) => string
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly log: (message: string) => void
}

const pdfsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).length : 0)

/** Runs the three whole processes `runs` times each, interleaved (ours, Typst, Chromium) so that others' load falls on all alike. */
export function measureWholeProcess(o: WholeProcessOptions): WholeProcessRuns {
  const env = o.env ?? process.env
  const memory = defaultMemoryMethod()
  const scratch = join(o.workDir, 'scratch')
  mkdirSync(scratch, { recursive: true })
  const ver = typstVersion()
  const typstNotice = ver === undefined ? typstMissing(env) : undefined
  if (typstNotice !== undefined) o.log(typstNotice)
  const chromiumNotice = o.chromium === undefined ? 'Chromium not installed: its whole-process baseline skipped' : undefined

  const typDir = join(o.workDir, 'typst-src')
  const htmlDir = join(o.workDir, 'chromium-src')
  mkdirSync(typDir, { recursive: true })
  mkdirSync(htmlDir, { recursive: true })
  for (const d of o.project.sheets) {
    writeFileSync(join(typDir, `${d.publication.id}.typ`), typstSource(d, o.organ))
  }
  if (o.chromium !== undefined) writeFileSync(join(htmlDir, 'run.html'), o.html(o.project.sheets))
  const typOut = join(o.workDir, 'typst-out')
  const htmlOut = join(o.workDir, 'chromium-out')
  const bin = join(repoRoot, 'packages', 'cli', 'dist', 'bin.js')
  const gongkai: Command = { file: process.execPath, node: true, args: [bin, 'build', o.project.dir, '--channel', 'noticeboard'], env: { ...env, GONGKAI_NOW: NOW, NO_COLOR: '1' } }
  const renderOnly: Command = { ...gongkai, args: [...gongkai.args, '--no-cache'] }
  const typst: Command = { file: process.execPath, node: true, args: [join(dist, 'typst-compile.js'), typDir, typOut, ...typstFontPaths()], env }
  const chrome: Command = { file: process.execPath, node: true, args: [join(dist, 'chromium-print.js'), htmlDir, htmlOut, o.chromium ?? ''], env }

  const ours: Measured[] = []
  const oursRenderOnly: Measured[] = []
  const typ: Measured[] = []
  const chr: Measured[] = []
  const once = (cmd: Command, into: Measured[], what: string) => {
    const m = measure(cmd, scratch, memory)
    into.push(m)
    o.log(`${what}: ${(m.ms / 1000).toFixed(2)} s${m.cpuS === undefined ? '' : `, ${m.cpuS.toFixed(2)} s CPU`}${m.status === 0 ? '' : `, exit ${m.status} (${m.stderr.trim().split('\n')[0] ?? ''})`}`)
  }
  for (let k = 0; k < o.runs; k++) {
    // Every sheet set anew, as Typst and Chromium do: no render cache, no load cache, no output.
    rmSync(join(o.project.dir, '.gongkai'), { recursive: true, force: true })
    rmSync(join(o.project.dir, 'out'), { recursive: true, force: true })
    once(gongkai, ours, `gongkai build --channel noticeboard ${k + 1}`)
    // What the cold build spends on loading 200 publications shows as the difference to this one.
    once(renderOnly, oursRenderOnly, `gongkai build --channel noticeboard --no-cache, load cache warm ${k + 1}`)
    if (typstNotice === undefined) {
      rmSync(typOut, { recursive: true, force: true })
      once(typst, typ, `Typst ${k + 1}`)
    }
    if (chromiumNotice === undefined) {
      rmSync(htmlOut, { recursive: true, force: true })
      once(chrome, chr, `Chromium ${k + 1}`)
    }
  }
  return {
    sheets: o.project.sheets.length,
    loaded: o.project.loaded,
    ours,
    oursRenderOnly,
    typst: typ,
    chromium: chr,
    files: { ours: pdfsIn(join(o.project.dir, 'out', 'noticeboard')), typst: pdfsIn(typOut), chromium: pdfsIn(htmlOut) },
    outDirs: { ours: join(o.project.dir, 'out', 'noticeboard'), typst: typOut, chromium: htmlOut },
    typstName: ver === undefined ? 'Typst (missing)' : `Typst (${TYPST_PACKAGE_NAME} ${ver})`,
    typstNotice,
    chromiumNotice,
    kind: `whole process, ${o.workDirKind}`,
  }
}

const ok = (runs: readonly Measured[]) => runs.length > 0 && runs.every((r) => r.status === 0)
const wall = (runs: readonly Measured[]) => runs.map((r) => r.ms / 1000)
const cpu = (runs: readonly Measured[]) => runs.map((r) => r.cpuS).filter((c): c is number => c !== undefined)
const list = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(', ')

/** gongkai's figure per sheet over the baseline's per sheet; undefined when either is missing. */
export function perSheetRatio(ours: number, oursSheets: number, theirs: number, theirSheets: number): number | undefined {
  if (!(ours > 0) || !(theirs > 0) || oursSheets <= 0 || theirSheets <= 0) return undefined
  return ours / oursSheets / (theirs / theirSheets)
}

/** The whole-process rows: the median judged, the best and every run beside it, wall and CPU time, ratios per sheet. */
export function wholeProcessRows(m: WholeProcessRuns): BenchRow[] {
  const n = m.sheets
  const notes = (runs: readonly Measured[]) => {
    const c = cpu(runs)
    const failed = runs.filter((r) => r.status !== 0)
    return `${runs.length} runs: ${list(wall(runs))} s wall${c.length === runs.length && c.length > 0 ? `, ${list(c)} s CPU (user + system)` : ''}${failed.length === 0 ? '' : `; ${failed.length} run(s) failed: exit ${failed[0]?.status ?? 'signal'} ${failed[0]?.stderr.trim().split('\n')[0] ?? ''}`}`
  }
  const ms = (s: number) => `${((s / n) * 1000).toFixed(1)} ms/sheet`
  const oursS = median(wall(m.ours))
  const typS = m.typst.length === 0 ? Number.NaN : median(wall(m.typst))
  const chrS = m.chromium.length === 0 ? Number.NaN : median(wall(m.chromium))
  // Each tool set the same n sheets (their PDFs are counted in the notes).
  const vsTypst = ok(m.typst) ? perSheetRatio(oursS, n, typS, n) : undefined
  const vsChrome = ok(m.chromium) ? perSheetRatio(oursS, n, chrS, n) : undefined
  const rows: BenchRow[] = [
    {
      group: 'noticeboard',
      name: `whole process: \`gongkai build --channel noticeboard\`, ${n} sheets (${m.loaded} publications loaded; no .gongkai/, no out/)`,
      kind: m.kind,
      value: oursS,
      best: best(wall(m.ours)),
      samples: wall(m.ours),
      unit: 's',
      baselines: [
        { name: m.typstName, value: typS, ...(vsTypst === undefined ? {} : { ratio: vsTypst }) },
        ...(m.chromiumNotice === undefined ? [{ name: 'Chromium page.pdf', value: chrS, ...(vsChrome === undefined ? {} : { ratio: vsChrome }) }] : []),
      ],
      target: `≤ ${TYPST_TARGET.toFixed(1)}× Typst per sheet (ratio = gongkai / Typst, per sheet)`,
      ...(vsTypst === undefined ? {} : { pass: ok(m.ours) && vsTypst <= TYPST_TARGET }),
      note: `median judged; ${ms(oursS)}; ${notes(m.ours)}; ${m.files.ours} PDFs in out/noticeboard${m.typstNotice === undefined ? '' : `; ${m.typstNotice}`}`,
    },
  ]
  const renderS = m.oursRenderOnly.length === 0 ? Number.NaN : median(wall(m.oursRenderOnly))
  const renderVsTypst = ok(m.typst) && ok(m.oursRenderOnly) ? perSheetRatio(renderS, n, typS, n) : undefined
  rows.push({
    group: 'noticeboard',
    name: `  whole process: the same build again, load cache warm, \`--no-cache\` (every sheet set anew, no Markdown parsed)`,
    kind: m.kind,
    value: renderS,
    best: best(wall(m.oursRenderOnly)),
    samples: wall(m.oursRenderOnly),
    unit: 's',
    ...(m.typstNotice === undefined ? { baseline: { name: m.typstName, value: typS } } : {}),
    ...(renderVsTypst === undefined ? {} : { ratio: renderVsTypst }),
    target: 'informational: the cold row less this one is the load of the publications (read, parse, validate, cache)',
    note: `${ms(renderS)}; ${notes(m.oursRenderOnly)}`,
  })
  if (m.typstNotice === undefined)
    rows.push({
      group: 'noticeboard',
      name: `  whole process: ${m.typstName}, one Node script compiling the same ${n} sheets`,
      kind: m.kind,
      value: typS,
      best: best(wall(m.typst)),
      samples: wall(m.typst),
      unit: 's',
      note: `${ms(typS)}; ${notes(m.typst)}; ${m.files.typst} PDFs; the same Noto TTFs as font paths, one plain GB/T 9704-like document per sheet`,
    })
  if (m.chromiumNotice === undefined)
    rows.push({
      group: 'noticeboard',
      name: `  whole process: Chromium page.pdf, one Node script printing the same ${n} sheets`,
      kind: m.kind,
      value: chrS,
      best: best(wall(m.chromium)),
      samples: wall(m.chromium),
      unit: 's',
      note: `${ms(chrS)}; ${notes(m.chromium)}; the sheets in one HTML, printed to ${m.files.chromium} PDF`,
    })
  else rows.push({ group: 'noticeboard', name: '  whole process: Chromium page.pdf', kind: m.kind, value: Number.NaN, unit: 's', note: m.chromiumNotice })
  // CPU time moves much less than wall time with others' load on a shared machine.
  const oursCpu = cpu(m.ours).length === 0 ? Number.NaN : median(cpu(m.ours))
  const renderCpu = cpu(m.oursRenderOnly).length === 0 ? Number.NaN : median(cpu(m.oursRenderOnly))
  const typCpu = cpu(m.typst).length === 0 ? Number.NaN : median(cpu(m.typst))
  const chrCpu = cpu(m.chromium).length === 0 ? Number.NaN : median(cpu(m.chromium))
  const cpuVsTypst = perSheetRatio(oursCpu, n, typCpu, n)
  const cpuVsChrome = perSheetRatio(oursCpu, n, chrCpu, n)
  rows.push({
    group: 'noticeboard',
    name: `  CPU time (user + system) of the same whole processes, per sheet`,
    kind: m.kind,
    value: (oursCpu / n) * 1000,
    unit: 'ms/sheet',
    baselines: [
      { name: m.typstName, value: (typCpu / n) * 1000, ...(cpuVsTypst === undefined ? {} : { ratio: cpuVsTypst }) },
      ...(m.chromiumNotice === undefined
        ? [{ name: 'Chromium page.pdf (the script and the browser it waits for, as GNU time counts them)', value: (chrCpu / n) * 1000, ...(cpuVsChrome === undefined ? {} : { ratio: cpuVsChrome }) }]
        : []),
    ],
    target: 'informational: GNU time of the process and its threads, median of the runs',
    note: `gongkai's cold build; the same build with the load cache warm and --no-cache: ${((renderCpu / n) * 1000).toFixed(1)} ms/sheet${Number.isFinite(typCpu) ? ` (${(renderCpu / typCpu).toFixed(2)}× Typst)` : ''}`,
  })
  return rows
}

/** Typst warm in this process: one compiler, warmed on a few sheets, then every sheet compiled and written to PDF bytes. */
export function typstInProcess(sheets: readonly Disclosure[], organ: string): { msPerSheet: number; pages: number; pdfs: Uint8Array[] } | undefined {
  if (typstVersion() === undefined) return undefined
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler') as typeof import('@myriaddreamin/typst-ts-node-compiler')
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: typstFontPaths() }] })
  const sources = sheets.map((d) => typstSource(d, organ))
  const one = (src: string) => {
    const r = compiler.compile({ mainFileContent: src })
    const doc = r.result
    if (doc === null) throw new Error(`Typst 无法编译：${JSON.stringify(r.takeDiagnostics()?.shortDiagnostics ?? [])}`)
    return { pdf: compiler.pdf(doc), pages: doc.numOfPages }
  }
  for (const src of sources.slice(0, 3)) one(src)
  let pages = 0
  const pdfs: Uint8Array[] = []
  const t0 = performance.now()
  for (const src of sources) {
    const r = one(src)
    pages += r.pages
    pdfs.push(r.pdf)
  }
  const ms = performance.now() - t0
  return { msPerSheet: ms / sources.length, pages, pdfs }
}
