/** Connecting to the PostgreSQL database that holds the ledgers, key-value stores and jobs of many bodies. */
import { randomUUID } from 'node:crypto'
import { ERRORS, OptionsError } from '@gongkai/core'
import type { DeliveryKey, Store } from '@gongkai/core'
import { createPostgresAuditLog } from './audit.js'
import { createDb, wrapError } from './db.js'
import type { Db } from './db.js'
import { createPostgresJobStore } from './jobs.js'
import { createPostgresKv } from './kv.js'
import { createPostgresLedger } from './ledger.js'
import { appliedMigrations, applyMigrations } from './migrations.js'
import type { AppliedMigration, Migration } from './migrations.js'
import { connectionSettings } from './url.js'

/** Options of `connectPostgres` and `openPostgresStore`. */
export interface PostgresOptions {
  /** `postgres://user@host:port/db`; a password written into it is refused. */
  readonly url: string
  /** The password itself (an embedding program that keeps it elsewhere). */
  readonly password?: string
  /** The environment variable that holds the password (the config's `storePasswordEnv`). */
  readonly passwordEnv?: string
  /** Where `passwordEnv` is read. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The schema of gongkai's tables, created on first use. Default `gongkai`. */
  readonly schema?: string
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number
  /** How long a connection may take to open. Default 10 s. */
  readonly connectTimeoutMs?: number
  /** The clock of stamps, expiries and job times (tests pass a fake one). Default: the system clock. */
  readonly now?: () => Date
  /** Apply pending migrations on connecting (default true); `false` only reads where the schema stands. */
  readonly migrate?: boolean
}

/** One body's pending delivery, taken by `claimNext`. */
export interface ClaimedDelivery {
  readonly body: string
  readonly key: DeliveryKey
  readonly attempts: number
}

/** The database of many bodies: a store per body over one pool. */
export interface PostgresDatabase {
  /** The address with its password masked. */
  readonly url: string
  readonly schema: string
  /** The migrations this connection applied (empty when the schema was already current). */
  readonly migrated: readonly Migration[]
  /** The store of one body (its organisation code): nothing of another body is visible through it. Its `close` leaves the pool open. */
  store(body: string): Promise<Store>
  /** The bodies that have a store in this database, in code order. */
  bodies(): Promise<string[]>
  /** The migrations the database has recorded, oldest first. */
  migrations(): Promise<AppliedMigration[]>
  /**
   * Takes the oldest pending delivery (or one whose claim lapsed) of any of `bodies` (default: all) for `holder`,
   * with `FOR UPDATE SKIP LOCKED`: workers serving one or all bodies pull work without waiting on each other.
   */
  claimNext(holder: string, ttlMs: number, filter?: { readonly bodies?: readonly string[]; readonly channel?: string }): Promise<ClaimedDelivery | undefined>
  close(): Promise<void>
}

/** A PostgreSQL store of one body, owning its pool. */
export interface PostgresStore extends Store {
  readonly url: string
  readonly body: string
  readonly database: PostgresDatabase
}

const BODY = /^[0-9A-Z]{9}$|^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/

/** Checks the options, connects, and (unless `migrate: false`) applies the migrations not yet applied. */
export async function connectPostgres(options: PostgresOptions): Promise<PostgresDatabase> {
  const settings = connectionSettings(options.url, options)
  const schema = options.schema ?? 'gongkai'
  if (!SCHEMA.test(schema)) throw new OptionsError(ERRORS.StorePgUrl, `选项 schema 应为小写字母、数字和下划线组成的名字，不能是“${schema}”`)
  const poolSize = options.poolSize ?? 10
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new OptionsError(ERRORS.StorePgUrl, `选项 poolSize 应为正整数，不能是 ${String(poolSize)}`)
  const now = options.now ?? (() => new Date())
  const db = createDb(settings, schema, poolSize, options.connectTimeoutMs ?? 10_000)
  let migrated: Migration[] = []
  try {
    const client = await db.connect()
    try {
      if (options.migrate !== false) migrated = await applyMigrations(client, schema, settings.shown, now)
    } catch (error) {
      throw wrapError(error, settings.shown)
    } finally {
      client.release()
    }
  } catch (error) {
    await db.end().catch(() => undefined)
    throw error
  }
  return createDatabase(db, schema, migrated, now)
}

function createDatabase(db: Db, schema: string, migrated: readonly Migration[], now: () => Date): PostgresDatabase {
  const ready = new Set<string>()
  let closed = false
  return {
    url: db.shown,
    schema,
    migrated,
    async store(body) {
      if (typeof body !== 'string' || !BODY.test(body)) {
        throw new OptionsError(ERRORS.StorePgBody, `机构代码应为组织机构代码（9 个数字或大写字母）或由字母、数字、点、横线组成的名字，不能是“${String(body)}”`)
      }
      if (!ready.has(body)) {
        await db.query('INSERT INTO bodies (body, identity, created_at) VALUES ($1, $2, $3) ON CONFLICT (body) DO NOTHING', [body, randomUUID().replace(/-/g, ''), now().toISOString()])
        ready.add(body)
      }
      return {
        ledger: createPostgresLedger(db, body, now),
        kv: createPostgresKv(db, body, now),
        jobs: createPostgresJobStore(db, body, now),
        audit: createPostgresAuditLog(db, body, now),
        close: async () => undefined,
      }
    },
    bodies: async () => (await db.query<{ body: string }>('SELECT body FROM bodies ORDER BY body COLLATE "C"')).map((r) => r.body),
    async migrations() {
      const client = await db.connect()
      try {
        return await appliedMigrations(client)
      } finally {
        client.release()
      }
    },
    async claimNext(holder, ttlMs, filter = {}) {
      const [row] = await db.query<{ body: string; publication: string; revision: string; channel: string; attempts: number }>('SELECT * FROM gongkai_claim_next($1, $2, $3, $4, $5)', [
        holder,
        now().getTime(),
        ttlMs,
        filter.bodies === undefined ? null : [...filter.bodies],
        filter.channel ?? null,
      ])
      return row === undefined ? undefined : { body: row.body, key: { publication: row.publication, revision: row.revision, channel: row.channel }, attempts: row.attempts }
    },
    async close() {
      if (closed) return
      closed = true
      await db.end()
    },
  }
}

/** Connects and returns the store of one body; its `close` ends the pool. */
export async function openPostgresStore(options: PostgresOptions & { readonly body: string }): Promise<PostgresStore> {
  const database = await connectPostgres(options)
  try {
    const store = await database.store(options.body)
    return { ...store, url: database.url, body: options.body, database, close: () => database.close() }
  } catch (error) {
    await database.close()
    throw error
  }
}
