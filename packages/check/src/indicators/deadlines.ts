/**
 * 公开时限: every publication against its item's time limit on the official calendar, with core's
 * deadline code (`computeDeadline`, `deadlineStatus`): on time, late by how many working days,
 * overdue and still unpublished; counted by owner department.
 */
import { computeDeadline, deadlineStatus } from '@gongkai/core'
import { reviewLevelsOf } from '@gongkai/core'
import type { DeadlineStatus, Disclosure } from '@gongkai/core'
import { holdReason } from '@gongkai/core/internal'
import type { CheckContext } from '../context.js'
import { dayOf, finding } from '../context.js'
import type { Finding, IndicatorResult, OwnerDeadlines } from '../types.js'
import { INDICATOR_NAMES } from '../types.js'

/** The day each publication first went out on any channel, from the ledger. */
export function firstDelivered(ctx: Pick<CheckContext, 'records' | 'project'>): Map<string, string> {
  const tz = ctx.project.config.timezone
  const out = new Map<string, string>()
  for (const r of ctx.records) {
    if (r.state !== 'delivered' || r.deliveredAt === undefined) continue
    const on = dayOf(r.deliveredAt, tz)
    const prev = out.get(r.publication)
    if (prev === undefined || on < prev) out.set(r.publication, on)
  }
  return out
}

/** One publication against its deadline. */
export interface DeadlineRow {
  readonly disclosure: Disclosure
  readonly status: DeadlineStatus
  readonly due?: string
  readonly published?: string
  /** Working days past the due date: late ones when they went out, overdue ones as of the day. */
  readonly lateDays?: number
}

/** Where every publication formed by `on` stands (withdrawn ones left out: they are not to be published). */
export function deadlineRows(ctx: Pick<CheckContext, 'records' | 'project' | 'calendar' | 'on'>): DeadlineRow[] {
  const delivered = firstDelivered(ctx)
  const rows: DeadlineRow[] = []
  for (const d of ctx.project.disclosures) {
    const p = d.publication
    if (p.formed > ctx.on || p.withdrawn !== undefined) continue
    const fromLedger = delivered.get(p.id)
    // A date later than the day checked has not happened yet as far as this check goes.
    const published = [p.published, fromLedger].filter((x): x is string => x !== undefined && x <= ctx.on).sort()[0]
    const { published: _written, ...unpublished } = p
    const status = deadlineStatus(unpublished, d.item, ctx.calendar, ctx.on, published === undefined ? {} : { published })
    const { due } = computeDeadline(d.item.timeLimit, p.formed, ctx.calendar)
    const lateDays =
      due === undefined
        ? undefined
        : status === 'late' && published !== undefined
          ? ctx.calendar.countWorkdays(due, published)
          : status === 'overdue'
            ? ctx.calendar.countWorkdays(due, ctx.on)
            : undefined
    rows.push({ disclosure: d, status, ...(due === undefined ? {} : { due }), ...(published === undefined ? {} : { published }), ...(lateDays === undefined ? {} : { lateDays }) })
  }
  return rows
}

/** Counts by owner, in the order owners first appear in the catalog. */
export function byOwner(rows: readonly DeadlineRow[], owners: readonly string[]): OwnerDeadlines[] {
  const out = new Map<string, { total: number; onTime: number; late: number; overdue: number; dueSoon: number; noDeadline: number }>()
  for (const o of owners) out.set(o, { total: 0, onTime: 0, late: 0, overdue: 0, dueSoon: 0, noDeadline: 0 })
  for (const r of rows) {
    const c = out.get(r.disclosure.item.owner) ?? { total: 0, onTime: 0, late: 0, overdue: 0, dueSoon: 0, noDeadline: 0 }
    c.total++
    if (r.status === 'on-time') c.onTime++
    else if (r.status === 'late') c.late++
    else if (r.status === 'overdue') c.overdue++
    else if (r.status === 'due-soon') c.dueSoon++
    else c.noDeadline++
    out.set(r.disclosure.item.owner, c)
  }
  return [...out].map(([owner, c]) => {
    const counted = c.onTime + c.dueSoon + c.late + c.overdue
    return { owner, ...c, onTimeRate: counted === 0 ? undefined : (c.onTime + c.dueSoon) / counted }
  })
}

/** Runs the indicator. */
export function deadlines(ctx: CheckContext): { result: IndicatorResult; owners: OwnerDeadlines[] } {
  const rows = deadlineRows(ctx)
  const findings: Finding[] = []
  for (const r of rows) {
    const p = r.disclosure.publication
    const place = { file: p.source.file, note: `“${p.title}”` }
    const extra = { owner: r.disclosure.item.owner, item: r.disclosure.item.code, publication: p.id }
    if (r.status === 'late')
      findings.push(
        finding(
          'deadlines/late',
          `${p.id} 逾期 ${r.lateDays ?? 0} 个工作日发布：信息形成于 ${p.formed}，按“${r.disclosure.item.timeLimit.text}”应于 ${r.due ?? ''} 前公开，实际 ${r.published ?? ''} 发布`,
          `${r.disclosure.item.owner}：今后在时限内公开；已发布的无需重发`,
          place,
          extra,
        ),
      )
    if (r.status === 'overdue') {
      // Why it has not gone out, by the one rule the hub follows.
      const hold = holdReason(r.disclosure, ctx.now, reviewLevelsOf(ctx.project.config))
      const why = hold === 'unreviewed' ? '，尚未通过保密审查' : hold === 'scheduled' ? `，定时发布时间 ${p.publishAt ?? ''} 晚于时限` : '，已通过审查但没有投递记录'
      findings.push(
        finding(
          'deadlines/overdue',
          `${p.id} 已超期 ${r.lateDays ?? 0} 个工作日仍未发布：应于 ${r.due ?? ''} 前公开（${r.disclosure.item.timeLimit.text}）${why}`,
          `${r.disclosure.item.owner}：${hold === 'unreviewed' ? '完成保密审查后' : ''}立即推送（gongkai push）`,
          place,
          extra,
        ),
      )
    }
  }
  const owners = byOwner(
    rows,
    ctx.project.catalog.items.map((i) => i.owner),
  ).filter((o) => o.total > 0)
  const counted = rows.filter((r) => r.status !== 'no-deadline')
  const ok = counted.filter((r) => r.status === 'on-time' || r.status === 'due-soon').length
  const rate = counted.length === 0 ? '—' : `${((ok / counted.length) * 100).toFixed(1)}%`
  const summary = `${rows.length} 条公开信息：按时 ${ok} 条，逾期发布 ${rows.filter((r) => r.status === 'late').length} 条，超期未发布 ${rows.filter((r) => r.status === 'overdue').length} 条；按时公开率 ${rate}`
  return { result: { id: 'deadlines', name: INDICATOR_NAMES.deadlines, status: findings.length === 0 ? 'pass' : 'fail', veto: false, summary, findings }, owners }
}
