import { describe, expect, it } from 'vitest'
import { renderSheet } from '../src/internal.js'
import { HANAZONO, hardBody, publication, setup } from './fixtures.js'
import { contentStreams, fonts, info, inkOutside, raster, save, text } from './pdf-tools.js'

const TYPE_AREA = [
  { x0: 27.5, y0: 36.5, x1: 184.5, y1: 262.5 },
  { x0: 27.5, y0: 268.5, x1: 184.5, y1: 275.5 },
]

describe('a hard publication: 40-row table, ten pages, 𠀾, emoji, a long URL', () => {
  const { body, lines } = hardBody()
  const bodyLine = 12
  const at = (name: string) => lines[name]! + bodyLine - 1

  it('with the fallback font: 𠀾 is printed, only the emoji are reported, each with its line', async () => {
    const { disclosures, ctx, diagnostics } = setup([publication('hard', body)], HANAZONO)
    const { pdf, pages } = await renderSheet(disclosures[0]!, ctx)
    const path = save(pdf)
    expect(pages).toBeGreaterThanOrEqual(10)
    expect(Number(info(path)['Pages'])).toBe(pages)
    expect(diagnostics.map((d) => [d.code, d.message.match(/“(.+?)”/)?.[1], d.file, d.line, d.subject])).toEqual([
      ['noticeboard/missing-glyph', '👍', 'publications/hard.md', at('emoji'), 'hard'],
      ['noticeboard/missing-glyph', '😀', 'publications/hard.md', at('emoji'), 'hard'],
    ])
    const all = text(path)
    expect(all).toContain('𠀾记建材有限公司')
    expect(all).toContain('〓')
    expect(fonts(path).some((f) => f.name.endsWith('+HanaMinB') && f.sub === 'yes')).toBe(true)
    // The URL is printed whole, across lines.
    // pdftotext drops a hyphen at a line's end, so compare without hyphens.
    expect(all.replace(/[\s-]+/g, '')).toContain(`https://www.qingchuan.gov.cn/hbj/gk/${'very-long-path-segment-without-breaks-'.repeat(6)}end.html`.replace(/-/g, ''))
    for (const page of raster(path, 50)) expect(inkOutside(page, 50, TYPE_AREA)).toBe(0)
  })

  it('writes well-formed page content: no text object opens inside a path, every BT has its ET', async () => {
    const { disclosures, ctx } = setup([publication('hard', body)], HANAZONO)
    const streams = contentStreams((await renderSheet(disclosures[0]!, ctx)).pdf)
    expect(streams.length).toBeGreaterThanOrEqual(10)
    for (const { ops } of streams) {
      let inPath = false
      let inText = false
      for (const line of ops.split('\n')) {
        const op = line.trim().split(/\s+/).at(-1) ?? ''
        if (['m', 'l', 'c', 'v', 'y', 're', 'h'].includes(op)) inPath = true
        else if (['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n'].includes(op)) inPath = false
        else if (op === 'BT') {
          expect(inPath, 'a text object inside a path').toBe(false)
          expect(inText).toBe(false)
          inText = true
        } else if (op === 'ET') inText = false
      }
      expect(inText).toBe(false)
      expect(ops.match(/^q$/gm)?.length).toBe(ops.match(/^Q$/gm)?.length)
    }
  })

  it('repeats the table header on every page the table runs onto and keeps all 40 rows', async () => {
    const { disclosures, ctx } = setup([publication('hard', body)], HANAZONO)
    const path = save((await renderSheet(disclosures[0]!, ctx)).pdf)
    const pagesWithRows = [] as number[]
    for (let p = 1; p <= 5; p++) {
      const t = text(path, p)
      if (/点位\d+/.test(t)) {
        pagesWithRows.push(p)
        expect(t.replace(/\s+/g, ''), `page ${p}`).toContain('序号监测点位')
      }
    }
    expect(pagesWithRows.length).toBeGreaterThanOrEqual(2)
    const rows = new Set(text(path).match(/点位\d+/g))
    expect(rows.size).toBe(40)
  })

  it('without a fallback font: 𠀾 is reported too, once per line, never a silent box', async () => {
    const { disclosures, ctx, diagnostics } = setup([publication('hard', body)])
    const { pdf } = await renderSheet(disclosures[0]!, ctx)
    expect(diagnostics.map((d) => [d.message.match(/“(.+?)”/)?.[1], d.line, d.column])).toEqual([
      ['𠀾', at('rare'), 8],
      ['👍', at('emoji'), 10],
      ['😀', at('emoji'), 17],
    ])
    expect(diagnostics[0]!.message).toContain('U+2003E')
    expect(diagnostics[0]!.hint).toContain('fonts.fallback')
    const all = text(save(pdf))
    expect(all).not.toContain('𠀾')
    expect(all).toContain('青川县〓记建材有限公司')
  })

  it('reports a missing glyph in the title with the field, not a body line', async () => {
    const { disclosures, ctx, diagnostics } = setup([publication('t', '正文。', { title: '关于王𠀾同志的公示' })])
    await renderSheet(disclosures[0]!, ctx)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'noticeboard/missing-glyph', file: 'publications/t.md', subject: 't' })
    expect(diagnostics[0]!.message).toContain('（标题）')
    expect(diagnostics[0]!.line).toBeUndefined()
  })
})
