/** Exponential backoff with jitter for failed jobs. */

/** Backoff settings. */
export interface BackoffOptions {
  /** First delay; default 30 s. */
  readonly baseMs?: number
  /** Longest delay; default 1 h. */
  readonly maxMs?: number
  /** Fraction of the delay drawn at random either way; default 0.2. */
  readonly jitter?: number
}

/** The delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 30_000
  const max = options.maxMs ?? 3_600_000
  const jitter = options.jitter ?? 0.2
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1))
  return Math.max(0, Math.round(raw * (1 + jitter * (2 * random() - 1))))
}
