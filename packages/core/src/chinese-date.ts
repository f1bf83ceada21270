/** Dates as Chinese documents print them. */

/**
 * `2026-11-26` (or the date part of a date-time) → `2026年11月26日`, months and days without
 * leading zeros, as GB/T 9704-2012 7.3.5.3 writes the 成文日期; anything else comes back as it is.
 */
export function formatChineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date)
  return m === null ? date : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}
