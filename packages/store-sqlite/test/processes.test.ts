/** Real processes on one file: every delivery and every job is taken exactly once, and a killed holder does not wedge the ledger. */
import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../src/migrations.js'
import { openSqliteStore } from '../src/open.js'
import { ensureBuilt } from './build.js'

const WORKER = fileURLToPath(new URL('./fixtures/worker.mjs', import.meta.url))
const dirs: string[] = []
const freshFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-procs-'))
  dirs.push(dir)
  return join(dir, 'project', '.gongkai', 'ledger.sqlite')
}

interface Child {
  readonly proc: ChildProcessWithoutNullStreams
  readonly lines: unknown[]
  stderr: string
  /** Resolves with the first line for which `test` holds. */
  waitFor(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function start(args: string[]): Child {
  const proc = spawn(process.execPath, [WORKER, ...args], { stdio: 'pipe' })
  const waiters: { test: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = []
  const child: Child = {
    proc,
    lines: [],
    stderr: '',
    waitFor(test) {
      const found = child.lines.find((l) => test(l as Record<string, unknown>))
      if (found !== undefined) return Promise.resolve(found as Record<string, unknown>)
      return new Promise((resolve) => waiters.push({ test, resolve }))
    },
    exited: new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal }))),
  }
  let buffer = ''
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>
      buffer = buffer.slice(nl + 1)
      child.lines.push(line)
      for (const w of waiters.filter((w) => w.test(line))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (child.stderr += chunk))
  return child
}

const integrity = (file: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma('integrity_check', { simple: true })
  } finally {
    db.close()
  }
}

beforeAll(() => ensureBuilt(), 120_000)
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

interface RaceOut {
  id: string
  lock: boolean
  enqueued: number
  wins: number[]
  race: Record<string, string>
  jobs: string[]
}

describe('four processes on one new file', () => {
  const KEYS = 200
  const JOBS = 50
  const WORKERS = 4

  it('deliver every key exactly once, keep the first step value, run every job once, and leave the file intact', async () => {
    const file = freshFile()
    const children = Array.from({ length: WORKERS }, (_, i) => start(['race', file, `w${i}`, String(i), String(KEYS), String(JOBS)]))
    // All four open (and migrate) the new file at the same time, then start together.
    await Promise.all(children.map((c) => c.waitFor((l) => 'ready' in l)))
    for (const c of children) c.proc.stdin.end('go\n')
    const exits = await Promise.all(children.map((c) => c.exited))
    for (const [i, c] of children.entries()) {
      expect(c.stderr, `stderr of w${i}`).toBe('')
      expect(exits[i], `exit of w${i}`).toEqual({ code: 0, signal: null })
    }
    const outs = (await Promise.all(children.map((c) => c.waitFor((l) => 'wins' in l)))) as unknown as RaceOut[]

    // Each key won by exactly one process, and the race step has one value everywhere.
    const winner = new Map<number, string>()
    for (const o of outs)
      for (const k of o.wins) {
        expect(winner.has(k), `key ${k} claimed twice`).toBe(false)
        winner.set(k, o.id)
      }
    expect(winner.size).toBe(KEYS)
    expect(new Set(winner.values()).size, 'more than one process won some keys').toBeGreaterThanOrEqual(2)

    const store = openSqliteStore(file)
    try {
      const records = await store.ledger.list()
      expect(records).toHaveLength(KEYS)
      for (const r of records) {
        const i = Number(r.publication.slice(4))
        const w = winner.get(i)
        expect(r).toMatchObject({
          state: 'delivered',
          attempts: 1,
          url: `https://mp.weixin.qq.com/s/${i}`,
          steps: { cover_media_id: `${w}-cover`, draft_media_id: `${w}-draft`, publish_id: `${w}-publish` },
        })
        const seen = new Set(outs.map((o) => o.race[i]))
        expect([...seen], `race step of key ${i}`).toEqual([r.steps['race']])
      }

      // Jobs: queued once, each run by exactly one process, all done.
      expect(outs.reduce((s, o) => s + o.enqueued, 0)).toBe(JOBS)
      const ran = outs.flatMap((o) => o.jobs.map((id) => ({ id, by: o.id })))
      expect(ran).toHaveLength(JOBS)
      expect(new Set(ran.map((r) => r.id)).size).toBe(JOBS)
      const jobs = await store.jobs.list()
      expect(jobs).toHaveLength(JOBS)
      for (const j of jobs) {
        expect(j).toMatchObject({ state: 'done', attempts: 1, result: JSON.stringify({ by: ran.find((r) => r.id === j.id)?.by }) })
      }
      expect(outs.filter((o) => o.lock)).toHaveLength(1)
    } finally {
      await store.close()
    }

    expect(integrity(file)).toBe('ok')
    const db = new Database(file, { readonly: true })
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      // Four processes opened the new file at once; the schema was applied once.
      expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })))
    } finally {
      db.close()
    }
  })
})

describe('a process killed while holding a claim', () => {
  it('keeps its claim until the lease ends, then another process takes over; the WAL recovers', async () => {
    const file = freshFile()
    const TTL = 1500
    const doomed = start(['crash', file, String(TTL)])
    const { claimedAt } = (await doomed.waitFor((l) => 'claimedAt' in l)) as { claimedAt: number }
    await doomed.waitFor((l) => 'writing' in l)
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0)
    doomed.proc.kill('SIGKILL')
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(existsSync(`${file}-wal`)).toBe(true)

    const early = start(['claim', file, String(claimedAt + 500), '60000'])
    expect(await early.exited).toEqual({ code: 0, signal: null })
    expect(early.stderr).toBe('')
    expect(early.lines).toEqual([{ taken: false }])

    const late = start(['claim', file, String(claimedAt + TTL + 1000), '60000'])
    expect(await late.exited).toEqual({ code: 0, signal: null })
    expect(late.stderr).toBe('')
    // The step the killed process recorded survives and wins over the newcomer's value.
    expect(late.lines).toEqual([{ taken: true, draft: 'doomed-draft' }])

    expect(integrity(file)).toBe('ok')
    const db = new Database(file, { readonly: true })
    try {
      // The transaction cut by the kill is rolled back whole: every batch has all its rows.
      const batches = db.prepare('SELECT batch, count(*) AS n FROM crash_batches GROUP BY batch').all() as { batch: number; n: number }[]
      expect(batches.length).toBeGreaterThanOrEqual(4)
      expect(batches.filter((b) => b.n !== 2000)).toEqual([])
    } finally {
      db.close()
    }
    const store = openSqliteStore(file)
    try {
      const [r] = await store.ledger.list()
      expect(r).toMatchObject({ state: 'delivered', attempts: 2, steps: { draft_media_id: 'doomed-draft' }, url: 'https://mp.weixin.qq.com/s/0' })
    } finally {
      await store.close()
    }
  })
})
