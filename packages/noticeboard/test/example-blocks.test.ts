/**
 * The example project's sheets measured where a reader sees them (text positions from
 * `pdftotext -bbox`): tables without a character alone on a wrapped line, quotes indented as a
 * block, the print run's index on one page with its titles in two lines, a readable objection line.
 */
import { fileURLToPath } from 'node:url'
import type { Disclosure } from '@gongkai/core'
import { createRenderContext, loadProject } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { renderBatch } from '../src/index.js'
import { renderSheet } from '../src/internal.js'
import { publication, setup } from './fixtures.js'
import type { Word } from './pdf-tools.js'
import { raster, save, words } from './pdf-tools.js'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau/', import.meta.url))
/** Table lines are 12 pt × 1.45 apart; body lines 225 mm / 22. */
const TABLE_PITCH = 12 * 1.45
const LETTER = /[\p{L}\p{N}]/gu

const project = await loadProject(EXAMPLE, { cache: false })
const ctx = () => createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: EXAMPLE, now: new Date('2026-11-30T10:00:00+08:00') })
const byId = (id: string): Disclosure => project.disclosures.find((d) => d.publication.id === id)!
const sheetWords = async (id: string) => words(save((await renderSheet(byId(id), ctx())).pdf, `${id}.pdf`))

/** Wrapped lines of table cells: a run one table line below another that starts (or centres) at the same x. */
function wrapped(all: readonly Word[]): Word[] {
  return all.filter((w) =>
    all.some(
      (u) =>
        u.page === w.page && Math.abs(w.yMin - u.yMin - TABLE_PITCH) < 0.5 && (Math.abs(u.xMin - w.xMin) < 0.5 || Math.abs(u.xMax + u.xMin - w.xMax - w.xMin) < 1 || Math.abs(u.xMax - w.xMax) < 0.5),
    ),
  )
}

describe('example tables', () => {
  const tables = project.disclosures.filter((d) => d.item.channels.includes('noticeboard') && d.tree.children.some((n) => n.type === 'table'))

  it('leave no character alone on a wrapped line of a cell (处理 / 厂)', async () => {
    expect(tables.length).toBeGreaterThan(5)
    const lone: string[] = []
    for (const d of tables) {
      for (const w of wrapped(await sheetWords(d.publication.id))) if ((w.text.match(LETTER)?.length ?? 0) === 1) lone.push(`${d.publication.id} p.${w.page}: ${w.text}`)
    }
    expect(lone).toEqual([])
  })
})

describe('a blockquote after a list (hjxx-005)', async () => {
  const id = '2026-hjxx-005'
  const path = save((await renderSheet(byId(id), ctx())).pdf, `${id}.pdf`)
  const all = words(path)
  const first = all.findIndex((w) => w.text.startsWith('环境影响报告表（公开本）'))
  const quote: Word[] = []
  for (
    let i = first;
    i >= 0 &&
    i < all.length &&
    !quote
      .map((w) => w.text)
      .join('')
      .includes('全文见附件。');
    i++
  )
    quote.push(all[i]!)
  // The last word of the list item before the quote, past a page number when the quote starts a page.
  const before = all
    .slice(0, first)
    .reverse()
    .find((w) => !/^[—\d]+$/.test(w.text))!
  const left = 28 * (72 / 25.4)
  const em = (156 * (72 / 25.4)) / 28
  const pitch = (225 * (72 / 25.4)) / 22

  it('indents every line of the quote by two characters, the first line no further', () => {
    expect(quote.length).toBeGreaterThanOrEqual(2)
    for (const w of quote) expect(w.xMin, w.text).toBeCloseTo(left + 2 * em, 0)
    // Not at the x of the list item's text above it, where a first-line indent put it.
    expect(before.text).toContain('邮编628100')
    expect(Math.abs(quote[0]!.xMin - before.xMin)).toBeGreaterThan(em)
  })

  it('stands a blank line apart from the list item before it, with a rule down its left side', () => {
    if (quote[0]!.page === before.page) expect(quote[0]!.yMin - before.yMin).toBeGreaterThan(2 * pitch - 0.5)
    // At the top of a page, no blank line stands above it: it starts on the page's first line.
    else expect(quote[0]!.yMin).toBeLessThan(37 * (72 / 25.4) + pitch)
    const dpi = 100
    const [page] = raster(path, dpi, quote[0]!.page, quote[0]!.page)
    const px = (pt: number) => Math.round((pt / 72) * dpi)
    const x = px(left + em)
    let dark = 0
    const rows = [px(quote[0]!.yMin), px(quote[quote.length - 1]!.yMax)]
    for (let y = rows[0]!; y <= rows[1]!; y++) if ([x - 1, x, x + 1].some((xx) => page!.data[y * page!.width + xx]! < 200)) dark++
    expect(dark / (rows[1]! - rows[0]! + 1)).toBeGreaterThan(0.8)
  })
})

