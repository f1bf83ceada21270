/**
 * The load cache, one file `.gongkai/cache/load.bin`: what reading each publication file gave (the
 * checked publication and its diagnostics), keyed by the file's path, size, mtime, ctime and
 * inode, and each body's parsed tree with its Markdown diagnostics, keyed by a hash of the code
 * version and the body. A file unchanged since the last load is neither read nor parsed; a file
 * whose front matter changed keeps its body's tree.
 *
 * Nothing a load gives depends on the cache: every part of it is checked (a checksum over the
 * index, one per tree), and whatever does not check out is a miss. Trees are stored with body
 * lines and shifted to the file's lines when read, and read only when someone asks for them
 * (`Disclosure.tree` is a getter until then): a rebuild that renders nothing never decodes one.
 * The index and the bodies are UTF-16 (decoding Chinese from UTF-8 cost more than parsing the
 * JSON), the bodies one string that each publication's body is a slice of; the trees stay UTF-8
 * (mostly ASCII) and are decoded one by one. Every error of the cache itself is
 * swallowed: it can only make a load slower, never fail it.
 *
 * A load that changed a few files appends what changed to a journal beside the file
 * (`load.jnl`: the files' entries, the files gone, the new trees with their bytes), bound to the
 * file it amends by a sum of its first line. Writing the whole file again for one changed
 * publication was 0.2 s and more of a one-change rebuild of 10,000 publications, a third of it
 * in reading the old trees only to copy them. Once the journal would pass a quarter of the file,
 * the next write is a whole file again, and the journal goes. A record whose sum does not check
 * out ends the journal (a kill mid-append); the next write is then a whole file.
 */
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Root } from 'mdast'
import type { Diagnostic } from '../diagnostics.js'
import { parseBody } from '../markdown.js'
import type { BodySource } from '../markdown.js'
import { itemDigest } from '../disclosure.js'
import type { CatalogItem, Disclosure } from '../model.js'
import type { PublicationFileResult } from '../project/read-publication.js'

/** The caches' folder inside a project (safe to delete; the ledger is not in it). */
export const CACHE_DIR = '.gongkai/cache'

/** The caches' folder of a project. */
export function cacheDir(projectDir: string): string {
  return join(projectDir, ...CACHE_DIR.split('/'))
}

/** One body parsed: what `parseBody` returns. */
export interface ParsedBody {
  readonly tree: Root
  readonly diagnostics: Diagnostic[]
}

const FILE = 'load.bin'
const FORMAT = 'gongkai-load-cache/4'
const JOURNAL = 'load.jnl'
const JOURNAL_FORMAT = 'gongkai-load-journal/1'
/** The journal's largest size, as a share of the file it amends: past it, the file is written whole again. */
const JOURNAL_SHARE = 0.25
const STALE_TEMP_MS = 10 * 60_000
/**
 * A file changed less than this before it was read may change again with the same size and
 * mtime (coarse clocks: 1 s on some file systems, 2 s on FAT): it is not trusted next time.
 */
