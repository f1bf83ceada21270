/** The ledger (台账) on SQLite: one row per delivery key, steps in their own table. */
import type Database from 'better-sqlite3'
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { DeliveryKey, DeliveryRecord, DeliveryState, Ledger, LedgerFilter, ReleaseRef } from '@gongkai/core'
import type { Runner } from './busy.js'

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
  created_at: string
  updated_at: string
  delivered_at: string | null
  release_id: string | null
  release_manifest_hash: string | null
}

interface StepRow {
  delivery_id: number
  step: string
  value: string
}

const COLUMNS = 'id, publication, revision, channel, state, attempts, url, error_code, error_message, created_at, updated_at, delivered_at, release_id, release_manifest_hash'

const toRecord = (r: DeliveryRow, steps: Record<string, string>): DeliveryRecord => ({
  publication: r.publication,
  revision: r.revision,
  channel: r.channel,
  state: r.state,
  attempts: r.attempts,
  steps,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  ...(r.url === null ? {} : { url: r.url }),
  ...(r.error_code === null ? {} : { error: { code: r.error_code, message: r.error_message ?? '' } }),
  ...(r.delivered_at === null ? {} : { deliveredAt: r.delivered_at }),
  ...(r.release_id === null ? {} : { release: { id: r.release_id, manifestHash: r.release_manifest_hash ?? '' } }),
})

const unknownKey = (key: DeliveryKey) =>
  new GongkaiError(ERRORS.LedgerUnknownDelivery, `台账中没有这条投递记录：${key.publication}/${key.channel}/${key.revision}`, {
    hint: '先调用 ledger.open(key) 建立记录，再认领、记录步骤或设置状态。',
  })

