import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { OptionsError } from '@gongkai/core'
import { noticeboard } from '../src/index.js'
import { renderSheet } from '../src/internal.js'
import { publicationUrl } from '../src/render/render-sheet.js'
import { BASE_URL, NOTICE_BODY, publication, setup } from './fixtures.js'
import { contentStreams, decodeQr, fonts, info, inkOutside, raster, save, text } from './pdf-tools.js'

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

  it('reads back in order: item, issuing body, title, body, signature, notice period', () => {
    const all = text(path).replace(/\s+/g, '')
    const order = [
      '事项名称：行政处罚决定',
      '事项编码：HB-XZCF-001',
      '青川县生态环境局',
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

  it('sets a footnote at the foot of the page its mark is on, under a short rule, after the page text', () => {
    const pages = Number(info(path)['Pages'])
    const withMark = Array.from({ length: pages }, (_, i) => i + 1).find((p) => text(path, p).includes('[1]'))!
    expect(withMark).toBeDefined()
    const page = text(path, withMark)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
    // The note is the page's last text but its number, and nowhere else in the sheet; its own
    // mark (poppler reads it as a column of its own) stands on the same page as the reference.
    expect(page.at(-2)).toBe('数据来源：青川县环境监测站。')
    expect(page.filter((l) => l.includes('[1]')).length).toBe(2)
    expect(page.at(-1)).toMatch(/^—\s*\d+\s*—$/)
    expect(text(path).split('数据来源').length).toBe(2)
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
    const lines = text(p, 2)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('—'))
    expect(lines.length).toBe(22)
    // Page 2 lies inside one long paragraph: every line is full.
    for (const l of lines) expect([...l].length).toBe(28)
  })

  it('writes a page of body text as one text object with relative moves, adding under 8 bytes a line to its glyphs', async () => {
    // Characters drawn without repetition patterns, so that compression cannot hide the operators.
    const pool =
      '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'
    let seed = 7
    let body = ''
    for (let i = 0; i < 1400; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      body += pool[seed % pool.length]
    }
    const long = publication('long', body)
    const s = setup([long])
    const pdf = (await renderSheet(s.disclosures[0]!, s.ctx)).pdf
    const page = contentStreams(pdf)[1]!
    // The page number and 22 lines share one text object; pdfkit's text() opens one per run,
    // with a saved state, a flipped matrix and six-decimal absolute positions each time.
    expect(page.ops.match(/^BT$/gm)).toHaveLength(1)
    expect(page.ops.match(/ Td$/gm)!.length).toBeGreaterThanOrEqual(22)
    expect(page.ops).not.toMatch(/\d\.\d{3,} \S+ Td/)
    // What the glyph ids alone compress to is the floor; positions, fonts and spacing add little
    // to it (pdfkit's own text() added about 30 bytes a line).
    const ids = [...page.ops.matchAll(/<([0-9a-f]+)> Tj/g)].map((m) => m[1]).join('\n')
    const floor = deflateSync(Buffer.from(ids)).byteLength
    expect(page.compressed - floor).toBeLessThan(22 * 8)
  })

  it('keeps every footnote on the page of its mark, however the marks fall, and sends a note from a table after the body', async () => {
    const para = '为深入贯彻落实党中央、国务院关于深入打好污染防治攻坚战的决策部署，我局组织开展了辖区重点排污单位专项执法检查，现将有关情况公告如下。'
    const parts: string[] = []
    for (let i = 1; i <= 14; i++) parts.push(`${para.slice(0, 20 + ((i * 37) % 40))}第${i}段[^n${i}]。`)
    parts.push('| 项目 | 说明 |\n| --- | --- |\n| 甲 | 表中注释[^t] |')
    for (let i = 1; i <= 14; i++) parts.push(`[^n${i}]: 第${i}条注释：数据来源于青川县环境监测站${i}号点位。`)
    parts.push('[^t]: 表格注释：来自表格。')
    const s = setup([publication('notes', parts.join('\n\n'))])
    const p = save((await renderSheet(s.disclosures[0]!, s.ctx)).pdf)
    const pages = Number(info(p)['Pages'])
    expect(pages).toBeGreaterThanOrEqual(2)
    let seen = 0
    for (let page = 1; page <= pages; page++) {
      const t = text(p, page).replace(/\s+/g, '')
      for (let i = 1; i <= 14; i++) {
        if (!t.includes(`第${i}段[${i}]`)) continue
        expect(t, `note ${i} on page ${page}`).toContain(`第${i}条注释：数据来源于青川县环境监测站${i}号点位。`)
        seen++
      }
    }
    expect(seen).toBe(14)
    // The table's note is set after the body, under the rule, once.
    const all = text(p).replace(/\s+/g, '')
    expect(all.split('表格注释：来自表格。').length).toBe(2)
    expect(all.indexOf('表格注释')).toBeGreaterThan(all.indexOf('表中注释'))
  })

  it("never leaves a paragraph's first line alone at a page's foot nor its last alone at the top of the next", async () => {
    const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'
    const sizes = [2, 3, 4, 5, 1, 6, 2, 7, 3, 2, 4, 3, 5, 2, 8, 3, 2, 6, 4, 2, 3, 5]
    const paragraphs = sizes.map((n, k) => chars[k]!.repeat(n === 1 ? 10 : 26 + 28 * (n - 2) + 14))
    const s = setup([publication('widows', paragraphs.join('\n\n'))])
    const p = save((await renderSheet(s.disclosures[0]!, s.ctx)).pdf)
    const pages = Number(info(p)['Pages'])
    expect(pages).toBeGreaterThanOrEqual(4)
    let checked = 0
    for (let page = 1; page <= pages; page++) {
      const runs: { ch: string; n: number }[] = []
      for (const line of text(p, page)
        .split('\n')
        .map((l) => l.trim())) {
        const ch = line[0]
        if (ch === undefined || !chars.includes(ch) || line !== ch.repeat([...line].length)) continue
        if (runs.at(-1)?.ch === ch) runs.at(-1)!.n++
        else runs.push({ ch, n: 1 })
      }
      for (const run of [runs[0], runs.at(-1)]) {
        if (run === undefined) continue
        const size = sizes[chars.indexOf(run.ch)]!
        if (size >= 2) expect(run.n, `page ${page}: ${run.ch}`).toBeGreaterThanOrEqual(2)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * pages - 2)
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