describe('a blockquote that runs over a page', async () => {
  const para = '根据《中华人民共和国政府信息公开条例》的规定，现将有关情况说明如下，欢迎社会各界监督并提出意见建议。'.repeat(3)
  const body = [...Array.from({ length: 6 }, () => para), ['一', '二', '三', '四'].map((n) => `> 引文第${n}段，${para}`).join('\n>\n'), '正文继续。'].join('\n\n')
  const { disclosures, ctx: fixtureCtx } = setup([publication('quote', body)])
  const path = save((await renderSheet(disclosures[0]!, fixtureCtx)).pdf, 'quote.pdf')
  const all = words(path)
  const left = 28 * (72 / 25.4)
  const em = (156 * (72 / 25.4)) / 28
  const start = all.findIndex((w) => w.text.startsWith('引文第一段'))
  const end = all.findIndex((w) => w.text.startsWith('正文继续'))
  // The page numbers stand below the type area (37 + 225 mm).
  const quote = all.slice(start, end).filter((w) => w.yMax < 262 * (72 / 25.4))

  it('keeps every line at the same indent on every page, with the rule on each', () => {
    const pages = [...new Set(quote.map((w) => w.page))]
    expect(pages.length).toBeGreaterThanOrEqual(2)
    for (const w of quote) expect(w.xMin, w.text).toBeCloseTo(left + 2 * em, 0)
    const dpi = 100
    const px = (pt: number) => Math.round((pt / 72) * dpi)
    for (const p of pages) {
      const [page] = raster(path, dpi, p, p)
      const on = quote.filter((w) => w.page === p)
      let dark = 0
      const [y0, y1] = [px(on[0]!.yMin), px(on[on.length - 1]!.yMax)]
      for (let y = y0; y <= y1; y++) if ([-1, 0, 1].some((d) => page!.data[y * page!.width + px(left + em) + d]! < 200)) dark++
      expect(dark / (y1 - y0 + 1), `page ${p}`).toBeGreaterThan(0.8)
    }
  })
})

/** Each run of text on a page with its font size, as pdf.js reads it. */
async function runs(pdf: Uint8Array, pageNo?: number): Promise<{ page: number; str: string; size: number; x: number; y: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: VerbosityLevel.ERRORS, useSystemFonts: false, isEvalSupported: false }).promise
  const out: { page: number; str: string; size: number; x: number; y: number }[] = []
  for (let i = pageNo ?? 1; i <= (pageNo ?? doc.numPages); i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    for (const item of content.items)
      if ('str' in item && item.str.trim() !== '') out.push({ page: i, str: item.str, size: Math.hypot(item.transform[0], item.transform[1]), x: item.transform[4], y: item.transform[5] })
  }
  return out
}

