/** `gongkai schedule [DIR]` (the daemon) and `gongkai run [DIR] JOB` (one schedule now). */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { createScheduler, systemClock, validateSchedules } from '@gongkai/scheduler'
import { zonedTime } from '@gongkai/scheduler/internal'
import type { Scheduler, SchedulerEvent } from '@gongkai/scheduler'
import type { Diagnostic, Project, Store } from '@gongkai/core'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { openProject, openStore, projectCalendar, report } from '../project.js'
import { TASKS, taskRunners } from './tasks.js'

const SCHEDULE_USAGE = `用法：gongkai schedule [目录] [--json] [--poll 秒]

按 gongkai.config.yaml 中的 schedules 定时推送各渠道、检查公开时限。
任务记入项目台账：两个调度进程同时运行也不会重复执行；进程被杀后重启会接着做，不会重复推送；
收到 SIGTERM 时做完手头这一步、记录后退出。停机期间错过的任务，重启后补运行一次。
  --json  每个任务一行 JSON 日志
  --poll  检查间隔秒数（默认 1）`

const RUN_USAGE = `用法：gongkai run [目录] <计划任务编号>

立即运行一个计划任务（如 wechat-morning、deadlines），结果记入台账。`

/** Log lines in the project's timezone, with the zone said, whatever the machine's own zone is. */
function logger(io: Io, json: boolean, timezone: string): (e: SchedulerEvent) => void {
  return (e) => {
    if (json) {
      io.out(JSON.stringify({ time: zonedTime(io.now(), timezone, 'iso'), ...e }))
      return
    }
    const t = zonedTime(io.now(), timezone)
    const label = e.level === 'error' ? '错误' : e.level === 'warn' ? '注意' : '    '
    io.out(`${t} ${label} ${e.message}`)
  }
}

/** The scheduler of a project over its store's jobs, with the CLI's task runners; `log` replaces the log lines on stdout. */
export function makeScheduler(project: Project, store: Store, io: Io, options: { json: boolean; pollMs?: number; log?: (e: SchedulerEvent) => void }): Scheduler {
  const calendar = projectCalendar(project)
  return createScheduler({
    schedules: project.config.schedules,
    timezone: project.config.timezone,
    // The command's clock (GONGKAI_NOW may have moved it), waiting as the wall clock does.
    clock: { now: io.now, sleep: (ms, signal) => systemClock.sleep(ms, signal) },
    jobs: store.jobs,
    tasks: taskRunners(project.dir, store, io),
    isWorkday: (d) => calendar.isWorkday(d),
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 6)}`,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    log: options.log ?? logger(io, options.json, project.config.timezone),
  })
}

/** The problems of the config's schedules (cron syntax, unknown tasks, duplicates) and of the config file itself. */
export function scheduleProblems(project: Project): Diagnostic[] {
  const problems = validateSchedules(project.config.schedules, TASKS)
  const configErrors = project.diagnostics.filter((d) => d.severity === 'error' && d.file === 'gongkai.config.yaml')
  return [...configErrors, ...problems]
}

function checkSchedules(project: Project, io: Io): boolean {
  const problems = validateSchedules(project.config.schedules, TASKS)
  const configErrors = project.diagnostics.filter((d) => d.severity === 'error' && d.file === 'gongkai.config.yaml')
  return report([...configErrors, ...problems], io).errors === 0
}

/** The `schedule` command: the daemon. */
export const scheduleCommand: Command = {
  name: 'schedule',
  summary: '运行调度进程：按计划推送、检查时限',
  usage: SCHEDULE_USAGE,
  async run(argv, io) {
    const args = parse(argv, { json: { type: 'boolean' }, poll: { type: 'string' } }, SCHEDULE_USAGE)
    const pollText = text(args, 'poll')
    const poll = pollText === undefined ? undefined : Number(pollText)
    if (poll !== undefined && !(poll > 0 && poll <= 3600)) throw new UsageError(`--poll 应为大于 0、不超过 3600 的秒数，例如 --poll 5，不能是“${pollText}”`, SCHEDULE_USAGE)
    const project = await openProject(args.positionals[0], io)
    if (!checkSchedules(project, io)) return EXIT.content
    if (project.config.schedules.length === 0) {
      io.err('gongkai.config.yaml 中没有 schedules，调度进程无事可做。')
      return EXIT.content
    }
    const store = await openStore(project, io)
    const stop = new AbortController()
    const onSignal = () => stop.abort()
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
    try {
      const scheduler = makeScheduler(project, store, io, { json: flag(args, 'json'), ...(poll === undefined ? {} : { pollMs: poll * 1000 }) })
      await scheduler.run(stop.signal)
      return EXIT.ok
    } finally {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
      await store.close()
    }
  },
}

/** The `run` command: one schedule now. */
export const runCommand: Command = {
  name: 'run',
  summary: '立即运行一个计划任务',
  usage: RUN_USAGE,
  async run(argv, io) {
    const args = parse(argv, { json: { type: 'boolean' } }, RUN_USAGE, 2)
    const [first, second] = args.positionals
    const dir = second === undefined ? undefined : first
    const id = second ?? first
    if (id === undefined) throw new UsageError('请给出要运行的计划任务编号', RUN_USAGE)
    const project = await openProject(dir, io)
    if (!checkSchedules(project, io)) return EXIT.content
    if (!project.config.schedules.some((s) => s.id === id)) {
      throw new UsageError(`没有编号为“${id}”的计划任务`, `已配置的计划任务：${project.config.schedules.map((s) => s.id).join('、') || '（无）'}`)
    }
    const store = await openStore(project, io)
    try {
      const job = await makeScheduler(project, store, io, { json: flag(args, 'json') }).runNow(id)
      if (job === undefined) return EXIT.content
      return job.state === 'done' ? EXIT.ok : EXIT.content
    } finally {
      await store.close()
    }
  },
}
