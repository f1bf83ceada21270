/** The PostgreSQL store as a kind of the shared store contract: each open is a new body in one shared test database. */
import { ADMIN_PASSWORD } from '@gongkai/test-store-contract'
import type { StoreKind } from '@gongkai/test-store-contract'
import { openPostgresStore } from '../src/open.js'

let bodies = 0

/**
 * Every open is a store of a body never used before, in the same database: the contract then also checks that no
 * statement of a body's store sees the rows the earlier tests left under other bodies.
 */
export function postgresKind(url: () => string): StoreKind {
  return {
    name: 'postgres',
    open: (clock) => openPostgresStore({ url: url(), password: ADMIN_PASSWORD, body: `T${String(++bodies).padStart(8, '0')}`, now: clock.now, poolSize: 2 }),
    cleanup() {},
  }
}
