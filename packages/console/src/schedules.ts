/**
 * 计划任务: each schedule of the config with its next runs (its cron, in the project's timezone,
 * by the console's clock, the workday rule applied) and its last results from the job store, and
 * 立即运行 (as `gongkai run DIR ID` does: a job queued now and run, recorded in the store).
 * The scheduler itself is the CLI's to hand over (the console imports no scheduler).
 */
import type { Diagnostic, Job, Project } from '@gongkai/core'
import type { Hono } from 'hono'
import { hasRole } from './auth.js'
import type { Env, RouteKit } from './kit.js'
import type { Runs } from './runs.js'
import { CHANNEL_NAMES, placeOf, showTime } from './views.js'

/** What the console needs of a scheduler over the project's job store (`createScheduler` of @gongkai/scheduler fits). */
export interface ConsoleScheduler {
  /** The next `count` runs of a schedule. */
  nextRuns(id: string, count: number): Date[]
  /** Queues one run of a schedule now and runs it; returns the job. */
  runNow(id: string): Promise<Job | undefined>
}

/** Makes the scheduler of a project, or says why its schedules cannot run (cron errors at their places). */
export type MakeScheduler = (project: Project) => { readonly scheduler?: ConsoleScheduler; readonly problems: readonly Diagnostic[] }

const TASK_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(CHANNEL_NAMES).map(([id, n]) => [id, id === 'noticeboard' ? '公示栏打印稿' : `推送到${n}`])),
  deadlines: '公开时限检查',
  verify: '网站核验（防篡改）',
  check: '每日自查',
}
const JOB_STATES: Readonly<Record<Job['state'], string>> = { due: '等待运行', running: '运行中', done: '完成', failed: '失败' }

/** The job's result as the scheduler stored it (a JSON summary, or plain text). */
function resultOf(job: Job): string | undefined {
  if (job.result === undefined) return undefined
  try {
    const parsed = JSON.parse(job.result) as unknown
    if (typeof parsed === 'string') return parsed
    if (parsed !== null && typeof parsed === 'object' && 'summary' in parsed && typeof parsed.summary === 'string') return parsed.summary
  } catch {
    // Not JSON: shown as it is.
  }
  return job.result
}

/** A job as the pages show it. */
export function jobView(job: Job, tz: string) {
  return {
    id: job.id,
    state: JOB_STATES[job.state],
    failed: job.state === 'failed',
    runAt: showTime(job.runAt, tz),
    updated: showTime(job.updatedAt, tz),
    attempts: job.attempts,
    result: resultOf(job),
    error: job.error,
  }
}

/** The 计划任务 page and its run-now form. */
export function registerSchedules(app: Hono<Env>, kit: RouteKit, runs: Runs, make: MakeScheduler | undefined): (project: Project) => { id: string; task: string; next?: string }[] {
  app.get('/schedules', async (c) => {
    const project = await kit.project()
    const tz = project.config.timezone
    const made = make?.(project)
    const schedules = await Promise.all(
      project.config.schedules.map(async (s) => {
        const jobs = (await kit.store.jobs.list({ schedule: s.id })).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)).slice(0, 5)
        return {
          id: s.id,
          task: TASK_NAMES[s.task] ?? s.task,
          cron: s.cron,
          workdays: s.workdays === true,
          next: made?.scheduler?.nextRuns(s.id, 3).map((d) => showTime(d.toISOString(), tz)) ?? [],
          jobs: jobs.map((j) => jobView(j, tz)),
        }
      }),
    )
    const user = c.get('user')
    return kit.render(c, 'schedules', {
      title: '计划任务',
      timezone: tz,
      now: showTime(kit.now().toISOString(), tz),
      schedules,
      problems: (made?.problems ?? []).map((d) => ({ message: d.message, hint: d.hint, place: placeOf(d), code: d.code })),
      canRun: hasRole(user, 'publisher') && made?.scheduler !== undefined,
      unavailable: make === undefined,
      running: runs.running === undefined ? undefined : { id: runs.running.id, title: runs.running.title, by: runs.running.by },
    })
  })

  app.post('/schedules/:id/run', async (c) => {
    const id = c.req.param('id').slice(0, 100)
    const checked = await kit.checkForm(c, 'run', id)
    if (checked instanceof Response) return checked
    const user = c.get('user')
    if (!hasRole(user, 'publisher')) return kit.refuseRole(c, 'publisher', 'run', id)
    const project = await kit.project()
    const schedule = project.config.schedules.find((s) => s.id === id)
    const refuse = async (status: number, title: string, text: string, hint?: string, problems: readonly Diagnostic[] = []) => {
      await kit.audit(user.id, 'run', 'refused', id, text)
      return kit.message(c, status, title, text, hint, problems)
    }
    if (schedule === undefined)
      return refuse(404, '没有这个计划任务', `gongkai.config.yaml 中没有编号为“${id}”的计划任务，没有运行。`, `已配置的计划任务：${project.config.schedules.map((s) => s.id).join('、') || '（无）'}`)
    const made = make?.(project)
    if (made?.scheduler === undefined) return refuse(409, '计划任务有误', '计划任务的设置有误，没有运行。', '改正 gongkai.config.yaml 中以下各处后重试', made?.problems ?? [])
    if (runs.running !== undefined) return refuse(409, '另一项操作正在进行', `${runs.running.title}（${runs.running.by}）还没有结束，这次没有运行。`, '请等它结束后再运行')
    const scheduler = made.scheduler
    const tz = project.config.timezone
    const title = `立即运行：${schedule.id}（${TASK_NAMES[schedule.task] ?? schedule.task}）`
    const run = runs.start('schedule', title, user.name, async (say) => {
      say('info', `${schedule.id}：开始运行`)
      const job = await scheduler.runNow(schedule.id)
      if (job === undefined) {
        say('error', `${schedule.id}：没有运行（任务未能排入）`)
        return { outcome: { summary: '没有运行' }, failed: true }
      }
      const view = jobView(job, tz)
      say(job.state === 'done' ? 'info' : 'error', `${schedule.id}：${view.state}${view.result === undefined ? '' : `，${view.result}`}${view.error === undefined ? '' : `，${view.error}`}`)
      await kit.audit(
        user.id,
        'run-done',
        job.state === 'done' ? 'ok' : 'refused',
        schedule.id,
        `${view.state}${view.result === undefined ? '' : `：${view.result}`}${view.error === undefined ? '' : `：${view.error}`}`,
      )
      return { outcome: { summary: `${view.state}${view.result === undefined ? '' : `：${view.result}`}`, job: view }, failed: job.state !== 'done' }
    })
    if (run === undefined) return refuse(409, '另一项操作正在进行', '另一项操作还没有结束，这次没有运行。')
    await kit.audit(user.id, 'run', 'ok', schedule.id, title)
    return c.redirect(`/runs/${run.id}`, 303)
  })

  // 总览: each schedule's next run.
  return (project) => {
    const made = make?.(project)
    return project.config.schedules.map((s) => {
      const next = made?.scheduler?.nextRuns(s.id, 1)[0]
      return { id: s.id, task: TASK_NAMES[s.task] ?? s.task, ...(next === undefined ? {} : { next: showTime(next.toISOString(), project.config.timezone) }) }
    })
  }
}
