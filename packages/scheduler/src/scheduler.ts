/**
 * The daemon's heart: turns schedules into durable jobs in the store, claims them under a lease,
 * runs them, retries with backoff, and catches up missed runs once after downtime.
 * Two schedulers on one store never run the same job: the job id is `schedule@tick` and a claim
 * is an atomic lease in the store.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Diagnostic, Job, JobStore, ScheduleConfig } from '@gongkai/core'
import { ERRORS, OptionsError } from '@gongkai/core'
import { backoffDelay } from './backoff.js'
import type { BackoffOptions } from './backoff.js'
import type { Clock } from './clock.js'
import { systemClock } from './clock.js'
import { nextTicks, parseCron, ticksBetween, zonedDate, zonedTime } from './cron.js'
import type { CronExpression } from './cron.js'

/** What a task sees when it runs. */
export interface TaskContext {
  readonly job: Job
  readonly schedule: ScheduleConfig
  /** The clock's time when the task started. */
  readonly now: Date
  /** Aborted on SIGTERM: finish the step in flight, record it, return. */
  readonly signal: AbortSignal
  log(event: SchedulerEvent): void
}

/** What a task returns: a short summary for the job store and `gongkai status`. */
export interface TaskOutcome {
  readonly summary: string
  /** Ask for the job to be tried again later (e.g. some deliveries failed transiently). */
  readonly retry?: boolean
}

/** Runs one kind of task (`wechat`, `website`, `deadlines`, …). Throwing means: failed, retry with backoff. */
export type TaskRunner = (ctx: TaskContext) => Promise<TaskOutcome>

/** One line of the daemon's log. */
export interface SchedulerEvent {
  readonly level: 'info' | 'warn' | 'error'
  readonly event: string
  readonly message: string
  readonly schedule?: string
  readonly job?: string
  readonly attempts?: number
  readonly durationMs?: number
}

/** How missed runs are treated after downtime. */
export type CatchUp = 'once' | 'none'

/** Options for `createScheduler`. */
export interface SchedulerOptions {
  readonly schedules: readonly ScheduleConfig[]
  /** IANA timezone of the cron expressions. */
  readonly timezone: string
  readonly jobs: JobStore
  /** Runners by task name. A schedule whose task has no runner is a validation error. */
  readonly tasks: Readonly<Record<string, TaskRunner>>
  /** Official workdays (make-up days included) for `workdays: true` schedules. */
  readonly isWorkday?: (date: string) => boolean
  readonly clock?: Clock
  /** Unique per process; default host:pid:random. */
  readonly owner?: string
  /** Lease on a running job; renewed at a third of it. Default 60 s. */
  readonly leaseMs?: number
  /** How often the loop looks for due work. Default 1 s. */
  readonly pollMs?: number
  /** Default `once`: after downtime a schedule runs once for all the ticks it missed. */
  readonly catchUp?: CatchUp
  /** Attempts before a job fails for good. Default 5. */
  readonly maxAttempts?: number
  readonly backoff?: BackoffOptions
  readonly random?: () => number
  log?(event: SchedulerEvent): void
}

/** A schedule with its parsed expression. */
interface Planned {
  readonly config: ScheduleConfig
  readonly cron: CronExpression
}

/** The scheduler. */
export interface Scheduler {
  readonly owner: string
  /** Enqueues what is due and runs every job that can run now; returns how many jobs ran. */
  tick(): Promise<number>
  /** Loops until the signal aborts; the job in flight finishes first. */
  run(signal: AbortSignal): Promise<void>
  /** Queues one run of a schedule now (`gongkai run DIR ID`) and runs it; returns the job. */
  runNow(id: string): Promise<Job | undefined>
  /** The next `count` runs of a schedule (workday rule applied). */
  nextRuns(id: string, count: number): Date[]
}

