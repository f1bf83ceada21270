import { loadCalendar } from '@gongkai/core'
import { createMemoryJobStore } from '@gongkai/core/internal'
import type { ScheduleConfig } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { createScheduler, manualClock, validateSchedules } from '../src/index.js'
import { nextTicks, parseCron } from '../src/cron.js'
import type { TaskRunner } from '../src/index.js'

const TZ = 'Asia/Shanghai'

function counter() {
  const runs: string[] = []
  const ids: string[] = []
  const runner: TaskRunner = async ({ job }) => {
    runs.push(job.runAt)
    ids.push(job.id)
    return { summary: 'ok' }
  }
  return { runs, ids, runner }
}

describe('cron in a timezone', () => {
  it('fires at 09:00 Beijing time, which is 01:00 UTC', () => {
    const cron = parseCron('0 9 * * *').cron!
    const next = nextTicks(cron, new Date('2026-11-26T02:00:00Z'), TZ, 2)
    expect(next.map((d) => d.toISOString())).toEqual(['2026-11-27T01:00:00.000Z', '2026-11-28T01:00:00.000Z'])
  })

  it('reports a bad field with its column', () => {
    const { problems } = parseCron('0 25 * * *')
    expect(problems).toHaveLength(1)
    expect(problems[0]!.column).toBe(3)
    expect(problems[0]!.message).toContain('“时”字段“25”无效')
  })

  it('validates schedules with the config place shifted by the field column', () => {
    const schedules: ScheduleConfig[] = [{ id: 'w', task: 'wechat', cron: '0 9 * 13 *', place: { file: 'gongkai.config.yaml', line: 40, column: 11 } }]
    const [d] = validateSchedules(schedules, ['wechat'])
    expect(d).toMatchObject({ code: 'schedule/bad-cron', file: 'gongkai.config.yaml', line: 40, column: 17 })
    expect(validateSchedules([{ id: 'x', task: 'fax', cron: '* * * * *' }], ['wechat'])[0]).toMatchObject({ code: 'schedule/unknown-task' })
  })
})

