/**
 * loadProject: reads a project folder (gongkai.config.yaml, catalog.yaml, publications/**\/*.md),
 * validates it in one pass and parses every body once. Large folders are parsed on worker threads.
 */
import { existsSync, realpathSync, statSync } from 'node:fs'
import type { Dirent, Stats } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Root } from 'mdast'
import type { Diagnostic } from '../diagnostics.js'
import { GongkaiError, OptionsError } from '../diagnostics.js'
import { mapLimit } from '../pool.js'
import { openLoadCache } from '../cache/load-cache.js'
import type { LoadCache, ParsedBody } from '../cache/load-cache.js'
import { parseBody } from '../markdown.js'
import type { CatalogItem, Publication } from '../model.js'
import { itemDigest } from '../disclosure.js'
import type { CreateDisclosuresOptions } from '../disclosure.js'
import type { ProjectConfig } from '../config.js'
import type { BodyBatch, PackedBody, ParseBatch } from './parse-worker.js'
import { FILE_SIZE_LIMITS, isInside, readProjectTextSync, resolveProjectFile, resolveProjectFileSync } from './project-file.js'
import { bodyPaths } from './body-paths.js'
import { unsafePathReason } from './safe-name.js'
import { CATALOG_FILE, readCatalogData } from './read-catalog.js'
import { readCatalogCached } from '../cache/catalog-cache.js'
import { Catalog } from '../catalog/catalog.js'
import { CONFIG_FILE, readConfig } from './read-config.js'
import { readAndParse } from './read-file.js'
import type { PublicationFileResult } from './read-publication.js'
import { finishProject, finishRequests, sortDiagnostics } from './validate.js'
import { REQUESTS_DIR, readRequest } from './read-request.js'
import type { ValidatedProject } from './validate.js'
import { YamlSource, isMap } from './yaml-source.js'
import type { SourceFile } from './yaml-source.js'

/** The folder that holds publication files. */
export const PUBLICATIONS_DIR = 'publications'

/** Options for `loadProject`. */
export interface LoadProjectOptions {
  /** Attachments and covers checked at once; default 32. (Publication files are read one by one: faster.) */
  readonly concurrency?: number
  /**
   * Worker threads that parse publications: a number, `false` for none, or `'auto'` (default):
   * one per core but one, when there are more than 300 publications and at least 4 cores.
   */
  readonly workers?: number | false | 'auto'
  /** Check that attachments and covers exist under the project folder; default true. */
  readonly checkAssets?: boolean
  /**
   * Keep what each file gave and each body's tree in `.gongkai/cache/` and reuse them on the next
   * load; default true. The result is the same either way, only faster.
   */
  readonly cache?: boolean
  /**
   * The stat of the project's files taken moments before, by absolute path (as `join` gives it),
   * for the cache to use instead of taking each again: a caller that has just walked the folder
   * (the build's stamp check) saves 10,000 calls at 10,000 publications. A file not in it is
   * stat-ed as usual. A file changed since is found changed by the next load.
   */
  readonly stats?: ReadonlyMap<string, Stats>
}

/** A loaded project folder. */
export interface Project extends ValidatedProject {
  /** Absolute project folder. */
  readonly dir: string
  /** The working-day calendar file the config names (`calendar:`), read and decoded; absent when none is named or it could not be read (reported). */
  readonly calendarFile?: SourceFile
}

/** The messages of a refused or missing file, or its real path. */
function checkedPath(root: string, file: string, diagnostics: Diagnostic[]): string | undefined {
  const where = resolveProjectFileSync(root, file)
  if (where.ok) return where.path
  if (where.reason === 'missing') return undefined
  diagnostics.push({
    code: where.reason === 'outside' ? 'file/outside-project' : 'file/unsafe-path',
    severity: 'error',
    message: `${file} ${where.message}，没有读取`,
    hint: '请把文件本身复制到项目目录中，而不是链接到目录外',
    file,
  })
  return undefined
}

