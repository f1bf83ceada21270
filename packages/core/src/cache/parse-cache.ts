/**
 * The persistent parse cache: each body's parsed mdast tree and its Markdown diagnostics, keyed by
 * a hash of (parser version, body text), kept in `.gongkai/parse-cache/` beside the ledger. Reading
 * it back is JSON.parse, about fifteen times faster than micromark.
 *
 * The cache never changes what a load gives: positions in the tree are relative to the body already,
 * diagnostics are stored relative to it and shifted on read, and anything that does not check out
 * (truncated, corrupt, another version) is a miss, then rewritten. Files are sharded by the first two
 * hex digits of the key, so an edit rewrites one small file; each is written to a temporary name and
 * renamed, so concurrent writers never leave a half-written file. Every error of the cache itself is
 * swallowed: it can only make a load slower, never fail it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Root } from 'mdast'
import type { Diagnostic } from '../diagnostics.js'
import { shiftPositions } from '../markdown.js'
import type { BodySource } from '../markdown.js'
import { mapLimit } from '../pool.js'

/** The cache folder's name, inside the folder that holds the ledger. */
export const PARSE_CACHE_DIR = 'parse-cache'

/** One body parsed: what `parseBody` returns. */
export interface ParsedBody {
  readonly tree: Root
  readonly diagnostics: Diagnostic[]
}

/** An open cache: look bodies up, add the ones parsed, then `save` once after the load. */
export interface ParseCache {
  /** The key of a body (a hash of the parser version and the text). */
  keyOf(body: string): string
  /** The cached parse of a body for this source, or undefined on a miss. */
  take(key: string, source: BodySource): ParsedBody | undefined
  /** Records a fresh parse (the same objects the load hands on; nothing is copied). */
  put(key: string, source: BodySource, parsed: ParsedBody): void
  /** Writes changed shards, drops entries this load did not use; never throws. */
  save(): Promise<void>
  /** Hits and misses so far. */
  readonly stats: { hits: number; misses: number }
}

const FORMAT = 'gongkai-parse-cache/1'
const SHARD = /^[0-9a-f]{2}\.json$/
const STALE_TEMP_MS = 10 * 60_000
/** Packages whose code shapes the tree: a new version of any of them empties the cache. */
const PARSER_PACKAGES = [
  'unified',
  'remark-parse',
  'remark-gfm',
  'micromark',
  'mdast-util-from-markdown',
  'micromark-extension-gfm',
  'mdast-util-gfm',
  'remark-cjk-friendly',
  'remark-cjk-friendly-gfm-strikethrough',
]

/** Where the parse cache of a project lives: `parse-cache/` in the folder of its ledger file. */
export function parseCacheDir(projectDir: string, ledger: string): string {
  return join(dirname(resolve(projectDir, ledger)), PARSE_CACHE_DIR)
}

let version: string | undefined

/**
 * The parser version: the cache format, the source of markdown.ts (so a change to the cleaning
 * rules empties the cache, in development too) and the versions of the parser packages.
 */
export function parserVersion(): string {
  if (version !== undefined) return version
  const h = createHash('sha256').update(FORMAT)
  const here = dirname(fileURLToPath(import.meta.url))
  for (const name of ['markdown.js', 'markdown.ts']) {
    try {
      h.update(readFileSync(join(here, '..', name)))
      break
    } catch {
      // Compiled (.js) or run from sources (.ts): one of the two is there.
    }
  }
  for (const pkg of PARSER_PACKAGES) h.update(`\n${pkg}@${packageVersion(here, pkg)}`)
  version = h.digest('hex').slice(0, 16)
  return version
}

/** A package's version, found as Node finds the package: node_modules folders up from `from`. */
function packageVersion(from: string, name: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown }
      return typeof json.version === 'string' ? json.version : '?'
    } catch {
      if (dirname(dir) === dir) return '-'
    }
  }
}

