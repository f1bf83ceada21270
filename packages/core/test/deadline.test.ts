import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { loadCalendar } from '../src/calendar.js'
import { computeDeadline, deadlineStatus } from '../src/deadline.js'
import { parseTimeLimit } from '../src/catalog/time-limit.js'
import type { CatalogItem, Publication } from '../src/model.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/calendar-2027/${name}`, import.meta.url), 'utf8')
const calendar = loadCalendar()
const art26 = parseTimeLimit('信息形成或者变更之日起20个工作日内')
const workingDays = (n: number) => parseTimeLimit(`${n}个工作日内`)

describe('working-day calendar from chinese-days', () => {
  it('knows 2026 and nothing after it', () => {
    expect(calendar.knownThrough).toBe(2026)
    expect(calendar.knows(2026)).toBe(true)
    expect(calendar.knows(2027)).toBe(false)
    expect(calendar.diagnostics).toEqual([])
  })

  it('2026 National Day: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 are make-up workdays', () => {
    for (const d of ['2026-10-01', '2026-10-05', '2026-10-07', '2026-09-25', '2026-09-26']) expect(calendar.isWorkday(d), d).toBe(false)
    for (const d of ['2026-09-20', '2026-10-10', '2026-10-08', '2026-09-28']) expect(calendar.isWorkday(d), d).toBe(true)
    expect(calendar.isWorkday('2026-10-11')).toBe(false)
  })

  it('formed 2026-09-25 (中秋), 20 working days → 2026-10-29', () => {
    expect(computeDeadline(art26, '2026-09-25', calendar)).toEqual({ due: '2026-10-29', warnings: [] })
    // Counted by hand: Sep 28–30 (3), Oct 8–9 (5), Sat Oct 10 make-up (6), Oct 12–16 (11), 19–23 (16), 26–29 (20).
    expect(calendar.countWorkdays('2026-09-25', '2026-10-29')).toBe(20)
  })

  it('Spring Festival 2026: Feb 15–23 off, Saturdays Feb 14 and Feb 28 worked', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true)
    expect(calendar.isWorkday('2026-02-28')).toBe(true)
    expect(calendar.isWorkday('2026-02-16')).toBe(false)
    expect(calendar.isWorkday('2026-02-23')).toBe(false)
    expect(calendar.addWorkdays('2026-02-12', 5)).toBe('2026-02-26')
    expect(calendar.addWorkdays('2026-02-10', 20)).toBe('2026-03-16')
  })

  it('a make-up Saturday counts as a working day', () => {
    // Formed Friday Oct 9: the next working day is the make-up Saturday Oct 10, not Monday Oct 12.
    expect(computeDeadline(workingDays(1), '2026-10-09', calendar).due).toBe('2026-10-10')
    expect(computeDeadline(workingDays(1), '2026-01-02', calendar).due).toBe('2026-01-04') // Sunday Jan 4, 元旦调休
  })

  it('2027 without a calendar file: weekdays only, with a beyond-calendar warning', () => {
    const result = computeDeadline(art26, '2026-12-20', calendar)
    expect(result.due).toBe('2027-01-15')
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toMatchObject({ code: 'deadline/beyond-calendar', severity: 'warning' })
    expect(result.warnings[0]?.message).toContain('2027')
    expect(result.warnings[0]?.hint).toContain('calendar.yaml')
  })

  it('2027 with an operator calendar file: its holidays count, no warning', () => {
    const withFile = loadCalendar(fixture('calendar.yaml'))
    expect(withFile.diagnostics).toEqual([])
    expect(withFile.knownThrough).toBe(2027)
    expect(withFile.isWorkday('2027-01-01')).toBe(false)
    expect(withFile.isWorkday('2027-02-13')).toBe(true) // a Saturday make-up workday
    const result = computeDeadline(art26, '2026-12-20', withFile)
    expect(result).toEqual({ due: '2027-01-18', warnings: [] })
    // Across the fictional 2027 Spring Festival: Feb 5 (Fri) + 3 → Sat Feb 13, Mon Feb 15, Tue Feb 16.
    expect(withFile.addWorkdays('2027-02-05', 3)).toBe('2027-02-16')
  })

  it('reports bad calendar dates with file, line and column', () => {
    const bad = loadCalendar(fixture('bad.yaml'), 'calendar.yaml')
    const byCode = (code: string) => bad.diagnostics.filter((d) => d.code === code)
    expect(byCode('calendar/bad-date').map((d) => [d.line, d.column])).toEqual([
      [4, 7],
      [5, 7],
    ])
    expect(byCode('calendar/bad-date')[0]?.message).toContain('2027-02-30')
    expect(byCode('calendar/wrong-year')).toMatchObject([{ line: 6, column: 14, file: 'calendar.yaml' }])
    expect(byCode('calendar/unknown-key')).toMatchObject([{ line: 7, column: 3, severity: 'warning' }])
    expect(byCode('calendar/bad-year')).toMatchObject([{ line: 8, column: 1 }])
    // What was valid is kept.
    expect(bad.isWorkday('2027-01-01')).toBe(false)
    const broken = loadCalendar('2027: [unclosed', 'calendar.yaml')
    expect(broken.diagnostics[0]).toMatchObject({ code: 'calendar/yaml', file: 'calendar.yaml', line: 1 })
  })
})

