/**
 * The command line's clock. `GONGKAI_NOW` sets the instant a process starts at (an ISO date-time
 * with its offset, e.g. `2026-11-30T10:00:00+08:00`); from there the clock runs at the wall clock's
 * pace, so a daemon still ticks. Tests and rehearsals ("what would go out on Monday?") set it; a
 * whole-process test never depends on the day it runs.
 */
import { isRealDate } from '@gongkai/core/internal'
import { UsageError } from './errors.js'

/** The environment variable that fixes the starting instant. */
export const NOW_ENV = 'GONGKAI_NOW'

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * The clock a process uses: the wall clock, or one started at `GONGKAI_NOW`.
 * `wall` is the source of real time, injected so this function is tested without the real clock.
 */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>, wall: () => number = Date.now): () => Date {
  const text = env[NOW_ENV]
  if (text === undefined || text === '') return () => new Date(wall())
  const start = ISO_WITH_OFFSET.test(text) && isRealDate(text.slice(0, 10)) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(start)) {
    throw new UsageError(`环境变量 ${NOW_ENV} 应为带时区的日期时间，不能是“${text}”`, `例如 ${NOW_ENV}=2026-11-30T10:00:00+08:00`)
  }
  const offset = start - wall()
  return () => new Date(wall() + offset)
}
