/**
 * The ledger guard around a push: before anything is sent, the ledger must be the one this project
 * delivered with (`checkLedger`); after, the project remembers it (`recordLedgerIdentity`).
 * `gongkai push` and the push tasks call `guardLedger(project, store, ids, io)` right after
 * `openStore(project)`, and `noteLedger(project, store, io)` once the push returns.
 */
import type { Project, Store } from '@gongkai/core'
import { checkLedger, recordLedgerIdentity } from '@gongkai/hub'
import type { LedgerCheck } from '@gongkai/hub'
import type { Io } from './command.js'
import { shown } from './project.js'
import { storeLabel } from './store.js'

/** Throws `ledger/empty`, `ledger/replaced` or `ledger/unrecovered` (in Chinese, with the way back) when pushing `channels` could deliver twice. */
export async function guardLedger(project: Project, store: Store, channels: readonly string[], io: Io): Promise<LedgerCheck> {
  return checkLedger(project.dir, store.ledger, { channels, ledgerFile: storeLabel(project, (path) => shown(io, path)), now: io.now() })
}

/** Records, after a push, that the project delivers with this ledger (a no-op until something was delivered). */
export async function noteLedger(project: Project, store: Store, io: Io): Promise<void> {
  await recordLedgerIdentity(project.dir, store.ledger, io.now())
}
