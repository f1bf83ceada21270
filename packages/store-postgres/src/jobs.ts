/** The job store on PostgreSQL: durable jobs with leases and named locks, one body's only. */
import type { Job, JobState, JobStore } from '@gongkai/core'
import type { Db } from './db.js'

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

/**
 * A job store of one body. The id `schedule@runAt` is unique per body, so a tick enqueued by every worker at once is
 * queued once; a claim takes the oldest due row with `FOR UPDATE SKIP LOCKED`, so workers claiming at the same moment
 * pass over each other's rows instead of queueing behind them.
 */
export function createPostgresJobStore(db: Db, body: string, now: () => Date): JobStore {
  return {
    async enqueue({ schedule, runAt }) {
      const rows = await db.query(
        `INSERT INTO jobs (body, id, schedule, run_at, state, attempts, next_attempt_at, next_attempt_ms, updated_at)
         VALUES ($1, $2, $3, $4, 'due', 0, $4, $5, $6) ON CONFLICT (body, id) DO NOTHING RETURNING id`,
        [body, `${schedule}@${runAt}`, schedule, runAt, msOf(runAt), now().toISOString()],
      )
      return rows.length === 1
    },
    async claim(owner, t, leaseMs) {
      const [row] = await db.query<JobRow>(
        `UPDATE jobs
            SET state = 'running', lease_owner = $2, lease_until = $4, attempts = attempts + 1, updated_at = $5
          WHERE body = $1 AND id = (
            SELECT id FROM jobs
             WHERE body = $1
               AND ((state = 'due' AND next_attempt_ms <= $3) OR (state = 'running' AND coalesce(lease_until, 0) <= $3))
             ORDER BY next_attempt_at, id
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING ${COLUMNS}`,
        [body, owner, t.getTime(), t.getTime() + leaseMs, t.toISOString()],
      )
      return row === undefined ? undefined : toJob(row)
    },
    async heartbeat(id, owner, t, leaseMs) {
      const rows = await db.query("UPDATE jobs SET lease_until = $4 WHERE body = $1 AND id = $2 AND lease_owner = $3 AND state = 'running' RETURNING id", [body, id, owner, t.getTime() + leaseMs])
      return rows.length === 1
    },
    async complete(id, owner, result) {
      await db.query("UPDATE jobs SET state = 'done', result = $4, lease_owner = NULL, lease_until = NULL, updated_at = $5 WHERE body = $1 AND id = $2 AND lease_owner = $3", [
        body,
        id,
        owner,
        result,
        now().toISOString(),
      ])
    },
    async fail(id, owner, error, retryAt) {
      await db.query(
        `UPDATE jobs
            SET error = $4, lease_owner = NULL, lease_until = NULL, updated_at = $5,
                state = CASE WHEN $6::text IS NULL THEN 'failed' ELSE 'due' END,
                next_attempt_at = coalesce($6, next_attempt_at),
                next_attempt_ms = CASE WHEN $6::text IS NULL THEN next_attempt_ms ELSE $7 END
          WHERE body = $1 AND id = $2 AND lease_owner = $3`,
        [body, id, owner, error, now().toISOString(), retryAt === undefined ? null : retryAt.toISOString(), retryAt === undefined ? null : retryAt.getTime()],
      )
    },
    async last(schedule) {
      const [row] = await db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE body = $1 AND schedule = $2 ORDER BY run_at DESC, seq ASC LIMIT 1`, [body, schedule])
      return row === undefined ? undefined : toJob(row)
    },
    async list(filter = {}) {
      const where = ['body = $1']
      const params: unknown[] = [body]
      if (filter.schedule !== undefined) where.push(`schedule = $${params.push(filter.schedule)}`)
      if (filter.state !== undefined) where.push(`state = $${params.push(filter.state)}`)
      return (await db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE ${where.join(' AND ')} ORDER BY seq`, params)).map(toJob)
    },
    async acquireLock(name, owner, t, ttlMs) {
      const rows = await db.query(
        `INSERT INTO locks (body, name, owner, until) VALUES ($1, $2, $3, $5)
         ON CONFLICT (body, name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
          WHERE locks.owner = EXCLUDED.owner OR locks.until <= $4
         RETURNING name`,
        [body, name, owner, t.getTime(), t.getTime() + ttlMs],
      )
      return rows.length === 1
    },
    async releaseLock(name, owner) {
      await db.query('DELETE FROM locks WHERE body = $1 AND name = $2 AND owner = $3', [body, name, owner])
    },
  }
}
