/**
 * buildRelease: every disclosure rendered to its channels (only what changed since the last build,
 * through the render cache), then each channel's whole-collection output, into one release per
 * channel: a manifest of every file and a tree of them that OUT/<channel> is switched to at once.
 */
import { randomBytes } from 'node:crypto'
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import type { Artifact, Channel, Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import { ERRORS, OptionsError, isReviewed, reviewLevelsOf } from '@gongkai/core'
import { isPreview, mapLimit } from '@gongkai/core/internal'
import { renderFailure, renderWith, safeArtifacts, scopedContext } from './fan-out.js'
import { collectGarbage } from './gc.js'
import { removeStaleOutput, withBuildLock } from './lock.js'
import type { CacheEntry, CachedFile } from './render-cache.js'
import { entryValid, hashValue, objectSet, openRenderCache, placeObject, redirectIndex, renderKey, storeArtifacts } from './render-cache.js'
import type { Release, ReleaseFile, ReleaseManifest, ReleasePublication } from './release.js'
import { cacheDir, objectPath, readRelease, RELEASE_FORMAT, releaseIdOf, saveRelease, sha256Of, writeAtomic } from './release.js'

/** A step of the build, for progress bars. */
export interface BuildProgress {
  readonly phase: 'render' | 'assemble'
  /** Steps finished so far, and in all (renders of publication × channel, then assembles). */
  readonly done: number
  readonly total: number
  readonly channel: string
  readonly publication?: string
}

/** Options for `buildRelease`. */
export interface BuildOptions {
  readonly channels: readonly Channel[]
  readonly disclosures: readonly Disclosure[]
  readonly ctx: RenderContext
  /** The project folder: the render cache and the manifests live in its `.gongkai/`. */
  readonly projectDir: string
  /** The OUT folder; OUT/<channel> becomes a link to the channel's release tree in OUT/.releases/. */
  readonly outDir: string
  /** Include publications that have not passed 保密审查 (`isReviewed`); default false. A preview release is never delivered. */
  readonly preview?: boolean
  /** Renders at once; default 4. */
  readonly concurrency?: number
  /** Use the render cache; default true. Off, every publication is rendered again (the results are still stored). */
  readonly cache?: boolean
  readonly onProgress?: (progress: BuildProgress) => void
  /**
   * Called as soon as a publication rendered afresh (not taken from the cache) has its files
   * stored, before the channel's lists and its release are written: a live preview can show the
   * new page while the rest of the build goes on. The files are readable by hash with
   * `readRenderedFile` and are the bytes the release will hold. The build waits for a returned
   * promise, so a listener can let the event loop send what it announced before the lists render.
   */
  readonly onRendered?: (rendered: RenderedPublication) => void | Promise<void>
}

/** A publication's files from one fresh render, for `onRendered`. */
export interface RenderedPublication {
  readonly channel: string
  readonly publication: string
  /** In path order; each names the one publication. */
  readonly files: readonly ReleaseFile[]
}

/** What one channel built. */
export interface ChannelBuildSummary {
  readonly channel: string
  /** Publications rendered without error (from the cache or afresh). */
  readonly publications: number
  /** Publications whose render failed. */
  readonly failed: number
  /** Ids of the publications whose render failed: they have no files in this release. */
  readonly failedPublications: readonly string[]
  /** Files in the release. */
  readonly artifacts: number
  /** Renders done in this build (publications and the whole-collection output); the rest came from the cache. */
  readonly rendered: number
  /** Renders taken from the cache. */
  readonly cached: number
  /** Files new or changed since the channel's previous release. */
  readonly written: number
  /** Files the same as in the previous release. */
  readonly unchanged: number
  /** Files of the previous release that this one no longer has. */
  readonly removed: number
  /** The release, once written; absent when it could not be (see diagnostics). */
  readonly release?: { readonly id: string; readonly manifestHash: string; readonly changed: boolean; readonly tree: string }
}

/** What `buildRelease` returns. */
export interface BuildSummary {
  readonly outDir: string
  readonly channels: Readonly<Record<string, ChannelBuildSummary>>
  readonly written: number
  readonly unchanged: number
  /** OUT-relative POSIX paths (`<channel>/<path>`) of the files new or changed since the previous releases. */
  readonly writtenFiles: readonly string[]
  /** Publications left out because they have not passed 保密审查 (a preview build leaves none out). */
  readonly unreviewed: readonly string[]
  /** Render failures, refused paths, and everything channels reported. */
  readonly diagnostics: readonly Diagnostic[]
}

/** The release trees of a channel, inside OUT. */
function treesDir(outDir: string, channel: string): string {
  return join(outDir, '.releases', channel)
}

/** The calendar day of `now` in the project's timezone: lists and item pages change with it. */
function dayIn(now: Date, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** A RenderContext that records the assets a render reads (with their hashes) for the cache. */
function recordingContext(ctx: RenderContext, assets: Record<string, string>): RenderContext {
  return {
    config: ctx.config,
    catalog: ctx.catalog,
    all: ctx.all,
    now: ctx.now,
    ...(ctx.preview === undefined ? {} : { preview: ctx.preview }),
    report: (d) => ctx.report(d),
    async readAsset(path) {
      try {
        const data = await ctx.readAsset(path)
        assets[path] = sha256Of(data)
        return data
      } catch (cause) {
        assets[path] = ''
        throw cause
      }
    },
  }
}

function publicationOf(d: Disclosure, levels: readonly string[]): ReleasePublication {
  const p = d.publication
  return {
    id: p.id,
    revision: d.revision,
    title: p.title,
    ...(p.wechatTitle === undefined ? {} : { wechatTitle: p.wechatTitle }),
    file: p.source.file,
    reviewed: isReviewed(p, levels),
    ...(p.publishAt === undefined ? {} : { publishAt: p.publishAt }),
  }
}

/** Whether OUT/<channel> is a link to `tree` already. */
function pointsAt(link: string, tree: string): boolean {
  try {
    return lstatSync(link).isSymbolicLink() && resolve(dirname(link), readlinkSync(link)) === tree && statSync(tree).isDirectory()
  } catch {
    return false
  }
}

/**
 * Switches OUT/<channel> to the tree in one step: a new link renamed over the old one. A folder
 * left by an older version (not a link) is moved aside first and removed after.
 */
function switchTo(link: string, tree: string): void {
  const tmp = join(dirname(link), `.${basename(link)}.link-${process.pid}-${randomBytes(3).toString('hex')}`)
  // Relative, so the OUT folder can be moved or served as it is.
  symlinkSync(relative(dirname(link), tree), tmp)
  let aside: string | undefined
  try {
    const st = lstatSync(link, { throwIfNoEntry: false })
    if (st !== undefined && !st.isSymbolicLink()) {
      aside = join(dirname(tree), `.legacy-${process.pid}-${randomBytes(3).toString('hex')}`)
      renameSync(link, aside)
    }
    renameSync(tmp, link)
  } catch (cause) {
    rmSync(tmp, { force: true })
    throw cause
  }
  if (aside !== undefined) rmSync(aside, { recursive: true, force: true })
}

/** Removes half-made trees and all but the newest `keep` release trees besides the current one. */
function collectTrees(dir: string, current: string, keep: number): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  // Only this process builds (the build lock): any temporary tree is a dead build's.
  for (const name of names) if (name.startsWith('.')) rmSync(join(dir, name), { recursive: true, force: true })
  for (const tree of olderTrees(dir, [current], '').slice(keep)) rmSync(tree, { recursive: true, force: true })
}

/** Whether `tree` holds exactly the manifest's files, each its object itself (a hard link): stat only, nothing read. */
function treeHolds(projectDir: string, tree: string, manifest: ReleaseManifest): boolean {
  try {
    if (readdirSync(tree, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).length !== manifest.files.length) return false
    return manifest.files.every((f) => {
      const placed = lstatSync(join(tree, ...f.path.split('/')))
      const object = statSync(objectPath(projectDir, f.sha256))
      return placed.isFile() && placed.ino === object.ino && placed.dev === object.dev && placed.size === f.size
    })
  } catch {
    return false
  }
}

/** Release trees besides the current one that a build keeps (the newest first); older ones are removed. */
const KEEP_TREES = 2

/** The release trees in `dir` other than those in `exclude` and `id`, newest first. */
function olderTrees(dir: string, exclude: readonly (string | undefined)[], id: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const trees: { path: string; at: number }[] = []
  for (const name of names) {
    const path = join(dir, name)
    if (name === id || exclude.includes(path) || !/^[0-9a-f]{16}$/.test(name)) continue
    try {
      trees.push({ path, at: statSync(path).mtimeMs })
    } catch {
      // Gone meanwhile.
    }
  }
  return trees.sort((a, b) => b.at - a.at).map((t) => t.path)
}

/** The folders of a release's tree, as paths inside it; '' is the tree itself. */
function foldersOf(manifest: ReleaseManifest): Set<string> {
  const folders = new Set<string>([''])
  for (const f of manifest.files) for (let at = f.path.lastIndexOf('/'); at > 0; at = f.path.lastIndexOf('/', at - 1)) folders.add(f.path.slice(0, at))
  return folders
}

/**
 * A tree's folders as the build left them: path, mtime, ctime and inode of each. A file added,
 * removed, renamed or replaced in a folder changes the folder's mtime and ctime, and nobody can
 * set a ctime back, so a tree whose folders all still match holds the files the build put there.
 * (A file written in place through its link changes the object itself; delivery hashes every file
 * it ships and drops such an object, as before.)
 */
type Seal = readonly (readonly [string, number, number, number])[]

const SEALS_FORMAT = 'gongkai-tree-seals/1'

function sealsFile(projectDir: string, channel: string): string {
  return join(cacheDir(projectDir), 'trees', `${channel}.json`)
}

/** The seals of a channel's trees, by tree id; none when the file is missing or not ours. */
function readSeals(projectDir: string, channel: string): Record<string, Seal> {
  try {
    const parsed = JSON.parse(readFileSync(sealsFile(projectDir, channel), 'utf8')) as { format?: unknown; trees?: unknown }
    return parsed.format === SEALS_FORMAT && parsed.trees !== null && typeof parsed.trees === 'object' ? (parsed.trees as Record<string, Seal>) : {}
  } catch {
    return {}
  }
}

function sealOf(tree: string, manifest: ReleaseManifest): Seal {
  return [...foldersOf(manifest)].sort().map((rel) => {
    const st = lstatSync(rel === '' ? tree : join(tree, ...rel.split('/')))
    return [rel, st.mtimeMs, st.ctimeMs, st.ino] as const
  })
}

function sealHolds(tree: string, seal: unknown): boolean {
  if (!Array.isArray(seal) || seal.length === 0) return false
  try {
    return seal.every((entry: unknown) => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return false
      const st = lstatSync(entry[0] === '' ? tree : join(tree, ...entry[0].split('/')))
      return st.isDirectory() && st.mtimeMs === entry[1] && st.ctimeMs === entry[2] && st.ino === entry[3]
    })
  } catch {
    return false
  }
}

