import { inflateSync } from 'node:zlib'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from '@gongkai/fonts'
import { openFace } from '@gongkai/fonts/internal'
import { renderSheet } from '../src/internal.js'
import { createDocument } from '../src/render/render-sheet.js'
import { NOTICE_BODY, publication, setup } from './fixtures.js'

const latin = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1')

function dictOf(src: string, id: string): string {
  const m = new RegExp(`(?:^|\\s)${id} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*(?:stream|endobj)`).exec(src)
  if (m === null) throw new Error(`object ${id} not found`)
  return m[1]!
}

function streamOf(pdf: Uint8Array, src: string, id: string): Buffer {
  const m = new RegExp(`(?:^|\\s)${id} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream\\r?\\n`).exec(src)
  if (m === null) throw new Error(`stream ${id} not found`)
  const length = Number(/\/Length (\d+)/.exec(m[1]!)![1])
  const start = m.index + m[0].length
  return inflateSync(Buffer.from(pdf.subarray(start, start + length)))
}

const ref = (dict: string, key: string) => new RegExp(`/${key} \\[?(\\d+) 0 R`).exec(dict)?.[1]

/** Every embedded font of a pdfkit PDF: its PostScript name, its font program and CID → code point from its ToUnicode map. */
function embeddedFonts(pdf: Uint8Array): { name: string; program: Buffer; unicode: Map<number, number> }[] {
  const src = latin(pdf)
  const out: { name: string; program: Buffer; unicode: Map<number, number> }[] = []
  for (const m of src.matchAll(/(\d+) 0 obj\s*<<[^>]*\/Subtype \/Type0/g)) {
    const top = dictOf(src, m[1]!)
    const name = /\/BaseFont \/[A-Z]{6}\+(\S+)/.exec(top)![1]!
    const descriptor = dictOf(src, ref(dictOf(src, ref(top, 'DescendantFonts')!), 'FontDescriptor')!)
    const program = streamOf(pdf, src, ref(descriptor, 'FontFile2')!)
    const unicode = new Map<number, number>()
    const cmap = streamOf(pdf, src, ref(top, 'ToUnicode')!).toString('latin1')
    for (const r of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      const entries = [...r[2]!.matchAll(/<([0-9a-f ]+)>/gi)].map((e) => String.fromCharCode(...e[1]!.split(' ').map((h) => parseInt(h, 16))).codePointAt(0)!)
      entries.forEach((cp, i) => unicode.set(parseInt(r[1]!, 16) + i, cp))
    }
    out.push({ name, program, unicode })
  }
  return out
}

describe('font subsetting shared across sheets', () => {
  it('reads each glyph outline once per process: a second sheet with the same characters reads no glyf data', async () => {
    const { disclosures, ctx } = setup([publication('a', NOTICE_BODY), publication('b', NOTICE_BODY)])
    await renderSheet(disclosures[0]!, ctx)
    const serif = openFace(resolveFonts().serif) as unknown as { _getTableStream(tag: string): unknown }
    const original = serif._getTableStream.bind(serif)
    let glyfReads = 0
    serif._getTableStream = (tag: string) => {
      if (tag === 'glyf') glyfReads++
      return original(tag)
    }
    try {
      const { pdf } = await renderSheet(disclosures[1]!, ctx)
      expect(embeddedFonts(pdf).some((f) => f.name === 'NotoSerifSC-Regular')).toBe(true)
    } finally {
      delete (serif as { _getTableStream?: unknown })._getTableStream
    }
    expect(glyfReads).toBe(0)
  })

  it('embeds, for every character, the outline and advance the font file has (the second sheet, from the shared outlines)', async () => {
    const { disclosures, ctx } = setup([publication('c', NOTICE_BODY), publication('d', `${NOTICE_BODY}\n\n新增一段：甲乙丙丁戊己庚辛壬癸。`)])
    await renderSheet(disclosures[0]!, ctx)
    const { pdf } = await renderSheet(disclosures[1]!, ctx)
    const set = resolveFonts()
    const faces = new Map([set.serif, set.serifBold, set.sans, set.sansBold].map((f) => [openFace(f).postscriptName, openFace(f)]))
    const embedded = embeddedFonts(pdf)
    expect(embedded.length).toBeGreaterThanOrEqual(2)
    let checked = 0
    for (const e of embedded) {
      const whole = faces.get(e.name)
      if (whole === undefined) throw new Error(`unexpected font ${e.name}`)
      const subset = fontkit.create(e.program) as fontkit.Font
      for (const [cid, cp] of e.unicode) {
        if (cid === 0) continue
        const want = whole.glyphForCodePoint(cp)
        const got = subset.getGlyph(cid)
        expect([String.fromCodePoint(cp), got.path.toSVG(), got.advanceWidth]).toEqual([String.fromCodePoint(cp), want.path.toSVG(), want.advanceWidth])
        checked++
      }
    }
    expect(checked).toBeGreaterThan(150)
  })
})

describe('document set-up', () => {
  it('loads no standard font a sheet never sets, and numbers its own fonts as before (F2 on), so the bytes stay the same', async () => {
    const doc = createDocument('标题', '青川县生态环境局', '2026-11-20')
    expect(Object.keys((doc as unknown as { _fontFamilies: object })._fontFamilies)).toEqual([])
    doc.end()
    const { disclosures, ctx } = setup([publication('e', NOTICE_BODY)])
    const src = latin((await renderSheet(disclosures[0]!, ctx)).pdf)
    expect([...src.matchAll(/\/(F\d+) \d+ 0 R/g)].map((m) => m[1]).sort()[0]).toBe('F2')
    expect(src).not.toContain('Helvetica')
  })
})
