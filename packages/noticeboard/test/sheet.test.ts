import { describe, expect, it } from 'vitest'
import { OptionsError } from '@gongkai/core'
import { noticeboard, publicationUrl, renderSheet } from '../src/index.js'
import { BASE_URL, NOTICE_BODY, publication, setup } from './fixtures.js'
import { decodeQr, fonts, info, inkOutside, raster, save, text } from './pdf-tools.js'

/** The type area (GB/T 9704: 28 mm binding margin, 37 mm top, 156 × 225 mm) and the page-number band 7 mm below it, with 0.5 mm for anti-aliasing. */
function allowed(scale = 1) {
  const s = (v: number) => v * scale
  return [
    { x0: s(28) - 0.5, y0: s(37) - 0.5, x1: s(184) + 0.5, y1: s(262) + 0.5 },
    { x0: s(28) - 0.5, y0: s(262 + 7) - 0.5, x1: s(184) + 0.5, y1: s(262 + 7 + 6) + 0.5 },
  ]
}

describe('noticeboard(options)', () => {
  it('checks options at once, naming the option', () => {
    expect(() => noticeboard({ paper: 'B5' as 'A4' })).toThrow(OptionsError)
    expect(() => noticeboard({ paper: 'B5' as 'A4' })).toThrow(/paper/)
    expect(() => noticeboard({ fallbackFont: 'fonts/x.ttf' })).toThrow(/fallbackFont/)
    expect(() => noticeboard({ fallbackFont: '/nowhere/x.ttf' })).toThrow(/找不到/)
    expect(() => noticeboard({ colour: 'red' } as never)).toThrow(/colour/)
    expect(noticeboard({ paper: 'A3' }).limits.size).toBe('A3')
  })
})

describe('one sheet', async () => {
  const { disclosures, ctx, diagnostics } = setup([publication('2026-xzcf-007', NOTICE_BODY)])
  const d = disclosures[0]!
  const [artifact] = await noticeboard().render(d, ctx)
  const path = save(artifact!.data as Uint8Array)

  it('is a PDF artifact named after the publication', () => {
    expect(artifact).toMatchObject({ channel: 'noticeboard', publication: '2026-xzcf-007', path: '2026-xzcf-007.pdf', mediaType: 'application/pdf' })
    expect(diagnostics).toEqual([])
  })

  it('is A4 with only subset fonts, all embedded', () => {
    expect(info(path)['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/)
    const list = fonts(path)
    expect(list.length).toBeGreaterThanOrEqual(3)
    for (const f of list) {
      expect(f.emb).toBe('yes')
      expect(f.sub).toBe('yes')
      expect(f.name).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC-/)
    }
  })

  it('reads back in order: issuing body, item, title, body, notes, signature, notice period', () => {
    const all = text(path).replace(/\s+/g, '')
    const order = [
      '青川县生态环境局',
      '事项名称：行政处罚决定',
      '事项编码：HB-XZCF-001',
      '青川县生态环境局行政处罚决定书（青环罚〔2026〕7号）',
      '为深入贯彻落实党中央、国务院关于深入打好污染防治攻坚战的决策部署，',
      '一、基本情况',
      '（一）检查范围',
      '重点排污单位十二家；',
      '监测点位',
      '乔庄镇',
      '监测点位分布示意图',
      '二、下一步工作',
      '加强日常监管，压实企业主体责任。',
      '数据来源：青川县环境监测站。',
      '2026年11月20日',
      '公示期：2026年11月26日至2026年12月3日',
    ]
    let at = -1
    for (const s of order) {
      const next = all.indexOf(s, at + 1)
      expect(next, s).toBeGreaterThan(at)
      at = next
    }
  })

  it('prints nothing outside the type area but the page number, and the QR code opens the page', () => {
    const pages = raster(path, 72)
    expect(pages.length).toBe(Number(info(path)['Pages']))
    for (const page of pages) expect(inkOutside(page, 72, allowed())).toBe(0)
    const last = raster(path, 200, pages.length, pages.length)[0]!
    expect(decodeQr(last)).toBe(publicationUrl(BASE_URL, '2026-xzcf-007'))
    expect(publicationUrl(BASE_URL, '2026-xzcf-007')).toBe('https://www.qingchuan.gov.cn/hbj/gk/p/2026-xzcf-007.html')
  })

  it('numbers pages "— N —", odd pages right and even pages left', () => {
    const pages = raster(path, 72)
    expect(pages.length).toBeGreaterThanOrEqual(2)
    const px = (mm: number) => Math.round((mm / 25.4) * 72)
    pages.forEach((page, i) => {
      let minX = Infinity
      let maxX = -1
      for (let y = px(269); y < px(276); y++) {
        for (let x = 0; x < page.width; x++) {
          if (page.data[y * page.width + x]! < 160) {
            minX = Math.min(minX, x)
            maxX = Math.max(maxX, x)
          }
        }
      }
      const odd = (i + 1) % 2 === 1
      if (odd) expect(maxX).toBeGreaterThan(px(184 - 7))
      else expect(minX).toBeLessThan(px(28 + 7))
      expect(text(path, i + 1)).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`))
    })
  })

  it('keeps 22 body lines of 28 characters on a full page', async () => {
    const long = publication('long', '这是一段用于检验版心行数与每行字数的正文文字'.repeat(60))
    const s = setup([long])
    const pdf = (await renderSheet(s.disclosures[0]!, s.ctx)).pdf
    const p = save(pdf)
    const lines = text(p, 2).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('—'))
    expect(lines.length).toBe(22)
    // Page 2 lies inside one long paragraph: every line is full.
    for (const l of lines) expect([...l].length).toBe(28)
  })

  it('is the same bytes when rendered again', async () => {
    const again = await noticeboard().render(d, ctx)
    expect(Buffer.from(again[0]!.data as Uint8Array).equals(Buffer.from(artifact!.data as Uint8Array))).toBe(true)
  })

  it('prints A3 as the A4 layout scaled', async () => {
    const [a3] = await noticeboard({ paper: 'A3' }).render(d, ctx)
    const p = save(a3!.data as Uint8Array)
    expect(info(p)['Page size']).toMatch(/^841\.8\d* x 1190\.5\d* pts \(A3\)/)
    const k = Math.SQRT2
    for (const page of raster(p, 36)) expect(inkOutside(page, 36, allowed(297 / 210 + 0 * k))).toBe(0)
    expect(text(p).replace(/\s+/g, '')).toContain('青川县生态环境局行政处罚决定书（青环罚〔2026〕7号）')
  })
})
