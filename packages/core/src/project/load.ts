/**
 * loadProject: reads a project folder (gongkai.config.yaml, catalog.yaml, publications/**\/*.md),
 * validates it in one pass and parses every body once. Large folders are parsed on worker threads.
 */
import { existsSync } from 'node:fs'
import { readFile, readdir, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Diagnostic } from '../diagnostics.js'
import { GongkaiError, OptionsError } from '../diagnostics.js'
import { mapLimit } from '../pool.js'
import { openParseCache, parseCacheDir } from '../cache/parse-cache.js'
import type { ParseCache, ParsedBody } from '../cache/parse-cache.js'
import { parseBody } from '../markdown.js'
import type { Publication } from '../model.js'
import type { BodyBatch, ParseBatch } from './parse-worker.js'
import { CATALOG_FILE, readCatalog } from './read-catalog.js'
import { CONFIG_FILE, readConfig } from './read-config.js'
import { readAndParse } from './read-file.js'
import type { PublicationFileResult } from './read-publication.js'
import { finishProject, sortDiagnostics } from './validate.js'
import type { ValidatedProject } from './validate.js'
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
   * Keep parsed bodies in `parse-cache/` beside the ledger (default `.gongkai/parse-cache/`) and
   * reuse them on the next load; default true. The result is the same either way, only faster.
   */
  readonly cache?: boolean
}

/** A loaded project folder. */
export interface Project extends ValidatedProject {
  /** Absolute project folder. */
  readonly dir: string
}

async function readOptional(dir: string, file: string, diagnostics: Diagnostic[]): Promise<SourceFile | undefined> {
  try {
    return { file, text: await readFile(join(dir, file), 'utf8') }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    diagnostics.push({ code: 'project/unreadable', severity: 'error', message: `无法读取 ${file}：${cause instanceof Error ? cause.message : String(cause)}`, hint: '请检查文件权限', file })
    return { file, text: '' }
  }
}

async function listPublications(dir: string): Promise<string[]> {
  const root = join(dir, PUBLICATIONS_DIR)
  let entries: string[]
  try {
    entries = await readdir(root, { recursive: true })
  } catch {
    return []
  }
  return entries
    .map((e) => e.split(sep).join('/'))
    .filter((e) => e.endsWith('.md') && !e.split('/').some((part) => part.startsWith('.')))
    .sort()
    .map((e) => `${PUBLICATIONS_DIR}/${e}`)
}

const workerUrl = new URL('./parse-worker.js', import.meta.url)

function workerCount(option: LoadProjectOptions['workers'], files: number): number {
  if (option === false || option === 0) return 0
  // Running from TypeScript sources (tests): there is no compiled worker to start.
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(workerUrl))) return 0
  if (typeof option === 'number') return Math.max(0, Math.floor(option))
  // Measured on 2 cores: one worker is slower than the main thread (young-generation GC in the
  // worker), two gain nothing; workers pay only from 4 cores up.
  const cores = availableParallelism()
  return files > 300 && cores >= 4 ? Math.min(8, cores - 1) : 0
}

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