/** Reads gongkai.config.yaml or catalog.yaml: undefined when absent; an unreadable file is reported and read as empty. */
function readOptional(dir: string, file: string, limit: number, diagnostics: Diagnostic[]): SourceFile | undefined {
  const found: Diagnostic[] = []
  const path = checkedPath(dir, file, found)
  if (path === undefined) {
    diagnostics.push(...found)
    return found.length === 0 ? undefined : { file, text: '' }
  }
  const read = readProjectTextSync(path, file, limit, { tooLarge: 'project/too-large', unreadable: 'project/unreadable' })
  diagnostics.push(...read.diagnostics)
  if (read.missing === true) return undefined
  return { file, text: read.text ?? '' }
}

/**
 * The publication files, sorted. A symlink is followed only when its real path stays inside the
 * project (the link itself is reported otherwise); folders reached by a symlink are not searched.
 */
async function listPublications(dir: string, diagnostics: Diagnostic[], folder = PUBLICATIONS_DIR, ext = ['.md']): Promise<string[]> {
  const root = join(dir, folder)
  let entries: Dirent[]
  let realDir: string
  try {
    realDir = realpathSync(dir)
    const realPubs = realpathSync(root)
    if (!isInside(realDir, realPubs)) {
      diagnostics.push({
        code: 'file/outside-project',
        severity: 'error',
        message: `${folder}/ 是指向项目目录之外（${realPubs}）的符号链接，其中的文件不会读取`,
        hint: '请把文件放在项目目录中，而不是链接到目录外',
        file: folder,
      })
      return []
    }
    entries = await readdir(root, { recursive: true, withFileTypes: true })
  } catch {
    return []
  }
  const out: string[] = []
  const prefix = root + sep
  for (const e of entries) {
    // `parentPath` from Node 20.12; `path` before it.
    const parent = (e as { parentPath?: string }).parentPath ?? (e as { path?: string }).path ?? root
    // path.relative for every file of a large folder was a tenth of a warm load.
    const sub = parent === root ? '' : parent.startsWith(prefix) ? parent.slice(prefix.length) : relative(root, parent)
    const rel = (sub === '' ? e.name : `${sub}${sep}${e.name}`).split(sep).join('/')
    if (rel.split('/').some((part) => part.startsWith('.'))) continue
    if (e.isFile()) {
      if (ext.some((x) => rel.endsWith(x))) out.push(rel)
      continue
    }
    if (!e.isSymbolicLink()) continue
    const file = `${folder}/${rel}`
    let real: string
    try {
      real = realpathSync(join(root, rel))
    } catch {
      continue
    }
    if (!isInside(realDir, real)) {
      diagnostics.push({
        code: 'file/outside-project',
        severity: 'error',
        message: `${file} 是指向项目目录之外（${real}）的符号链接，不会读取`,
        hint: '请把文件本身复制到项目目录中，而不是链接到目录外',
        file,
      })
      continue
    }
    if (ext.some((x) => rel.endsWith(x)) && (await stat(real).catch(() => undefined))?.isFile() === true) out.push(rel)
  }
  return out.sort().map((e) => `${folder}/${e}`)
}

/** The largest request file read: a request is a few hundred bytes, a pasted attachment is not one. */
const REQUEST_FILE_LIMIT = 256 * 1024

/** Every file of the register (`requests/**\/*.yaml`), read through the one way into the folder. */
async function readRequests(root: string, diagnostics: Diagnostic[]): Promise<ReturnType<typeof readRequest>[]> {
  const files = await listPublications(root, diagnostics, REQUESTS_DIR, ['.yaml', '.yml'])
  const out: ReturnType<typeof readRequest>[] = []
  for (const file of files) {
    const found: Diagnostic[] = []
    const path = checkedPath(root, file, found)
    diagnostics.push(...found)
    if (path === undefined) continue
    const read = readProjectTextSync(path, file, REQUEST_FILE_LIMIT, { tooLarge: 'request/too-large', unreadable: 'request/unreadable' })
    diagnostics.push(...read.diagnostics)
    if (read.text !== undefined) out.push(readRequest({ file, text: read.text }))
  }
  return out
}

/** The place of a top-level key in a YAML file, for messages about what its value names. */
function placeOfKey(source: SourceFile | undefined, key: string): { line?: number; column?: number } {
  if (source === undefined) return {}
  const src = new YamlSource(source.file, source.text, [])
  const contents = src.doc.contents
  if (!isMap(contents)) return {}
  const pair = contents.items.find((p) => (p.key as { value?: unknown } | null)?.value === key)
  const pos = src.position(pair?.value ?? pair)
  return pos === undefined ? {} : { line: pos.line, column: pos.column }
}

