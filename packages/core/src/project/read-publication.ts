/**
 * One publication file (front matter + Markdown body) → Publication, with every problem of the
 * file itself reported at its line and column. Cross-file checks are in validate.ts.
 */
import type { Root } from 'mdast'
import { isMap, isScalar } from 'yaml'
import type { Node } from 'yaml'
import type { Diagnostic } from '../diagnostics.js'
import { parseBody } from '../markdown.js'
import type { Attachment, Publication, PublicationKind, ReviewSignoff, Stage } from '../model.js'
import { normalizeDateTime } from './date-time.js'
import { Fields } from './fields.js'
import { LIFECYCLE_FIELDS, readLifecycle } from './read-lifecycle.js'
import { MAX_NAME_LENGTH, controlCharAt, unsafePathReason, unsafeReason } from './safe-name.js'
import { YamlSource } from './yaml-source.js'
import type { Position, SourceFile } from './yaml-source.js'

const FIELDS = [
  'id',
  'item',
  'title',
  'wechatTitle',
  'kind',
  'of',
  'stage',
  'formed',
  'written',
  'published',
  'publishAt',
  'noticePeriod',
  'review',
  'docNumber',
  'indexNo',
  'summary',
  'cover',
  'tags',
  'attachments',
  'imported',
  ...LIFECYCLE_FIELDS,
] as const

/** Accepted spellings of 发布/解读/回应 and of the five stages, Chinese included. */
export const KINDS: Readonly<Record<string, PublicationKind>> = {
  release: 'release',
  interpretation: 'interpretation',
  response: 'response',
  发布: 'release',
  解读: 'interpretation',
  政策解读: 'interpretation',
  回应: 'response',
  回应关切: 'response',
}
export const STAGES: Readonly<Record<string, Stage>> = {
  decision: 'decision',
  execution: 'execution',
  management: 'management',
  service: 'service',
  result: 'result',
  决策: 'decision',
  执行: 'execution',
  管理: 'management',
  服务: 'service',
  结果: 'result',
}

/** What one publication file gave. */
export interface PublicationFileResult {
  readonly file: string
  /** Absent when a required field is missing or broken (the file is reported, never delivered). */
  readonly publication?: Publication
  /** The body parsed once, when `parse` was asked and the publication was read. */
  readonly parsed?: { readonly tree: Root; readonly diagnostics: Diagnostic[] }
  readonly diagnostics: Diagnostic[]
  /**
   * When the file could not be read whole: its `item` value and place, so the cross-file check
   * (is the item in the catalog?) still runs and every problem is reported in one pass.
   */
  readonly partialItem?: { readonly value: string; readonly line?: number; readonly column?: number }
  /** Likewise its `of` value and place, so that the release it names is still looked for. */
  readonly partialOf?: { readonly value: string; readonly line?: number; readonly column?: number }
}

/** Options for `readPublication`. */
export interface ReadPublicationOptions {
  /** IANA timezone for `publishAt` written without an offset; default `Asia/Shanghai`. */
  readonly timezone?: string
  /** Also parse the Markdown body (once); default true. */
  readonly parse?: boolean
}

/** Splits front matter from body. `yamlLine`: the file line of the first YAML line. */
export function splitFrontMatter(text: string): { yaml: string; yamlLine: number; body: string; bodyLine: number } | undefined {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const open = /^---[ \t]*\r?\n/.exec(s)
  if (open === null) return undefined
  const rest = s.slice(open[0].length)
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest)
  if (close === null) return undefined
  const yaml = rest.slice(0, close.index)
  const linesBefore = (str: string) => {
    let n = 0
    for (let i = str.indexOf('\n'); i !== -1; i = str.indexOf('\n', i + 1)) n++
    return n
  }
  const yamlLines = linesBefore(yaml)
  return { yaml, yamlLine: 2, body: rest.slice(close.index + close[0].length), bodyLine: 2 + yamlLines + 1 }
}

