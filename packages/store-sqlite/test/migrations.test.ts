/** Opening: the folder and file on first use, WAL, numbered migrations, reopening keeps data, wrong files are refused. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GongkaiError, OptionsError } from '@gongkai/core'
import { MIGRATIONS, migrate } from '../src/migrations.js'
import type { Migration } from '../src/migrations.js'
import { openSqliteStore } from '../src/open.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-migrate-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const inspect = <T>(file: string, fn: (db: Database.Database) => T): T => {
  const db = new Database(file, { readonly: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}
const key = { publication: 'hb-2026-001', revision: 'sha256:aaa', channel: 'noticeboard' }
const NEWEST = Math.max(...MIGRATIONS.map((m) => m.version))

describe('openSqliteStore', () => {
  it('migration 2 lets a delivery be `unknown` (需核实) and keeps every row, step and step order of a version 1 file', async () => {
    const file = join(dir, 'v1.sqlite')
    const old = new Database(file)
    migrate(old, file, MIGRATIONS.slice(0, 1))
    old.close()
    const v1 = new Database(file)
    v1.pragma('foreign_keys = ON')
    v1.exec(`INSERT INTO deliveries (id, publication, revision, channel, state, attempts, created_at, updated_at) VALUES (7, 'p', 'r', 'wechat', 'running', 2, 't', 't');
             INSERT INTO delivery_steps (delivery_id, step, value, recorded_at) VALUES (7, 'z_first', '1', 't'), (7, 'a_second', '2', 't')`)
    expect(() => v1.exec(`UPDATE deliveries SET state = 'unknown' WHERE id = 7`)).toThrow(/CHECK/)
    v1.close()
    const b = openSqliteStore(file)
    expect(b.schemaVersion).toBe(NEWEST)
    const k = { publication: 'p', revision: 'r', channel: 'wechat' }
    expect(Object.entries((await b.ledger.get(k))?.steps ?? {})).toEqual([
      ['z_first', '1'],
      ['a_second', '2'],
    ])
    await b.ledger.setState(k, 'unknown', { error: { code: 'wechat/needs-check', message: '需核实' } })
    expect((await b.ledger.list({ state: 'unknown' })).map((r) => [r.publication, r.attempts])).toEqual([['p', 2]])
    await b.close()
    inspect(file, (db) => expect(db.pragma('foreign_key_check')).toEqual([]))
  })

  it('creates the folder and the file on first use, in WAL mode, at the newest schema version', async () => {
    const file = join(dir, 'project', '.gongkai', 'ledger.sqlite')
    const store = openSqliteStore(file, { now: () => new Date('2026-03-01T08:00:00Z') })
    expect(store.file).toBe(file)
    expect(store.schemaVersion).toBe(NEWEST)
    expect(existsSync(file)).toBe(true)
    await store.close()
    await store.close() // closing twice is harmless
    inspect(file, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('user_version', { simple: true })).toBe(NEWEST)
      expect(db.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: '2026-03-01T08:00:00.000Z' })))
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()
      expect(tables).toEqual(expect.arrayContaining(['deliveries', 'delivery_steps', 'jobs', 'kv', 'ledger_clock', 'ledger_meta', 'locks', 'schema_migrations']))
    })
  })

  it('keeps everything across a reopen and migrates nothing twice', async () => {
    const file = join(dir, 'ledger.sqlite')
    let t = Date.parse('2026-03-01T08:00:00Z')
    const now = () => new Date(t)
    const a = openSqliteStore(file, { now })
    await a.ledger.open(key)
    await a.ledger.claim(key, 'a', 60_000)
    await a.ledger.recordStep(key, 'sheet_sha256', 'abc')
    await a.ledger.setState(key, 'delivered', { url: 'file:///print/hb-2026-001.pdf' })
    await a.kv.set('token', 'xyz')
    await a.jobs.enqueue({ schedule: 'weekly-print', runAt: '2026-03-02T00:00:00.000Z' })
    await a.jobs.acquireLock('daemon', 'a', now(), 60_000)
    const before = await a.ledger.get(key)
    await a.close()

    t -= 60_000 // the system clock went back a minute: stamps still move forward
    const b = openSqliteStore(file, { now })
    expect(b.schemaVersion).toBe(NEWEST)
    expect(await b.ledger.get(key)).toEqual(before)
    expect(await b.kv.get('token')).toBe('xyz')
    expect((await b.jobs.last('weekly-print'))?.id).toBe('weekly-print@2026-03-02T00:00:00.000Z')
    expect(await b.jobs.acquireLock('daemon', 'b', now(), 1000)).toBe(false)
    const other = { ...key, channel: 'kiosk' }
    expect((await b.ledger.open(other)).createdAt > (before?.updatedAt ?? '')).toBe(true)
    await b.close()
    inspect(file, (db) => expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length))
  })

  it('applies a later migration to an existing file and keeps its rows', async () => {
    const file = join(dir, 'ledger.sqlite')
    const a = openSqliteStore(file)
    await a.ledger.open(key)
    await a.ledger.recordStep(key, 'sheet_sha256', 'abc')
    await a.close()

    const next: Migration = { version: NEWEST + 1, name: 'delivery-operator', sql: 'ALTER TABLE deliveries ADD COLUMN operator TEXT' }
    const db = new Database(file)
    try {
      expect(migrate(db, file, [...MIGRATIONS, next], () => new Date('2026-04-01T00:00:00Z'))).toBe(NEWEST + 1)
      expect(migrate(db, file, [...MIGRATIONS, next])).toBe(NEWEST + 1) // a second run does nothing
      expect(db.pragma('user_version', { simple: true })).toBe(NEWEST + 1)
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([...MIGRATIONS, next].map((m) => ({ version: m.version, name: m.name })))
      expect(db.prepare('SELECT publication, operator FROM deliveries').all()).toEqual([{ publication: 'hb-2026-001', operator: null }])
    } finally {
      db.close()
    }

    // This release knows only up to NEWEST: it refuses to write a file that a newer release migrated.
    let error: unknown
    try {
      openSqliteStore(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GongkaiError)
    expect(error).toMatchObject({ code: 'store/newer-schema' })
    expect((error as Error).message).toContain(`结构版本为 ${NEWEST + 1}`)
    expect((error as Error).message).toContain(file)
  })

  it('brings a file of version 1 to the newest: its rows keep no release, and it gains one identity that stays', async () => {
    const file = join(dir, 'v1.sqlite')
    const db = new Database(file)
    migrate(
      db,
      file,
      MIGRATIONS.filter((m) => m.version === 1),
    )
    db.prepare("INSERT INTO deliveries (publication, revision, channel, state, created_at, updated_at) VALUES ('hb-2026-001', 'sha256:aaa', 'website', 'delivered', 'x', 'x')").run()
    db.close()
    const a = openSqliteStore(file)
    const record = await a.ledger.get({ publication: 'hb-2026-001', revision: 'sha256:aaa', channel: 'website' })
    expect(record?.state).toBe('delivered')
    expect(record).not.toHaveProperty('release')
    const id = await a.ledger.identity()
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    await a.close()
    const b = openSqliteStore(file)
    expect(await b.ledger.identity()).toBe(id)
    await b.close()
  })

  it('refuses a file that is not a database, naming it', () => {
    const file = join(dir, 'catalog.yaml')
    writeFileSync(file, 'items:\n  - code: A01\n'.repeat(200))
    expect(() => openSqliteStore(file)).toThrow(GongkaiError)
    try {
      openSqliteStore(file)
    } catch (e) {
      expect(e).toMatchObject({ code: 'store/corrupt' })
      expect((e as Error).message).toContain(`台账文件 ${file} 已损坏或不是 gongkai 的台账（文件头不是 SQLite 数据库）`)
    }
  })

  it('refuses a ledger whose pages are damaged (quick_check on open), in Chinese, before any read', async () => {
    const file = join(dir, 'ledger.sqlite')
    const a = openSqliteStore(file)
    for (let i = 0; i < 400; i++) {
      const k = { ...key, publication: `hb-2026-${String(i).padStart(3, '0')}` }
      await a.ledger.open(k)
      await a.ledger.recordStep(k, 'sheet_sha256', 'x'.repeat(200))
    }
    await a.close()
    const bytes = readFileSync(file)
    expect(bytes.length).toBeGreaterThan(40 * 4096)
    // Garbage over pages in the middle; the header (page 1) stays, so SQLite opens it as a database.
    bytes.fill(0x5a, 10 * 4096, 30 * 4096)
    writeFileSync(file, bytes)
    let error: unknown
    try {
      openSqliteStore(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GongkaiError)
    expect(error).toMatchObject({ code: 'store/corrupt' })
    expect((error as GongkaiError).message).toMatch(/^台账文件 .* 已损坏或不是 gongkai 的台账（SQLite 完整性检查发现问题：/)
    expect((error as GongkaiError).hint).toContain('gongkai ledger rebuild')
    expect((error as Error).stack ?? '').not.toMatch(/^SqliteError/)
  })

  it('checks its options at once', () => {
    expect(() => openSqliteStore('')).toThrow(OptionsError)
    expect(() => openSqliteStore(join(dir, 'a.sqlite'), { synchronous: 'off' as 'full' })).toThrow(/synchronous/)
    expect(() => openSqliteStore(join(dir, 'a.sqlite'), { busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs/)
    expect(existsSync(join(dir, 'a.sqlite'))).toBe(false)
  })

  it('works on :memory: for tests that want no file', async () => {
    const store = openSqliteStore(':memory:')
    await store.ledger.open(key)
    expect(await store.ledger.claim(key, 'a', 1000)).toBe(true)
    await store.close()
  })
})
