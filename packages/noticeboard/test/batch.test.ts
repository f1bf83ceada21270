import { describe, expect, it } from 'vitest'
import { OptionsError } from '@gongkai/core'
import type { Publication } from '@gongkai/core'
import { renderBatch } from '../src/index.js'
import { selectForDay } from '../src/batch/select.js'
import { NOTICE_BODY, WEB_ONLY, publication, setup } from './fixtures.js'
import { info, save, text } from './pdf-tools.js'

const pubs = [
  publication('a', NOTICE_BODY, { title: '甲公示', noticePeriod: { from: '2026-11-26', until: '2026-12-03' } }),
  publication('b', '短公示正文。', { title: '乙公示', noticePeriod: { from: '2026-11-20', until: '2026-11-26' } }),
  publication('c', '已到期正文。', { title: '丙公示', noticePeriod: { from: '2026-11-10', until: '2026-11-25' } }),
  publication('d', '未开始正文。', { title: '丁公示', noticePeriod: { from: '2026-11-27', until: '2026-12-05' } }),
  publication('e', '未审查正文。', { title: '戊公示', review: undefined as never }),
  publication('f', '只上网站。', { title: '己公示', item: WEB_ONLY.code }),
  publication('g', '定时发布。', { title: '庚公示', publishAt: '2026-11-27T09:00:00+08:00' }),
  publication('h', '很久以前。', { title: '辛公示', noticePeriod: { from: '2026-10-01', until: '2026-10-10' } }),
]

describe('selectForDay', () => {
  const { disclosures } = setup(pubs.map((p) => (p.id === 'e' ? (({ review: _r, ...rest }) => rest)(p) : p)))

  it('posts what the notice period covers, on the noticeboard channel, reviewed and already published', () => {
    const s = selectForDay(disclosures, '2026-11-26')
    expect(s.posted.map((d) => d.publication.id)).toEqual(['b', 'a'])
    expect(s.takeDown.map((t) => [t.id, t.takeDownOn])).toEqual([['c', '2026-11-26']])
    expect(s.diagnostics.map((d) => [d.code, d.subject])).toEqual([
      ['noticeboard/not-reviewed', 'e'],
      ['noticeboard/not-yet-published', 'g'],
    ])
  })

  it('a withdrawn sheet: listed once it was up (not posted), left out when withdrawn before it went up, posted while the withdrawal is ahead', () => {
    const w = (on: string) => ({ withdrawn: { on, reason: '信息有误', mode: 'notice' as const } })
    const { disclosures: ds } = setup([
      publication('up', '正文。', { title: '已张贴', noticePeriod: { from: '2026-11-20', until: '2026-12-05' }, ...w('2026-11-25') }),
      publication('early', '正文。', { title: '未张贴即撤回', noticePeriod: { from: '2026-11-24', until: '2026-12-05' }, ...w('2026-11-22') }),
      publication('ahead', '正文。', { title: '撤回日期未到', noticePeriod: { from: '2026-11-20', until: '2026-12-05' }, ...w('2026-11-28') }),
      publication('ended', '正文。', { title: '期满后撤回', noticePeriod: { from: '2026-11-10', until: '2026-11-23' }, ...w('2026-11-24') }),
    ])
    const s = selectForDay(ds, '2026-11-26')
    expect(s.posted.map((d) => d.publication.id)).toEqual(['ahead'])
    expect(s.withdrawn).toEqual([{ id: 'up', title: '已张贴', revision: ds[0]?.revision, on: '2026-11-25', reason: '信息有误' }])
    // Its period ended before the withdrawal: it came down as any sheet whose period is over.
    expect(s.takeDown.map((t) => t.id)).toEqual(['ended'])
    expect(selectForDay(ds, '2026-11-26', { listedBefore: new Set(['up']) }).withdrawn).toEqual([])
    expect(selectForDay(ds, '2026-11-28').posted.map((d) => d.publication.id)).toEqual([])
  })

  it('with review levels, posts only a sheet that has every level, and says which level the others lack', () => {
    // Only levels: the fixture's single review is taken off.
    const levels = (id: string, title: string, reviewLevels: Publication['reviewLevels']) => (({ review: _r, ...rest }) => ({ ...rest, reviewLevels }))(publication(id, '正文。', { title }))
    const { disclosures: levelled } = setup([
      levels('both', '两级公示', [
        { level: '初审', by: '甲', on: '2026-11-21' },
        { level: '复审', by: '乙', on: '2026-11-22' },
      ]),
      levels('first', '一级公示', [{ level: '初审', by: '甲', on: '2026-11-21' }]),
      publication('single', '单审。', { title: '单审公示' }),
    ])
    const s = selectForDay(levelled, '2026-11-26', { reviewLevels: ['初审', '复审'] })
    expect(s.posted.map((d) => d.publication.id)).toEqual(['both'])
    expect(s.diagnostics.map((d) => [d.subject, d.message])).toEqual([
      ['first', '“一级公示”在公示期内，但未通过保密审查：缺少复审，未打印'],
      ['single', '“单审公示”在公示期内，但未通过保密审查：缺少初审、复审，未打印'],
    ])
  })

  it('includes both ends of the period', () => {
    expect(selectForDay(disclosures, '2026-12-03').posted.map((d) => d.publication.id)).toEqual(['a', 'g', 'd'])
    expect(selectForDay(disclosures, '2026-12-04').takeDown.map((t) => t.id)).toEqual(['a', 'e', 'g'])
  })
})

describe('renderBatch', () => {
  const { disclosures, ctx } = setup(pubs.filter((p) => p.id !== 'e'))

  it('prints the index, then each sheet from an odd page with duplex', async () => {
    const r = await renderBatch(disclosures, { on: '2026-11-26', duplex: true }, ctx)
    const path = save(r.pdf)
    expect(Number(info(path)['Pages'])).toBe(r.pages)
    expect(r.posted.map((p) => [p.id, p.takeDownOn])).toEqual([
      ['b', '2026-11-27'],
      ['a', '2026-12-04'],
    ])
    expect(r.takeDown.map((t) => t.id)).toEqual(['c'])
    const index = text(path, 1).replace(/\s+/g, '')
    expect(index).toContain('公示栏张贴清单')
    expect(index).toContain('今日张贴（2件）')
    expect(index).toMatch(/乙公示.*11月20日至11月26日11月27日.*甲公示.*11月26日至12月3日12月4日/)
    expect(index).toContain('今日撤下（1件）')
    expect(index).toMatch(/丙公示.*11月25日.*11月26日/)
    const starts: number[] = []
    for (let p = 1; p <= r.pages; p++) {
      const t = text(path, p).replace(/\s+/g, '')
      if (t.includes('事项名称：')) starts.push(p)
    }
    expect(starts.length).toBe(2)
    for (const p of starts) expect(p % 2).toBe(1)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['noticeboard/not-yet-published'])
  })

  it('prints A3 on request and rejects a bad day', async () => {
    const r = await renderBatch(disclosures, { on: '2026-11-26', paper: 'A3' }, ctx)
    expect(info(save(r.pdf))['Page size']).toMatch(/\(A3\)/)
    await expect(renderBatch(disclosures, { on: '2026-13-01' }, ctx)).rejects.toThrow(OptionsError)
    await expect(renderBatch(disclosures, { on: '2026-11-26', paper: 'Letter' as 'A4' }, ctx)).rejects.toThrow(/paper/)
  })
})
