// Layouts of published 标准目录 tables, written fresh from what city and county catalogs look like:
// title rows, headers of one to three rows with merged cells, the wording of real sheets
// (特定群众, 乡、村级, 依申请公开), numbered-list and ■/□ channel cells, and cells copied out of PDFs.
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '@gongkai/core'
import { importCatalog, joinSplitWords, parseChannels } from '../src/sheet/import-catalog.js'

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/import-layouts/${name}`, import.meta.url))
const problems = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code !== 'import/header')

type Cell = string | number | null
/** An .xlsx of one sheet: rows as given, `merges` as Excel ranges (A1:N1). */
async function xlsx(name: string, rows: readonly (readonly Cell[])[], merges: readonly string[] = []): Promise<{ data: Uint8Array; name: string }> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(name)
  for (const row of rows) ws.addRow([...row])
  for (const range of merges) ws.mergeCells(range)
  return { data: new Uint8Array(await wb.xlsx.writeBuffer()), name: `${name}.xlsx` }
}

const CHECKLIST = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
  '其他',
]
const checklist = (...ticked: string[]) => CHECKLIST.map((l) => `${ticked.includes(l) ? '■' : '□'}${l}`).join(' ')

describe('a city 生态环境 table: 特定群众, 乡、村级, 依申请公开, numbered and ■/□ channel cells', async () => {
  // As the city tables print it: title merged across, 公开事项 over 一级/二级, the √ groups over two cells each.
  const source = await xlsx(
    '市生态环境局',
    [
      ['某市生态环境局政务公开标准目录', null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['序号', '公开事项', null, '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', null, '公开方式', null, '公开层级', null],
      [null, '一级事项', '二级事项', null, null, null, null, null, '全社会', '特定群众', '主动公开', '依申请公开', '县级', '乡、村级'],
      [
        1,
        '环境影响评价',
        '建设项目环境影响报告书（表）审批',
        '受理情况、拟审批公示、审批决定',
        '《中华人民共和国环境影响评价法》',
        '信息形成或者变更之日起20个工作日内',
        '市生态环境局',
        '1.政府网站 2.两微一端 3.政务服务中心 4.便民服务站',
        '√',
        null,
        '√',
        null,
        '√',
        '√',
      ],
      [
        2,
        '行政处罚',
        '一般行政处罚',
        '处罚决定书',
        '《中华人民共和国行政处罚法》第四十八条',
        '自作出行政处罚决定之日起7个工作日内',
        '市生态环境局',
        checklist('政府网站', '两微一端', '广播电视', '精准推送'),
        '√',
        null,
        '√',
        null,
        '√',
        null,
      ],
      [
        3,
        '依申请公开',
        '依申请公开答复',
        '答复告知书',
        '《中华人民共和国政府信息公开条例》第三十三条',
        '自收到申请之日起20个工作日内',
        '市生态环境局办公室',
        '入户/现场',
        null,
        '√',
        null,
        '√',
        '√',
        '√',
      ],
    ],
    ['A1:N1', 'A2:A3', 'B2:C2', 'D2:D3', 'E2:E3', 'F2:F3', 'G2:G3', 'H2:H3', 'I2:J2', 'K2:L2', 'M2:N2'],
  )
  const { items, diagnostics, headers } = await importCatalog(source)

  it('takes both header rows as the header, so the second is no item', () => {
    expect(headers).toMatchObject([{ sheet: '市生态环境局', rows: [2, 3] }])
    expect(items.map((i) => [i.code, i.category, i.name])).toEqual([
      ['HB-HJYP-001', '环境影响评价', '建设项目环境影响报告书（表）审批'],
      ['HB-XZCF-001', '行政处罚', '一般行政处罚'],
      ['HB-C03-001', '依申请公开', '依申请公开答复'],
    ])
  })

  it('reads every √ under 特定群众, 依申请公开 and 乡、村级', () => {
    expect(items.map((i) => [i.audience, i.mode, i.level])).toEqual([
      ['public', 'proactive', ['county', 'township']],
      ['public', 'proactive', ['county']],
      ['specific', 'on-request', ['county', 'township']],
    ])
    expect(problems(diagnostics)).toEqual([])
  })

  it('keeps every channel of a numbered list, and the ticked ones of a checklist, unrendered ones included', () => {
    expect(items[0]?.channels).toEqual(['website', 'wechat', 'service-center', 'service-station'])
    expect(items[1]?.channels).toEqual(['website', 'wechat', 'broadcast', 'targeted-push'])
    expect(items[2]?.channels).toEqual(['door-to-door'])
  })

  it('says which rows it took as the header, with the columns it found', () => {
    const info = diagnostics.find((d) => d.code === 'import/header')
    expect(info).toMatchObject({ severity: 'info', line: 2, file: '市生态环境局.xlsx' })
    expect(info?.message).toContain('第 2–3 行为表头')
    expect(info?.message).toContain('公开对象/特定群众')
    expect(info?.message).toContain('公开层级/乡、村级')
  })

  it('gives the same codes when imported twice', async () => {
    const again = await importCatalog(source)
    expect(again.items).toEqual(items)
  })
})

describe('a CSV saved from a county table with merged headers', async () => {
  const { items, diagnostics, headers } = await importCatalog(fixture('county-safety.csv'))

  it('reads the two header rows whose merged cells Excel left empty', () => {
    expect(headers).toMatchObject([{ sheet: 'county-safety', rows: [2, 3] }])
    expect(items.map((i) => [i.code, i.name, i.audience, i.mode, i.level])).toEqual([
      ['YJGL-XZCF-001', '安全生产行政处罚', 'public', 'proactive', ['county']],
      ['YJGL-XZXK-001', '烟花爆竹经营许可', 'public', 'proactive', ['county', 'township']],
      ['YJGL-YJGL-001', '应急预案', 'specific', 'on-request', ['county', 'township']],
    ])
    expect(problems(diagnostics)).toEqual([])
  })

  it('reads lists numbered （1）, ① and 1、', () => {
    expect(items.map((i) => i.channels)).toEqual([
      ['website', 'wechat', 'noticeboard'],
      ['website', 'service-center', 'service-station'],
      ['website', 'broadcast', 'targeted-push', 'door-to-door'],
    ])
    expect(items[0]?.basis).toEqual(['《中华人民共和国安全生产法》', '《中华人民共和国行政处罚法》第四十八条'])
  })
})

describe('cells copied out of a PDF', async () => {
  const source = await xlsx('生态环境', [
    ['序号', '一级事项', '公开事项 名称', '公开 依据', '公开 时限', '公开 主体', '公开渠道 和载体', '公开对象', '公开方式', '公开层级'],
    [
      1,
      '环境 影响评价',
      '建设项目 环境影响 评价文件审批',
      '《中华人民共和国 环境影响评价法》 第二十二条',
      '自该信 息形成 或者变 更之日起20个工作日内',
      '市生态 环境局',
      '政府 网站、两微 一端 政务服务 中心',
      '全社会',
      '主动 公开',
      '县级',
    ],
  ])
  const { items, diagnostics } = await importCatalog(source)

  it('joins words that the copy split, in names, basis, owner and time limit', () => {
    expect(problems(diagnostics)).toEqual([])
    expect(items[0]).toMatchObject({
      code: 'HB-HJYP-001',
      category: '环境影响评价',
      name: '建设项目环境影响评价文件审批',
      basis: ['《中华人民共和国环境影响评价法》 第二十二条'],
      owner: '市生态环境局',
      timeLimit: { kind: 'working-days', days: 20, from: 'formed', text: '自该信息形成或者变更之日起20个工作日内' },
      mode: 'proactive',
    })
  })

  it('joins channel labels the copy split, and keeps labels separated by spaces apart', () => {
    expect(items[0]?.channels).toEqual(['website', 'wechat', 'service-center'])
    expect(parseChannels('政府网站 两微一端 广播电视').channels).toEqual(['website', 'wechat', 'broadcast'])
    expect(joinSplitWords('受理日期 2026 年、APP 客户端')).toBe('受理日期 2026 年、APP 客户端')
  })
})

describe('the national layout without a 公开事项名称 column, and a three-row header', () => {
  it('names items by 二级事项 and skips the column-number row under the header', async () => {
    const source = await xlsx(
      '标准目录',
      [
        ['生态环境领域基层政务公开标准目录', null, null, null, null, null, null, null, null, null, null, null, null],
        ['序号', '公开事项', null, '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', null, '公开方式', null, '公开层级'],
        [null, '一级事项', '二级事项', null, null, null, null, null, '全社会', '特定群体', '主动', '依申请', '县级'],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
        [1, '环境质量', '空气质量状况', '城市空气质量指数', '《中华人民共和国大气污染防治法》', '实时', '县生态环境局', checklist('政府网站', '两微一端'), '√', null, '√', null, '√'],
      ],
      ['A1:M1', 'A2:A3', 'B2:C2', 'I2:J2', 'K2:L2'],
    )
    const { items, diagnostics } = await importCatalog(source)
    expect(items.map((i) => [i.code, i.category, i.name, i.subcategory])).toEqual([['HB-HJZL-001', '环境质量', '空气质量状况', undefined]])
    expect(problems(diagnostics).map((d) => [d.code, d.severity, d.line])).toEqual([['import/skipped-row', 'info', 4]])
  })

  it('takes a row of group headings above the column headings into the header', async () => {
    const source = await xlsx(
      '目录',
      [
        ['某县生态环境局基层政务公开标准目录', null, null, null, null, null, null, null, null, null, null, null, null],
        ['序号', '公开事项', null, '公开要素', null, null, null, null, '公开属性', null, null, null, null],
        [null, '一级事项', '二级事项', '公开依据', '公开内容', '公开时限', '公开主体', '公开渠道和载体', '公开对象', null, '公开方式', null, '公开层级'],
        [null, null, null, null, null, null, null, null, '全社会', '特定群众', '主动公开', '依申请公开', '乡、村级'],
        [1, '行政处罚', '行政处罚决定', '《中华人民共和国行政处罚法》', '处罚决定书', '自作出行政处罚决定之日起7个工作日内', '县生态环境局', '政府网站', null, '√', null, '√', '√'],
      ],
      ['A1:M1', 'A2:A4', 'B2:C2', 'D2:H2', 'I2:M2', 'I3:J3', 'K3:L3'],
    )
    const { items, diagnostics, headers } = await importCatalog(source)
    expect(headers).toMatchObject([{ rows: [2, 4] }])
    expect(problems(diagnostics)).toEqual([])
    expect(items).toMatchObject([{ code: 'HB-XZCF-001', name: '行政处罚决定', audience: 'specific', mode: 'on-request', level: ['township'], channels: ['website'] }])
  })
})
