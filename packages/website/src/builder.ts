/**
 * The incremental site builder: renders only what changed since the last build and writes only
 * files whose bytes changed, so unchanged files keep their bytes and mtime. A content-hash cache
 * in OUT/website/.gongkai-cache.json survives between processes. A cold build renders the
 * publication pages on both cores (a worker thread takes half).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Catalog, Diagnostic, Disclosure, ProjectConfig } from '@gongkai/core'
import { ERRORS, GongkaiError, OptionsError } from '@gongkai/core'
import { resolveProjectFileSync } from '@gongkai/core/internal'
import { dateIn, hashOf } from './format.js'
import { resolveWebsiteOptions } from './options.js'
import type { WebsiteOptions } from './options.js'
import { itemPath } from './paths.js'
import type { PageResult } from './render-pages.js'
import { createWriter, dropPositions, renderPages, slimForWorker } from './render-pages.js'
import type { WorkerChunk, WorkerInput } from './render-worker.js'
import type { Entry, Site } from './site.js'
import { compareEntries, createSite, isPublic } from './site.js'
import { loadTemplates } from './templates.js'

/** The name of the cache file inside the output folder. */
export const CACHE_FILE = '.gongkai-cache.json'

/** Options for `createSiteBuilder`. */
export interface SiteBuilderOptions extends Omit<WebsiteOptions, 'target'> {
  readonly config: ProjectConfig
  readonly catalog: Catalog
  /** Absolute output folder (OUT/website). */
  readonly outDir: string
  /** Cache file; default `<outDir>/.gongkai-cache.json`. */
  readonly cacheFile?: string
  /** Absolute project folder that assets (`assets/…`) are copied from; without it assets are reported missing. */
  readonly projectDir?: string
  /** Worker threads for a cold build (besides the main thread); default: one when there are two cores. */
  readonly workers?: number
  /** The build's clock (which publications are past publishAt, which items are in force). */
  readonly now?: () => Date
}

/** What one build did. */
export interface BuildResult {
  /** Publication pages rendered (changed or new). */
  readonly rendered: number
  /** Files written, as site paths. */
  readonly written: readonly string[]
  /** Files removed (withdrawn publications). */
  readonly deleted: readonly string[]
  /** Publications on the site. */
  readonly publications: number
  readonly diagnostics: readonly Diagnostic[]
}

/** An incremental builder bound to one output folder. */
export interface SiteBuilder {
  /** Builds the site from all disclosures; only what changed is rendered and written. */
  build(disclosures: readonly Disclosure[]): Promise<BuildResult>
}

interface Cache {
  v: 1
  /** Site hash (config + templates): when it changes every page is re-rendered (bytes still compared). */
  site: string
  /** Input key of each rendered page. */
  keys: Record<string, string>
  /** Hash of the bytes of every file the builder wrote. */
  files: Record<string, string>
  entries: Record<string, Entry>
  /** Key of the whole-collection pages. */
  lists: string
  /** size:mtime of each copied asset's source. */
  assets: Record<string, string>
  /** Assets each publication page refers to (only pages that refer to any). */
  refs: Record<string, string[]>
}

const emptyCache = (): Cache => ({ v: 1, site: '', keys: {}, files: {}, entries: {}, lists: '', assets: {}, refs: {} })

function readCache(file: string): Cache {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Cache
    return c.v === 1 && c.refs !== undefined ? c : emptyCache()
  } catch {
    return emptyCache()
  }
}

// Entries are mostly carried over unchanged between builds: their JSON is kept, not redone.
const entryJson = new WeakMap<Entry, string>()

function serializeCache(c: Cache): string {
  const parts: string[] = []
  for (const [id, e] of Object.entries(c.entries)) {
    let j = entryJson.get(e)
    if (j === undefined) {
      j = JSON.stringify(e)
      entryJson.set(e, j)
    }
    parts.push(`${JSON.stringify(id)}:${j}`)
  }
  const { entries: _entries, ...rest } = c
  return `${JSON.stringify(rest).slice(0, -1)},"entries":{${parts.join(',')}}}`
}

