import { createMemoryJobStore } from '@gongkai/core/internal'
import { describe, expect, it } from 'vitest'
import { createScheduler, manualClock } from '../src/index.js'
import { nextTicks, parseCron, ticksBetween, zonedDate } from '../src/cron.js'
import type { CronExpression } from '../src/cron.js'

const cron = (source: string): CronExpression => {
  const { cron: c, problems } = parseCron(source)
  expect(problems).toEqual([])
  return c!
}
const iso = (ds: readonly Date[]) => ds.map((d) => d.toISOString())
const local = (d: Date, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(d)

describe('cron across daylight-saving changes', () => {
  it('America/New_York spring forward: the Monday after the change is not skipped', () => {
    // The old hand-written scan stepped over the 23-hour Sunday and answered 03-16.
    const next = nextTicks(cron('30 0 * * 1'), new Date('2026-03-08T00:00:00-05:00'), 'America/New_York', 2)
    expect(iso(next)).toEqual(['2026-03-09T04:30:00.000Z', '2026-03-16T04:30:00.000Z'])
  })

  it('America/New_York spring forward: a fixed time inside the gap runs once, just after it', () => {
    const next = nextTicks(cron('30 2 * * *'), new Date('2026-03-07T12:00:00Z'), 'America/New_York', 3)
    expect(next.map((d) => local(d, 'America/New_York'))).toEqual(['2026-03-08 03:00:00', '2026-03-09 02:30:00', '2026-03-10 02:30:00'])
  })

  it('America/New_York fall back: a fixed time in the repeated hour runs once, at its first occurrence', () => {
    const ticks = ticksBetween(cron('30 1 * * *'), new Date('2026-10-31T00:00:00Z'), new Date('2026-11-03T00:00:00Z'), 'America/New_York')
    expect(iso(ticks)).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'])
    const newest = ticksBetween(cron('30 1 * * *'), new Date('2026-10-31T00:00:00Z'), new Date('2026-11-03T00:00:00Z'), 'America/New_York', { newestFirst: true })
    expect(iso(newest)).toEqual(iso([...ticks].reverse()))
  })

  it('America/New_York: an hourly schedule runs every real hour through both changes, none twice', () => {
    const spring = ticksBetween(cron('0 * * * *'), new Date('2026-03-08T05:30:00Z'), new Date('2026-03-08T09:00:00Z'), 'America/New_York')
    // 01:00 EST, then 03:00 EDT: 02:00 does not exist that night.
    expect(spring.map((d) => local(d, 'America/New_York'))).toEqual(['2026-03-08 01:00:00', '2026-03-08 03:00:00', '2026-03-08 04:00:00', '2026-03-08 05:00:00'])
    const fall = ticksBetween(cron('0 * * * *'), new Date('2026-11-01T03:30:00Z'), new Date('2026-11-01T08:00:00Z'), 'America/New_York')
    // 01:00 happens twice, an hour apart in real time: both are runs of an hourly schedule.
    expect(iso(fall)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T08:00:00.000Z'])
    expect(new Set(iso(fall)).size).toBe(fall.length)
  })

  it('Europe/London: 01:30 runs after the spring gap and once in the repeated autumn hour', () => {
    expect(iso(nextTicks(cron('30 1 * * *'), new Date('2026-03-28T12:00:00Z'), 'Europe/London', 2))).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'])
    expect(iso(ticksBetween(cron('30 1 * * *'), new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T12:00:00Z'), 'Europe/London'))).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'])
  })

  it('Australia/Sydney: the southern changes (April back, October forward)', () => {
    // 2026-04-05 03:00 AEDT → 02:00 AEST: 02:30 happens twice, the run is at the first (UTC+11).
    expect(iso(ticksBetween(cron('30 2 * * *'), new Date('2026-04-04T00:00:00Z'), new Date('2026-04-06T00:00:00Z'), 'Australia/Sydney'))).toEqual([
      '2026-04-04T15:30:00.000Z',
      '2026-04-05T16:30:00.000Z',
    ])
    // 2026-10-04 02:00 AEST → 03:00 AEDT: 02:30 does not exist, the run is at 03:00.
    expect(nextTicks(cron('30 2 * * *'), new Date('2026-10-03T00:00:00Z'), 'Australia/Sydney', 2).map((d) => local(d, 'Australia/Sydney'))).toEqual(['2026-10-04 03:00:00', '2026-10-05 02:30:00'])
  })

  it('Asia/Shanghai: no change, 09:00 is always 01:00 UTC', () => {
    const ticks = ticksBetween(cron('0 9 * * *'), new Date('2026-03-07T00:00:00Z'), new Date('2026-03-10T00:00:00Z'), 'Asia/Shanghai')
    expect(iso(ticks)).toEqual(['2026-03-07T01:00:00.000Z', '2026-03-08T01:00:00.000Z', '2026-03-09T01:00:00.000Z'])
  })

  it.each(['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Shanghai'])('%s: a daily 02:30 and 01:30 run exactly once on every local day of 2026', (zone) => {
    for (const source of ['30 2 * * *', '30 1 * * *', '0 9,17 * * 1-5']) {
      const runs = nextTicks(cron(source), new Date('2025-12-31T00:00:00Z'), zone, 800).filter((d) => zonedDate(d, zone).startsWith('2026'))
      const days = runs.map((d) => zonedDate(d, zone))
      const perDay = source.includes(',') ? 2 : 1
      const expected = source.includes('1-5') ? 261 : 365
      expect(runs.length, `${source} in ${zone}`).toBe(expected * perDay)
      expect(new Set(days).size).toBe(expected)
      expect(new Set(iso(runs)).size).toBe(runs.length)
    }
  })

  it('the scheduler runs the New York Monday job on the first Monday after the change', async () => {
    const clock = manualClock(new Date('2026-03-08T05:00:00Z'))
    const runs: string[] = []
    const s = createScheduler({
      schedules: [{ id: 'weekly', task: 't', cron: '30 0 * * 1' }],
      timezone: 'America/New_York',
      jobs: createMemoryJobStore(),
      tasks: { t: async ({ job }) => (runs.push(job.runAt), { summary: 'ok' }) },
      clock,
    })
    expect(iso(s.nextRuns('weekly', 1))).toEqual(['2026-03-09T04:30:00.000Z'])
    clock.set(new Date('2026-03-09T04:30:05Z'))
    expect(await s.tick()).toBe(1)
    expect(runs).toEqual(['2026-03-09T04:30:00.000Z'])
  })
})

describe('ticksBetween newest first', () => {
  it('walks back to the window’s start in steps, and stops at the limit', () => {
    const every10 = cron('*/10 * * * *')
    const after = new Date('2026-11-01T04:00:00Z')
    const until = new Date('2026-11-02T04:00:00Z')
    const oldest = ticksBetween(every10, after, until, 'America/New_York')
    // 24 real hours through the repeated 01:00 hour, six runs each: the window's start excluded, its end included.
    expect(oldest).toHaveLength(144)
    expect(iso(ticksBetween(every10, after, until, 'America/New_York', { newestFirst: true }))).toEqual(iso([...oldest].reverse()))
    expect(iso(ticksBetween(every10, after, until, 'America/New_York', { newestFirst: true, limit: 5 }))).toEqual(iso([...oldest].reverse().slice(0, 5)))
    expect(ticksBetween(cron('0 9 * * *'), new Date('2026-11-30T01:00:00Z'), new Date('2026-11-30T05:00:00Z'), 'Asia/Shanghai', { newestFirst: true })).toEqual([])
  })
})

describe('zonedTime', () => {
  it('writes the wall clock of the zone with its offset, for logs and as ISO 8601', async () => {
    const { zonedTime } = await import('../src/cron.js')
    const at = new Date('2026-11-30T02:00:00Z')
    expect(zonedTime(at, 'Asia/Shanghai')).toBe('2026-11-30 10:00:00 +08:00')
    expect(zonedTime(at, 'America/New_York')).toBe('2026-11-29 21:00:00 -05:00')
    expect(zonedTime(new Date('2026-07-01T02:00:00.250Z'), 'America/New_York', 'iso')).toBe('2026-06-30T22:00:00.250-04:00')
    expect(zonedTime(at, 'Asia/Kathmandu')).toBe('2026-11-30 07:45:00 +05:45')
    expect(zonedTime(at, 'UTC', 'iso')).toBe('2026-11-30T02:00:00.000+00:00')
  })
})
