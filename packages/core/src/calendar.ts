/**
 * The official working-day calendar (法定工作日): weekends, public holidays and make-up
 * workdays (调休上班). The packaged `chinese-days` data knows each year's arrangement as the
 * State Council publishes it; `calendar.yaml` adds later years (or corrects one) until the
 * package catches up. All dates are plain `YYYY-MM-DD` strings: nothing here reads a clock or a
 * local timezone, so a date never shifts by a day.
 */
import { createRequire } from 'node:module'
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node as YamlNode } from 'yaml'
import type { Diagnostic } from './diagnostics.js'
import { OptionsError } from './diagnostics.js'
import { showValue } from './show-value.js'
import { ERRORS } from './errors-data.js'

/** Working days as the official calendar counts them. */
export interface WorkdayCalendar {
  /** True on a working day: a weekday that is not a holiday, or a make-up workday. */
  isWorkday(date: string): boolean
  /** The `n`th working day after `date` (`date` itself not counted); `n` ≤ 0 gives `date` back. */
  addWorkdays(date: string, n: number): string
  /** Working days in (`from`, `to`]: 0 when `to` ≤ `from`. */
  countWorkdays(from: string, to: string): number
  /** True when the official arrangement of `year` is known (package or calendar file). */
  knows(year: number): boolean
  /** The last year up to which every year is known: after it, only weekends count as days off. */
  readonly knownThrough: number
  /** Problems found in the calendar file. */
  readonly diagnostics: readonly Diagnostic[]
}

interface YearArrangement {
  readonly holidays: ReadonlySet<string>
  readonly workdays: ReadonlySet<string>
}

interface PackagedData {
  readonly holidays: Readonly<Record<string, string>>
  readonly workdays: Readonly<Record<string, string>>
}

let packaged: ReadonlyMap<number, YearArrangement> | undefined