interface StoredEntry {
  /** The tree, positions packed as [line, column, offset, line, column, offset]. */
  readonly t: unknown
  /** Diagnostics with `line` relative to the body and `file` left empty. */
  readonly d: readonly Record<string, unknown>[]
  /** The lines before the body in the file the tree was parsed for: its positions are that file's. */
  readonly o?: number
}

interface Shard {
  readonly entries: Map<string, StoredEntry>
  readonly used: Set<string>
  /** On disk now (so an empty shard is deleted). */
  readonly onDisk: boolean
  /** Something other than what is on disk: new entries, or a file that did not check out. */
  dirty: boolean
}

/** Positions as six numbers: the tree's JSON is half the size and parses about twice as fast. */
function pack(key: string, value: unknown): unknown {
  if (key !== 'position' || value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const { start, end } = value as { start?: Record<string, unknown>; end?: Record<string, unknown> }
  const six = [start?.['line'], start?.['column'], start?.['offset'], end?.['line'], end?.['column'], end?.['offset']]
  // Anything but the three numbers micromark gives stays as it is, so it reads back the same.
  if (Object.keys(value).length !== 2 || Object.keys(start ?? {}).length !== 3 || Object.keys(end ?? {}).length !== 3) return value
  return six.every((n) => typeof n === 'number') ? six : value
}

function unpack(node: Record<string, unknown>): void {
  const position = node['position']
  if (Array.isArray(position)) {
    const p = position as unknown[]
    node['position'] = { start: { line: p[0], column: p[1], offset: p[2] }, end: { line: p[3], column: p[4], offset: p[5] } }
  }
  const children = node['children']
  if (Array.isArray(children)) for (const child of children) unpack(child as Record<string, unknown>)
}

function isEntry(value: unknown): value is StoredEntry {
  if (value === null || typeof value !== 'object') return false
  const { t, d } = value as { t?: unknown; d?: unknown }
  return (
    t !== null &&
    typeof t === 'object' &&
    (t as { type?: unknown }).type === 'root' &&
    Array.isArray((t as { children?: unknown }).children) &&
    Array.isArray(d) &&
    d.every((x) => x !== null && typeof x === 'object' && typeof (x as { code?: unknown }).code === 'string')
  )
}

function header(payload: Buffer): string {
  return `${FORMAT} ${parserVersion()} ${payload.byteLength} ${createHash('sha256').update(payload).digest('hex')}\n`
}

/** One shard file → its entries; undefined when it does not check out (truncated, corrupt, old). */
function readShard(bytes: Buffer): Map<string, StoredEntry> | undefined {
  const nl = bytes.indexOf(0x0a)
  if (nl < 0) return undefined
  const payload = bytes.subarray(nl + 1)
  if (bytes.subarray(0, nl + 1).toString('utf8') !== header(payload)) return undefined
  let data: unknown
  try {
    data = JSON.parse(payload.toString('utf8'))
  } catch {
    return undefined
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined
  return new Map(Object.entries(data as Record<string, StoredEntry>))
}

/**
 * Opens the cache in `dir` (created on save). Never throws: a missing, unreadable or corrupt cache
 * is an empty one.
 */
export async function openParseCache(dir: string): Promise<ParseCache> {
  const shards = new Map<string, Shard>()
  const handedOut = new Set<string>()
  const stats = { hits: 0, misses: 0 }
  const v = parserVersion()
  let names: string[] = []
  try {
    names = await readdir(dir)
  } catch {
    // No cache yet.
  }
  const stale: string[] = []
  await mapLimit(names, 16, async (name) => {
    if (!SHARD.test(name)) {
      if (name.includes('.tmp-')) stale.push(name)
      return
    }
    let entries: Map<string, StoredEntry> | undefined
    try {
      entries = readShard(await readFile(join(dir, name)))
    } catch {
      entries = undefined
    }
    shards.set(name.slice(0, 2), { entries: entries ?? new Map<string, StoredEntry>(), used: new Set(), onDisk: true, dirty: entries === undefined })
  })

  const shardOf = (key: string): Shard => {
    const id = key.slice(0, 2)
    let s = shards.get(id)
    if (s === undefined) shards.set(id, (s = { entries: new Map(), used: new Set(), onDisk: false, dirty: false }))
    return s
  }

  return {
    stats,
    keyOf(body) {
      return createHash('sha256').update(v).update('\n').update(body).digest('hex').slice(0, 32)
    },
    take(key, source) {
      const shard = shardOf(key)
      const entry = shard.entries.get(key)
      if (entry === undefined || !isEntry(entry)) {
        if (entry !== undefined) {
          shard.entries.delete(key)
          shard.dirty = true
        }
        stats.misses++
        return undefined
      }
      shard.used.add(key)
      stats.hits++
      // The same body in two files: each gets its own tree, as two parses would give.
      const shift = (tree: Root) => {
        shiftPositions(tree, source.bodyLine - 1 - (entry.o ?? 0))
        return tree
      }
      if (handedOut.has(key)) return { tree: shift(structuredClone(entry.t) as Root), diagnostics: shiftDiagnostics(entry.d, source) }
      handedOut.add(key)
      unpack(entry.t as Record<string, unknown>)
      const tree = entry.t as Root
      // The entry keeps the tree it hands out: its positions are now this file's.
      shard.entries.set(key, { ...entry, o: source.bodyLine - 1 })
      return { tree: shift(tree), diagnostics: shiftDiagnostics(entry.d, source) }
    },
    put(key, source, parsed) {
      const shard = shardOf(key)
      const offset = source.bodyLine - 1
      const d = parsed.diagnostics.map((x) => {
        const copy: Record<string, unknown> = { ...x }
        if (copy['file'] === source.file) copy['file'] = ''
        if (typeof copy['line'] === 'number') copy['line'] = copy['line'] - offset
        return copy
      })
      shard.entries.set(key, { t: parsed.tree, d, o: offset })
      shard.used.add(key)
      handedOut.add(key)
      shard.dirty = true
    },
    async save() {
      const writing = [...shards.values()].some((s) => s.dirty && [...s.used].some((k) => s.entries.has(k)))
      try {
        if (writing) await mkdir(dir, { recursive: true })
      } catch {
        return
      }
      await mapLimit([...shards], 8, async ([id, shard]) => {
        const file = join(dir, `${id}.json`)
        for (const key of shard.entries.keys()) {
          if (!shard.used.has(key)) {
            shard.entries.delete(key)
            shard.dirty = true
          }
        }
        try {
          if (shard.entries.size === 0) {
            if (shard.onDisk) await unlink(file)
            return
          }
          if (!shard.dirty) return
          const payload = Buffer.from(JSON.stringify(Object.fromEntries(shard.entries), pack), 'utf8')
          const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
          await writeFile(temp, Buffer.concat([Buffer.from(header(payload), 'utf8'), payload]))
          await rename(temp, file).catch(async (cause: unknown) => {
            await unlink(temp).catch(() => undefined)
            throw cause
          })
        } catch {
          // A read-only folder, a full disk, another process's rename: the next load parses again.
        }
      })
      // Temporary files left by a process that died mid-write; fresh ones may be another writer's.
      await mapLimit(stale, 8, async (name) => {
        const s = await stat(join(dir, name)).catch(() => undefined)
        if (s !== undefined && Date.now() - s.mtimeMs > STALE_TEMP_MS) await unlink(join(dir, name)).catch(() => undefined)
      })
    },
  }
}

function shiftDiagnostics(stored: readonly Record<string, unknown>[], source: BodySource): Diagnostic[] {
  const offset = source.bodyLine - 1
  return stored.map((x) => {
    const d: Record<string, unknown> = { ...x }
    if (d['file'] === '') d['file'] = source.file
    if (typeof d['line'] === 'number') d['line'] = d['line'] + offset
    return d as unknown as Diagnostic
  })
}
