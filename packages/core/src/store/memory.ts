/** In-memory store for tests and embedding: the same semantics as the SQLite store, in one process. */
import { randomUUID } from 'node:crypto'
import { GongkaiError } from '../diagnostics.js'
import { ERRORS } from '../errors-data.js'
import type { AuditEntry, AuditLog, DeliveryKey, DeliveryRecord, DeliveryState, Job, JobStore, KeyValueStore, Ledger, LedgerFilter, Store } from '../store.js'

const keyOf = (k: DeliveryKey) => `${k.publication}\u0000${k.revision}\u0000${k.channel}`

type MutableRecord = { -readonly [K in keyof DeliveryRecord]: DeliveryRecord[K] } & {
  steps: Record<string, string>
  claimHolder?: string
  claimUntil?: number
}

/** A ledger held in memory. */
export function createMemoryLedger(now: () => Date = () => new Date()): Ledger {
  const rows = new Map<string, MutableRecord>()
  const id = randomUUID()
  let tick = 0
  const stamp = () => {
    // Strictly increasing, so `latest` is well defined within one millisecond.
    const t = Math.max(now().getTime(), tick + 1)
    tick = t
    return new Date(t).toISOString()
  }
  const view = (r: MutableRecord): DeliveryRecord => {
    const { claimHolder: _h, claimUntil: _u, ...rest } = r
    return { ...rest, steps: { ...r.steps } }
  }
  const must = (key: DeliveryKey): MutableRecord => {
    const r = rows.get(keyOf(key))
    if (r === undefined) throw GongkaiError.from(ERRORS.LedgerUnknownDelivery, `${key.publication}/${key.channel}/${key.revision}`)
    return r
  }
  const ledger: Ledger = {
    async get(key) {
      const r = rows.get(keyOf(key))
      return r === undefined ? undefined : view(r)
    },
    async open(key) {
      let r = rows.get(keyOf(key))
      if (r === undefined) {
        const t = stamp()
        r = { ...key, state: 'pending', attempts: 0, steps: {}, createdAt: t, updatedAt: t }
        rows.set(keyOf(key), r)
      }
      return view(r)
    },
    async claim(key, holder, ttlMs, options = {}) {
      const r = must(key)
      const t = now().getTime()
      if (r.state === 'delivered' || r.state === 'withdrawn') return false
      if (r.claimHolder !== undefined && r.claimHolder !== holder && (r.claimUntil ?? 0) > t && options.takeOver?.(r.claimHolder) !== true) return false
      r.claimHolder = holder
      r.claimUntil = t + ttlMs
      r.attempts += 1
      r.state = 'running'
      r.updatedAt = stamp()
      return true
    },
    async renew(key, holder, ttlMs) {
      const r = must(key)
      if (r.claimHolder !== holder) return false
      r.claimUntil = now().getTime() + ttlMs
      return true
    },
    async release(key, holder) {
      const r = must(key)
      if (r.claimHolder !== holder) return
      delete r.claimHolder
      delete r.claimUntil
      if (r.state === 'running') r.state = 'pending'
      r.updatedAt = stamp()
    },
    async recordStep(key, step, value) {
      const r = must(key)
      const existing = r.steps[step]
      if (existing !== undefined) return existing
      r.steps[step] = value
      r.updatedAt = stamp()
      return value
    },
    async setState(key, state: DeliveryState, detail = {}) {
      const r = must(key)
      r.state = state
      r.updatedAt = stamp()
      if (detail.url !== undefined) r.url = detail.url
      if (detail.release !== undefined) r.release = { id: detail.release.id, manifestHash: detail.release.manifestHash }
      if (detail.error !== undefined) r.error = detail.error
      else if (state === 'delivered') delete r.error
      if (state === 'delivered') r.deliveredAt = r.updatedAt
      if (state !== 'running') {
        delete r.claimHolder
        delete r.claimUntil
      }
    },
    async list(filter: LedgerFilter = {}) {
      return [...rows.values()]
        .filter(
          (r) =>
            (filter.channel === undefined || r.channel === filter.channel) &&
            (filter.publication === undefined || r.publication === filter.publication) &&
            (filter.state === undefined || r.state === filter.state),
        )
        .map(view)
    },
    async latest(publication, channel) {
      let best: MutableRecord | undefined
      for (const r of rows.values()) {
        if (r.publication !== publication || r.channel !== channel) continue
        if (best === undefined || r.updatedAt > best.updatedAt) best = r
      }
      return best === undefined ? undefined : view(best)
    },
    async identity() {
      return id
    },
  }
  return ledger
}

