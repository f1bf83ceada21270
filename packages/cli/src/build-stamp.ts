/**
 * The build stamp: what `gongkai build` printed, with the state its inputs and outputs were in. A
 * later build with the same arguments, whose every input file, every release pointer, render cache
 * file and object folder still has the same size, times and inode, and whose instant falls on the
 * same day before anything scheduled falls due, would build the same releases and print the same
 * lines: it prints them and stops, without loading the project (about 2 s of CPU at 10,000
 * publications, most of a rebuild with nothing changed).
 *
 * Node built-ins only: `bin.ts` checks the stamp before the CLI's packages are imported (loading
 * them is 0.5 s). A stamp is written in one rename; anything that does not match, or cannot be
 * read, is a full build. It lives in `.gongkai/cache/`, so deleting the cache deletes it too.
 */
import { createHash } from 'node:crypto'
import type { Stats } from 'node:fs'
import { mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const FORMAT = 1

/** The options of `gongkai build`, as build.ts parses them. */
export const BUILD_OPTIONS = { out: { type: 'string' }, channel: { type: 'string' }, preview: { type: 'boolean' }, 'no-cache': { type: 'boolean' }, json: { type: 'boolean' } } as const

/** One line the command wrote: to stdout (1) or stderr (2), as the terminal got it. */
export type StampLine = readonly [1 | 2, string]

/** What a stamp records. */
export interface Stamp {
  readonly format: number
  /** The build's instant and the first instant its output may differ at (the next day, the next publishAt). */
  readonly from: number
  readonly until: number
  readonly inputs: string
  readonly code: string
  readonly state: string
  readonly channels: readonly string[]
  /** OUT/<channel> and the release tree it pointed at. */
  readonly links: readonly (readonly [string, string])[]
  /** Files outside the project the build read (fonts named in the config), with their stat. */
  readonly extra: readonly (readonly [string, string])[]
  readonly lines: readonly StampLine[]
  readonly exit: number
}

/** The facts of one invocation that select its stamp. */
export interface Invocation {
  readonly argv: readonly string[]
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly tty: boolean
}

const sig = (st: Stats) => `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`

function statSig(path: string): string {
  try {
    return sig(statSync(path))
  } catch {
    return 'absent'
  }
}

/** The project folder and the stamp file of an invocation; undefined when the build must run anyway. */
export function stampFile(inv: Invocation): { projectDir: string; file: string } | undefined {
  let parsed
  try {
    parsed = parseArgs({ args: [...inv.argv], options: BUILD_OPTIONS, allowPositionals: true, strict: true })
  } catch {
    return undefined
  }
  if (parsed.positionals.length > 1 || parsed.values['no-cache'] === true) return undefined
  const projectDir = resolve(inv.cwd, parsed.positionals[0] ?? '.')
  // What shapes the printed lines besides the files: the environment's GONGKAI_* (but the clock, judged below), colour and TZ.
  const env = Object.entries(inv.env)
    .filter(([k]) => (k.startsWith('GONGKAI_') && k !== 'GONGKAI_NOW') || k === 'NO_COLOR' || k === 'FORCE_COLOR' || k === 'TZ')
    .sort(([a], [b]) => (a < b ? -1 : 1))
  const key = createHash('sha256')
    .update(JSON.stringify([FORMAT, process.version, inv.cwd, inv.argv, env, inv.tty]))
    .digest('hex')
    .slice(0, 32)
  return { projectDir, file: join(projectDir, '.gongkai', 'cache', 'stamps', `${key}.json`) }
}

/**
 * The digests the stamp check took in this process, moments before the build began: a build after
 * a failed check uses them instead of walking the folders again (0.1 to 0.2 s at 10,000 files).
 */
const taken = new Map<string, string>()
/** The stat of every input file that walk took, by path: the load takes them instead of its own (10,000 calls at 10,000 publications). */
const takenStats = new Map<string, Map<string, Stats>>()

/** Every file of the project folder but `.gongkai/`, `.git/` and OUT, by path and stat; each file's stat is put in `into`. */
export function inputsDigest(projectDir: string, outDir: string, into?: Map<string, Stats>): string {
  const h = createHash('sha256')
  const skip = new Set([join(projectDir, '.gongkai'), join(projectDir, '.git'), resolve(outDir)])
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const e of entries) {
      const path = join(dir, e.name)
      if (skip.has(path)) continue
      if (e.isDirectory()) {
        h.update(`${path}/\n`)
        walk(path)
      } else {
        let st: Stats | undefined
        try {
          st = statSync(path)
        } catch {
          st = undefined
        }
        if (st !== undefined) into?.set(path, st)
        h.update(`${path}\u0000${st === undefined ? 'absent' : sig(st)}\n`)
      }
    }
  }
  walk(projectDir)
  return h.digest('hex')
}