const RACY_MS = 2_000
/** Packages whose code shapes what a file gives: a new version of any of them empties the cache. */
const PACKAGES = [
  'yaml',
  'chardet',
  'iconv-lite',
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

let version: string | undefined

/**
 * The code version: the cache format, the code of core's own files that read and parse
 * (compiled or, in tests, the sources: a change to any rule empties the cache) and the versions
 * of the packages they use.
 */
export function loadCacheVersion(): string {
  if (version !== undefined) return version
  const h = createHash('sha256').update(FORMAT)
  const src = dirname(dirname(fileURLToPath(import.meta.url)))
  for (const sub of ['', 'project', 'cache', 'catalog']) {
    let names: string[] = []
    try {
      names = readdirSync(join(src, sub)).sort()
    } catch {
      // Not there: nothing to hash.
    }
    for (const name of names) {
      if (!/\.(?:js|ts)$/.test(name) || name.endsWith('.d.ts')) continue
      try {
        h.update(`\n${sub}/${name}\n`).update(readFileSync(join(src, sub, name)))
      } catch {
        // A file that went away is hashed as absent.
      }
    }
  }
  for (const pkg of PACKAGES) h.update(`\n${pkg}@${packageVersion(src, pkg)}`)
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

/** A file's identity: size, mtime, ctime, inode. */
type Identity = readonly [number, number, number, number]

/** What a publication file gave, without its tree. */
type StoredResult = Omit<PublicationFileResult, 'file' | 'parsed'>

/** A file: identity, its body's key ('' when it gave no publication), what it gave, and its revision with the `itemDigest` of its item. */
type StoredFile = readonly [Identity, string, StoredResult, (readonly [string, string])?]

/** A tree: where it is in the tree bytes, their sha256 (16 hex), diagnostics with body lines and `file` empty. */
type StoredTree = readonly [number, number, string, readonly Record<string, unknown>[]]

/** A tree parsed by this load or read from the journal: its bytes and diagnostics as they will be stored. */
interface Fresh {
  readonly fresh: Buffer
  readonly d: Record<string, unknown>[]
  /** Its sum, when known. */
  readonly sum?: string
  /** Already in the journal: not appended again. */
  readonly journaled?: true
}

function isFresh(t: StoredTree | Fresh): t is Fresh {
  return !Array.isArray(t)
}

interface Index {
  readonly timezone: string
  readonly files: Record<string, StoredFile>
  readonly trees: Record<string, StoredTree>
}

/** An open cache: look files and bodies up while loading, then `save` once. */
export interface LoadCache {
  /** What the file gave last time when it has not changed since (its tree is read on first use), or undefined. */
  file(rel: string, abs: string): PublicationFileResult | undefined
  /** The key of a body. */
  keyOf(body: string): string
  /** The cached parse of `body` (its key given) for this source, its tree read on first use; or undefined. */
  body(key: string, source: BodySource, body: string): ParsedBody | undefined
  /**
   * Records a fresh parse. Returns the same parse with its tree read back from the stored bytes on
   * use (see `lazyParsed`), so the caller can let the tree go; or `parsed` itself when the tree
   * cannot be stored.
   */
  putBody(key: string, source: BodySource, body: string, parsed: ParsedBody): ParsedBody
  /**
   * Records a fresh parse already packed by `packTree` (on a worker thread: the bytes cross to
   * this thread at a fraction of the cost of the tree), with its diagnostics; returns it as
   * `putBody` does.
   */
  putPacked(key: string, source: BodySource, body: string, packed: Buffer, diagnostics: Diagnostic[]): ParsedBody
  /** Records what a file gave (after `file` missed), to be kept when it is not racy. */
  putFile(rel: string, result: PublicationFileResult): void
  /** Revisions of the files found unchanged, by file, for `createDisclosures`. */
  readonly revisions: Map<string, { readonly item: string; readonly revision: string }>
  /** Writes the cache when anything changed (a revision included), keeping only what this load used; never throws. */
  save(disclosures: readonly Disclosure[]): void
  /** Files and bodies found, and the bytes of stored trees read (none until a tree is decoded or the cache written). */
  readonly stats: { files: number; bodies: number; misses: number; treeBytes: number }
}

function identity(s: Stats): Identity {
  return [s.size, s.mtimeMs, s.ctimeMs, s.ino]
}

/**
 * The sharded parse cache this file replaces (`.gongkai/parse-cache/NN.json`): its shards and
 * temporary files are deleted, then the folder if nothing else is in it.
 */
function removeOldParseCache(root: string): void {
  const old = join(root, '.gongkai', 'parse-cache')
  let names: string[]
  try {
    names = readdirSync(old)
  } catch {
    return
  }
  try {
    for (const name of names) if (/^[0-9a-f]{2}\.json(?:\.tmp-.*)?$/.test(name)) unlinkSync(join(old, name))
    if (readdirSync(old).length === 0) rmdirSync(old)
  } catch {
    // Left for next time.
  }
}

/** Small buffers joined into a few of about 8 MB: one write per tree was a write call per publication. */
function chunks(parts: readonly Buffer[]): Buffer[] {
  const out: Buffer[] = []
  let run: Buffer[] = []
  let size = 0
  for (const p of parts) {
    run.push(p)
    size += p.length
    if (size >= 8 << 20) {
      out.push(Buffer.concat(run, size))
      run = []
      size = 0
    }
  }
  if (run.length > 0) out.push(Buffer.concat(run, size))
  return out
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at)
}

function sha16(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16)
}

