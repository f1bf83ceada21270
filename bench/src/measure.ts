/**
 * Runs one command as a child process, as an operator would, and measures it from outside: wall
 * time around the spawn, and peak memory (max RSS) of the process. Peak memory comes from GNU time
 * (`/usr/bin/time -f "%M %U %S"`, the kernel's ru_maxrss of the child, threads included) when it is
 * installed; otherwise, for Node commands only, from a preload that writes
 * `process.resourceUsage().maxRSS` when the process exits. CPU time (user + system) comes the same
 * way: on a machine shared with others, wall time grows with their load and CPU time much less.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** How peak memory is measured: GNU time from outside, a Node preload from inside, or not at all. */
export type MemoryMethod = 'gnu-time' | 'node-preload'

/** What one run of a command gave. */
export interface Measured {
  /** Wall time from spawn to exit. */
  readonly ms: number
  /** Peak resident memory in MB, or undefined when it could not be measured (a non-Node command without GNU time). */
  readonly maxRssMb: number | undefined
  /** CPU seconds, user + system, all threads; undefined where memory is. */
  readonly cpuS: number | undefined
  /** Exit status; null when a signal ended it. */
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** One command to run. */
export interface Command {
  /** The program; `process.execPath` for a Node script. */
  readonly file: string
  readonly args: readonly string[]
  /** True when `file` is Node: then the preload can measure memory where GNU time is missing. */
  readonly node?: boolean
  readonly cwd?: string
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Kills the run after this long (default ten minutes). */
  readonly timeoutMs?: number
}

const GNU_TIME = '/usr/bin/time'
/** Max RSS in KB, user and system CPU seconds. */
const FORMAT = '%M %U %S'
const PRELOAD = `import { writeFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'
const file = process.env.GONGKAI_BENCH_RSS_FILE
if (isMainThread && file) {
  process.on('exit', () => {
    const u = process.resourceUsage()
    writeFileSync(file, u.maxRSS + ' ' + u.userCPUTime / 1e6 + ' ' + u.systemCPUTime / 1e6)
  })
}
`

let gnuTime: boolean | undefined

/** Whether GNU time (with `-f` and `-o`) is installed; busybox's time has neither. */
export function hasGnuTime(): boolean {
  if (gnuTime !== undefined) return gnuTime
  if (!existsSync(GNU_TIME)) return (gnuTime = false)
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-time-'))
  try {
    const out = join(dir, 'rss')
    const r = spawnSync(GNU_TIME, ['-f', FORMAT, '-o', out, process.execPath, '-e', ''], { encoding: 'utf8' })
    gnuTime = r.status === 0 && figures(readFileSync(out, 'utf8')) !== undefined
  } catch {
    gnuTime = false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return gnuTime
}

/** The method `measure` uses when not told: GNU time where it works, else the preload. */
export function defaultMemoryMethod(): MemoryMethod {
  return hasGnuTime() ? 'gnu-time' : 'node-preload'
}

/** Max RSS in KB and CPU seconds from the last `KB USER SYS` line: GNU time writes "Command exited with non-zero status N" above it when the command fails. */
export function figures(text: string): { kb: number; cpuS: number } | undefined {
  const last = text
    .trim()
    .split('\n')
    .map((l) => /^(\d+) ([\d.]+) ([\d.]+)$/.exec(l.trim()))
    .filter((m) => m !== null)
    .at(-1)
  return last === undefined ? undefined : { kb: Number(last[1]), cpuS: Number(last[2]) + Number(last[3]) }
}

/** Runs `cmd` once and measures it; `scratch` is a folder for the memory figure's file. */
export function measure(cmd: Command, scratch: string, method: MemoryMethod = defaultMemoryMethod()): Measured {
  const rssFile = join(scratch, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
  rmSync(rssFile, { force: true })
  let file = cmd.file
  let args = [...cmd.args]
  const env: Record<string, string | undefined> = { ...(cmd.env ?? process.env) }
  if (method === 'gnu-time') {
    args = ['-f', FORMAT, '-o', rssFile, file, ...args]
    file = GNU_TIME
  } else if (cmd.node === true) {
    const preload = join(scratch, 'rss-preload.mjs')
    if (!existsSync(preload)) writeFileSync(preload, PRELOAD)
    args = ['--import', pathToFileURL(preload).href, ...args]
    env['GONGKAI_BENCH_RSS_FILE'] = rssFile
  }
  const t0 = performance.now()
  const r = spawnSync(file, args, { cwd: cmd.cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: cmd.timeoutMs ?? 600_000, stdio: ['ignore', 'pipe', 'pipe'] })
  const ms = performance.now() - t0
  if (r.error !== undefined) throw r.error
  const f = existsSync(rssFile) ? figures(readFileSync(rssFile, 'utf8')) : undefined
  rmSync(rssFile, { force: true })
  return { ms, maxRssMb: f === undefined ? undefined : f.kb / 1024, cpuS: f?.cpuS, status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The best (smallest) of some figures. */
export function best(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values)
}

/** The median of some figures (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