/** Reads one publication file; never throws. */
export function readPublication(source: SourceFile, options: ReadPublicationOptions = {}): PublicationFileResult {
  const { file, text } = source
  const diagnostics: Diagnostic[] = []
  const split = splitFrontMatter(text)
  if (split === undefined) {
    diagnostics.push({
      code: 'publication/no-front-matter',
      severity: 'error',
      message: '文件开头没有用“---”括起来的信息字段（front matter）',
      hint: '第一行写“---”，接着写 id、item、title 等字段，再写一行“---”，然后是正文',
      file,
      line: 1,
      column: 1,
    })
    return { file, diagnostics }
  }
  const src = new YamlSource(file, split.yaml, diagnostics, split.yamlLine - 1)
  if (src.broken) return { file, diagnostics }
  const root = src.rootMap('publication/bad-type', '信息字段（front matter）')
  if (root === undefined) return { file, diagnostics }
  const idNode = root.get('id', true) as Node | undefined
  const id0 = idNode === undefined ? undefined : src.sourceOf(idNode)
  const f = new Fields(src, root, 'publication', id0 === undefined ? '公开信息' : `公开信息“${id0}”`, id0)
  f.unknown(FIELDS)

  let ok = true
  const need = <T>(v: T | undefined): T | undefined => {
    if (v === undefined) ok = false
    return v
  }
  const safe = (key: 'id' | 'item', label: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined
    const why = unsafeReason(value)
    if (why === undefined) return value
    // eslint-disable-next-line no-control-regex -- we look for control characters on purpose
    const shown = value.length > MAX_NAME_LENGTH ? `${value.slice(0, 20)}…` : value.replace(/[\u0000-\u001f\u007f]/g, '�')
    const hint =
      value.length > MAX_NAME_LENGTH
        ? `${label}会成为文件名和网址的一部分，请缩短到 ${MAX_NAME_LENGTH} 个字符以内，例如 2026-xzcf-007`
        : '只用字母、数字、连字符（-）和下划线（_），并以字母或数字开头，例如 2026-xzcf-007'
    f.report(f.at(key), 'unsafe-id', `${label}“${shown}”不能用作文件名：${why}`, hint)
    ok = false
    return undefined
  }
  const id = need(safe('id', 'id', f.string('id', '编号', true, 'name')))
  const item = need(safe('item', '事项编码', f.string('item', '事项编码', true, 'name')))
  const title = need(f.string('title', '标题', true))
  const wechatTitle = f.string('wechatTitle', '微信标题')
  const kind = need(f.choice('kind', '类型', KINDS, true))
  const of = f.string('of', '所属发布', false, 'name')
  const stage = need(f.choice('stage', '五公开阶段', STAGES, true))
  const formed = need(f.date('formed', '信息形成日期', true))
  const written = f.date('written', '成文日期')
  const published = f.date('published', '发布日期')
  let publishAt: string | undefined
  const publishAtText = f.string('publishAt', '定时发布时间')
  if (publishAtText !== undefined) {
    publishAt = normalizeDateTime(publishAtText, options.timezone ?? 'Asia/Shanghai')
    if (publishAt === undefined) {
      f.report(f.at('publishAt'), 'bad-date', `${f.what}的定时发布时间“${publishAtText}”不是真实存在的时间`, '写作 2026-11-24T09:00:00+08:00 或 2026-11-24 09:00（按项目时区）')
      ok = false
    }
  }
  const positions: Record<string, Position> = f.positions

  let noticePeriod: Publication['noticePeriod']
  const npMap = f.mapping('noticePeriod', '公示期')
  if (npMap !== undefined) {
    const np = new Fields(src, npMap, 'publication', `${f.what}的公示期`, id0)
    np.unknown(['from', 'until'])
    const from = np.date('from', '开始日期', true)
    const until = np.date('until', '结束日期', true)
    prefix(positions, 'noticePeriod', np.positions)
    if (from !== undefined && until !== undefined) {
      if (from > until) np.report(np.at('until'), 'bad-notice-period', `${f.what}的公示期结束日期 ${until} 早于开始日期 ${from}`, '请检查公示期的 from 和 until')
      else noticePeriod = { from, until }
    }
  }
  const { review, reviewLevels } = readReview(src, f, positions, id0)
  const docNumber = f.string('docNumber', '发文字号')
  const indexNo = f.string('indexNo', '索引号')
  if (indexNo !== undefined && !/^[0-9A-Za-z-]+\/\d{4}-\d+$/.test(indexNo)) {
    f.report(f.at('indexNo'), 'bad-index-no', `${f.what}的索引号“${indexNo}”格式不对`, '索引号写作“组织机构代码/年份-序号”，例如 008672531/2026-00031；不写则自动编号', 'warning')
  }
  const summary = f.string('summary', '摘要')
  const cover = f.string('cover', '封面图片', false, 'name')
  if (cover !== undefined && unsafePathReason(cover) !== undefined) {
    reportUnsafePath(src, f, 'cover', `${f.what}的封面图片路径`, cover, '请把图片放在 assets/ 下，写相对路径，例如 assets/covers/x.jpg')
    ok = false
  }
  const tags = f.strings('tags', '标签') ?? []
  const attachments = readAttachments(src, f, id0)
  if (attachments === undefined) ok = false
  const imported = readImported(src, f, positions, id0)
  const lifecycle = readLifecycle(src, f, id0, formed, positions)
  if (!lifecycle.ok) ok = false

  if (kind === 'release' && of !== undefined) {
    f.report(f.at('of'), 'wrong-kind', `${f.what}是发布（release），不应写 of`, '只有解读（interpretation）和回应（response）才用 of 指向它所属的发布；否则请改 kind')
    ok = false
  }
  if ((kind === 'interpretation' || kind === 'response') && of === undefined) {
    f.report(f.at('kind'), 'wrong-kind', `${f.what}是${kind === 'interpretation' ? '解读' : '回应'}，但没有写 of（所属发布的 id）`, '请加上 of: 所解读或回应的发布的 id')
    ok = false
  }
  if (published !== undefined && formed !== undefined && published < formed) {
    f.report(f.at('published'), 'published-before-formed', `${f.what}的发布日期 ${published} 早于信息形成日期 ${formed}`, '请检查 published 和 formed', 'warning')
  }

  if (!ok || id === undefined || item === undefined || title === undefined || kind === undefined || stage === undefined || formed === undefined || attachments === undefined) {
    const partial = (value: string, field: string) => {
      const place = src.place(f.at(field))
      return { value, ...(place.line === undefined ? {} : { line: place.line }), ...(place.column === undefined ? {} : { column: place.column }) }
    }
    return { file, diagnostics, ...(item === undefined ? {} : { partialItem: partial(item, 'item') }), ...(of === undefined ? {} : { partialOf: partial(of, 'of') }) }
  }
  const publication: Publication = {
    id,
    item,
    title,
    kind,
    stage,
    formed,
    ...(wechatTitle === undefined ? {} : { wechatTitle }),
    ...(of === undefined ? {} : { of }),
    ...(written === undefined ? {} : { written }),
    ...(published === undefined ? {} : { published }),
    ...(publishAt === undefined ? {} : { publishAt }),
    ...(noticePeriod === undefined ? {} : { noticePeriod }),
    ...(review === undefined ? {} : { review }),
    ...(reviewLevels === undefined ? {} : { reviewLevels }),
    ...(docNumber === undefined ? {} : { docNumber }),
    ...(indexNo === undefined ? {} : { indexNo }),
    ...(summary === undefined ? {} : { summary }),
    ...(cover === undefined ? {} : { cover }),
    ...(imported === undefined ? {} : { imported }),
    ...(lifecycle.withdrawn === undefined ? {} : { withdrawn: lifecycle.withdrawn }),
    ...(lifecycle.corrections === undefined ? {} : { corrections: lifecycle.corrections }),
    ...(lifecycle.validity === undefined ? {} : { validity: lifecycle.validity }),
    ...(lifecycle.expires === undefined ? {} : { expires: lifecycle.expires }),
    attachments,
    tags,
    body: split.body,
    source: { file, bodyLine: split.bodyLine, fields: positions },
  }
  const parsed = options.parse === false ? undefined : parseBody(split.body, publication.source)
  return { file, publication, diagnostics, ...(parsed === undefined ? {} : { parsed }) }
}