/** A ledger on an open SQLite connection. Every change runs in `BEGIN IMMEDIATE`, so processes sharing the file take turns. */
export function createSqliteLedger(db: Database.Database, now: () => Date, run: Runner): Ledger {
  const selectByKey = db.prepare<[string, string, string], DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE publication = ? AND revision = ? AND channel = ?`)
  const selectSteps = db.prepare<[number], StepRow>('SELECT delivery_id, step, value FROM delivery_steps WHERE delivery_id = ? ORDER BY rowid')
  const selectClock = db.prepare<[], { last_ms: number }>('SELECT last_ms FROM ledger_clock WHERE id = 1')
  const updateClock = db.prepare<[number]>('UPDATE ledger_clock SET last_ms = ? WHERE id = 1')
  const insert = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO deliveries (publication, revision, channel, state, attempts, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING`,
  )
  const claimRow = db.prepare<{ id: number; holder: string; t: number; until: number; at: string; over: string | null }>(
    `UPDATE deliveries
        SET claim_holder = @holder, claim_until = @until, attempts = attempts + 1, state = 'running', updated_at = @at
      WHERE id = @id
        AND state NOT IN ('delivered', 'withdrawn')
        AND (claim_holder IS NULL OR claim_holder = @holder OR coalesce(claim_until, 0) <= @t OR claim_holder = @over)`,
  )
  const renewRow = db.prepare<{ id: number; holder: string; until: number }>('UPDATE deliveries SET claim_until = @until WHERE id = @id AND claim_holder = @holder')
  const releaseRow = db.prepare<{ id: number; holder: string; at: string }>(
    `UPDATE deliveries
        SET claim_holder = NULL, claim_until = NULL, updated_at = @at,
            state = CASE state WHEN 'running' THEN 'pending' ELSE state END
      WHERE id = @id AND claim_holder = @holder`,
  )
  const holderOf = db.prepare<[number], { claim_holder: string | null }>('SELECT claim_holder FROM deliveries WHERE id = ?')
  const selectStep = db.prepare<[number, string], { value: string }>('SELECT value FROM delivery_steps WHERE delivery_id = ? AND step = ?')
  const insertStep = db.prepare<[number, string, string, string]>('INSERT INTO delivery_steps (delivery_id, step, value, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
  const touch = db.prepare<[string, number]>('UPDATE deliveries SET updated_at = ? WHERE id = ?')
  const setRow = db.prepare<{
    id: number
    state: DeliveryState
    at: string
    url: string | null
    releaseId: string | null
    releaseHash: string | null
    code: string | null
    message: string | null
    clearError: number
    delivered: number
    final: number
  }>(
    `UPDATE deliveries
        SET state = @state,
            updated_at = @at,
            url = coalesce(@url, url),
            release_id = coalesce(@releaseId, release_id),
            release_manifest_hash = CASE WHEN @releaseId IS NOT NULL THEN @releaseHash ELSE release_manifest_hash END,
            error_code = CASE WHEN @code IS NOT NULL THEN @code WHEN @clearError THEN NULL ELSE error_code END,
            error_message = CASE WHEN @code IS NOT NULL THEN @message WHEN @clearError THEN NULL ELSE error_message END,
            delivered_at = CASE WHEN @delivered THEN @at ELSE delivered_at END,
            claim_holder = CASE WHEN @final THEN NULL ELSE claim_holder END,
            claim_until = CASE WHEN @final THEN NULL ELSE claim_until END
      WHERE id = @id`,
  )
  const selectIdentity = db.prepare<[], { value: string }>("SELECT value FROM ledger_meta WHERE key = 'identity'")
  const selectLatest = db.prepare<[string, string], DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE publication = ? AND channel = ? ORDER BY updated_at DESC, id ASC LIMIT 1`)

  /** Strictly increasing over the whole file (not only this process), so `latest` is well defined within one millisecond. */
  const peekStamp = (): number => Math.max(now().getTime(), (selectClock.get()?.last_ms ?? 0) + 1)
  const stamp = (): string => {
    const t = peekStamp()
    updateClock.run(t)
    return new Date(t).toISOString()
  }
  const idOf = (key: DeliveryKey): number => {
    const row = selectByKey.get(key.publication, key.revision, key.channel)
    if (row === undefined) throw unknownKey(key)
    return row.id
  }
  const stepsOf = (id: number): Record<string, string> => {
    const steps: Record<string, string> = {}
    for (const s of selectSteps.all(id)) steps[s.step] = s.value
    return steps
  }
  // A read transaction, so that the row and its steps come from one snapshot.
  const read = db.transaction((key: DeliveryKey) => {
    const row = selectByKey.get(key.publication, key.revision, key.channel)
    return row === undefined ? undefined : toRecord(row, stepsOf(row.id))
  })
  const readLatest = db.transaction((publication: string, channel: string) => {
    const row = selectLatest.get(publication, channel)
    return row === undefined ? undefined : toRecord(row, stepsOf(row.id))
  })

  const open = db.transaction((key: DeliveryKey): DeliveryRecord => {
    const found = selectByKey.get(key.publication, key.revision, key.channel)
    if (found !== undefined) return toRecord(found, stepsOf(found.id))
    const t = stamp()
    insert.run(key.publication, key.revision, key.channel, t, t)
    const row = selectByKey.get(key.publication, key.revision, key.channel)
    if (row === undefined) throw unknownKey(key)
    return toRecord(row, {})
  })
  const claim = db.transaction((key: DeliveryKey, holder: string, ttlMs: number, takeOver: ((holder: string) => boolean) | undefined): boolean => {
    const id = idOf(key)
    const t = now().getTime()
    // The clock moves only when the claim is taken, as in the memory ledger.
    const at = peekStamp()
    const current = holderOf.get(id)?.claim_holder ?? null
    const over = current !== null && current !== holder && takeOver?.(current) === true ? current : null
    const taken = claimRow.run({ id, holder, t, until: t + ttlMs, at: new Date(at).toISOString(), over }).changes === 1
    if (taken) updateClock.run(at)
    return taken
  })
  const release = db.transaction((key: DeliveryKey, holder: string): void => {
    const id = idOf(key)
    if (holderOf.get(id)?.claim_holder !== holder) return
    releaseRow.run({ id, holder, at: stamp() })
  })
  const recordStep = db.transaction((key: DeliveryKey, step: string, value: string): string => {
    const id = idOf(key)
    const existing = selectStep.get(id, step)
    if (existing !== undefined) return existing.value
    const t = stamp()
    insertStep.run(id, step, value, t)
    touch.run(t, id)
    return value
  })
  const setState = db.transaction(
    (key: DeliveryKey, state: DeliveryState, detail: { readonly url?: string; readonly error?: { readonly code: string; readonly message: string }; readonly release?: ReleaseRef }) => {
      const id = idOf(key)
      setRow.run({
        id,
        state,
        at: stamp(),
        url: detail.url ?? null,
        releaseId: detail.release?.id ?? null,
        releaseHash: detail.release?.manifestHash ?? null,
        code: detail.error?.code ?? null,
        message: detail.error?.message ?? null,
        clearError: state === 'delivered' ? 1 : 0,
        delivered: state === 'delivered' ? 1 : 0,
        final: state === 'running' ? 0 : 1,
      })
    },
  )

  const listCache = new Map<string, { rows: Database.Statement<unknown[], DeliveryRow>; steps: Database.Statement<unknown[], StepRow> }>()
  const listStatements = (filter: LedgerFilter) => {
    const where: string[] = []
    if (filter.channel !== undefined) where.push('d.channel = @channel')
    if (filter.publication !== undefined) where.push('d.publication = @publication')
    if (filter.state !== undefined) where.push('d.state = @state')
    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
    let s = listCache.get(clause)
    if (s === undefined) {
      s = {
        rows: db.prepare(
          `SELECT ${COLUMNS.split(', ')
            .map((c) => `d.${c}`)
            .join(', ')} FROM deliveries d ${clause} ORDER BY d.id`,
        ),
        steps: db.prepare(`SELECT s.delivery_id, s.step, s.value FROM delivery_steps s JOIN deliveries d ON d.id = s.delivery_id ${clause} ORDER BY s.rowid`),
      }
      listCache.set(clause, s)
    }
    return s
  }
  const list = db.transaction((filter: LedgerFilter): DeliveryRecord[] => {
    const params: Record<string, string> = {}
    if (filter.channel !== undefined) params['channel'] = filter.channel
    if (filter.publication !== undefined) params['publication'] = filter.publication
    if (filter.state !== undefined) params['state'] = filter.state
    const s = listStatements(filter)
    const steps = new Map<number, Record<string, string>>()
    for (const st of s.steps.all(params)) {
      let m = steps.get(st.delivery_id)
      if (m === undefined) steps.set(st.delivery_id, (m = {}))
      m[st.step] = st.value
    }
    return s.rows.all(params).map((r) => toRecord(r, steps.get(r.id) ?? {}))
  })

  return {
    get: (key) => run(() => read(key)),
    // Most opens find the row: read first, and take the write lock only to create it.
    open: async (key) => (await run(() => read(key))) ?? run(() => open.immediate(key)),
    claim: (key, holder, ttlMs, options = {}) => run(() => claim.immediate(key, holder, ttlMs, options.takeOver)),
    renew: (key, holder, ttlMs) => run(() => renewRow.run({ id: idOf(key), holder, until: now().getTime() + ttlMs }).changes === 1),
    release: (key, holder) => run(() => release.immediate(key, holder)),
    recordStep: (key, step, value) => run(() => recordStep.immediate(key, step, value)),
    setState: (key, state, detail = {}) => run(() => setState.immediate(key, state, detail)),
    list: (filter = {}) => run(() => list(filter)),
    latest: (publication, channel) => run(() => readLatest(publication, channel)),
    identity: () => run(() => selectIdentity.get()?.value ?? ''),
  }
}