/** Validation of schedules: cron syntax with the config's line and column, unknown tasks, duplicate ids. */
export function validateSchedules(schedules: readonly ScheduleConfig[], tasks: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const seen = new Set<string>()
  for (const s of schedules) {
    const place =
      s.place === undefined ? {} : { file: s.place.file, ...(s.place.line === undefined ? {} : { line: s.place.line }), ...(s.place.column === undefined ? {} : { column: s.place.column }) }
    if (seen.has(s.id)) out.push({ code: 'schedule/duplicate-id', severity: 'error', message: `计划任务编号“${s.id}”重复`, hint: '每个计划任务的 id 必须唯一', ...place, subject: s.id })
    seen.add(s.id)
    if (!tasks.includes(s.task)) {
      out.push({ code: 'schedule/unknown-task', severity: 'error', message: `计划任务“${s.id}”的 task“${s.task}”不存在`, hint: `可用的任务：${tasks.join('、')}`, ...place, subject: s.id })
    }
    const { problems } = parseCron(s.cron)
    for (const p of problems) {
      // The column inside the expression shifts the config column (the value starts after `cron: "`).
      const column = s.place?.column === undefined ? undefined : s.place.column + p.column - 1
      out.push({
        code: 'schedule/bad-cron',
        severity: 'error',
        message: `计划任务“${s.id}”：${p.message}`,
        hint: '格式为“分 时 日 月 星期”，例如 "0 9 * * 1-5" 表示周一至周五 9:00',
        ...place,
        ...(column === undefined ? {} : { column }),
        subject: s.id,
      })
    }
  }
  return out
}

