/**
 * Durable stores: the ledger (台账) of deliveries, a small key-value store and the job store.
 * Asynchronous so that a PostgreSQL implementation fits without touching channels or the hub.
 */

/**
 * Where a delivery stands. `unknown` (需核实): a creating call's answer was lost and the platform
 * could not tell whether it was carried out; it may be live. Never sent again on its own: a later
 * push looks it up again first, and the operator checks the platform.
 */
export type DeliveryState = 'pending' | 'running' | 'delivered' | 'failed' | 'withdrawn' | 'unknown'

/** A delivery is keyed by publication, revision (content hash) and channel. */
export interface DeliveryKey {
  readonly publication: string
  readonly revision: string
  readonly channel: string
}

/** The release a delivery shipped: its id and the SHA-256 of its manifest file. */
export interface ReleaseRef {
  readonly id: string
  readonly manifestHash: string
}

/** One ledger row. */
export interface DeliveryRecord extends DeliveryKey {
  readonly state: DeliveryState
  readonly attempts: number
  /** External ids of each step, in order of recording (e.g. `cover_media_id`, `draft_media_id`, `publish_id`). */
  readonly steps: Readonly<Record<string, string>>
  /** Where it can be seen (article URL, page URL). */
  readonly url?: string
  readonly error?: { readonly code: string; readonly message: string }
  /** ISO date-times (UTC). */
  readonly createdAt: string
  readonly updatedAt: string
  readonly deliveredAt?: string
  /** The release of the last delivery that recorded one (from `setState(…, { release })`). */
  readonly release?: ReleaseRef
}

/** Filter for `Ledger.list`. */
export interface LedgerFilter {
  readonly channel?: string
  readonly publication?: string
  readonly state?: DeliveryState
}

/** The durable record of every delivery. Every method is safe under several processes. */
export interface Ledger {
  get(key: DeliveryKey): Promise<DeliveryRecord | undefined>
  /** Creates the record as `pending` if absent; returns the record as it now stands. */
  open(key: DeliveryKey): Promise<DeliveryRecord>
  /**
   * Takes the delivery for `holder` for `ttlMs` unless another holder has a live claim or it is
   * already delivered. Increments `attempts` and sets `running`. Returns false when not taken.
   * `takeOver(other)` may say a live-looking claim's holder is dead (its process is gone): then the
   * claim is taken all the same, in the same transaction.
   */
  claim(key: DeliveryKey, holder: string, ttlMs: number, options?: { readonly takeOver?: (holder: string) => boolean }): Promise<boolean>
  /** Extends `holder`'s claim to `ttlMs` from now (the heartbeat of a working process); false when it holds the claim no more. */
  renew(key: DeliveryKey, holder: string, ttlMs: number): Promise<boolean>
  /** Gives a claim back without finishing (e.g. quota): state returns to `pending`. */
  release(key: DeliveryKey, holder: string): Promise<void>
  /** Records one step's external id. A step already recorded keeps its first value; the first value is returned. */
  recordStep(key: DeliveryKey, step: string, value: string): Promise<string>
  /** Sets the final or intermediate state, with the URL, the error or the release shipped. Clears any claim when final. */
  setState(
    key: DeliveryKey,
    state: DeliveryState,
    detail?: { readonly url?: string; readonly error?: { readonly code: string; readonly message: string }; readonly release?: ReleaseRef },
  ): Promise<void>
  list(filter?: LedgerFilter): Promise<DeliveryRecord[]>
  /** The most recently updated record of a publication on a channel, whatever its revision. */
  latest(publication: string, channel: string): Promise<DeliveryRecord | undefined>
  /** A random id made with the ledger itself: an emptied, deleted or replaced ledger answers another one. */
  identity(): Promise<string>
}

/** A small durable key-value store with optional expiry (token cache and the like). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>
  /** `expiresAt` in epoch milliseconds; an expired value reads as undefined. */
  set(key: string, value: string, expiresAt?: number): Promise<void>
  delete(key: string): Promise<void>
}

/** Where a job stands. */
export type JobState = 'due' | 'running' | 'done' | 'failed'

/** One run of a schedule (or one retry of it). */
export interface Job {
  /** `${schedule}@${runAt}`: unique, so the same tick is never queued twice. */
  readonly id: string
  readonly schedule: string
  /** The tick this job stands for (ISO, UTC). */
  readonly runAt: string
  readonly state: JobState
  readonly attempts: number
  /** When it may next be tried (ISO, UTC). */
  readonly nextAttemptAt: string
  readonly leaseOwner?: string
  /** Epoch ms. */
  readonly leaseUntil?: number
  readonly error?: string
  /** A short JSON summary of the result. */
  readonly result?: string
  readonly updatedAt: string
}

/** Durable jobs with leases: two daemons on the same store never run the same job. */
export interface JobStore {
  /** Queues a job unless one with the same id exists. Returns true when it was new. */
  enqueue(job: { readonly schedule: string; readonly runAt: string }): Promise<boolean>
  /** Atomically takes the oldest job due at `now` whose lease is free or expired. */
  claim(owner: string, now: Date, leaseMs: number): Promise<Job | undefined>
  /** Extends a lease; false when the lease was lost. */
  heartbeat(id: string, owner: string, now: Date, leaseMs: number): Promise<boolean>
  complete(id: string, owner: string, result: string): Promise<void>
  /** Records a failure; with `retryAt` the job becomes due again then, otherwise it is failed for good. */
  fail(id: string, owner: string, error: string, retryAt?: Date): Promise<void>
  /** The latest job of a schedule (by runAt). */
  last(schedule: string): Promise<Job | undefined>
  list(filter?: { readonly schedule?: string; readonly state?: JobState }): Promise<Job[]>
  /** A named lock with expiry (daemon coordination). */
  acquireLock(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>
  releaseLock(name: string, owner: string): Promise<void>
}

/** Whether an audited action was carried out or refused (no role, bad CSRF token, wrong password). */
export type AuditOutcome = 'ok' | 'refused'

/** One row of the audit log: who did what to which subject, when, with which outcome. */
export interface AuditEntry {
  /** Increasing: the order actions were recorded in. */
  readonly id: number
  /** ISO date-time (UTC), from the store's clock. */
  readonly at: string
  /** The user id (or `-` before anyone signed in). */
  readonly actor: string
  /** What was done, e.g. `sign-in`, `review`, `push`. */
  readonly action: string
  /** What it was done to (a publication id), when there is one. */
  readonly subject?: string
  /** A short description in Chinese (the level approved, why it was refused). */
  readonly detail?: string
  readonly outcome: AuditOutcome
}

/** Filter for `AuditLog.list`: newest first, at most `limit` rows (default 200). */
export interface AuditFilter {
  readonly actor?: string
  readonly subject?: string
  readonly limit?: number
}

/** The append-only record of every action taken in the operator's console. */
export interface AuditLog {
  record(entry: { readonly actor: string; readonly action: string; readonly subject?: string; readonly detail?: string; readonly outcome: AuditOutcome }): Promise<AuditEntry>
  list(filter?: AuditFilter): Promise<AuditEntry[]>
}

/** Everything a store provides. `@gongkai/store-sqlite` is the embedded default. */
export interface Store {
  readonly ledger: Ledger
  readonly kv: KeyValueStore
  readonly jobs: JobStore
  readonly audit: AuditLog
  close(): Promise<void>
}