/** Records the seal of the channel's tree just switched to, keeping those of the trees still there. */
async function writeSeal(projectDir: string, dir: string, tree: string, manifest: ReleaseManifest): Promise<void> {
  try {
    const present = new Set(readdirSync(dir))
    const kept = Object.entries(readSeals(projectDir, manifest.channel)).filter(([id]) => present.has(id) && id !== basename(tree))
    await writeAtomic(sealsFile(projectDir, manifest.channel), JSON.stringify({ format: SEALS_FORMAT, trees: Object.fromEntries([...kept, [basename(tree), sealOf(tree, manifest)]]) }))
  } catch {
    // Without a seal the tree is checked file by file when it is refitted: slower, never wrong.
  }
}

/**
 * Refits a sealed tree (its seal checked before it was renamed aside) from the difference between
 * the release it holds and `manifest`: files gone or changed are removed, new or changed ones
 * linked, nothing else looked at. At 10,000 publications this is a few dozen file operations
 * where checking every file was 23,000 stat calls (a quarter of a second). Returns false, having
 * changed the folder only part-way, when the old manifest cannot be read or a file cannot be
 * linked: `refitTree` then checks every file.
 */
async function refitFromManifest(projectDir: string, tree: string, oldId: string, manifest: ReleaseManifest): Promise<boolean> {
  let old: ReleaseManifest
  try {
    const release = await readRelease(projectDir, manifest.channel, oldId)
    if (release === undefined) return false
    old = release.manifest
  } catch {
    return false
  }
  const was = new Map(old.files.map((f) => [f.path, f.sha256]))
  const now = new Map(manifest.files.map((f) => [f.path, f.sha256]))
  for (const [path, sha] of was) if (now.get(path) !== sha) rmSync(join(tree, ...path.split('/')), { force: true })
  const folders = foldersOf(manifest)
  const gone = [...foldersOf(old)].filter((rel) => !folders.has(rel)).sort((a, b) => b.length - a.length)
  for (const rel of gone) rmSync(join(tree, ...rel.split('/')), { recursive: true, force: true })
  for (const f of manifest.files) {
    if (was.get(f.path) === f.sha256) continue
    const parts = f.path.split('/')
    if (parts.length > 1) mkdirSync(join(tree, ...parts.slice(0, -1)), { recursive: true })
    try {
      linkSync(objectPath(projectDir, f.sha256), join(tree, ...parts))
    } catch {
      return false
    }
  }
  return true
}

