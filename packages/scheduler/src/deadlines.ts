/**
 * The daily deadline check: publications overdue or due within N working days, by owner
 * department, written to a report file and optionally posted to a webhook.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { computeDeadline, computeRequestClock, deadlineStatus } from '@gongkai/core'
import type { DeadlineStatus, Disclosure, Request, WorkdayCalendar } from '@gongkai/core'

/** One open request for disclosure (依申请公开) in the report: never the applicant, only the request. */
export interface RequestDeadlineEntry {
  readonly request: string
  readonly content: string
  readonly owner: string
  readonly received: string
  readonly due: string
  readonly status: 'overdue' | 'due-soon'
  /** Counted working days left (consultation days not counted); negative when overdue. */
  readonly workdaysLeft: number
}

/** One publication in the report. */
export interface DeadlineEntry {
  readonly publication: string
  readonly title: string
  readonly item: string
  readonly itemName: string
  readonly owner: string
  readonly formed: string
  readonly due: string
  readonly status: DeadlineStatus
  /** Working days left until `due` (0 on the day; negative when overdue: days past). */
  readonly workdaysLeft: number
}

/** The report of one check. */
export interface DeadlineReport {
  readonly today: string
  readonly withinDays: number
  readonly overdue: readonly DeadlineEntry[]
  readonly dueSoon: readonly DeadlineEntry[]
  /** Owners in order of most overdue first. */
  readonly owners: readonly { readonly owner: string; readonly overdue: number; readonly dueSoon: number }[]
  /** Requests for disclosure past their reply date or due within `withinDays`, by due date (present when requests were given). */
  readonly requests?: { readonly overdue: readonly RequestDeadlineEntry[]; readonly dueSoon: readonly RequestDeadlineEntry[] }
}

/** Options for `checkDeadlines`. */
export interface CheckDeadlinesOptions {
  readonly calendar: WorkdayCalendar
  /** YYYY-MM-DD in the project's timezone. */
  readonly today: string
  /** Due within this many working days counts as due soon. Default 3. */
  readonly withinDays?: number
  /** When the publication actually went out (from the ledger), if `published` is not in its front matter. */
  readonly publishedOn?: (publication: string) => string | undefined
  /** The register of requests (依申请公开): the open ones are checked against their legal clock too. */
  readonly requests?: readonly Request[]
  /** The owner of a request that names none (the issuing body). */
  readonly defaultOwner?: string
}

/** The open requests that are overdue or due within `withinDays` counted working days. */
export function checkRequestDeadlines(
  requests: readonly Request[],
  options: Pick<CheckDeadlinesOptions, 'calendar' | 'today' | 'withinDays' | 'defaultOwner'>,
): NonNullable<DeadlineReport['requests']> {
  const overdue: RequestDeadlineEntry[] = []
  const dueSoon: RequestDeadlineEntry[] = []
  for (const r of requests) {
    const c = computeRequestClock(r, options.calendar, { today: options.today, dueSoonDays: options.withinDays ?? 3 })
    if ((c.status !== 'overdue' && c.status !== 'due-soon') || c.due === undefined) continue
    const entry: RequestDeadlineEntry = {
      request: r.id,
      content: r.content,
      owner: r.owner ?? options.defaultOwner ?? '',
      received: r.received,
      due: c.due,
      status: c.status,
      workdaysLeft: c.workdaysLeft ?? 0,
    }
    ;(c.status === 'overdue' ? overdue : dueSoon).push(entry)
  }
  const order = (a: RequestDeadlineEntry, b: RequestDeadlineEntry) => a.due.localeCompare(b.due) || a.request.localeCompare(b.request)
  return { overdue: overdue.sort(order), dueSoon: dueSoon.sort(order) }
}

/** Finds overdue and due-soon publications. */
export function checkDeadlines(disclosures: readonly Disclosure[], options: CheckDeadlinesOptions): DeadlineReport {
  const withinDays = options.withinDays ?? 3
  const overdue: DeadlineEntry[] = []
  const dueSoon: DeadlineEntry[] = []
  for (const d of disclosures) {
    const published = options.publishedOn?.(d.publication.id)
    const status = deadlineStatus(d.publication, d.item, options.calendar, options.today, {
      dueSoonDays: withinDays,
      ...(published === undefined ? {} : { published }),
    })
    if (status !== 'overdue' && status !== 'due-soon') continue
    const { due } = computeDeadline(d.item.timeLimit, d.publication.formed, options.calendar)
    if (due === undefined) continue
    const left = status === 'overdue' ? -options.calendar.countWorkdays(due, options.today) : options.calendar.countWorkdays(options.today, due)
    const entry: DeadlineEntry = {
      publication: d.publication.id,
      title: d.publication.title,
      item: d.item.code,
      itemName: d.item.name,
      owner: d.item.owner,
      formed: d.publication.formed,
      due,
      status,
      workdaysLeft: left,
    }
    ;(status === 'overdue' ? overdue : dueSoon).push(entry)
  }
  overdue.sort((a, b) => a.due.localeCompare(b.due) || a.publication.localeCompare(b.publication))
  dueSoon.sort((a, b) => a.due.localeCompare(b.due) || a.publication.localeCompare(b.publication))
  const counts = new Map<string, { owner: string; overdue: number; dueSoon: number }>()
  for (const e of [...overdue, ...dueSoon]) {
    const c = counts.get(e.owner) ?? { owner: e.owner, overdue: 0, dueSoon: 0 }
    if (e.status === 'overdue') c.overdue++
    else c.dueSoon++
    counts.set(e.owner, c)
  }
  const owners = [...counts.values()].sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.owner.localeCompare(b.owner, 'zh-CN'))
  const requests = options.requests === undefined ? {} : { requests: checkRequestDeadlines(options.requests, { ...options, withinDays }) }
  return { today: options.today, withinDays, overdue, dueSoon, owners, ...requests }
}