function isIndex(value: unknown): value is Index {
  if (value === null || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v['timezone'] === 'string' && v['files'] !== null && typeof v['files'] === 'object' && v['trees'] !== null && typeof v['trees'] === 'object'
}

/** Reads exactly `length` bytes at `position` of an open file; undefined when the file is shorter. */
function readAt(fd: number, position: number, length: number): Buffer | undefined {
  const out = Buffer.allocUnsafe(length)
  for (let at = 0; at < length;) {
    const n = readSync(fd, out, at, length - at, position + at)
    if (n === 0) return undefined
    at += n
  }
  return out
}

/** The first line of the cache file, which names the format, the version, the parts' sizes and the sum. */
function readHead(fd: number): { head: string; start: number } | undefined {
  const first = Buffer.alloc(201)
  const n = readSync(fd, first, 0, first.length, 0)
  const nl = first.subarray(0, n).indexOf(0x0a)
  return nl < 0 ? undefined : { head: first.subarray(0, nl).toString('latin1'), start: nl + 1 }
}

/**
 * The cache file: its index, the bodies (one string: each body is a slice of it), and the tree
 * bytes, which are read only when a tree is decoded or the file is written again (a build with
 * nothing to render never reads them: they were half the file). They are read from the file again,
 * and taken only when its first line is still the same (else none: every tree is then parsed
 * again, and each tree's own sum guards the rest).
 */
function readIndex(path: string): { index: Index; bodies: string; trees: () => Buffer; head: string; size: number } | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return undefined
  }
  let head: string
  let treeStart: number
  let treeSize: number
  let raw: Buffer | undefined
  let size: number
  let fileSize: number
  try {
    const first = readHead(fd)
    if (first === undefined) return undefined
    head = first.head
    const [format, v, indexBytes, bodyBytes, treeBytes, sum] = head.split(' ')
    size = Number(indexBytes)
    const bodySize = Number(bodyBytes)
    treeSize = Number(treeBytes)
    treeStart = first.start + size + bodySize
    fileSize = fstatSync(fd).size
    if (format !== FORMAT || v !== loadCacheVersion() || !Number.isSafeInteger(size) || !Number.isSafeInteger(bodySize) || !Number.isSafeInteger(treeSize) || treeStart + treeSize !== fileSize)
      return undefined
    raw = readAt(fd, first.start, size + bodySize)
    if (raw === undefined || sha16(raw) !== sum) return undefined
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
  let trees: Buffer | undefined
  const readTrees = (): Buffer => {
    if (trees !== undefined) return trees
    trees = Buffer.alloc(0)
    try {
      const again = openSync(path, 'r')
      try {
        if (readHead(again)?.head === head) trees = readAt(again, treeStart, treeSize) ?? trees
      } finally {
        closeSync(again)
      }
    } catch {
      // Gone or replaced: no tree of the old file is used.
    }
    return trees
  }
  try {
    const index: unknown = JSON.parse(raw.subarray(0, size).toString('utf16le'))
    return isIndex(index) ? { index, bodies: raw.subarray(size).toString('utf16le'), trees: readTrees, head, size: fileSize } : undefined
  } catch {
    return undefined
  }
}

/** The journal's records applied in order: files (null: gone), trees with their bytes; and how many of its bytes checked out. */
interface Journal {
  readonly files: Map<string, StoredFile | null>
  readonly trees: Map<string, Fresh>
  /** Bytes of the file that checked out (0 when there is none, or it amends another file). */
  readonly size: number
  /** Whether every byte of the file checked out (a missing file does). */
  readonly whole: boolean
}

/** The first line of a journal that amends the file whose first line is `head`. */
function journalHead(head: string): string {
  return `${JOURNAL_FORMAT} ${sha16(Buffer.from(head, 'latin1'))}\n`
}

