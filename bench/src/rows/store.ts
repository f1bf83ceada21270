/**
 * Store rows: ledger writes per second (open + claim + recordStep×3 + setState delivered per key) on a SQLite file,
 * against the in-memory ledger in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStore } from '@gongkai/core'
import type { Store } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import type { BenchContext, BenchRow } from '../types.js'

/** Six ledger writes per key, as a channel's delivery makes them. */
const WRITES_PER_KEY = 6

async function deliverAll(store: Store, keys: number): Promise<number> {
  const t0 = performance.now()
  for (let i = 0; i < keys; i++) {
    const key = { publication: `hb-2026-${String(i).padStart(5, '0')}`, revision: 'sha256:bench', channel: 'wechat' }
    await store.ledger.open(key)
    if (!(await store.ledger.claim(key, 'bench', 60_000))) throw new Error(`claim failed for ${key.publication}`)
    await store.ledger.recordStep(key, 'cover_media_id', `cover-${i}`)
    await store.ledger.recordStep(key, 'draft_media_id', `draft-${i}`)
    await store.ledger.recordStep(key, 'publish_id', `publish-${i}`)
    await store.ledger.setState(key, 'delivered', { url: `https://mp.weixin.qq.com/s/${i}` })
  }
  const ms = performance.now() - t0
  const delivered = (await store.ledger.list({ state: 'delivered' })).length
  if (delivered !== keys) throw new Error(`expected ${keys} delivered records, found ${delivered}`)
  return ((keys * WRITES_PER_KEY) / ms) * 1000
}

async function measureSqlite(file: string, keys: number, synchronous: 'full' | 'normal'): Promise<number> {
  const store = openSqliteStore(file, { synchronous })
  try {
    return await deliverAll(store, keys)
  } finally {
    await store.close()
  }
}

/** Runs the ledger on SQLite (synchronous full and normal) and in memory, in this process. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const keys = ctx.quick ? 1_000 : 10_000
  const size = `${keys.toLocaleString('en')} keys`
  ctx.log(`memory ledger, ${size}`)
  const memory = await deliverAll(createMemoryStore(), keys)
  const baseline = { name: 'in-memory ledger', value: memory }
  const quick = ctx.quick ? '; --quick' : ''
  const rows: BenchRow[] = []
  const row = (name: string, value: number, note: string, target?: { text: string; min: number }): BenchRow => ({
    group: 'store',
    name,
    value,
    unit: 'writes/s',
    baseline,
    ratio: value / memory,
    ...(target === undefined ? {} : { target: target.text, pass: value >= target.min }),
    note: `${(value / WRITES_PER_KEY).toFixed(0)} deliveries/s; ratio = SQLite / memory (higher is better)${quick}; ${note}`,
  })

  ctx.log(`sqlite, synchronous=full, ${size}, ${ctx.workDirKind}`)
  const full = await measureSqlite(join(ctx.workDir, 'ledger-full.sqlite'), keys, 'full')
  rows.push(
    row(`ledger writes, SQLite WAL synchronous=full (default), ${size}`, full, `file on ${ctx.workDirKind}`, ctx.workDirKind === 'disk' ? { text: '≥ 1,000 writes/s on disk', min: 1000 } : undefined),
  )
  ctx.log(`sqlite, synchronous=normal, ${size}, ${ctx.workDirKind}`)
  const normal = await measureSqlite(join(ctx.workDir, 'ledger-normal.sqlite'), keys, 'normal')
  rows.push(row(`ledger writes, SQLite WAL synchronous=normal, ${size}`, normal, `file on ${ctx.workDirKind}`))

  if (ctx.workDirKind === 'tmpfs') {
    // fsync costs nothing on tmpfs: measure the default once more where a ledger really lives.
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-store-'))
    try {
      ctx.log(`sqlite, synchronous=full, ${size}, disk (${dir})`)
      const disk = await measureSqlite(join(dir, 'ledger.sqlite'), keys, 'full')
      rows.push(row(`ledger writes, SQLite WAL synchronous=full (default), on disk, ${size}`, disk, `file in ${tmpdir()}`, { text: '≥ 1,000 writes/s on disk', min: 1000 }))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return rows
}