/**
 * Makes the folder `tree` hold exactly the manifest's files, each the object itself (a hard link),
 * changing only what differs: what is already the right object stays, anything else (another
 * object, a stray file, a symlink, a folder in a file's place) goes. Returns false, having changed
 * the folder only part-way, where the files cannot be linked (OUT on another file system): the
 * caller then writes a tree afresh.
 */
function refitTree(projectDir: string, tree: string, manifest: ReleaseManifest): boolean {
  const wanted = new Map(manifest.files.map((f) => [f.path, f]))
  const kept = new Set<string>()
  const folders = foldersOf(manifest)
  const entries = readdirSync(tree, { recursive: true, withFileTypes: true })
  const gone: string[] = []
  for (const e of entries) {
    const abs = join(e.parentPath, e.name)
    const rel = relative(tree, abs).split(sep).join('/')
    if (e.isDirectory()) {
      if (!folders.has(rel)) gone.push(abs)
      continue
    }
    const f = wanted.get(rel)
    if (f !== undefined && e.isFile()) {
      const placed = lstatSync(abs, { throwIfNoEntry: false })
      const object = statSync(objectPath(projectDir, f.sha256), { throwIfNoEntry: false })
      if (placed !== undefined && object !== undefined && placed.ino === object.ino && placed.dev === object.dev && placed.size === f.size) {
        kept.add(rel)
        continue
      }
    }
    rmSync(abs, { force: true })
  }
  // Folders not in the release, deepest first (their files are gone above, or are gone with them).
  for (const abs of gone.sort((a, b) => b.length - a.length)) rmSync(abs, { recursive: true, force: true })
  for (const f of manifest.files) {
    if (kept.has(f.path)) continue
    const dest = join(tree, ...f.path.split('/'))
    const parts = f.path.split('/')
    if (parts.length > 1) mkdirSync(join(tree, ...parts.slice(0, -1)), { recursive: true })
    try {
      linkSync(objectPath(projectDir, f.sha256), dest)
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code
      if (code === 'EXDEV' || code === 'EPERM') return false
      throw cause
    }
  }
  return true
}

