/**
 * The render cache: what a channel made of one publication (or of the whole collection), keyed by
 * everything the output depends on, with the bytes in the content-addressed object store. It lives
 * in `.gongkai/cache/` and survives between processes; deleting it only makes the next build cold.
 *
 * A key covers the channel's fingerprint (options, templates, fonts, code), the project config,
 * the publication's revision (item, publication, body), its 索引号, its withdrawal and 有效性 on
 * the build's day, and the publications it links to as the page shows them (its release,
 * interpretations and responses, a redirect's target and what redirects to it). Assets a render read are recorded with their hashes and checked on
 * a hit, so a replaced image re-renders the pages that embed it. Every error of the cache itself
 * is a miss: it can make a build slower, never wrong.
 */
import { createHash, randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Artifact, Diagnostic, Disclosure, Publication, RenderContext } from '@gongkai/core'
import { effectiveValidity, withdrawalInForce } from '@gongkai/core'
import { cacheDir, objectPath, sha256Of, writeAtomic } from './release.js'

const FORMAT = 'gongkai-render-cache/1'
/** How often a long build writes down the renders it has finished. */
const CHECKPOINT_MS = 3_000

/** One file a render made, by reference to its bytes. */
export interface CachedFile {
  readonly path: string
  readonly sha256: string
  readonly size: number
  readonly mediaType: string
  readonly publication?: string
}

/** One cached render. */
export interface CacheEntry {
  readonly files: readonly CachedFile[]
  /** What the channel reported while rendering: replayed on a hit, so warnings never vanish. */
  readonly diagnostics: readonly Diagnostic[]
  /** Assets read (project-relative path → hex SHA-256, or '' when missing). */
  readonly assets: Readonly<Record<string, string>>
  /** The channel's `summarize` of the disclosure, when it has one. */
  readonly summary?: unknown
}

/** A channel's render cache, open for one build. */
export interface RenderCache {
  get(key: string): CacheEntry | undefined
  set(key: string, entry: CacheEntry): void
  /** Writes the entries used by this build (the others are dropped); never throws. */
  save(): Promise<void>
  /**
   * Writes what is known so far, old entries kept, at most every few seconds: a build killed
   * half-way keeps the renders it finished (their bytes are in the object store already).
   */
  checkpoint(): Promise<void>
  readonly stats: { hits: number; misses: number }
}

function indexFile(projectDir: string, channel: string): string {
  return join(cacheDir(projectDir), 'renders', `${channel}.json`)
}

/** Opens a channel's render cache; an unreadable or foreign index is an empty cache. */
export async function openRenderCache(projectDir: string, channel: string, enabled: boolean): Promise<RenderCache> {
  let old: Record<string, CacheEntry> = {}
  if (enabled) {
    try {
      const parsed = JSON.parse(await readFile(indexFile(projectDir, channel), 'utf8')) as { format?: string; entries?: Record<string, CacheEntry> }
      if (parsed.format === FORMAT && parsed.entries !== undefined && typeof parsed.entries === 'object') old = parsed.entries
    } catch {
      old = {}
    }
  }
  const used = new Map<string, CacheEntry>()
  let changed = false
  const stats = { hits: 0, misses: 0 }
  let lastCheckpoint = performance.now()
  let fresh = 0
  return {
    stats,
    get(key) {
      const entry = enabled ? old[key] : undefined
      if (entry !== undefined && !used.has(key)) used.set(key, entry)
      return entry
    },
    set(key, entry) {
      used.set(key, entry)
      changed = true
      fresh++
    },
    async checkpoint() {
      if (!enabled || fresh === 0 || performance.now() - lastCheckpoint < CHECKPOINT_MS) return
      lastCheckpoint = performance.now()
      fresh = 0
      try {
        await writeAtomic(indexFile(projectDir, channel), JSON.stringify({ format: FORMAT, entries: { ...old, ...Object.fromEntries(used) } }))
      } catch {
        // The final save tries again.
      }
    },
    async save() {
      if (!enabled) return
      if (!changed && used.size === Object.keys(old).length) return
      try {
        await writeAtomic(indexFile(projectDir, channel), JSON.stringify({ format: FORMAT, entries: Object.fromEntries(used) }))
      } catch {
        // A cache that cannot be written only makes the next build slower.
      }
    },
  }
}

