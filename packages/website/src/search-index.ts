/**
 * The site's search index: a Pagefind bundle under `pagefind/`, chunked so that a visitor fetches
 * the runtime, one metadata file, the index chunks of the query's words and the fragments of the
 * results shown, never the whole collection (one search-index.json was 5 MB at 10,000 publications).
 *
 * Pagefind 1.6 because it is made for exactly this (static hosting, no server, chunked by word),
 * its extended build segments Chinese at index time, and its Node API takes records from memory,
 * so nothing is written or re-read. Each record holds the fields the earlier search matched (title,
 * item name, 文号, 索引号, tags, summary); the page checks every hit against them again, so the
 * hits are those of a substring search for any query Pagefind can find.
 */
import { createHash } from 'node:crypto'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { close, createIndex } from 'pagefind'
import type { Entry } from './site.js'

/** Where the bundle lives in the site. */
export const SEARCH_DIR = 'pagefind/'

/** One file of the bundle, its path relative to the site root (under `pagefind/`). */
export interface SearchFile {
  readonly path: string
  readonly data: Uint8Array
}

// Pagefind's own UI bundles (and the playground) are not used: the page has its own form and list.
const SHIPPED =
  /^(?:pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[a-z-]+\.pagefind|pagefind\.[^/]+\.pf_meta|index\/[^/]+\.pf_index|fragment\/[^/]+\.pf_fragment|filter\/[^/]+\.pf_filter)$/

/** Bump when the record layout below changes: part of the key, so an old cached bundle is not reused. */
const LAYOUT = 'gongkai-search-1/pagefind-1.6.0'

/** What is indexed of an entry: exactly what the page matches terms against. */
export function searchTextOf(e: Entry): string {
  return [e.title, e.itemName, e.docNumber, e.indexNo, e.tags.join(' '), e.summary].filter((s) => s !== '').join(' ')
}

/**
 * The cache key of the bundle: it changes only when what is indexed changes (the set of listed
 * publications and, of each, the fields above, which also follow a renamed catalog item), so a
 * caller can keep the bundle across builds.
 */
export function searchIndexKey(entries: readonly Entry[]): string {
  const h = createHash('sha256').update(LAYOUT)
  for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) h.update('\0').update(JSON.stringify([e.path, e.title, e.itemName, e.date, searchTextOf(e)]))
  return h.digest('hex')
}

/** Builds the bundle for the entries (already filtered to what the site lists). */
export async function buildSearchIndex(entries: readonly Entry[]): Promise<SearchFile[]> {
  // One language for the whole site: the pages are zh-CN, and a title in Latin letters must not
  // split the index in two.
  let created: Awaited<ReturnType<typeof createIndex>>
  try {
    created = await createIndex({ forceLanguage: 'zh' })
  } catch (cause) {
    // The native indexer is an optional dependency: absent on a platform Pagefind does not build for.
    throw new GongkaiError(ERRORS.WebsiteSearchIndex, ERRORS.WebsiteSearchIndex.message(cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause)), { cause })
  }
  const index = created.index
  if (index === undefined) throw GongkaiError.from(ERRORS.WebsiteSearchIndex, created.errors.join('；'))
  try {
    const errors: string[] = []
    // Sent in batches: one round trip per record to the indexer's process would dominate.
    const BATCH = 500
    for (let i = 0; i < entries.length; i += BATCH) {
      const added = await Promise.all(
        entries.slice(i, i + BATCH).map((e) =>
          index.addCustomRecord({
            url: e.path,
            content: searchTextOf(e),
            language: 'zh',
            meta: { title: e.title, item: e.itemName, date: e.date },
          }),
        ),
      )
      for (const a of added) errors.push(...a.errors)
    }
    const out = await index.getFiles()
    errors.push(...out.errors)
    if (errors.length > 0) throw GongkaiError.from(ERRORS.WebsiteSearchIndex, errors.join('；'))
    return out.files
      .filter((f) => SHIPPED.test(f.path))
      .map((f) => ({ path: SEARCH_DIR + f.path, data: f.content }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    await index.deleteIndex()
  }
}

/** Stops Pagefind's indexing process (it is started again by the next build). */
export async function closeSearchIndexer(): Promise<void> {
  await close()
}
