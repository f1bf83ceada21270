/**
 * The publication file of an imported document: front matter in the order the example keeps
 * (`id, item, title, kind, stage, formed, docNumber, attachments, imported`) and the Markdown body.
 * A re-import rewrites what the document says (title, 发文字号, 成文日期, attachments, body) and keeps
 * what the operator added (stage, tags, published, summary, comments…); a changed document loses
 * its `review`, since what was reviewed is no longer what is published.
 */
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { Attachment, ImportedFrom, Stage } from '@gongkai/core'

/** The fields an import writes. */
export interface ImportedFields {
  readonly id: string
  readonly item: string
  readonly title: string
  /** Only when the title is too long for WeChat. */
  readonly wechatTitle?: string
  readonly stage: Stage
  readonly formed: string
  readonly docNumber?: string
  readonly attachments: readonly Attachment[]
  readonly imported: ImportedFrom
}

function flowItems(doc: Document, attachments: readonly Attachment[]) {
  const node = doc.createNode(attachments.map((a) => ({ title: a.title, path: a.path })))
  if (isSeq(node)) for (const item of node.items) if (isMap(item)) item.flow = true
  return node
}

function flowMap(doc: Document, value: object) {
  const node = doc.createNode(value)
  if (isMap(node)) node.flow = true
  return node
}

const TO_STRING = { lineWidth: 0, flowCollectionPadding: true } as const

/** A new publication file: the comment says where it came from and that it waits for review. */
export function newPublicationText(fields: ImportedFields, body: string): string {
  const doc = new Document({})
  const note = ` 由 gongkai import-doc 从“${fields.imported.file}”导入。核对正文、通过保密审查后写上 review 才会发布。`
  doc.set('id', fields.id)
  doc.set('item', fields.item)
  doc.set('title', fields.title)
  if (fields.wechatTitle !== undefined) doc.set('wechatTitle', fields.wechatTitle)
  doc.set('kind', 'release')
  doc.set('stage', fields.stage)
  doc.set('formed', fields.formed)
  if (fields.docNumber !== undefined) doc.set('docNumber', fields.docNumber)
  if (fields.attachments.length > 0) doc.set('attachments', flowItems(doc, fields.attachments))
  doc.set('imported', flowMap(doc, fields.imported))
  // On the mapping, not the document: a document comment is set off by a blank line.
  if (isMap(doc.contents)) doc.contents.commentBefore = note
  return `---\n${doc.toString(TO_STRING)}---\n\n${body.endsWith('\n') ? body : `${body}\n`}`
}

/** One top-level field rendered as the example writes it: scalars plain, a mapping on one line, a list of mappings one a line. */
function renderField(key: string, value: unknown): string {
  const doc = new Document({ [key]: value })
  const node = isMap(doc.contents) ? doc.contents.items[0]?.value : undefined
  if (isMap(node)) node.flow = true
  if (isSeq(node)) for (const item of node.items) if (isMap(item)) item.flow = true
  return doc.toString(TO_STRING)
}

/** Where a top-level field's lines are in the YAML text: from its key's line start to the end of its value's last line. */
function fieldSpan(yaml: string, doc: Document.Parsed, key: string): [number, number] | undefined {
  if (!isMap(doc.contents)) return undefined
  const pair = doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
  if (pair === undefined || !isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) return undefined
  const start = yaml.lastIndexOf('\n', pair.key.range[0] - 1) + 1
  let end = pair.key.range[1]
  const value = pair.value as { range?: [number, number, number] | null; items?: unknown[] } | null
  if (value !== null && value.range !== undefined && value.range !== null) {
    end = value.range[1]
    // A block list's range runs on over the comments after it: end at its last item instead.
    if (isSeq(value) && !value.flow && value.items.length > 0) {
      const last = value.items[value.items.length - 1] as { range?: [number, number, number] | null }
      if (last.range !== undefined && last.range !== null) end = last.range[1]
    }
  }
  const nl = yaml.indexOf('\n', Math.max(start, end - 1))
  return [start, nl === -1 ? yaml.length : nl + 1]
}

/**
 * An existing publication file updated from a new version of its document; `item` only when the
 * operator named one again. Only the lines of the fields the document gives change: the operator's
 * other fields, their layout and comments stay byte for byte. Throws when the file has no
 * readable front matter (the caller reports).
 */
export function updatedPublicationText(existing: string, fields: Omit<ImportedFields, 'id' | 'stage' | 'item'> & { readonly item?: string; readonly body: string }): string {
  const text = existing.charCodeAt(0) === 0xfeff ? existing.slice(1) : existing
  const open = /^---[ \t]*\r?\n/.exec(text)
  const rest = open === null ? undefined : text.slice(open[0].length)
  const close = rest === undefined ? null : /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest)
  if (rest === undefined || close === null) throw new GongkaiError(ERRORS.ImportDocFrontMatter, '文件开头没有用“---”括起来的信息字段')
  let yaml = rest.slice(0, close.index).replace(/\r\n/g, '\n')
  if (yaml !== '' && !yaml.endsWith('\n')) yaml += '\n'
  const changes: [string, unknown][] = [
    ...(fields.item === undefined ? [] : [['item', fields.item] as [string, unknown]]),
    ['title', fields.title],
    ...(fields.wechatTitle === undefined ? [] : [['wechatTitle', fields.wechatTitle] as [string, unknown]]),
    ['formed', fields.formed],
    ['docNumber', fields.docNumber],
    ['attachments', fields.attachments.length === 0 ? undefined : fields.attachments.map((a) => ({ title: a.title, path: a.path }))],
    // What was reviewed is not what would now be published.
    ['review', undefined],
    ['imported', { file: fields.imported.file, sha256: fields.imported.sha256 }],
  ]
  for (const [key, value] of changes) {
    const doc = parseDocument(yaml)
    if (doc.errors.length > 0 || !isMap(doc.contents)) throw new GongkaiError(ERRORS.ImportDocFrontMatter, '信息字段不是有效的 YAML')
    const span = fieldSpan(yaml, doc, key)
    const line = value === undefined ? '' : renderField(key, value)
    if (span !== undefined) yaml = yaml.slice(0, span[0]) + line + yaml.slice(span[1])
    else if (line !== '') yaml += line
  }
  return `---\n${yaml}---\n\n${fields.body.endsWith('\n') ? fields.body : `${fields.body}\n`}`
}
