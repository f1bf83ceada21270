/** The key-value store on SQLite (token cache and the like). */
import type Database from 'better-sqlite3'
import type { KeyValueStore } from '@gongkai/core'
import type { Runner } from './busy.js'

/** A key-value store on an open SQLite connection; expired values read as undefined and are removed. */
export function createSqliteKv(db: Database.Database, now: () => Date, run: Runner): KeyValueStore {
  const select = db.prepare<[string], { value: string; expires_at: number | null }>('SELECT value, expires_at FROM kv WHERE key = ?')
  const upsert = db.prepare<[string, string, number | null]>(
    'INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
  )
  // Only the expired value goes: a fresh one set meanwhile by another process stays.
  const dropExpired = db.prepare<[string, number]>('DELETE FROM kv WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?')
  const remove = db.prepare<[string]>('DELETE FROM kv WHERE key = ?')
  const set = db.transaction((key: string, value: string, expiresAt: number | null) => void upsert.run(key, value, expiresAt))
  const drop = db.transaction((key: string, t: number) => void dropExpired.run(key, t))
  const del = db.transaction((key: string) => void remove.run(key))
  const read = (key: string): string | undefined => {
    const row = select.get(key)
    if (row === undefined) return undefined
    const t = now().getTime()
    if (row.expires_at !== null && row.expires_at <= t) {
      drop.immediate(key, t)
      return undefined
    }
    return row.value
  }
  return {
    get: (key) => run(() => read(key)),
    set: (key, value, expiresAt) => run(() => set.immediate(key, value, expiresAt ?? null)),
    delete: (key) => run(() => del.immediate(key)),
  }
}
