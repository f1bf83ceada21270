/** What schedules run: a push per channel, the noticeboard print run, the deadline check. */
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { deliverAll } from '@gongkai/core'
import type { DeliverAllResult, DeliveryEvent, Project, Receipt, Store } from '@gongkai/core'
import { checkDeadlines, formatDeadlineReport, postDeadlineReport, writeDeadlineReport } from '@gongkai/scheduler'
import { zonedDate } from '@gongkai/scheduler/internal'
import type { TaskRunner } from '@gongkai/scheduler'
import { channelName, createChannels, outDirOf, projectCalendar, renderContext } from '../project.js'
import type { Io } from '../command.js'
import { openProject } from '../project.js'

/** Task names a schedule may use. */
export const TASKS = ['website', 'wechat', 'noticeboard', 'kiosk', 'deadlines'] as const

/** Options of one push. */
export interface PushOptions {
  readonly now: Date
  readonly signal?: AbortSignal
  readonly log?: (event: DeliveryEvent) => void
}

/** What a push did; `interrupted` when the signal stopped it before every publication was tried. */
export interface PushResult extends DeliverAllResult {
  readonly interrupted: boolean
  /** Channels named that have nowhere to deliver to (no `target` in the config): nothing was pushed to them. */
  readonly noTarget: readonly string[]
}

/** Publications handed to a channel per `deliverAll` call, for channels without a whole-collection output. */
const BATCH = 8

/**
 * Delivers every due publication of the project to the channels named.
 * A channel with no `assemble` (WeChat) is pushed one publication at a time and the signal is
 * checked in between, not handed to the channel: the channel would abort its HTTP calls on it and
 * leave the publication in flight half done (pending, to finish next time), where Ctrl-C or a
 * SIGTERM from the scheduler should let it finish.
 */
export async function pushChannels(project: Project, ids: readonly string[], store: Store, io: Io, options: PushOptions): Promise<PushResult> {
  const channels = await createChannels(project, ids)
  const ctx = renderContext(project, options.now)
  const deliverContext = {
    config: project.config,
    ledger: store.ledger,
    kv: store.kv,
    projectDir: project.dir,
    outDir: outDirOf(project, io, undefined),
    env: io.env,
    now: io.now,
    log: options.log ?? (() => {}),
  }
  const parts: DeliverAllResult[] = []
  const stopping = () => options.signal?.aborted === true
  let interrupted = false
  // A website or kiosk without a target only builds: it has nothing to deliver to, which is the operator's to fix, not a retry's.
  const noTarget = channels.filter((c) => c.deliver === undefined).map((c) => c.id)
  for (const channel of channels.filter((c) => c.deliver !== undefined)) {
    if (stopping()) {
      interrupted = true
      break
    }
    if (channel.assemble !== undefined) {
      const signal = options.signal === undefined ? {} : { signal: options.signal }
      parts.push(await deliverAll({ channels: [channel], disclosures: project.disclosures, ctx, now: options.now, deliverContext: { ...deliverContext, ...signal } }))
      continue
    }
    const mine = project.disclosures.filter((d) => (d.item.channels as readonly string[]).includes(channel.id))
    for (let i = 0; i < mine.length; i += BATCH) {
      if (stopping()) {
        interrupted = true
        break
      }
      const part = await deliverAll({ channels: [channel], disclosures: mine.slice(i, i + BATCH), ctx, now: options.now, deliverContext })
      parts.push(part)
      // Quota reached or the account misconfigured: the rest would only meet the same answer.
      if (part.receipts.some((r) => r.stopped !== undefined)) break
    }
  }
  return { ...mergeResults(parts), interrupted, noTarget }
}

