/**
 * `gongkai report assess`: the rubric's scores as computed by hand, the evaluation import (CSV and
 * .xlsx) by department and item, the HTML, PDF and JSON it writes; and the schedule task `check`,
 * which posts failures to a webhook on 127.0.0.1 and keeps every run in the store.
 */
import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { parseDocument } from 'htmlparser2'
import { findAll, textContent } from 'domutils'
import { describe, expect, it } from 'vitest'
import { listCheckRuns } from '@gongkai/check'
import type { Assessment } from '@gongkai/check'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file)
  writeFileSync(path, change(readFileSync(path, 'utf8')))
}

/** The example with one late decision, a rubric of its own, and its website built. */
async function assessedProject(): Promise<string> {
  const dir = copyExample()
  edit(dir, 'publications/xzcf/2026-xzcf-005.md', (t) => t.replace('formed: 2026-11-18\n', 'formed: 2026-11-18\npublished: 2026-11-30\n'))
  appendFileSync(
    join(dir, 'gongkai.config.yaml'),
    [
      '',
      'assessment:',
      '  base: 100',
      '  rubric:',
      '    deadlines/late: 3',
      '    deadlines/overdue: { points: 5, max: 20 }',
      '  veto: [integrity/tampered, integrity/forbidden-word]',
      '  bonus: { interpretation: 0, response: 0, onTime: 0 }',
      '  feedback: { good: 90, bonus: 4, poor: 60, penalty: 5 }',
      '',
    ].join('\n'),
  )
  const io = fakeIo(dir)
  expect(await main(['build', dir, '--channel', 'website'], io), io.text()).toBe(0)
  return dir
}

describe('gongkai report assess', () => {
  it('scores each department by the rubric as computed by hand, with the items behind each score', async () => {
    const dir = await assessedProject()
    writeFileSync(join(dir, '社会评价.csv'), '\ufeff科室,事项,来源,得分,意见\n执法大队,HB-XZCF-001,社会评价,95,公开及时\n执法大队,HB-XZCF-002,第三方评估,85,\n不存在的科,,社会评价,50,\n')
    // An assessor's workbook: a title row above the header, satisfaction in words.
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('评估结果')
    sheet.addRow(['2026年政务公开第三方评估结果'])
    sheet.addRow(['被评价单位', '评价事项', '评价结果'])
    sheet.addRow(['监测站', 'HB-GGFW-003', '满意'])
    sheet.addRow(['监测站', 'HB-GGFW-003', '差不多'])
    await book.xlsx.writeFile(join(dir, '第三方评估.xlsx'))
    const io = fakeIo(dir)
    const code = await main(['report', 'assess', dir, '--from', '2026-06-01', '--to', '2026-11-30', '--feedback', join(dir, '社会评价.csv'), '--feedback', join(dir, '第三方评估.xlsx')], io)
    expect(code, io.text()).toBe(0)
    expect(io.stderr.join('\n')).toContain('社会评价.csv 第 4 行的科室“不存在的科”不是目录中的公开主体')
    expect(io.stderr.join('\n')).toContain('第三方评估.xlsx 第 4 行的“评价结果”是“差不多”')
    const a = JSON.parse(readFileSync(join(dir, 'out/reports/assess-2026-06-01-2026-11-30.json'), 'utf8')) as Assessment
    const score = (owner: string) => a.departments.find((d) => d.owner === owner)
    // 执法大队: 2026-xzcf-005 late (−3) and 2026-xzcf-007 overdue (−5); evaluations 95 and 85 average 90 ≥ 90 (+4).
    expect(score('执法大队')?.score).toBe(100 - 3 - 5 + 4)
    expect(score('执法大队')?.deductions.map((d) => [d.rule, d.count, d.points])).toEqual([
      ['deadlines/late', 1, 3],
      ['deadlines/overdue', 1, 5],
    ])
    expect(score('执法大队')?.feedback?.byItem).toEqual({ 'HB-XZCF-001': { average: 95, count: 1 }, 'HB-XZCF-002': { average: 85, count: 1 } })
    // 办公室: 2026-zfxx-004 late (formed 2026-09-18, in the period): −3.
    expect(score('办公室')?.score, JSON.stringify(score('办公室'))).toBe(97)
    // 综合科: item HB-HJXX-011 without a time limit, the default 1 point.
    expect(score('综合科')?.score).toBe(99)
    // 监测站: one rating, 满意 = 90 (the second row is refused): +4.
    expect(score('监测站')?.score).toBe(104)
    for (const owner of ['法规与标准科', '环境影响评价与排放管理科']) expect(score(owner)?.score).toBe(100)
    // The site as a whole: the silent WeChat account (10) and three channels never delivered (1 each).
    expect(a.site.score).toBe(100 - 10 - 3)
    // Overall: the departments' mean (97 + 99 + 100 + 104 + 100 + 96) / 6 = 99.33, less the site's 13.
    expect(a.score).toBe(86.33)
    // The account's silence is a 单项否决 finding, but this rubric vetoes only tampering and injected words.
    expect(a.vetoes).toEqual([])
    expect(a.grade).toBe('良好')
    expect(a.trends.map((t) => t.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
    expect(a.fixes[0]?.veto).toBe(true)

    // The PDF is the noticeboard's GB/T 9704 sheet: its text holds the title, the scores and the fixes.
    const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'out/reports/assess-2026-06-01-2026-11-30.pdf'), '-'], { encoding: 'utf8' })
    // The title is balanced over two lines.
    expect(pdf.replace(/\s+/g, '')).toContain('青川县生态环境局政务公开自评报告（2026年6月—2026年11月）')
    expect(pdf).toContain('86.33')
    expect(pdf).toMatch(/执法大队\s+96/)
    expect(pdf).toMatch(/—\s*1\s*—/)
    // The HTML page: Chinese, a title, the department table and two charts as inline SVG.
    const html = parseDocument(readFileSync(join(dir, 'out/reports/assess-2026-06-01-2026-11-30.html'), 'utf8'))
    expect(findAll((e) => e.name === 'html', html.children)[0]?.attribs['lang']).toBe('zh-CN')
    expect(findAll((e) => e.name === 'svg', html.children)).toHaveLength(2)
    const rows = findAll((e) => e.name === 'tr', html.children).map((r) => textContent(r))
    expect(rows.some((r) => r.startsWith('执法大队96'))).toBe(true)
  })

  it('keeps every check in the store: a past day checked, then the period, gives the months their freshness', async () => {
    const dir = await assessedProject()
    const io = fakeIo(dir)
    await main(['check', dir, '--on', '2026-10-20', '--no-browser', '--json'], io)
    expect(await main(['report', 'assess', dir, '--from', '2026-10-01', '--to', '2026-11-30'], fakeIo(dir))).toBe(0)
    const a = JSON.parse(readFileSync(join(dir, 'out/reports/assess-2026-10-01-2026-11-30.json'), 'utf8')) as Assessment
    expect(a.runs).toBe(2)
    // By 2026-10-20 the newest publication out was of 2026-10-16 (2026-hjxx-016): 4 days; on 11-30 the
    // home page's newest is the late decision published that day: 0 days.
    expect(
      a.trends.map((t) => [t.month, t.runs, t.homeAge]),
      JSON.stringify(a.trends),
    ).toEqual([
      ['2026-10', 1, 4],
      ['2026-11', 1, 0],
    ])
  })
})

