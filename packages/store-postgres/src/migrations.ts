/** The schema as numbered migrations, applied on first use under an advisory lock and recorded in `schema_migrations`. */
import type { PoolClient } from 'pg'
import { ERRORS, GongkaiError } from '@gongkai/core'

/** One step of the schema. Versions are 1, 2, 3, … and never change once released. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** A migration as the database recorded it. */
export interface AppliedMigration {
  readonly version: number
  readonly name: string
  /** ISO 8601, UTC. */
  readonly appliedAt: string
}

/**
 * The migrations of this release. A later release appends `{ version: 2, … }` and never edits a released one.
 * Every table carries `body` (the organisation code, 组织机构代码) first in its key: one database holds many
 * bodies and no statement of a body's store reads another's rows. Text that is ordered is `COLLATE "C"`, so
 * that lists come in the same order as SQLite's (byte order) whatever the database's locale.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      -- One row per body: its ledger identity and its clock (the last stamp handed out, epoch ms).
      CREATE TABLE bodies (
        body       text   PRIMARY KEY,
        identity   text   NOT NULL,
        clock_ms   bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE deliveries (
        id                    bigserial PRIMARY KEY,
        body                  text   NOT NULL REFERENCES bodies (body) ON DELETE CASCADE,
        publication           text   COLLATE "C" NOT NULL,
        revision              text   COLLATE "C" NOT NULL,
        channel               text   COLLATE "C" NOT NULL,
        state                 text   NOT NULL CHECK (state IN ('pending', 'running', 'delivered', 'failed', 'withdrawn', 'unknown')),
        attempts              integer NOT NULL DEFAULT 0,
        url                   text,
        error_code            text,
        error_message         text,
        claim_holder          text,
        claim_until           bigint,
        created_at            timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        delivered_at          timestamptz,
        release_id            text,
        release_manifest_hash text,
        UNIQUE (body, publication, revision, channel)
      );
      CREATE INDEX deliveries_latest ON deliveries (body, publication, channel, updated_at);
      CREATE INDEX deliveries_channel_state ON deliveries (body, channel, state);
      -- What a worker looks for (claimNext): the pending deliveries of any body, and running ones whose claim may have lapsed, oldest first.
      CREATE INDEX deliveries_open ON deliveries (id) WHERE state IN ('pending', 'running');

      CREATE TABLE delivery_steps (
        delivery_id bigint NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        step        text   NOT NULL,
        value       text   NOT NULL,
        seq         bigserial,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (delivery_id, step)
      );

      CREATE TABLE kv (
        body       text NOT NULL,
        key        text NOT NULL,
        value      text NOT NULL,
        expires_at bigint,
        PRIMARY KEY (body, key)
      );

      CREATE TABLE jobs (
        seq             bigserial,
        body            text   NOT NULL,
        id              text   COLLATE "C" NOT NULL,
        schedule        text   COLLATE "C" NOT NULL,
        run_at          text   COLLATE "C" NOT NULL,
        state           text   NOT NULL CHECK (state IN ('due', 'running', 'done', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at text   COLLATE "C" NOT NULL,
        next_attempt_ms bigint,
        lease_owner     text,
        lease_until     bigint,
        error           text,
        result          text,
        updated_at      text   NOT NULL,
        PRIMARY KEY (body, id)
      );
      CREATE INDEX jobs_due ON jobs (body, state, next_attempt_at);
      CREATE INDEX jobs_schedule ON jobs (body, schedule, run_at);

      CREATE TABLE locks (
        body  text   NOT NULL,
        name  text   NOT NULL,
        owner text   NOT NULL,
        until bigint NOT NULL,
        PRIMARY KEY (body, name)
      );
    `,
  },
]

/** The key of the advisory lock that migrations are applied under (any fixed 64-bit number; this one spells "gongkai"). */
export const MIGRATION_LOCK = 0x676f6e676b6169n

/** The newest version these migrations reach. */
export const NEWEST = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0)

/**
 * Brings the schema up to the newest migration in one transaction, under a transaction-scoped advisory lock: two
 * workers starting at once apply each migration once, the second waiting for the first and then finding nothing to
 * do. PostgreSQL's DDL is transactional, so a migration that fails leaves nothing half-made. Returns the versions
 * applied now.
 */
export async function applyMigrations(client: PoolClient, schema: string, shown: string, now: () => Date, migrations: readonly Migration[] = MIGRATIONS): Promise<Migration[]> {
  const newest = migrations.reduce((v, m) => Math.max(v, m.version), 0)
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()])
    // Under the lock: two first starts would otherwise both try to create it.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL
    )`)
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
    const current = rows[0]?.v ?? 0
    if (current > newest) {
      throw new GongkaiError(ERRORS.StoreNewerSchema, `PostgreSQL 台账（${shown}）的结构版本为 ${current}，比本程序认识的版本 ${newest} 新`, {
        hint: '这个库由更新版本的 gongkai 迁移过：请升级 gongkai 后再连接，不要用旧版本改写它。',
      })
    }
    const applied: Migration[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue
      await client.query(m.sql)
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now().toISOString()])
      applied.push(m)
    }
    await client.query('COMMIT')
    return applied
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** The migrations the database has recorded, oldest first (empty before the first). */
export async function appliedMigrations(client: PoolClient): Promise<AppliedMigration[]> {
  const { rows: exists } = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t")
  if (exists[0]?.t === null || exists[0]?.t === undefined) return []
  const { rows } = await client.query<{ version: number; name: string; applied_at: Date }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
  return rows.map((r) => ({ version: r.version, name: r.name, appliedAt: r.applied_at.toISOString() }))
}

/** A name as an SQL identifier (`"…"`, quotes doubled). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`
