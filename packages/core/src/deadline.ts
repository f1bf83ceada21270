/**
 * 公开时限 → a due date, and where a publication stands against it.
 * Counting follows 民法典 art. 201: the start day is not counted, so "20个工作日内" from a
 * date is the 20th working day after it. Dates are plain `YYYY-MM-DD` strings.
 */
import { addDays, dayNumber } from './calendar.js'
import type { WorkdayCalendar } from './calendar.js'
import type { Diagnostic } from './diagnostics.js'
import { OptionsError } from './diagnostics.js'
import { ERRORS } from './errors-data.js'
import type { CatalogItem, Publication, TimeLimit } from './model.js'

/** The due date of one publication, and warnings about how sure it is. */
export interface DeadlineResult {
  /** Last day to publish (inclusive); absent for long-term or unparsed time limits. */
  readonly due?: string
  readonly warnings: readonly Diagnostic[]
}

/** Where a publication stands against its deadline. */
export type DeadlineStatus = 'on-time' | 'late' | 'due-soon' | 'overdue' | 'no-deadline'

/** Options of `deadlineStatus`. */
export interface DeadlineStatusOptions {
  /** An unpublished publication this many working days or fewer before its due date is `due-soon`. Default 3. */
  readonly dueSoonDays?: number
  /** The date it actually went out (e.g. from the ledger), when `publication.published` is absent. */
  readonly published?: string
}

/**
 * Computes the due date of a time limit counted from `formed` (信息形成日期).
 * `from: decided | event` counts from `formed` too: a publication's formation date is the
 * date of the decision or event it records. Calendar days are plain days (no holiday roll-over).
 * Warns `deadline/beyond-calendar` when the count crosses a year whose arrangement is unknown.
 */
export function computeDeadline(timeLimit: TimeLimit, formed: string, calendar: WorkdayCalendar): DeadlineResult {
  if (dayNumber(formed) === undefined) throw OptionsError.from(ERRORS.DeadlineBadFormed, formed)
  switch (timeLimit.kind) {
    case 'working-days': {
      const due = calendar.addWorkdays(formed, timeLimit.days)
      return { due, warnings: beyondCalendar(formed, due, calendar, timeLimit) }
    }
    case 'calendar-days':
      return { due: addDays(formed, timeLimit.days), warnings: [] }
    case 'realtime':
      return { due: formed, warnings: [] }
    case 'annual':
      return { due: nextAnnual(formed, timeLimit.month, timeLimit.day), warnings: [] }
    case 'long-term':
    case 'unknown':
      return { warnings: [] }
  }
}

/** The first `month`-`day` on or after `date` (29 February falls back to the 28th in common years). */
function nextAnnual(date: string, month: number, day: number): string {
  const year = Number(date.slice(0, 4))
  const on = (y: number) => {
    let d = day
    while (d > 28 && dayNumber(`${y}-${pad(month)}-${pad(d)}`) === undefined) d--
    return `${y}-${pad(month)}-${pad(d)}`
  }
  const thisYear = on(year)
  return thisYear >= date ? thisYear : on(year + 1)
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function beyondCalendar(formed: string, due: string, calendar: WorkdayCalendar, limit: TimeLimit): Diagnostic[] {
  const unknown: number[] = []
  for (let y = Number(formed.slice(0, 4)); y <= Number(due.slice(0, 4)); y++) if (!calendar.knows(y)) unknown.push(y)
  if (unknown.length === 0) return []
  return [
    {
      code: 'deadline/beyond-calendar',
      severity: 'warning',
      message: `公开时限“${limit.text}”的计算跨入 ${unknown.join('、')} 年，工作日历尚无该年的放假和调休安排，截止日期 ${due} 只按周末推算`,
      hint: `国务院办公厅公布 ${unknown[0]} 年节假日安排后，在 calendar.yaml 中补充该年的 holidays 和 workdays。`,
    },
  ]
}

/**
 * Where a publication stands: published on or before the due date → `on-time`, after → `late`;
 * unpublished past the due date → `overdue`; unpublished with `dueSoonDays` working days or fewer
 * left → `due-soon`; unpublished with more time → `on-time`; no due date → `no-deadline`.
 * `today` is a `YYYY-MM-DD` in the project's timezone.
 */
export function deadlineStatus(publication: Publication, item: CatalogItem, calendar: WorkdayCalendar, today: string, options: DeadlineStatusOptions = {}): DeadlineStatus {
  const { due } = computeDeadline(item.timeLimit, publication.formed, calendar)
  if (due === undefined) return 'no-deadline'
  const published = publication.published ?? options.published
  if (published !== undefined) return published <= due ? 'on-time' : 'late'
  if (today > due) return 'overdue'
  return calendar.countWorkdays(today, due) <= (options.dueSoonDays ?? 3) ? 'due-soon' : 'on-time'
}
