import { describe, expect, it } from 'vitest'
import { Catalog } from '../src/catalog/catalog.js'
import type { Adjustment, CatalogItem } from '../src/model.js'

const item = (code: string, owner = '办公室'): CatalogItem => ({
  code,
  name: `事项${code}`,
  category: '政府信息',
  basis: ['依据'],
  content: '内容',
  owner,
  timeLimit: { kind: 'realtime', text: '实时' },
  channels: ['website'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
})

const log: Adjustment[] = [
  { date: '2026-06-01', kind: 'amend', code: 'A', reason: '科室调整', changes: { owner: '综合科' } },
  { date: '2026-03-01', kind: 'add', code: 'B', reason: '新增' },
  { date: '2026-04-01', kind: 'cancel', code: 'C', reason: '取消' },
  { date: '2026-05-01', kind: 'delegate', code: 'D', reason: '下放', to: '乡镇人民政府' },
  { date: '2026-02-01', kind: 'assume', code: 'E', reason: '承接' },
  { date: '2026-08-01', kind: 'cancel', code: 'E', reason: '再取消' },
  { date: '2026-09-01', kind: 'retain', code: 'E', reason: '恢复保留' },
]
const catalog = new Catalog(
  ['A', 'B', 'C', 'D', 'E'].map((c) => item(c)),
  log,
)
const codes = (c: Catalog) => c.items.map((i) => i.code)

describe('Catalog.at', () => {
  it('sorts the log by date', () => {
    expect(catalog.adjustments.map((a) => a.date)).toEqual(['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-08-01', '2026-09-01'])
  })

  it('leaves out items added or assumed later, and those cancelled or delegated by then', () => {
    expect(codes(catalog.at('2026-01-15'))).toEqual(['A', 'C', 'D'])
    expect(codes(catalog.at('2026-02-01'))).toEqual(['A', 'C', 'D', 'E'])
    expect(codes(catalog.at('2026-03-01'))).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(codes(catalog.at('2026-03-31'))).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(codes(catalog.at('2026-04-01'))).toEqual(['A', 'B', 'D', 'E'])
    expect(codes(catalog.at('2026-05-01'))).toEqual(['A', 'B', 'E'])
    expect(codes(catalog.at('2026-08-15'))).toEqual(['A', 'B'])
    expect(codes(catalog.at('2026-09-01'))).toEqual(['A', 'B', 'E'])
  })

  it('applies amendments from their date on; `items` and `get` hold the latest values', () => {
    expect(catalog.at('2026-05-31').get('A')?.owner).toBe('办公室')
    expect(catalog.at('2026-06-01').get('A')?.owner).toBe('综合科')
    expect(catalog.get('A')?.owner).toBe('综合科')
  })

  it('says where an item stands and what ended it', () => {
    expect(catalog.status('B', '2026-02-28')).toBe('not-yet-added')
    expect(catalog.status('C', '2026-04-01')).toBe('cancelled')
    expect(catalog.status('D', '2026-06-01')).toBe('delegated')
    expect(catalog.status('Z', '2026-06-01')).toBe('unknown')
    expect(catalog.endedBy('D', '2026-06-01')).toMatchObject({ kind: 'delegate', to: '乡镇人民政府' })
    expect(catalog.endedBy('E', '2026-08-02')?.reason).toBe('再取消')
    expect(catalog.endedBy('E', '2026-09-02')).toBeUndefined()
  })
})
