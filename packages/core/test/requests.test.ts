import { describe, expect, it } from 'vitest'
import { computeAnnualReport, TABLE3_COLUMNS, TABLE3_ROWS } from '../src/annual-report.js'
import { loadCalendar } from '../src/calendar.js'
import { Catalog } from '../src/catalog/catalog.js'
import { parseTimeLimit } from '../src/catalog/time-limit.js'
import type { CatalogItem, Publication, Request } from '../src/model.js'
import { OUTCOME_RESULTS } from '../src/model.js'
import { readRequest } from '../src/project/read-request.js'
import { readReportFigures, readReportText } from '../src/project/read-report.js'
import { validateProject } from '../src/project/validate.js'
import { computeRequestClock } from '../src/request-clock.js'

const calendar = loadCalendar()

function request(partial: Partial<Request> & Pick<Request, 'id' | 'received'>): Request {
  return { channel: '网络', applicant: { type: '自然人' }, content: '申请公开某项目环评文件', events: [], appeals: [], source: { file: `requests/${partial.id}.yaml` }, ...partial }
}

const yaml = (lines: string[]) => ({ file: 'requests/2026/001.yaml', text: `${lines.join('\n')}\n` })

describe('the clock of a request (条例第三十条、第三十二条、第三十三条) across the 2026 National Day', () => {
  // The 2026 calendar: 中秋 Fri 25 Sep and 1–7 Oct off; Sun 20 Sep and Sat 10 Oct are make-up workdays.
  it('20 working days from receipt', () => {
    // Received Mon 21 Sep. Counted by hand: 22, 23, 24 (3); 25–27 off; 28, 29, 30 (6); 1–7 Oct off;
    // 8, 9 (8); Sat 10 make-up (9); 12–16 (14); 19–23 (19); Mon 26 Oct (20).
    const c = computeRequestClock(request({ id: 'a', received: '2026-09-21' }), calendar)
    expect(c.due).toBe('2026-10-26')
    expect(c.allowed).toBe(20)
  })

  it('a completed 补正 restarts the clock from day 0', () => {
    // 补正 Tue 29 Sep: the 5th working day after receipt (22, 23, 24, 28, 29), within 7: no warning.
    // Completed Fri 9 Oct: count again from it: Sat 10 (1); 12–16 (6); 19–23 (11); 26–30 (16);
    // 2, 3, 4, 5 Nov (20) → Thu 5 Nov.
    const c = computeRequestClock(
      request({
        id: 'b',
        received: '2026-09-21',
        events: [
          { kind: '补正', on: '2026-09-29' },
          { kind: '补正完成', on: '2026-10-09' },
        ],
      }),
      calendar,
    )
    expect(c.start).toBe('2026-10-09')
    expect(c.due).toBe('2026-11-05')
    expect(c.diagnostics).toEqual([])
  })

  it('consultation days are not counted, and an approved extension adds 20', () => {
    // From the completed 补正 on Fri 9 Oct: Sat 10 (1), 12 (2); 13–16 consultation, not counted;
    // 19–23 (7); 26–30 (12); 2–6 Nov (17); 9, 10, 11 (20) → Wed 11 Nov, 4 working days excluded.
    const events: Request['events'] = [
      { kind: '补正', on: '2026-09-29' },
      { kind: '补正完成', on: '2026-10-09' },
      { kind: '征求意见', from: '2026-10-13', to: '2026-10-16' },
    ]
    const c = computeRequestClock(request({ id: 'c', received: '2026-09-21', events }), calendar)
    expect(c.due).toBe('2026-11-11')
    expect(c.excluded).toBe(4)
    // Extension decided Mon 2 Nov, before 11 Nov: 12, 13 (2); 16–20 (7); 23–27 (12); 30 Nov,
    // 1–4 Dec (17); 7, 8, 9 (20) → Wed 9 Dec.
    const extended = computeRequestClock(request({ id: 'c', received: '2026-09-21', events: [...events, { kind: '延期', on: '2026-11-02', approvedBy: '李某' }] }), calendar)
    expect(extended.due).toBe('2026-12-09')
    expect(extended.dueBeforeExtension).toBe('2026-11-11')
    expect(extended.allowed).toBe(40)
  })

  it('days left, due soon, overdue and late, on an injected day', () => {
    const r = request({ id: 'd', received: '2026-09-21' })
    // Due Mon 26 Oct. On Wed 21 Oct: 22, 23, 26 left = 3 → due soon.
    expect(computeRequestClock(r, calendar, { today: '2026-10-21' })).toMatchObject({ status: 'due-soon', workdaysLeft: 3 })
    expect(computeRequestClock(r, calendar, { today: '2026-10-09' })).toMatchObject({ status: 'open', workdaysLeft: 12 })
    // On Wed 28 Oct: 27, 28 past → overdue by 2.
    expect(computeRequestClock(r, calendar, { today: '2026-10-28' })).toMatchObject({ status: 'overdue', workdaysLeft: -2, late: true })
    const replied = (on: string) => computeRequestClock({ ...r, outcome: { on, result: '予以公开' } }, calendar, { today: '2026-12-01' })
    expect(replied('2026-10-26')).toMatchObject({ status: 'answered', late: false })
    expect(replied('2026-10-27')).toMatchObject({ status: 'answered-late', late: true })
    expect(replied('2026-10-26').diagnostics).toEqual([])
    // Replied Wed 28 Oct: 27, 28 past the due date → 2 working days late, reported at outcome.on.
    expect(replied('2026-10-28').diagnostics).toMatchObject([{ code: 'request/late-reply', severity: 'warning', subject: 'd' }])
    expect(replied('2026-10-28').diagnostics[0]?.message).toContain('逾期 2 个工作日')
  })

  it('a 补正 notice after 7 working days is reported at its place; an open 补正 stops the clock', () => {
    // 补正 Fri 9 Oct: working days after 21 Sep are 22, 23, 24, 28, 29, 30, 8 Oct, 9 Oct = 8 > 7.
    const c = computeRequestClock(
      request({ id: 'e', received: '2026-09-21', events: [{ kind: '补正', on: '2026-10-09' }], source: { file: 'requests/e.yaml', fields: { 'events.0.on': { line: 9, column: 25 } } } }),
      calendar,
      { today: '2026-12-30' },
    )
    expect(c.status).toBe('awaiting-completion')
    expect(c.due).toBeUndefined()
    expect(c.diagnostics).toMatchObject([{ code: 'request/late-completion-notice', file: 'requests/e.yaml', line: 9, column: 25, subject: 'e' }])
    expect(c.diagnostics[0]?.message).toContain('第 8 个工作日')
  })

  it('a second extension is an error; an extension after the due date does not save the reply', () => {
    const twice = computeRequestClock(
      request({
        id: 'f',
        received: '2026-09-21',
        events: [
          { kind: '延期', on: '2026-10-20', approvedBy: '李某' },
          { kind: '延期', on: '2026-10-22', approvedBy: '李某' },
        ],
      }),
      calendar,
    )
    expect(twice.diagnostics.map((d) => d.code)).toEqual(['request/second-extension'])
    const late = computeRequestClock(
      request({ id: 'g', received: '2026-09-21', events: [{ kind: '延期', on: '2026-10-27', approvedBy: '李某' }], outcome: { on: '2026-11-02', result: '予以公开' } }),
      calendar,
    )
    expect(late.diagnostics.map((d) => d.code)).toEqual(['request/late-extension', 'request/late-reply'])
    expect(late).toMatchObject({ due: '2026-10-26', late: true, status: 'answered-late' })
  })
})