/** Creates a scheduler over a job store. Throws when a schedule is invalid (validate first for messages). */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const leaseMs = options.leaseMs ?? 60_000
  const pollMs = options.pollMs ?? 1000
  const catchUp = options.catchUp ?? 'once'
  const maxAttempts = options.maxAttempts ?? 5
  const log = (event: SchedulerEvent): void => options.log?.(event)
  const startedAt = clock.now()
  const problems = validateSchedules(options.schedules, Object.keys(options.tasks))
  if (problems.length > 0) throw OptionsError.from(ERRORS.SchedulerInvalidSchedule, problems.map((p) => p.message).join('；'))
  const planned = new Map<string, Planned>(options.schedules.map((config) => [config.id, { config, cron: parseCron(config.cron).cron as CronExpression }]))
  const accept = (p: Planned) => (d: Date) => p.config.workdays !== true || (options.isWorkday ?? defaultWorkday)(zonedDate(d, options.timezone))

  async function enqueueDue(now: Date): Promise<void> {
    for (const p of planned.values()) {
      const last = await options.jobs.last(p.config.id)
      // A schedule never seen before starts counting at the daemon's start, not at the epoch.
      const since = last === undefined ? startedAt : new Date(Math.max(Date.parse(last.runAt), catchUp === 'none' ? now.getTime() - 2 * pollMs - 1000 : 0))
      const ok = accept(p)
      const due = ticksBetween(p.cron, since, now, options.timezone, { newestFirst: true, limit: 400 }).filter(ok)
      const newest = due[0]
      if (newest === undefined) continue
      const fresh = await options.jobs.enqueue({ schedule: p.config.id, runAt: newest.toISOString() })
      if (fresh && due.length > 1) {
        log({ level: 'info', event: 'catch-up', message: `${p.config.id}：停机期间错过 ${due.length} 次，补运行一次`, schedule: p.config.id })
      }
    }
  }

  async function runJob(job: Job, signal: AbortSignal): Promise<void> {
    const schedule = planned.get(job.schedule)?.config
    const runner = schedule === undefined ? undefined : options.tasks[schedule.task]
    if (schedule === undefined || runner === undefined) {
      await options.jobs.fail(job.id, owner, `配置中已没有计划任务“${job.schedule}”`)
      log({ level: 'warn', event: 'job-orphaned', message: `任务 ${job.id} 的计划已从配置中删除，不再运行`, job: job.id })
      return
    }
    const started = clock.now()
    log({ level: 'info', event: 'job-start', message: `开始 ${job.schedule}（第 ${job.attempts} 次尝试）`, schedule: job.schedule, job: job.id, attempts: job.attempts })
    // Renew the lease while the task runs, so a long push is not taken over by another daemon.
    let lost = false
    const beat = setInterval(
      () => {
        void options.jobs.heartbeat(job.id, owner, clock.now(), leaseMs).then((ok) => {
          if (!ok) lost = true
        })
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    )
    beat.unref()
    try {
      const outcome = await runner({ job, schedule, now: started, signal, log })
      const durationMs = clock.now().getTime() - started.getTime()
      if (lost) log({ level: 'warn', event: 'lease-lost', message: `${job.id} 的租约在运行中丢失`, job: job.id })
      if (outcome.retry === true && job.attempts < maxAttempts) {
        const retryAt = new Date(clock.now().getTime() + backoffDelay(job.attempts, options.backoff, options.random))
        await options.jobs.fail(job.id, owner, outcome.summary, retryAt)
        log({
          level: 'warn',
          event: 'job-retry',
          message: `${job.schedule}：${outcome.summary}；${zonedTime(retryAt, options.timezone)} 重试`,
          schedule: job.schedule,
          job: job.id,
          attempts: job.attempts,
          durationMs,
        })
      } else {
        await options.jobs.complete(job.id, owner, outcome.summary)
        log({ level: 'info', event: 'job-done', message: `${job.schedule}：${outcome.summary}`, schedule: job.schedule, job: job.id, attempts: job.attempts, durationMs })
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const durationMs = clock.now().getTime() - started.getTime()
      if (job.attempts < maxAttempts) {
        const retryAt = new Date(clock.now().getTime() + backoffDelay(job.attempts, options.backoff, options.random))
        await options.jobs.fail(job.id, owner, message, retryAt)
        log({
          level: 'warn',
          event: 'job-retry',
          message: `${job.schedule} 失败：${message}；${zonedTime(retryAt, options.timezone)} 重试`,
          schedule: job.schedule,
          job: job.id,
          attempts: job.attempts,
          durationMs,
        })
      } else {
        await options.jobs.fail(job.id, owner, message)
        log({
          level: 'error',
          event: 'job-failed',
          message: `${job.schedule} 失败（已尝试 ${job.attempts} 次，不再重试）：${message}`,
          schedule: job.schedule,
          job: job.id,
          attempts: job.attempts,
          durationMs,
        })
      }
    } finally {
      clearInterval(beat)
    }
  }

  async function drain(signal: AbortSignal): Promise<number> {
    let ran = 0
    while (!signal.aborted) {
      const job = await options.jobs.claim(owner, clock.now(), leaseMs)
      if (job === undefined) break
      await runJob(job, signal)
      ran++
    }
    return ran
  }

  const never = new AbortController().signal

  return {
    owner,
    async tick() {
      await enqueueDue(clock.now())
      return drain(never)
    },
    async run(signal) {
      log({ level: 'info', event: 'daemon-start', message: `调度器启动（${owner}），${planned.size} 个计划任务，时区 ${options.timezone}` })
      while (!signal.aborted) {
        await enqueueDue(clock.now())
        await drain(signal)
        await clock.sleep(pollMs, signal)
      }
      log({ level: 'info', event: 'daemon-stop', message: '调度器已停止' })
    },
    async runNow(id) {
      const p = planned.get(id)
      if (p === undefined) return undefined
      const runAt = clock.now().toISOString()
      await options.jobs.enqueue({ schedule: id, runAt })
      await drain(never)
      return (await options.jobs.list({ schedule: id })).find((j) => j.runAt === runAt)
    },
    nextRuns(id, count) {
      const p = planned.get(id)
      return p === undefined ? [] : nextTicks(p.cron, clock.now(), options.timezone, count, accept(p))
    },
  }
}

/** Without an official calendar, Monday to Friday. The CLI always passes the official one. */
function defaultWorkday(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d !== 0 && d !== 6
}