describe('the schedule task check', () => {
  it('posts the failures to the webhook and keeps the run', async () => {
    const posted: string[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString('utf8')))
      req.on('end', () => {
        posted.push(body)
        res.writeHead(200).end('{"errcode":0}')
      })
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    try {
      const dir = await assessedProject()
      const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
      appendFileSync(join(dir, 'gongkai.config.yaml'), '')
      edit(dir, 'gongkai.config.yaml', (t) =>
        t.replace('schedules:\n', `schedules:\n  - id: check-daily\n    task: check\n    cron: "0 7 * * *"\n    options: { webhook: "${hook}", browser: false }\n`),
      )
      const io = fakeIo(dir)
      expect(await main(['run', dir, 'check-daily'], io), io.text()).toBe(0)
      expect(io.text()).toContain('自查 2026-11-30：单项否决 1 项')
      expect(posted).toHaveLength(1)
      const body = JSON.parse(posted[0] as string) as { msgtype: string; text: string; report: { vetoed: boolean; on: string } }
      expect(body.msgtype).toBe('markdown')
      expect(body.report.on).toBe('2026-11-30')
      expect(body.text).toContain('【否决】信息更新')
      const store = openSqliteStore(join(dir, '.gongkai/ledger.sqlite'))
      try {
        const runs = await listCheckRuns(store.kv)
        expect(runs.map((r) => r.on)).toEqual(['2026-11-30'])
        expect(runs[0]?.rules['deadlines/late']).toEqual({ 执法大队: 1, 办公室: 1 })
      } finally {
        await store.close()
      }
    } finally {
      await new Promise((done) => server.close(done))
    }
  })
})