describe('reading a request file', () => {
  const good = [
    'id: 2026-ysq-001',
    'received: 2026-03-02',
    'channel: 网络',
    'applicant: { type: 自然人, name: 张某 }',
    'content: 申请公开2025年某项目环境影响评价文件',
    'events:',
    '  - { kind: 征求意见, from: 2026-03-10, to: 2026-03-24 }',
    '  - { kind: 补正, on: 2026-03-04 }',
    '  - { kind: 补正完成, on: 2026-03-09 }',
    '  - { kind: 延期, on: 2026-03-25, approvedBy: 李某 }',
    'outcome: { on: 2026-04-02, result: 部分公开, basis: 条例第三十七条 }',
    'fee: 0',
    'appeals: [{ kind: 行政复议, result: 维持 }]',
  ]

  it('reads the issue example, events sorted by date with their places', () => {
    const r = readRequest(yaml(good))
    expect(r.diagnostics).toEqual([])
    expect(r.request).toMatchObject({ id: '2026-ysq-001', applicant: { type: '自然人', name: '张某' }, outcome: { result: '部分公开' }, appeals: [{ kind: '行政复议', result: '维持' }] })
    expect(r.request?.events.map((e) => e.kind)).toEqual(['补正', '补正完成', '征求意见', '延期'])
    expect(r.request?.source.fields?.['events.0.on']).toEqual({ line: 8, column: 21 })
    expect(r.request?.source.fields?.['outcome.result']).toEqual({ line: 11, column: 36 })
  })

  it('every row of 表三 is accepted as a result, straight quotes and full-width slash too', () => {
    for (const result of OUTCOME_RESULTS) {
      const r = readRequest(yaml([...good.slice(0, 5), `outcome: { on: 2026-04-02, result: '${result}' }`]))
      expect(r.diagnostics, result).toEqual([])
      expect(r.request?.outcome?.result).toBe(result)
    }
    expect(readRequest(yaml([...good.slice(0, 5), `outcome: { on: 2026-04-02, result: '不予公开／危及"三安全一稳定"' }`])).request?.outcome?.result).toBe('不予公开/危及“三安全一稳定”')
  })

  it('anything else is an error at the value, listing the rows', () => {
    const r = readRequest(yaml([...good.slice(0, 5), 'outcome: { on: 2026-04-02, result: 保护第三方合法权益 }']))
    expect(r.request).toBeUndefined()
    expect(r.diagnostics).toHaveLength(1)
    const d = r.diagnostics[0]!
    expect(d).toMatchObject({ code: 'request/bad-outcome', severity: 'error', file: 'requests/2026/001.yaml', line: 6, column: 36, subject: '2026-ysq-001' })
    expect(d.hint).toContain('是否想写“不予公开/保护第三方合法权益”')
    expect(d.hint).toContain('无法提供/（本机关不掌握相关政府信息、没有现成信息需要另行制作、补正后申请内容仍不明确）')
    expect(readRequest(yaml([...good.slice(0, 5), 'outcome: { on: 2026-04-02, result: 同意公开 }'])).diagnostics[0]?.code).toBe('request/bad-outcome')
  })

  it('names file, line and field for bad dates, types, kinds and an outcome before receipt', () => {
    const r = readRequest(
      yaml([
        'id: 2026-ysq-002',
        'received: 2026-02-30',
        'channel: 微信',
        'applicant: { type: 个体户 }',
        'content: 某文件',
        'events: [{ kind: 暂停, on: 2026-03-01 }]',
        'appeals: [{ kind: 行政诉讼, result: 维持 }]',
      ]),
    )
    const codes = r.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)
    expect(codes).toEqual(['request/bad-date@2:11', 'request/bad-value@3:10', 'request/bad-value@4:20', 'request/bad-value@6:18', 'request/bad-appeal-kind@7:19'])
    expect(r.diagnostics.find((d) => d.code === 'request/bad-appeal-kind')?.hint).toContain('未经复议直接起诉')
    const before = readRequest(yaml([...good.slice(0, 5), 'outcome: { on: 2026-03-01, result: 予以公开 }']))
    expect(before.diagnostics.map((d) => d.code)).toEqual(['request/outcome-before-received'])
  })

  it('a duplicate id across files is reported; validateProject carries the requests', () => {
    const p = validateProject({ publications: [], requests: [yaml(good), { file: 'requests/2026/copy.yaml', text: `${good.join('\n')}\n` }] })
    expect(p.requests.map((r) => r.id)).toEqual(['2026-ysq-001'])
    expect(p.diagnostics.filter((d) => d.code.startsWith('request/'))).toMatchObject([{ code: 'request/duplicate-id', file: 'requests/2026/copy.yaml', line: 1 }])
  })
})