/** The arrangement per year from `chinese-days`, read once. */
function packagedYears(): ReadonlyMap<number, YearArrangement> {
  if (packaged !== undefined) return packaged
  // The JSON is the package's own data; its JS entry is CommonJS with a date library we do not need.
  const require = createRequire(import.meta.url)
  const data = require('chinese-days/dist/chinese-days.json') as PackagedData
  const years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>()
  const yearOf = (d: string) => {
    const y = Number(d.slice(0, 4))
    let entry = years.get(y)
    if (entry === undefined) years.set(y, (entry = { holidays: new Set(), workdays: new Set() }))
    return entry
  }
  for (const d of Object.keys(data.holidays)) yearOf(d).holidays.add(d)
  for (const d of Object.keys(data.workdays)) yearOf(d).workdays.add(d)
  packaged = years
  return years
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`; undefined otherwise. UTC is used only as arithmetic. */
export function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date)
  if (m === null) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined
  return Math.round(ms / 86_400_000)
}

/** The `YYYY-MM-DD` of a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10)
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  return fromDayNumber(requireDay(date) + n)
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isValidDate(date: string): boolean {
  return dayNumber(date) !== undefined
}

function requireDay(date: string): number {
  const n = dayNumber(date)
  if (n === undefined) throw OptionsError.from(ERRORS.CalendarBadDate, date)
  return n
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

/**
 * Builds the calendar: the packaged data, with each year of `calendar.yaml` (when given)
 * replacing the packaged arrangement for that year. `file` names the file in diagnostics.
 */
export function loadCalendar(yamlText?: string, file = 'calendar.yaml'): WorkdayCalendar {
  const years = new Map(packagedYears())
  const packagedMax = Math.max(...years.keys())
  const diagnostics: Diagnostic[] = []
  if (yamlText !== undefined && yamlText.trim() !== '') {
    for (const [year, arrangement] of readCalendarFile(yamlText, file, diagnostics)) years.set(year, arrangement)
  }
  let knownThrough = packagedMax
  while (years.has(knownThrough + 1)) knownThrough++

  const isWorkdayNumber = (day: number): boolean => {
    const date = fromDayNumber(day)
    const arrangement = years.get(Number(date.slice(0, 4)))
    if (arrangement !== undefined) {
      if (arrangement.workdays.has(date)) return true
      if (arrangement.holidays.has(date)) return false
    }
    const w = weekday(day)
    return w !== 0 && w !== 6
  }

  return {
    knownThrough,
    diagnostics,
    knows: (year) => years.has(year),
    isWorkday: (date) => isWorkdayNumber(requireDay(date)),
    addWorkdays(date, n) {
      let day = requireDay(date)
      let left = Math.floor(n)
      while (left > 0) {
        day++
        if (isWorkdayNumber(day)) left--
      }
      return fromDayNumber(day)
    },
    countWorkdays(from, to) {
      const end = requireDay(to)
      let count = 0
      for (let day = requireDay(from) + 1; day <= end; day++) if (isWorkdayNumber(day)) count++
      return count
    },
  }
}

/** Reads `calendar.yaml`: `YEAR: { holidays: [...], workdays: [...] }`, dates or `A..B` ranges. */
function readCalendarFile(text: string, file: string, diagnostics: Diagnostic[]): Map<number, YearArrangement> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {}
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  const where = (node: unknown) => at((node as YamlNode | undefined)?.range?.[0])
  const report = (code: string, message: string, hint: string, place: { line?: number; column?: number }, severity: Diagnostic['severity'] = 'error') =>
    diagnostics.push({ code, severity, message, hint, file, ...place })

  const result = new Map<number, YearArrangement>()
  for (const error of doc.errors) {
    report('calendar/yaml', `工作日历文件不是有效的 YAML：${error.message.split('\n')[0] ?? ''}`, '检查缩进和冒号、方括号是否成对。', at(error.pos[0]))
  }
  if (doc.errors.length > 0) return result
  if (doc.contents === null) return result
  if (!isMap(doc.contents)) {
    report('calendar/shape', '工作日历文件应按年份列出放假和调休安排', '格式：2027: { holidays: [2027-01-01], workdays: [2027-02-14] }', where(doc.contents))
    return result
  }
  for (const pair of doc.contents.items) {
    const keyNode = pair.key
    const yearText = String(isScalar(keyNode) ? keyNode.value : keyNode)
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined
    if (year === undefined) {
      report('calendar/bad-year', `“${yearText}”不是年份`, '每一项以四位年份开头，如 2027:', where(keyNode))
      continue
    }
    const holidays = new Set<string>()
    const workdays = new Set<string>()
    const value = pair.value
    if (!isMap(value)) {
      report('calendar/shape', `${year} 年下应有 holidays 和 workdays 两个列表`, '格式：2027: { holidays: [...], workdays: [...] }', where(value ?? keyNode))
      continue
    }
    for (const entry of value.items) {
      const name = isScalar(entry.key) ? String(entry.key.value) : ''
      const target = name === 'holidays' ? holidays : name === 'workdays' ? workdays : undefined
      if (target === undefined) {
        report('calendar/unknown-key', `${year} 年下的“${name}”无法识别`, '只能写 holidays（放假日）和 workdays（调休上班日）。', where(entry.key), 'warning')
        continue
      }
      const list = isSeq(entry.value) ? entry.value.items : [entry.value]
      for (const item of list) {
        const raw = isScalar(item) ? item.value : item
        const textValue = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : showValue(raw)
        const days = expandDates(textValue)
        if (days === undefined) {
          report('calendar/bad-date', `${year} 年 ${name} 中的“${textValue}”不是有效日期`, '日期写成 2027-02-05，连续几天写成 2027-02-05..2027-02-11。', where(item))
          continue
        }
        const stray = days.find((d) => Number(d.slice(0, 4)) !== year)
        if (stray !== undefined) {
          report('calendar/wrong-year', `${stray} 不在 ${year} 年`, `把它移到 ${stray.slice(0, 4)}: 下面。`, where(item))
          continue
        }
        for (const d of days) target.add(d)
      }
    }
    for (const d of holidays) {
      if (workdays.has(d)) {
        report('calendar/conflict', `${d} 既列为放假日又列为调休上班日`, '按国务院办公厅通知只保留其中一处；此处按上班日计。', where(value), 'warning')
        holidays.delete(d)
      }
    }
    result.set(year, { holidays, workdays })
  }
  return result
}

/** `2027-02-05` → one day; `2027-02-05..2027-02-11` → each day; undefined when malformed. */
function expandDates(text: string): string[] | undefined {
  const parts = text.trim().split('..')
  if (parts.length === 1) return isValidDate(parts[0] ?? '') ? [parts[0] as string] : undefined
  if (parts.length !== 2) return undefined
  const a = dayNumber((parts[0] ?? '').trim())
  const b = dayNumber((parts[1] ?? '').trim())
  if (a === undefined || b === undefined || b < a || b - a > 366) return undefined
  const out: string[] = []
  for (let d = a; d <= b; d++) out.push(fromDayNumber(d))
  return out
}