function prefix(into: Record<string, Position>, key: string, from: Readonly<Record<string, Position>>): void {
  for (const [k, v] of Object.entries(from)) into[`${key}.${k}`] = v
}

/**
 * A path that is not a project path, with the reason; a control character (a line break typed into
 * a quoted name) is pointed at where it stands in the file, not at the start of the value.
 */
function reportUnsafePath(src: YamlSource, f: Fields, key: string, what: string, path: string, hint: string): void {
  const why = unsafePathReason(path) ?? ''
  // eslint-disable-next-line no-control-regex -- we look for control characters on purpose
  const shown = path.replace(/\n/g, '⏎').replace(/[\u0000-\u001f\u007f]/g, '�')
  const node = f.at(key)
  const range = node !== undefined && 'range' in node ? node.range : undefined
  const control = controlCharAt(path)
  if (control !== -1 && range !== undefined && range !== null) {
    // In quotes the character is written as an escape (`\n`) or itself (a quoted name broken over lines).
    const written = src.text.slice(range[0], range[1])
    const type = (node as { type?: string }).type
    const literal = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED' ? -1 : controlCharAt(written)
    const escape = type === 'QUOTE_DOUBLE' ? written.search(/\\[0abtnvfre]|\\x[0-9a-fA-F]{2}|\\u00[01][0-9a-fA-F]/) : -1
    const offset = [literal, escape].filter((i) => i !== -1).reduce((x, y) => Math.min(x, y), Number.POSITIVE_INFINITY)
    if (Number.isFinite(offset)) {
      src.diagnostics.push({
        code: 'publication/unsafe-path',
        severity: 'error',
        message: `${what}“${shown}”${why}`,
        hint: `请删去这个字符；${hint}`,
        ...src.at(range[0] + offset),
        ...(f.subject === undefined ? {} : { subject: f.subject }),
      })
      return
    }
  }
  f.report(node, 'unsafe-path', `${what}“${shown}”${why}`, control === -1 ? hint : `请删去这个字符；${hint}`)
}