const cn = (iso: string) => {
  const [y, m, d] = iso.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** The report as Markdown, in Chinese, grouped by owner department. */
export function formatDeadlineReport(report: DeadlineReport, body: string): string {
  const lines = [`# ${body}政务公开时限提醒（${cn(report.today)}）`, '']
  const asked = report.requests === undefined ? [] : [...report.requests.overdue, ...report.requests.dueSoon]
  if (asked.length > 0) {
    lines.push(`## 依申请公开（答复期限）：超期 ${report.requests?.overdue.length ?? 0} 件，${report.withinDays} 个工作日内到期 ${report.requests?.dueSoon.length ?? 0} 件`, '')
    lines.push('| 状态 | 申请编号 | 承办科室 | 申请内容 | 收到日期 | 答复期限 | 剩余工作日 |', '| --- | --- | --- | --- | --- | --- | --- |')
    for (const e of asked) {
      const left = e.workdaysLeft < 0 ? `超期 ${-e.workdaysLeft} 天` : String(e.workdaysLeft)
      lines.push(`| ${e.status === 'overdue' ? '**已超期**' : '即将到期'} | ${e.request} | ${e.owner} | ${e.content.replace(/\|/g, '｜')} | ${cn(e.received)} | ${cn(e.due)} | ${left} |`)
    }
    lines.push('')
  }
  if (report.overdue.length === 0 && report.dueSoon.length === 0) {
    lines.push(`没有超期的公开信息，也没有 ${report.withinDays} 个工作日内到期的公开信息。`)
    return `${lines.join('\n')}\n`
  }
  lines.push(`超期 ${report.overdue.length} 条，${report.withinDays} 个工作日内到期 ${report.dueSoon.length} 条。`, '')
  for (const o of report.owners) {
    lines.push(`## ${o.owner}（超期 ${o.overdue} 条，即将到期 ${o.dueSoon} 条）`, '')
    lines.push('| 状态 | 公开信息 | 事项 | 形成日期 | 最迟公开日期 | 剩余工作日 |', '| --- | --- | --- | --- | --- | --- |')
    for (const e of [...report.overdue, ...report.dueSoon].filter((x) => x.owner === o.owner)) {
      const state = e.status === 'overdue' ? '**已超期**' : '即将到期'
      const left = e.workdaysLeft < 0 ? `超期 ${-e.workdaysLeft} 天` : String(e.workdaysLeft)
      lines.push(`| ${state} | ${e.title.replace(/\|/g, '｜')}（${e.publication}） | ${e.itemName}（${e.item}） | ${cn(e.formed)} | ${cn(e.due)} | ${left} |`)
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}

/** Writes the report atomically (temp file + rename), so a reader never sees half of it. */
export async function writeDeadlineReport(file: string, markdown: string, json: DeadlineReport): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, markdown)
  await rename(tmp, file)
  const jsonFile = file.replace(/\.md$/, '') + '.json'
  await writeFile(`${jsonFile}.${process.pid}.tmp`, `${JSON.stringify(json, null, 2)}\n`)
  await rename(`${jsonFile}.${process.pid}.tmp`, jsonFile)
}

/** Posts the report to a webhook as JSON `{ text, report }`, retrying twice on network errors and 5xx. */
export async function postDeadlineReport(url: string, markdown: string, report: DeadlineReport, options: { timeoutMs?: number; retryDelayMs?: number } = {}): Promise<void> {
  const delay = options.retryDelayMs ?? 2000
  // got is only needed when a webhook is configured; importing it up front slows every CLI start.
  const { default: got } = await import('got')
  await got.post(url, {
    json: { msgtype: 'markdown', text: markdown, report },
    timeout: { request: options.timeoutMs ?? 10_000 },
    retry: { limit: 2, methods: ['POST'], statusCodes: [500, 502, 503, 504], calculateDelay: ({ attemptCount, computedValue }) => (computedValue === 0 ? 0 : delay * attemptCount) },
  })
}