/** Sends batches to `count` workers, one batch at a time each; results in batch order. */
async function runOnWorkers<R>(batches: readonly (ParseBatch | BodyBatch)[], count: number): Promise<R[]> {
  const results: R[][] = new Array(batches.length)
  let next = 0
  const run = (worker: Worker) =>
    new Promise<void>((done, fail) => {
      const send = () => {
        const b = batches[next++]
        if (b === undefined) {
          done()
          return
        }
        worker.postMessage(b)
      }
      worker.on('message', (msg: { batch: number; results: R[] }) => {
        results[msg.batch] = msg.results
        send()
      })
      worker.on('error', fail)
      send()
    })
  const workers = Array.from({ length: Math.min(count, batches.length) }, () => new Worker(workerUrl, { workerData: { gongkaiParseWorker: true } }))
  try {
    await Promise.all(workers.map(run))
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return results.flat()
}

function batchSize(items: number, count: number): number {
  return Math.max(20, Math.min(250, Math.ceil(items / (count * 8))))
}

async function parseOnWorkers(dir: string, files: readonly string[], timezone: string, count: number, parse: boolean): Promise<PublicationFileResult[]> {
  const size = batchSize(files.length, count)
  const batches: ParseBatch[] = []
  for (let i = 0; i < files.length; i += size) {
    batches.push({ batch: batches.length, files: files.slice(i, i + size).map((rel) => ({ abs: join(dir, rel), rel })), timezone, parse })
  }
  return runOnWorkers<PublicationFileResult>(batches, count)
}

/**
 * Gives every read publication its parsed body: from the cache where the body is there, else
 * parsed (on the workers when there are any) and added to the cache.
 */
async function parseWithCache(results: PublicationFileResult[], cache: ParseCache, count: number): Promise<PublicationFileResult[]> {
  const misses: { index: number; key: string; publication: Publication }[] = []
  const out = results.map((r, index) => {
    const p = r.publication
    if (p === undefined) return r
    const key = cache.keyOf(p.body)
    const parsed = cache.take(key, p.source)
    if (parsed === undefined) {
      misses.push({ index, key, publication: p })
      return r
    }
    return { ...r, parsed }
  })
  let parsed: ParsedBody[]
  if (count > 0 && misses.length > 0) {
    const size = batchSize(misses.length, count)
    const batches: BodyBatch[] = []
    for (let i = 0; i < misses.length; i += size) {
      const bodies = misses.slice(i, i + size).map(({ publication: p }) => ({ body: p.body, source: { file: p.source.file, bodyLine: p.source.bodyLine } }))
      batches.push({ batch: batches.length, bodies })
    }
    parsed = await runOnWorkers<ParsedBody>(batches, count)
  } else {
    parsed = []
    let since = performance.now()
    for (const { publication: p } of misses) {
      parsed.push(parseBody(p.body, p.source))
      if (performance.now() - since > 20) {
        await new Promise((done) => setImmediate(done))
        since = performance.now()
      }
    }
  }
  misses.forEach((m, i) => {
    const one = parsed[i]
    if (one === undefined) return
    cache.put(m.key, m.publication.source, one)
    out[m.index] = { ...(out[m.index] as PublicationFileResult), parsed: one }
  })
  return out
}

/**
 * Loads, validates and parses a project folder. Bad content never throws: every problem is a
 * Diagnostic with file, line and column, and the good publications still come back as disclosures.
 * Throws `GongkaiError` `project/not-found` only when `dir` is not a folder.
 */
export async function loadProject(dir: string, options: LoadProjectOptions = {}): Promise<Project> {
  if (typeof dir !== 'string' || dir === '') throw new OptionsError('options/dir', 'loadProject 需要项目目录（dir）', { hint: '传入项目目录的路径' })
  const root = resolve(dir)
  const info = await stat(root).catch(() => undefined)
  if (info === undefined || !info.isDirectory()) {
    throw new GongkaiError('project/not-found', `找不到项目目录“${dir}”`, { hint: '请检查路径；可用 gongkai init 新建项目' })
  }
  const concurrency = options.concurrency ?? 32
  const diagnostics: Diagnostic[] = []
  const [configSource, catalogSource, files] = await Promise.all([
    readOptional(root, CONFIG_FILE, diagnostics),
    readOptional(root, CATALOG_FILE, diagnostics),
    listPublications(root),
  ])
  const config = readConfig(configSource, diagnostics)
  const { catalog, usable } = readCatalog(catalogSource, diagnostics)
  const count = workerCount(options.workers ?? 'auto', files.length)
  // The cache is read while the publication files are.
  const cacheOpening = options.cache === false ? undefined : openParseCache(parseCacheDir(root, config.ledger))
  const parse = cacheOpening === undefined
  let results =
    count > 0
      ? await parseOnWorkers(root, files, config.timezone, count, parse)
      : await readAll(root, files, config.timezone, parse)
  const cache = await cacheOpening
  if (cache !== undefined) results = await parseWithCache(results, cache, count)
  const project = finishProject(config, catalog, results, diagnostics, usable)
  await cache?.save()
  if (options.checkAssets === false) return { dir: root, ...project }
  const missing = await checkAssets(root, project, concurrency)
  return { dir: root, ...project, diagnostics: missing.length === 0 ? project.diagnostics : sortDiagnostics([...project.diagnostics, ...missing]) }
}

async function checkAssets(root: string, project: ValidatedProject, concurrency: number): Promise<Diagnostic[]> {
  const wanted: { path: string; file: string; field: string; subject: string }[] = []
  for (const p of project.publications) {
    for (const a of p.attachments) wanted.push({ path: a.path, file: p.source.file, field: 'attachments', subject: p.id })
    if (p.cover !== undefined) wanted.push({ path: p.cover, file: p.source.file, field: 'cover', subject: p.id })
  }
  const unique = [...new Set(wanted.map((w) => w.path))]
  const present = new Set<string>()
  await mapLimit(unique, concurrency, async (path) => {
    const s = await stat(join(root, path)).catch(() => undefined)
    if (s?.isFile() === true) present.add(path)
  })
  const out: Diagnostic[] = []
  for (const w of wanted) {
    if (present.has(w.path)) continue
    const p = project.publications.find((x) => x.id === w.subject)
    const pos = p?.source.fields?.[w.field]
    out.push({
      code: 'publication/missing-file',
      severity: 'warning',
      message: `${w.field === 'cover' ? '封面图片' : '附件'}“${w.path}”不存在`,
      hint: '请把文件放到项目目录的这个位置，或改正路径',
      file: w.file,
      ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
      subject: w.subject,
    })
  }
  return out
}