const FONT_NAMES: Readonly<Record<string, string>> = { body: '正文字体文件（仿宋）', title: '标题字体文件（小标宋）', heading: '一级标题字体文件（黑体）' }

/**
 * The config with its sheet font files made absolute (relative ones are in the project folder); a
 * file that is not there is an error at its line, and the channels set that text in the packaged font.
 */
function resolveFontFiles(root: string, config: ProjectConfig, diagnostics: Diagnostic[]): ProjectConfig {
  const fonts: Record<string, string> = { ...config.fonts }
  for (const key of Object.keys(FONT_NAMES)) {
    const value = fonts[key]
    if (value === undefined) continue
    const path = isAbsolute(value) ? value : resolve(root, value)
    fonts[key] = path
    if (statSync(path, { throwIfNoEntry: false })?.isFile() === true) continue
    const place = config.fontPlaces?.[key]
    diagnostics.push({
      code: 'config/missing-font',
      severity: 'error',
      message: `找不到配置的${FONT_NAMES[key] ?? key}“${value}”，公示栏将改用随包字体`,
      hint: '请把字体文件放到这个位置（可放在项目目录中写相对路径），或改正 fonts 中的路径；删去这一项则用随包字体',
      file: CONFIG_FILE,
      ...(place === undefined ? {} : { line: place.line, column: place.column }),
    })
  }
  return { ...config, fonts }
}

/** Reads the calendar file the config names; a file that is not there is an error at the config's `calendar:` line. */
function readCalendarFile(root: string, file: string, configSource: SourceFile | undefined, diagnostics: Diagnostic[]): SourceFile | undefined {
  // A path that is not a project path was reported where the config is read.
  if (unsafePathReason(file) !== undefined) return undefined
  const refused: Diagnostic[] = []
  const path = checkedPath(root, file, refused)
  diagnostics.push(...refused)
  if (refused.length > 0) return undefined
  const read = path === undefined ? undefined : readProjectTextSync(path, file, FILE_SIZE_LIMITS.calendar, { tooLarge: 'calendar/too-large', unreadable: 'calendar/unreadable' })
  if (read !== undefined) diagnostics.push(...read.diagnostics)
  if (read?.text !== undefined) return { file, text: read.text }
  if (read === undefined || read.missing === true) {
    diagnostics.push({
      code: 'config/missing-calendar',
      severity: 'error',
      message: `配置中的工作日历文件“${file}”不存在`,
      hint: '请把国务院办公厅公布的放假安排写进这个文件（格式见 docs/project-folder.md），或改正 calendar 的路径；不写 calendar 则只用内置日历',
      file: CONFIG_FILE,
      ...placeOfKey(configSource, 'calendar'),
    })
  }
  return undefined
}

const workerUrl = new URL('./parse-worker.js', import.meta.url)

function workerCount(option: LoadProjectOptions['workers'], files: number): number {
  if (option === false || option === 0) return 0
  // Running from TypeScript sources (tests): there is no compiled worker to start.
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(workerUrl))) return 0
  if (typeof option === 'number') return Math.max(0, Math.floor(option))
  // One per core but one: this thread parses a share of the bodies beside them (see `parseWithCache`).
  const cores = availableParallelism()
  return files > 300 && cores >= 2 ? Math.min(8, cores - 1) : 0
}

/**
 * Workers read from 3 up. With fewer, this thread reads while they start (importing the parser
 * takes a worker about 0.3 s): measured on 2 cores, reading on one worker was slower than here.
 */
const READ_ON_WORKERS = 3

/** Reads (and parses) the files one by one on this thread, letting other work run every 20 ms. */
async function readAll(root: string, files: readonly string[], timezone: string, parse: boolean): Promise<PublicationFileResult[]> {
  const out: PublicationFileResult[] = []
  let since = performance.now()
  for (const rel of files) {
    out.push(await readAndParse(join(root, rel), rel, timezone, parse))
    if (performance.now() - since > 20) {
      await new Promise((done) => setImmediate(done))
      since = performance.now()
    }
  }
  return out
}

