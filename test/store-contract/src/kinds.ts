/** The clock a contract test moves by hand, and the store kinds it runs against. */
import { createMemoryStore } from '@gongkai/core'
import type { Store } from '@gongkai/core'

/** A clock the test sets by hand. */
export interface Clock {
  t: number
  readonly now: () => Date
}

/** A clock at 2026-01-01T00:00:00Z (or `start`, epoch ms). */
export function createClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock {
  const c: Clock = { t: start, now: () => new Date(c.t) }
  return c
}

/** A store kind under test: each `open` gives a new, empty store on the clock given. */
export interface StoreKind {
  readonly name: string
  open(clock: Clock): Store | Promise<Store>
  /** Removes what `open` left behind (files, databases). */
  cleanup(): void | Promise<void>
}

/** The in-memory reference from @gongkai/core. */
export const memoryKind: StoreKind = {
  name: 'memory (reference)',
  open: (clock) => createMemoryStore(clock.now),
  cleanup() {},
}