function readAttachments(src: YamlSource, f: Fields, subject: string | undefined): Attachment[] | undefined {
  const node = f.node('attachments')
  if (node === undefined) return []
  if (!('items' in node) || isMap(node)) {
    f.report(node, 'bad-type', `${f.what}的附件（attachments）应当是列表`, '每个附件写成“- { title: …, path: assets/… }”')
    return undefined
  }
  const out: Attachment[] = []
  let ok = true
  for (const [index, item] of (node as { items: (Node | null)[] }).items.entries()) {
    if (!isMap(item)) {
      src.report(item ?? node, 'publication/bad-type', 'error', `${f.what}的附件应当写成 { title: …, path: … }`, '例如 - { title: 处罚决定书（扫描件）, path: assets/2026/x.pdf }', subject)
      ok = false
      continue
    }
    const a = new Fields(src, item, 'publication', `${f.what}的附件`, subject)
    a.unknown(['title', 'path'])
    const title = a.string('title', '附件名称', true)
    const path = a.string('path', '附件路径', true, 'name')
    // So that a later check (the file is missing, or a link out of the project) points at this path.
    const at = a.positions['path']
    if (at !== undefined) f.positions[`attachments.${index}.path`] = at
    if (path !== undefined && unsafePathReason(path) !== undefined) {
      reportUnsafePath(src, a, 'path', `${f.what}的附件路径`, path, '请把附件放在 assets/ 下，写相对路径，例如 assets/2026/x.pdf')
      ok = false
      continue
    }
    if (title === undefined || path === undefined) {
      ok = false
      continue
    }
    out.push({ title, path })
  }
  return ok ? out : undefined
}

/**
 * `imported: { file, sha256 }`, written by `gongkai import-doc` so that importing the same document
 * again updates this file. A broken one is a warning and is dropped: the publication itself is fine,
 * only a re-import would then make a second one.
 */
function readImported(src: YamlSource, f: Fields, positions: Record<string, Position>, id0: string | undefined): Publication['imported'] {
  const map = f.mapping('imported', '导入来源')
  if (map === undefined) return undefined
  const r = new Fields(src, map, 'publication', `${f.what}的导入来源`, id0)
  r.unknown(['file', 'sha256'])
  const file = r.string('file', '原文件名', true)
  const sha256 = r.string('sha256', '原文件的 SHA-256', true, 'name')
  prefix(positions, 'imported', r.positions)
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
    r.report(
      r.at('sha256'),
      'bad-imported',
      `${f.what}的导入来源 sha256“${sha256.length > 20 ? `${sha256.slice(0, 20)}…` : sha256}”不是 64 位十六进制数`,
      '这个字段由 gongkai import-doc 写入，请不要手改；删去 imported 后重新导入即可',
      'warning',
    )
    return undefined
  }
  return file === undefined || sha256 === undefined ? undefined : { file, sha256 }
}

/**
 * The 保密审查 block, in either shape an office clerk types: one review `review: { by, on }`, or one
 * entry per level named as the config names it, `review: { 初审: { by, on }, 复审: { by, on } }`.
 * Which levels are required is checked against the config in `finishProject`.
 */
function readReview(src: YamlSource, f: Fields, positions: Record<string, Position>, id0: string | undefined): { review?: Publication['review']; reviewLevels?: ReviewSignoff[] } {
  const reviewMap = f.mapping('review', '保密审查')
  if (reviewMap === undefined) return {}
  const r = new Fields(src, reviewMap, 'publication', `${f.what}的保密审查`, id0)
  const keys = reviewMap.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''))
  if (keys.length === 0 || keys.some((k) => k === 'by' || k === 'on')) {
    r.unknown(['by', 'on'])
    const by = r.string('by', '审查人', true)
    const on = r.date('on', '审查日期', true)
    prefix(positions, 'review', r.positions)
    // Half a review is no review: it is reported and the publication stays preview-only.
    return by !== undefined && on !== undefined ? { review: { by, on } } : {}
  }
  const levels: ReviewSignoff[] = []
  for (const level of keys) {
    if (level === '') continue
    const m = r.mapping(level, `${level}`)
    if (m === undefined) continue
    const l = new Fields(src, m, 'publication', `${f.what}的${level}`, id0)
    l.unknown(['by', 'on'])
    const by = l.string('by', '审查人', true)
    const on = l.date('on', '审查日期', true)
    prefix(positions, `review.${level}`, l.positions)
    if (by !== undefined && on !== undefined) levels.push({ level, by, on })
  }
  prefix(positions, 'review', r.positions)
  return levels.length === 0 ? {} : { reviewLevels: levels }
}
