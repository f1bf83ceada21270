/**
 * Calls per minute, per API, as data: the channel never sends faster than this, whatever its
 * `concurrency`. These are our ceilings, set below where the platform starts answering 45011
 * (frequency control); the daily quotas (45009) are the platform's to enforce.
 */
export const WECHAT_RATE_LIMITS: Readonly<Record<string, number>> = {
  stable_token: 60,
  'media/uploadimg': 3000,
  'material/add_material': 3000,
  'material/batchget_material': 3000,
  'draft/add': 3000,
  'draft/batchget': 3000,
  'draft/delete': 600,
  'freepublish/submit': 3000,
  'freepublish/get': 6000,
  'freepublish/batchget': 3000,
  'freepublish/delete': 600,
}

/** The limit of an API not listed. */
const OTHER = 600
const MINUTE = 60_000

/** A sliding one-minute window per API; `take` waits until one more call fits. Durations only, on the monotonic clock. */
export class RateLimiter {
  readonly #limits: Readonly<Record<string, number>>
  readonly #sent = new Map<string, number[]>()

  constructor(limits: Readonly<Record<string, number>> = WECHAT_RATE_LIMITS) {
    this.#limits = limits
  }

  /** Resolves when a call of `api` may go. */
  async take(api: string): Promise<void> {
    const limit = this.#limits[api] ?? OTHER
    for (;;) {
      const t = performance.now()
      let sent = this.#sent.get(api)
      if (sent === undefined) this.#sent.set(api, (sent = []))
      while (sent.length > 0 && (sent[0] ?? 0) <= t - MINUTE) sent.shift()
      if (sent.length < limit) {
        sent.push(t)
        return
      }
      await new Promise((r) => setTimeout(r, Math.max(1, (sent[0] ?? t) + MINUTE - t)))
    }
  }
}
