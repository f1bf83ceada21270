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
  {
    // Each ledger change in one round trip: under load every round trip between a worker and the
    // server costs a wait for a CPU, and a change took five (BEGIN, lock, stamp, write, COMMIT).
    // Each function locks the delivery's row first and the body's clock row last, as before.
    version: 2,
    name: 'ledger functions',
    sql: `
      CREATE FUNCTION gongkai_stamp(p_body text, p_now bigint) RETURNS timestamptz LANGUAGE sql AS $$
        UPDATE bodies SET clock_ms = GREATEST(p_now, clock_ms + 1) WHERE body = p_body RETURNING timestamptz 'epoch' + clock_ms * interval '1 millisecond'
      $$;

      -- 'unknown' (no such key), 'final' (delivered or withdrawn), 'live:<holder>' (another holder's live claim), 'taken'.
      CREATE FUNCTION gongkai_claim(p_body text, p_publication text, p_revision text, p_channel text, p_holder text, p_now bigint, p_ttl bigint, p_over text)
      RETURNS text LANGUAGE plpgsql AS $$
      DECLARE r deliveries%ROWTYPE;
      BEGIN
        SELECT * INTO r FROM deliveries WHERE body = p_body AND publication = p_publication AND revision = p_revision AND channel = p_channel FOR UPDATE;
        IF NOT FOUND THEN RETURN 'unknown'; END IF;
        IF r.state IN ('delivered', 'withdrawn') THEN RETURN 'final'; END IF;
        IF r.claim_holder IS NOT NULL AND r.claim_holder <> p_holder AND coalesce(r.claim_until, 0) > p_now AND r.claim_holder IS DISTINCT FROM p_over THEN
          RETURN 'live:' || r.claim_holder;
        END IF;
        UPDATE deliveries SET claim_holder = p_holder, claim_until = p_now + p_ttl, attempts = attempts + 1, state = 'running', updated_at = gongkai_stamp(p_body, p_now) WHERE id = r.id;
        RETURN 'taken';
      END $$;

      -- NULL when there is no such key; otherwise the step's value (the first one recorded).
      CREATE FUNCTION gongkai_record_step(p_body text, p_publication text, p_revision text, p_channel text, p_step text, p_value text, p_now bigint)
      RETURNS text LANGUAGE plpgsql AS $$
      DECLARE v_id bigint; v_value text; v_at timestamptz;
      BEGIN
        SELECT id INTO v_id FROM deliveries WHERE body = p_body AND publication = p_publication AND revision = p_revision AND channel = p_channel FOR UPDATE;
        IF NOT FOUND THEN RETURN NULL; END IF;
        SELECT value INTO v_value FROM delivery_steps WHERE delivery_id = v_id AND step = p_step;
        IF FOUND THEN RETURN v_value; END IF;
        v_at := gongkai_stamp(p_body, p_now);
        INSERT INTO delivery_steps (delivery_id, step, value, recorded_at) VALUES (v_id, p_step, p_value, v_at);
        UPDATE deliveries SET updated_at = v_at WHERE id = v_id;
        RETURN p_value;
      END $$;

      CREATE FUNCTION gongkai_set_state(p_body text, p_publication text, p_revision text, p_channel text, p_state text, p_now bigint,
                                        p_url text, p_release_id text, p_release_hash text, p_code text, p_message text)
      RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE v_id bigint; v_at timestamptz; v_delivered boolean := p_state = 'delivered'; v_final boolean := p_state <> 'running';
      BEGIN
        SELECT id INTO v_id FROM deliveries WHERE body = p_body AND publication = p_publication AND revision = p_revision AND channel = p_channel FOR UPDATE;
        IF NOT FOUND THEN RETURN false; END IF;
        v_at := gongkai_stamp(p_body, p_now);
        UPDATE deliveries
           SET state = p_state,
               updated_at = v_at,
               url = coalesce(p_url, url),
               release_id = coalesce(p_release_id, release_id),
               release_manifest_hash = CASE WHEN p_release_id IS NOT NULL THEN p_release_hash ELSE release_manifest_hash END,
               error_code = CASE WHEN p_code IS NOT NULL THEN p_code WHEN v_delivered THEN NULL ELSE error_code END,
               error_message = CASE WHEN p_code IS NOT NULL THEN p_message WHEN v_delivered THEN NULL ELSE error_message END,
               delivered_at = CASE WHEN v_delivered THEN v_at ELSE delivered_at END,
               claim_holder = CASE WHEN v_final THEN NULL ELSE claim_holder END,
               claim_until = CASE WHEN v_final THEN NULL ELSE claim_until END
         WHERE id = v_id;
        RETURN true;
      END $$;

      CREATE FUNCTION gongkai_release(p_body text, p_publication text, p_revision text, p_channel text, p_holder text, p_now bigint)
      RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE r deliveries%ROWTYPE;
      BEGIN
        SELECT * INTO r FROM deliveries WHERE body = p_body AND publication = p_publication AND revision = p_revision AND channel = p_channel FOR UPDATE;
        IF NOT FOUND THEN RETURN false; END IF;
        IF r.claim_holder IS DISTINCT FROM p_holder THEN RETURN true; END IF;
        UPDATE deliveries SET claim_holder = NULL, claim_until = NULL, updated_at = gongkai_stamp(p_body, p_now),
               state = CASE state WHEN 'running' THEN 'pending' ELSE state END
         WHERE id = r.id;
        RETURN true;
      END $$;

      -- Creates the record once; a second worker's insert waits for the first's commit and does nothing.
      CREATE FUNCTION gongkai_open(p_body text, p_publication text, p_revision text, p_channel text, p_now bigint)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE v_id bigint; v_at timestamptz;
      BEGIN
        INSERT INTO deliveries (body, publication, revision, channel, state, attempts, created_at, updated_at)
        VALUES (p_body, p_publication, p_revision, p_channel, 'pending', 0, 'epoch', 'epoch') ON CONFLICT DO NOTHING RETURNING id INTO v_id;
        IF v_id IS NOT NULL THEN
          v_at := gongkai_stamp(p_body, p_now);
          UPDATE deliveries SET created_at = v_at, updated_at = v_at WHERE id = v_id;
        END IF;
      END $$;

      CREATE FUNCTION gongkai_claim_next(p_holder text, p_now bigint, p_ttl bigint, p_bodies text[], p_channel text)
      RETURNS TABLE (body text, publication text, revision text, channel text, attempts integer) LANGUAGE plpgsql AS $$
      DECLARE r deliveries%ROWTYPE;
      BEGIN
        SELECT * INTO r FROM deliveries d
         WHERE ((d.state = 'pending' AND d.claim_holder IS NULL) OR (d.state = 'running' AND coalesce(d.claim_until, 0) <= p_now))
           AND (p_bodies IS NULL OR d.body = ANY (p_bodies))
           AND (p_channel IS NULL OR d.channel = p_channel)
         ORDER BY d.id LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN RETURN; END IF;
        UPDATE deliveries d SET claim_holder = p_holder, claim_until = p_now + p_ttl, attempts = d.attempts + 1, state = 'running', updated_at = gongkai_stamp(r.body, p_now) WHERE d.id = r.id;
        RETURN QUERY SELECT r.body, r.publication::text, r.revision::text, r.channel::text, r.attempts + 1;
      END $$;
    `,
  },
  {
    // The operator's console: every action, who took it and when, appended and never changed.
    version: 3,
    name: 'audit log',
    sql: `
      CREATE TABLE audit_log (
        id      bigserial PRIMARY KEY,
        body    text NOT NULL REFERENCES bodies (body) ON DELETE CASCADE,
        at      timestamptz NOT NULL,
        actor   text COLLATE "C" NOT NULL,
        action  text NOT NULL,
        subject text COLLATE "C",
        detail  text,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'refused'))
      );
      CREATE INDEX audit_log_body ON audit_log (body, id);
      CREATE INDEX audit_log_subject ON audit_log (body, subject, id);
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