/** A key-value store held in memory. */
export function createMemoryKv(now: () => Date = () => new Date()): KeyValueStore {
  const map = new Map<string, { value: string; expiresAt: number | undefined }>()
  return {
    async get(key) {
      const e = map.get(key)
      if (e === undefined) return undefined
      if (e.expiresAt !== undefined && e.expiresAt <= now().getTime()) {
        map.delete(key)
        return undefined
      }
      return e.value
    },
    async set(key, value, expiresAt) {
      map.set(key, { value, expiresAt })
    },
    async delete(key) {
      map.delete(key)
    },
  }
}

type MutableJob = { -readonly [K in keyof Job]: Job[K] }

/** A job store held in memory; `now` stamps `updatedAt` (inject it in tests). */
export function createMemoryJobStore(now: () => Date = () => new Date()): JobStore {
  const jobs = new Map<string, MutableJob>()
  const locks = new Map<string, { owner: string; until: number }>()
  const iso = (d: Date) => d.toISOString()
  const owned = (id: string, owner: string) => {
    const j = jobs.get(id)
    return j !== undefined && j.leaseOwner === owner ? j : undefined
  }
  return {
    async enqueue({ schedule, runAt }) {
      const id = `${schedule}@${runAt}`
      if (jobs.has(id)) return false
      jobs.set(id, { id, schedule, runAt, state: 'due', attempts: 0, nextAttemptAt: runAt, updatedAt: iso(now()) })
      return true
    },
    async claim(owner, now, leaseMs) {
      const t = now.getTime()
      const candidates = [...jobs.values()]
        .filter((j) => (j.state === 'due' && Date.parse(j.nextAttemptAt) <= t) || (j.state === 'running' && (j.leaseUntil ?? 0) <= t))
        .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id.localeCompare(b.id))
      const j = candidates[0]
      if (j === undefined) return undefined
      j.state = 'running'
      j.leaseOwner = owner
      j.leaseUntil = t + leaseMs
      j.attempts += 1
      j.updatedAt = iso(now)
      return { ...j }
    },
    async heartbeat(id, owner, now, leaseMs) {
      const j = owned(id, owner)
      if (j === undefined || j.state !== 'running') return false
      j.leaseUntil = now.getTime() + leaseMs
      return true
    },
    async complete(id, owner, result) {
      const j = owned(id, owner)
      if (j === undefined) return
      j.state = 'done'
      j.result = result
      delete j.leaseOwner
      delete j.leaseUntil
      j.updatedAt = iso(now())
    },
    async fail(id, owner, error, retryAt) {
      const j = owned(id, owner)
      if (j === undefined) return
      j.error = error
      delete j.leaseOwner
      delete j.leaseUntil
      if (retryAt === undefined) j.state = 'failed'
      else {
        j.state = 'due'
        j.nextAttemptAt = iso(retryAt)
      }
      j.updatedAt = iso(now())
    },
    async last(schedule) {
      let best: MutableJob | undefined
      for (const j of jobs.values()) if (j.schedule === schedule && (best === undefined || j.runAt > best.runAt)) best = j
      return best === undefined ? undefined : { ...best }
    },
    async list(filter = {}) {
      return [...jobs.values()].filter((j) => (filter.schedule === undefined || j.schedule === filter.schedule) && (filter.state === undefined || j.state === filter.state)).map((j) => ({ ...j }))
    },
    async acquireLock(name, owner, now, ttlMs) {
      const l = locks.get(name)
      const t = now.getTime()
      if (l !== undefined && l.owner !== owner && l.until > t) return false
      locks.set(name, { owner, until: t + ttlMs })
      return true
    },
    async releaseLock(name, owner) {
      if (locks.get(name)?.owner === owner) locks.delete(name)
    },
  }
}

/** An audit log held in memory. */
export function createMemoryAuditLog(now: () => Date = () => new Date()): AuditLog {
  const rows: AuditEntry[] = []
  return {
    async record(entry) {
      const row: AuditEntry = {
        id: rows.length + 1,
        at: now().toISOString(),
        actor: entry.actor,
        action: entry.action,
        ...(entry.subject === undefined ? {} : { subject: entry.subject }),
        ...(entry.detail === undefined ? {} : { detail: entry.detail }),
        outcome: entry.outcome,
      }
      rows.push(row)
      return row
    },
    async list(filter = {}) {
      return rows
        .filter((r) => (filter.actor === undefined || r.actor === filter.actor) && (filter.subject === undefined || r.subject === filter.subject))
        .reverse()
        .slice(0, filter.limit ?? 200)
    },
  }
}

/** Everything in memory: for tests and for embedding without a file. */
export function createMemoryStore(now: () => Date = () => new Date()): Store {
  return { ledger: createMemoryLedger(now), kv: createMemoryKv(now), jobs: createMemoryJobStore(now), audit: createMemoryAuditLog(now), async close() {} }
}