/** Creates an incremental builder. Templates are compiled here, once. */
export function createSiteBuilder(options: SiteBuilderOptions): SiteBuilder {
  const { config, catalog, outDir, projectDir, workers, now: clock, cacheFile: cacheOption, ...rest } = options
  const resolved = resolveWebsiteOptions(rest)
  if (typeof outDir !== 'string' || outDir === '') throw new OptionsError(ERRORS.WebsiteBadOutDir, 'createSiteBuilder 选项 outDir 应为输出目录的路径')
  const out = resolve(outDir)
  const cacheFile = cacheOption ?? join(out, CACHE_FILE)
  const templates = loadTemplates(resolved.themeDir)
  const site: Site = createSite({ config, templates, ...resolved })
  const threads = workers ?? (availableParallelism() >= 2 ? 1 : 0)
  let cache: Cache | undefined

  return {
    async build(disclosures) {
      const diagnostics: Diagnostic[] = []
      const now = clock?.() ?? new Date()
      const today = dateIn(now, config.timezone)
      cache ??= readCache(cacheFile)
      const c = cache
      // The cache file is saved only when something in it changed.
      let dirty = false
      if (c.site !== site.hash) {
        dirty = true
        c.site = site.hash
        c.keys = {}
        c.lists = ''
      }
      const write = createWriter(out)
      const written: string[] = []
      const alive = new Set<string>()

      const list = resolved.preview ? [...disclosures] : disclosures.filter((d) => isPublic(d.publication, now))
      const known = new Set(list.map((d) => d.publication.id))
      const entries: Entry[] = []
      const toRender: Disclosure[] = []
      const keys = new Map<string, string>()
      const nextEntries: Record<string, Entry> = {}
      for (const d of list) {
        const id = d.publication.id
        const rev = `${d.revision}:${d.indexNo}`
        const cached = c.entries[id]
        let entry = cached
        if (entry === undefined || entry.rev !== rev) {
          entry = site.entryOf(d)
          dirty = true
        }
        entries.push(entry)
        nextEntries[id] = entry
        // Linked publications appear on the page by title and date: their change re-renders it.
        let key = rev
        const { release, interpretations, responses } = d.links
        for (const q of release === undefined ? [...interpretations, ...responses] : [release, ...interpretations, ...responses]) {
          key += `|${q.id}:${q.title}:${q.published ?? q.publishAt ?? q.formed}:${known.has(q.id) ? 1 : 0}`
        }
        keys.set(entry.path, key)
        alive.add(entry.path)
        if (c.keys[entry.path] !== key || c.files[entry.path] === undefined) toRender.push(d)
      }
      if (Object.keys(c.entries).length !== list.length) dirty = true
      c.entries = nextEntries
      entries.sort(compareEntries)

      // Publication pages: the heavy part. Split across a worker when there is much to do.
      const previous = (p: string) => c.files[p]
      const results: PageResult[] = []
      if (threads > 0 && toRender.length >= 400) {
        // Each worker takes a little more than the main thread, which also pays for the copying.
        const workerShare = Math.floor((toRender.length * threads) / (threads + 0.8))
        const per = Math.ceil(workerShare / threads)
        const jobs: Promise<PageResult[]>[] = []
        for (let t = 0; t < threads; t++) {
          const part = toRender.slice(t * per, Math.min(workerShare, (t + 1) * per))
          const input: WorkerInput = {
            config,
            themeDir: resolved.themeDir,
            latestCount: resolved.latestCount,
            feedCount: resolved.feedCount,
            columnCount: resolved.columnCount,
            outDir: out,
            known: [...known],
          }
          const w = new Worker(new URL('./render-worker.js', import.meta.url), { workerData: input })
          jobs.push(
            new Promise((ok, fail) => {
              w.once('message', (m: PageResult[]) => ok(m))
              w.once('error', fail)
              w.once('exit', (code) => (code === 0 ? undefined : fail(GongkaiError.from(ERRORS.WebsiteWorkerExit, String(code)))))
            }),
          )
          for (let i = 0; i < part.length; i += 250) {
            const chunk = part.slice(i, i + 250)
            const prev: Record<string, string> = {}
            for (const d of chunk) {
              const h = c.files[`p/${d.publication.id}.html`]
              if (h !== undefined) prev[`p/${d.publication.id}.html`] = h
            }
            w.postMessage({ json: JSON.stringify(chunk.map(slimForWorker), dropPositions), previous: prev } satisfies WorkerChunk)
          }
          w.postMessage(null satisfies WorkerChunk)
        }
        // The main thread takes the rest while the workers run.
        results.push(...renderPages(site, toRender.slice(workerShare), (id) => known.has(id), previous, write))
        for (const r of await Promise.all(jobs)) results.push(...r)
      } else {
        results.push(...renderPages(site, toRender, (id) => known.has(id), previous, write))
      }
      const assetOwner = new Map<string, string>()
      for (const r of results) {
        c.keys[r.path] = keys.get(r.path) ?? ''
        c.files[r.path] = r.out
        if (r.written) written.push(r.path)
        const own = r.assets.filter((a) => !site.siteAssets.includes(a))
        if (own.length > 0) c.refs[r.path] = own
        else delete c.refs[r.path]
        for (const a of own) assetOwner.set(a, r.path.slice(2, -5))
      }
      const assets = new Set<string>(site.siteAssets)
      for (const [page, refs] of Object.entries(c.refs)) {
        if (!alive.has(page)) delete c.refs[page]
        else for (const a of refs) assets.add(a)
      }

      const put = (path: string, data: string | Uint8Array) => {
        alive.add(path)
        const h = hashOf(data)
        if (c.files[path] === h) return
        write(path, data)
        c.files[path] = h
        written.push(path)
      }

      // Item pages: only those whose item, status or publication list changed.
      const byItem = new Map<string, Entry[]>()
      for (const e of entries) {
        const list = byItem.get(e.item)
        if (list === undefined) byItem.set(e.item, [e])
        else list.push(e)
      }
      for (const item of catalog.items) {
        const path = itemPath(item.code)
        const mine = byItem.get(item.code) ?? []
        const key = hashOf(
          JSON.stringify(item),
          catalog.status(item.code, today),
          JSON.stringify(catalog.adjustments.filter((a) => a.code === item.code)),
          mine.map((e) => `${e.id}:${e.rev}:${e.title}`).join('\n'),
        )
        alive.add(path)
        if (c.keys[path] === key && c.files[path] !== undefined) continue
        put(path, site.renderItem(item, catalog, today, mine).html)
        c.keys[path] = key
        dirty = true
      }

      // Whole-collection pages: rebuilt when any entry, the catalog or the day changed; written when bytes changed.
      const listKey = hashOf(today, JSON.stringify(catalog.items), JSON.stringify(catalog.adjustments), entries.map((e) => `${e.id}:${e.rev}`).join('\n'))
      const collection = c.lists === listKey ? undefined : site.renderCollection(catalog, today, entries)
      if (collection === undefined) {
        for (const p of Object.keys(c.files)) if (!p.startsWith('p/') && !p.startsWith('items/') && !p.startsWith('static/') && !p.startsWith('assets/')) alive.add(p)
      } else {
        for (const page of collection) put(page.path, page.html)
        c.lists = listKey
        dirty = true
      }
      for (const [path, bytes] of site.templates.statics) put(path, bytes)

      // Assets: copied when their source changed (size and mtime).
      for (const a of assets) {
        alive.add(a)
        // Through core: a symlink out of the project is never copied onto the site.
        const where = projectDir === undefined ? undefined : resolveProjectFileSync(projectDir, a)
        const src = where?.ok === true ? where.path : undefined
        let sig: string | undefined
        try {
          if (src !== undefined) {
            const s = statSync(src)
            sig = `${s.size}:${s.mtimeMs}`
          }
        } catch {
          sig = undefined
        }
        if (src === undefined || sig === undefined) {
          diagnostics.push({
            code: 'website/asset-missing',
            severity: 'warning',
            message: `找不到文件“${a}”，网站上的链接将失效`,
            hint: '附件和图片应放在项目的 assets/ 目录下，用相对路径引用',
            ...(assetOwner.has(a) ? { subject: assetOwner.get(a) as string } : {}),
          })
          continue
        }
        if (c.assets[a] === sig && existsSync(join(out, a))) continue
        mkdirSync(dirname(join(out, a)), { recursive: true })
        copyFileSync(src, join(out, a))
        c.assets[a] = sig
        c.files[a] = sig
        written.push(a)
      }

      // Pages of publications no longer on the site (withdrawn, deleted) are removed.
      const deleted: string[] = []
      for (const p of Object.keys(c.files)) {
        if (alive.has(p)) continue
        rmSync(join(out, p), { force: true })
        delete c.files[p]
        delete c.keys[p]
        delete c.assets[p]
        deleted.push(p)
      }

      if (!(dirty || results.length > 0 || written.length > 0 || deleted.length > 0)) {
        return { rendered: 0, written, deleted, publications: list.length, diagnostics }
      }
      mkdirSync(dirname(cacheFile), { recursive: true })
      const tmp = `${cacheFile}.tmp`
      writeFileSync(tmp, serializeCache(c))
      renameSync(tmp, cacheFile)
      return { rendered: results.length, written, deleted, publications: list.length, diagnostics }
    },
  }
}