/**
 * Reads the journal that amends the file whose first line is `head`. A record is its line
 * `<index bytes> <tree bytes> <sum>`, its JSON (UTF-8: `{ files, trees }`, each tree as
 * `[length, sum, diagnostics]`) and its trees' bytes in the same order; reading stops at the
 * first record that does not check out.
 */
function readJournal(path: string, head: string): Journal {
  const files = new Map<string, StoredFile | null>()
  const trees = new Map<string, Fresh>()
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    return { files, trees, size: 0, whole: true }
  }
  const first = journalHead(head)
  if (bytes.length < first.length || bytes.subarray(0, first.length).toString('latin1') !== first) return { files, trees, size: 0, whole: false }
  let at = first.length
  while (at < bytes.length) {
    const nl = bytes.indexOf(0x0a, at)
    if (nl < 0 || nl - at > 80) break
    const [a, b, sum] = bytes.subarray(at, nl).toString('latin1').split(' ')
    const jsonBytes = Number(a)
    const treeBytes = Number(b)
    if (!Number.isSafeInteger(jsonBytes) || !Number.isSafeInteger(treeBytes) || jsonBytes < 0 || treeBytes < 0) break
    const end = nl + 1 + jsonBytes + treeBytes
    if (end > bytes.length || sha16(bytes.subarray(nl + 1, end)) !== sum) break
    let record: { files?: unknown; trees?: unknown }
    try {
      record = JSON.parse(bytes.subarray(nl + 1, nl + 1 + jsonBytes).toString('utf8')) as typeof record
    } catch {
      break
    }
    if (record === null || typeof record !== 'object' || record.files === null || typeof record.files !== 'object' || record.trees === null || typeof record.trees !== 'object') break
    for (const [rel, entry] of Object.entries(record.files as Record<string, StoredFile | null>)) files.set(rel, entry)
    let from = nl + 1 + jsonBytes
    for (const [key, t] of Object.entries(record.trees as Record<string, unknown>)) {
      if (!Array.isArray(t) || typeof t[0] !== 'number' || typeof t[1] !== 'string' || !Array.isArray(t[2]) || from + t[0] > end) break
      // A copy: the file's buffer is let go once read.
      trees.set(key, { fresh: Buffer.from(bytes.subarray(from, from + t[0])), sum: t[1], d: t[2] as Record<string, unknown>[], journaled: true })
      from += t[0]
    }
    at = end
  }
  return { files, trees, size: at, whole: at === bytes.length }
}

/**
 * Positions as six numbers, lines counted in the body: half the JSON, twice as fast to parse. A
 * text that is exactly its span of the body is stored as `0` in its place (the key order stays),
 * and taken from the body again when read: the trees are then a third of their size.
 */
function pack(node: Record<string, unknown>, lines: number, body: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(node)) {
    const value = node[key]
    if (key === 'value' && typeof value === 'string' && node['type'] === 'text') {
      const p = node['position'] as { start?: { offset?: unknown }; end?: { offset?: unknown } } | undefined
      const from = p?.start?.offset
      const to = p?.end?.offset
      out[key] = typeof from === 'number' && typeof to === 'number' && to - from === value.length && body.startsWith(value, from) ? 0 : value
    } else if (key === 'position' && value !== null && typeof value === 'object') {
      const { start, end } = value as { start?: Record<string, unknown>; end?: Record<string, unknown> }
      const six = [start?.['line'], start?.['column'], start?.['offset'], end?.['line'], end?.['column'], end?.['offset']]
      // Anything but the three numbers micromark gives cannot be shifted back: the tree is not stored.
      if (Object.keys(value).length !== 2 || Object.keys(start ?? {}).length !== 3 || Object.keys(end ?? {}).length !== 3 || !six.every((n) => typeof n === 'number')) return undefined
      out[key] = [(six[0] as number) - lines, six[1], six[2], (six[3] as number) - lines, six[4], six[5]]
    } else if (key === 'children' && Array.isArray(value)) {
      const children: Record<string, unknown>[] = []
      for (const c of value as Record<string, unknown>[]) {
        const packed = pack(c, lines, body)
        if (packed === undefined) return undefined
        children.push(packed)
      }
      out[key] = children
    } else out[key] = value
  }
  return out
}