/** One receipt per channel out of several `deliverAll` results. */
function mergeResults(parts: readonly DeliverAllResult[]): DeliverAllResult {
  const receipts = new Map<string, Receipt>()
  for (const part of parts) {
    for (const r of part.receipts) {
      const prev = receipts.get(r.channel)
      const stopped = prev?.stopped ?? r.stopped
      receipts.set(r.channel, { channel: r.channel, results: [...(prev?.results ?? []), ...r.results], ...(stopped === undefined ? {} : { stopped }) })
    }
  }
  return {
    receipts: [...receipts.values()],
    skipped: parts.flatMap((p) => p.skipped),
    undeliverable: [...new Set(parts.flatMap((p) => p.undeliverable))],
    diagnostics: parts.flatMap((p) => p.diagnostics),
  }
}

/** One line about a push, for logs and job results. */
export function summarizePush(result: DeliverAllResult & { readonly interrupted?: boolean; readonly noTarget?: readonly string[] }): { summary: string; retry: boolean } {
  const counts = { delivered: 0, failed: 0, pending: 0, skipped: 0, withdrawn: 0 }
  for (const r of result.receipts) for (const x of r.results) counts[x.state]++
  const stopped = result.receipts.find((r) => r.stopped !== undefined)?.stopped
  const parts = [`发布 ${counts.delivered}`, `失败 ${counts.failed}`, `待下次 ${counts.pending}`, `已发布跳过 ${counts.skipped + result.skipped.filter((s) => s.reason === 'delivered').length}`]
  if (stopped !== undefined) parts.push(`提前停止：${stopped.message}`)
  if (result.interrupted === true) parts.push('收到停止信号，其余留待重启后继续')
  for (const id of result.noTarget ?? []) parts.push(`${channelName(id)}未配置发布目标（gongkai.config.yaml 的 channels.${id}.target），未推送`)
  // Failures that may pass on a later try make the job retry, and so does an interrupted push (its
  // tick is not repeated otherwise); the ledger keeps what is done done.
  return { summary: parts.join('，'), retry: (counts.failed > 0 && stopped === undefined) || result.interrupted === true }
}

const run = promisify(execFile)

/** The scheduler's runners for a project folder: each run reloads the folder, so edits take effect. */
export function taskRunners(dir: string, store: Store, io: Io): Record<(typeof TASKS)[number], TaskRunner> {
  const push =
    (id: string): TaskRunner =>
    async (task) => {
      const { now, signal, schedule } = task
      const project = await openProject(dir, io)
      const result = await pushChannels(project, [id], store, io, {
        now,
        signal,
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
      const due = project.disclosures.filter((d) => d.publication.review !== undefined && d.item.channels.includes('noticeboard'))
      const paper = project.config.channels['noticeboard']?.['paper']
      const { renderBatch } = await import('@gongkai/noticeboard')
      const batch = await renderBatch(due, { on: day, ...(paper === 'A3' ? { paper: 'A3' as const } : {}) }, ctx)
      const folder = join(outDirOf(project, io, undefined), 'noticeboard', 'print')
      mkdirSync(folder, { recursive: true })
      const file = join(folder, `${day}.pdf`)
      writeFileSync(file, batch.pdf)
      const command = schedule.options?.['printCommand']
      if (typeof command === 'string' && command.trim() !== '') {
        const [bin, ...rest] = command
          .trim()
          .split(/\s+/)
          .map((part) => part.replace('{file}', file))
        if (bin !== undefined) await run(bin, rest, { timeout: 120_000 })
        return { summary: `公示栏 ${batch.posted.length} 篇，撤下 ${batch.takeDown.length} 篇，已送打印：${file}` }
      }
      return { summary: `公示栏 ${batch.posted.length} 篇，撤下 ${batch.takeDown.length} 篇：${file}` }
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
      })
      const markdown = formatDeadlineReport(report, project.config.body.name)
      const file = join(outDirOf(project, io, undefined), 'reports', `deadlines-${today}.md`)
      await writeDeadlineReport(file, markdown, report)
      const webhook = schedule.options?.['webhook']
      if (typeof webhook === 'string' && webhook !== '') await postDeadlineReport(webhook, markdown, report)
      return { summary: `超期 ${report.overdue.length} 条，即将到期 ${report.dueSoon.length} 条：${file}` }
    },
  }
}
