/**
 * A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, pg_ctl on 127.0.0.1 and a free
 * port with its socket in that folder, stopped and removed at the end; never a system service. initdb and
 * postgres refuse to run as root, so as root they run as the `postgres` user (runuser) in a folder chowned to it.
 * Without the binaries the tests are skipped with a notice, and with CI=true they fail instead.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The superuser of the test cluster and its password (password auth is checked over TCP, as in production). */
export const ADMIN = 'gongkai'
export const ADMIN_PASSWORD = 'test-only-Pg-密码-9f2c'

/** The folder of initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function findBinaries(): string | undefined {
  const ok = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    if (ok(dir)) return dir
  } catch {
    // no pg_config on PATH: look where Debian puts the server
  }
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => ok(join(root, v, 'bin')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin')
}

/** Whether the tests can run here; with CI=true a missing server throws, otherwise a notice is printed once. */
export function clusterAvailable(): boolean {
  if (findBinaries() !== undefined) return true
  const message = '找不到 PostgreSQL（initdb、pg_ctl）：PostgreSQL 的测试已跳过。Debian 上请运行 apt-get install postgresql。'
  if (process.env['CI'] === 'true') throw new Error(`${message}（CI=true 时不允许跳过）`)
  console.warn(message)
  return false
}

/** A running test cluster. */
export interface Cluster {
  readonly port: number
  readonly dir: string
  /** `postgres://gongkai@127.0.0.1:PORT/DB` (no password: pass ADMIN_PASSWORD, or set it in the environment). */
  url(database?: string): string
  /** Runs SQL as the superuser through psql on the cluster's socket (CREATE DATABASE and the like). */
  psql(sql: string, database?: string): string
  stop(): Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })

/** Starts a cluster; `fsync` stays off unless asked for (the tests need no durability, the bench does). */
export async function startCluster(options: { readonly fsync?: boolean; readonly maxConnections?: number } = {}): Promise<Cluster> {
  const bin = findBinaries()
  if (bin === undefined) throw new Error('PostgreSQL binaries not found')
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pg-'))
  const data = join(dir, 'data')
  const asRoot = process.getuid?.() === 0
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir })
    if (r.status !== 0) throw new Error(`${cmd} failed (${String(r.status)}): ${r.stderr}${r.stdout}`)
    return r.stdout
  }
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 })
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
    chownSync(pwfile, uid, gid)
  }
  run('initdb', ['-D', data, '-U', ADMIN, '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'])
  rmSync(pwfile)
  const port = await freePort()
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-k ${dir}`,
    `-c max_connections=${options.maxConnections ?? 100}`,
    ...(options.fsync === true ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ]
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings.join(' '), '-w', '-t', '60', 'start'])
  let stopped = false
  // A process that ends without stop() (an error, a bench row cut short by process.exit) leaves no server behind.
  const stopSync = () => {
    if (stopped) return
    stopped = true
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', stopSync)
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://${ADMIN}@127.0.0.1:${port}/${database}`,
    psql(sql, database = 'postgres') {
      const r = spawnSync('psql', ['-h', dir, '-p', String(port), '-U', ADMIN, '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`)
      return r.stdout
    },
    async stop() {
      process.removeListener('exit', stopSync)
      stopSync()
    },
  }
}
