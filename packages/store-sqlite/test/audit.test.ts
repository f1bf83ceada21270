/** The audit log on SQLite: rows appended with the store's clock, listed newest first, filtered, and kept across a reopen. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../src/open.js'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('audit log', () => {
  it('records who did what, when, and reads it back after the file is reopened', async () => {
    let t = Date.parse('2026-11-30T02:00:00Z')
    const file = join(dir, 'ledger.sqlite')
    const a = openSqliteStore(file, { now: () => new Date(t) })
    await a.audit.record({ actor: 'chen', action: 'sign-in', outcome: 'ok' })
    t += 60_000
    await a.audit.record({ actor: 'wang', action: 'review', subject: '2026-x-001', detail: '没有“审核”角色', outcome: 'refused' })
    t += 60_000
    const last = await a.audit.record({ actor: 'zhao', action: 'review', subject: '2026-x-001', detail: '通过复审', outcome: 'ok' })
    expect(last).toEqual({ id: 3, at: '2026-11-30T02:02:00.000Z', actor: 'zhao', action: 'review', subject: '2026-x-001', detail: '通过复审', outcome: 'ok' })
    await a.close()
    const b = openSqliteStore(file)
    expect((await b.audit.list()).map((r) => r.actor)).toEqual(['zhao', 'wang', 'chen'])
    expect((await b.audit.list({ subject: '2026-x-001', actor: 'wang' })).map((r) => r.detail)).toEqual(['没有“审核”角色'])
    expect(await b.audit.list({ limit: 1 })).toHaveLength(1)
    expect((await b.audit.list({ actor: 'chen' }))[0]).not.toHaveProperty('subject')
    await b.close()
  })
})