function startWorkers(count: number): Worker[] {
  // A young generation of 32 MB: with V8's default the workers spent a third of their time in scavenges of the trees they make.
  return Array.from({ length: count }, () => new Worker(workerUrl, { workerData: { gongkaiParseWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 32 } }))
}

async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.terminate()))
}

/** Sends batches to the workers, one batch at a time each; results in batch order. */
async function runOnWorkers<R>(batches: readonly ParseBatch[], workers: readonly Worker[]): Promise<R[]> {
  const results = new Array<R[]>(batches.length)
  let next = 0
  const run = (worker: Worker) =>
    new Promise<void>((done, fail) => {
      const send = () => {
        const b = batches[next++]
        if (b === undefined) {
          worker.off('message', onMessage)
          worker.off('error', fail)
          done()
          return
        }
        worker.postMessage(b)
      }
      const onMessage = (msg: { batch: number; results: R[] }) => {
        results[msg.batch] = msg.results
        send()
      }
      worker.on('message', onMessage)
      worker.on('error', fail)
      send()
    })
  await Promise.all(workers.slice(0, Math.max(1, batches.length)).map(run))
  return results.flat()
}

function batchSize(items: number, count: number): number {
  return Math.max(20, Math.min(250, Math.ceil(items / (count * 8))))
}

async function parseOnWorkers(dir: string, files: readonly string[], timezone: string, workers: readonly Worker[], parse: boolean): Promise<PublicationFileResult[]> {
  const size = batchSize(files.length, workers.length)
  const batches: ParseBatch[] = []
  for (let i = 0; i < files.length; i += size) {
    batches.push({ batch: batches.length, files: files.slice(i, i + size).map((rel) => ({ abs: join(dir, rel), rel })), timezone, parse })
  }
  return runOnWorkers<PublicationFileResult>(batches, workers)
}

/** Bodies a worker is handed at once: about 50 ms of parsing, so this thread, busy with its own share, never keeps one waiting long. */
const PACK_BATCH = 100

/**
 * Gives every read publication its parsed body: from the cache where the body is there, else
 * parsed and added to the cache. With workers, this thread parses from the front of the list
 * while they take batches from the back, until the two meet; a worker sends a tree back as the
 * bytes the cache stores (`packTree`), not as a tree.
 */
async function parseWithCache(results: PublicationFileResult[], cache: LoadCache, workers: readonly Worker[]): Promise<PublicationFileResult[]> {
  const misses: { index: number; key: string; publication: Publication }[] = []
  const out = results.map((r, index) => {
    const p = r.publication
    if (p === undefined) return r
    const key = cache.keyOf(p.body)
    const parsed = cache.body(key, p.source, p.body)
    if (parsed === undefined) {
      misses.push({ index, key, publication: p })
      return r
    }
    return { ...r, parsed }
  })
  // Stored as soon as parsed: the cache hands back the parse with its tree read again on use, so
  // the trees of a cold load are never all in memory at once.
  const set = (m: (typeof misses)[number], parsed: ParsedBody) => {
    out[m.index] = { ...(out[m.index] as PublicationFileResult), parsed }
  }
  let front = 0
  let back = misses.length
  const helped = workers.map(
    (worker) =>
      new Promise<void>((done, fail) => {
        let inFlight = 0
        const send = () => {
          if (back - front <= 1) return
          const from = Math.max(front + 1, back - PACK_BATCH)
          const batch: BodyBatch = {
            batch: from,
            bodies: misses.slice(from, back).map(({ publication: p }) => ({ body: p.body, source: { file: p.source.file, bodyLine: p.source.bodyLine } })),
          }
          back = from
          inFlight++
          worker.postMessage(batch)
        }
        const finish = () => {
          worker.off('message', onMessage)
          worker.off('error', fail)
          done()
        }
        const onMessage = (msg: { batch: number; results: PackedBody[] }) => {
          inFlight--
          msg.results.forEach((r, k) => {
            const m = misses[msg.batch + k]
            if (m === undefined) return
            const source = m.publication.source
            set(
              m,
              r.packed !== undefined
                ? cache.putPacked(m.key, source, m.publication.body, Buffer.from(r.packed.buffer, r.packed.byteOffset, r.packed.byteLength), r.diagnostics)
                : cache.putBody(m.key, source, m.publication.body, { tree: r.tree as Root, diagnostics: r.diagnostics }),
            )
          })
          send()
          if (inFlight === 0) finish()
        }
        worker.on('message', onMessage)
        worker.on('error', fail)
        // Two batches each: one to parse while the next waits.
        send()
        send()
        if (inFlight === 0) finish()
      }),
  )
  let since = performance.now()
  while (front < back) {
    const m = misses[front++] as (typeof misses)[number]
    set(m, cache.putBody(m.key, m.publication.source, m.publication.body, parseBody(m.publication.body, m.publication.source)))
    if (performance.now() - since > 20) {
      await new Promise((done) => setImmediate(done))
      since = performance.now()
    }
  }
  await Promise.all(helped)
  return out
}

