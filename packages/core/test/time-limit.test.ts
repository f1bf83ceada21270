import { describe, expect, it } from 'vitest'
import { parseChannelName, parseChineseNumber, parseTimeLimit } from '../src/catalog/time-limit.js'
import type { TimeLimit } from '../src/model.js'
import { loadCalendar } from '../src/calendar.js'
import { computeDeadline } from '../src/deadline.js'
import type { Diagnostic } from '../src/diagnostics.js'
import { readCatalog } from '../src/project/read-catalog.js'

/** TimeLimit without its text, member by member. */
type Expected = TimeLimit extends infer T ? (T extends TimeLimit ? Omit<T, 'text'> : never) : never

const cases: ReadonlyArray<readonly [string, Expected]> = [
  ['信息形成或者变更之日起20个工作日内', { kind: 'working-days', days: 20, from: 'formed' }],
  ['自作出行政处罚决定之日起7个工作日内', { kind: 'working-days', days: 7, from: 'decided' }],
  ['自受理之日起15日内', { kind: 'calendar-days', days: 15, from: 'event' }],
  ['15个自然日', { kind: 'calendar-days', days: 15, from: 'formed' }],
  ['实时', { kind: 'realtime' }],
  ['即时', { kind: 'realtime' }],
  ['实时更新', { kind: 'realtime' }],
  ['长期公开', { kind: 'long-term' }],
  ['常态化公开', { kind: 'long-term' }],
  ['每年1月31日前', { kind: 'annual', month: 1, day: 31 }],
  ['每年6月5日之前', { kind: 'annual', month: 6, day: 5 }],
  ['每年3月底前', { kind: 'annual', month: 3, day: 31 }],
  ['每年一月三十一日前', { kind: 'annual', month: 1, day: 31 }],
  ['信息形成或者变更之日起二十个工作日内', { kind: 'working-days', days: 20, from: 'formed' }],
  ['自受理之日起十五日内', { kind: 'calendar-days', days: 15, from: 'event' }],
  ['自作出决定之日起七个工作日内', { kind: 'working-days', days: 7, from: 'decided' }],
  ['自作出许可决定之日起２０个工作日内', { kind: 'working-days', days: 20, from: 'decided' }],
  ['２０ 个 工作日', { kind: 'working-days', days: 20, from: 'formed' }],
  ['自收到申请之日起20个工作日内', { kind: 'working-days', days: 20, from: 'event' }],
  ['自批准之日起15日内', { kind: 'calendar-days', days: 15, from: 'decided' }],
  ['10天内', { kind: 'calendar-days', days: 10, from: 'formed' }],
  ['20个工作日内，长期公开', { kind: 'working-days', days: 20, from: 'formed' }],
  ['  实时  ', { kind: 'realtime' }],
]

const failures = ['', '及时公开', '按照相关规定及时公开', '每月定期', '作出审批决定前公示5个工作日', '公示期不少于7日', '每年13月1日前', '依法公开']

describe('parseTimeLimit', () => {
  it.each(cases)('%s', (text, expected) => {
    expect(parseTimeLimit(text)).toEqual({ ...expected, text: text.trim() })
  })

  it.each(failures)('unknown: “%s”', (text) => {
    expect(parseTimeLimit(text)).toEqual({ kind: 'unknown', text: text.trim() })
  })
})

describe('parseChineseNumber', () => {
  it.each([
    ['七', 7],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十一', 21],
    ['三十', 30],
    ['一百二十', 120],
    ['两', 2],
    ['二〇', 20],
  ] as const)('%s → %d', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n)
  })
  it('rejects other text', () => {
    expect(parseChineseNumber('二十天')).toBeUndefined()
    expect(parseChineseNumber('')).toBeUndefined()
  })
})