describe('scheduler', () => {
  it('runs a schedule once per tick and catches up missed runs once after downtime', async () => {
    const clock = manualClock(new Date('2026-11-26T00:30:00Z'))
    const jobs = createMemoryJobStore()
    const { runs, runner } = counter()
    const s = createScheduler({ schedules: [{ id: 'morning', task: 't', cron: '0 9 * * *' }], timezone: TZ, jobs, tasks: { t: runner }, clock })
    clock.set(new Date('2026-11-26T01:00:30Z'))
    expect(await s.tick()).toBe(1)
    expect(await s.tick()).toBe(0)
    // Three days down: one catch-up run for the newest missed tick, not three.
    clock.set(new Date('2026-11-29T05:00:00Z'))
    const again = createScheduler({ schedules: [{ id: 'morning', task: 't', cron: '0 9 * * *' }], timezone: TZ, jobs, tasks: { t: runner }, clock })
    expect(await again.tick()).toBe(1)
    expect(runs).toEqual(['2026-11-26T01:00:00.000Z', '2026-11-29T01:00:00.000Z'])
  })

  it('with catchUp none, skips what was missed', async () => {
    const clock = manualClock(new Date('2026-11-26T00:30:00Z'))
    const jobs = createMemoryJobStore()
    const { runs, runner } = counter()
    const opts = { schedules: [{ id: 'm', task: 't', cron: '0 9 * * *' }], timezone: TZ, jobs, tasks: { t: runner }, clock, catchUp: 'none' as const }
    const s = createScheduler(opts)
    clock.set(new Date('2026-11-26T01:00:00Z'))
    await s.tick()
    clock.set(new Date('2026-11-29T05:00:00Z'))
    await createScheduler(opts).tick()
    expect(runs).toEqual(['2026-11-26T01:00:00.000Z'])
  })

  it('keeps workday schedules off the 2026 National Day holiday and on its make-up Saturday', () => {
    // Official 2026 arrangement (core's calendar): 10-01..10-07 off, Saturday 10-10 a make-up workday.
    const calendar = loadCalendar()
    const clock = manualClock(new Date('2026-09-30T02:00:00Z'))
    const s = createScheduler({
      schedules: [{ id: 'w', task: 't', cron: '0 9 * * *', workdays: true }],
      timezone: TZ,
      jobs: createMemoryJobStore(),
      tasks: { t: counter().runner },
      clock,
      isWorkday: (d) => calendar.isWorkday(d),
    })
    const days = s.nextRuns('w', 4).map((d) => d.toISOString().slice(0, 10))
    expect(days).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'])
    // A plain Monday-to-Friday cron would have fired on the holiday and skipped the Saturday.
    const weekdays = nextTicks(parseCron('0 9 * * 1-5').cron!, clock.now(), TZ, 2).map((d) => d.toISOString().slice(0, 10))
    expect(weekdays).toEqual(['2026-10-01', '2026-10-02'])
  })

  it('two schedulers on one store run each job once', async () => {
    const clock = manualClock(new Date('2026-11-26T00:59:00Z'))
    const jobs = createMemoryJobStore()
    const { runs, ids, runner } = counter()
    const slow: TaskRunner = async (ctx) => {
      await new Promise((r) => setTimeout(r, 5))
      return runner(ctx)
    }
    const schedules = [
      { id: 'a', task: 't', cron: '* * * * *' },
      { id: 'b', task: 't', cron: '*/2 * * * *' },
    ]
    const one = createScheduler({ schedules, timezone: TZ, jobs, tasks: { t: slow }, clock, owner: 'one' })
    const two = createScheduler({ schedules, timezone: TZ, jobs, tasks: { t: slow }, clock, owner: 'two' })
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000)
      await Promise.all([one.tick(), two.tick()])
    }
    expect(runs).toHaveLength(10 + 5)
    expect(new Set(ids).size).toBe(15)
    const done = await jobs.list({ state: 'done' })
    expect(done).toHaveLength(15)
  })

  it('retries a failing task with backoff, then fails for good', async () => {
    const clock = manualClock(new Date('2026-11-26T00:59:30Z'))
    const jobs = createMemoryJobStore()
    let calls = 0
    const s = createScheduler({
      schedules: [{ id: 'x', task: 't', cron: '0 9 * * *' }],
      timezone: TZ,
      jobs,
      tasks: {
        t: async () => {
          calls++
          throw new Error('接口超时')
        },
      },
      clock,
      maxAttempts: 3,
      backoff: { baseMs: 1000, maxMs: 10_000, jitter: 0 },
    })
    clock.advance(60_000)
    await s.tick()
    const [first] = await jobs.list()
    expect(first).toMatchObject({ state: 'due', attempts: 1, error: '接口超时' })
    expect(Date.parse(first!.nextAttemptAt) - clock.now().getTime()).toBe(1000)
    clock.advance(1000)
    await s.tick()
    clock.advance(2000)
    await s.tick()
    expect(calls).toBe(3)
    expect((await jobs.list())[0]).toMatchObject({ state: 'failed', attempts: 3 })
  })

  it('takes over a job whose daemon died once the lease expires', async () => {
    const clock = manualClock(new Date('2026-11-26T01:00:00Z'))
    const jobs = createMemoryJobStore()
    await jobs.enqueue({ schedule: 'x', runAt: '2026-11-26T01:00:00.000Z' })
    // A daemon that claimed it and was killed: the job stays running with its lease.
    expect(await jobs.claim('dead', clock.now(), 60_000)).toBeDefined()
    const { runs, runner } = counter()
    const s = createScheduler({ schedules: [{ id: 'x', task: 't', cron: '0 9 * * *' }], timezone: TZ, jobs, tasks: { t: runner }, clock, leaseMs: 60_000 })
    expect(await s.tick()).toBe(0)
    clock.advance(61_000)
    expect(await s.tick()).toBe(1)
    expect(runs).toEqual(['2026-11-26T01:00:00.000Z'])
    expect((await jobs.list())[0]).toMatchObject({ state: 'done', attempts: 2 })
  })
})
