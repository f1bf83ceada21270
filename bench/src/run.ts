/**
 * `npm run bench`: runs each row module in its own child process (so peak memory is its own),
 * prints one table and writes bench/results.json.
 *
 *   node bench/dist/run.js [--count 10000] [--quick] [--only website,kiosk]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateCorpus } from './corpus.js'
import { tableLines } from './table.js'
import type { BenchContext, BenchRow } from './types.js'

const here = dirname(fileURLToPath(import.meta.url))
const benchDir = dirname(here)
const MODULES = ['core', 'load', 'store', 'postgres', 'website', 'search', 'wechat', 'wechat-push', 'noticeboard', 'kiosk', 'scheduler', 'console', 'cli'] as const

interface Args {
  count: number
  quick: boolean
  only: readonly string[] | undefined
  child: string | undefined
  workRoot: string | undefined
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { count: 10_000, quick: false, only: undefined, child: undefined, workRoot: undefined }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} 需要一个值`)
      return v
    }
    if (a === '--count') args.count = Number(next())
    else if (a === '--quick') args.quick = true
    else if (a === '--only') args.only = next().split(',')
    else if (a === '--child') args.child = next()
    else if (a === '--work') args.workRoot = next()
    else throw new Error(`不认识的参数：${a}（可用 --count N、--quick、--only a,b）`)
  }
  if (args.quick && !argv.includes('--count')) args.count = 1_000
  return args
}

function findChromium(): string | undefined {
  for (const p of [process.env['CHROME_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p !== undefined && p !== '' && existsSync(p)) return p
  }
  return undefined
}

/** tmpfs when /dev/shm is there: deleting and recreating 10,000 files on this disk slows down run after run. */
function workRootFor(): { root: string; kind: 'disk' | 'tmpfs' } {
  if (existsSync('/dev/shm')) return { root: mkdtempSync('/dev/shm/gongkai-bench-'), kind: 'tmpfs' }
  mkdirSync(join(benchDir, '.work'), { recursive: true })
  return { root: mkdtempSync(join(benchDir, '.work', 'run-')), kind: 'disk' }
}

async function runChild(args: Args): Promise<void> {
  const name = args.child ?? ''
  const workRoot = args.workRoot ?? ''
  const kind = workRoot.startsWith('/dev/shm') ? 'tmpfs' : 'disk'
  const corpusDir = join(workRoot, `corpus-${args.count}`)
  const corpus = generateCorpus({ count: args.count, dir: corpusDir })
  const workDir = join(workRoot, name)
  mkdirSync(workDir, { recursive: true })
  const ctx: BenchContext = {
    corpus,
    workDir,
    workDirKind: kind,
    chromium: findChromium(),
    quick: args.quick,
    log: (m) => process.stderr.write(`  [${name}] ${m}\n`),
  }
  const mod = (await import(`./rows/${name}.js`)) as { run(ctx: BenchContext): Promise<BenchRow[]> }
  const rows = await mod.run(ctx)
  process.stdout.write(`${JSON.stringify(rows)}\n`)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.child !== undefined) return runChild(args)

  const { root, kind } = workRootFor()
  const modules = MODULES.filter((m) => (args.only === undefined || args.only.includes(m)) && existsSync(join(here, 'rows', `${m}.js`)))
  const missing = MODULES.filter((m) => !existsSync(join(here, 'rows', `${m}.js`)))
  // The machine is shared: the load beside the figures says how far to trust them.
  const loadAtStart = loadavg()
  console.error(`gongkai bench: ${args.count} publications${args.quick ? ' (quick)' : ''}, work folder ${root} (${kind}), load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}`)
  const rows: BenchRow[] = []
  const failures: string[] = []
  try {
    for (const m of modules) {
      console.error(`- ${m} …`)
      const r = spawnSync(process.execPath, [join(here, 'run.js'), '--child', m, '--count', String(args.count), '--work', root, ...(args.quick ? ['--quick'] : [])], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      })
      const last = r.stdout.trim().split('\n').pop() ?? ''
      if (r.status !== 0 || !last.startsWith('[')) {
        failures.push(m)
        rows.push({ group: m, name: 'failed to run', value: Number.NaN, unit: '', note: `exit ${r.status ?? r.signal}` })
        continue
      }
      rows.push(...(JSON.parse(last) as BenchRow[]))
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  for (const l of tableLines(rows)) console.log(l)
  if (missing.length > 0) console.log(`  (no rows yet for: ${missing.join(', ')})`)
  const loadAtEnd = loadavg()
  console.log(`load average (1, 5, 15 min): ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadAtEnd.map((l) => l.toFixed(1)).join(' ')} at the end`)
  const machine = { node: process.version, cpus: (await import('node:os')).cpus().length, cpu: (await import('node:os')).cpus()[0]?.model, loadAtStart, loadAtEnd }
  let commit = ''
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchDir, encoding: 'utf8' }).trim()
  } catch {
    // Not a git checkout: the results still stand.
  }
  const out = join(benchDir, 'results.json')
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), commit, count: args.count, quick: args.quick, workDir: kind, machine, rows }, null, 2)}\n`)
  console.log(`\nresults: ${out}`)
  if (failures.length > 0) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(2)
})
