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

type Q = Parameters<Parameters<Db['tx']>[0]>[0]

/**
 * A ledger of one body. Every change is one transaction that locks the delivery's row first and the body's clock
 * row last (always in that order, so two workers never deadlock), and the clock is held only from the stamp to the
 * commit: `max(now, last + 1 ms)`, strictly increasing over the whole body as in the SQLite store.
 */
export function createPostgresLedger(db: Db, body: string, now: () => Date): Ledger {
  const lockRow = async (q: Q, key: DeliveryKey): Promise<DeliveryRow> => {
    const [row] = await q<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries d WHERE d.body = $1 AND d.publication = $2 AND d.revision = $3 AND d.channel = $4 FOR UPDATE OF d`, [
      body,
      key.publication,
      key.revision,
      key.channel,
    ])
    if (row === undefined) throw unknownKey(key)
    return row
  }
  const stamp = async (q: Q): Promise<Date> => {
    const [row] = await q<{ clock_ms: number }>('UPDATE bodies SET clock_ms = GREATEST($2::bigint, clock_ms + 1) WHERE body = $1 RETURNING clock_ms', [body, now().getTime()])
    // The body's row is made when its store is; only a deleted body has none.
    if (row === undefined) throw new GongkaiError(ERRORS.StorePgQuery, `PostgreSQL 台账中没有机构 ${body} 的记录（bodies 表中的行被删除了）`)
    return new Date(row.clock_ms)
  }
  const get = async (key: DeliveryKey): Promise<DeliveryRecord | undefined> => {
    const [row] = await db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries d WHERE d.body = $1 AND d.publication = $2 AND d.revision = $3 AND d.channel = $4`, [
      body,
      key.publication,
      key.revision,
      key.channel,
    ])
    return row === undefined ? undefined : toRecord(row)
  }

  return {
    get,
    // Most opens find the row: read first, and write only to create it.
    open: async (key) =>
      (await get(key)) ??
      db.tx(async (q) => {
        const inserted = await q<{ id: number }>(
          `INSERT INTO deliveries (body, publication, revision, channel, state, attempts, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'pending', 0, 'epoch', 'epoch') ON CONFLICT DO NOTHING RETURNING id`,
          [body, key.publication, key.revision, key.channel],
        )
        const id = inserted[0]?.id
        // Another worker created it meanwhile (this insert waited for its commit): theirs stands.
        if (id !== undefined) {
          const t = await stamp(q)
          await q('UPDATE deliveries SET created_at = $2, updated_at = $2 WHERE id = $1', [id, t])
        }
        return toRecord(await lockRow(q, key))
      }),
    claim: (key, holder, ttlMs, options = {}) =>
      db.tx(async (q) => {
        const row = await lockRow(q, key)
        const t = now().getTime()
        if (row.state === 'delivered' || row.state === 'withdrawn') return false
        const current = row.claim_holder
        const live = current !== null && current !== holder && (row.claim_until ?? 0) > t
        if (live && options.takeOver?.(current) !== true) return false
        // The clock moves only when the claim is taken, as in the memory ledger.
        const at = await stamp(q)
        await q("UPDATE deliveries SET claim_holder = $2, claim_until = $3, attempts = attempts + 1, state = 'running', updated_at = $4 WHERE id = $1", [row.id, holder, t + ttlMs, at])
        return true
      }),
    renew: async (key, holder, ttlMs) => {
      const rows = await db.query<{ id: number }>('UPDATE deliveries SET claim_until = $6 WHERE body = $1 AND publication = $2 AND revision = $3 AND channel = $4 AND claim_holder = $5 RETURNING id', [
        body,
        key.publication,
        key.revision,
        key.channel,
        holder,
        now().getTime() + ttlMs,
      ])
      if (rows.length === 1) return true
      if ((await get(key)) === undefined) throw unknownKey(key)
      return false
    },
    release: (key, holder) =>
      db.tx(async (q) => {
        const row = await lockRow(q, key)
        if (row.claim_holder !== holder) return
        const at = await stamp(q)
        await q(
          `UPDATE deliveries SET claim_holder = NULL, claim_until = NULL, updated_at = $2,
                  state = CASE state WHEN 'running' THEN 'pending' ELSE state END
            WHERE id = $1`,
          [row.id, at],
        )
      }),
    recordStep: (key, step, value) =>
      db.tx(async (q) => {
        const row = await lockRow(q, key)
        const existing = (row.steps ?? []).find(([s]) => s === step)
        if (existing !== undefined) return existing[1]
        const at = await stamp(q)
        await q('INSERT INTO delivery_steps (delivery_id, step, value, recorded_at) VALUES ($1, $2, $3, $4)', [row.id, step, value, at])
        await q('UPDATE deliveries SET updated_at = $2 WHERE id = $1', [row.id, at])
        return value
      }),
    setState: (key, state, detail = {}) =>
      db.tx(async (q) => {
        const row = await lockRow(q, key)
        const at = await stamp(q)
        const delivered = state === 'delivered'
        await q(
          `UPDATE deliveries
              SET state = $2,
                  updated_at = $3,
                  url = coalesce($4, url),
                  release_id = coalesce($5, release_id),
                  release_manifest_hash = CASE WHEN $5::text IS NOT NULL THEN $6 ELSE release_manifest_hash END,
                  error_code = CASE WHEN $7::text IS NOT NULL THEN $7 WHEN $9 THEN NULL ELSE error_code END,
                  error_message = CASE WHEN $7::text IS NOT NULL THEN $8 WHEN $9 THEN NULL ELSE error_message END,
                  delivered_at = CASE WHEN $9 THEN $3 ELSE delivered_at END,
                  claim_holder = CASE WHEN $10 THEN NULL ELSE claim_holder END,
                  claim_until = CASE WHEN $10 THEN NULL ELSE claim_until END
            WHERE id = $1`,
          [
            row.id,
            state,
            at,
            detail.url ?? null,
            detail.release?.id ?? null,
            detail.release?.manifestHash ?? null,
            detail.error?.code ?? null,
            detail.error?.message ?? null,
            delivered,
            state !== 'running',
          ],
        )
      }),
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
