/** Which sheets go up on the board on a day, and which come down. */
import type { Diagnostic, Disclosure } from '@gongkai/core'
import { describeMissingReview, isReviewed } from '@gongkai/core'
import { addDays } from '../dates.js'

/** A sheet to post. */
export interface PostedSheet {
  readonly id: string
  readonly title: string
  readonly item: string
  /** 公示期 */
  readonly from: string
  readonly until: string
  /** 撤下日期: the day after the notice period ends. */
  readonly takeDownOn: string
}

/** A sheet whose notice period is over. */
export interface TakeDownSheet {
  readonly id: string
  readonly title: string
  readonly until: string
  /** The day it should have come down (the day after `until`). */
  readonly takeDownOn: string
}

/** A sheet that was on the board and is withdrawn (撤回): it comes down now, whatever its notice period says. */
export interface WithdrawnSheet {
  readonly id: string
  readonly title: string
  /** The publication's revision (ledger key of the take-down). */
  readonly revision: string
  /** The day the withdrawal took effect (`withdrawn.on`). */
  readonly on: string
  readonly reason: string
}

/** What `selectForDay` finds. */
export interface DaySelection {
  readonly on: string
  readonly posted: readonly Disclosure[]
  readonly takeDown: readonly TakeDownSheet[]
  /** Withdrawn sheets to take down today (listed under 今日撤下 with the reason); never in `posted`. */
  readonly withdrawn: readonly WithdrawnSheet[]
  /** Sheets that would be posted but cannot be (no 保密审查 yet, or published later). */
  readonly diagnostics: readonly Diagnostic[]
}

/** Options of `selectForDay`. */
export interface SelectOptions {
  /** IANA timezone in which `publishAt` is compared with the day; default Asia/Shanghai. */
  readonly timezone?: string
  /** How many days back a finished notice period still appears under 今日撤下; default 7 (a missed week still shows). */
  readonly lookbackDays?: number
  /** The config's 保密审查 levels (`reviewLevelsOf`); default none (one review). */
  readonly reviewLevels?: readonly string[]
  /**
   * Ids of withdrawn sheets already listed under 今日撤下 by an earlier day's run (the ledger
   * knows): they are not listed again. Default none: every withdrawn sheet in force is listed.
   */
  readonly listedBefore?: ReadonlySet<string>
}

/** A posted entry for a disclosure with a notice period. */
export function postedSheet(d: Disclosure): PostedSheet {
  const period = d.publication.noticePeriod!
  return { id: d.publication.id, title: d.publication.title, item: d.item.code, from: period.from, until: period.until, takeDownOn: addDays(period.until, 1) }
}

/**
 * Every publication on the noticeboard channel whose notice period covers `on` (inclusive), in
 * order of period start then id, and those whose period ended in the `lookbackDays` before it.
 */
export function selectForDay(all: readonly Disclosure[], on: string, options: SelectOptions = {}): DaySelection {
  // Made only when needed: a time-zone formatter costs tens of milliseconds in a cold process.
  let formatter: Intl.DateTimeFormat | undefined
  const day = {
    format: (date: Date) => (formatter ??= new Intl.DateTimeFormat('en-CA', { timeZone: options.timezone ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })).format(date),
  }
  const since = addDays(on, -(options.lookbackDays ?? 7))
  const posted: Disclosure[] = []
  const takeDown: TakeDownSheet[] = []
  const withdrawn: WithdrawnSheet[] = []
  const diagnostics: Diagnostic[] = []
  for (const d of all) {
    const p = d.publication
    const period = p.noticePeriod
    if (period === undefined || !d.item.channels.includes('noticeboard')) continue
    // 撤回 in force on the print day (the rule of withdrawalInForce, by the day printed): never posted again.
    const w = p.withdrawn
    if (w !== undefined && w.on <= on) {
      // Listed once, when it was on the board: its period had begun by the withdrawal and not yet ended before it.
      const wasUp = period.from <= w.on && period.until >= w.on && isReviewed(p, options.reviewLevels)
      if (wasUp) {
        if (options.listedBefore?.has(p.id) !== true) withdrawn.push({ id: p.id, title: p.title, revision: d.revision, on: w.on, reason: w.reason })
        continue
      }
      // Withdrawn before it went up: never posted. Ended before the withdrawal: it came down as any sheet whose period is over.
      if (period.until >= w.on) continue
    }
    if (period.until < on) {
      if (period.until >= since) takeDown.push({ id: p.id, title: p.title, until: period.until, takeDownOn: addDays(period.until, 1) })
      continue
    }
    if (period.from > on) continue
    const place = { file: p.source.file, subject: p.id }
    if (!isReviewed(p, options.reviewLevels)) {
      diagnostics.push({
        code: 'noticeboard/not-reviewed',
        severity: 'warning',
        message: `“${p.title}”在公示期内，但${describeMissingReview(p, options.reviewLevels)}，未打印`,
        hint: '保密审查通过后在 review 字段填写审查人和日期，再重新打印',
        ...place,
      })
      continue
    }
    if (p.publishAt !== undefined && day.format(new Date(p.publishAt)) > on) {
      diagnostics.push({ code: 'noticeboard/not-yet-published', severity: 'info', message: `“${p.title}”定时于 ${p.publishAt} 发布，当天不打印`, hint: '到发布时间后再打印', ...place })
      continue
    }
    posted.push(d)
  }
  const byStart = (a: Disclosure, b: Disclosure) =>
    a.publication.noticePeriod!.from.localeCompare(b.publication.noticePeriod!.from) || (a.publication.id < b.publication.id ? -1 : a.publication.id > b.publication.id ? 1 : 0)
  posted.sort(byStart)
  takeDown.sort((a, b) => a.until.localeCompare(b.until) || (a.id < b.id ? -1 : 1))
  withdrawn.sort((a, b) => a.on.localeCompare(b.on) || (a.id < b.id ? -1 : 1))
  return { on, posted, takeDown, withdrawn, diagnostics }
}
