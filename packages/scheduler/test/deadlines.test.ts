import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Catalog, createDisclosures, loadCalendar } from '@gongkai/core'
import type { CatalogItem, Publication } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { checkDeadlines, formatDeadlineReport, postDeadlineReport, writeDeadlineReport } from '../src/index.js'

const item = (code: string, owner: string): CatalogItem => ({
  code,
  name: `事项${code}`,
  category: '政府信息',
  basis: ['《中华人民共和国政府信息公开条例》第二十条'],
  content: '内容',
  owner,
  timeLimit: { kind: 'working-days', days: 20, from: 'formed', text: '信息形成或者变更之日起20个工作日内' },
  channels: ['website'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
})
const pub = (id: string, code: string, formed: string, published?: string): Publication => ({
  id,
  item: code,
  title: `标题${id}`,
  kind: 'release',
  stage: 'result',
  formed,
  ...(published === undefined ? {} : { published }),
  attachments: [],
  tags: [],
  body: '正文。',
  source: { file: `publications/${id}.md`, bodyLine: 8 },
})

const catalog = new Catalog([item('A-1', '办公室'), item('B-1', '执法大队')])
const { disclosures } = createDisclosures(
  catalog,
  [
    pub('p1', 'A-1', '2026-09-25'), // due 2026-10-29 across the National Day holiday
    pub('p2', 'B-1', '2026-09-01'), // due long before: overdue
    pub('p3', 'B-1', '2026-09-01', '2026-09-20'), // published on time
    pub('p4', 'A-1', '2026-10-20'), // due in late November: fine
  ],
  { orgCode: '000000001' },
)
const calendar = loadCalendar()

describe('deadline check', () => {
  it('finds due-soon and overdue publications by owner, on the official calendar', () => {
    const report = checkDeadlines(disclosures, { calendar, today: '2026-10-27', withinDays: 3 })
    expect(report.dueSoon.map((e) => [e.publication, e.due, e.workdaysLeft])).toEqual([['p1', '2026-10-29', 2]])
    expect(report.overdue.map((e) => e.publication)).toEqual(['p2'])
    expect(report.owners).toEqual([
      { owner: '执法大队', overdue: 1, dueSoon: 0 },
      { owner: '办公室', overdue: 0, dueSoon: 1 },
    ])
    const md = formatDeadlineReport(report, '青川县生态环境局')
    expect(md).toContain('# 青川县生态环境局政务公开时限提醒（2026年10月27日）')
    expect(md).toContain('| 即将到期 | 标题p1（p1） | 事项A-1（A-1） | 2026年9月25日 | 2026年10月29日 | 2 |')
  })

  it('counts what the ledger says went out as published', () => {
    const report = checkDeadlines(disclosures, { calendar, today: '2026-10-30', publishedOn: (id) => (id === 'p2' ? '2026-09-10' : undefined) })
    expect(report.overdue.map((e) => e.publication)).toEqual(['p1'])
  })

  it('writes the report file and posts it to a webhook on 127.0.0.1', async () => {
    const report = checkDeadlines(disclosures, { calendar, today: '2026-10-27' })
    const md = formatDeadlineReport(report, '青川县生态环境局')
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-deadlines-'))
    await writeDeadlineReport(join(dir, 'deadlines.md'), md, report)
    expect(readFileSync(join(dir, 'deadlines.md'), 'utf8')).toBe(md)
    expect(JSON.parse(readFileSync(join(dir, 'deadlines.json'), 'utf8')).overdue[0].publication).toBe('p2')

    const received: unknown[] = []
    let calls = 0
    const server = createServer((req, res) => {
      calls++
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        if (calls === 1) {
          res.statusCode = 503
          return res.end()
        }
        received.push(JSON.parse(body))
        res.end('{}')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    try {
      await postDeadlineReport(`http://127.0.0.1:${port}/hook`, md, report, { retryDelayMs: 10 })
    } finally {
      server.close()
    }
    expect(calls).toBe(2)
    expect(received).toHaveLength(1)
    expect((received[0] as { text: string }).text).toBe(md)
  })
})
