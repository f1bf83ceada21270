/** The SQLite store as a kind of the shared store contract, each open on a new file in a fresh temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoreKind } from '@gongkai/test-store-contract'
import { openSqliteStore } from '../src/open.js'

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
