/** The job store on SQLite: durable jobs with leases and named locks. */
import type Database from 'better-sqlite3'
import type { Job, JobState, JobStore } from '@gongkai/core'
import type { Runner } from './busy.js'

interface JobRow {
  id: string
  schedule: string
  run_at: string
  state: JobState
  attempts: number
  next_attempt_at: string
  lease_owner: string | null
  lease_until: number | null
  error: string | null
  result: string | null
  updated_at: string
}

const COLUMNS = 'id, schedule, run_at, state, attempts, next_attempt_at, lease_owner, lease_until, error, result, updated_at'

const toJob = (r: JobRow): Job => ({
  id: r.id,
  schedule: r.schedule,
  runAt: r.run_at,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  updatedAt: r.updated_at,
  ...(r.lease_owner === null ? {} : { leaseOwner: r.lease_owner }),
  ...(r.lease_until === null ? {} : { leaseUntil: r.lease_until }),
  ...(r.error === null ? {} : { error: r.error }),
  ...(r.result === null ? {} : { result: r.result }),
})

/** Epoch ms of an ISO date-time, or null when it does not parse (such a job is never due, as in the memory store). */
const msOf = (iso: string): number | null => {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** A job store on an open SQLite connection. Claims and locks are single guarded statements inside `BEGIN IMMEDIATE`. */
export function createSqliteJobStore(db: Database.Database, now: () => Date, run: Runner): JobStore {
  const insert = db.prepare<{ id: string; schedule: string; runAt: string; ms: number | null; at: string }>(
    `INSERT INTO jobs (id, schedule, run_at, state, attempts, next_attempt_at, next_attempt_ms, updated_at)
     VALUES (@id, @schedule, @runAt, 'due', 0, @runAt, @ms, @at) ON CONFLICT (id) DO NOTHING`,
  )
  // Ordered by the ISO text like the memory store (`localeCompare` on `nextAttemptAt`, then `id`); due-ness by epoch ms.
  const claimOne = db.prepare<{ owner: string; t: number; until: number; at: string }, JobRow>(
    `UPDATE jobs
        SET state = 'running', lease_owner = @owner, lease_until = @until, attempts = attempts + 1, updated_at = @at
      WHERE seq = (
        SELECT seq FROM jobs
         WHERE (state = 'due' AND next_attempt_ms <= @t)
            OR (state = 'running' AND coalesce(lease_until, 0) <= @t)
         ORDER BY next_attempt_at, id
         LIMIT 1)
      RETURNING ${COLUMNS}`,
  )
  const beat = db.prepare<{ id: string; owner: string; until: number }>("UPDATE jobs SET lease_until = @until WHERE id = @id AND lease_owner = @owner AND state = 'running'")
  const done = db.prepare<{ id: string; owner: string; result: string; at: string }>(
    "UPDATE jobs SET state = 'done', result = @result, lease_owner = NULL, lease_until = NULL, updated_at = @at WHERE id = @id AND lease_owner = @owner",
  )
  const failed = db.prepare<{ id: string; owner: string; error: string; at: string; retryAt: string | null; retryMs: number | null }>(
    `UPDATE jobs
        SET error = @error, lease_owner = NULL, lease_until = NULL, updated_at = @at,
            state = CASE WHEN @retryAt IS NULL THEN 'failed' ELSE 'due' END,
            next_attempt_at = coalesce(@retryAt, next_attempt_at),
            next_attempt_ms = CASE WHEN @retryAt IS NULL THEN next_attempt_ms ELSE @retryMs END
      WHERE id = @id AND lease_owner = @owner`,
  )
  const selectLast = db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE schedule = ? ORDER BY run_at DESC, seq ASC LIMIT 1`)
  const lock = db.prepare<{ name: string; owner: string; t: number; until: number }>(
    `INSERT INTO locks (name, owner, until) VALUES (@name, @owner, @until)
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
      WHERE locks.owner = excluded.owner OR locks.until <= @t`,
  )
  const unlock = db.prepare<{ name: string; owner: string }>('DELETE FROM locks WHERE name = @name AND owner = @owner')
  const listCache = new Map<string, Database.Statement<unknown[], JobRow>>()

  const write = <A extends unknown[], R>(fn: (...a: A) => R) => {
    const tx = db.transaction(fn)
    return (...a: A): Promise<R> => run(() => tx.immediate(...a))
  }
  const enqueue = write((schedule: string, runAt: string) => insert.run({ id: `${schedule}@${runAt}`, schedule, runAt, ms: msOf(runAt), at: now().toISOString() }).changes === 1)
  const claim = write((owner: string, t: Date, leaseMs: number) => {
    const row = claimOne.get({ owner, t: t.getTime(), until: t.getTime() + leaseMs, at: t.toISOString() })
    return row === undefined ? undefined : toJob(row)
  })
  const heartbeat = write((id: string, owner: string, t: Date, leaseMs: number) => beat.run({ id, owner, until: t.getTime() + leaseMs }).changes === 1)
  const complete = write((id: string, owner: string, result: string) => void done.run({ id, owner, result, at: now().toISOString() }))
  const fail = write(
    (id: string, owner: string, error: string, retryAt: Date | undefined) =>
      void failed.run({
        id,
        owner,
        error,
        at: now().toISOString(),
        retryAt: retryAt === undefined ? null : retryAt.toISOString(),
        retryMs: retryAt === undefined ? null : retryAt.getTime(),
      }),
  )
  const acquire = write((name: string, owner: string, t: Date, ttlMs: number) => lock.run({ name, owner, t: t.getTime(), until: t.getTime() + ttlMs }).changes === 1)
  const release = write((name: string, owner: string) => void unlock.run({ name, owner }))

  const list = (filter: { readonly schedule?: string; readonly state?: JobState }): Job[] => {
    const where: string[] = []
    const params: Record<string, string> = {}
    if (filter.schedule !== undefined) {
      where.push('schedule = @schedule')
      params['schedule'] = filter.schedule
    }
    if (filter.state !== undefined) {
      where.push('state = @state')
      params['state'] = filter.state
    }
    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
    let s = listCache.get(clause)
    if (s === undefined) listCache.set(clause, (s = db.prepare(`SELECT ${COLUMNS} FROM jobs ${clause} ORDER BY seq`)))
    return s.all(params).map(toJob)
  }

  return {
    enqueue: ({ schedule, runAt }) => enqueue(schedule, runAt),
    claim,
    heartbeat,
    complete,
    fail,
    last: (schedule) =>
      run(() => {
        const row = selectLast.get(schedule)
        return row === undefined ? undefined : toJob(row)
      }),
    list: (filter = {}) => run(() => list(filter)),
    acquireLock: acquire,
    releaseLock: release,
  }
}