describe('the notice box', () => {
  it('sets the notice period and the objection line at 3号 (16 pt) or larger, every line of it (hjxx-005)', async () => {
    const all = await runs((await renderSheet(byId('2026-hjxx-005'), ctx())).pdf)
    const start = all.findIndex((r) => r.str.startsWith('如有异议'))
    expect(start).toBeGreaterThan(0)
    const objection: typeof all = []
    for (
      let i = start;
      i < all.length &&
      !objection
        .map((r) => r.str)
        .join('')
        .includes('。');
      i++
    )
      objection.push(all[i]!)
    expect(objection.map((r) => r.str).join('')).toBe('如有异议，请在公示期内向青川县生态环境局反映（电话：0839-7202345）。')
    for (const r of objection) expect(r.size, r.str).toBeGreaterThanOrEqual(16)
    const period = all.find((r) => r.str.startsWith('公示期：'))!
    expect(period.size).toBeGreaterThanOrEqual(16)
  })

  it('keeps the objection line when the office has no phone in its config', async () => {
    const { disclosures, ctx: fixtureCtx } = setup([publication('nophone', '正文。')])
    const { phone: _phone, ...body } = fixtureCtx.config.body
    const sheet = await renderSheet(disclosures[0]!, { ...fixtureCtx, config: { ...fixtureCtx.config, body } })
    const text = (await runs(sheet.pdf)).map((r) => r.str).join('')
    expect(text).toContain('如有异议，请在公示期内向青川县生态环境局反映。')
  })
})

describe("the index of the example's print run (2026-11-26)", async () => {
  const run = await renderBatch(project.disclosures, { on: '2026-11-26' }, ctx())
  const all = words(save(run.pdf, 'run.pdf'))
  const index = all.filter((w) => w.page === 1)

  /** The lines a title takes in its cell: runs one table line apart at the title's x, until the title is complete. */
  const linesOf = (title: string): Word[] => {
    // The longest run that starts the title is its first line (the heading's 青川县生态环境局 is shorter).
    const first = index.filter((w) => title.startsWith(w.text)).sort((a, b) => b.text.length - a.text.length)[0]
    if (first === undefined) return []
    const lines = [first]
    while (lines.map((w) => w.text).join('') !== title) {
      const last = lines[lines.length - 1]!
      const next = index.find((w) => Math.abs(w.xMin - last.xMin) < 0.5 && Math.abs(w.yMin - last.yMin - TABLE_PITCH) < 0.5)
      if (next === undefined) break
      lines.push(next)
    }
    return lines
  }

  it('gives every title at most two lines', () => {
    expect(run.posted.length).toBe(6)
    for (const p of run.posted) {
      const lines = linesOf(p.title)
      expect(lines.map((w) => w.text).join(''), p.id).toBe(p.title)
      expect(lines.length, p.title).toBeLessThanOrEqual(2)
    }
  })

  it('is one page, its closing note on it, and the first sheet starts on page 2', () => {
    const text = (page: number) =>
      all
        .filter((w) => w.page === page)
        .map((w) => w.text)
        .join('')
    expect(text(1)).toContain('公示期满的材料请于撤下日期当天撤下；本清单按2026年11月26日生成。')
    expect(text(1)).toContain('今日没有需要撤下的公示材料。')
    expect(text(2)).toContain('事项名称：')
  })
})

describe('an index that fills its page to the last line', () => {
  it('keeps to one page while it can, and never leaves its closing note alone on a page', async () => {
    // One sheet posted and 14 to 17 taken down: the take-down table ends ever lower on the page, down to its last line.
    for (let n = 14; n <= 17; n++) {
      const pubs = [
        publication('p', '正文。', { title: '公示' }),
        ...Array.from({ length: n }, (_, i) => publication(`d${i}`, '正文。', { title: `期满${i + 1}`, noticePeriod: { from: '2026-11-10', until: '2026-11-25' } })),
      ]
      const { disclosures, ctx: fixtureCtx } = setup(pubs)
      const all = words(save((await renderBatch(disclosures, { on: '2026-11-26' }, fixtureCtx)).pdf, 'run.pdf'))
      const note = all.find((w) => w.text.startsWith('公示期满的材料'))!
      const sheet = all.find((w) => w.text.startsWith('事项名称：'))!
      const others = all.filter((w) => w.page === note.page && w !== note && w.yMax < 262 * (72 / 25.4))
      expect(others.length, `${n} taken down`).toBeGreaterThan(0)
      if (n <= 16) expect(sheet.page, `${n} taken down`).toBe(2)
    }
  })
})