/**
 * Every publication file: what it gave last time when it has not changed since (not read, not
 * parsed), the others read, checked and parsed (on workers when there are many).
 */
async function readWithCache(root: string, files: readonly string[], timezone: string, cache: LoadCache, option: LoadProjectOptions['workers']): Promise<PublicationFileResult[]> {
  const out = new Array<PublicationFileResult>(files.length)
  const missed: number[] = []
  files.forEach((rel, i) => {
    const hit = cache.file(rel, `${root}${sep}${rel}`)
    if (hit === undefined) missed.push(i)
    else out[i] = hit
  })
  if (missed.length === 0) return out
  const missedFiles = missed.map((i) => files[i] as string)
  const count = workerCount(option, missedFiles.length)
  // Started now, so that they load the parser while the files are read.
  const workers = startWorkers(count)
  try {
    const read = count >= READ_ON_WORKERS ? await parseOnWorkers(root, missedFiles, timezone, workers, false) : await readAll(root, missedFiles, timezone, false)
    const parsed = await parseWithCache(read, cache, workers)
    parsed.forEach((r, k) => {
      out[missed[k] as number] = r
      cache.putFile(r.file, r)
    })
  } finally {
    await stopWorkers(workers)
  }
  return out
}

/**
 * Loads, validates and parses a project folder. Bad content never throws: every problem is a
 * Diagnostic with file, line and column, and the good publications still come back as disclosures.
 * Throws `GongkaiError` `project/not-found` only when `dir` is not a folder.
 */
export async function loadProject(dir: string, options: LoadProjectOptions = {}): Promise<Project> {
  return (await loadParts(dir, options)).project
}

/**
 * What a full load read besides the publication files: the same until one of its own files changes.
 * `createProjectLoader` keeps it to redo only a changed publication file's share.
 */
interface LoadedParts {
  readonly root: string
  readonly config: ProjectConfig
  readonly catalog: Catalog
  readonly usable: boolean
  readonly calendarFile?: SourceFile
  readonly requests: ReturnType<typeof finishRequests>
  /** The messages of the config, catalog, calendar and register. */
  readonly fixed: readonly Diagnostic[]
  /** What each publication file gave, by its project-relative path. */
  readonly results: Map<string, PublicationFileResult>
}

