/** The two stores the behavioural suite runs against, each on a clock the test moves. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStore } from '@gongkai/core'
import type { Store } from '@gongkai/core'
import { openSqliteStore } from '../src/open.js'

/** A clock the test sets by hand. */
export interface Clock {
  t: number
  readonly now: () => Date
}

/** A clock at 2026-01-01T00:00:00Z. */
export function createClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock {
  const c: Clock = { t: start, now: () => new Date(c.t) }
  return c
}

/** A store kind under test. */
export interface StoreKind {
  readonly name: string
  open(clock: Clock): Store
  /** Removes what `open` left on disk. */
  cleanup(): void
}

/** The in-memory reference from @gongkai/core. */
export const memoryKind: StoreKind = {
  name: 'memory (reference)',
  open: (clock) => createMemoryStore(clock.now),
  cleanup() {},
}

/** The SQLite store, each call on a new file in a fresh temporary folder. */
export function sqliteKind(): StoreKind {
  const dirs: string[] = []
  return {
    name: 'sqlite',
    open(clock) {
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-store-'))
      dirs.push(dir)
      return openSqliteStore(join(dir, 'nested', 'ledger.sqlite'), { now: clock.now })
    },
    cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
    },
  }
}
