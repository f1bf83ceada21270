/**
 * The sheet's title as printed, read back from the PDF with `pdftotext -bbox`: the example's
 * titles that the issue saw broken (行政处罚 / 决定书, 生态 / 环境保护规划) are set in the shared
 * breaker's lines, centred, never split inside a protected word nor leaving one character alone.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createRenderContext, loadProject } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { codeVersion } from '@gongkai/core/internal'
import { noticeboard } from '../src/index.js'
import { renderSheet } from '../src/internal.js'
import { titleWithoutNumber } from '../src/render/parts.js'
import { GEOMETRY } from '../src/layout/geometry.js'
import { save } from './pdf-tools.js'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau', import.meta.url))
const PROTECTED = ['行政处罚决定书', '青环罚〔2026〕14号', '青川县生态环境局', '生态环境保护规划', '征求意见稿', '竹纤维', '3万吨', '有限公司', '环境影响报告表']

/** Text lines of page 1 from `pdftotext -bbox`: words on one baseline joined, with their extent in points. */
function pageLines(pdf: string): { text: string; x0: number; x1: number; y: number; height: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: m[5]!.replace(/&amp;/g, '&'),
  }))
  const lines: { text: string; x0: number; x1: number; y: number; height: number }[] = []
  for (const w of words) {
    const line = lines.find((l) => Math.abs(l.y - w.y1) < 2)
    if (line === undefined) lines.push({ text: w.text, x0: w.x0, x1: w.x1, y: w.y1, height: w.y1 - w.y0 })
    else {
      line.text += w.text
      line.x0 = Math.min(line.x0, w.x0)
      line.x1 = Math.max(line.x1, w.x1)
    }
  }
  return lines.sort((a, b) => a.y - b.y)
}

describe('the sheet title as printed (pdftotext -bbox)', () => {
  it('keeps the protected words whole, balances the lines and centres them', { timeout: 120_000 }, async () => {
    const project = await loadProject(EXAMPLE, { workers: false })
    const expected: Record<string, string[]> = {
      // The header shows the document number: the title is printed without it (GB/T 9704 7.3.1).
      '青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）': ['青川县生态环境局行政处罚决定书'],
      '关于公开征求《青川县“十五五”生态环境保护规划（征求意见稿）》意见的公告': ['关于公开征求《青川县', '“十五五”生态环境保护规划', '（征求意见稿）》意见的公告'],
      四川青禾竹木科技有限公司年产3万吨竹纤维模塑环保餐具建设项目环境影响报告表受理情况公示: ['四川青禾竹木科技有限公司年产', '3万吨竹纤维模塑环保餐具建设项目', '环境影响报告表受理情况公示'],
    }
    const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: EXAMPLE, now: new Date('2026-11-26T08:00:00+08:00') })
    for (const [title, want] of Object.entries(expected)) {
      const d = project.disclosures.find((x) => x.publication.title === title)
      expect(d, title).toBeDefined()
      const { pdf } = await renderSheet(d!, ctx)
      const lines = pageLines(save(pdf))
      const printed = titleWithoutNumber(title, d!.publication.docNumber)
      // The title's lines: a run of consecutive lines of page 1 whose text joins to the title.
      const start = lines.findIndex((l, i) => {
        let joined = ''
        for (let j = i; j < lines.length && joined.length < printed.length; j++) joined += lines[j]!.text
        return joined === printed && printed.startsWith(l.text)
      })
      expect(start, `${printed}: ${lines.map((l) => l.text).join(' | ')}`).toBeGreaterThanOrEqual(0)
      const set: typeof lines = []
      for (let j = start, n = 0; n < printed.length; j++) {
        set.push(lines[j]!)
        n += lines[j]!.text.length
      }
      expect(set.map((l) => l.text)).toEqual(want)
      let at = 0
      for (const l of set.slice(0, -1)) {
        at += l.text.length
        for (const w of PROTECTED) for (let i = printed.indexOf(w); i >= 0; i = printed.indexOf(w, i + 1)) expect(at > i && at < i + w.length, `${printed} splits ${w}`).toBe(false)
      }
      // Centred in the type area (x from 28 mm), within a point; no line of one character.
      const left = (28 / 25.4) * 72
      for (const l of set) {
        expect([...l.text].length).toBeGreaterThan(1)
        expect(Math.abs((l.x0 + l.x1) / 2 - (left + GEOMETRY.width / 2)), l.text).toBeLessThan(1.5)
      }
    }
  })
})

describe('the render cache key', () => {
  it('carries the code version of @gongkai/typeset, where the lines of a sheet break', () => {
    const typeset = codeVersion(import.meta.resolve('@gongkai/typeset'))
    expect(typeset).toMatch(/^[0-9a-f]{32}$/)
    expect(noticeboard({}).fingerprint).toContain(typeset)
  })
})
