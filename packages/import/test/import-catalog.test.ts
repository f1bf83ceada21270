import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '@gongkai/core'
import { OptionsError, parseTimeLimit } from '@gongkai/core'
import { importCatalog, parseChannels, splitBasis } from '../src/sheet/import-catalog.js'
import { catalogToYaml } from '../src/catalog-yaml.js'
import { prefixForDomain } from '../src/codes.js'

/** What import could not understand: everything but the `import/header` note. */
const problems = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code !== 'import/header')

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/import-ecology/${name}`, import.meta.url))

describe('importCatalog: the national .xlsx layout', async () => {
  const { items, diagnostics: all, headers } = await importCatalog(fixture('catalog.xlsx'))
  const diagnostics = problems(all)
  const byName = (name: string) => {
    const item = items.find((i) => i.name === name)
    if (item === undefined) throw new Error(`no item ${name}`)
    return item
  }

  it('reads every item row below the two header rows, skipping the note row', () => {
    expect(items).toHaveLength(12)
    expect(items.map((i) => i.name)[0]).toBe('建设项目环境影响评价文件受理情况')
    expect(items.some((i) => i.name.startsWith('注'))).toBe(false)
  })

  it('says which rows it took as the header', () => {
    expect(headers).toMatchObject([{ sheet: '生态环境', rows: [2, 3] }])
    expect(all.filter((d) => d.code === 'import/header')).toMatchObject([{ severity: 'info', line: 2, file: 'catalog.xlsx' }])
    expect(all[0]?.message).toContain('以第 2–3 行为表头')
  })

  it('gives stable codes: domain prefix from the title row, category abbreviation, serial', () => {
    expect(items.map((i) => i.code)).toEqual([
      'HB-HJYP-001',
      'HB-HJYP-002',
      'HB-HJYP-003',
      'HB-XZCF-001',
      'HB-XZCF-002',
      'HB-XZCF-003',
      'HB-HJZL-001',
      'HB-HJZL-002',
      'HB-TFSJ-001',
      'HB-ZCWJ-001',
      'HB-ZCWJ-002',
      'HB-PWXK-001',
    ])
  })

  it('takes 一级事项 from merged cells and the name from 二级事项 when there is no name column', () => {
    expect(items.map((i) => i.category)).toEqual([
      '环境影响评价',
      '环境影响评价',
      '环境影响评价',
      '行政处罚',
      '行政处罚',
      '行政处罚',
      '环境质量',
      '环境质量',
      '突发环境事件',
      '政策文件',
      '政策文件',
      '排污许可',
    ])
    expect(byName('行政处罚决定').subcategory).toBeUndefined()
  })

  it('reads ■/□ checklists, plain lists and newline lists; keeps channels it does not render', () => {
    expect(byName('建设项目环境影响评价文件受理情况').channels).toEqual(['website', 'wechat', 'service-center'])
    expect(byName('建设项目环境影响评价文件审批决定').channels).toEqual(['website', 'wechat', 'noticeboard', 'targeted-push'])
    expect(byName('行政处罚决定').channels).toEqual(['website', 'wechat'])
    const blacklist = byName('环境违法企业黑名单')
    expect(blacklist.channels).toEqual(['website', 'broadcast', 'other'])
    expect(blacklist.notes).toBe('其他公开渠道：村村响大喇叭')
    expect(byName('突发环境事件应急处置情况').channels).toEqual(['website', 'wechat', 'broadcast', 'door-to-door', 'other'])
  })

  it('reads audience, mode and level from √ (also ✔ and 是) columns', () => {
    const decision = byName('行政处罚决定')
    expect([decision.audience, decision.mode, decision.level]).toEqual(['public', 'proactive', ['county', 'township']])
    expect(byName('环境违法企业黑名单').audience).toBe('public') // ✔
    const plan = byName('生态环境保护规划')
    expect([plan.audience, plan.mode, plan.level]).toEqual(['specific', 'on-request', ['township']]) // 是, 待定 under 县级
  })

  it('splits basis at line breaks, ；, 、《 and numbering; keeps rich text as plain text', () => {
    expect(byName('建设项目环境影响评价文件受理情况').basis).toEqual(['《中华人民共和国环境影响评价法》', '《建设项目环境影响评价政府信息公开指南（试行）》（环办〔2013〕103号）'])
    expect(byName('行政处罚决定').basis).toEqual(['《中华人民共和国行政处罚法》第四十八条', '《中华人民共和国政府信息公开条例》第二十条'])
    expect(byName('突发环境事件应急处置情况').basis).toEqual(['《中华人民共和国突发事件应对法》', '《突发环境事件信息报告办法》（环境保护部令第17号）'])
    expect(byName('行政处罚决定').content).toBe('行政处罚决定书（案件名称、当事人、违法事实、处罚依据、处罚结果、作出机关、日期）')
  })

  it('parses time limits in words, Chinese and full-width numerals included', () => {
    expect(byName('建设项目环境影响评价文件受理情况').timeLimit).toMatchObject({ kind: 'working-days', days: 20, from: 'formed' })
    expect(byName('行政处罚决定').timeLimit).toMatchObject({ kind: 'working-days', days: 7, from: 'decided' })
    expect(byName('突发环境事件应急处置情况').timeLimit).toMatchObject({ kind: 'working-days', days: 20 })
    expect(byName('排污许可证核发情况').timeLimit).toMatchObject({ kind: 'working-days', days: 20, from: 'decided' })
    expect(byName('空气质量状况').timeLimit.kind).toBe('realtime')
    expect(byName('生态环境状况公报').timeLimit).toMatchObject({ kind: 'annual', month: 6, day: 5 })
    expect(byName('生态环境规范性文件').timeLimit.kind).toBe('long-term')
    expect(byName('按日连续处罚决定').timeLimit).toEqual({ kind: 'unknown', text: '按照相关规定及时公开' })
  })

  it('reports what it could not understand with sheet, row and column header', () => {
    const seen = diagnostics.map((d) => [d.code, d.line, d.column])
    expect(seen).toEqual([
      ['import/time-limit', 5, 6],
      ['import/unknown-channel', 8, 8],
      ['import/time-limit', 9, 6],
      ['import/unclear-mark', 14, 13],
    ])
    for (const d of diagnostics) {
      expect(d.file).toBe('catalog.xlsx')
      expect(d.severity).toBe('warning')
      expect(d.message).toContain('工作表“生态环境”')
      expect(d.hint).toBeTruthy()
    }
    expect(diagnostics[0]?.message).toContain('第 5 行“公开时限”列')
    expect(diagnostics[0]?.message).toContain('作出审批决定前公示5个工作日')
    expect(diagnostics[3]?.message).toContain('“公开层级/县级”列')
  })

  it('gives the same codes when the same sheet is imported twice, from bytes too', async () => {
    const again = await importCatalog({ data: readFileSync(fixture('catalog.xlsx')), name: 'catalog.xlsx' })
    expect(again.items.map((i) => i.code)).toEqual(items.map((i) => i.code))
    expect(again.items).toEqual(items)
  })

  it('keeps codes of an existing catalog and gives new items free serials', async () => {
    const existing = [{ ...byName('环境违法企业黑名单'), code: 'HB-XZCF-001' }]
    const result = await importCatalog(fixture('catalog.xlsx'), { existing })
    const codes = new Map(result.items.map((i) => [i.name, i.code]))
    expect(codes.get('环境违法企业黑名单')).toBe('HB-XZCF-001')
    expect(codes.get('行政处罚决定')).toBe('HB-XZCF-002')
    expect(codes.get('按日连续处罚决定')).toBe('HB-XZCF-003')
    expect(new Set(codes.values()).size).toBe(12)
  })

  it('uses the prefix option, and refuses a bad one', async () => {
    const result = await importCatalog(fixture('catalog.xlsx'), { prefix: 'QCHB' })
    expect(result.items[0]?.code).toBe('QCHB-HJYP-001')
    await expect(importCatalog(fixture('catalog.xlsx'), { prefix: '环保' })).rejects.toBeInstanceOf(OptionsError)
  })

  it('writes catalog.yaml that reads back to the same items, words kept', () => {
    const text = catalogToYaml(items, [{ date: '2026-03-01', kind: 'delegate', code: 'HB-PWXK-001', reason: '下放', to: '乡镇人民政府' }], {
      comment: '由 catalog.xlsx 导入',
    })
    expect(text.startsWith('# 由 catalog.xlsx 导入\n')).toBe(true)
    expect(text).toContain('    timeLimit: 信息形成或者变更之日起20个工作日内\n')
    expect(text).toContain('    channels: [website, wechat, service-center]\n')
    expect(text).toContain('    level: [county, township]\n')
    expect(text).not.toMatch(/\\u/)
    const back = parseYaml(text) as { items: Record<string, unknown>[]; adjustments: Record<string, unknown>[] }
    expect(back.items).toHaveLength(12)
    back.items.forEach((plain, i) => {
      const item = items[i]!
      expect({ ...plain, timeLimit: parseTimeLimit(String(plain['timeLimit'])) }).toEqual({ ...item })
    })
    expect(back.adjustments).toEqual([{ date: '2026-03-01', kind: 'delegate', code: 'HB-PWXK-001', reason: '下放', to: '乡镇人民政府' }])
  })
})

describe('importCatalog: .csv', async () => {
  const { items, diagnostics: all } = await importCatalog(fixture('catalog.csv'))
  const diagnostics = problems(all)

  it('reads one header row, the name column, words for audience/mode/level, blank 一级事项 filled down', () => {
    expect(items.map((i) => [i.code, i.category, i.subcategory, i.name])).toEqual([
      ['GK-XZCF-001', '行政处罚', '处罚决定', '行政处罚决定'],
      ['GK-XZCF-002', '行政处罚', '处罚决定', '按日连续处罚决定'],
      ['GK-ZFXX-001', '政府信息', '年度报告', '政府信息公开工作年度报告'],
      ['GK-ZFXX-002', '政府信息', '依申请公开', '依申请公开答复'],
      ['GK-HJZL-001', '环境质量', undefined, '水环境质量'],
    ])
    expect(items[0]).toMatchObject({ audience: 'public', mode: 'proactive', level: ['county', 'township'], channels: ['website', 'wechat', 'noticeboard'] })
    expect(items[0]?.basis).toHaveLength(2)
    expect(items[1]?.timeLimit).toMatchObject({ kind: 'working-days', days: 7, from: 'decided' })
    expect(items[2]).toMatchObject({ channels: ['website', 'gazette', 'targeted-push'], timeLimit: { kind: 'annual', month: 1, day: 31 } })
    expect(items[3]).toMatchObject({ audience: 'specific', mode: 'on-request', channels: ['door-to-door'] })
    expect(items[4]?.channels).toEqual(['website', 'kiosk'])
  })

  it('warns about the wording it cannot parse, at the CSV row', () => {
    expect(diagnostics).toMatchObject([{ code: 'import/time-limit', line: 6, column: 7, file: 'catalog.csv' }])
  })

  it('decodes GB18030 CSV as Excel saves it on Chinese Windows, and UTF-8 without BOM', async () => {
    const gb = await importCatalog(fixture('catalog-gb18030.csv'))
    expect(gb.items).toEqual(items)
    const data = new TextEncoder().encode(readFileSync(fixture('catalog.csv'), 'utf8').replace(/^\ufeff/, ''))
    const plain = await importCatalog({ data, name: 'export.csv' })
    expect(plain.items).toEqual(items)
  })
})

describe('importCatalog: other layouts', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook()
    build(wb)
    return new Uint8Array(await wb.xlsx.writeBuffer())
  }

  it('finds columns by header in any order, reads 事项编码 when present, repeats headers on later pages', async () => {
    const data = await workbook((wb) => {
      const ws = wb.addWorksheet('安全生产')
      ws.addRow(['公开时限', '事项编码', '公开事项名称', '一级事项', '公开渠道和载体', '公开依据', '公开主体', '公开对象', '公开方式', '公开层级'])
      ws.addRow(['实时', 'AQ-01', '安全生产行政处罚', '行政处罚', '政府网站', '《安全生产法》', '应急管理局', '全社会', '主动', '县级'])
      ws.addRow(['公开时限', '事项编码', '公开事项名称', '一级事项', '公开渠道和载体', '公开依据', '公开主体', '公开对象', '公开方式', '公开层级'])
      ws.addRow(['长期公开', '', '安全生产许可', '行政许可', '两微一端', '《安全生产许可证条例》', '应急管理局', '全社会', '依申请', '乡级'])
    })
    const { items, diagnostics } = await importCatalog({ data, name: 'aq.xlsx' })
    expect(problems(diagnostics)).toEqual([])
    expect(items.map((i) => [i.code, i.name, i.category, i.timeLimit.kind, i.mode, i.level])).toEqual([
      ['AQ-01', '安全生产行政处罚', '行政处罚', 'realtime', 'proactive', ['county']],
      ['AQSC-XZXK-001', '安全生产许可', '行政许可', 'long-term', 'on-request', ['township']],
    ])
  })

  it('reports a sheet without a catalog header, and rows without a name', async () => {
    const data = await workbook((wb) => {
      wb.addWorksheet('说明').addRow(['本表为示例'])
      const ws = wb.addWorksheet('目录')
      ws.addRow(['序号', '一级事项', '二级事项', '公开依据', '公开时限'])
      ws.addRow([1, '行政许可', '', '《行政许可法》', '20个工作日'])
    })
    const none = await importCatalog({ data, name: 'x.xlsx' }, { sheets: ['说明'] })
    expect(none.diagnostics).toMatchObject([{ code: 'import/no-header', severity: 'error', file: 'x.xlsx' }])
    const some = await importCatalog({ data, name: 'x.xlsx' })
    expect(some.items).toEqual([])
    expect(problems(some.diagnostics).map((d) => [d.code, d.line, d.column])).toEqual([
      ['import/missing-column', 1, undefined],
      ['import/missing-column', 1, undefined],
      ['import/missing-name', 2, 3],
    ])
  })
})

describe('cells', () => {
  it('parseChannels: ■/□ checklists and lists', () => {
    expect(parseChannels('■政府网站 □政府公报 ■两微一端 □发布会/听证会 ■社区/企事业单位/村公示栏（电子屏） □精准推送 ■其他（村民大会）')).toEqual({
      channels: ['website', 'wechat', 'noticeboard', 'other'],
      unknown: [],
      other: ['村民大会'],
    })
    expect(parseChannels('政府网站、政务新媒体，公示栏\n精准推送').channels).toEqual(['website', 'wechat', 'noticeboard', 'targeted-push'])
    expect(parseChannels('').channels).toEqual([])
  })

  it('splitBasis', () => {
    expect(splitBasis('《中华人民共和国行政处罚法》第四十八条、第四十九条')).toEqual(['《中华人民共和国行政处罚法》第四十八条、第四十九条'])
    expect(splitBasis('1.《A法》；2.《B条例》第三条、《C办法》')).toEqual(['《A法》', '《B条例》第三条', '《C办法》'])
  })
})

describe('prefixForDomain', () => {
  it.each([
    ['青川县生态环境', 'HB'],
    ['生态环境', 'HB'],
    ['某市城市综合执法', 'ZHZF'],
    ['安全生产', 'AQSC'],
    ['天文观测', 'GK'],
    [undefined, 'GK'],
  ] as const)('%s → %s', (domain, prefix) => {
    expect(prefixForDomain(domain)).toBe(prefix)
  })
})
