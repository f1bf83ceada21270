/** The console's audit log on SQLite: rows are only ever appended. */
import type Database from 'better-sqlite3'
import type { AuditEntry, AuditLog } from '@gongkai/core'
import type { Runner } from './busy.js'

interface Row {
  id: number
  at: string
  actor: string
  action: string
  subject: string | null
  detail: string | null
  outcome: 'ok' | 'refused'
}

const view = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  ...(r.subject === null ? {} : { subject: r.subject }),
  ...(r.detail === null ? {} : { detail: r.detail }),
  outcome: r.outcome,
})

/** An audit log on an open SQLite connection. */
export function createSqliteAuditLog(db: Database.Database, now: () => Date, run: Runner): AuditLog {
  const insert = db.prepare<[string, string, string, string | null, string | null, string], Row>(
    'INSERT INTO audit_log (at, actor, action, subject, detail, outcome) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, at, actor, action, subject, detail, outcome',
  )
  const select = db.prepare<[string | null, string | null, string | null, string | null, number], Row>(
    'SELECT id, at, actor, action, subject, detail, outcome FROM audit_log WHERE (? IS NULL OR actor = ?) AND (? IS NULL OR subject = ?) ORDER BY id DESC LIMIT ?',
  )
  const add = db.transaction((at: string, actor: string, action: string, subject: string | null, detail: string | null, outcome: string) => insert.get(at, actor, action, subject, detail, outcome))
  return {
    record: (entry) =>
      run(() => {
        // INSERT … RETURNING always gives the row it inserted.
        return view(add.immediate(now().toISOString(), entry.actor, entry.action, entry.subject ?? null, entry.detail ?? null, entry.outcome) as Row)
      }),
    list: (filter = {}) =>
      run(() => {
        const actor = filter.actor ?? null
        const subject = filter.subject ?? null
        return select.all(actor, actor, subject, subject, filter.limit ?? 200).map(view)
      }),
  }
}