async function loadParts(dir: string, options: LoadProjectOptions): Promise<{ project: Project; parts: LoadedParts }> {
  if (typeof dir !== 'string' || dir === '') throw new OptionsError('options/dir', 'loadProject 需要项目目录（dir）', { hint: '传入项目目录的路径' })
  const root = resolve(dir)
  const info = await stat(root).catch(() => undefined)
  if (info === undefined || !info.isDirectory()) {
    throw new GongkaiError('project/not-found', `找不到项目目录“${dir}”`, { hint: '请检查路径；可用 gongkai init 新建项目' })
  }
  const fixed: Diagnostic[] = []
  const listed: Diagnostic[] = []
  const configSource = readOptional(root, CONFIG_FILE, FILE_SIZE_LIMITS.config, fixed)
  const catalogSource = readOptional(root, CATALOG_FILE, FILE_SIZE_LIMITS.catalog, fixed)
  const files = await listPublications(root, listed)
  const config = resolveFontFiles(root, readConfig(configSource, fixed), fixed)
  const calendarFile = config.calendar === undefined ? undefined : readCalendarFile(root, config.calendar, configSource, fixed)
  const cache = options.cache === false ? undefined : openLoadCache(root, config.timezone, options.stats)
  const { items, adjustments, usable } = cache === undefined ? readCatalogData(catalogSource, fixed) : readCatalogCached(root, catalogSource, fixed)
  const catalog = new Catalog(items, adjustments)
  const workers = options.workers ?? 'auto'
  let results: PublicationFileResult[]
  if (cache !== undefined) results = await readWithCache(root, files, config.timezone, cache, workers)
  else {
    // Without the cache each tree would cross back from its worker whole: only enough workers to read as well pay for that.
    const count = workerCount(workers, files.length)
    if (count > 0 && (typeof workers === 'number' || count >= READ_ON_WORKERS)) {
      const started = startWorkers(count)
      try {
        results = await parseOnWorkers(root, files, config.timezone, started, true)
      } finally {
        await stopWorkers(started)
      }
    } else results = await readAll(root, files, config.timezone, true)
  }
  const requests = finishRequests(await readRequests(root, fixed), fixed)
  const parts: LoadedParts = { root, config, catalog, usable, ...(calendarFile === undefined ? {} : { calendarFile }), requests, fixed, results: new Map(results.map((r) => [r.file, r])) }
  const project = await assemble(parts, results, listed, cache?.revisions, options)
  cache?.save(project.disclosures)
  return { project, parts }
}

/** The project from its parts and its publication files' results: the cross-file checks, disclosures and asset checks. */
async function assemble(
  parts: LoadedParts,
  results: readonly PublicationFileResult[],
  listed: readonly Diagnostic[],
  revisions: CreateDisclosuresOptions['revisions'],
  options: LoadProjectOptions,
): Promise<Project> {
  const { root, config, catalog, usable, requests, calendarFile } = parts
  const project = finishProject(config, catalog, results, [...parts.fixed, ...listed], usable, revisions, requests)
  const extra = calendarFile === undefined ? {} : { calendarFile }
  if (options.checkAssets === false) return { dir: root, ...project, ...extra }
  const { diagnostics: found, refused } = await checkAssets(root, project, options.concurrency ?? 32)
  if (found.length === 0) return { dir: root, ...project, ...extra }
  // A publication whose attachment or image leads out of the project is not published at all.
  const disclosures = refused.size === 0 ? project.disclosures : project.disclosures.filter((d) => !refused.has(d.publication.id))
  return { dir: root, ...project, ...extra, disclosures, diagnostics: sortDiagnostics([...project.diagnostics, ...found]) }
}

/** Loads a project once, then again after its files change, re-reading only what changed when it can. */
export interface ProjectLoader {
  /** A full load (as `loadProject`); later reloads start from it. */
  load(): Promise<Project>
  /**
   * The project after the files `changed` (project-relative, `/`-separated) changed, were added or
   * removed. When every one is a publication file (`publications/**\/*.md`), only those are read
   * again and the rest comes from the last load; any other file (the config, the catalog, the
   * calendar, the register, an asset) means a full load. The result is what `loadProject` gives.
   */
  reload(changed: readonly string[]): Promise<Project>
  /** Publication files read by the last `reload` (the changed ones, or every one after a full load). */
  readonly reread: number
}

/**
 * The console's live preview reloads on every save: a full load of a small project is 50 to 130 ms
 * (the config, catalog and register parsed again, the load cache decoded and written), most of the
 * 100 ms an open preview has to follow an edit; the one file that changed takes a few.
 */
