/** Opens (and on first use creates) the SQLite file that holds the ledger, the key-value store and the jobs. */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { ERRORS, GongkaiError, OptionsError } from '@gongkai/core'
import type { Store } from '@gongkai/core'
import { createSqliteAuditLog } from './audit.js'
import { createSqliteJobStore } from './jobs.js'
import { createSqliteKv } from './kv.js'
import { createSqliteLedger } from './ledger.js'
import { migrate } from './migrations.js'
import { createRunner } from './busy.js'

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The clock of the ledger and the key-value store (tests pass a fake one). Default: the system clock. */
  readonly now?: () => Date
  /**
   * `full` (default): every commit is on disk before it returns, so a claim or a step survives a power cut.
   * `normal`: faster; survives a crashed process but may lose the last commits on a power cut.
   */
  readonly synchronous?: 'full' | 'normal'
  /** How long an operation waits for another process's write lock before it fails with `store/busy`. Default 5000 ms. */
  readonly busyTimeoutMs?: number
}

/** The SQLite store: the `Store` interface plus where it lives. */
export interface SqliteStore extends Store {
  /** Absolute path of the database file (or `:memory:`). */
  readonly file: string
  /** The schema version of the file after migration (`PRAGMA user_version`). */
  readonly schemaVersion: number
}

/** Opens the store at `file`, creating the folder and the file on first use and migrating the schema. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new OptionsError(ERRORS.StoreFile, '请给出台账文件的路径（file），例如 .gongkai/ledger.sqlite', { hint: 'openSqliteStore(file) 的第一个参数不能为空。' })
  }
  const synchronous = options.synchronous ?? 'full'
  if (synchronous !== 'full' && synchronous !== 'normal') {
    throw new OptionsError(ERRORS.StoreSynchronous, `选项 synchronous 只能是 'full' 或 'normal'，不能是 ${JSON.stringify(synchronous)}`)
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new OptionsError(ERRORS.StoreBusyTimeout, `选项 busyTimeoutMs 应为不小于 0 的整数毫秒数，不能是 ${String(busyTimeoutMs)}`)
  }
  const now = options.now ?? (() => new Date())
  const memory = file === ':memory:'
  const path = memory ? file : resolve(file)

  let db: Database.Database
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true })
    db = new Database(path, { timeout: busyTimeoutMs })
  } catch (cause) {
    throw new GongkaiError(ERRORS.StoreOpenFailed, `无法打开台账文件 ${path}：${(cause as Error).message}`, {
      hint: '检查文件夹是否存在、是否有写权限，以及这个文件是否确实是 SQLite 数据库。',
      cause,
    })
  }
  try {
    // busy_timeout before anything else: even switching to WAL may wait for another process.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string
    if (!memory && mode.toLowerCase() !== 'wal') {
      throw new GongkaiError(ERRORS.StoreNoWal, `台账文件 ${path} 无法切换到 WAL 模式（当前为 ${mode}）`, {
        hint: '台账文件应放在本机磁盘上；网络共享盘不支持 SQLite 的 WAL 模式。',
      })
    }
    db.pragma(`synchronous = ${synchronous.toUpperCase()}`)
    db.pragma('foreign_keys = ON')
    // Before anything is read or migrated: a damaged ledger would otherwise surface later as
    // SQLITE_CORRUPT in the middle of a push, or answer "never delivered" for rows it lost.
    if (!memory) checkIntegrity(db, path)
    const schemaVersion = migrate(db, path, undefined, now)
    // From here on a busy file is waited for asynchronously (see busy.ts), not inside SQLite.
    db.pragma('busy_timeout = 0')
    const run = createRunner(path, busyTimeoutMs)
    let closed = false
    return {
      file: path,
      schemaVersion,
      ledger: createSqliteLedger(db, now, run),
      kv: createSqliteKv(db, now, run),
      jobs: createSqliteJobStore(db, now, run),
      audit: createSqliteAuditLog(db, now, run),
      async close() {
        if (closed) return
        closed = true
        db.close()
      },
    }
  } catch (cause) {
    db.close()
    if (cause instanceof GongkaiError) throw cause
    if (isCorruption(cause)) throw corrupt(path, String((cause as { code?: unknown }).code).startsWith('SQLITE_NOTADB') ? '文件头不是 SQLite 数据库' : '数据库页已损坏', cause)
    throw new GongkaiError(ERRORS.StoreOpenFailed, `无法打开台账文件 ${path}：${(cause as Error).message}`, {
      hint: '检查这个文件是否确实是 gongkai 的台账（SQLite 数据库），以及磁盘是否已满。',
      cause,
    })
  }
}

const isCorruption = (e: unknown): boolean => e instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(e.code)

function corrupt(path: string, detail: string, cause?: unknown): GongkaiError {
  return new GongkaiError(ERRORS.StoreCorrupt, `台账文件 ${path} 已损坏或不是 gongkai 的台账（${detail}），没有读写任何记录`, {
    hint: `不要删除它：先把它连同同名的 -wal、-shm 文件改名留存（例如 mv ${path} ${path}.damaged），再在项目目录运行 gongkai ledger rebuild，从发布记录重建网站和办事大厅屏的台账；微信公众号的记录须先在公众号后台核对。`,
    ...(cause === undefined ? {} : { cause }),
  })
}

/** `PRAGMA quick_check`: every page and index readable (O(N), not the slower integrity_check). */
function checkIntegrity(db: Database.Database, path: string): void {
  const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
  const found = problems.map((p) => p.quick_check).filter((p) => p !== 'ok')
  // SQLite's own words name the page, for whoever examines the file later.
  if (found.length > 0) throw corrupt(path, `SQLite 完整性检查发现问题：${found[0] ?? ''}${found.length > 1 ? ` 等 ${found.length} 处` : ''}`)
}