describe('computeDeadline', () => {
  it('calendar days, realtime, long-term, unknown', () => {
    expect(computeDeadline(parseTimeLimit('自受理之日起15日内'), '2026-09-25', calendar).due).toBe('2026-10-10')
    expect(computeDeadline(parseTimeLimit('实时'), '2026-10-03', calendar).due).toBe('2026-10-03')
    expect(computeDeadline(parseTimeLimit('长期公开'), '2026-10-03', calendar)).toEqual({ warnings: [] })
    expect(computeDeadline(parseTimeLimit('按规定'), '2026-10-03', calendar)).toEqual({ warnings: [] })
  })

  it('annual: the next such day on or after formed', () => {
    const jan31 = parseTimeLimit('每年1月31日前')
    expect(computeDeadline(jan31, '2026-01-31', calendar).due).toBe('2026-01-31')
    expect(computeDeadline(jan31, '2026-01-05', calendar).due).toBe('2026-01-31')
    expect(computeDeadline(jan31, '2026-02-01', calendar).due).toBe('2027-01-31')
    const feb29 = parseTimeLimit('每年2月29日前')
    expect(computeDeadline(feb29, '2026-03-01', calendar).due).toBe('2027-02-28')
    expect(computeDeadline(feb29, '2027-03-01', calendar).due).toBe('2028-02-29')
  })

  it('rejects a malformed formed date', () => {
    expect(() => computeDeadline(art26, '2026-9-25', calendar)).toThrow(/YYYY-MM-DD/)
  })

  describe('plain calendar dates whatever the process timezone', () => {
    const saved = process.env['TZ']
    afterEach(() => {
      if (saved === undefined) delete process.env['TZ']
      else process.env['TZ'] = saved
    })
    it.each(['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'UTC'])('%s', (tz) => {
      process.env['TZ'] = tz
      expect(computeDeadline(art26, '2026-09-25', calendar).due).toBe('2026-10-29')
      expect(calendar.isWorkday('2026-10-10')).toBe(true)
      expect(computeDeadline(parseTimeLimit('每年1月31日前'), '2026-02-01', calendar).due).toBe('2027-01-31')
    })
  })
})

describe('deadlineStatus', () => {
  const item: CatalogItem = {
    code: 'HB-ZFXX-001',
    name: '政府信息',
    category: '政府信息',
    basis: [],
    content: '',
    owner: '办公室',
    timeLimit: art26,
    channels: ['website'],
    audience: 'public',
    mode: 'proactive',
    level: ['county'],
  }
  const publication = (extra: Partial<Publication> = {}): Publication => ({
    id: 'p1',
    item: item.code,
    title: 't',
    kind: 'release',
    stage: 'result',
    formed: '2026-09-25',
    attachments: [],
    tags: [],
    body: '',
    source: { file: 'publications/p1.md', bodyLine: 1 },
    ...extra,
  })

  it('published on or before the due date → on-time; after → late', () => {
    expect(deadlineStatus(publication({ published: '2026-10-29' }), item, calendar, '2026-12-01')).toBe('on-time')
    expect(deadlineStatus(publication({ published: '2026-10-30' }), item, calendar, '2026-12-01')).toBe('late')
    expect(deadlineStatus(publication(), item, calendar, '2026-12-01', { published: '2026-10-12' })).toBe('on-time')
  })

  it('unpublished: overdue after the due date, due-soon within N working days', () => {
    expect(deadlineStatus(publication(), item, calendar, '2026-10-30')).toBe('overdue')
    expect(deadlineStatus(publication(), item, calendar, '2026-10-29')).toBe('due-soon')
    expect(deadlineStatus(publication(), item, calendar, '2026-10-26')).toBe('due-soon') // 3 working days left
    expect(deadlineStatus(publication(), item, calendar, '2026-10-23')).toBe('on-time') // 4 working days left
    expect(deadlineStatus(publication(), item, calendar, '2026-10-23', { dueSoonDays: 4 })).toBe('due-soon')
    // (Oct 9, Oct 29] holds the make-up Saturday Oct 10: 15 working days where weekdays alone give 14.
    expect(calendar.countWorkdays('2026-10-09', '2026-10-29')).toBe(15)
  })

  it('no due date → no-deadline', () => {
    const longTerm = { ...item, timeLimit: parseTimeLimit('长期公开') }
    expect(deadlineStatus(publication(), longTerm, calendar, '2030-01-01')).toBe('no-deadline')
  })
})