/** A tree as the cache stores it (see `pack`), or undefined when it cannot be stored. */
export function packTree(tree: Root, source: BodySource, body: string): Buffer | undefined {
  const packed = pack(tree as unknown as Record<string, unknown>, source.bodyLine - 1, body)
  return packed === undefined ? undefined : Buffer.from(JSON.stringify(packed), 'utf8')
}

/** Undoes `pack` in place; false when the tree is not one `pack` wrote. */
function unpack(node: Record<string, unknown>, lines: number, body: string): boolean {
  const p = node['position'] as unknown[] | undefined
  if (Array.isArray(p)) {
    node['position'] = { start: { line: (p[0] as number) + lines, column: p[1], offset: p[2] }, end: { line: (p[3] as number) + lines, column: p[4], offset: p[5] } }
    if (node['value'] === 0) node['value'] = body.slice(p[2] as number, p[5] as number)
  }
  if (node['value'] === 0 || typeof node['type'] !== 'string') return false
  const children = node['children']
  if (Array.isArray(children)) for (const child of children) if (child === null || typeof child !== 'object' || !unpack(child as Record<string, unknown>, lines, body)) return false
  return true
}

function shiftDiagnostics(stored: readonly Record<string, unknown>[], source: BodySource): Diagnostic[] {
  const lines = source.bodyLine - 1
  return stored.map((x) => {
    const d: Record<string, unknown> = { ...x }
    if (d['file'] === '') d['file'] = source.file
    if (typeof d['line'] === 'number') d['line'] = d['line'] + lines
    return d as unknown as Diagnostic
  })
}

/**
 * Trees decoded lately, newest last. A build touches a publication's tree a few times close
 * together (checks, its page, its list entry) and then not again: keeping every decoded tree on
 * its publication held all 10,000 trees of a cold build at once (about 300 MB at the peak), where
 * these few are all the reuse there is.
 */
const recent = new Map<object, Root>()
const RECENT_TREES = 64

/** `{ tree, diagnostics }` whose tree is read from `read` on use, and kept only while it is among the last trees read. */
function lazyParsed(read: () => Root, diagnostics: Diagnostic[]): ParsedBody {
  const parsed = { diagnostics } as { tree: Root; diagnostics: Diagnostic[] }
  Object.defineProperty(parsed, 'tree', {
    enumerable: true,
    configurable: true,
    get() {
      let tree = recent.get(parsed)
      if (tree !== undefined) recent.delete(parsed)
      else tree = read()
      recent.set(parsed, tree)
      if (recent.size > RECENT_TREES) recent.delete(recent.keys().next().value as object)
      return tree
    },
    set(tree: Root) {
      // Given a tree of its own (a caller replacing it): that one is kept, as a plain value.
      recent.delete(parsed)
      Object.defineProperty(parsed, 'tree', { value: tree, enumerable: true, configurable: true, writable: true })
    },
  })
  return parsed
}