const item = (code: string, category: string, subcategory: string, name: string): CatalogItem => ({
  code,
  name,
  category,
  subcategory,
  basis: ['条例'],
  content: '内容',
  owner: '办公室',
  timeLimit: parseTimeLimit('20个工作日内'),
  channels: ['website'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
})

describe('the annual report tables against counts made by hand', () => {
  // A small register: six requests, counted by hand below.
  const requests: Request[] = [
    // Received in 2025, replied in 2026: 上年结转 and a 2026 result (商业企业, 予以公开).
    request({ id: 'r1', received: '2025-12-20', applicant: { type: '商业企业' }, outcome: { on: '2026-01-10', result: '予以公开' } }),
    // Received and replied in 2025: not in 2026 at all.
    request({ id: 'r2', received: '2025-05-01', outcome: { on: '2025-05-20', result: '部分公开' } }),
    // 2026, 自然人 ×2: 部分公开, 不予公开/保护第三方合法权益 (with 行政复议 纠正).
    request({ id: 'r3', received: '2026-03-02', outcome: { on: '2026-04-02', result: '部分公开' } }),
    request({ id: 'r4', received: '2026-05-06', outcome: { on: '2026-05-20', result: '不予公开/保护第三方合法权益' }, appeals: [{ kind: '行政复议', result: '纠正' }] }),
    // 2026, 法律服务机构: 无法提供/本机关不掌握相关政府信息, then 复议后起诉 尚未审结.
    request({
      id: 'r5',
      received: '2026-07-01',
      applicant: { type: '法律服务机构' },
      outcome: { on: '2026-07-15', result: '无法提供/本机关不掌握相关政府信息' },
      appeals: [{ kind: '复议后起诉', result: '尚未审结' }],
    }),
    // Received 28 Dec 2026, not replied: 结转下年度 (科研机构).
    request({ id: 'r6', received: '2026-12-28', applicant: { type: '科研机构' } }),
  ]
  const catalog = new Catalog([
    item('GF', '政府信息', '政策文件', '规范性文件'),
    item('XK', '行政许可', '许可结果', '建设项目环评审批结果'),
    item('ZN', '行政许可', '办事指南', '办事指南'),
    item('CF', '行政处罚', '处罚决定', '处罚决定'),
    item('QZ', '行政处罚', '行政强制', '查封扣押'),
  ])
  const pub = (id: string, itemCode: string, formed: string, extra: Partial<Publication> = {}): Publication => ({
    id,
    item: itemCode,
    title: id,
    kind: 'release',
    stage: 'result',
    formed,
    attachments: [],
    tags: [],
    body: '',
    source: { file: `publications/${id}.md`, bodyLine: 5 },
    ...extra,
  })
  const publications = [
    pub('gf1', 'GF', '2026-02-01'),
    pub('gf2', 'GF', '2024-06-01', { validity: { status: '废止', on: '2026-06-30', by: 'gf1' } }),
    pub('gf3', 'GF', '2023-06-01'),
    pub('gf4', 'GF', '2026-03-01', { validity: { status: '失效', on: '2026-09-01' } }),
    pub('xk1', 'XK', '2026-03-01'),
    pub('xk2', 'XK', '2026-04-01'),
    pub('zn1', 'ZN', '2026-04-01'),
    pub('cf1', 'CF', '2026-05-01'),
    pub('cf-old', 'CF', '2025-05-01'),
    pub('qz1', 'QZ', '2026-05-02'),
  ]
  const tables = computeAnnualReport({ year: 2026, requests, publications, catalog, figures: { 行政事业性收费: 0.35 } })

  it('表三: every row by the seven columns, and the cross-check holds', () => {
    const t = tables.table3
    expect(Object.keys(t)).toEqual([...TABLE3_ROWS])
    for (const row of TABLE3_ROWS) expect(Object.keys(t[row])).toEqual([...TABLE3_COLUMNS])
    // 一 本年新收: r3, r4 (自然人), r5 (法律服务机构), r6 (科研机构) = 4.
    expect(t.本年新收).toMatchObject({ 自然人: 2, 法律服务机构: 1, 科研机构: 1, 商业企业: 0, 总计: 4 })
    // 二 上年结转: r1 (商业企业) = 1.
    expect(t.上年结转).toMatchObject({ 商业企业: 1, 总计: 1 })
    expect(t.予以公开).toMatchObject({ 商业企业: 1, 总计: 1 })
    expect(t.部分公开).toMatchObject({ 自然人: 1, 总计: 1 })
    expect(t['不予公开/保护第三方合法权益']).toMatchObject({ 自然人: 1, 总计: 1 })
    expect(t['无法提供/本机关不掌握相关政府信息']).toMatchObject({ 法律服务机构: 1, 总计: 1 })
    // 三 总计: r1, r3, r4, r5 = 4; 四 结转下年度: r6 = 1. 4 + 1 = 4 + 1.
    expect(t.总计).toEqual({ 自然人: 2, 商业企业: 1, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 1, 其他: 0, 总计: 4 })
    expect(t.结转下年度).toMatchObject({ 科研机构: 1, 总计: 1 })
    const others = TABLE3_ROWS.filter((r) => !['本年新收', '上年结转', '予以公开', '部分公开', '不予公开/保护第三方合法权益', '无法提供/本机关不掌握相关政府信息', '总计', '结转下年度'].includes(r))
    for (const r of others) expect(t[r].总计, r).toBe(0)
    expect(tables.diagnostics).toEqual([])
  })

  it('every result row of 表三 counts a request of each applicant type in its own row and column', () => {
    const all: Request[] = []
    OUTCOME_RESULTS.forEach((result, i) => {
      const type = (['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const)[i % 6]!
      all.push(request({ id: `row-${String(i).padStart(2, '0')}`, received: '2026-02-02', applicant: { type }, outcome: { on: '2026-02-10', result } }))
    })
    const t = computeAnnualReport({ year: 2026, requests: all, publications: [], catalog }).table3
    OUTCOME_RESULTS.forEach((result, i) => {
      const type = (['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const)[i % 6]!
      expect(t[result][type], result).toBe(1)
      expect(t[result].总计, result).toBe(1)
    })
    // 21 rows: 自然人 takes rows 0, 6, 12, 18 = 4; 其他 rows 5, 11, 17 = 3.
    expect(t.总计).toEqual({ 自然人: 4, 商业企业: 4, 科研机构: 4, 社会公益组织: 3, 法律服务机构: 3, 其他: 3, 总计: 21 })
    expect(t.本年新收.总计).toBe(21)
  })

  it('表四 from appeals, 表二 from validity and the catalog categories', () => {
    expect(tables.table4.行政复议).toEqual({ 维持: 0, 纠正: 1, 其他: 0, 尚未审结: 0, 总计: 1 })
    expect(tables.table4.复议后起诉).toEqual({ 维持: 0, 纠正: 0, 其他: 0, 尚未审结: 1, 总计: 1 })
    expect(tables.table4.未经复议直接起诉.总计).toBe(0)
    // 制发 2026: gf1, gf4 = 2; 废止 2026: gf2 = 1; 现行有效 on 31 Dec: gf1, gf3 = 2 (gf2 废止, gf4 失效).
    expect(tables.table2.行政规范性文件).toEqual({ 本年制发件数: 2, 本年废止件数: 1, 现行有效件数: 2 })
    expect(tables.table2.规章).toEqual({ 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 })
    // 行政许可: xk1, xk2 (the 办事指南 is not a decision); 行政处罚: cf1 (cf-old is 2025); 行政强制: qz1.
    expect(tables.table2.行政许可.本年处理决定数量).toBe(2)
    expect(tables.table2.行政处罚.本年处理决定数量).toBe(1)
    expect(tables.table2.行政强制.本年处理决定数量).toBe(1)
    expect(tables.table2.行政事业性收费.本年收费金额).toBe(0.35)
    const overridden = computeAnnualReport({ year: 2026, requests, publications, catalog, figures: { 行政许可: 152 } })
    expect(overridden.table2.行政许可.本年处理决定数量).toBe(152)
  })

  it('a register that breaks 一 + 二 = 三 + 四 is reported by request', () => {
    // Built in memory (the file reader refuses it): replied in 2026 before it was received in 2027.
    const bad = request({
      id: 'r9',
      received: '2027-01-05',
      outcome: { on: '2026-12-30', result: '予以公开' },
      source: { file: 'requests/r9.yaml', fields: { 'outcome.on': { line: 6, column: 16 } } },
    })
    const t = computeAnnualReport({ year: 2026, requests: [...requests, bad], publications: [], catalog })
    expect(t.diagnostics).toMatchObject([{ code: 'report/cross-check', severity: 'error', file: 'requests/r9.yaml', line: 6, column: 16, subject: 'r9' }])
    expect(t.diagnostics[0]?.message).toContain('一+二≠三总计+四')
  })

  it("last year's published 结转 that the register does not match is reported at its figure", () => {
    const figures = readReportFigures({ file: 'reports/2026.yaml', text: '# 2025年报告的“结转下年度继续办理”\n上年结转: 3\n行政许可: 152\n行政事业性收费: 1.25\n' })
    expect(figures.diagnostics).toEqual([])
    const t = computeAnnualReport({ year: 2026, requests, publications: [], catalog, figures: figures.figures, figuresFile: 'reports/2026.yaml', figurePlaces: figures.places })
    expect(t.diagnostics).toMatchObject([{ code: 'report/carried-over-mismatch', file: 'reports/2026.yaml', line: 2, column: 7 }])
    expect(t.diagnostics[0]?.message).toContain('共 1 件（r1）')
  })

  it("the office's text: 一, 五, 六 under their headings; missing or generated sections reported", () => {
    const text = readReportText({
      file: 'reports/2026.md',
      text: '# 标题\n\n## 附：说明\n\n不放进报告\n\n## 一、总体情况\n\n本年度……\n\n## 三、收到和处理政府信息公开申请情况\n\n手写\n\n## 五、存在的主要问题及改进情况\n\n<!-- 请填写 -->\n\n## 六、其他需要报告的事项\n\n无。\n',
    })
    expect(text.sections.一).toHaveLength(1)
    expect(text.sections.六).toHaveLength(1)
    expect(text.diagnostics.map((d) => `${d.code}:${d.line ?? ''}`)).toEqual(['report/unknown-section:3', 'report/generated-section:11', 'report/missing-section:'])
  })
})
