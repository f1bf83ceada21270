/**
 * The legal clock of a request for disclosure (依申请公开), 政府信息公开条例 (2019):
 * - art. 33: a reply within 20 working days of receipt; with approval, 20 more (once);
 * - art. 30: a notice to complete the request (补正) within 7 working days of receipt, once; the
 *   period then runs from the day the completed request comes in (补正完成: day 0 again), and
 *   while the applicant has not completed it there is no due date;
 * - art. 32: the time a third party is consulted (征求意见) is not counted.
 * Days are counted as in deadline.ts: the start day is not counted (民法典 art. 201), only
 * official working days (调休 included) count, and a consultation's days count for nothing.
 */
import { dayNumber, fromDayNumber } from './calendar.js'
import type { WorkdayCalendar } from './calendar.js'
import type { Diagnostic } from './diagnostics.js'
import type { Request } from './model.js'

/** Working days to reply from receipt (art. 33). */
export const REPLY_WORKDAYS = 20
/** Working days an extension adds (art. 33). */
export const EXTENSION_WORKDAYS = 20
/** Working days from receipt within which a 补正 notice must go out (art. 30). */
export const COMPLETION_NOTICE_WORKDAYS = 7

/** Where a request stands on a day. */
export type RequestClockStatus =
  /** Replied on or before the due date. */
  | 'answered'
  /** Replied after the due date. */
  | 'answered-late'
  /** Waiting for the applicant to complete the request: the clock is stopped. */
  | 'awaiting-completion'
  /** Open, with `dueSoonDays` working days or fewer left. */
  | 'due-soon'
  /** Open past the due date. */
  | 'overdue'
  /** Open, with more time left. */
  | 'open'

/** The clock of one request. */
export interface RequestClock {
  /** The day the period runs from: receipt, or the last completed 补正. */
  readonly start: string
  /** Working days allowed: 20, or 40 with an approved extension. */
  readonly allowed: number
  /** Working days of consultation not counted (within the period). */
  readonly excluded: number
  /** Last day to reply (inclusive); absent while a 补正 is outstanding. */
  readonly due?: string
  /** The due date without the extension, when there is one: an extension must be decided by then. */
  readonly dueBeforeExtension?: string
  /** The reply was after `due`. */
  readonly late: boolean
  readonly status: RequestClockStatus
  /** Counted working days from `today` to `due` (0 on the day); negative when overdue. Absent without a due date or once replied. */
  readonly workdaysLeft?: number
  /** Problems of the register the clock shows (a late 补正 notice, a second extension, …), at their place in the file. */
  readonly diagnostics: readonly Diagnostic[]
}

/** Options of `computeRequestClock`. */
export interface RequestClockOptions {
  /** YYYY-MM-DD in the project's timezone; without it there is no `open`/`overdue` judgement (status `open`). */
  readonly today?: string
  /** Open with this many counted working days or fewer left → `due-soon`. Default 3. */
  readonly dueSoonDays?: number
}

interface Span {
  readonly from: number
  readonly to: number
}

/**
 * Walks from `start` (not counted) until `n` counted days have passed: a counted day is a working
 * day outside every excluded span. Returns the day number of the last one.
 */
function walk(calendar: WorkdayCalendar, start: number, n: number, spans: readonly Span[]): number {
  let day = start
  let left = n
  while (left > 0) {
    day++
    if (counted(calendar, day, spans)) left--
  }
  return day
}

function counted(calendar: WorkdayCalendar, day: number, spans: readonly Span[]): boolean {
  return !spans.some((s) => day >= s.from && day <= s.to) && calendar.isWorkday(fromDayNumber(day))
}

/** Counted days in (`from`, `to`]. */
function countBetween(calendar: WorkdayCalendar, from: number, to: number, spans: readonly Span[]): number {
  let n = 0
  for (let d = from + 1; d <= to; d++) if (counted(calendar, d, spans)) n++
  return n
}

/**
 * The clock of a request: when the reply is due, whether it was late, and where it stands on
 * `today`. Never throws on content: what the register gets wrong is in `diagnostics`.
 */
