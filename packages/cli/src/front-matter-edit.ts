/**
 * Adding fields to a publication's front matter the way an operator would by hand: the `yaml`
 * Document finds where each node stands and renders the new ones, and only those bytes change.
 * Re-serialising the whole document would not do: it rewrites `[a, b]` as `[ a, b ]` in every
 * file (53 of the example's 53), so the git diff would show lines nobody changed. The body's
 * bytes, a BOM and CRLF line ends are kept; a file in another encoding is refused, not converted.
 */
import { ERRORS, GongkaiError } from '@gongkai/core'
import { decodeText } from '@gongkai/core/internal'
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node } from 'yaml'

/** One change to the front matter: set a new top-level key, or append an item to a list (created when absent). */
export type FrontMatterChange =
  { readonly kind: 'set'; readonly key: string; readonly value: Readonly<Record<string, string>> } | { readonly kind: 'append'; readonly key: string; readonly item: Readonly<Record<string, string>> }

const OPEN = /^---[ \t]*\r?\n/
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m

/** A mapping rendered on one line, in the `{ by: …, on: … }` form the example's `review` uses. */
function flowMap(value: Readonly<Record<string, string>>): string {
  const doc = new Document(value)
  if (isMap(doc.contents)) doc.contents.flow = true
  return doc.toString({ lineWidth: 0 }).trimEnd()
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

/** The bytes of `bytes` (a publication file named `file`) with `change` made to its front matter. */
export function editFrontMatter(bytes: Uint8Array, file: string, change: FrontMatterChange): Uint8Array {
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
  const yaml = rest.slice(0, close.index)
  const doc = parseDocument(yaml)
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw GongkaiError.from(ERRORS.EditUnreadable, file, '信息字段不是有效的 YAML')
  const eol = yaml.includes('\r\n') ? '\r\n' : '\n'
  const root = doc.contents
  const pair = root.items.find((p) => isScalar(p.key) && String(p.key.value) === change.key)
  const value = (pair?.value ?? null) as Node | null
  let from: number
  let to: number
  let insert: string
  if (change.kind === 'set' || pair === undefined || value === null || (isScalar(value) && value.value === null)) {
    if (pair !== undefined && change.kind === 'set') throw GongkaiError.from(ERRORS.EditUnreadable, file, `已有“${change.key}”字段`)
    const line = change.kind === 'set' ? `${change.key}: ${flowMap(change.value)}` : `${change.key}:${eol}  - ${flowMap(change.item)}`
    if (pair === undefined) {
      // A new key goes last, after any trailing comment: the fields above keep their lines.
      from = to = yaml.length
      insert = `${yaml.length === 0 || yaml.endsWith('\n') ? '' : eol}${line}${eol}`
    } else {
      // `corrections:` written empty: that line becomes the list.
      const start = (pair.key as Node).range?.[0] ?? 0
      const end = yaml.indexOf('\n', start)
      from = start
      to = end === -1 ? yaml.length : end + 1
      insert = `${line}${eol}`
    }
  } else if (isSeq(value) && !value.flow && value.items.length > 0 && value.range) {
    // Block list: the new item goes on a line of its own after the last, indented like the first.
    const first = value.items[0] as Node
    const dash = yaml.lastIndexOf('-', first.range?.[0] ?? value.range[0])
    const indent = yaml.slice(yaml.lastIndexOf('\n', dash) + 1, dash)
    const end = yaml.indexOf('\n', lastEnd(value))
    from = to = end === -1 ? yaml.length : end + 1
    insert = `${end === -1 ? eol : ''}${indent}- ${flowMap(change.item)}${eol}`
  } else if (isSeq(value) && value.range) {
    // A list on one line (`[…]`): only that list is written anew, with the item at its end.
    const items = value.toJSON()
    const list = new Document([...items, change.item])
    if (isSeq(list.contents)) {
      list.contents.flow = true
      for (const item of list.contents.items) if (isMap(item)) item.flow = true
    }
    from = value.range[0]
    to = value.range[1]
    insert = list.toString({ lineWidth: 0 }).trimEnd()
  } else {
    throw GongkaiError.from(ERRORS.EditUnreadable, file, `“${change.key}”不是列表`)
  }
  const start = bom + Buffer.byteLength(open[0]) + Buffer.byteLength(yaml.slice(0, from))
  const end = bom + Buffer.byteLength(open[0]) + Buffer.byteLength(yaml.slice(0, to))
  return Buffer.concat([buf.subarray(0, start), Buffer.from(insert.replace(/\r?\n/g, eol), 'utf8'), buf.subarray(end)])
}
