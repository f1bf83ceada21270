/**
 * The catalog as the last load read it, in `.gongkai/cache/catalog.json`, keyed by a hash of the
 * code version and the catalog's text: a catalog that did not change is not parsed again. Reading
 * catalog.yaml with positions was about a tenth of a second of every fresh process, more than a
 * rebuild with nothing to render spends on anything else but loading.
 *
 * Like the load cache, it can only make a load slower, never change what it gives: an entry whose
 * key or shape does not check out is a miss, and every error of its own is swallowed.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Diagnostic } from '../diagnostics.js'
import { readCatalogData } from '../project/read-catalog.js'
import type { CatalogData } from '../project/read-catalog.js'
import type { SourceFile } from '../project/yaml-source.js'
import { cacheDir, loadCacheVersion } from './load-cache.js'

const FILE = 'catalog.json'

interface Entry {
  readonly key: string
  readonly data: CatalogData
  readonly diagnostics: readonly Diagnostic[]
}

function isEntry(value: unknown, key: string): value is Entry {
  const e = value as Partial<Entry> | null
  return e !== null && typeof e === 'object' && e.key === key && Array.isArray(e.diagnostics) && Array.isArray(e.data?.items) && Array.isArray(e.data.adjustments) && typeof e.data.usable === 'boolean'
}

/** `readCatalogData`, through the cache of the project at `root`. */
export function readCatalogCached(root: string, source: SourceFile | undefined, diagnostics: Diagnostic[]): CatalogData {
  // A missing catalog is one diagnostic, nothing to keep.
  if (source === undefined) return readCatalogData(source, diagnostics)
  const key = createHash('sha256').update(loadCacheVersion()).update('\n').update(source.file).update('\n').update(source.text).digest('hex').slice(0, 32)
  const path = join(cacheDir(root), FILE)
  try {
    const entry: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (isEntry(entry, key)) {
      diagnostics.push(...entry.diagnostics)
      return entry.data
    }
  } catch {
    // No cache yet, or one that does not parse: read the catalog.
  }
  const found: Diagnostic[] = []
  const data = readCatalogData(source, found)
  diagnostics.push(...found)
  try {
    mkdirSync(cacheDir(root), { recursive: true })
    const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
    try {
      writeFileSync(temp, JSON.stringify({ key, data, diagnostics: found } satisfies Entry))
      renameSync(temp, path)
    } catch {
      rmSync(temp, { force: true })
    }
  } catch {
    // A read-only folder or a full disk: the next load reads the catalog again.
  }
  return data
}
