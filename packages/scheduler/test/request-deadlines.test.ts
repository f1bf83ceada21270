import { loadCalendar } from '@gongkai/core'
import type { Request } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { checkDeadlines, formatDeadlineReport } from '../src/index.js'

const calendar = loadCalendar()
const request = (id: string, received: string, extra: Partial<Request> = {}): Request => ({
  id,
  received,
  channel: '网络',
  applicant: { type: '自然人', name: '保密的姓名' },
  content: `申请内容${id}`,
  events: [],
  appeals: [],
  source: { file: `requests/${id}.yaml` },
  ...extra,
})

describe('the deadline check lists requests for disclosure', () => {
  // Today Thu 26 Nov 2026.
  const requests = [
    // Received Fri 23 Oct: 20 working days → Fri 20 Nov; 23, 24, 25, 26 Nov past → overdue by 4.
    request('late', '2026-10-23', { owner: '执法大队' }),
    // Received Thu 29 Oct, 2–4 Nov consultation not counted → Tue 1 Dec; 27, 30 Nov, 1 Dec left = 3.
    request('soon', '2026-10-29', { owner: '监测站', events: [{ kind: '征求意见', from: '2026-11-02', to: '2026-11-04' }] }),
    // Received Mon 16 Nov → Mon 14 Dec: 12 left, not listed.
    request('open', '2026-11-16'),
    // Answered: not listed. Waiting for 补正: no due date, not listed.
    request('done', '2026-10-01', { outcome: { on: '2026-10-20', result: '予以公开' } }),
    request('waiting', '2026-10-01', { events: [{ kind: '补正', on: '2026-10-09' }] }),
  ]

  it('overdue and due soon, with their owner (the body when none), never the applicant', () => {
    const report = checkDeadlines([], { calendar, today: '2026-11-26', requests, defaultOwner: '青川县生态环境局' })
    expect(report.requests?.overdue).toEqual([{ request: 'late', content: '申请内容late', owner: '执法大队', received: '2026-10-23', due: '2026-11-20', status: 'overdue', workdaysLeft: -4 }])
    expect(report.requests?.dueSoon).toEqual([{ request: 'soon', content: '申请内容soon', owner: '监测站', received: '2026-10-29', due: '2026-12-01', status: 'due-soon', workdaysLeft: 3 }])
    const markdown = formatDeadlineReport(report, '青川县生态环境局')
    expect(markdown).toContain('## 依申请公开（答复期限）：超期 1 件，3 个工作日内到期 1 件')
    expect(markdown).toContain('| **已超期** | late | 执法大队 | 申请内容late | 2026年10月23日 | 2026年11月20日 | 超期 4 天 |')
    expect(markdown).not.toContain('保密的姓名')
    const unowned = checkDeadlines([], { calendar, today: '2026-11-26', requests: [request('x', '2026-10-23')], defaultOwner: '青川县生态环境局' })
    expect(unowned.requests?.overdue[0]?.owner).toBe('青川县生态环境局')
  })
})
