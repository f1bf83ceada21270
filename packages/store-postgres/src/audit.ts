/** The console's audit log on PostgreSQL, one body's rows only: rows are only ever appended. */
import type { AuditEntry, AuditLog } from '@gongkai/core'
import type { Db } from './db.js'

interface Row {
  id: number
  at: Date
  actor: string
  action: string
  subject: string | null
  detail: string | null
  outcome: 'ok' | 'refused'
}

const COLUMNS = 'id, at, actor, action, subject, detail, outcome'

const view = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  ...(r.subject === null ? {} : { subject: r.subject }),
  ...(r.detail === null ? {} : { detail: r.detail }),
  outcome: r.outcome,
})

/** An audit log of one body. Ids come from one sequence for all bodies: increasing within each body, not dense. */
export function createPostgresAuditLog(db: Db, body: string, now: () => Date): AuditLog {
  return {
    async record(entry) {
      const [row] = await db.query<Row>(`INSERT INTO audit_log (body, at, actor, action, subject, detail, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`, [
        body,
        now().toISOString(),
        entry.actor,
        entry.action,
        entry.subject ?? null,
        entry.detail ?? null,
        entry.outcome,
      ])
      // INSERT … RETURNING always gives the row it inserted.
      return view(row as Row)
    },
    async list(filter = {}) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM audit_log WHERE body = $1 AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR subject = $3) ORDER BY id DESC LIMIT $4`, [
        body,
        filter.actor ?? null,
        filter.subject ?? null,
        filter.limit ?? 200,
      ])
      return rows.map(view)
    },
  }
}
