/** What schedules run: a push per channel, the noticeboard print run, the deadline check, verify and the daily self-inspection. */
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { DeliveryEvent, Project, Store } from '@gongkai/core'
import { ERRORS, GongkaiError, isReviewed, reviewLevelsOf } from '@gongkai/core'
import { buildRelease, pushRelease } from '@gongkai/hub'
import type { BuildOptions, BuildSummary, DeliverResult, PushResult as HubPushResult } from '@gongkai/hub'
import { checkDeadlines, formatDeadlineReport, postDeadlineReport, writeDeadlineReport } from '@gongkai/scheduler'
import { zonedDate } from '@gongkai/scheduler/internal'
import type { TaskRunner } from '@gongkai/scheduler'
import { channelName, createChannels, outDirOf, projectCalendar, renderContext, shown } from '../project.js'
import { storeLabel } from '../store.js'
import type { Io } from '../command.js'
import { listedBefore, recordListed } from '../print-withdrawals.js'
import { openProject } from '../project.js'
import { checkRunner } from './check.js'
import { verifyRunner } from './verify.js'

/** Task names a schedule may use. */
export const TASKS = ['website', 'wechat', 'noticeboard', 'kiosk', 'deadlines', 'verify', 'check'] as const

/** Options of one push. */
export interface PushOptions {
  readonly now: Date
  readonly signal?: AbortSignal
  readonly log?: (event: DeliveryEvent) => void
  /** A release id per channel; default each channel's latest. */
  readonly releases?: Readonly<Record<string, string>>
  /** Build the channels' releases first (the scheduler does; `gongkai push` ships what `gongkai build` made). */
  readonly build?: boolean
}

/** What a push did (the hub's `PushResult`). */
export type PushResult = HubPushResult

/** How long a push waits for another process's build of the project before its job fails (and is retried). */
const BUILD_WAIT_MS = 10 * 60_000

/**
 * Builds, and when another process holds the project's build lock (a second daemon on the same
 * store, an operator's gongkai build) waits for it to finish instead of failing: that build is of
 * the same folder, and a job failed for it would be retried as a second attempt for nothing.
 */
async function buildWhenFree(options: BuildOptions, signal: AbortSignal | undefined): Promise<BuildSummary> {
  const started = performance.now()
  for (;;) {
    try {
      return await buildRelease(options)
    } catch (cause) {
      const locked = cause instanceof GongkaiError && cause.code === ERRORS.ReleaseLocked.code
      if (!locked || signal?.aborted === true || performance.now() - started > BUILD_WAIT_MS) throw cause
      await sleep(200)
    }
  }
}

/**
 * Delivers each named channel's release through the hub's `pushRelease` (ledger guard, exactly
 * the release, ledger identity): every due publication in it, never re-rendered. On the signal
 * (Ctrl-C, the scheduler's SIGTERM) the hub hands over no more batches; the batch in flight
 * finishes and is recorded.
 */
export async function pushChannels(project: Project, ids: readonly string[], store: Store, io: Io, options: PushOptions): Promise<PushResult> {
  const channels = await createChannels(project, ids)
  const ctx = renderContext(project, options.now)
  return pushRelease({
    project,
    channels,
    store,
    ctx,
    now: options.now,
    clock: io.now,
    env: io.env,
    ledgerFile: storeLabel(project, (path) => shown(io, path)),
    ...(options.releases === undefined ? {} : { releases: options.releases }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.build === true
      ? {
          prepare: async (deliverable) =>
            (await buildWhenFree({ channels: deliverable, disclosures: project.disclosures, ctx, projectDir: project.dir, outDir: outDirOf(project, io, undefined) }, options.signal)).diagnostics,
        }
      : {}),
  })
}

/** One line about a push, for logs and job results. */
export function summarizePush(result: DeliverResult & { readonly interrupted?: boolean; readonly noTarget?: readonly string[] }): { summary: string; retry: boolean } {
  const counts = { delivered: 0, failed: 0, pending: 0, skipped: 0, withdrawn: 0 }
  for (const r of result.receipts) for (const x of r.results) counts[x.state]++
  const stopped = result.receipts.find((r) => r.stopped !== undefined)?.stopped
  const parts = [`发布 ${counts.delivered}`, `失败 ${counts.failed}`, `待下次 ${counts.pending}`, `已发布跳过 ${counts.skipped + result.skipped.filter((s) => s.reason === 'delivered').length}`]
  if (counts.withdrawn > 0) parts.push(`撤回 ${counts.withdrawn}`)
  if (stopped !== undefined) parts.push(`提前停止：${stopped.message}`)
  if (result.interrupted === true) parts.push('收到停止信号，其余留待重启后继续')
  for (const id of result.noTarget ?? []) parts.push(`${channelName(id)}未配置发布目标（gongkai.config.yaml 的 channels.${id}.target），未推送`)
  // Failures that may pass on a later try make the job retry, and so does an interrupted push (its
  // tick is not repeated otherwise); the ledger keeps what is done done.
  return { summary: parts.join('，'), retry: (counts.failed > 0 && stopped === undefined) || result.interrupted === true }
}

