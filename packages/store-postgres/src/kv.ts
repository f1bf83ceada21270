/** The key-value store on PostgreSQL (the WeChat token cache and the like), one body's keys only. */
import type { KeyValueStore } from '@gongkai/core'
import type { Db } from './db.js'

/** A key-value store of one body; an expired value reads as undefined and is removed. */
export function createPostgresKv(db: Db, body: string, now: () => Date): KeyValueStore {
  return {
    async get(key) {
      const [row] = await db.query<{ value: string; expires_at: number | null }>('SELECT value, expires_at FROM kv WHERE body = $1 AND key = $2', [body, key])
      if (row === undefined) return undefined
      const t = now().getTime()
      if (row.expires_at !== null && row.expires_at <= t) {
        // Only the expired value goes: a fresh one set meanwhile by another worker stays.
        await db.query('DELETE FROM kv WHERE body = $1 AND key = $2 AND expires_at IS NOT NULL AND expires_at <= $3', [body, key, t])
        return undefined
      }
      return row.value
    },
    async set(key, value, expiresAt) {
      await db.query('INSERT INTO kv (body, key, value, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (body, key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at', [
        body,
        key,
        value,
        expiresAt ?? null,
      ])
    },
    async delete(key) {
      await db.query('DELETE FROM kv WHERE body = $1 AND key = $2', [body, key])
    },
  }
}
