/** 定时发布 times: written with or without an offset, stored as ISO with the offset of the project's timezone. */
import { isRealDate } from './fields.js'

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f
}

/** The offset of `timeZone` from UTC at an instant, in minutes. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000)
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Reads `2026-11-24T09:00:00+08:00`, `2026-11-24 09:00` or `2026-11-24` (local time in `timeZone`)
 * and returns ISO 8601 with an explicit offset; undefined when it is not a real date-time.
 */
export function normalizeDateTime(text: string, timeZone: string): string | undefined {
  const m = DATE_TIME.exec(text.trim())
  if (m === null) return undefined
  const [, date = '', h = '0', mi = '0', s = '0', zone] = m
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)]
  if (!isRealDate(date) || hour > 23 || minute > 59 || second > 59) return undefined
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const local = Date.UTC(y, mo - 1, d, hour, minute, second)
  let offset: number
  if (zone === undefined) {
    try {
      offset = offsetAt(local - offsetAt(local, timeZone) * 60000, timeZone)
    } catch {
      offset = 480
    }
  } else if (zone === 'Z') offset = 0
  else {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
  }
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}