const run = promisify(execFile)

/** The print task's note on withdrawn sheets: which came down, for the job's result. */
function withdrawnNote(withdrawn: readonly { readonly id: string }[]): string {
  return withdrawn.length === 0 ? '' : `（其中已撤回 ${withdrawn.length} 篇：${withdrawn.map((w) => w.id).join('、')}）`
}

/** The scheduler's runners for a project folder: each run reloads the folder, so edits take effect. */
export function taskRunners(dir: string, store: Store, io: Io): Record<(typeof TASKS)[number], TaskRunner> {
  const push =
    (id: string): TaskRunner =>
    async (task) => {
      const { now, signal, schedule } = task
      const project = await openProject(dir, io)
      // A scheduled push builds first: a publication whose publishAt has come is in no earlier release's lists.
      const result = await pushChannels(project, [id], store, io, {
        now,
        signal,
        build: true,
        log: (e) => task.log({ level: e.level, event: 'delivery', message: e.message, schedule: schedule.id }),
      })
      return summarizePush(result)
    }
  return {
    website: push('website'),
    wechat: push('wechat'),
    kiosk: push('kiosk'),
    async noticeboard({ now, schedule }) {
      const project = await openProject(dir, io)
      const day = zonedDate(now, project.config.timezone)
      const ctx = renderContext(project, now)
      const due = project.disclosures.filter((d) => isReviewed(d.publication, reviewLevelsOf(project.config)) && d.item.channels.includes('noticeboard'))
      const paper = project.config.channels['noticeboard']?.['paper']
      const { renderBatch } = await import('@gongkai/noticeboard')
      const listed = await listedBefore(store.ledger, day)
      const batch = await renderBatch(due, { on: day, listedBefore: listed, ...(paper === 'A3' ? { paper: 'A3' as const } : {}) }, ctx)
      // Beside the channels' release folders, never inside one: a release holds only what its build made.
      const folder = join(outDirOf(project, io, undefined), 'print')
      mkdirSync(folder, { recursive: true })
      const file = join(folder, `${day}.pdf`)
      writeFileSync(file, batch.pdf)
      await recordListed(store.ledger, day, now, batch.withdrawn)
      const command = schedule.options?.['printCommand']
      if (typeof command === 'string' && command.trim() !== '') {
        const [bin, ...rest] = command
          .trim()
          .split(/\s+/)
          .map((part) => part.replace('{file}', file))
        if (bin !== undefined) await run(bin, rest, { timeout: 120_000 })
        return { summary: `公示栏 ${batch.posted.length} 篇，撤下 ${batch.takeDown.length + batch.withdrawn.length} 篇${withdrawnNote(batch.withdrawn)}，已送打印：${file}` }
      }
      return { summary: `公示栏 ${batch.posted.length} 篇，撤下 ${batch.takeDown.length + batch.withdrawn.length} 篇${withdrawnNote(batch.withdrawn)}：${file}` }
    },
    async deadlines({ now, schedule }) {
      const project = await openProject(dir, io)
      const today = zonedDate(now, project.config.timezone)
      const delivered = new Map<string, string>()
      for (const r of await store.ledger.list({ state: 'delivered' })) {
        const on = r.deliveredAt === undefined ? undefined : zonedDate(new Date(r.deliveredAt), project.config.timezone)
        const prev = delivered.get(r.publication)
        if (on !== undefined && (prev === undefined || on < prev)) delivered.set(r.publication, on)
      }
      const within = schedule.options?.['withinDays']
      const report = checkDeadlines(project.disclosures, {
        calendar: projectCalendar(project),
        today,
        withinDays: typeof within === 'number' ? within : 3,
        publishedOn: (id) => delivered.get(id),
        requests: project.requests,
        defaultOwner: project.config.body.name,
      })
      const markdown = formatDeadlineReport(report, project.config.body.name)
      const file = join(outDirOf(project, io, undefined), 'reports', `deadlines-${today}.md`)
      await writeDeadlineReport(file, markdown, report)
      const webhook = schedule.options?.['webhook']
      if (typeof webhook === 'string' && webhook !== '') await postDeadlineReport(webhook, markdown, report)
      const asked =
        report.requests === undefined || report.requests.overdue.length + report.requests.dueSoon.length === 0
          ? ''
          : `；依申请公开超期 ${report.requests.overdue.length} 件，即将到期 ${report.requests.dueSoon.length} 件`
      return { summary: `超期 ${report.overdue.length} 条，即将到期 ${report.dueSoon.length} 条${asked}：${file}` }
    },
    verify: verifyRunner(dir, io),
    check: checkRunner(dir, store, io),
  }
}
