/** The schema as numbered migrations: each runs once per file, recorded in `schema_migrations` and `user_version`. */
import type Database from 'better-sqlite3'
import { ERRORS, GongkaiError } from '@gongkai/core'

/** One step of the schema. Versions are 1, 2, 3, … and never change once released. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/**
 * The migrations of this release. To add a column later, append `{ version: 2, name, sql: 'ALTER TABLE … ADD COLUMN …' }`;
 * never edit a released one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE deliveries (
        id            INTEGER PRIMARY KEY,
        publication   TEXT    NOT NULL,
        revision      TEXT    NOT NULL,
        channel       TEXT    NOT NULL,
        state         TEXT    NOT NULL CHECK (state IN ('pending', 'running', 'delivered', 'failed', 'withdrawn')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        url           TEXT,
        error_code    TEXT,
        error_message TEXT,
        claim_holder  TEXT,
        claim_until   INTEGER,
        created_at    TEXT    NOT NULL,
        updated_at    TEXT    NOT NULL,
        delivered_at  TEXT,
        UNIQUE (publication, revision, channel)
      );
      CREATE INDEX deliveries_latest ON deliveries (publication, channel, updated_at);
      CREATE INDEX deliveries_channel_state ON deliveries (channel, state);

      CREATE TABLE delivery_steps (
        delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        step        TEXT    NOT NULL,
        value       TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        PRIMARY KEY (delivery_id, step)
      );

      CREATE TABLE ledger_clock (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        last_ms INTEGER NOT NULL
      );
      INSERT INTO ledger_clock (id, last_ms) VALUES (1, 0);

      CREATE TABLE kv (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        expires_at INTEGER
      );

      CREATE TABLE jobs (
        seq             INTEGER PRIMARY KEY,
        id              TEXT    NOT NULL UNIQUE,
        schedule        TEXT    NOT NULL,
        run_at          TEXT    NOT NULL,
        state           TEXT    NOT NULL CHECK (state IN ('due', 'running', 'done', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT    NOT NULL,
        next_attempt_ms INTEGER,
        lease_owner     TEXT,
        lease_until     INTEGER,
        error           TEXT,
        result          TEXT,
        updated_at      TEXT    NOT NULL
      );
      CREATE INDEX jobs_due ON jobs (state, next_attempt_at);
      CREATE INDEX jobs_schedule ON jobs (schedule, run_at);

      CREATE TABLE locks (
        name  TEXT    PRIMARY KEY,
        owner TEXT    NOT NULL,
        until INTEGER NOT NULL
      );
    `,
  },
  {
    // SQLite cannot change a CHECK in place: the table is rebuilt with its steps, ids kept.
    version: 2,
    name: 'delivery-state-unknown',
    sql: `
      CREATE TABLE deliveries_v2 (
        id            INTEGER PRIMARY KEY,
        publication   TEXT    NOT NULL,
        revision      TEXT    NOT NULL,
        channel       TEXT    NOT NULL,
        state         TEXT    NOT NULL CHECK (state IN ('pending', 'running', 'delivered', 'failed', 'withdrawn', 'unknown')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        url           TEXT,
        error_code    TEXT,
        error_message TEXT,
        claim_holder  TEXT,
        claim_until   INTEGER,
        created_at    TEXT    NOT NULL,
        updated_at    TEXT    NOT NULL,
        delivered_at  TEXT,
        UNIQUE (publication, revision, channel)
      );
      INSERT INTO deliveries_v2 (id, publication, revision, channel, state, attempts, url, error_code, error_message, claim_holder, claim_until, created_at, updated_at, delivered_at)
        SELECT id, publication, revision, channel, state, attempts, url, error_code, error_message, claim_holder, claim_until, created_at, updated_at, delivered_at FROM deliveries;
      CREATE TABLE delivery_steps_v2 (
        delivery_id INTEGER NOT NULL REFERENCES deliveries_v2 (id) ON DELETE CASCADE,
        step        TEXT    NOT NULL,
        value       TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        PRIMARY KEY (delivery_id, step)
      );
      INSERT INTO delivery_steps_v2 (rowid, delivery_id, step, value, recorded_at) SELECT rowid, delivery_id, step, value, recorded_at FROM delivery_steps;
      DROP TABLE delivery_steps;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_v2 RENAME TO deliveries;
      ALTER TABLE delivery_steps_v2 RENAME TO delivery_steps;
      CREATE INDEX deliveries_latest ON deliveries (publication, channel, updated_at);
      CREATE INDEX deliveries_channel_state ON deliveries (channel, state);
    `,
  },
  {
    // Version 2 is another change made in parallel; this one depends on nothing it adds.
    version: 3,
    name: 'release and identity',
    sql: `
      ALTER TABLE deliveries ADD COLUMN release_id TEXT;
      ALTER TABLE deliveries ADD COLUMN release_manifest_hash TEXT;

      -- The ledger's own identity, made once with the file: a project that remembers it can tell an
      -- emptied, deleted or replaced ledger (which has another) from the one it delivered with.
      CREATE TABLE ledger_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT INTO ledger_meta (key, value) VALUES ('identity', lower(hex(randomblob(16))));
    `,
  },
  {
    // The operator's console: every action, who took it and when, appended and never changed.
    version: 4,
    name: 'audit log',
    sql: `
      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        subject TEXT,
        detail  TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused'))
      );
      CREATE INDEX audit_log_subject ON audit_log (subject, id);
    `,
  },
]

/** Brings the file up to the newest migration inside one `BEGIN IMMEDIATE`, so two processes opening a new file never both migrate. */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS, now: () => Date = () => new Date()): number {
  const newest = migrations.reduce((v, m) => Math.max(v, m.version), 0)
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`)
    const current = db.pragma('user_version', { simple: true }) as number
    if (current > newest) {
      throw new GongkaiError(ERRORS.StoreNewerSchema, `台账文件 ${file} 的结构版本为 ${current}，比本程序认识的版本 ${newest} 新`, {
        hint: '这个文件由更新版本的 gongkai 写过：请升级 gongkai 后再打开，不要用旧版本改写它。',
      })
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue
      db.exec(m.sql)
      record.run(m.version, m.name, now().toISOString())
      db.pragma(`user_version = ${m.version}`)
    }
    return Math.max(current, newest)
  })
  return run.immediate()
}
