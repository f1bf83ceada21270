/** The 版头 of GB/T 9704-2012 7.2 and the title's place (7.3.1), measured on the rendered PDF. */
import { describe, expect, it } from 'vitest'
import { renderSheet } from '../src/internal.js'
import { titleWithoutNumber } from '../src/render/parts.js'
import { lines, strokes, words } from './bbox.js'
import { NOTICE_BODY, publication, setup } from './fixtures.js'
import { raster, save } from './pdf-tools.js'

const MM = 72 / 25.4
const PITCH = (225 * MM) / 22
const CENTRE = (28 + 156 / 2) * MM
const NUMBER = '青环罚〔2026〕7号'

describe('the header', async () => {
  const { disclosures, ctx } = setup([publication('2026-xzcf-007', NOTICE_BODY, { docNumber: NUMBER })])
  const { pdf } = await renderSheet(disclosures[0]!, ctx)
  const path = save(pdf)
  const first = lines(words(path)[0]!)
  const find = (text: string) => first.find((l) => l.text === text)
  const rule = strokes(pdf)[0]!.find((s) => s.color === '0.78 0.09 0.11')

  it('draws one red rule the width of the type area', () => {
    expect(rule).toBeDefined()
    expect(rule!.x0).toBeCloseTo(28 * MM, 1)
    expect(rule!.x1).toBeCloseTo(184 * MM, 1)
  })

  it('sets the document number above the rule, centred under the mark, two blank lines below it', () => {
    const organ = find('青川县生态环境局')!
    const number = find(NUMBER)!
    expect(organ).toBeDefined()
    expect(number).toBeDefined()
    expect((number.x0 + number.x1) / 2).toBeCloseTo(CENTRE, 0)
    expect((organ.x0 + organ.x1) / 2).toBeCloseTo(CENTRE, 0)
    expect(number.y1).toBeLessThan(rule!.y)
    // Two blank grid lines between the mark and the number.
    const gap = number.y0 - organ.y1
    expect(gap).toBeGreaterThan(2 * PITCH - 4)
    expect(gap).toBeLessThan(3 * PITCH)
  })

  it('puts the rule 4 mm below the lowest ink of the number (pixels at 300 dpi)', () => {
    const dpi = 300
    const [page] = raster(path, dpi, 1, 1)
    const px = (pt: number) => Math.round((pt / 72) * dpi)
    const ruleRow = px(rule!.y)
    // The lowest dark row above the rule in the number's columns.
    const number = find(NUMBER)!
    let lowest = -1
    for (let y = ruleRow - px(1.5); y > ruleRow - px(15 * MM); y--) {
      let dark = 0
      for (let x = px(number.x0); x < px(number.x1); x++) if (page!.data[y * page!.width + x]! < 128) dark++
      if (dark > 0) {
        lowest = y
        break
      }
    }
    expect(lowest).toBeGreaterThan(0)
    const gapMm = ((ruleRow - lowest) / dpi) * 25.4
    expect(gapMm).toBeGreaterThan(3.5)
    expect(gapMm).toBeLessThan(4.5)
  })

  it('starts the title two blank lines below the rule and does not repeat the number in it', () => {
    const title = first.find((l) => l.text.startsWith('青川县生态环境局行政处罚决定书'))!
    expect(title.text).toBe('青川县生态环境局行政处罚决定书')
    const gap = title.y0 - rule!.y
    expect(gap).toBeGreaterThan(2 * PITCH)
    expect(gap).toBeLessThan(3 * PITCH)
    expect(first.filter((l) => l.text.includes(NUMBER))).toHaveLength(1)
  })

  it('puts the item name and code on the first line, above the mark', () => {
    const name = first[0]!
    expect(name.text).toBe('事项名称：行政处罚决定事项编码：HB-XZCF-001')
    expect(name.y1).toBeLessThan(find('青川县生态环境局')!.y0)
  })
})

describe('a sheet without a document number', async () => {
  const { disclosures, ctx } = setup([publication('2026-xzcf-008', NOTICE_BODY, { title: '关于青川县重点排污单位专项执法检查情况的公告' })])
  const { pdf } = await renderSheet(disclosures[0]!, ctx)
  const path = save(pdf)
  const first = lines(words(path)[0]!)

  it('draws the rule under the mark and the title two blank lines below it', () => {
    const rule = strokes(pdf)[0]!.find((s) => s.color === '0.78 0.09 0.11')!
    const organ = first.find((l) => l.text === '青川县生态环境局')!
    expect(rule.y).toBeGreaterThan(organ.y1)
    expect(rule.y - organ.y1).toBeLessThan(PITCH / 2)
    const title = first.find((l) => l.text.startsWith('关于青川县'))!
    expect(title.y0 - rule.y).toBeGreaterThan(2 * PITCH)
    expect(title.y0 - rule.y).toBeLessThan(3 * PITCH)
  })
})

describe('titleWithoutNumber', () => {
  it('strips the number when the title carries it whole, in brackets or at either end', () => {
    expect(titleWithoutNumber('青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）', '青环罚〔2026〕14号')).toBe('青川县生态环境局行政处罚决定书')
    expect(titleWithoutNumber('行政处罚决定书(青环罚〔2026〕14号)', '青环罚〔2026〕14号')).toBe('行政处罚决定书')
    expect(titleWithoutNumber('青环罚〔2026〕14号 行政处罚决定书', '青环罚〔2026〕14号')).toBe('行政处罚决定书')
    expect(titleWithoutNumber('行政处罚决定书 青环罚〔2026〕14号', '青环罚〔2026〕14号')).toBe('行政处罚决定书')
  })
  it('keeps a title that only mentions the number inside, another number, or nothing else', () => {
    expect(titleWithoutNumber('关于青环罚〔2026〕14号的更正说明', '青环罚〔2026〕14号')).toBe('关于青环罚〔2026〕14号的更正说明')
    expect(titleWithoutNumber('行政处罚决定书（青环罚〔2026〕15号）', '青环罚〔2026〕14号')).toBe('行政处罚决定书（青环罚〔2026〕15号）')
    expect(titleWithoutNumber('青环罚〔2026〕14号', '青环罚〔2026〕14号')).toBe('青环罚〔2026〕14号')
    expect(titleWithoutNumber('行政处罚决定书', undefined)).toBe('行政处罚决定书')
  })
})
