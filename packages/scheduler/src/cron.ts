/**
 * Cron expressions in an IANA timezone, computed against an injected clock (never timers), so
 * catch-up, timezones and workday rules can be tested by setting the time.
 * Parsing and field validation are node-cron's; matching in a timezone is ours.
 */
import { validateDetailed } from 'node-cron'
import type { ParsedFields } from 'node-cron'

/** A parsed cron expression. */
export interface CronExpression {
  readonly source: string
  readonly fields: ParsedFields
  /** Whether the expression has a seconds field (6 fields). */
  readonly seconds: boolean
}

/** A field problem, with the 1-based column of the field inside the expression. */
export interface CronProblem {
  readonly field: string
  readonly column: number
  readonly message: string
}

const FIELD_NAMES: Record<string, string> = {
  second: '秒',
  minute: '分',
  hour: '时',
  dayOfMonth: '日',
  month: '月',
  dayOfWeek: '星期',
  expression: '表达式',
}

/** Parses a cron expression; problems name the field (in Chinese) and its column. */
export function parseCron(source: string): { cron?: CronExpression; problems: CronProblem[] } {
  const result = validateDetailed(source)
  const parts = source.trim().split(/\s+/)
  const names = parts.length === 6 ? ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] : ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek']
  if (!result.valid || result.fields === undefined) {
    return {
      problems: result.errors.map((e) => {
        const index = names.indexOf(e.field)
        let column = 1
        if (index > 0) {
          // Column of the index-th field in the original text.
          const re = /\S+/g
          for (let i = 0, m = re.exec(source); m !== null; i++, m = re.exec(source)) if (i === index) column = m.index + 1
        }
        const field = FIELD_NAMES[e.field] ?? e.field
        const message =
          e.field === 'expression'
            ? `cron 表达式应有 5 段（分 时 日 月 星期）或 6 段（秒 分 时 日 月 星期），这里有 ${parts.length} 段`
            : `cron 表达式的“${field}”字段“${e.value ?? ''}”无效`
        return { field: e.field, column, message }
      }),
    }
  }
  return { cron: { source, fields: result.fields, seconds: parts.length === 6 }, problems: [] }
}

interface Zoned {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }

/** Wall-clock parts of an instant in a timezone. */
export function zonedParts(date: Date, timeZone: string): Zoned {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
    formatters.set(timeZone, f)
  }
  const out: Record<string, string> = {}
  for (const p of f.formatToParts(date)) out[p.type] = p.value
  return {
    year: Number(out['year']),
    month: Number(out['month']),
    day: Number(out['day']),
    hour: Number(out['hour']),
    minute: Number(out['minute']),
    second: Number(out['second']),
    weekday: WEEKDAYS[out['weekday'] ?? 'Sun'] ?? 0,
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function zonedDate(date: Date, timeZone: string): string {
  const z = zonedParts(date, timeZone)
  return `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`
}

const FULL_DOM = 31
const FULL_DOW = 7

// Classic cron: when both day fields are restricted, either may match (see dayMatches).
/** Whether the expression fires at this instant (to the second, or the minute for 5-field expressions). */
export function matches(cron: CronExpression, date: Date, timeZone: string): boolean {
  const z = zonedParts(date, timeZone)
  const f = cron.fields
  if (!f.second.includes(z.second) || !f.minute.includes(z.minute) || !f.hour.includes(z.hour)) return false
  return dayMatches(cron, z)
}

function dayMatches(cron: CronExpression, z: Zoned): boolean {
  const f = cron.fields
  if (!f.month.includes(z.month)) return false
  const dom = f.dayOfMonth.includes(z.day)
  const dow = f.dayOfWeek.includes(z.weekday) || (z.weekday === 0 && f.dayOfWeek.includes(7))
  const domRestricted = f.dayOfMonth.length < FULL_DOM
  const dowRestricted = new Set(f.dayOfWeek.map((d) => (d === 7 ? 0 : d))).size < FULL_DOW
  return domRestricted && dowRestricted ? dom || dow : dom && dow
}

/**
 * Calls `visit` for each tick in (after, until], oldest first, until it returns false.
 * Skips whole local days and hours that cannot match, so a year of a daily schedule costs a few
 * thousand steps, not half a million.
 */
function scan(cron: CronExpression, after: number, until: number, timeZone: string, visit: (d: Date) => boolean): void {
  const f = cron.fields
  let t = Math.floor(after / 1000) * 1000 + 1000
  while (t <= until) {
    const z = zonedParts(new Date(t), timeZone)
    const intoMinute = z.second * 1000 + (t % 1000)
    if (!dayMatches(cron, z)) {
      t += ((23 - z.hour) * 3600 + (59 - z.minute) * 60 + (60 - z.second)) * 1000
      continue
    }
    if (!f.hour.includes(z.hour)) {
      t += ((59 - z.minute) * 60 + (60 - z.second)) * 1000
      continue
    }
    if (!f.minute.includes(z.minute)) {
      t += 60_000 - intoMinute
      continue
    }
    const minuteStart = t - intoMinute
    for (const sec of [...f.second].sort((a, b) => a - b)) {
      const at = minuteStart + sec * 1000
      if (at < t || at > until) continue
      if (!visit(new Date(at))) return
    }
    t = minuteStart + 60_000
  }
}

/** The ticks in (after, until], oldest first (or newest first), at most `limit`, within `maxScanMs` (default 31 days) before `until`. */
export function ticksBetween(
  cron: CronExpression,
  after: Date,
  until: Date,
  timeZone: string,
  options: { limit?: number; maxScanMs?: number; newestFirst?: boolean } = {},
): Date[] {
  const limit = options.limit ?? 1000
  const floor = Math.max(after.getTime(), until.getTime() - (options.maxScanMs ?? 31 * 86_400_000))
  const out: Date[] = []
  scan(cron, floor, until.getTime(), timeZone, (d) => {
    out.push(d)
    // Newest first needs the whole window; oldest first can stop at the limit.
    return options.newestFirst === true || out.length < limit
  })
  return options.newestFirst === true ? out.reverse().slice(0, limit) : out
}

/** The next `count` ticks strictly after `from` that `accept` takes (within a year). */
export function nextTicks(cron: CronExpression, from: Date, timeZone: string, count: number, accept: (d: Date) => boolean = () => true): Date[] {
  const out: Date[] = []
  if (count <= 0) return out
  scan(cron, from.getTime(), from.getTime() + 366 * 86_400_000, timeZone, (d) => {
    if (accept(d)) out.push(d)
    return out.length < count
  })
  return out
}
