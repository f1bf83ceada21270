/**
 * Cron expressions in an IANA timezone, computed against an injected clock (never timers), so
 * catch-up, timezones and workday rules can be tested by setting the time.
 * Field validation is node-cron's (its errors name the field, so a problem gets its column); runs,
 * daylight-saving changes included, are croner's. The official-workday rule sits on top (scheduler.ts).
 */
import { Cron } from 'croner'
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
          e.field === 'expression' ? `cron 表达式应有 5 段（分 时 日 月 星期）或 6 段（秒 分 时 日 月 星期），这里有 ${parts.length} 段` : `cron 表达式的“${field}”字段“${e.value ?? ''}”无效`
        return { field: e.field, column, message }
      }),
    }
  }
  const cron: CronExpression = { source, fields: result.fields, seconds: parts.length === 6 }
  try {
    croner(cron, 'UTC')
  } catch {
    // node-cron took it and croner did not (a form only one of them knows): the whole expression is the problem.
    return { problems: [{ field: 'expression', column: 1, message: `cron 表达式“${source}”无法计算运行时间，请只用数字、范围（1-5）、列表（1,3）、步长（*/10）和英文缩写（mon、jan）` }] }
  }
  return { cron, problems: [] }
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

/**
 * An instant as the timezone's wall clock with its offset: `2026-11-30 10:00:00 +08:00` for log
 * lines operators read, or ISO 8601 (`2026-11-30T10:00:00.000+08:00`) for machine-read lines.
 */
export function zonedTime(date: Date, timeZone: string, style: 'log' | 'iso' = 'log'): string {
  const z = zonedParts(date, timeZone)
  const two = (n: number) => String(n).padStart(2, '0')
  const wall = Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second)
  const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
  const abs = Math.abs(offset)
  const zone = `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  const day = `${z.year}-${two(z.month)}-${two(z.day)}`
  const time = `${two(z.hour)}:${two(z.minute)}:${two(z.second)}`
  return style === 'iso' ? `${day}T${time}.${String(date.getTime() % 1000).padStart(3, '0')}${zone}` : `${day} ${time} ${zone}`
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function zonedDate(date: Date, timeZone: string): string {
  const z = zonedParts(date, timeZone)
  return `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`
}

// Croner computes runs; these options make it read expressions as node-cron validated them.
// `no-wildcard` (Vixie cron's rule): `30 8,14 * * *` is a fixed-time job, so a repeated hour in a
// fall-back night never runs it twice, and a time skipped by spring-forward runs just after the gap.
const CRONER_OPTIONS = { mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard', paused: true } as const

const instances = new WeakMap<CronExpression, Map<string, Cron>>()
/** Runs asked of croner at a time when walking back from `until`. */
const BACK_STEP = 16

/** Croner's schedule for an expression in a timezone, made once per pair. */
function croner(cron: CronExpression, timeZone: string): Cron {
  let byZone = instances.get(cron)
  if (byZone === undefined) {
    byZone = new Map()
    instances.set(cron, byZone)
  }
  let c = byZone.get(timeZone)
  if (c === undefined) {
    c = new Cron(cron.source.trim(), { ...CRONER_OPTIONS, timezone: timeZone })
    byZone.set(timeZone, c)
  }
  return c
}

/** Whether the wall-clock time of this instant in the timezone fits the expression (to the second). */
export function matches(cron: CronExpression, date: Date, timeZone: string): boolean {
  return croner(cron, timeZone).match(date)
}

/**
 * The ticks in (after, until], oldest first (or newest first), at most `limit`, within `maxScanMs` (default 31 days) before `until`.
 * Across a daylight-saving change every run that exists happens once: a time in the spring-forward
 * gap runs at the end of the gap, a fixed time repeated at fall-back runs at its first occurrence.
 */
export function ticksBetween(cron: CronExpression, after: Date, until: Date, timeZone: string, options: { limit?: number; maxScanMs?: number; newestFirst?: boolean } = {}): Date[] {
  const limit = options.limit ?? 1000
  const floor = Math.max(after.getTime(), until.getTime() - (options.maxScanMs ?? 31 * 86_400_000))
  const end = until.getTime()
  if (end <= floor || limit <= 0) return []
  const c = croner(cron, timeZone)
  if (options.newestFirst === true) {
    // Backwards in small steps: croner's previousRuns does not stop at `floor`, and the daemon asks
    // every poll, usually for a window of one tick (400 at once costs about 20 ms, 16 about 1 ms).
    const out: Date[] = []
    // previousRuns counts runs before its reference; one millisecond on takes a run exactly at `until` too.
    let ref = new Date(end + 1)
    while (out.length < limit) {
      const want = Math.min(BACK_STEP, limit - out.length)
      const chunk = c.previousRuns(want, ref)
      for (const d of chunk) {
        if (d.getTime() <= floor) return out
        out.push(d)
      }
      const last = chunk.at(-1)
      if (last === undefined || chunk.length < want) break
      ref = last
    }
    return out
  }
  const out: Date[] = []
  for (const d of c.enumerate(new Date(floor))) {
    if (d.getTime() > end || out.length >= limit) break
    out.push(d)
  }
  return out
}

/** The next `count` ticks strictly after `from` that `accept` takes (within a year). */
export function nextTicks(cron: CronExpression, from: Date, timeZone: string, count: number, accept: (d: Date) => boolean = () => true): Date[] {
  const out: Date[] = []
  if (count <= 0) return out
  const end = from.getTime() + 366 * 86_400_000
  for (const d of croner(cron, timeZone).enumerate(from)) {
    if (d.getTime() > end) break
    if (accept(d)) out.push(d)
    if (out.length >= count) break
  }
  return out
}
