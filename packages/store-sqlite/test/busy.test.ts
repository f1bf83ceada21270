/** A write lock held elsewhere is waited for without blocking the event loop; past the budget the error is ours, in Chinese. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { GongkaiError } from '@gongkai/core'
import { openSqliteStore } from '../src/open.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-busy-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))
const key = { publication: 'p', revision: 'r', channel: 'website' }

it('waits for another connection to commit, while the event loop keeps running', async () => {
  const file = join(dir, 'ledger.sqlite')
  const store = openSqliteStore(file)
  const other = new Database(file)
  other.exec('BEGIN IMMEDIATE')
  const order: string[] = []
  const opening = store.ledger.open(key).then((r) => {
    order.push('opened')
    return r
  })
  // These run while the open waits: a blocking busy handler would hold them back until it is done.
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5))
  order.push('timers ran')
  other.exec('COMMIT')
  expect(await opening).toMatchObject({ ...key, state: 'pending' })
  expect(order).toEqual(['timers ran', 'opened'])
  other.close()
  await store.close()
})

it('gives up after busyTimeoutMs with store/busy, not a raw SQLITE_BUSY', async () => {
  const file = join(dir, 'ledger.sqlite')
  const store = openSqliteStore(file, { busyTimeoutMs: 30 })
  await store.ledger.open(key)
  const other = new Database(file)
  other.exec('BEGIN IMMEDIATE')
  const error = await store.ledger.claim(key, 'a', 1000).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(GongkaiError)
  expect(error).toMatchObject({ code: 'store/busy' })
  expect((error as Error).message).toBe(`台账文件 ${file} 被其他进程占用，等待 30 毫秒后仍无法写入`)
  expect((error as Error & { cause: { code: string } }).cause.code).toBe('SQLITE_BUSY')
  other.exec('ROLLBACK')
  other.close()
  // Nothing was half-done: the claim can be taken now, as the first attempt.
  expect(await store.ledger.claim(key, 'a', 1000)).toBe(true)
  expect((await store.ledger.get(key))?.attempts).toBe(1)
  await store.close()
})