export function computeRequestClock(request: Request, calendar: WorkdayCalendar, options: RequestClockOptions = {}): RequestClock {
  const diagnostics: Diagnostic[] = []
  const place = (field: string) => {
    const pos = request.source.fields?.[field]
    return { file: request.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: request.id }
  }
  const received = dayNumber(request.received) ?? 0
  let start = received
  let pending = false
  let notices = 0
  let extensions = 0
  let extendedOn: { on: string; index: number } | undefined
  const spans: Span[] = []
  request.events.forEach((e, index) => {
    switch (e.kind) {
      case '补正': {
        notices++
        const days = calendar.countWorkdays(request.received, e.on)
        if (notices > 1)
          diagnostics.push({
            code: 'request/second-completion-notice',
            severity: 'warning',
            message: `申请“${request.id}”第二次告知补正（${e.on}）：条例第三十条要求一次性告知需要补正的事项`,
            hint: '一次补正告知书中写明所有需要补正的事项；仍按最后一次补正完成之日起算答复期限',
            ...place(`events.${index}.on`),
          })
        else if (days > COMPLETION_NOTICE_WORKDAYS)
          diagnostics.push({
            code: 'request/late-completion-notice',
            severity: 'warning',
            message: `申请“${request.id}”的补正告知（${e.on}）是收到申请后第 ${days} 个工作日发出的，超过条例第三十条规定的 ${COMPLETION_NOTICE_WORKDAYS} 个工作日`,
            hint: `收到申请（${request.received}）之日起 ${COMPLETION_NOTICE_WORKDAYS} 个工作日内（${calendar.addWorkdays(request.received, COMPLETION_NOTICE_WORKDAYS)} 前）告知补正；逾期告知在考核中计为程序瑕疵`,
            ...place(`events.${index}.on`),
          })
        pending = true
        break
      }
      case '补正完成':
        if (!pending) {
          diagnostics.push({
            code: 'request/completion-without-notice',
            severity: 'error',
            message: `申请“${request.id}”记录了补正完成（${e.on}），但此前没有补正告知`,
            hint: '先记录 { kind: 补正, on: 发出补正告知书的日期 }，再记录补正完成',
            ...place(`events.${index}.on`),
          })
          break
        }
        pending = false
        // Art. 30: the period runs from the day the completed request is received, from 0.
        start = dayNumber(e.on) ?? start
        spans.length = 0
        break
      case '征求意见':
        spans.push({ from: dayNumber(e.from) ?? 0, to: dayNumber(e.to) ?? 0 })
        break
      case '延期':
        extensions++
        if (extensions > 1)
          diagnostics.push({
            code: 'request/second-extension',
            severity: 'error',
            message: `申请“${request.id}”第二次延期（${e.on}）：条例第三十三条只允许延长一次，且不超过 20 个工作日`,
            hint: '删去多余的延期记录；答复期限按一次延期计算',
            ...place(`events.${index}.on`),
          })
        else extendedOn = { on: e.on, index }
        break
    }
  })
  const allowed = REPLY_WORKDAYS + (extendedOn === undefined ? 0 : EXTENSION_WORKDAYS)
  // Consultation before the period's start (before a completed 补正) was dropped with the restart.
  const within = spans.filter((s) => s.to > start)
  const outcome = request.outcome
  if (pending) {
    const status: RequestClockStatus = outcome === undefined ? 'awaiting-completion' : 'answered'
    return { start: fromDayNumber(start), allowed, excluded: 0, late: false, status, diagnostics }
  }
  const extendedDay = walk(calendar, start, allowed, within)
  const plainDay = walk(calendar, start, REPLY_WORKDAYS, within)
  // A late extension does not save a reply: the period had run out before it was decided.
  const lateExtension = extendedOn !== undefined && extendedOn.on > fromDayNumber(plainDay)
  const dueDay = lateExtension ? plainDay : extendedDay
  const due = fromDayNumber(dueDay)
  const excluded = within.reduce((n, s) => {
    let k = 0
    for (let d = Math.max(s.from, start + 1); d <= Math.min(s.to, dueDay); d++) if (calendar.isWorkday(fromDayNumber(d))) k++
    return n + k
  }, 0)
  if (lateExtension && extendedOn !== undefined)
    diagnostics.push({
      code: 'request/late-extension',
      severity: 'warning',
      message: `申请“${request.id}”的延期决定（${extendedOn.on}）晚于原答复期限 ${fromDayNumber(plainDay)}`,
      hint: '延期须在原答复期限届满前经负责人同意并告知申请人；这件申请按期限届满时已逾期计',
      ...place(`events.${extendedOn.index}.on`),
    })
  const extra = extendedOn === undefined ? {} : { dueBeforeExtension: fromDayNumber(plainDay) }
  if (outcome !== undefined) {
    const late = outcome.on > due
    if (late)
      diagnostics.push({
        code: 'request/late-reply',
        severity: 'warning',
        message: `申请“${request.id}”于 ${outcome.on} 答复，晚于答复期限 ${due}（逾期 ${countBetween(calendar, dueDay, dayNumber(outcome.on) ?? dueDay, within)} 个工作日）`,
        hint: '逾期答复在考核中计为超期；如有补正、征求第三方意见或延期，请在 events 中补记，期限会相应重算',
        ...place('outcome.on'),
      })
    return { start: fromDayNumber(start), allowed, excluded, due, ...extra, late, status: late ? 'answered-late' : 'answered', diagnostics }
  }
  const today = options.today === undefined ? undefined : dayNumber(options.today)
  if (today === undefined) return { start: fromDayNumber(start), allowed, excluded, due, ...extra, late: false, status: 'open', diagnostics }
  if (today > dueDay) {
    const past = countBetween(calendar, dueDay, today, within)
    return { start: fromDayNumber(start), allowed, excluded, due, ...extra, late: true, status: 'overdue', workdaysLeft: -Math.max(1, past), diagnostics }
  }
  const left = countBetween(calendar, today, dueDay, within)
  return { start: fromDayNumber(start), allowed, excluded, due, ...extra, late: false, status: left <= (options.dueSoonDays ?? 3) ? 'due-soon' : 'open', workdaysLeft: left, diagnostics }
}
