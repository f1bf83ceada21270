/**
 * Adding fields to a publication's front matter the way an operator would by hand: the `yaml`
 * Document finds where each node stands and renders the new ones, and only those bytes change.
 * Re-serialising the whole document would not do: it rewrites `[a, b]` as `[ a, b ]` in every
 * file (53 of the example's 53), so the git diff would show lines nobody changed. The body's
 * bytes, a BOM and CRLF line ends are kept; a file in another encoding is refused, not converted.
 * The CLI (withdraw, correct, user add) and the console (review) both write files through here.
 */
import { GongkaiError } from '../diagnostics.js'
import { ERRORS } from '../errors-data.js'
import { decodeText } from './decode-text.js'
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node } from 'yaml'

/** A value written by an edit: text, a list of texts, or a mapping of them (always rendered on one line). */
type Value = string | readonly string[] | { readonly [key: string]: Value }

/**
 * One change to the front matter: set a new top-level key, append an item to a list (created when
 * absent), add `sub` to the mapping at `key` (`review: { 初审: … }` gains `复审: …`; created when absent),
 * or `replace` a top-level text or list of texts (added when absent, its lines removed when undefined).
 */
export type FrontMatterChange =
  | { readonly kind: 'set'; readonly key: string; readonly value: Readonly<Record<string, Value>> }
  | { readonly kind: 'append'; readonly key: string; readonly item: Readonly<Record<string, Value>> }
  | { readonly kind: 'setIn'; readonly key: string; readonly sub: string; readonly value: Readonly<Record<string, Value>> }
  | { readonly kind: 'replace'; readonly key: string; readonly value: string | readonly string[] | undefined }

const OPEN = /^---[ \t]*\r?\n/
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m

/** One scalar as YAML writes it inside a flow collection (quoted when a comma or bracket would break it). */
function flowScalar(value: unknown): string {
  const doc = new Document([value])
  if (isSeq(doc.contents)) doc.contents.flow = true
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().slice(1, -1)
}

/**
 * A value rendered on one line in the files' own style: mappings padded, `{ by: …, on: … }`, as
 * the example's `review` is written, and lists of texts tight, `[a, b]`, as its `tags` are.
 */
