/** Waiting for another process's write lock without blocking the event loop, and without starving. */
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { ERRORS, GongkaiError } from '@gongkai/core'

/** Runs one synchronous store operation, retrying it while the file is busy. */
export type Runner = <T>(op: () => T) => Promise<T>

const isBusy = (e: unknown): boolean => e instanceof Database.SqliteError && (e.code === 'SQLITE_BUSY' || e.code.startsWith('SQLITE_BUSY_'))

/**
 * SQLite's own busy handler sleeps 1, 2, 5, … up to 100 ms between tries and blocks the thread meanwhile; a process
 * writing in a tight loop then keeps the lock for seconds while the others sleep (we saw one of four processes take
 * all 200 deliveries). Here a busy operation gives up at once (`busy_timeout = 0` after opening) and is tried again
 * every 1–4 ms, asynchronously, until `budgetMs` is spent. Only whole transactions are retried: `BEGIN IMMEDIATE`
 * fails before anything is done, so a retry never applies a change twice.
 */
export function createRunner(file: string, budgetMs: number): Runner {
  return async (op) => {
    const start = performance.now()
    for (let attempt = 0; ; attempt++) {
      try {
        return op()
      } catch (e) {
        if (!isBusy(e)) throw e
        if (performance.now() - start >= budgetMs) {
          throw new GongkaiError(ERRORS.StoreBusy, `台账文件 ${file} 被其他进程占用，等待 ${budgetMs} 毫秒后仍无法写入`, {
            hint: '检查是否有卡住的 gongkai 进程；也可以用 busyTimeoutMs 选项延长等待时间。',
            cause: e,
          })
        }
        await sleep(1 + Math.random() * Math.min(3, attempt))
      }
    }
  }
}
