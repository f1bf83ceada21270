/**
 * PostgreSQL rows: 100 bodies in one database, 4 worker processes pulling deliveries with SKIP LOCKED and putting
 * them on a fast local target (a small file), at 10,000, 30,000 and 100,000 deliveries: throughput, p95 claim
 * latency, and the CPU of the workers and of the server per delivery; beside the same work on SQLite in one
 * process. The last row is the on-paper estimate for a province (2 million publications, 16 workers), from the
 * measured CPU per delivery and its growth. The cluster is this row's own (initdb into the work folder, fsync on,
 * like SQLite's synchronous=full), stopped at the end.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { connectPostgres } from '@gongkai/store-postgres'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { ADMIN_PASSWORD, clusterAvailable, startCluster } from '@gongkai/test-store-contract'
import type { Cluster } from '@gongkai/test-store-contract'
import type { BenchContext, BenchRow } from '../types.js'

const WORKER = fileURLToPath(new URL('../postgres-worker.js', import.meta.url))
const BODIES = 100
const WORKERS = 4

interface WorkerReport {
  readonly delivered: number
  readonly claims: number[]
  readonly started: number
  readonly ended: number
  readonly cpuMs: number
}

const p95 = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? Number.NaN
}

/** CPU time (ms) of the cluster so far: the postmaster and the backends it has reaped (utime, stime, cutime, cstime). */
function serverCpuMs(cluster: Cluster): number {
  const pid =
    readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8')
      .split('\n')[0]
      ?.trim() ?? ''
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(f[i]), 0)
  return (ticks * 1000) / 100
}

function runWorker(url: string, target: string, name: string): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, url, ADMIN_PASSWORD, target, name], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as WorkerReport) : reject(new Error(`${name} exited ${String(code)}: ${err}`))))
  })
}

/** One size on PostgreSQL: a fresh database, the deliveries seeded pending, four workers until none is left. */
async function measurePostgres(cluster: Cluster, ctx: BenchContext, total: number) {
  const name = `bench_${total}`
  cluster.psql(`CREATE DATABASE ${name}`)
  const url = cluster.url(name)
  const db = await connectPostgres({ url, password: ADMIN_PASSWORD, poolSize: 2 })
  const per = total / BODIES
  const bodies = Array.from({ length: BODIES }, (_, i) => `B${String(i + 1).padStart(8, '0')}`)
  for (const b of bodies) await db.store(b)
  // Seeded in bulk, as an import of the catalog would: what is measured is the delivery.
  cluster.psql(
    `INSERT INTO gongkai.deliveries (body, publication, revision, channel, state, attempts, created_at, updated_at)
     SELECT b.body, 'p' || lpad(g::text, 5, '0'), 'sha256:bench', 'website', 'pending', 0, now(), now()
       FROM gongkai.bodies b, generate_series(1, ${per}) g ORDER BY g, b.body; ANALYZE`,
    name,
  )
  await db.close()
  const target = join(ctx.workDir, `pg-${total}`)
  const cpu0 = serverCpuMs(cluster)
  const reports = await Promise.all(Array.from({ length: WORKERS }, (_, i) => runWorker(url, target, `worker-${i + 1}`)))
  const serverMs = serverCpuMs(cluster) - cpu0
  const delivered = reports.reduce((n, r) => n + r.delivered, 0)
  const check = await connectPostgres({ url, password: ADMIN_PASSWORD, poolSize: 1, migrate: false })
  const bytes = Number(cluster.psql("SELECT pg_total_relation_size('gongkai.deliveries') + pg_total_relation_size('gongkai.delivery_steps')", name).trim())
  const left = Number(cluster.psql("SELECT count(*) FROM gongkai.deliveries WHERE state <> 'delivered'", name).trim())
  await check.close()
  if (delivered !== total || left !== 0) throw new Error(`expected ${total} deliveries, workers reported ${delivered}, ${left} left undelivered`)
  rmSync(target, { recursive: true, force: true })
  const seconds = (Math.max(...reports.map((r) => r.ended)) - Math.min(...reports.map((r) => r.started))) / 1000
  const claims = reports.flatMap((r) => r.claims.slice(0, -1))
  return {
    perSecond: total / seconds,
    seconds,
    p95: p95(claims),
    workerCpuMs: reports.reduce((n, r) => n + r.cpuMs, 0) / total,
    serverCpuMs: serverMs / total,
    bytesPerDelivery: bytes / total,
    shares: reports.map((r) => r.delivered),
  }
}

