/**
 * Noticeboard rows: warm sheets per second and bytes per page against headless Chromium printing
 * the same publications from simple HTML in the same run; the same sheets beside Typst, warm in
 * this process and as whole processes (`gongkai build --channel noticeboard` against a Node script
 * running the Typst compiler and one running Chromium); and the cold one-sheet print in a fresh process.
 */
import { spawnSync } from 'node:child_process'
import { deflateSync, inflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createRenderContext, toPlainText } from '@gongkai/core'
import type { Disclosure } from '@gongkai/core'
import { noticeboard } from '@gongkai/noticeboard'
import { renderSheet, renderSheets } from '@gongkai/noticeboard/internal'
import type { Nodes } from 'mdast'
import { measureWholeProcess, perSheetRatio, TYPST_TARGET, typstInProcess, wholeProcessRows, writeSheetsProject } from '../sheets-vs-typst.js'
import { typstMissing } from '../typst.js'
import { CHROME_ARGS } from '../types.js'
import { runsFrom } from './cli.js'
import type { BenchContext, BenchRow } from '../types.js'

const benchDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
const require = createRequire(import.meta.url)

function pageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length
}

/**
 * What no PDF writer can avoid while embedding the same font outlines and keeping the text
 * extractable: the embedded font programs, plus each page's glyph ids as two-byte values
 * compressed on their own. Anything above it is operators, positions and page objects.
 */
