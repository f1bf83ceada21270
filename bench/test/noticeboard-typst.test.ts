import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { toPlainText } from '@gongkai/core'
import { afterAll, describe, expect, it } from 'vitest'
import { generateCorpus } from '../src/corpus.js'
import type { Measured } from '../src/measure.js'
import { sheetHtml } from '../src/rows/noticeboard.js'
import { measureWholeProcess, perSheetRatio, TYPST_TARGET, typstInProcess, wholeProcessRows, writeSheetsProject } from '../src/sheets-vs-typst.js'
import type { WholeProcessRuns } from '../src/sheets-vs-typst.js'
import { typstMissing, typstSource, typstString, typstVersion } from '../src/typst.js'

const work = mkdtempSync(join(tmpdir(), 'bench-typst-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

// Missing outside CI: skipped. Under CI=true a missing package fails the row module, and here the tests.
const typst = typstVersion()
const chromium = [process.env['CHROME_PATH'], '/usr/bin/chromium'].find((p) => p !== undefined && p !== '' && existsSync(p))

const pdfText = (file: string) => {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pdftotext ${file}: ${r.stderr}`)
  return r.stdout.replace(/\s+/g, '')
}

const runs = (seconds: readonly number[], cpu = 0.8): Measured[] => seconds.map((s) => ({ ms: s * 1000, maxRssMb: 200, cpuS: s * cpu, status: 0, stdout: '', stderr: '' }))

const measured = (over: Partial<WholeProcessRuns> = {}): WholeProcessRuns => ({
  sheets: 100,
  loaded: 200,
  ours: runs([3.2, 3.0, 3.4]),
  oursRenderOnly: runs([2.0, 1.8, 2.2]),
  typst: runs([1.1, 1.0, 1.2]),
  chromium: runs([9, 8, 10]),
  files: { ours: 100, typst: 100, chromium: 1 },
  outDirs: { ours: 'a', typst: 'b', chromium: 'c' },
  typstName: 'Typst (typst-ts-node-compiler 0.7.0)',
  typstNotice: undefined,
  chromiumNotice: undefined,
  kind: 'whole process, tmpfs',
  ...over,
})

describe('the Typst baseline', () => {
  it('is a failure under CI=true when the package is missing, a notice elsewhere', () => {
    expect(() => typstMissing({ CI: 'true' })).toThrow(/CI=true 时不能跳过/)
    expect(typstMissing({})).toContain('Typst 对照行跳过')
  })

  it('puts text into Typst strings, never markup', () => {
    expect(typstString('a "b" \\ #c *d* $e$\n')).toBe('"a \\"b\\" \\\\ #c *d* $e$ "')
  })

  it('judges gongkai per sheet against Typst, with Chromium and CPU time beside it', () => {
    const rows = wholeProcessRows(measured())
    const main = rows[0]!
    expect(main.name).toContain('100 sheets (200 publications loaded')
    expect([main.value, main.best, main.samples]).toEqual([3.2, 3.0, [3.2, 3.0, 3.4]])
    expect(main.baselines?.map((b) => [b.name, b.value])).toEqual([
      ['Typst (typst-ts-node-compiler 0.7.0)', 1.1],
      ['Chromium page.pdf', 9],
    ])
    expect(main.baselines?.[0]?.ratio).toBeCloseTo(3.2 / 1.1, 12)
    expect(main.baselines?.[1]?.ratio).toBeCloseTo(3.2 / 9, 12)
    expect(main.pass).toBe(false)
    expect(main.target).toContain(`≤ ${TYPST_TARGET.toFixed(1)}× Typst per sheet`)
    expect(main.note).toContain('32.0 ms/sheet')
    const fast = wholeProcessRows(measured({ ours: runs([1.0, 1.05, 1.2]) }))[0]!
    expect(fast.pass).toBe(true)
    expect(fast.baselines?.[0]?.ratio).toBeCloseTo(1.05 / 1.1, 12)
    const renderOnly = rows.find((r) => r.name.includes('load cache warm'))!
    expect([renderOnly.value, renderOnly.pass]).toEqual([2.0, undefined])
    expect(renderOnly.ratio).toBeCloseTo(2.0 / 1.1, 12)
    const cpu = rows.find((r) => r.name.includes('CPU time'))!
    expect(cpu.value).toBeCloseTo(25.6)
    expect(cpu.note).toContain('16.0 ms/sheet (1.82× Typst)')
    expect(cpu.baselines?.[0]?.ratio).toBeCloseTo(3.2 / 1.1)
    expect(perSheetRatio(2, 100, 1, 50)).toBe(1)
    expect(perSheetRatio(2, 100, Number.NaN, 100)).toBeUndefined()
  })

  it('leaves the target unjudged when Typst is missing, and says why', () => {
    const rows = wholeProcessRows(measured({ typst: [], typstName: 'Typst (missing)', typstNotice: '未安装' }))
    expect(rows[0]!.pass).toBeUndefined()
    expect(rows[0]!.baselines?.[0]?.ratio).toBeUndefined()
    expect(rows[0]!.note).toContain('未安装')
    expect(rows.some((r) => r.name.includes('one Node script compiling'))).toBe(false)
  })

  it.skipIf(typst === undefined && process.env['CI'] !== 'true')('runs the whole processes on the same sheets: PDFs with the text, the ratio computed', () => {
    if (typst === undefined) typstMissing(process.env)
    const corpus = generateCorpus({ count: 8, dir: join(work, 'corpus') })
    const project = writeSheetsProject(corpus, join(work, 'project'), 8)
    expect([project.loaded, project.sheets.length]).toEqual([8, 4])
    const logs: string[] = []
    const m = measureWholeProcess({
      project,
      organ: corpus.config.body.name,
      workDir: join(work, 'whole'),
      workDirKind: 'disk',
      runs: 1,
      chromium,
      html: (sheets) => sheetHtml(sheets, corpus.config.body.name),
      log: (x) => logs.push(x),
    })
    expect(m.ours.map((r) => r.status)).toEqual([0])
    expect(m.oursRenderOnly.map((r) => r.status)).toEqual([0])
    expect(m.typst.map((r) => r.status)).toEqual([0])
    expect([m.files.ours, m.files.typst]).toEqual([4, 4])
    for (const d of project.sheets) {
      const sentence = toPlainText(d.tree.children.find((c) => c.type === 'paragraph')!).slice(0, 12)
      for (const dir of [m.outDirs.ours, m.outDirs.typst]) {
        const text = pdfText(join(dir, `${d.publication.id}.pdf`))
        expect(text).toContain('青川县生态环境局')
        expect(text).toContain(d.publication.title.replace(/\s+/g, ''))
        expect(text).toContain(sentence.replace(/\s+/g, ''))
      }
    }
    if (chromium !== undefined) {
      expect(m.files.chromium).toBe(1)
      expect(pdfText(join(m.outDirs.chromium, 'run.pdf'))).toContain(project.sheets[3]!.publication.title)
    }
    const main = wholeProcessRows(m)[0]!
    const ratio = main.baselines?.[0]?.ratio
    expect(ratio).toBeGreaterThan(0)
    expect(ratio).toBeCloseTo(m.ours[0]!.ms / m.typst[0]!.ms, 9)
    expect(main.pass).toBe(ratio! <= TYPST_TARGET)
  })

  it.skipIf(typst === undefined && process.env['CI'] !== 'true')('compiles warm in-process, every sheet with its title', () => {
    if (typst === undefined) typstMissing(process.env)
    const corpus = generateCorpus({ count: 4, dir: join(work, 'warm') })
    const sheets = corpus.disclosures.filter((d) => d.item.channels.includes('noticeboard'))
    const r = typstInProcess(sheets, corpus.config.body.name)!
    expect(r.msPerSheet).toBeGreaterThan(0)
    expect(r.pdfs).toHaveLength(sheets.length)
    r.pdfs.forEach((pdf, i) => {
      const file = join(work, `warm-${i}.pdf`)
      writeFileSync(file, pdf)
      expect(pdfText(file)).toContain(sheets[i]!.publication.title)
    })
    expect(typstSource(sheets[0]!, '青川县生态环境局')).toContain('#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm)')
  })
})