function flowMap(value: unknown): string {
  // A list of mappings keeps the spaced form YAML writes (`[ { … }, { … } ]`), as files already hold it.
  if (Array.isArray(value)) return value.some((v) => v !== null && typeof v === 'object') ? `[ ${value.map(flowMap).join(', ')} ]` : `[${value.map(flowMap).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${flowScalar(k)}: ${flowMap(v)}`).join(', ')} }`
  }
  return flowScalar(value)
}

/** Where the last value inside `node` ends: a block collection's own range runs on over the comments after it. */
function lastEnd(node: Node): number {
  if ((isSeq(node) || isMap(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1]
    const inner = (isMap(node) ? ((last as { value?: unknown; key?: unknown }).value ?? (last as { key?: unknown }).key) : last) as Node | null | undefined
    if (inner !== null && inner !== undefined && typeof inner === 'object' && 'range' in inner) return lastEnd(inner)
  }
  return node.range?.[1] ?? 0
}

/** Where `change` goes in the YAML text `yaml`: replace `yaml.slice(from, to)` with `insert`. */
function planEdit(yaml: string, file: string, change: FrontMatterChange): { from: number; to: number; insert: string } {
  const doc = parseDocument(yaml)
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw GongkaiError.from(ERRORS.EditUnreadable, file, '信息字段不是有效的 YAML')
  const eol = yaml.includes('\r\n') ? '\r\n' : '\n'
  const root = doc.contents
  const pair = root.items.find((p) => isScalar(p.key) && String(p.key.value) === change.key)
  const value = (pair?.value ?? null) as Node | null
  if (change.kind === 'replace') return planReplace(yaml, change, pair?.key, value, eol)
  const empty = pair === undefined || value === null || (isScalar(value) && value.value === null)
  if (change.kind === 'setIn' && !empty) return planSetIn(yaml, file, change, value, eol)
  if (change.kind === 'set' || change.kind === 'setIn' || empty) {
    if (pair !== undefined && change.kind === 'set') throw GongkaiError.from(ERRORS.EditUnreadable, file, `已有“${change.key}”字段`)
    const line =
      change.kind === 'set'
        ? `${change.key}: ${flowMap(change.value)}`
        : change.kind === 'setIn'
          ? `${change.key}: ${flowMap({ [change.sub]: change.value })}`
          : `${change.key}:${eol}  - ${flowMap(change.item)}`
    if (pair === undefined) {
      // A new key goes last, after any trailing comment: the fields above keep their lines.
      return { from: yaml.length, to: yaml.length, insert: `${yaml.length === 0 || yaml.endsWith('\n') ? '' : eol}${line}${eol}` }
    }
    // `corrections:` written empty: that line becomes the list.
    const start = (pair.key as Node).range?.[0] ?? 0
    const end = yaml.indexOf('\n', start)
    return { from: start, to: end === -1 ? yaml.length : end + 1, insert: `${line}${eol}` }
  }
  if (value === null) throw GongkaiError.from(ERRORS.EditUnreadable, file, `“${change.key}”不是列表`)
  if (isSeq(value) && !value.flow && value.items.length > 0 && value.range) {
    // Block list: the new item goes on a line of its own after the last, indented like the first.
    const first = value.items[0] as Node
    const dash = yaml.lastIndexOf('-', first.range?.[0] ?? value.range[0])
    const indent = yaml.slice(yaml.lastIndexOf('\n', dash) + 1, dash)
    const end = yaml.indexOf('\n', lastEnd(value))
    const at = end === -1 ? yaml.length : end + 1
    return { from: at, to: at, insert: `${end === -1 ? eol : ''}${indent}- ${flowMap(change.item)}${eol}` }
  }
  if (isSeq(value) && value.range) {
    // A list on one line (`[…]`): only that list is written anew, with the item at its end.
    return { from: value.range[0], to: value.range[1], insert: flowMap([...value.toJSON(), change.item]) }
  }
  throw GongkaiError.from(ERRORS.EditUnreadable, file, `“${change.key}”不是列表`)
}

/** `sub` added to the mapping `value` at `change.key`: a line of its own in a block mapping, or the one-line mapping written anew. */
function planSetIn(yaml: string, file: string, change: FrontMatterChange & { kind: 'setIn' }, value: Node, eol: string): { from: number; to: number; insert: string } {
  if (!isMap(value) || !value.range) throw GongkaiError.from(ERRORS.EditUnreadable, file, `“${change.key}”不是“字段: 值”的形式`)
  if (value.items.some((p) => isScalar(p.key) && String(p.key.value) === change.sub)) throw GongkaiError.from(ERRORS.EditUnreadable, file, `已有“${change.key}.${change.sub}”`)
  if (value.flow || value.items.length === 0) {
    return { from: value.range[0], to: value.range[1], insert: flowMap({ ...(value.toJSON() as Record<string, unknown>), [change.sub]: change.value }) }
  }
  const firstKey = value.items[0]?.key as Node | undefined
  const keyStart = firstKey?.range?.[0] ?? value.range[0]
  const indent = yaml.slice(yaml.lastIndexOf('\n', keyStart) + 1, keyStart)
  const end = yaml.indexOf('\n', lastEnd(value))
  const at = end === -1 ? yaml.length : end + 1
  return {
    from: at,
    to: at,
    insert: `${end === -1 ? eol : ''}${indent}${flowMap({ [change.sub]: change.value })
      .slice(1, -1)
      .trim()}${eol}`,
  }
}

/** Where a line starts and where the line holding `at` ends (after its line break). */
function lineStart(yaml: string, at: number): number {
  return yaml.lastIndexOf('\n', at - 1) + 1
}
function lineEnd(yaml: string, at: number): number {
  const end = yaml.indexOf('\n', Math.max(at - 1, 0))
  return end === -1 ? yaml.length : end + 1
}

/** A text with line breaks as a block literal under `key` (`summary: |-` and the lines indented two spaces). */
function blockText(key: string, value: string, eol: string): string {
  const chomp = value.endsWith('\n') ? '' : '-'
  const lines = value.replace(/\n$/, '').split('\n')
  return `${key}: |${chomp}${eol}${lines.map((l) => (l === '' ? '' : `  ${l}`)).join(eol)}${eol}`
}

/**
 * A top-level field written anew (`replace`): a scalar or a one-line list is replaced where it
 * stands, so a comment after it on its line stays; a block value (a `|` text, an indented list)
 * is written anew from its key's line; undefined removes the field's lines.
 */
function planReplace(yaml: string, change: FrontMatterChange & { kind: 'replace' }, key: Node | undefined, value: Node | null, eol: string): { from: number; to: number; insert: string } {
  const multiline = typeof change.value === 'string' && change.value.includes('\n')
  const rendered = change.value === undefined ? '' : multiline ? '' : flowMap(change.value)
  if (key === undefined) {
    if (change.value === undefined) return { from: 0, to: 0, insert: '' }
    const line = multiline ? blockText(change.key, change.value, eol) : `${change.key}: ${rendered}${eol}`
    return { from: yaml.length, to: yaml.length, insert: `${yaml.length === 0 || yaml.endsWith('\n') ? '' : eol}${line}` }
  }
  const start = lineStart(yaml, key.range?.[0] ?? 0)
  const end = lineEnd(yaml, value === null ? (key.range?.[1] ?? 0) : lastEnd(value))
  if (change.value === undefined) return { from: start, to: end, insert: '' }
  const block = value !== null && ((isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED')) || ((isSeq(value) || isMap(value)) && !value.flow))
  if (!multiline && !block && value !== null && value.range && !(isScalar(value) && value.value === null)) return { from: value.range[0], to: value.range[1], insert: rendered }
  return { from: start, to: end, insert: multiline ? blockText(change.key, change.value, eol) : `${change.key}: ${rendered}${eol}` }
}

/** The YAML text `yaml` (a whole file such as gongkai.config.yaml, named `file`) with `change` made. */
export function editYamlText(yaml: string, file: string, change: FrontMatterChange): string {
  const { from, to, insert } = planEdit(yaml, file, change)
  const eol = yaml.includes('\r\n') ? '\r\n' : '\n'
  return yaml.slice(0, from) + insert.replace(/\r?\n/g, eol) + yaml.slice(to)
}

/** A UTF-8 publication file split at its front matter; any other encoding, or no `---` block, is refused. */
interface SplitFile {
  readonly buf: Buffer
  /** Bytes before the opening `---` line: 3 for a BOM, else 0. */
  readonly bom: number
  readonly text: string
  readonly open: RegExpExecArray
  /** The text after the opening line. */
  readonly rest: string
  /** The closing `---` line, matched in `rest`. */
  readonly close: RegExpExecArray
}

function splitFile(bytes: Uint8Array, file: string): SplitFile {
  const decoded = decodeText(bytes, file)
  if (decoded.text === undefined) throw GongkaiError.from(ERRORS.EditUnreadable, file, decoded.diagnostics[0]?.message ?? '无法识别文件的编码')
  if (decoded.encoding !== 'UTF-8') throw GongkaiError.from(ERRORS.EditLegacyEncoding, file, decoded.encoding === 'GB18030' ? 'GBK/GB18030' : (decoded.encoding ?? '未知'))
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  const text = decoded.text
  const open = OPEN.exec(text)
  const rest = open === null ? undefined : text.slice(open[0].length)
  const close = rest === undefined ? null : CLOSE.exec(rest)
  if (open === null || rest === undefined || close === null) throw GongkaiError.from(ERRORS.EditUnreadable, file, '文件开头没有用“---”括起来的信息字段')
  return { buf, bom, text, open, rest, close }
}

/** The bytes of `bytes` (a publication file named `file`) with `change` made to its front matter. */
export function editFrontMatter(bytes: Uint8Array, file: string, change: FrontMatterChange): Uint8Array {
  const { buf, bom, open, rest, close } = splitFile(bytes, file)
  const yaml = rest.slice(0, close.index)
  const eol = yaml.includes('\r\n') ? '\r\n' : '\n'
  const { from, to, insert } = planEdit(yaml, file, change)
  const start = bom + Buffer.byteLength(open[0]) + Buffer.byteLength(yaml.slice(0, from))
  const end = bom + Buffer.byteLength(open[0]) + Buffer.byteLength(yaml.slice(0, to))
  return Buffer.concat([buf.subarray(0, start), Buffer.from(insert.replace(/\r?\n/g, eol), 'utf8'), buf.subarray(end)])
}

/** What `editPublication` does to a publication file: front-matter changes in order, and a new body when given. */
export interface PublicationEdit {
  readonly changes: readonly FrontMatterChange[]
  /** The Markdown after the closing `---` line, with `\n` line breaks (written with the file's own). */
  readonly body?: string
}

/**
 * The bytes of a publication file with several front-matter changes and, when given, a new body:
 * every byte no change touches stays (BOM, CRLF, comments, the closing line). The console's edit
 * form saves through here; a file in another encoding is refused as `editFrontMatter` refuses it.
 */
export function editPublication(bytes: Uint8Array, file: string, edit: PublicationEdit): Uint8Array {
  const { buf, bom, text, open, rest, close } = splitFile(bytes, file)
  const original = rest.slice(0, close.index)
  let yaml = original
  for (const change of edit.changes) yaml = editYamlText(yaml, file, change)
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const head = buf.subarray(0, bom + Buffer.byteLength(open[0]))
  const closeLine = close[0].endsWith('\n') ? close[0] : `${close[0]}${eol}`
  const tail =
    edit.body === undefined ? buf.subarray(bom + Buffer.byteLength(open[0]) + Buffer.byteLength(original)) : Buffer.from(closeLine + edit.body.replace(/\r\n?/g, '\n').replace(/\n/g, eol), 'utf8')
  return Buffer.concat([head, Buffer.from(yaml, 'utf8'), tail])
}
