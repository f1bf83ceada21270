/** Builds the Disclosure every channel receives: item, publication, the parsed tree, links, revision. */
import { createHash } from 'node:crypto'
import { stringify } from 'yaml'
import { Catalog } from './catalog/catalog.js'
import type { Diagnostic } from './diagnostics.js'
import { DisclosureError, OptionsError, errorMessage } from './diagnostics.js'
import { ERRORS } from './errors-data.js'
import { parseBody, toPlainText } from './markdown.js'
import type { CatalogItem, Disclosure, DisclosureLinks, Publication } from './model.js'
import { readPublication } from './project/read-publication.js'
import type { Root } from 'mdast'

/** A stable content hash (16 hex digits) of everything that shapes a publication's output. */
export function revisionOf(item: CatalogItem, publication: Publication): string {
  const { source: _source, ...pub } = publication
  return createHash('sha256').update(stableJson({ item, pub })).digest('hex').slice(0, 16)
}

/** A digest of a catalog item, for revisions computed before: the same digest, the same item. */
export function itemDigest(item: CatalogItem): string {
  return createHash('sha256').update(stableJson(item)).digest('hex').slice(0, 16)
}

/**
 * `JSON.stringify` with every object's keys sorted, byte for byte what
 * `JSON.stringify(v, (k, x) => plainObject(x) ? Object.fromEntries(Object.entries(x).sort()) : x)`
 * gives (revisions already in ledgers depend on it), written out by hand: the replacer form
 * rebuilds every object and cost a tenth of a cached load.
 */
export function stableJson(value: unknown): string {
  return stringifyValue(value) ?? 'undefined'
}

const INDEX = /^(?:0|[1-9]\d{0,9})$/

function stringifyValue(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON('')
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return JSON.stringify(value)
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
    case 'object':
      // null, arrays and objects: below.
      break
  }
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.map((v: unknown) => stringifyValue(v) ?? 'null').join(',')}]`
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  // Object.fromEntries puts integer-like keys first, in numeric order, whatever order they came in.
  const indices = keys.filter((k) => INDEX.test(k) && Number(k) < 4294967295)
  const ordered = indices.length === 0 ? keys : [...indices.sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !indices.includes(k))]
  const parts: string[] = []
  for (const k of ordered) {
    const v = stringifyValue((value as Record<string, unknown>)[k])
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`)
  }
  return `{${parts.join(',')}}`
}

/** Where 索引号 serials come from: the next unused serial of a year (`'2026'`), 1 to 99999. */
export type IndexSerial = (year: string) => number

/**
 * A serial source for 索引号 that counts each year on from `last` (the last serial already used,
 * by year): one per caller, shared by every `createDisclosure` call, so no number is given twice.
 * > **Note**: make one per issuing body and keep it (or persist its numbers and pass them back as
 * > `last` after a restart): two numberings started afresh both begin at 00001.
 */
export function createIndexNumbering(last: Readonly<Record<string, number>> = {}): IndexSerial {
  const used = new Map(Object.entries(last))
  return (year) => {
    const next = (used.get(year) ?? 0) + 1
    used.set(year, next)
    return next
  }
}

/** Options for `createDisclosures`. */
export interface CreateDisclosuresOptions {
  /**
   * 组织机构代码 for 索引号: the 9 characters (digits and capital letters) of the 统一社会信用代码's
   * organisation part. Required unless every publication pins `indexNo`.
   */
  readonly orgCode?: string
  /**
   * Serials for publications without `indexNo`, in formation-date then id order. Without it the
   * serial counts the year's publications handed in (a project hands in all of them).
   */
  readonly serial?: IndexSerial
  /** Bodies already parsed (e.g. in worker threads), by publication id; the others are parsed here. */
  readonly parsed?: ReadonlyMap<string, { readonly tree: Root; readonly diagnostics: readonly Diagnostic[] }>
  /**
   * Revisions computed before (the load cache's), by `source.file`, each with the `itemDigest` of
   * the item it was computed with: used while the item is the same, since the file is.
   */
  readonly revisions?: ReadonlyMap<string, { readonly item: string; readonly revision: string }>
}

/** Options for `createDisclosure`: as for `createDisclosures`, and `serial` is required unless the publication pins `indexNo`. */
export type CreateDisclosureOptions = Omit<CreateDisclosuresOptions, 'parsed' | 'revisions'>

const ORG_CODE = /^[0-9A-Z]{9}$/
const MAX_SERIAL = 99_999

/** The front-matter fields a publication file may carry: the loader checks exactly these. */
function frontMatterOf(publication: Publication): Record<string, unknown> {
  const { body: _body, source: _source, ...fields } = publication
  return fields
}