/**
 * Writes the tree of a release, then renames it into place. A tree of that id already there
 * (OUT/<channel> may point at it) is kept when it holds exactly the release, and otherwise moved
 * aside in one rename, never emptied in place.
 *
 * The oldest tree the build would remove next is taken for the new one and only its differences
 * made (`refitTree`): a tree of 11,558 files written link by link, and another removed file by
 * file, were a third of a second of every rebuild at 10,000 publications, for the few files a
 * change makes. It is renamed aside first, so a killed build leaves a temporary folder (removed
 * by the next), never a tree under an id whose files it does not hold. Without one, every file
 * is linked from the object store into a new folder.
 */
async function writeTree(projectDir: string, dir: string, manifest: ReleaseManifest, link: string, current: string | undefined): Promise<string> {
  const tree = join(dir, manifest.id)
  if (treeHolds(projectDir, tree, manifest)) return tree
  const tmp = join(dir, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  // Never the tree OUT/<channel> points at, nor the latest release's.
  let linked: string | undefined
  try {
    linked = resolve(dirname(link), readlinkSync(link))
  } catch {
    linked = undefined
  }
  const spare = olderTrees(dir, [current, linked], manifest.id)[KEEP_TREES - 1]
  let refitted = false
  if (spare !== undefined) {
    try {
      // Checked before the rename, which changes the tree's own ctime.
      const sealed = sealHolds(spare, readSeals(projectDir, manifest.channel)[basename(spare)])
      renameSync(spare, tmp)
      refitted = (sealed && (await refitFromManifest(projectDir, tmp, basename(spare), manifest))) || refitTree(projectDir, tmp, manifest)
      // Its age decides which trees are kept: it is the newest now.
      if (refitted) utimesSync(tmp, new Date(), new Date())
    } catch {
      refitted = false
    }
    if (!refitted) await rm(tmp, { recursive: true, force: true })
  }
  try {
    if (!refitted) {
      await mkdir(tmp, { recursive: true })
      const folders = new Set<string>()
      for (const f of manifest.files) {
        const parts = f.path.split('/')
        if (parts.length > 1) folders.add(parts.slice(0, -1).join('/'))
      }
      for (const folder of [...folders].sort()) await mkdir(join(tmp, ...folder.split('/')), { recursive: true })
      await mapLimit(manifest.files, 16, async (f) => placeObject(projectDir, f.sha256, join(tmp, ...f.path.split('/'))))
    }
    const aside = join(dir, `.legacy-${process.pid}-${randomBytes(3).toString('hex')}`)
    const existed = await rename(tree, aside).then(
      () => true,
      () => false,
    )
    await rename(tmp, tree)
    if (existed) await rm(aside, { recursive: true, force: true })
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true })
    throw cause
  }
  return tree
}

