/** The ledger (台账) on PostgreSQL: one row per body and delivery key, steps in their own table. */
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { DeliveryKey, DeliveryRecord, DeliveryState, Ledger, LedgerFilter } from '@gongkai/core'
import type { Db } from './db.js'

interface DeliveryRow {
  id: number
  publication: string
  revision: string
  channel: string
  state: DeliveryState
  attempts: number
  url: string | null
  error_code: string | null
  error_message: string | null
  claim_holder: string | null
  claim_until: number | null
  created_at: Date
  updated_at: Date
  delivered_at: Date | null
  release_id: string | null
  release_manifest_hash: string | null
  steps: [string, string][] | null
}

// The steps come in the same statement as the row, so both are read in one snapshot.
const COLUMNS = `d.id, d.publication, d.revision, d.channel, d.state, d.attempts, d.url, d.error_code, d.error_message, d.claim_holder, d.claim_until,
  d.created_at, d.updated_at, d.delivered_at, d.release_id, d.release_manifest_hash,
  (SELECT json_agg(json_build_array(s.step, s.value) ORDER BY s.seq) FROM delivery_steps s WHERE s.delivery_id = d.id) AS steps`

const toRecord = (r: DeliveryRow): DeliveryRecord => ({
  publication: r.publication,
  revision: r.revision,
  channel: r.channel,
  state: r.state,
  attempts: r.attempts,
  steps: Object.fromEntries(r.steps ?? []),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  ...(r.url === null ? {} : { url: r.url }),
  ...(r.error_code === null ? {} : { error: { code: r.error_code, message: r.error_message ?? '' } }),
  ...(r.delivered_at === null ? {} : { deliveredAt: r.delivered_at.toISOString() }),
  ...(r.release_id === null ? {} : { release: { id: r.release_id, manifestHash: r.release_manifest_hash ?? '' } }),
})

const unknownKey = (key: DeliveryKey) =>
  new GongkaiError(ERRORS.LedgerUnknownDelivery, `台账中没有这条投递记录：${key.publication}/${key.channel}/${key.revision}`, {
    hint: '先调用 ledger.open(key) 建立记录，再认领、记录步骤或设置状态。',
  })

/**
 * A ledger of one body. Every change is one call of a function of migration 2, one round trip and one transaction:
 * it locks the delivery's row first and the body's clock row last (always in that order, so two workers never
 * deadlock), and holds the clock only from the stamp to the commit: `max(now, last + 1 ms)`, strictly increasing over
 * the whole body as in the SQLite store.
 */
export function createPostgresLedger(db: Db, body: string, now: () => Date): Ledger {
  const args = (key: DeliveryKey) => [body, key.publication, key.revision, key.channel]
  const get = async (key: DeliveryKey): Promise<DeliveryRecord | undefined> => {
    const [row] = await db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries d WHERE d.body = $1 AND d.publication = $2 AND d.revision = $3 AND d.channel = $4`, args(key))
    return row === undefined ? undefined : toRecord(row)
  }
  const claimOnce = async (key: DeliveryKey, holder: string, ttlMs: number, over: string | null): Promise<string> => {
    const [row] = await db.query<{ r: string }>('SELECT gongkai_claim($1, $2, $3, $4, $5, $6, $7, $8) AS r', [...args(key), holder, now().getTime(), ttlMs, over])
    if (row === undefined || row.r === 'unknown') throw unknownKey(key)
    return row.r
  }

  return {
    get,
    // Most opens find the row: read first, and write only to create it.
    open: async (key) => {
      const found = await get(key)
      if (found !== undefined) return found
      await db.query('SELECT gongkai_open($1, $2, $3, $4, $5)', [...args(key), now().getTime()])
      const made = await get(key)
      if (made === undefined) throw unknownKey(key)
      return made
    },
    claim: async (key, holder, ttlMs, options = {}) => {
      const first = await claimOnce(key, holder, ttlMs, null)
      if (first === 'taken') return true
      if (!first.startsWith('live:') || options.takeOver === undefined) return false
      // A live-looking claim: taken only when its holder is said dead, and only if it is still that holder's.
      const current = first.slice('live:'.length)
      return options.takeOver(current) && (await claimOnce(key, holder, ttlMs, current)) === 'taken'
    },
    renew: async (key, holder, ttlMs) => {
      const rows = await db.query<{ id: number }>('UPDATE deliveries SET claim_until = $6 WHERE body = $1 AND publication = $2 AND revision = $3 AND channel = $4 AND claim_holder = $5 RETURNING id', [
        ...args(key),
        holder,
        now().getTime() + ttlMs,
      ])
      if (rows.length === 1) return true
      if ((await get(key)) === undefined) throw unknownKey(key)
      return false
    },
    release: async (key, holder) => {
      const [row] = await db.query<{ found: boolean }>('SELECT gongkai_release($1, $2, $3, $4, $5, $6) AS found', [...args(key), holder, now().getTime()])
      if (row?.found !== true) throw unknownKey(key)
    },
    recordStep: async (key, step, value) => {
      const [row] = await db.query<{ v: string | null }>('SELECT gongkai_record_step($1, $2, $3, $4, $5, $6, $7) AS v', [...args(key), step, value, now().getTime()])
      if (row?.v === null || row?.v === undefined) throw unknownKey(key)
      return row.v
    },
    setState: async (key, state, detail = {}) => {
      const [row] = await db.query<{ found: boolean }>('SELECT gongkai_set_state($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS found', [
        ...args(key),
        state,
        now().getTime(),
        detail.url ?? null,
        detail.release?.id ?? null,
        detail.release?.manifestHash ?? null,
        detail.error?.code ?? null,
        detail.error?.message ?? null,
      ])
      if (row?.found !== true) throw unknownKey(key)
    },
    list: async (filter: LedgerFilter = {}) => {
      const where = ['d.body = $1']
      const params: unknown[] = [body]
      for (const [column, value] of [
        ['channel', filter.channel],
        ['publication', filter.publication],
        ['state', filter.state],
      ] as const) {
        if (value === undefined) continue
        params.push(value)
        where.push(`d.${column} = $${params.length}`)
      }
      const rows = await db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries d WHERE ${where.join(' AND ')} ORDER BY d.id`, params)
      return rows.map(toRecord)
    },
    latest: async (publication, channel) => {
      const [row] = await db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries d WHERE d.body = $1 AND d.publication = $2 AND d.channel = $3 ORDER BY d.updated_at DESC, d.id ASC LIMIT 1`, [
        body,
        publication,
        channel,
      ])
      return row === undefined ? undefined : toRecord(row)
    },
    identity: async () => (await db.query<{ identity: string }>('SELECT identity FROM bodies WHERE body = $1', [body]))[0]?.identity ?? '',
  }
}
