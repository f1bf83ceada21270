/** Finding numeric series: which tables become charts, and which stay tables. */
import { describe, expect, it } from 'vitest'
import { detectSeriesIn, isPeriod, parseNumber, splitUnit } from '../src/index.js'
import { readings } from './fixtures/readings.js'

describe('detectSeriesIn', () => {
  it('reads the month of daily readings as two charts, one per unit, and leaves the text columns to the table', () => {
    const { header, rows } = readings()
    const found = detectSeriesIn(header, rows)
    expect(found?.other).toEqual(['首要污染物', '空气质量级别'])
    expect(found?.charts.map((c) => [c.kind, c.title, c.unit, c.labels.length])).toEqual([
      ['line', 'PM2.5、PM10、O3-8h、NO2（μg/m³）', 'μg/m³', 31],
      ['bar', 'AQI', undefined, 31],
    ])
    expect(found?.charts[0]?.series[0]?.values.slice(19, 22)).toEqual([50, 57, 52])
    expect(found?.charts[0]?.axis).toBe('日期')
  })

  it('keeps as tables: too few rows, a first column that is not dates, no numeric column', () => {
    const { header, rows } = readings()
    expect(detectSeriesIn(header, rows.slice(0, 7))).toBeUndefined()
    expect(detectSeriesIn(header, rows.slice(0, 8))).toBeDefined()
    expect(detectSeriesIn(header, rows.slice(0, 5), { minRows: 5 })).toBeDefined()
    // 序号 1, 2, 3 are not periods.
    expect(
      detectSeriesIn(
        ['序号', '数量'],
        Array.from({ length: 12 }, (_, i) => [String(i + 1), String(i * 3)]),
      ),
    ).toBeUndefined()
    expect(
      detectSeriesIn(
        ['日期', '天气'],
        Array.from({ length: 12 }, (_, i) => [`10月${i + 1}日`, '晴']),
      ),
    ).toBeUndefined()
    // Dated decisions with one amount: more columns of words than of numbers, a record table.
    const fines = Array.from({ length: 12 }, (_, i) => [`2026-10-${String(i + 1).padStart(2, '0')}`, `某公司${i}`, '青环罚〔2026〕1号', String(10_000 * (i + 1))])
    expect(detectSeriesIn(['决定日期', '当事人', '文号', '罚款（元）'], fines)).toBeUndefined()
    expect(
      detectSeriesIn(
        ['日期', '天气', '气温（℃）'],
        fines.map((r) => [r[0] ?? '', '晴', String(20)]),
      ),
    ).toBeUndefined()
    // A column with a word among its numbers is text.
    const mixed = Array.from({ length: 12 }, (_, i) => [`2026年${i + 1}月`, i === 4 ? '停测' : String(i)])
    expect(detectSeriesIn(['月份', '数值'], mixed)).toBeUndefined()
  })

  it('takes blanks and dashes as gaps, percentages as a unit, and splits more than four series of a unit', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`第${i + 1}周`, i === 3 ? '—' : `${i}%`, ...Array.from({ length: 5 }, (_, k) => String(i * k))])
    const found = detectSeriesIn(['周次', '达标率', 'a（吨）', 'b（吨）', 'c（吨）', 'd（吨）', 'e（吨）'], rows)
    expect(found?.charts.map((c) => [c.unit, c.series.map((s) => s.name)])).toEqual([
      ['%', ['达标率']],
      ['吨', ['a', 'b', 'c', 'd']],
      ['吨', ['e']],
    ])
    expect(found?.charts[0]?.series[0]?.values[3]).toBeUndefined()
  })
})

describe('cells', () => {
  it('knows dates and periods as offices write them', () => {
    for (const s of ['10月1日', '2026-10-01', '2026/10/1', '2026.10', '2026年10月', '2026年10月上旬', '10-01', '1日', '2025年', '2025', '第三季度', '2026年第3季度', '上半年', '2026年度', '第12周'])
      expect(isPeriod(s), s).toBe(true)
    for (const s of ['1', '12', '乔庄镇', '优', 'PM2.5', '10月份以后', '3000']) expect(isPeriod(s), s).toBe(false)
  })

  it('reads numbers with separators, signs and percent; not words', () => {
    expect(['1,234.5', '−3', '12%', '+0.5', '.5', '０'].map(parseNumber)).toEqual([1234.5, -3, 12, 0.5, 0.5, undefined])
    expect(parseNumber('约30')).toBeUndefined()
  })

  it('splits a header into name and unit', () => {
    expect(splitUnit('PM2.5（μg/m³）')).toEqual({ name: 'PM2.5', unit: 'μg/m³' })
    expect(splitUnit('金额(单位：万元)')).toEqual({ name: '金额', unit: '万元' })
    expect(splitUnit('AQI')).toEqual({ name: 'AQI', unit: undefined })
  })
})
