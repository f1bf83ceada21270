/**
 * One worker of the PostgreSQL bench row, in its own process: pulls the pending deliveries of every body with
 * `claimNext` (FOR UPDATE SKIP LOCKED), puts each in place on a fast local target (a small file), records its step
 * and marks it delivered, until nothing is left. Prints one JSON line: counts, claim latencies, CPU and times.
 *   node bench/dist/postgres-worker.js URL PASSWORD TARGET_DIR NAME
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { connectPostgres } from '@gongkai/store-postgres'
import type { Store } from '@gongkai/core'

const [url = '', password = '', target = '', name = 'worker'] = process.argv.slice(2)
const db = await connectPostgres({ url, password, poolSize: 2, migrate: false })
const stores = new Map<string, Store>()
const storeOf = async (body: string): Promise<Store> => {
  let s = stores.get(body)
  if (s === undefined) stores.set(body, (s = await db.store(body)))
  return s
}
const claims: number[] = []
const started = Date.now()
const cpu0 = process.cpuUsage()
for (;;) {
  const t0 = performance.now()
  const got = await db.claimNext(name, 60_000)
  claims.push(performance.now() - t0)
  if (got === undefined) break
  const store = await storeOf(got.body)
  const dir = join(target, got.body)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${got.key.publication}.html`)
  writeFileSync(file, `<p>${got.key.publication}</p>\n`)
  await store.ledger.recordStep(got.key, 'file', file)
  await store.ledger.setState(got.key, 'delivered', { url: `file://${file}` })
}
const cpu = process.cpuUsage(cpu0)
await db.close()
process.stdout.write(`${JSON.stringify({ name, delivered: claims.length - 1, claims, started, ended: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`)
