/** The signature (issuing body, date, QR code) never stands alone on a last page: tightened leading first, then two body lines over (GB/T 9704-2012). */
import { fileURLToPath } from 'node:url'
import { createRenderContext, loadProject } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { renderBatch } from '../src/index.js'
import { renderSheet } from '../src/internal.js'
import { TIGHTEST } from '../src/render/render-sheet.js'
import { lines, words } from './bbox.js'
import { publication, setup } from './fixtures.js'
import { save } from './pdf-tools.js'

const MM = 72 / 25.4
const PITCH = (225 * MM) / 22
const BOTTOM = (37 + 225) * MM
const ORGAN = '青川县生态环境局'
const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau/', import.meta.url))

type Line = ReturnType<typeof lines>[number]

/** The lines of a page that end a publication, split at its signature: body lines above the issuing body's line, the signature from it on. */
function closingPage(page: readonly Line[]): { body: Line[]; signature: Line[] } | undefined {
  if (!page.some((l) => l.text === '扫码查看网上原文')) return undefined
  const qr = page.findIndex((l) => l.text === '扫码查看网上原文')
  // The signature's issuing body: the last line that is only the body's name, above the QR caption.
  let at = -1
  for (let i = 0; i < qr; i++) if (page[i]!.text === ORGAN) at = i
  expect(at, page.map((l) => l.text).join('\n')).toBeGreaterThanOrEqual(0)
  const body = page.slice(0, at).filter((l) => !/^事项名称：/.test(l.text))
  return { body, signature: page.slice(at) }
}

/** A body of `n` one-line paragraphs (a short line each, 20 characters). */
function body(n: number): string {
  return Array.from({ length: n }, (_, i) => `第${String(i + 1).padStart(2, '0')}条　本局依法开展生态环境执法检查工作。`).join('\n\n')
}

describe('the signature on a sheet of any length', async () => {
  const sheets = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const n = 8 + i
      const { disclosures, ctx } = setup([publication(`2026-xzcf-${n}`, body(n), { title: '关于开展专项执法检查的通告', noticePeriod: undefined as never })])
      const { pdf, pages } = await renderSheet(disclosures[0]!, ctx)
      return { n, pages, lines: words(save(pdf)).map(lines) }
    }),
  )

  it('always shares its page with at least two lines of the body', () => {
    for (const s of sheets) {
      const last = closingPage(s.lines[s.pages - 1]!)
      expect(last, `n=${s.n}`).toBeDefined()
      expect(last!.body.length, `n=${s.n}: ${last!.body.map((l) => l.text).join(' / ')}`).toBeGreaterThanOrEqual(2)
    }
  })

  it('tightens the leading of the last page within the bound when that keeps the body on it, and keeps the 22-line grid on the pages before', () => {
    let tightened = 0
    for (const s of sheets) {
      const last = closingPage(s.lines[s.pages - 1]!)!
      const gaps = last.body.slice(1).map((l, i) => l.y0 - last.body[i]!.y0)
      const pitch = Math.min(...gaps)
      expect(pitch, `n=${s.n}`).toBeGreaterThan(PITCH * TIGHTEST - 0.05)
      if (pitch < PITCH - 0.05) tightened++
      for (const page of s.lines.slice(1, -1)) {
        const tops = page.filter((l) => l.y1 < BOTTOM + 1).map((l) => l.y0)
        for (let i = 1; i < tops.length; i++) expect(tops[i]! - tops[i - 1]!).toBeCloseTo(PITCH, 1)
      }
    }
    // Of 40 lengths, those whose last page had 4 to 6 free lines keep their signature on it by tighter leading.
    expect(tightened).toBeGreaterThanOrEqual(3)
  })

  it('keeps the signature on a last page that had six free lines at the grid, by leading no tighter than the bound', () => {
    // Body lines that page 1 holds below the header, read from the longest sheet; every later page holds 22.
    const onFirst = sheets.at(-1)!.lines[0]!.filter((l) => l.text.startsWith('第')).length
    const six = sheets.find((s) => s.n === onFirst + 16)!
    expect(six.pages).toBe(2)
    const last = closingPage(six.lines[1]!)!
    expect(last.body).toHaveLength(16)
    const pitch = (last.body.at(-1)!.y0 - last.body[0]!.y0) / 15
    expect(pitch).toBeLessThan(PITCH - 0.5)
    expect(pitch).toBeGreaterThanOrEqual(PITCH * TIGHTEST - 0.05)
    // The QR code's caption still ends inside the type area.
    expect(last.signature.find((l) => l.text === '扫码查看网上原文')!.y1).toBeLessThan(BOTTOM + 1)
  })
})

describe('the example project', async () => {
  const project = await loadProject(EXAMPLE, { cache: false })
  const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: EXAMPLE, now: new Date('2026-11-26T10:00:00+08:00') })
  const sheets = project.disclosures.filter((d) => d.item.channels.includes('noticeboard') && d.publication.review !== undefined)

  it('has no sheet whose last page holds only the signature', async () => {
    const alone: string[] = []
    for (const d of sheets) {
      const { pdf, pages } = await renderSheet(d, ctx)
      const last = closingPage(lines(words(save(pdf))[pages - 1]!))!
      if (last.body.length < 2) alone.push(`${d.publication.id} p.${pages}`)
    }
    expect(sheets.length).toBeGreaterThanOrEqual(20)
    expect(alone).toEqual([])
  })

  it('has no publication in the 11-26 print run ending on a page that holds only the signature', async () => {
    const r = await renderBatch(project.disclosures, { on: '2026-11-26' }, ctx)
    const pages = words(save(r.pdf)).map(lines)
    const closings = pages.map((p, i) => ({ page: i + 1, closing: closingPage(p) })).filter((p) => p.closing !== undefined)
    expect(closings.length).toBe(r.posted.length)
    expect(closings.filter((c) => c.closing!.body.length < 2).map((c) => c.page)).toEqual([])
  })
})
