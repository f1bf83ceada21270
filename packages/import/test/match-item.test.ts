import { readFileSync } from 'node:fs'
import type { CatalogItem } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { matchItem, MIN_LEAD, MIN_SCORE, titleWords } from '../src/index.js'

const items = (parse(readFileSync(new URL('../../../examples/county-bureau/catalog.yaml', import.meta.url), 'utf8')) as { items: CatalogItem[] }).items
const ORGAN = '青川县生态环境局'

describe('matchItem: by the words of the title, scored, never a guess', () => {
  it('cuts a Chinese title into words, without the issuer, numbers, brackets and words of kind', () => {
    expect(titleWords('青川县生态环境局关于开展2026年冬季大气污染防治专项检查的通知', ORGAN)).toEqual(['冬季', '大气', '污染', '防治', '专', '项', '检查'])
    expect(titleWords('行政处罚决定书（青环罚〔2026〕15号）', ORGAN)).toEqual(['行政', '处罚', '决定'])
  })

  it('a penalty decision goes to 行政处罚决定, clearly, its name inside the title counting most', () => {
    const m = matchItem('青川县生态环境局行政处罚决定书（青环罚〔2026〕15号）', items, ORGAN)
    expect(m.clear).toBe(true)
    expect(m.best).toMatchObject({ code: 'HB-XZCF-001', name: '行政处罚决定', score: 1.5 })
    expect(m.best!.score - m.candidates[1]!.score).toBeGreaterThanOrEqual(MIN_LEAD)
  })

  it('a notice on 大气污染防治 goes to 污染防治攻坚', () => {
    const m = matchItem('青川县生态环境局关于开展2026年冬季大气污染防治专项检查的通知', items, ORGAN)
    expect([m.clear, m.best?.code]).toEqual([true, 'HB-HJXX-008'])
    expect(m.best!.score).toBeGreaterThanOrEqual(MIN_SCORE)
  })

  it('a title two items share about equally is not clear, and the candidates are listed best first', () => {
    const m = matchItem('2026年第三季度重点排污单位监督性监测结果', items, ORGAN)
    expect(m.clear).toBe(false)
    expect(m.candidates.slice(0, 2).map((c) => c.code)).toEqual(['HB-HJXX-002', 'HB-HJXX-007'])
    expect(m.candidates.map((c) => c.score)).toEqual([...m.candidates.map((c) => c.score)].sort((a, b) => b - a))
  })

  it('a title whose words the catalog barely has is no match, however far ahead', () => {
    const m = matchItem('关于国庆节放假安排的通知', items, ORGAN)
    expect(m.clear).toBe(false)
    expect(m.candidates.length).toBeLessThanOrEqual(1)
    expect(m.best?.score ?? 0).toBeLessThan(MIN_SCORE)
    expect(matchItem('关于国庆节的通知', items, ORGAN)).toEqual({ candidates: [], clear: false })
  })
})