describe('parseChannelName', () => {
  it.each([
    ['website', 'website'],
    ['Kiosk', 'kiosk'],
    ['targeted-push', 'targeted-push'],
    ['政府网站', 'website'],
    ['门户网站', 'website'],
    ['两微一端', 'wechat'],
    ['微信', 'wechat'],
    ['政务新媒体', 'wechat'],
    ['微信公众号', 'wechat'],
    ['社区/企事业单位/村公示栏（电子屏）', 'noticeboard'],
    ['公示栏', 'noticeboard'],
    ['村务公开栏', 'noticeboard'],
    ['政务服务中心', 'service-center'],
    ['办事大厅', 'service-center'],
    ['电子屏', 'kiosk'],
    ['自助终端', 'kiosk'],
    ['办事大厅电子屏', 'kiosk'],
    ['政府公报', 'gazette'],
    ['发布会/听证会', 'press-conference'],
    ['广播电视', 'broadcast'],
    ['纸质媒体', 'newspaper'],
    ['公开查阅点', 'reading-point'],
    ['便民服务站', 'service-station'],
    ['入户/现场', 'door-to-door'],
    ['精准推送', 'targeted-push'],
    ['其他', 'other'],
    ['■政府网站', 'website'],
  ] as const)('%s → %s', (label, id) => {
    expect(parseChannelName(label)).toBe(id)
  })
  it('gives undefined for labels it does not know', () => {
    expect(parseChannelName('村村响大喇叭')).toBeUndefined()
    expect(parseChannelName('')).toBeUndefined()
  })
})

describe('periodic wordings', () => {
  // Read as days from formation these gave a wrong deadline with no word; they now stay text with a warning.
  const periodic = [
    '每月10日前',
    '每季度结束后15日内',
    '每季度结束后15个工作日内',
    '每半年公开一次，半年结束后20日内',
    '每年第一季度结束后20个工作日内',
    '每周五前',
    '每周更新，5个工作日内',
    '每月十日前',
    '每个月5日前',
    '每旬结束后3日内',
  ]
  it.each(periodic)('unknown: “%s”', (text) => {
    expect(parseTimeLimit(text)).toEqual({ kind: 'unknown', text })
  })

  it('leaves their neighbours parsing as before', () => {
    expect(parseTimeLimit('信息形成或者变更之日起20个工作日内')).toMatchObject({ kind: 'working-days', days: 20, from: 'formed' })
    expect(parseTimeLimit('自作出行政处罚决定之日起7个工作日内')).toMatchObject({ kind: 'working-days', days: 7, from: 'decided' })
    expect(parseTimeLimit('实时')).toMatchObject({ kind: 'realtime' })
    expect(parseTimeLimit('每年1月31日前')).toMatchObject({ kind: 'annual', month: 1, day: 31 })
    expect(parseTimeLimit('每年度12月底前')).toMatchObject({ kind: 'annual', month: 12, day: 31 })
    expect(parseTimeLimit('长期公开')).toMatchObject({ kind: 'long-term' })
    // A period word after the count says how often it is updated, not when it is due.
    expect(parseTimeLimit('信息形成之日起20个工作日内，每年更新')).toMatchObject({ kind: 'working-days', days: 20, from: 'formed' })
  })

  it('are reported by the catalog as unrecognised, with no computed deadline', () => {
    const diagnostics: Diagnostic[] = []
    const yaml = [
      'items:',
      ...['每月10日前', '每季度结束后15日内'].map(
        (t, i) =>
          `  - { code: T-${i}, name: 月报, category: 统计, basis: [条例], content: 数据, owner: 综合科, timeLimit: ${t}, channels: [website], audience: public, mode: proactive, level: [county] }`,
      ),
    ].join('\n')
    const { catalog } = readCatalog({ file: 'catalog.yaml', text: `${yaml}\n` }, diagnostics)
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['catalog/unknown-time-limit', 2],
      ['catalog/unknown-time-limit', 3],
    ])
    for (const item of catalog.items) expect(computeDeadline(item.timeLimit, '2026-03-02', loadCalendar()).due).toBeUndefined()
  })
})
