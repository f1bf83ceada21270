/** The scheduler's time: injected, so tests set it instead of waiting. */

/** A source of time and of waiting. */
export interface Clock {
  now(): Date
  /** Resolves after `ms` (or at once when the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted === true) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    }),
}

/** A clock that only moves when told to: `sleep` advances it. For tests. */
export function manualClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime()
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime()
    },
    advance: (ms) => {
      t += ms
    },
    sleep: async (ms) => {
      t += ms
    },
  }
}
