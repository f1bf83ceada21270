/**
 * The site's search index: static files under `search/`, chunked so that a visitor fetches one
 * small header, the shards holding the query's characters and character pairs, and the records of
 * the results shown, never the whole collection (one search-index.json was 5 MB at 10,000
 * publications, and every visitor fetched it first).
 *
 * Why not Pagefind 1.6, which was tried first (its Node API, the extended build that segments
 * Chinese)? Measured here: its metadata file lists every page and grows by ~6 bytes a publication,
 * so at 100,000 publications one query fetched ~800 KB (578 KB of metadata alone), and indexing took
 * ~7 minutes with its process at 7.7 GB; its word segmentation also misses what a substring search
 * finds (青川县 in 青川县城北, segmented 青川/县城). Chinese needs no word segmentation for this: a
 * term is found by the pairs of adjacent characters it is made of (bigrams, the usual CJK index),
 * and each candidate is then checked against its own text, so the hits are exactly those of the
 * substring search the site had, for any query, at a cost that grows with the query's hits only.
 *
 * Layout (all paths under `search/`):
 * - `head.json`: `{ v, docs, shards, chunk, version }`.
 * - `g/<n>.bin`: the postings of every gram whose hash falls in shard n. Repeated: gram length (u8),
 *   its UTF-16 code units (u16 LE each), kind (u8: 0 doc-number deltas as varints, 1 bitmap of
 *   `docs` bits), payload length (varint), payload. Grams are single characters and adjacent pairs
 *   of the whole record, and the same of the title alone behind U+0001 (title matches rank first,
 *   as they did).
 * - `d/<n>.json`: the records of documents n·chunk … n·chunk+chunk−1, newest first:
 *   `[path, title, date, item name, text]`, text being 文号, 索引号, tags and summary.
 */
import { createHash } from 'node:crypto'
import type { Entry } from './site.js'

/** Where the index lives in the site. */
export const SEARCH_DIR = 'search/'

/** Records per `d/` file: a query's first page of results fetches a few of these. */
const CHUNK = 8
/** Bump when the layout above changes: the page refuses a header of another version. */
const VERSION = 1
/** Marks a gram of the title alone. */
export const TITLE = '\u0001'

/** One file of the index, its path relative to the site root (under `search/`). */
export interface SearchFile {
  readonly path: string
  readonly data: Uint8Array
}

/** NFKC and lower case: what the page does to the query and to every record before comparing. */
export function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').toLowerCase()
}

/** What is matched of an entry besides its title and item name (文号, 索引号, tags, summary). */
export function searchTextOf(e: Entry): string {
  return [e.docNumber, e.indexNo, e.tags.join(' '), e.summary].filter((s) => s !== '').join(' ')
}

/** The record the page shows and checks a hit against. */
function recordOf(e: Entry): [string, string, string, string, string] {
  return [e.path, e.title, e.date, e.itemName, searchTextOf(e)]
}

/** FNV-1a over UTF-16 code units; the page computes the same to find a gram's shard. */
export function gramShard(gram: string, shards: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h & (shards - 1)
}

/**
 * The cache key of the index: it changes only when what is indexed changes (the listed
 * publications, their order and, of each, the record above, which also follows a renamed catalog
 * item), so a caller can keep the index across builds.
 */
export function searchIndexKey(entries: readonly Entry[]): string {
  const h = createHash('sha256').update(`gongkai-search-${VERSION}`)
  for (const e of entries) h.update('\0').update(JSON.stringify(recordOf(e)))
  return h.digest('hex')
}

class Bytes {
  private buf = new Uint8Array(1024)
  length = 0
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.length + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.length))
    this.buf = next
  }
  byte(b: number): void {
    this.room(1)
    this.buf[this.length++] = b
  }
  varint(n: number): void {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80)
      n >>>= 7
    }
    this.byte(n)
  }
  bytes(b: Uint8Array): void {
    this.room(b.length)
    this.buf.set(b, this.length)
    this.length += b.length
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length)
  }
}

/** One gram's postings, as the smaller of a delta list and a bitmap. */
function postingsOf(docs: readonly number[], total: number): { kind: number; data: Uint8Array } {
  const list = new Bytes()
  let last = -1
  for (const d of docs) {
    list.varint(d - last - 1)
    last = d
  }
  const bitmapLength = Math.ceil(total / 8)
  if (list.length <= bitmapLength) return { kind: 0, data: list.done() }
  const bitmap = new Uint8Array(bitmapLength)
  for (const d of docs) bitmap[d >> 3] = (bitmap[d >> 3] as number) | (1 << (d & 7))
  return { kind: 1, data: bitmap }
}

/** Builds the index for the entries, in the order the site lists them (newest first). Pure: same entries, same bytes. */
export function buildSearchIndex(entries: readonly Entry[]): SearchFile[] {
  const encoder = new TextEncoder()
  const files: SearchFile[] = []
  const grams = new Map<string, number[]>()
  entries.forEach((e, doc) => {
    // Documents come in order, so a list that already ends with this one has the gram.
    const seen = (g: string) => {
      const list = grams.get(g)
      if (list === undefined) grams.set(g, [doc])
      else if (list[list.length - 1] !== doc) list.push(doc)
    }
    const add = (text: string, prefix: string) => {
      for (const part of normalizeSearchText(text).split(/\s+/)) {
        for (let i = 0; i < part.length; i++) {
          seen(prefix + (part[i] as string))
          if (i + 1 < part.length) seen(prefix + part.slice(i, i + 2))
        }
      }
    }
    // The same text the page checks a hit against (title, item name and the record's text), and the title for the ranking.
    add(`${e.title} ${e.itemName} ${searchTextOf(e)}`, '')
    add(e.title, TITLE)
  })

  const postings = new Map<string, { kind: number; data: Uint8Array }>()
  let total = 0
  for (const [g, docs] of grams) {
    const p = postingsOf(docs, entries.length)
    postings.set(g, p)
    total += p.data.length + 2 * g.length + 4
  }
  // About 8 KB a shard: a query's few shards stay small, and a small site has few files.
  let shards = 16
  while (shards < 16_384 && total / shards > 8_192) shards *= 2
  const byShard: string[][] = Array.from({ length: shards }, () => [])
  for (const g of [...postings.keys()].sort()) byShard[gramShard(g, shards)]?.push(g)
  byShard.forEach((list, n) => {
    const out = new Bytes()
    for (const g of list) {
      const p = postings.get(g) as { kind: number; data: Uint8Array }
      out.byte(g.length)
      for (let i = 0; i < g.length; i++) {
        const c = g.charCodeAt(i)
        out.byte(c & 0xff)
        out.byte(c >> 8)
      }
      out.byte(p.kind)
      out.varint(p.data.length)
      out.bytes(p.data)
    }
    files.push({ path: `${SEARCH_DIR}g/${n}.bin`, data: out.done() })
  })

  for (let start = 0; start < entries.length; start += CHUNK) {
    files.push({ path: `${SEARCH_DIR}d/${start / CHUNK}.json`, data: encoder.encode(JSON.stringify(entries.slice(start, start + CHUNK).map(recordOf))) })
  }
  // The key names this build: the page asks for every other file with it, so a browser never mixes
  // a cached shard of one release with the records of another.
  const head = { v: searchIndexKey(entries).slice(0, 12), docs: entries.length, shards, chunk: CHUNK, version: VERSION }
  files.push({ path: `${SEARCH_DIR}head.json`, data: encoder.encode(JSON.stringify(head)) })
  return files
}