/**
 * Checks a publication built in memory with the loader's own field checks (dates that exist,
 * kinds, review, notice period, paths, unknown fields), by reading it as the front matter of a
 * file. The places point into that file, which the caller never saw, so only the file is kept.
 */
function checkFields(publication: Publication): Diagnostic[] {
  const file = publication.source.file
  const text = `---\n${stringify(frontMatterOf(publication), { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}---\n`
  return readPublication({ file, text }, { parse: false }).diagnostics.map(({ line: _line, column: _column, ...d }) => d)
}

/**
 * Parses every publication once and links releases with their interpretations and responses.
 * Publications whose item is unknown, or (when built in memory, without `source.fields`) whose
 * fields fail the loader's checks, are left out and reported. 索引号: `orgCode/year-serial`
 * unless the publication pins `indexNo`; see `CreateDisclosuresOptions.serial`.
 * Throws `OptionsError` when a 索引号 is needed and `orgCode` is missing, or `serial` gives a bad number.
 */
export function createDisclosures(catalog: Catalog, publications: readonly Publication[], options: CreateDisclosuresOptions = {}): { disclosures: Disclosure[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const rejected = new Set<string>()
  for (const p of publications) {
    // Loaded files carry `fields` and were checked by the loader already.
    if (p.source.fields !== undefined) continue
    const found = checkFields(p)
    diagnostics.push(...found)
    if (found.some((d) => d.severity === 'error')) rejected.add(p.id)
  }
  const numbered = publications.filter((p) => p.indexNo === undefined && !rejected.has(p.id))
  const orgCode = options.orgCode
  if (numbered.length > 0 && (orgCode === undefined || orgCode === '')) {
    throw OptionsError.from(ERRORS.DisclosureNoOrgCode, numbered[0]?.id ?? '')
  }
  if (numbered.length > 0 && orgCode !== undefined && !ORG_CODE.test(orgCode)) {
    diagnostics.push({ code: ERRORS.DisclosureBadOrgCode.code, severity: 'error', message: errorMessage(ERRORS.DisclosureBadOrgCode, orgCode), hint: ERRORS.DisclosureBadOrgCode.hint })
  }
  const byId = new Map(publications.map((p) => [p.id, p]))
  const interpretations = new Map<string, Publication[]>()
  const responses = new Map<string, Publication[]>()
  for (const p of publications) {
    if (p.of === undefined) continue
    const bucket = p.kind === 'interpretation' ? interpretations : p.kind === 'response' ? responses : undefined
    if (bucket === undefined) continue
    const list = bucket.get(p.of) ?? []
    list.push(p)
    bucket.set(p.of, list)
  }
  const serials = new Map<string, number>()
  const byYear = new Map<string, Publication[]>()
  for (const p of publications) {
    if (rejected.has(p.id)) continue
    const year = p.formed.slice(0, 4)
    const list = byYear.get(year) ?? []
    list.push(p)
    byYear.set(year, list)
  }
  for (const list of byYear.values()) {
    list.sort((a, b) => a.formed.localeCompare(b.formed) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    list.forEach((p, i) => serials.set(p.id, i + 1))
  }
  if (options.serial !== undefined) {
    // The caller's source numbers only the publications that need a number, in the same order.
    serials.clear()
    const order = [...numbered].sort((a, b) => a.formed.localeCompare(b.formed) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    for (const p of order) {
      const year = p.formed.slice(0, 4)
      const n = options.serial(year)
      if (!Number.isInteger(n) || n < 1 || n > MAX_SERIAL) throw OptionsError.from(ERRORS.DisclosureBadSerial, year, String(n))
      serials.set(p.id, n)
    }
  }

  const digests = new Map<CatalogItem, string>()
  const revision = (item: CatalogItem, publication: Publication): string => {
    const known = options.revisions?.get(publication.source.file)
    if (known === undefined) return revisionOf(item, publication)
    let digest = digests.get(item)
    if (digest === undefined) digests.set(item, (digest = itemDigest(item)))
    return known.item === digest ? known.revision : revisionOf(item, publication)
  }
  const disclosures: Disclosure[] = []
  for (const publication of publications) {
    if (rejected.has(publication.id)) continue
    const item = catalog.get(publication.item)
    if (item === undefined) {
      diagnostics.push({
        code: 'publication/unknown-item',
        severity: 'error',
        message: `事项编码“${publication.item}”不在标准目录中`,
        hint: '请检查 item 字段，或先在 catalog.yaml 中添加该事项',
        file: publication.source.file,
        subject: publication.id,
      })
      continue
    }
    const parsed = options.parsed?.get(publication.id) ?? parseBody(publication.body, publication.source)
    const found = parsed.diagnostics
    diagnostics.push(...found.map((d) => ({ ...d, subject: publication.id })))
    // A body the parse refused (nested too deep) is reported and not published; the others go on.
    if (found.some((d) => d.severity === 'error')) continue
    const twice = attachmentsListedTwice(publication, parsed)
    if (twice !== undefined) diagnostics.push(twice)
    const release = publication.of === undefined ? undefined : byId.get(publication.of)
    const links: DisclosureLinks = {
      ...(release === undefined ? {} : { release }),
      interpretations: interpretations.get(publication.id) ?? [],
      responses: responses.get(publication.id) ?? [],
    }
    const serial = String(serials.get(publication.id) ?? 0).padStart(5, '0')
    const disclosure: Disclosure = {
      item,
      publication,
      tree: lazy(parsed) ? (undefined as unknown as Root) : parsed.tree,
      links,
      revision: revision(item, publication),
      indexNo: publication.indexNo ?? `${orgCode}/${publication.formed.slice(0, 4)}-${serial}`,
    }
    if (lazy(parsed)) passOnLazyTree(disclosure, parsed)
    disclosures.push(disclosure)
  }
  return { disclosures, diagnostics }
}

/** True when the tree is still to be read (the load cache's): it is then not read here. */
function lazy(parsed: { readonly tree: Root }): boolean {
  return Object.getOwnPropertyDescriptor(parsed, 'tree')?.get !== undefined
}

/**
 * Makes `disclosure.tree` the parsed tree, read on use, in its place among the keys. The parse
 * decides how long a read tree is kept (the load cache keeps only the last few): a disclosure
 * that kept its own would hold every tree of the build.
 */
function passOnLazyTree(disclosure: Disclosure, parsed: { readonly tree: Root }): void {
  Object.defineProperty(disclosure, 'tree', {
    enumerable: true,
    configurable: true,
    get() {
      return parsed.tree
    },
    set(tree: Root) {
      Object.defineProperty(disclosure, 'tree', { value: tree, enumerable: true, configurable: true, writable: true })
    },
  })
}

/** 附件 or 附件1 followed by a colon: how a document introduces its attachments. */
const ATTACHMENT_NOTE = /^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]/

/**
 * A body that ends with its own 附件说明 while `attachments` lists the files: every channel prints
 * the list from `attachments`, so the sheet, the page and the article would show it twice.
 */
function attachmentsListedTwice(publication: Publication, parsed: { readonly tree: Root }): Diagnostic | undefined {
  if (publication.attachments.length === 0) return undefined
  const blocks = parsed.tree.children.filter((n) => n.type !== 'footnoteDefinition' && n.type !== 'definition')
  const last = blocks.at(-1)
  if (last?.type !== 'paragraph' || !ATTACHMENT_NOTE.test(toPlainText(last).trim())) return undefined
  const start = last.position?.start
  return {
    code: 'publication/attachments-twice',
    severity: 'warning',
    message: '正文最后一段是附件说明，而 attachments 中已列出附件：各渠道会根据 attachments 自动列出附件，这段会重复出现',
    hint: '请删去正文中的“附件：……”一段，只在 attachments 中列出附件',
    file: publication.source.file,
    ...(start === undefined ? {} : { line: start.line, column: start.column }),
    subject: publication.id,
  }
}

/**
 * One disclosure from an item and a publication held in memory (no project folder), for
 * developers who embed the library, checked as the loader checks a file. Returns it with its
 * warnings (raw HTML dropped, unsafe links emptied…); throws `DisclosureError` listing every
 * diagnostic when any is an error, and `OptionsError` when neither `indexNo` nor `orgCode` and
 * `serial` are given.
 */
export function createDisclosure(
  item: CatalogItem,
  publication: Omit<Publication, 'source' | 'attachments' | 'tags'> & Partial<Pick<Publication, 'source' | 'attachments' | 'tags'>>,
  options: CreateDisclosureOptions = {},
): { disclosure: Disclosure; diagnostics: Diagnostic[] } {
  const full: Publication = {
    attachments: [],
    tags: [],
    source: { file: `<memory:${publication.id}>`, bodyLine: 1 },
    ...publication,
  }
  // Alone, the call cannot count: two calls would both give serial 1.
  if (full.indexNo === undefined && options.serial === undefined) throw OptionsError.from(ERRORS.DisclosureNoSerial, full.id)
  const { disclosures, diagnostics } = createDisclosures(new Catalog([item]), [full], options)
  const first = disclosures[0]
  if (first === undefined || diagnostics.some((d) => d.severity === 'error')) throw new DisclosureError(diagnostics)
  return { disclosure: first, diagnostics }
}