function floorOf(pdf: Uint8Array): { fontBytes: number; glyphBytes: number; pages: number } {
  const src = Buffer.from(pdf).toString('latin1')
  const streamAt = (id: string) => {
    const m = new RegExp(`(?:^|\\s)${id} 0 obj\\s*<<([^>]*)>>\\s*stream\\r?\\n`).exec(src)
    if (m === null) throw new Error(`stream ${id} not found`)
    const length = Number(/\/Length (\d+)/.exec(m[1]!)![1])
    return { length, data: pdf.subarray(m.index + m[0].length, m.index + m[0].length + length) }
  }
  let fontBytes = 0
  for (const m of src.matchAll(/\/FontFile[23]? (\d+) 0 R/g)) fontBytes += streamAt(m[1]!).length
  let glyphBytes = 0
  const contents = [...src.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => m[1]!)
  for (const id of contents) {
    const ops = inflateSync(streamAt(id).data).toString('latin1')
    const hex = [...ops.matchAll(/<([0-9a-fA-F]+)>\s*Tj/g)].map((m) => m[1]).join('')
    if (hex !== '') glyphBytes += deflateSync(Buffer.from(hex, 'hex'), { level: 9 }).byteLength
  }
  return { fontBytes, glyphBytes, pages: contents.length }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function html(node: Nodes): string {
  switch (node.type) {
    case 'root':
      return node.children.map(html).join('\n')
    case 'paragraph':
      return `<p>${esc(toPlainText(node))}</p>`
    case 'heading':
      return `<h2>${esc(toPlainText(node))}</h2>`
    case 'list':
      return `<ul>${node.children.map((i) => `<li>${esc(toPlainText(i))}</li>`).join('')}</ul>`
    case 'table':
      return `<table>${node.children.map((r, i) => `<tr>${r.children.map((c) => (i === 0 ? `<th>${esc(toPlainText(c))}</th>` : `<td>${esc(toPlainText(c))}</td>`)).join('')}</tr>`).join('')}</table>`
    default:
      return `<p>${esc(toPlainText(node))}</p>`
  }
}

/** The same sheets as simple HTML: same fonts (the npm Noto TTFs), same margins and sizes; several sheets break pages between them. */
export function sheetHtml(list: readonly Disclosure[], organ: string): string {
  const font = (pkg: string, dir: string, file: string) => pathToFileURL(join(dirname(require.resolve(`${pkg}/package.json`)), dir, file)).href
  const serif = font('@expo-google-fonts/noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf')
  const serifBold = font('@expo-google-fonts/noto-serif-sc', '700Bold', 'NotoSerifSC_700Bold.ttf')
  const sans = font('@expo-google-fonts/noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@font-face{font-family:S;src:url(${serif})}@font-face{font-family:S;font-weight:700;src:url(${serifBold})}@font-face{font-family:H;src:url(${sans})}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
body{margin:0;font:15.8pt/28.99pt S}p{margin:0;text-indent:2em;text-align:justify}h1{font:700 22pt/28.99pt S;text-align:center;margin:0 0 28.99pt}
h2{font:400 15.8pt/28.99pt H;margin:0;text-indent:2em}.organ{color:#c8161d;font:700 30pt/57.98pt S;text-align:center}.meta{font:12pt H;display:flex;justify-content:space-between;border-bottom:1.2pt solid #c8161d}
table{border-collapse:collapse;width:100%;font:12pt/17.4pt S}td,th{border:.6pt solid #000;padding:4pt}ul{margin:0}
.box{border:1.2pt solid #000;padding:10pt;font:14pt H;margin-top:28.99pt}.sig{text-align:right;margin-right:4em;margin-top:28.99pt}
section+section{break-before:page}
</style></head><body>${list.map((d) => section(d, organ)).join('\n')}</body></html>`
}

function section(d: Disclosure, organ: string): string {
  const p = d.publication
  return `<section><div class="organ">${esc(organ)}</div><div class="meta"><span>事项名称：${esc(d.item.name)}</span><span>事项编码：${esc(d.item.code)}</span></div>
<h1>${esc(p.title)}</h1>${html(d.tree)}<div class="sig">${esc(organ)}<br>${esc(p.formed)}</div>
${p.noticePeriod === undefined ? '' : `<div class="box">公示期：${esc(p.noticePeriod.from)}至${esc(p.noticePeriod.until)}</div>`}</section>`
}

const COLD = `
const t0 = performance.now()
const { createDisclosure, createIndexNumbering, defineConfig } = await import('@gongkai/core')
const { renderBatch } = await import('@gongkai/noticeboard')
const { writeFileSync } = await import('node:fs')
const input = JSON.parse(process.argv[1])
const { disclosure: d } = createDisclosure(input.item, input.publication, { orgCode: '008672531', serial: createIndexNumbering() })
const config = defineConfig({ body: { name: '青川县生态环境局' }, site: { baseUrl: 'https://www.qingchuan.gov.cn/hbj/gk/' } })
const r = await renderBatch([d], { on: input.on }, { config, readAsset: async () => { throw new Error('no assets') } })
writeFileSync(process.argv[2], r.pdf)
process.stdout.write(JSON.stringify({ inProcessMs: performance.now() - t0, pages: r.pages, posted: r.posted.length }))
`

/** Warm sheets/s and bytes/page against Chromium, and the cold one-sheet print. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const n = ctx.quick ? 20 : 100
  const sample = ctx.corpus.disclosures.filter((d) => d.item.channels.includes('noticeboard')).slice(0, n)
  const rctx = createRenderContext({ config: ctx.corpus.config, catalog: ctx.corpus.catalog, all: ctx.corpus.disclosures, projectDir: ctx.corpus.projectDir })
  const channel = noticeboard()
  for (const d of sample.slice(0, 5)) await channel.render(d, rctx)

  ctx.log(`rendering ${sample.length} sheets with pdfkit`)
  let pages = 0
  let bytes = 0
  const pdfs: Uint8Array[] = []
  const t0 = performance.now()
  for (const d of sample) {
    const r = await renderSheet(d, rctx)
    pages += r.pages
    bytes += r.pdf.byteLength
    pdfs.push(r.pdf)
  }
  const ms = performance.now() - t0
  const ours = { sheets: (sample.length / ms) * 1000, pages: (pages / ms) * 1000, bytesPerPage: bytes / pages }
  // The print run: the same sheets in one PDF, fonts embedded once.
  const run = await renderSheets(sample, {}, rctx)
  const oursRun = { bytesPerPage: run.pdf.byteLength / run.pages, pages: run.pages }
  let chromeRun: { bytesPerPage: number; pages: number } | undefined

  let chrome: { pages: number; bytesPerPage: number; sheets: number } | undefined
  let note: string
  if (ctx.chromium === undefined) {
    note = 'Chromium not installed: baseline skipped'
    ctx.log(note)
  } else {
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({
      executablePath: ctx.chromium,
      args: [...CHROME_ARGS],
    })
    try {
      const page = await browser.newPage()
      const files = sample.map((d, i) => {
        const f = join(ctx.workDir, `sheet-${i}.html`)
        writeFileSync(f, sheetHtml([d], ctx.corpus.config.body.name))
        return pathToFileURL(f).href
      })
      for (const f of files.slice(0, 3)) {
        await page.goto(f)
        await page.pdf({ preferCSSPageSize: true })
      }
      const m = ctx.quick ? Math.min(10, files.length) : Math.min(30, files.length)
      ctx.log(`printing ${m} sheets with Chromium`)
      let cPages = 0
      let cBytes = 0
      const c0 = performance.now()
      for (const f of files.slice(0, m)) {
        await page.goto(f)
        const pdf = await page.pdf({ preferCSSPageSize: true })
        cPages += pageCount(pdf)
        cBytes += pdf.byteLength
      }
      const cms = performance.now() - c0
      chrome = { sheets: (m / cms) * 1000, pages: (cPages / cms) * 1000, bytesPerPage: cBytes / cPages }
      const all = join(ctx.workDir, 'run.html')
      writeFileSync(all, sheetHtml(sample, ctx.corpus.config.body.name))
      await page.goto(pathToFileURL(all).href)
      const runPdf = await page.pdf({ preferCSSPageSize: true })
      chromeRun = { bytesPerPage: runPdf.byteLength / pageCount(runPdf), pages: pageCount(runPdf) }
      note = `Chromium printed the first ${m} of the same ${sample.length} publications`
    } finally {
      await browser.close()
    }
  }

  const speedRatio = chrome === undefined ? undefined : ours.pages / chrome.pages
  const sizeRatio = chrome === undefined ? undefined : ours.bytesPerPage / chrome.bytesPerPage
  const runRatio = chromeRun === undefined ? undefined : oursRun.bytesPerPage / chromeRun.bytesPerPage
  rows.push(
    {
      group: 'noticeboard',
      name: `warm sheets, ${sample.length} publications (${pages} pages)`,
      value: ours.pages,
      unit: 'pages/s',
      ...(chrome === undefined ? {} : { baseline: { name: 'Chromium page.pdf', value: chrome.pages }, ratio: speedRatio! }),
      target: '≥ 15× Chromium (ratio = ours / Chromium)',
      ...(speedRatio === undefined ? {} : { pass: speedRatio >= 15 }),
      note: `${ours.sheets.toFixed(1)} sheets/s${note === '' ? '' : `; ${note}`}`,
    },
    {
      group: 'noticeboard',
      name: `bytes per page, print run of ${sample.length} sheets in one PDF (${oursRun.pages} pages)`,
      value: Math.round(oursRun.bytesPerPage),
      unit: 'bytes/page',
      ...(chromeRun === undefined ? {} : { baseline: { name: `Chromium, one HTML (${chromeRun.pages} pages)`, value: Math.round(chromeRun.bytesPerPage) }, ratio: runRatio! }),
      target: '≤ 0.25× Chromium',
      ...(runRatio === undefined ? {} : { pass: runRatio <= 0.25 }),
    },
    ...(chromeRun === undefined ? [] : [floorRow([run.pdf], chromeRun.bytesPerPage, 'Chromium run')]),
    {
      group: 'noticeboard',
      name: 'bytes per page, one PDF per sheet',
      value: Math.round(ours.bytesPerPage),
      unit: 'bytes/page',
      ...(chrome === undefined ? {} : { baseline: { name: 'Chromium page.pdf', value: Math.round(chrome.bytesPerPage) }, ratio: sizeRatio! }),
      target: '≤ 0.25× Chromium',
      ...(sizeRatio === undefined ? {} : { pass: sizeRatio <= 0.25 }),
    },
    ...(chrome === undefined ? [] : [floorRow(pdfs, chrome.bytesPerPage, 'Chromium page.pdf')]),
  )

  // Typst warm in this process on the same publications: one compiler, fonts parsed once.
  ctx.log(`compiling the same ${sample.length} sheets with Typst`)
  const typ = typstInProcess(sample, ctx.corpus.config.body.name)
  const oursMs = ms / sample.length
  const typRatio = typ === undefined ? undefined : perSheetRatio(oursMs, 1, typ.msPerSheet, 1)
  rows.push({
    group: 'noticeboard',
    name: `warm ms per sheet, the same ${sample.length} publications: renderSheet against Typst compile + pdf`,
    kind: 'in-process',
    value: oursMs,
    unit: 'ms/sheet',
    ...(typ === undefined ? {} : { baseline: { name: 'Typst, warm compiler', value: typ.msPerSheet }, ratio: typRatio! }),
    target: `≤ ${TYPST_TARGET.toFixed(1)}× Typst (ratio = gongkai / Typst, per sheet)`,
    ...(typRatio === undefined ? {} : { pass: typRatio <= TYPST_TARGET }),
    note: typ === undefined ? typstMissing(process.env) : `ours ${pages} pages, Typst ${typ.pages} pages; in-process, not what operators run (see the whole-process row)`,
  })

  // The same sheets as whole processes: the project on disk with the corpus's first 200 publications.
  const project = writeSheetsProject(ctx.corpus, join(ctx.workDir, 'sheets-project'), 200)
  const whole = measureWholeProcess({
    project,
    organ: ctx.corpus.config.body.name,
    workDir: join(ctx.workDir, 'whole'),
    workDirKind: ctx.workDirKind,
    runs: runsFrom(process.env),
    chromium: ctx.chromium,
    html: (sheets) => sheetHtml(sheets, ctx.corpus.config.body.name),
    log: ctx.log,
  })
  rows.push(...wholeProcessRows(whole))

  // The cold one-sheet print: a fresh Node process that imports the built packages and renders one sheet.
  const d = sample[0]!
  const input = JSON.stringify({ item: d.item, publication: { ...d.publication }, on: d.publication.noticePeriod?.from ?? d.publication.formed })
  const out = join(ctx.workDir, 'cold.pdf')
  const times: number[] = []
  let last: { inProcessMs: number; pages: number; posted: number } | undefined
  for (let i = 0; i < 3; i++) {
    const c0 = performance.now()
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', COLD, input, out], { cwd: benchDir, encoding: 'utf8' })
    times.push(performance.now() - c0)
    if (r.status !== 0) throw new Error(`cold print failed: ${r.stderr}`)
    last = JSON.parse(r.stdout) as typeof last
  }
  times.sort((a, b) => a - b)
  const cold = times[1]! / 1000
  rows.push({
    group: 'noticeboard',
    name: 'cold one-sheet print (fresh node process, renderBatch)',
    kind: 'fresh process, API',
    value: cold,
    unit: 's',
    target: '< 1 s',
    pass: cold < 1,
    note: `median of 3; ${last?.pages ?? 0} pages incl. index; ${last?.inProcessMs.toFixed(0) ?? '?'} ms after process start`,
  })
  rows.push(coldCliPrint(ctx))
  return rows
}

/** The run's irreducible bytes per page against a quarter of Chromium's: shows how far the target is reachable at all. */
function floorRow(pdfs: readonly Uint8Array[], chromeBytesPerPage: number, baseline: string): BenchRow {
  const f = { fontBytes: 0, glyphBytes: 0, pages: 0 }
  for (const pdf of pdfs) {
    const one = floorOf(pdf)
    f.fontBytes += one.fontBytes
    f.glyphBytes += one.glyphBytes
    f.pages += one.pages
  }
  const perPage = (f.fontBytes + f.glyphBytes) / f.pages
  return {
    group: 'noticeboard',
    name: `  floor of the same PDFs: embedded fonts + bare glyph ids`,
    value: Math.round(perPage),
    unit: 'bytes/page',
    baseline: { name: baseline, value: Math.round(chromeBytesPerPage) },
    ratio: perPage / chromeBytesPerPage,
    target: 'informational: the fonts and ids alone, before one operator',
    note: `fonts ${Math.round(f.fontBytes / f.pages)} + glyph ids ${Math.round(f.glyphBytes / f.pages)} bytes/page over ${f.pages} pages; what our run writes above it is operators, positions and page objects`,
  }
}

/** `gongkai print` itself on a one-publication project, in a fresh process, as staff run it. */
function coldCliPrint(ctx: BenchContext): BenchRow {
  const dir = join(ctx.workDir, 'one-sheet')
  mkdirSync(join(dir, 'publications'), { recursive: true })
  writeFileSync(
    join(dir, 'gongkai.config.yaml'),
    'body:\n  name: 青川县生态环境局\n  orgCode: "008672531"\nsite:\n  title: 青川县生态环境局政府信息公开\n  baseUrl: https://www.qingchuan.gov.cn/hbj/gk/\n',
  )
  writeFileSync(
    join(dir, 'catalog.yaml'),
    'items:\n  - code: HB-XZCF-001\n    name: 行政处罚决定\n    category: 行政处罚\n    basis: [《中华人民共和国行政处罚法》第四十八条]\n    content: 行政处罚决定书\n    owner: 执法大队\n    timeLimit: 自作出行政处罚决定之日起7个工作日内\n    channels: [website, noticeboard]\n    audience: public\n    mode: proactive\n    level: [county]\n',
  )
  const p = ctx.corpus.publications[0]!
  writeFileSync(
    join(dir, 'publications', 'one.md'),
    `---\nid: one\nitem: HB-XZCF-001\ntitle: ${JSON.stringify(p.title)}\nkind: release\nstage: result\nformed: 2026-11-20\nnoticePeriod: { from: 2026-11-26, until: 2026-12-03 }\nreview: { by: 王建国, on: 2026-11-21 }\n---\n\n${p.body}\n`,
  )
  const bin = join(benchDir, '..', 'packages', 'cli', 'dist', 'bin.js')
  const out = join(ctx.workDir, 'one-sheet.pdf')
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, [bin, 'print', dir, '--on', '2026-11-26', '--out', out], { encoding: 'utf8' })
    times.push(performance.now() - t0)
    if (r.status !== 0) throw new Error(`gongkai print failed: ${r.stderr}`)
  }
  times.sort((a, b) => a - b)
  const cold = times[1]! / 1000
  return {
    group: 'noticeboard',
    name: 'cold one-sheet `gongkai print` (CLI, fresh process)',
    kind: 'whole process',
    value: cold,
    unit: 's',
    target: '< 1 s',
    pass: cold < 1,
    note: `median of 3: ${times.map((t) => t.toFixed(0)).join(' / ')} ms`,
  }
}
