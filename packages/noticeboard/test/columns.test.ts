/** Table columns sized by content, measured on the widths and breaks themselves. */
import { describe, expect, it } from 'vitest'
import { bookFor } from '../src/fonts.js'
import { breakCell, columnWidths } from '../src/layout/columns.js'
import { atomize } from '../src/layout/text.js'

const book = bookFor({}, () => {})
const style = { face: 'serif', size: 12 } as const
const atoms = (text: string) => atomize([{ text, style }], book, 442, () => {})
const width = (text: string) => atoms(text).reduce((s, a) => s + a.width, 0)
const table = (rows: string[][]) => rows.map((r) => r.map(atoms))

describe('columnWidths', () => {
  it('shares spare width in proportion to the natural widths when every cell fits on one line', () => {
    const w = columnWidths(
      table([
        ['序号', '名称'],
        ['1', '青川县城北污水处理厂'],
      ]),
      2,
      442,
      4,
      12,
    )
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(442, 6)
    expect(w[1]! / w[0]!).toBeCloseTo((width('青川县城北污水处理厂') + 8) / (width('序号') + 8), 6)
  })

  it('never breaks a word while another column can give room, and gives the room where it saves lines', () => {
    const long = '四川川北恒润化工有限公司年产三万吨竹纤维模塑环保餐具建设项目环境影响报告表受理情况公示'
    const rows = [
      ['邮箱', '说明'],
      ['qchbj_hpk@qingchuan.gov.cn', long],
      ['HB-ZFXX-003', long],
    ]
    const w = columnWidths(table(rows), 2, 442, 4, 12)
    expect(w[0]!).toBeGreaterThanOrEqual(width('qchbj_hpk@qingchuan.gov.cn') + 8 - 0.01)
    // The first column takes no more than its longest word: the rest goes to the text.
    expect(w[0]!).toBeLessThan(width('qchbj_hpk@qingchuan.gov.cn') + 8 + 12)
  })

  it('keeps a two-character header whole rather than 序 / 号', () => {
    const rows = [['序号', '内容'], ...Array.from({ length: 5 }, (_, i) => [String(i + 1), '建设地点青川县青阳工业园区竹木加工区园区纬三路以南经二路以东竹木加工区'])]
    const w = columnWidths(table(rows), 2, 442, 4, 12)
    expect(breakCell(atoms('序号'), w[0]! - 8).lines).toHaveLength(1)
  })
})

describe('breakCell', () => {
  it('pulls a character down rather than leave one alone on the last line, keeping the count', () => {
    const text = '青川县青阳工业园区竹木加工区（园区纬三路以南、经二路以东）'
    const w = width(text) - 20
    const cell = breakCell(atoms(text), w)
    expect(cell.lines).toHaveLength(2)
    expect(cell.lone).toBe(0)
    expect(cell.lines[1]!.atoms.map((a) => a.text).join('')).toBe('以东）')
  })
})