/** A stored tree from its bytes, checked against its sum (and length); undefined when it does not check out. */
function decodeBytes(bytes: Buffer, sum: string, source: BodySource, body: string, length = bytes.length): Root | undefined {
  if (bytes.length !== length || sha16(bytes) !== sum) return undefined
  let tree: unknown
  try {
    tree = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  if (tree === null || typeof tree !== 'object' || (tree as { type?: unknown }).type !== 'root' || !Array.isArray((tree as { children?: unknown }).children)) return undefined
  return unpack(tree as Record<string, unknown>, source.bodyLine - 1, body) ? (tree as Root) : undefined
}

/**
 * Opens the cache of the project in `root` for a load in `timezone` (what a file gives depends
 * on it), with the stat of files `taken` moments before (see `LoadProjectOptions.stats`). Never
 * throws: a missing, unreadable or corrupt cache is an empty one.
 */
export function openLoadCache(root: string, timezone: string, taken?: ReadonlyMap<string, Stats>): LoadCache {
  const dir = cacheDir(root)
  const path = join(dir, FILE)
  const v = loadCacheVersion()
  const old = readIndex(path)
  const journalPath = join(dir, JOURNAL)
  const journal: Journal = old === undefined ? { files: new Map(), trees: new Map(), size: 0, whole: false } : readJournal(journalPath, old.head)
  const oldFiles = old !== undefined && old.index.timezone === timezone ? old.index.files : {}
  // The journal's entries were written in the file's time zone (a load in another one writes the whole file).
  if (oldFiles === old?.index.files) {
    for (const [rel, entry] of journal.files) {
      if (entry === null) delete oldFiles[rel]
      else oldFiles[rel] = entry
    }
  }
  const oldTrees = old?.index.trees ?? {}
  const stats = { files: 0, bodies: 0, misses: 0, treeBytes: 0 }
  let oldTreeBytes: Buffer | undefined
  const oldBytes = (): Buffer => {
    if (oldTreeBytes === undefined) {
      oldTreeBytes = old?.trees() ?? Buffer.alloc(0)
      stats.treeBytes = oldTreeBytes.length
    }
    return oldTreeBytes
  }
  const oldBodies = old?.bodies ?? ''
  /** The files and trees of this load, in the order they are met. */
  const files = new Map<string, StoredFile>()
  const trees = new Map<string, StoredTree | Fresh>()
  const seen = new Map<string, Identity>()
  // Bodies of files too recent to trust by identity: their trees are keyed by content, so they are
  // kept and the next load reads the file again but does not parse its body again.
  const racyBodies = new Set<string>()
  let changed = old === undefined
  const startedAt = Date.now()
  const keyOf = (body: string) => createHash('sha256').update(v).update('\n').update(body).digest('hex').slice(0, 32)

  const decode = (entry: StoredTree, source: BodySource, body: string): Root | undefined => decodeBytes(oldBytes().subarray(entry[0], entry[0] + entry[1]), entry[2], source, body, entry[1])
  // A tree that does not check out is parsed again: the parse gives what it would have given.
  // (It stays in the file, parsed again on each read, until its body changes or the file is rewritten from scratch.)
  const readTree = (entry: StoredTree, source: BodySource, body: string) => (): Root => decode(entry, source, body) ?? parseBody(body, source).tree

  const cachedBody = (key: string, source: BodySource, body: string): ParsedBody | undefined => {
    const logged = journal.trees.get(key)
    if (logged !== undefined) {
      if (!trees.has(key)) trees.set(key, logged)
      const sum = logged.sum ?? ''
      return lazyParsed(() => decodeBytes(logged.fresh, sum, source, body) ?? parseBody(body, source).tree, shiftDiagnostics(logged.d, source))
    }
    const entry = oldTrees[key]
    if (!Array.isArray(entry) || entry.length !== 4 || !Array.isArray(entry[3])) return undefined
    if (!trees.has(key)) trees.set(key, entry)
    return lazyParsed(readTree(entry, source, body), shiftDiagnostics(entry[3], source))
  }

  /**
   * Appends what this load changed to the journal; false when the whole file is to be written
   * instead: no file to amend, another time zone, a journal that did not check out or changed
   * since it was read, or one that would pass its share of the file.
   */
  const appendJournal = (used: ReadonlySet<string>): boolean => {
    if (old === undefined || oldFiles !== old.index.files || !journal.whole) return false
    const changedFiles: Record<string, StoredFile | null> = {}
    for (const [rel, entry] of files) if (oldFiles[rel] !== entry) changedFiles[rel] = entry
    for (const rel of Object.keys(oldFiles)) if (!files.has(rel)) changedFiles[rel] = null
    const newTrees: Record<string, readonly [number, string, readonly Record<string, unknown>[]]> = {}
    const parts: Buffer[] = []
    for (const [key, t] of trees) {
      if (!isFresh(t) || t.journaled === true || !used.has(key)) continue
      newTrees[key] = [t.fresh.length, t.sum ?? sha16(t.fresh), t.d]
      parts.push(t.fresh)
    }
    const json = Buffer.from(JSON.stringify({ files: changedFiles, trees: newTrees }), 'utf8')
    const payload = Buffer.concat([json, ...parts])
    const first = journal.size === 0 ? journalHead(old.head) : ''
    const record = Buffer.concat([Buffer.from(`${first}${json.length} ${payload.length - json.length} ${sha16(payload)}\n`, 'latin1'), payload])
    if (journal.size + record.length > old.size * JOURNAL_SHARE) return false
    try {
      mkdirSync(dir, { recursive: true })
      const fd = openSync(journalPath, 'a')
      try {
        // Another load appended or wrote a whole file meanwhile: the whole file again is the safe way.
        if (fstatSync(fd).size !== journal.size) return false
        writeAll(fd, record)
      } finally {
        closeSync(fd)
      }
      return true
    } catch {
      return false
    }
  }

  const putPacked = (key: string, source: BodySource, body: string, fresh: Buffer, diagnostics: Diagnostic[]): ParsedBody => {
    changed = true
    const lines = source.bodyLine - 1
    const d = diagnostics.map((x) => {
      const copy: Record<string, unknown> = { ...x }
      if (copy['file'] === source.file) copy['file'] = ''
      if (typeof copy['line'] === 'number') copy['line'] = copy['line'] - lines
      return copy
    })
    const sum = sha16(fresh)
    trees.set(key, { fresh, d, sum })
    return lazyParsed(() => decodeBytes(fresh, sum, source, body) ?? parseBody(body, source).tree, diagnostics)
  }

  const revisions = new Map<string, { readonly item: string; readonly revision: string }>()
  return {
    stats,
    revisions,
    file(rel, abs) {
      let now: Identity
      try {
        now = identity(taken?.get(abs) ?? statSync(abs))
      } catch {
        return undefined
      }
      seen.set(rel, now)
      const entry = oldFiles[rel]
      if (!Array.isArray(entry) || entry.length < 3) return undefined
      const [was, key, result, rev] = entry
      if (!Array.isArray(was) || was.some((n, i) => n !== now[i]) || result === null || typeof result !== 'object' || !Array.isArray(result.diagnostics)) return undefined
      const p = result.publication
      let parsed: ParsedBody | undefined
      if (p !== undefined) {
        // The body is a slice of the one string of bodies: 10,000 bodies copied by the young-generation GC were a third of a warm load.
        const span = p.body as unknown
        if (Array.isArray(span) && typeof span[0] === 'number' && typeof span[1] === 'number' && span[0] + span[1] <= oldBodies.length) {
          ;(p as { body: string }).body = oldBodies.slice(span[0], span[0] + span[1])
        }
        if (typeof p.body !== 'string' || typeof p.source?.bodyLine !== 'number') return undefined
        parsed = cachedBody(key, p.source, p.body)
        if (parsed === undefined) return undefined
      }
      files.set(rel, entry)
      if (Array.isArray(rev) && typeof rev[0] === 'string' && typeof rev[1] === 'string') revisions.set(rel, { item: rev[0], revision: rev[1] })
      stats.files++
      return { file: rel, ...result, ...(parsed === undefined ? {} : { parsed }) }
    },
    keyOf,
    body(key, source, body) {
      const found = cachedBody(key, source, body)
      if (found === undefined) stats.misses++
      else stats.bodies++
      return found
    },
    putBody(key, source, body, parsed) {
      const fresh = packTree(parsed.tree, source, body)
      if (fresh === undefined) {
        changed = true
        return parsed
      }
      return putPacked(key, source, body, fresh, parsed.diagnostics)
    },
    putPacked,
    putFile(rel, result) {
      changed = true
      const was = seen.get(rel)
      // Changed just before it was read: it may change again with the same size and mtime.
      const key = result.publication === undefined ? '' : keyOf(result.publication.body)
      if (was === undefined || startedAt - was[1] < RACY_MS) {
        if (key !== '') racyBodies.add(key)
        return
      }
      const { file: _file, parsed: _parsed, ...rest } = result
      if (key !== '' && !trees.has(key)) return
      files.set(rel, [was, key, rest])
    },
    save(disclosures) {
      const digests = new Map<CatalogItem, string>()
      for (const d of disclosures) {
        const rel = d.publication.source.file
        const entry = files.get(rel)
        if (entry === undefined || entry[2].publication?.id !== d.publication.id) continue
        let digest = digests.get(d.item)
        if (digest === undefined) digests.set(d.item, (digest = itemDigest(d.item)))
        if (entry[3]?.[0] === digest && entry[3][1] === d.revision) continue
        files.set(rel, [entry[0], entry[1], entry[2], [digest, d.revision]])
        changed = true
      }
      if (!changed && files.size === Object.keys(oldFiles).length) return
      const used = new Set([...files.values()].map((f) => f[1]).concat([...racyBodies]))
      if (!appendJournal(used)) writeWhole(used)
      try {
        removeOldParseCache(root)
        // Temporary files left by a process that died mid-write; fresh ones may be another writer's.
        for (const name of readdirSync(dir)) {
          if (!name.startsWith(`${FILE}.tmp-`) && !name.startsWith('catalog.json.tmp-')) continue
          const s = statSync(join(dir, name), { throwIfNoEntry: false })
          if (s !== undefined && Date.now() - s.mtimeMs > STALE_TEMP_MS) unlinkSync(join(dir, name))
        }
      } catch {
        // Left for next time.
      }
    },
  }

  /** Writes the whole file: the trees and files this load used, the journal folded in; never throws. */
  function writeWhole(used: ReadonlySet<string>): void {
    const parts: Buffer[] = []
    const stored: Record<string, StoredTree> = {}
    let at = 0
    for (const [key, t] of trees) {
      if (!used.has(key)) continue
      const bytes = isFresh(t) ? t.fresh : oldBytes().subarray(t[0], t[0] + t[1])
      // The old file was replaced meanwhile: its tree is left out, and its files are read again next time.
      if (bytes.length !== (isFresh(t) ? t.fresh.length : t[1])) continue
      const d = isFresh(t) ? t.d : t[3]
      // A tree kept from the last file keeps its sum: a wrong one is found when the tree is read.
      stored[key] = [at, bytes.length, isFresh(t) ? (t.sum ?? sha16(bytes)) : t[2], d]
      parts.push(bytes)
      at += bytes.length
    }
    const bodies: string[] = []
    let chars = 0
    const out: Record<string, StoredFile> = {}
    for (const [rel, entry] of files) {
      const p = entry[2].publication
      if (p === undefined || typeof p.body !== 'string') {
        out[rel] = entry
        continue
      }
      bodies.push(p.body)
      const publication = { ...p, body: [chars, p.body.length] as unknown as string }
      chars += p.body.length
      out[rel] = [entry[0], entry[1], { ...entry[2], publication }, ...(entry[3] === undefined ? [] : [entry[3]])] as unknown as StoredFile
    }
    try {
      const index = Buffer.from(JSON.stringify({ timezone, files: out, trees: stored } satisfies Index), 'utf16le')
      // Written into one buffer body by body: joined first, they were one more copy at the peak.
      const body = Buffer.allocUnsafe(chars * 2)
      let from = 0
      for (const b of bodies) from += body.write(b, from, 'utf16le')
      const head = Buffer.from(`${FORMAT} ${v} ${index.length} ${body.length} ${at} ${createHash('sha256').update(index).update(body).digest('hex').slice(0, 16)}\n`, 'latin1')
      mkdirSync(dir, { recursive: true })
      const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
      try {
        // Part by part: one buffer of the whole file was a hundred megabytes more at the peak of a cold load.
        const fd = openSync(temp, 'w')
        try {
          for (const part of [head, index, body, ...chunks(parts)]) writeAll(fd, part)
        } finally {
          closeSync(fd)
        }
        renameSync(temp, path)
        // It amended the file just replaced: no longer read (it names that file's first line), but space.
        rmSync(journalPath, { force: true })
      } catch {
        rmSync(temp, { force: true })
      }
    } catch {
      // A read-only folder, a full disk, another process's rename: the next load reads again.
    }
  }
}