type Counter = { -readonly [K in keyof ChannelBuildSummary]: K extends 'failedPublications' ? string[] : ChannelBuildSummary[K] }

/**
 * Builds a release of every channel given: each disclosure whose item names the channel is
 * rendered (or taken from the render cache), then the channel's `assemble`. One failing render
 * becomes a Diagnostic; the rest still build. A channel whose release cannot be written keeps its
 * previous one in OUT/<channel>, whole.
 */
export async function buildRelease(options: BuildOptions): Promise<BuildSummary> {
  const { channels, disclosures, ctx, preview = false, onProgress, onRendered } = options
  if (typeof options.outDir !== 'string' || options.outDir === '') throw new OptionsError(ERRORS.OptionsOutDir, 'buildRelease 需要输出目录（outDir）', { hint: '例如 outDir: "OUT"' })
  if (typeof options.projectDir !== 'string' || options.projectDir === '')
    throw new OptionsError(ERRORS.OptionsDir, 'buildRelease 需要项目目录（projectDir）', { hint: '渲染缓存和发布清单放在项目目录的 .gongkai/ 中' })
  const ids = new Set<string>()
  for (const c of channels) {
    if (ids.has(c.id)) throw new OptionsError(ERRORS.OptionsChannels, `渠道“${c.id}”重复`, { hint: '每个渠道只传一次' })
    ids.add(c.id)
  }
  const projectDir = resolve(options.projectDir)
  const outDir = resolve(options.outDir)
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const useCache = options.cache ?? true
  const levels = reviewLevelsOf(ctx.config)
  const selected = preview ? [...disclosures] : disclosures.filter((d) => isReviewed(d.publication, levels))
  const unreviewed = preview ? [] : disclosures.filter((d) => !isReviewed(d.publication, levels)).map((d) => d.publication.id)
  const perChannel = new Map(channels.map((c) => [c.id, selected.filter((d) => (d.item.channels as readonly string[]).includes(c.id))]))
  const total = [...perChannel.values()].reduce((n, list) => n + list.length, 0) + channels.filter((c) => c.assemble !== undefined || c.assembleParts !== undefined).length
  // Channel settings are in each channel's fingerprint; schedules, the ledger's place and the console's users shape no output.
  // A font file replaced at the same path sets other sheets: its size and time are in the key too.
  const fontFiles = Object.values(ctx.config.fonts ?? {})
    .filter((f): f is string => typeof f === 'string')
    .map((f) => {
      try {
        const s = statSync(resolve(projectDir, f))
        return `${f}:${s.size}:${s.mtimeMs}`
      } catch {
        return `${f}:absent`
      }
    })
  const configHash = hashValue({ ...ctx.config, channels: undefined, schedules: undefined, ledger: undefined, users: undefined, fontFiles })
  const day = dayIn(ctx.now, ctx.config.timezone)

  const diagnostics: Diagnostic[] = []
  const writtenFiles: string[] = []
  const summaries: Record<string, ChannelBuildSummary> = {}
  let done = 0
  // A render taken from the cache says again what it said when it was made: warnings never vanish.
  const replay = (hit: CacheEntry) => {
    for (const x of hit.diagnostics) {
      diagnostics.push(x)
      ctx.report(x)
    }
  }

  await withBuildLock(projectDir, async () => {
    const objects = objectSet(projectDir)
    if (!useCache) objects.clear()
    removeStaleOutput(outDir)
    for (const channel of channels) {
      const list = perChannel.get(channel.id) ?? []
      const listed = new Set(list.map((d) => d.publication.id))
      const redirects = redirectIndex(list)
      const dayFacts = { now: ctx.now, timezone: ctx.config.timezone }
      const count: Counter = { channel: channel.id, publications: 0, failed: 0, failedPublications: [], artifacts: 0, rendered: 0, cached: 0, written: 0, unchanged: 0, removed: 0 }
      // One context per channel: `all` is what that channel lists, the same array for every render.
      const channelCtx: RenderContext = { config: ctx.config, catalog: ctx.catalog, all: list, now: ctx.now, preview, readAsset: (path) => ctx.readAsset(path), report: (d) => ctx.report(d) }
      const cache = await openRenderCache(projectDir, channel.id, useCache && channel.fingerprint !== undefined)
      const base = `${channel.id}\n${channel.fingerprint ?? ''}\n${configHash}`
      // A marked render (预览稿) is never a real one: the key says which it is, per publication, and a
      // preview build's lists (which hold unreviewed pages) are never a real build's.
      const assembleBase = preview ? `${base}\npreview` : base
      const keys: string[] = []
      const entries: (CacheEntry | undefined)[] = []

      const renderOne = async (d: Disclosure, key: string): Promise<CacheEntry | undefined> => {
        const hit = cache.get(key)
        if (hit !== undefined && (await entryValid(hit, objects, channelCtx))) {
          count.cached++
          replay(hit)
          return hit
        }
        const assets: Record<string, string> = {}
        const own: Diagnostic[] = []
        const result = await renderWith(channel, d, recordingContext(channelCtx, assets), own)
        diagnostics.push(...own)
        count.rendered++
        if (!result.ok) return undefined
        try {
          const summary = channel.summarize === undefined ? undefined : channel.summarize(d, channelCtx)
          const entry = await storeArtifacts(projectDir, result.artifacts, own, assets, summary)
          cache.set(key, entry)
          await cache.checkpoint()
          if (onRendered !== undefined) await notifyRendered(onRendered, channel.id, d.publication.id, entry, diagnostics)
          return entry
        } catch (cause) {
          diagnostics.push(writeFailure(channel.id, cause, d))
          return undefined
        }
      }

      const rendered = await mapLimit(list, concurrency, async (d) => {
        const key = renderKey(isPreview(d, channelCtx) ? `${base}\npreview` : base, d, listed, dayFacts, redirects)
        const entry = await renderOne(d, key)
        if (entry === undefined) {
          count.failed++
          count.failedPublications.push(d.publication.id)
        } else count.publications++
        done++
        onProgress?.({ phase: 'render', done, total, channel: channel.id, publication: d.publication.id })
        return { key, entry }
      })
      for (const r of rendered) {
        keys.push(r.key)
        entries.push(r.entry)
      }

      // The whole-collection output, piece by piece when the channel splits it (a site's item pages, its lists).
      const assembled: CacheEntry[] = []
      let assembleFailed = false
      if (channel.assembleParts !== undefined || channel.assemble !== undefined) {
        const own: Diagnostic[] = []
        const scoped = scopedContext(channelCtx, undefined, own)
        let parts: readonly { key: string; render(ctx: RenderContext): Promise<readonly Artifact[]> }[]
        try {
          if (channel.assembleParts !== undefined) {
            // Each publication's list entry, from the cache when its render was: no body is read again for a list.
            const summaries = new Map<string, unknown>()
            if (channel.summarize !== undefined)
              list.forEach((d, i) => {
                const entry = entries[i]
                if (entry === undefined) return
                summaries.set(d.publication.id, entry.summary !== undefined ? entry.summary : channel.summarize!(d, channelCtx))
              })
            parts = channel.assembleParts(list, scoped, summaries)
          } else {
            // One piece: it changes with any publication, with the day (lists, items in force) and with what is due.
            const notDue = list.filter((d) => d.publication.publishAt !== undefined && Date.parse(d.publication.publishAt) > ctx.now.getTime()).map((d) => d.publication.id)
            const assemble = channel.assemble!.bind(channel)
            parts = [{ key: hashValue({ day, keys, notDue }), render: (partCtx) => assemble(list, partCtx) }]
          }
        } catch (cause) {
          own.push(renderFailure(channel.id, undefined, cause, 'assemble'))
          parts = []
          assembleFailed = true
        }
        diagnostics.push(...own)
        for (const part of parts) {
          const key = hashValue({ base: assembleBase, part: part.key, assemble: true })
          const hit = cache.get(key)
          if (hit !== undefined && (await entryValid(hit, objects, channelCtx))) {
            count.cached++
            replay(hit)
            assembled.push(hit)
            continue
          }
          const mine: Diagnostic[] = []
          const assets: Record<string, string> = {}
          count.rendered++
          try {
            const artifacts = await part.render(scopedContext(recordingContext(channelCtx, assets), undefined, mine))
            const entry = await storeArtifacts(projectDir, safeArtifacts(channel.id, artifacts, undefined, mine), mine, assets)
            cache.set(key, entry)
            assembled.push(entry)
          } catch (cause) {
            mine.push(renderFailure(channel.id, undefined, cause, 'assemble'))
            assembleFailed = true
          }
          diagnostics.push(...mine)
        }
        done++
        onProgress?.({ phase: 'assemble', done, total, channel: channel.id })
      }
      await cache.save()

      // The files of the release, each path once: two publications may hand over one shared image.
      const files = new Map<string, { file: CachedFile; publications: Set<string>; owner: string }>()
      const add = (f: CachedFile, owner: string | undefined, d: Disclosure | undefined) => {
        const first = files.get(f.path)
        if (first === undefined) {
          files.set(f.path, { file: f, publications: new Set(owner === undefined ? [] : [owner]), owner: owner ?? '汇总内容' })
          return
        }
        if (first.file.sha256 === f.sha256) {
          if (owner !== undefined && first.publications.size > 0) first.publications.add(owner)
          return
        }
        diagnostics.push({
          code: 'build/duplicate-path',
          severity: 'error',
          message: `渠道 ${channel.id} 的文件“${f.path}”已由 ${first.owner} 生成，这一份未写入`,
          hint: '两条信息生成了同名文件：请检查它们的 id',
          ...(d === undefined ? {} : { file: d.publication.source.file, subject: d.publication.id }),
        })
      }
      list.forEach((d, i) => {
        for (const f of entries[i]?.files ?? []) add(f, d.publication.id, d)
      })
      for (const entry of assembled) for (const f of entry.files) add(f, undefined, undefined)

      const releaseFiles: ReleaseFile[] = [...files.values()]
        .map(({ file, publications }) => ({ path: file.path, size: file.size, sha256: file.sha256, mediaType: file.mediaType, publications: [...publications].sort() }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      const publications = list.filter((_d, i) => entries[i] !== undefined).map((d) => publicationOf(d, levels))
      publications.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      count.artifacts = releaseFiles.length

      if (assembleFailed) {
        // Without its lists and index a site is not a release: the previous one stays.
        summaries[channel.id] = { ...count, failedPublications: [...count.failedPublications].sort() }
        continue
      }
      const manifest: ReleaseManifest = {
        format: RELEASE_FORMAT,
        id: releaseIdOf(channel.id, releaseFiles, publications, preview),
        channel: channel.id,
        createdAt: ctx.now.toISOString(),
        preview,
        files: releaseFiles,
        publications,
      }
      let previous: Release | undefined
      try {
        previous = await readRelease(projectDir, channel.id)
      } catch {
        previous = undefined
      }
      const before = new Map((previous?.manifest.files ?? []).map((f) => [f.path, f.sha256]))
      for (const f of releaseFiles) {
        if (before.get(f.path) === f.sha256) count.unchanged++
        else {
          count.written++
          writtenFiles.push(`${channel.id}/${f.path}`)
        }
      }
      const now = new Set(releaseFiles.map((f) => f.path))
      count.removed = [...before.keys()].filter((p) => !now.has(p)).length

      const dir = treesDir(outDir, channel.id)
      const link = join(outDir, channel.id)
      try {
        const same = previous !== undefined && previous.manifest.id === manifest.id && previous.manifest.preview === preview && previous.tree !== undefined && pointsAt(link, previous.tree)
        let release: Release
        if (same && previous !== undefined && previous.tree !== undefined) release = previous
        else {
          const tree = await writeTree(projectDir, dir, manifest, link, previous?.tree)
          release = await saveRelease(projectDir, manifest, tree)
          switchTo(link, tree)
          await writeSeal(projectDir, dir, tree, manifest)
        }
        collectTrees(dir, release.tree ?? '', KEEP_TREES)
        count.release = { id: manifest.id, manifestHash: release.manifestHash, changed: !same, tree: release.tree ?? '' }
      } catch (cause) {
        diagnostics.push(writeFailure(channel.id, cause, undefined))
      }
      summaries[channel.id] = { ...count, failedPublications: [...count.failedPublications].sort() }
    }
    // Objects written by this build are not in `objects`, so they are never candidates.
    if (Object.values(summaries).some((c) => c.rendered > 0)) collectGarbage(projectDir, objects)
  })

  return {
    outDir,
    channels: summaries,
    written: writtenFiles.length,
    unchanged: Object.values(summaries).reduce((s, c) => s + c.unchanged, 0),
    writtenFiles: writtenFiles.sort(),
    unreviewed,
    diagnostics,
  }
}

/** Hands a fresh render to `onRendered`; a listener that throws is reported, never a failed build. */
async function notifyRendered(listener: (rendered: RenderedPublication) => void | Promise<void>, channel: string, publication: string, entry: CacheEntry, diagnostics: Diagnostic[]): Promise<void> {
  const files = entry.files
    .map((f) => ({ path: f.path, size: f.size, sha256: f.sha256, mediaType: f.mediaType, publications: [publication] }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  try {
    await listener({ channel, publication, files })
  } catch (cause) {
    diagnostics.push({
      code: 'build/listener-failed',
      severity: 'warning',
      message: `渠道 ${channel} 渲染完“${publication}”后的回调出错：${cause instanceof Error ? cause.message : String(cause)}`,
      hint: '构建照常完成；这是调用 buildRelease 的程序（如操作台）的问题',
      subject: publication,
    })
  }
}

function writeFailure(channel: string, cause: unknown, d: Disclosure | undefined): Diagnostic {
  return {
    code: 'build/write-failed',
    severity: 'error',
    message: `渠道 ${channel} 的发布版本写入失败：${cause instanceof Error ? cause.message : String(cause)}`,
    hint: '请检查输出目录和 .gongkai/ 的权限和磁盘空间；上一个发布版本保持不变',
    ...(d === undefined ? {} : { file: d.publication.source.file, subject: d.publication.id }),
  }
}