export function createProjectLoader(dir: string, options: LoadProjectOptions = {}): ProjectLoader {
  let last: { project: Project; parts: LoadedParts } | undefined
  let reread = 0
  const full = async () => {
    last = await loadParts(dir, options)
    reread = last.parts.results.size
    return last.project
  }
  return {
    get reread() {
      return reread
    },
    load: full,
    async reload(changed) {
      const previous = last
      const only = changed.length > 0 && changed.every((f) => f.startsWith(`${PUBLICATIONS_DIR}/`) && f.endsWith('.md') && unsafePathReason(f) === undefined)
      if (previous === undefined || !only) return full()
      const { parts } = previous
      const listed: Diagnostic[] = []
      const files = await listPublications(parts.root, listed)
      const again = new Set(changed)
      const results: PublicationFileResult[] = []
      reread = 0
      for (const rel of files) {
        const kept = again.has(rel) ? undefined : parts.results.get(rel)
        if (kept !== undefined) {
          results.push(kept)
          continue
        }
        results.push(await readAndParse(join(parts.root, rel), rel, parts.config.timezone, true))
        reread++
      }
      // Unchanged files keep their revision: computing one hashes the whole publication.
      const digests = new Map<CatalogItem, string>()
      const revisions = new Map<string, { readonly item: string; readonly revision: string }>()
      for (const d of previous.project.disclosures) {
        const file = d.publication.source.file
        if (again.has(file)) continue
        let digest = digests.get(d.item)
        if (digest === undefined) digests.set(d.item, (digest = itemDigest(d.item)))
        revisions.set(file, { item: digest, revision: d.revision })
      }
      const next: LoadedParts = { ...parts, results: new Map(results.map((r) => [r.file, r])) }
      const project = await assemble(next, results, listed, revisions, options)
      last = { project, parts: next }
      return project
    },
  }
}

/**
 * Attachments and covers must exist (a warning otherwise); they, body images and body links into
 * assets/ must not be symlinks that lead out of the project (an error, and the publication is
 * refused).
 */
async function checkAssets(root: string, project: ValidatedProject, concurrency: number): Promise<{ diagnostics: Diagnostic[]; refused: Set<string> }> {
  const wanted: { path: string; p: Publication; field?: string; line?: number; column?: number }[] = []
  for (const p of project.publications) {
    p.attachments.forEach((a, i) => wanted.push({ path: a.path, p, field: p.source.fields?.[`attachments.${i}.path`] === undefined ? 'attachments' : `attachments.${i}.path` }))
    if (p.cover !== undefined) wanted.push({ path: p.cover, p, field: 'cover' })
  }
  for (const d of project.disclosures) {
    // Only a body with a link or an image (`](`, or a definition `]:`) can refer to a file.
    const body = d.publication.body
    if (!body.includes('](') && !body.includes(']:')) continue
    for (const ref of bodyPaths(d.tree, d.publication.source)) {
      if (ref.url.kind === 'project' && (ref.image || ref.url.path.startsWith('assets/'))) {
        wanted.push({ path: ref.url.path, p: d.publication, ...(ref.line === undefined ? {} : { line: ref.line }), ...(ref.column === undefined ? {} : { column: ref.column }) })
      }
    }
  }
  const unique = [...new Set(wanted.map((w) => w.path))]
  const found = new Map<string, Awaited<ReturnType<typeof resolveProjectFile>>>()
  await mapLimit(unique, concurrency, async (path) => {
    const where = await resolveProjectFile(root, path)
    if (where.ok && (await stat(where.path).catch(() => undefined))?.isFile() !== true) found.set(path, { ok: false, reason: 'missing', message: '不存在' })
    else found.set(path, where)
  })
  const out: Diagnostic[] = []
  const refused = new Set<string>()
  for (const w of wanted) {
    const where = found.get(w.path)
    if (where === undefined || where.ok) continue
    const pos = w.field === undefined ? (w.line === undefined ? undefined : { line: w.line, column: w.column ?? 1 }) : w.p.source.fields?.[w.field]
    const what = w.field === 'cover' ? '封面图片' : w.field?.startsWith('attachments') === true ? '附件' : '正文引用的文件'
    const place = { file: w.p.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: w.p.id }
    if (where.reason === 'missing') {
      // Reported here too, not only by the channels that render them, so validate says what build would.
      out.push({ code: 'publication/missing-file', severity: 'warning', message: `${what}“${w.path}”不存在`, hint: '请把文件放到项目目录的这个位置，或改正路径', ...place })
      continue
    }
    refused.add(w.p.id)
    out.push({
      code: 'file/outside-project',
      severity: 'error',
      message: `${what}“${w.path}”${where.message}；这条信息不会发布`,
      hint: '请把文件本身复制到项目的 assets/ 目录中，而不是链接到目录外',
      ...place,
    })
  }
  return { diagnostics: out, refused }
}