/** Stable JSON: object keys sorted, so equal values give equal text. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return v
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  })
}

/** The hash of a value's stable JSON. */
export function hashValue(value: unknown): string {
  return sha256Of(stable(value))
}

/**
 * What a page shows of another publication: enough to change the key when its title, dates,
 * corrections, withdrawal or 有效性 change, never its body. The withdrawal and 有效性 are taken on
 * the build's day, so an `expires` reached or a withdrawal coming into force re-renders the pages
 * that show it without an edit.
 */
function linkView(p: Publication, all: ReadonlySet<string>, day: DayFacts): unknown {
  const { body: _body, source: _source, ...shown } = p as Publication & { body?: unknown }
  void _body
  void _source
  return { ...shown, listed: all.has(p.id), due: p.publishAt === undefined || Date.parse(p.publishAt) <= day.now.getTime(), ...stateOn(p, day) }
}

/** The build's instant and the project's timezone: what a page's day-dependent facts are taken on. */
export interface DayFacts {
  readonly now: Date
  readonly timezone: string
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

function dayOf(day: DayFacts): string {
  let f = dayFormats.get(day.timezone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: day.timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(day.timezone, f)
  }
  return f.format(day.now)
}

/** A publication's lifecycle on the day: a withdrawal, an expiry or a correction dated later takes effect on its day, without an edit. */
const NO_LIFECYCLE = { withdrawnNow: false, validityNow: null, correctionsNow: 0 } as const

function stateOn(p: Publication, day: DayFacts): { withdrawnNow: boolean; validityNow: string | null; correctionsNow: number } {
  // Most publications carry none of these: no date to format for them (a build keys every publication and its links).
  if (p.withdrawn === undefined && p.validity === undefined && p.expires === undefined && p.corrections === undefined) return NO_LIFECYCLE
  const today = dayOf(day)
  return {
    withdrawnNow: withdrawalInForce(p, day.now, day.timezone) !== undefined,
    validityNow: effectiveValidity(p, day.now, day.timezone) ?? null,
    correctionsNow: (p.corrections ?? []).filter((c) => c.on <= today).length,
  }
}

/**
 * Who points at whom by `withdrawn.to`, among the publications a channel lists: a redirect's page
 * shows its target, and the target says what it replaces, so each key holds the other's view.
 */
export interface RedirectIndex {
  readonly byId: ReadonlyMap<string, Publication>
  readonly into: ReadonlyMap<string, readonly Publication[]>
}

/** The redirect relations of a channel's list (redirects written, in force or not: the view says which). */
export function redirectIndex(list: readonly Disclosure[]): RedirectIndex {
  const byId = new Map<string, Publication>()
  const into = new Map<string, Publication[]>()
  for (const d of list) {
    const p = d.publication
    byId.set(p.id, p)
    const to = p.withdrawn?.mode === 'redirect' ? p.withdrawn.to : undefined
    if (to !== undefined) into.set(to, [...(into.get(to) ?? []), p])
  }
  return { byId, into }
}

/** The context part of the key of a publication that links to nothing, with no lifecycle on the day. */
const ALONE = stable([null, [], [], NO_LIFECYCLE, null, []])

/** The key of one publication's render on a channel. */
export function renderKey(base: string, d: Disclosure, listed: ReadonlySet<string>, day: DayFacts, redirects?: RedirectIndex): string {
  const links = d.links
  const p = d.publication
  const to = p.withdrawn?.mode === 'redirect' && p.withdrawn.to !== undefined ? redirects?.byId.get(p.withdrawn.to) : undefined
  const into = redirects?.into.get(p.id) ?? []
  const state = stateOn(p, day)
  // Most publications link to nothing and have no lifecycle on the day: their part of the key is
  // one text, made once (stable() of it was a quarter of a rebuild's hub time at 10,000).
  const alone = links.release === undefined && links.interpretations.length === 0 && links.responses.length === 0 && state === NO_LIFECYCLE && to === undefined && into.length === 0
  return createHash('sha256')
    .update(base)
    .update('\n')
    .update(d.revision)
    .update('\n')
    .update(d.indexNo)
    .update('\n')
    .update(
      alone
        ? ALONE
        : stable([
            links.release === undefined ? null : linkView(links.release, listed, day),
            links.interpretations.map((q) => linkView(q, listed, day)),
            links.responses.map((q) => linkView(q, listed, day)),
            state,
            to === undefined ? null : linkView(to, listed, day),
            into.map((q) => linkView(q, listed, day)),
          ]),
    )
    .digest('hex')
}

/**
 * The objects present in the store, listed once per build (the caller holds the build lock): one readdir per shard instead of a
 * stat per file. Sizes are not checked here: objects are read-only, and delivery checks every
 * file's SHA-256 (dropping an object whose bytes changed, so the next build renders it again).
 */
export function objectSet(projectDir: string): Set<string> {
  const root = join(cacheDir(projectDir), 'objects')
  const found = new Set<string>()
  let shards: string[]
  try {
    shards = readdirSync(root)
  } catch {
    return found
  }
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue
    try {
      for (const name of readdirSync(join(root, shard))) {
        if (name.length === 62) found.add(shard + name)
        // Only a build writes objects, and the caller holds the build lock: a temporary file is a killed build's.
        else if (name.endsWith('.tmp')) rmSync(join(root, shard, name), { force: true })
      }
    } catch {
      // A shard that cannot be read holds nothing usable.
    }
  }
  return found
}