/** The built code: every file of the dist folders of this package and of the @gongkai packages it uses, by stat. */
export function codeDigest(): string {
  const h = createHash('sha256').update(process.version)
  const seen = new Set<string>()
  const visit = (dist: string) => {
    if (seen.has(dist)) return
    seen.add(dist)
    const files = readdirSync(dist, { recursive: true, withFileTypes: true })
      // Not code: tsc rewrites its build info on a `--noEmit` check, and source maps change nothing run.
      .filter((e) => !e.isDirectory() && !e.name.endsWith('.tsbuildinfo') && !e.name.endsWith('.map'))
      .map((e) => join(e.parentPath, e.name))
      .sort()
    for (const f of files) h.update(`${f}\u0000${statSig(f)}\n`)
    let deps: Record<string, string> = {}
    try {
      deps = (JSON.parse(readFileSync(join(dirname(dist), 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}
    } catch {
      // No package.json above: only this folder counts.
    }
    for (const name of Object.keys(deps).sort()) {
      if (!name.startsWith('@gongkai/')) continue
      h.update(`${name}\n`)
      visit(dirname(fileURLToPath(import.meta.resolve(name))))
    }
  }
  visit(dirname(fileURLToPath(import.meta.url)))
  return h.digest('hex')
}

/** The build's own state in `.gongkai/`: each channel's release pointer and render cache, the object folders. */
export function stateDigest(projectDir: string, channels: readonly string[]): string {
  const h = createHash('sha256')
  const g = join(projectDir, '.gongkai')
  for (const c of channels) h.update(`${c}\u0000${statSig(join(g, 'releases', c, 'latest.json'))}\u0000${statSig(join(g, 'cache', 'renders', `${c}.json`))}\n`)
  const objects = join(g, 'cache', 'objects')
  h.update(statSig(objects))
  let shards: string[] = []
  try {
    shards = readdirSync(objects).sort()
  } catch {
    // No objects yet.
  }
  // A shard folder's times change with every object added to it or removed from it.
  for (const s of shards) h.update(`${s}\u0000${statSig(join(objects, s))}\n`)
  return h.digest('hex')
}

/** Whether OUT/<channel> points at the tree. */
function linkHolds(link: string, tree: string): boolean {
  try {
    return resolve(dirname(link), readlinkSync(link)) === tree && statSync(tree).isDirectory()
  } catch {
    return false
  }
}

/** The instant of `GONGKAI_NOW`, or the wall clock's; undefined when it is malformed (the build then says so). */
function instantOf(env: Readonly<Record<string, string | undefined>>, wall: () => number): number | undefined {
  const text = env['GONGKAI_NOW']
  if (text === undefined || text === '') return wall()
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(t) ? undefined : t
}

/** The stamp of an invocation when everything it recorded still holds; undefined otherwise. */
export function matchingStamp(inv: Invocation, wall: () => number = Date.now): Stamp | undefined {
  const where = stampFile(inv)
  if (where === undefined) return undefined
  let stamp: Stamp
  try {
    const read: unknown = JSON.parse(readFileSync(where.file, 'utf8'))
    if (!isStamp(read, where.projectDir)) return undefined
    stamp = read
  } catch {
    return undefined
  }
  // A stamp the checks below trip over (a hand-edited one, a disk gone) is a full build, never a crash.
  try {
    return holds(stamp, inv, where.projectDir, wall)
  } catch {
    return undefined
  }
}

const pairs = (x: unknown): x is (readonly [string, string])[] => Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')

/** Whether `x` has a stamp's shape, every link and tree it names inside the project: a stamp is trusted to print lines, so nothing else is. */
function isStamp(x: unknown, projectDir: string): x is Stamp {
  if (typeof x !== 'object' || x === null) return false
  const s = x as Record<string, unknown>
  const inside = (path: string) => {
    const rel = relative(projectDir, resolve(path))
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  }
  return (
    s['format'] === FORMAT &&
    typeof s['from'] === 'number' &&
    typeof s['until'] === 'number' &&
    typeof s['inputs'] === 'string' &&
    typeof s['code'] === 'string' &&
    typeof s['state'] === 'string' &&
    Array.isArray(s['channels']) &&
    s['channels'].every((c) => typeof c === 'string') &&
    pairs(s['links']) &&
    s['links'].every(([link, tree]) => inside(link) && inside(tree)) &&
    pairs(s['extra']) &&
    Array.isArray(s['lines']) &&
    s['lines'].every((l) => Array.isArray(l) && l.length === 2 && (l[0] === 1 || l[0] === 2) && typeof l[1] === 'string') &&
    Number.isInteger(s['exit'])
  )
}

function holds(stamp: Stamp, inv: Invocation, projectDir: string, wall: () => number): Stamp | undefined {
  const where = { projectDir }
  const now = instantOf(inv.env, wall)
  if (stamp.format !== FORMAT || now === undefined || now < stamp.from || now >= stamp.until) return undefined
  if (!stamp.links.every(([link, tree]) => linkHolds(link, tree))) return undefined
  if (!stamp.extra.every(([path, s]) => statSig(path) === s)) return undefined
  if (stateDigest(where.projectDir, stamp.channels) !== stamp.state) return undefined
  const outDir = stamp.links.length > 0 ? dirname(stamp.links[0]![0]) : join(where.projectDir, 'out')
  try {
    const stats = new Map<string, Stats>()
    const inputs = inputsDigest(where.projectDir, outDir, stats)
    taken.set(`inputs\u0000${where.projectDir}\u0000${resolve(outDir)}`, inputs)
    takenStats.set(`inputs\u0000${where.projectDir}\u0000${resolve(outDir)}`, stats)
    if (inputs !== stamp.inputs) return undefined
    const code = codeDigest()
    taken.set('code', code)
    if (code !== stamp.code) return undefined
  } catch {
    return undefined
  }
  return stamp
}

/** What a build records before it loads anything: its inputs and code as they were when it began. */
export interface StampStart {
  readonly inputs: string
  readonly code: string
  /** The stat of each input file behind `inputs`, by path, for the load (`LoadProjectOptions.stats`). */
  readonly stats: ReadonlyMap<string, Stats>
}

/** The digests taken when a build begins; undefined when it keeps no stamp (`--no-cache`, unreadable folders). */
export function beginStamp(inv: Invocation, outDir: string): StampStart | undefined {
  const where = stampFile(inv)
  if (where === undefined) return undefined
  try {
    // A build that fails leaves no stamp behind it: the next one builds.
    rmSync(where.file, { force: true })
    const inputsKey = `inputs\u0000${where.projectDir}\u0000${resolve(outDir)}`
    const inputs = taken.get(inputsKey)
    const stats = (inputs === undefined ? undefined : takenStats.get(inputsKey)) ?? new Map<string, Stats>()
    const start = { inputs: inputs ?? inputsDigest(where.projectDir, outDir, stats), code: taken.get('code') ?? codeDigest(), stats }
    // Once: a second build in this process (tests, the console) walks again.
    taken.clear()
    takenStats.clear()
    return start
  } catch {
    return undefined
  }
}

/** Writes the stamp of a finished build (one rename); a stamp that cannot be written is only a slower next build. */
export function writeStamp(
  inv: Invocation,
  start: StampStart,
  facts: { from: number; until: number; channels: readonly string[]; links: readonly (readonly [string, string])[]; extra: readonly string[]; lines: readonly StampLine[]; exit: number },
): void {
  const where = stampFile(inv)
  if (where === undefined) return
  const stamp: Stamp = {
    format: FORMAT,
    from: facts.from,
    until: facts.until,
    inputs: start.inputs,
    code: start.code,
    state: stateDigest(where.projectDir, facts.channels),
    channels: facts.channels,
    links: facts.links,
    extra: facts.extra.map((p) => [p, statSig(p)] as const),
    lines: facts.lines,
    exit: facts.exit,
  }
  const tmp = `${where.file}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(where.file), { recursive: true })
    writeFileSync(tmp, JSON.stringify(stamp))
    renameSync(tmp, where.file)
  } catch {
    rmSync(tmp, { force: true })
  }
}

/**
 * The calendar day around `now` in `timezone`, as [its first instant, the next day's first): found
 * to the second, inside rather than outside. Days are at most 25 hours long (a DST change).
 */
export function dayAround(now: number, timezone: string): readonly [number, number] {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
  }
  const today = format.format(now)
  const edge = (inside: number, outside: number) => {
    while (Math.abs(outside - inside) > 1000) {
      const mid = Math.floor((inside + outside) / 2)
      if (format.format(mid) === today) inside = mid
      else outside = mid
    }
    return inside
  }
  // Every instant from the first `edge` to the second is today.
  return [edge(now, now - 26 * 3_600_000), edge(now, now + 26 * 3_600_000) + 1]
}

/** Prints a matching stamp's lines and returns its exit code; undefined when the build must run. */
export function replayIfUnchanged(inv: Invocation, write: (stream: 1 | 2, text: string) => void): number | undefined {
  const stamp = matchingStamp(inv)
  if (stamp === undefined) return undefined
  for (const [stream, text] of stamp.lines) write(stream, `${text}\n`)
  return stamp.exit
}
