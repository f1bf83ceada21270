import { describe, expect, it } from 'vitest'
import { Catalog } from '../src/catalog/catalog.js'
import { defineConfig } from '../src/config-defaults.js'
import { DisclosureError, GongkaiError, OptionsError } from '../src/diagnostics.js'
import { createDisclosure, createDisclosures, createIndexNumbering } from '../src/disclosure.js'
import type { CatalogItem, Publication } from '../src/model.js'

const ITEM: CatalogItem = {
  code: 'HB-XZCF-001',
  name: '行政处罚决定',
  category: '行政处罚',
  basis: ['《中华人民共和国行政处罚法》'],
  content: '处罚决定书',
  owner: '执法大队',
  timeLimit: { kind: 'working-days', days: 7, from: 'decided', text: '7个工作日内' },
  channels: ['website'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
}
const PUB = { id: 'p1', item: ITEM.code, title: '处罚决定书', kind: 'release', stage: 'result', formed: '2026-11-20', review: { by: '王建国', on: '2026-11-21' }, body: '正文。' } as const
const BAD_BODY = ['当事人：某公司', '', '<script>alert(1)</script>', '', '[详情](javascript:alert(1))'].join('\n')

function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new GongkaiError('disclosure/invalid', '没有抛出错误')
}

describe('createDisclosure: what createDisclosures reports', () => {
  it('returns the warnings of a body with <script> and a javascript: link', () => {
    const { disclosure, diagnostics } = createDisclosure(ITEM, { ...PUB, body: BAD_BODY }, { orgCode: '008672531', serial: createIndexNumbering() })
    expect(diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}`)).toEqual(['markdown/raw-html warning 3', 'markdown/unsafe-url warning 5'])
    expect(JSON.stringify(disclosure.tree)).not.toContain('javascript:')
    expect(JSON.stringify(disclosure.tree)).not.toContain('script')
  })

  it('throws DisclosureError for 2026-13-45, checked as the loader checks a file, listing the warnings too', () => {
    const e = thrown(() => createDisclosure(ITEM, { ...PUB, formed: '2026-13-45', body: BAD_BODY }, { orgCode: '008672531', serial: createIndexNumbering() }))
    expect(e).toBeInstanceOf(DisclosureError)
    const error = e as DisclosureError
    expect(error.code).toBe('disclosure/invalid')
    expect(error.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['publication/bad-date error'])
    expect(error.message).toContain('“2026-13-45”不是真实存在的日期')
    expect(error.diagnostics[0]).toMatchObject({ file: '<memory:p1>', subject: 'p1' })
  })

  it('reports the same field problems the loader reports: a bad review date, an unknown field, a non-date', () => {
    const e = thrown(() =>
      createDisclosure(ITEM, { ...PUB, review: { by: '王', on: '2026-02-30' }, published: 20261124 as unknown as string, publshed: '2026-11-24' } as typeof PUB, {
        orgCode: '008672531',
        serial: createIndexNumbering(),
      }),
    ) as DisclosureError
    expect(e.diagnostics.map((d) => `${d.code} ${d.severity}`).sort()).toEqual(['publication/bad-date error', 'publication/bad-date error', 'publication/unknown-field warning'])
  })

  it('createDisclosures reports in-memory field problems and leaves the publication out', () => {
    const good: Publication = { ...PUB, attachments: [], tags: [], source: { file: '<memory:p1>', bodyLine: 1 } }
    const bad: Publication = { ...good, id: 'p2', formed: '2026-13-45', source: { file: '<memory:p2>', bodyLine: 1 } }
    const r = createDisclosures(new Catalog([ITEM]), [good, bad], { orgCode: '008672531' })
    expect(r.disclosures.map((d) => d.publication.id)).toEqual(['p1'])
    expect(r.diagnostics.map((d) => `${d.subject} ${d.code}`)).toEqual(['p2 publication/bad-date'])
  })
})

describe('createDisclosure: 索引号', () => {
  it('numbers disclosures made separately from one serial source, by year', () => {
    const serial = createIndexNumbering({ '2026': 30 })
    const a = createDisclosure(ITEM, { ...PUB, id: 'a' }, { orgCode: '008672531', serial }).disclosure
    const b = createDisclosure(ITEM, { ...PUB, id: 'b' }, { orgCode: '008672531', serial }).disclosure
    const c = createDisclosure(ITEM, { ...PUB, id: 'c', formed: '2027-01-04' }, { orgCode: '008672531', serial }).disclosure
    expect([a.indexNo, b.indexNo, c.indexNo]).toEqual(['008672531/2026-00031', '008672531/2026-00032', '008672531/2027-00001'])
  })

  it('takes an explicit indexNo without orgCode or serial', () => {
    expect(createDisclosure(ITEM, { ...PUB, indexNo: '008672531/2026-00110' }).disclosure.indexNo).toBe('008672531/2026-00110')
  })

  it('refuses to count alone: no serial and no indexNo is an OptionsError', () => {
    const e = thrown(() => createDisclosure(ITEM, PUB, { orgCode: '008672531' }))
    expect(e).toBeInstanceOf(OptionsError)
    expect(e).toMatchObject({ code: 'disclosure/no-serial', title: '缺少索引号序号来源' })
  })

  it('a missing orgCode is an error, not zeros', () => {
    const e = thrown(() => createDisclosure(ITEM, PUB, { serial: createIndexNumbering() }))
    expect(e).toBeInstanceOf(OptionsError)
    expect(e).toMatchObject({ code: 'disclosure/no-org-code' })
    expect(() => createDisclosures(new Catalog([ITEM]), [{ ...PUB, attachments: [], tags: [], source: { file: 'x', bodyLine: 1 } }])).toThrow(OptionsError)
    // A config made without one gives no zeros to pass on either.
    const config = defineConfig({ body: { name: '青川县生态环境局' } })
    expect(() => createDisclosure(ITEM, PUB, { orgCode: config.body.orgCode, serial: createIndexNumbering() })).toThrow(/没有给出组织机构代码/)
  })

  it('a malformed orgCode (not 9 digits or capitals) is an error', () => {
    for (const orgCode of ['12345', '00867253-1', '008672531X', 'abcdefghi']) {
      const e = thrown(() => createDisclosure(ITEM, PUB, { orgCode, serial: createIndexNumbering() })) as DisclosureError
      expect(e).toBeInstanceOf(DisclosureError)
      expect(e.diagnostics.map((d) => d.code)).toEqual(['disclosure/bad-org-code'])
    }
  })

  it('a serial source that gives a bad number is an OptionsError', () => {
    expect(() => createDisclosure(ITEM, PUB, { orgCode: '008672531', serial: () => 0 })).toThrow(/序号/)
    expect(() => createDisclosure(ITEM, PUB, { orgCode: '008672531', serial: () => 100_000 })).toThrow(OptionsError)
  })
})