/** The same deliveries on SQLite in one process (synchronous=full): claim, file, step, delivered. */
async function measureSqlite(ctx: BenchContext, total: number) {
  const file = join(ctx.workDir, `sqlite-${total}`, 'ledger.sqlite')
  const store = openSqliteStore(file)
  const target = join(ctx.workDir, `sqlite-${total}-out`)
  mkdirSync(target, { recursive: true })
  try {
    const keys = Array.from({ length: total }, (_, i) => ({ publication: `p${String(i + 1).padStart(6, '0')}`, revision: 'sha256:bench', channel: 'website' }))
    for (const k of keys) await store.ledger.open(k)
    const claims: number[] = []
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    for (const k of keys) {
      const c0 = performance.now()
      if (!(await store.ledger.claim(k, 'bench', 60_000))) throw new Error(`claim failed: ${k.publication}`)
      claims.push(performance.now() - c0)
      const out = join(target, `${k.publication}.html`)
      writeFileSync(out, `<p>${k.publication}</p>\n`)
      await store.ledger.recordStep(k, 'file', out)
      await store.ledger.setState(k, 'delivered', { url: `file://${out}` })
    }
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    return { perSecond: total / seconds, seconds, p95: p95(claims), cpuMs: (cpu.user + cpu.system) / 1000 / total }
  } finally {
    await store.close()
    rmSync(target, { recursive: true, force: true })
  }
}

/** Runs the PostgreSQL rows at each size (GONGKAI_BENCH_PG_SIZES, comma-separated, overrides them). */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  if (!clusterAvailable()) return []
  const sizes = (process.env['GONGKAI_BENCH_PG_SIZES'] ?? (ctx.quick ? '2000' : '10000,30000,100000')).split(',').map(Number)
  const cluster = await startCluster({ fsync: true })
  const rows: BenchRow[] = []
  const measured: { total: number; pg: Awaited<ReturnType<typeof measurePostgres>>; sqlite: Awaited<ReturnType<typeof measureSqlite>> }[] = []
  try {
    for (const total of sizes) {
      ctx.log(`postgres, ${BODIES} bodies × ${total / BODIES}, ${WORKERS} workers`)
      const pg = await measurePostgres(cluster, ctx, total)
      ctx.log(`sqlite, one process, ${total}`)
      const sqlite = await measureSqlite(ctx, total)
      measured.push({ total, pg, sqlite })
      const size = `${total.toLocaleString('en')} deliveries`
      rows.push({
        group: 'store',
        name: `PostgreSQL, ${BODIES} bodies, ${WORKERS} worker processes, ${size}`,
        value: pg.perSecond,
        unit: 'deliveries/s',
        kind: 'whole process',
        baseline: { name: 'SQLite, one process', value: sqlite.perSecond },
        ratio: pg.perSecond / sqlite.perSecond,
        note: `claimNext (SKIP LOCKED) + file + step + delivered; ${pg.seconds.toFixed(1)} s; p95 claim ${pg.p95.toFixed(1)} ms (SQLite ${sqlite.p95.toFixed(2)} ms); CPU per delivery: workers ${pg.workerCpuMs.toFixed(2)} ms, server ${pg.serverCpuMs.toFixed(2)} ms (SQLite ${sqlite.cpuMs.toFixed(2)} ms); ${(pg.bytesPerDelivery / 1024).toFixed(2)} KiB of table and index per delivery; shares ${pg.shares.join('/')}; fsync on`,
      })
      rows.push({
        group: 'store',
        name: `PostgreSQL p95 claim latency, ${size}`,
        value: pg.p95,
        unit: 'ms',
        baseline: { name: 'SQLite claim, one process', value: sqlite.p95 },
        note: `${WORKERS} workers on ${BODIES} bodies`,
      })
    }
    const first = measured[0]
    const last = measured.at(-1)
    if (first !== undefined && last !== undefined) {
      const growth = first.pg.perSecond / last.pg.perSecond
      const cpuPer = last.pg.workerCpuMs + last.pg.serverCpuMs
      // 2M publications, each a delivery per channel: per channel pass, 2M deliveries.
      const province = 2_000_000
      const serverCoreHours = (province * last.pg.serverCpuMs) / 1000 / 3600
      const workerCoreHours = (province * last.pg.workerCpuMs) / 1000 / 3600
      const bytes = (province * last.pg.bytesPerDelivery) / 1024 ** 3
      rows.push({
        group: 'store',
        name: 'province on paper: 2,000,000 publications, 16 workers, one channel pass',
        value: (province * cpuPer) / 1000 / 3600,
        unit: 'CPU core-hours',
        note: `from the ${last.total.toLocaleString('en')}-delivery run: server ${serverCoreHours.toFixed(2)} core-h, workers ${workerCoreHours.toFixed(2)} core-h (16 workers: ${((workerCoreHours / 16) * 60).toFixed(0)} min each); from ${first.total.toLocaleString('en')} to ${last.total.toLocaleString('en')} deliveries throughput ${growth >= 1 ? 'fell' : 'rose'} ${(Math.abs(1 - 1 / growth) * 100).toFixed(0)}% and CPU per delivery went from ${(first.pg.workerCpuMs + first.pg.serverCpuMs).toFixed(2)} to ${cpuPer.toFixed(2)} ms; ${bytes.toFixed(1)} GiB of ledger tables; see the store-postgres README`,
      })
    }
  } finally {
    await cluster.stop()
  }
  return rows
}