/** Whether an entry's objects are still in the store and the assets it read unchanged. */
export async function entryValid(entry: CacheEntry, objects: ReadonlySet<string>, ctx: RenderContext): Promise<boolean> {
  for (const f of entry.files) if (!objects.has(f.sha256)) return false
  for (const [path, hash] of Object.entries(entry.assets)) {
    const now = await ctx.readAsset(path).then(
      (data) => sha256Of(data),
      () => '',
    )
    if (now !== hash) return false
  }
  return true
}

/** Shard folders of the object store made by this process: one mkdir a shard, not one an object. */
const madeShards = new Set<string>()

/**
 * Puts bytes in the object store unless they are there already; returns their hash and size.
 * Synchronous inside: at 11,558 objects of a cold build, the promise calls (open, write, close,
 * rename, each a trip through the thread pool) cost about 0.5 s more than the same calls made in
 * place, on tmpfs as on disk; the build has nothing else to do meanwhile.
 */
export async function putObject(projectDir: string, data: Uint8Array | string): Promise<{ sha256: string; size: number }> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const sha256 = sha256Of(bytes)
  const file = objectPath(projectDir, sha256)
  if (!existsSync(file)) {
    const shard = dirname(file)
    if (!madeShards.has(shard)) {
      mkdirSync(shard, { recursive: true })
      madeShards.add(shard)
    }
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
    try {
      // Read-only: the release trees link these bytes, and an editor saving over a file in OUT/ must not change them.
      try {
        writeFileSync(tmp, bytes, { mode: 0o444 })
      } catch (cause) {
        // The store was deleted since this process made the shard (it is safe to delete).
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause
        mkdirSync(shard, { recursive: true })
        writeFileSync(tmp, bytes, { mode: 0o444 })
      }
      renameSync(tmp, file)
    } catch (cause) {
      rmSync(tmp, { force: true })
      throw cause
    }
  }
  return { sha256, size: bytes.byteLength }
}

/** Stores a render's artifacts as objects and returns the entry that refers to them. */
export async function storeArtifacts(
  projectDir: string,
  artifacts: readonly Artifact[],
  diagnostics: readonly Diagnostic[],
  assets: Readonly<Record<string, string>>,
  summary?: unknown,
): Promise<CacheEntry> {
  const files: CachedFile[] = []
  for (const a of artifacts) {
    const { sha256, size } = await putObject(projectDir, a.data)
    files.push({ path: a.path, sha256, size, mediaType: a.mediaType, ...(a.publication === undefined ? {} : { publication: a.publication }) })
  }
  return { files, diagnostics, assets, ...(summary === undefined ? {} : { summary }) }
}

/** Links (or, across file systems, copies) an object to `dest`. Synchronous inside, as `putObject` is. */
export async function placeObject(projectDir: string, sha256: string, dest: string): Promise<void> {
  const source = objectPath(projectDir, sha256)
  try {
    linkSync(source, dest)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      mkdirSync(dirname(dest), { recursive: true })
      try {
        linkSync(source, dest)
        return
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code !== 'EXDEV' && (again as NodeJS.ErrnoException).code !== 'EPERM') throw again
      }
    } else if (code !== 'EXDEV' && code !== 'EPERM') throw cause
    copyFileSync(source, dest)
  }
}
