/**
 * One Word document → what a publication file needs: title, 发文字号, 成文日期, attachments, the
 * Markdown body and its images, the catalog item it best matches, and every construct it could
 * not carry over, each with where in the document it is. Nothing is written here: the CLI writes.
 *
 * > **Note**: why two readers. mammoth reads what a document says (styles, lists, tables,
 * > footnotes, images) and is silent about what it drops; the package's XML, read with fflate and
 * > saxes (scan-xml.ts), is where text boxes, comments, tracked changes and layout are found.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { findBodySignature } from '@gongkai/core'
import type { CatalogItem, Diagnostic } from '@gongkai/core'
import type { RootContent } from 'mdast'
import { paragraphsIn, readHtml, spreadMergedCells, stringifyMarkdown, textOf, toMarkdownTree } from './convert.js'
import type { DocImage } from './convert.js'
import { matchItem } from './match-item.js'
import type { ItemMatchResult } from './match-item.js'
import { recogniseParts } from './official-parts.js'
import { NotADocxError, scanDocx, unzipDocx } from './scan-xml.js'
import type { DocPlace, Finding } from './scan-xml.js'

/** A document to import: a path, or bytes with the name the office gave the file. */
export type DocumentSource = string | { readonly data: Uint8Array; readonly name: string }

/** Options for `importDocument`. */
export interface ImportDocumentOptions {
  /** The project's issuing body (`body.name` of the config): its signature leaves the body. */
  readonly organ?: string
  /** The catalog's items, to match the title against. */
  readonly items?: readonly CatalogItem[]
  /** The file names beside the document, where the 附件 it names are looked for. */
  readonly siblings?: readonly string[]
  /** How messages name the file (default: its base name). */
  readonly displayName?: string
}

/** An attachment the 附件 note names and the file beside the document that holds it. */
export interface FoundAttachment {
  readonly title: string
  /** The sibling's file name. */
  readonly file: string
}

/** What `importDocument` gave. */
export interface DocumentImport {
  /** The document's file name as the office saved it. */
  readonly file: string
  /** SHA-256 (hex) of its bytes: a re-import of the same bytes changes nothing. */
  readonly sha256: string
  readonly title?: string
  /** For a title over WeChat's 32 characters: the title without the issuer's name before 关于, when that fits. */
  readonly wechatTitle?: string
  readonly docNumber?: string
  /** 成文日期 from the signature (YYYY-MM-DD). */
  readonly formed?: string
  /** 主送机关, as recognised (kept as the body's first paragraph). */
  readonly addressee?: string
  /** The signature's issuing bodies. */
  readonly organs?: readonly string[]
  readonly attachments: readonly FoundAttachment[]
  /** The Markdown body, without title, number, red header, 附件 note or signature. */
  readonly body: string
  /** Images the body links to, by content hash (the same picture twice is one file). */
  readonly images: readonly DocImage[]
  /** The catalog match for the title (when `items` were given and a title was found). */
  readonly match?: ItemMatchResult
  /** Everything worth telling the operator; an error means the document must not be imported as it is. */
  readonly diagnostics: readonly Diagnostic[]
}

/** WeChat's limit on a title (the platform's, declared by `@gongkai/wechat` as `titleMaxChars`). */
const WECHAT_TITLE_MAX = 32

/** Formats and what to tell the office about each: the stable code and how to save as .docx. */
const OTHER_FORMATS: Readonly<Record<string, { code: string; what: string }>> = {
  '.doc': { code: 'import-doc/doc-format', what: 'Word 97-2003 文档（.doc）' },
  '.wps': { code: 'import-doc/wps-format', what: 'WPS 文字文档（.wps）' },
  '.pdf': { code: 'import-doc/pdf-format', what: 'PDF 文件' },
  '.rtf': { code: 'import-doc/rtf-format', what: 'RTF 文档' },
  '.odt': { code: 'import-doc/odt-format', what: 'OpenDocument 文档（.odt）' },
  '.wpt': { code: 'import-doc/wps-format', what: 'WPS 模板（.wpt）' },
  '.dot': { code: 'import-doc/doc-format', what: 'Word 模板（.dot）' },
}

/**
 * The refusal of a file that is not a .docx, saying how to save it as one; undefined for `.docx`.
 * Offices keep all of these, and each needs its own words (a PDF has to go back to its source).
 */
export function formatProblem(name: string): Diagnostic | undefined {
  const ext = extname(name).toLowerCase()
  if (ext === '.docx') return undefined
  const known = OTHER_FORMATS[ext]
  const hint =
    ext === '.pdf'
      ? 'PDF 里没有段落和表格结构，无法可靠导入。请找到它的 Word 或 WPS 原稿，用“文件 → 另存为”，保存类型选“Word 文档（*.docx）”；只有扫描件时请把文字录入 Word 后另存为 .docx'
      : ext === '.wps' || ext === '.wpt'
        ? '用 WPS 文字打开，点“文件 → 另存为”，文件类型选“Microsoft Word 文件（*.docx）”，再导入新保存的 .docx'
        : '用 Word 或 WPS 打开，点“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入新保存的 .docx'
  return {
    code: known?.code ?? 'import-doc/unknown-format',
    severity: 'error',
    message: known === undefined ? `“${name}”不是 Word 文档（.docx），无法导入` : `“${name}”是${known.what}，只能导入 .docx`,
    hint,
    file: name,
  }
}

const where = (p: DocPlace) => (p.paragraph === 0 ? (p.near === '' ? '文档中' : `开头（“${p.near}”处）`) : `第 ${p.paragraph} 段（“${p.near}”处）`)

function findingDiagnostic(f: Finding, file: string, carried: string): Diagnostic {
  const at = where(f.place)
  switch (f.kind) {
    case 'tracked-change':
      return {
        code: 'import-doc/tracked-change',
        severity: 'error',
        message: `${at}有未处理的修订（${f.detail}）`,
        hint: '修订未定稿，导入会把改动前后的文字混在一起：请在 Word 中点“审阅 → 接受 → 接受所有修订”（或逐条接受、拒绝），保存后再导入',
        file,
      }
    case 'comment':
      return {
        code: 'import-doc/comment',
        severity: 'error',
        message: `${at}有批注${f.detail === '' ? '' : `：“${f.detail}”`}`,
        hint: '批注说明文稿还在修改中：请处理后在 Word 中点“审阅 → 删除 → 删除文档中的所有批注”，保存后再导入',
        file,
      }
    case 'text-box':
      return {
        code: 'import-doc/text-box',
        severity: 'warning',
        message: `${at}有文本框${f.detail === '' ? '' : `“${f.detail}”`}：${carried === 'kept' ? '其中文字已作为普通段落放在正文这个位置，边框和定位没有保留' : '其中文字没有导入'}`,
        hint: '请核对导入后的正文；文本框里的正文文字最好移回正文段落',
        file,
      }
    case 'shape':
      return {
        code: 'import-doc/shape',
        severity: 'warning',
        message: `${at}有${f.detail}（自选图形），没有导入`,
        hint: '图形在网页、公众号和公示栏上无法按原样排出；需要时请截图为图片放回文档',
        file,
      }
    case 'layout':
      return {
        code: 'import-doc/layout',
        severity: 'warning',
        message: `${at}：${f.detail}，没有保留`,
        hint: '各渠道按各自的版式排版（公示栏按 GB/T 9704），文档的页面设置不带过去；请核对导入后的正文顺序',
        file,
      }
    case 'header-image':
      return { code: 'import-doc/header-image', severity: 'info', message: `${f.detail}没有导入（通常是红头或单位标志）`, hint: '公示栏和网站按项目配置排版头，不用文档里的页眉', file }
    case 'red-header':
      return { code: 'import-doc/red-header', severity: 'info', message: `${at}的红头没有导入`, file }
  }
}

/** The 附件 titles matched to files beside the document: same name, or 附件N + name, or the name inside. */
export function findAttachmentFiles(titles: readonly string[], siblings: readonly string[], self: string): { found: FoundAttachment[]; missing: string[] } {
  const found: FoundAttachment[] = []
  const missing: string[] = []
  const norm = (s: string) =>
    s
      .replace(/[\s\u3000《》“”"'‘’]/g, '')
      .replace(/[（(]/g, '（')
      .replace(/[）)]/g, '）')
  const candidates = siblings.filter((s) => s !== self && !s.startsWith('~$') && !s.startsWith('.'))
  titles.forEach((title, i) => {
    const t = norm(title)
    const stem = (s: string) => norm(basename(s, extname(s)))
    const exact = candidates.find((s) => stem(s) === t)
    const numbered = candidates.find((s) => new RegExp(`^附件\\s*${i + 1}(?!\\d)[-_：:、.．\\s]*`).test(stem(s)) && stem(s).replace(new RegExp(`^附件${i + 1}[-_：:、.．]*`), '') === t)
    const inside = candidates.filter((s) => stem(s).includes(t))
    const file = exact ?? numbered ?? (inside.length === 1 ? inside[0] : undefined) ?? candidates.find((s) => new RegExp(`^附件${i + 1}$`).test(stem(s)))
    if (file === undefined) missing.push(title)
    else found.push({ title, file })
  })
  return { found, missing }
}

/** Imports one Word document; never throws for its content (problems are diagnostics). */
export async function importDocument(source: DocumentSource, options: ImportDocumentOptions = {}): Promise<DocumentImport> {
  const name = typeof source === 'string' ? basename(source) : source.name
  const file = options.displayName ?? name
  const fail = (d: Diagnostic, sha = ''): DocumentImport => ({ file: name, sha256: sha, attachments: [], body: '', images: [], diagnostics: [d] })
  const format = formatProblem(name)
  if (format !== undefined) return fail({ ...format, file })
  const data = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source.data
  const sha256 = createHash('sha256').update(data).digest('hex')
  let parts: Record<string, Uint8Array>
  try {
    parts = unzipDocx(data)
  } catch (error) {
    if (!(error instanceof NotADocxError)) throw error
    const old = data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0
    return fail(
      {
        code: old ? 'import-doc/doc-format' : 'import-doc/broken',
        severity: 'error',
        message: old ? `“${name}”名为 .docx，其实是旧的 Word 97-2003（.doc）或 WPS 格式` : `“${name}”读不出来：${error.message}，不是完整的 .docx 文件`,
        hint: old
          ? '用 Word 或 WPS 打开，“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入新保存的文件'
          : '请确认文件完整（没有下载或拷贝到一半），用 Word 或 WPS 打开后重新另存为 .docx 再导入',
        file,
      },
      sha256,
    )
  }
  const diagnostics: Diagnostic[] = []
  let scan: ReturnType<typeof scanDocx>
  let html: Awaited<ReturnType<typeof readHtml>>
  try {
    scan = scanDocx(parts)
    html = await readHtml(data)
  } catch (error) {
    // A package Word would open only with 修复 (its XML cut or hand-edited): said, never thrown.
    return fail(
      {
        code: 'import-doc/broken',
        severity: 'error',
        message: `“${name}”的内容读不出来（${error instanceof Error ? error.message.split('\n')[0] : String(error)}），文件可能已损坏`,
        hint: '用 Word 或 WPS 打开（必要时让它修复），确认内容无误后另存为 .docx，再导入',
        file,
      },
      sha256,
    )
  }

  // The red 版头 is the top paragraphs the XML has all in red.
  const redTexts: string[] = []
  for (const p of scan.paragraphs.slice(0, 4)) {
    if (p.text.trim() === '') continue
    if (!p.red) break
    redTexts.push(p.text.trim())
  }
  const parts2 = recogniseParts(html.blocks, redTexts)
  const allText = html.blocks.map(textOf).join('\n')
  for (const f of scan.findings) diagnostics.push(findingDiagnostic(f, file, f.kind === 'text-box' && f.detail !== '' && allText.includes(f.detail.replace(/…$/, '')) ? 'kept' : 'lost'))
  for (const t of parts2.redHeader)
    diagnostics.push({ code: 'import-doc/red-header', severity: 'info', message: `红头“${t}”没有导入`, hint: '各渠道按项目配置排版头（发文机关见 gongkai.config.yaml 的 body.name）', file })
  if (parts2.headerImages.length > 0) diagnostics.push({ code: 'import-doc/red-header', severity: 'info', message: `标题上方的 ${parts2.headerImages.length} 张图片（红头或红线）没有导入`, file })
  // Fonts: every channel sets its own (公示栏 仿宋/小标宋 by the config), so a document's are named and dropped.
  const fonts = scan.fonts.filter((f) => !/^(?:Times New Roman|Calibri|Cambria|Arial|Symbol|Wingdings|等线|等线 Light|宋体|SimSun|Calibri Light|Cambria Math)$/i.test(f))
  if (fonts.length > 0)
    diagnostics.push({
      code: 'import-doc/fonts',
      severity: 'info',
      message: `文档用的字体没有带过去：${fonts.join('、')}`,
      hint: '各渠道用各自的字体排版：公示栏按 gongkai.config.yaml 的 fonts（GB/T 9704 的仿宋、小标宋、黑体可在那里配置）',
      file,
    })

  // Tables: merged cells spelled out, one note each.
  let tableNo = 0
  let paragraph = 0
  let last = ''
  for (const block of parts2.body) {
    const t = textOf(block).trim()
    if (block.type === 'element' && block.tagName === 'table') spreadMergedCells(block, ++tableNo, { paragraph: paragraph + 1, near: last.slice(0, 24) }, html.notes)
    if (t !== '') last = t
    paragraph += paragraphsIn(block)
  }
  for (const n of html.notes) {
    if (n.kind === 'merged-cells')
      diagnostics.push({
        code: 'import-doc/merged-cells',
        severity: 'warning',
        message: `${n.detail}：Markdown 表格没有合并单元格，已在被合并的每一格重复这段文字`,
        hint: '请核对导入后的表格；需要原样合并的表格可另附原件',
        file,
      })
    else if (n.kind === 'image-format')
      diagnostics.push({
        code: 'import-doc/image-format',
        severity: 'warning',
        message: `${where(n.place)}的图片是 ${n.detail} 格式，网页和公众号显示不了，没有导入`,
        hint: '请在 Word 中把它另存为 PNG 或 JPEG 图片后重新插入',
        file,
      })
  }

  // 附件: taken into front matter when every file it names sits beside the document.
  let attachments: FoundAttachment[] = []
  let body = parts2.body
  if (parts2.attachmentNote !== undefined) {
    const { found, missing } = findAttachmentFiles(parts2.attachmentNote.titles, options.siblings ?? [], name)
    attachments = found
    if (missing.length === 0) body = body.filter((b) => !parts2.attachmentNote!.blocks.includes(b))
    else
      diagnostics.push({
        code: 'import-doc/attachment-missing',
        severity: 'warning',
        message: `附件说明列出的${missing.map((m) => `“${m}”`).join('、')}在文档旁边找不到对应文件，附件说明留在正文中`,
        hint: `把附件文件放在“${name}”同一文件夹，文件名写附件名称（如“${missing[0] ?? ''}.pdf”或“附件1 ${missing[0] ?? ''}.pdf”），再导入一次`,
        file,
      })
  }

  const tree = await toMarkdownTree(body, html.footnotes)
  // 此件公开发布 and the like: the disclosure attribute, which the catalog item already says.
  const endOf = () => tree.children.findLastIndex((c) => c.type !== 'footnoteDefinition')
  const lastNode = tree.children[endOf()]
  if (lastNode?.type === 'paragraph' && /^[（(]此件[^）)]{0,12}[）)]$/.test(plain(lastNode))) tree.children.splice(endOf(), 1)
  // 附件 pages after the signature (附件1 on a page of its own, as GB/T 9704 sets them): the
  // signature is found before them, and they stay, after the body.
  const pagesAt = tree.children.findIndex((c, i) => i > 0 && (c.type === 'paragraph' || c.type === 'heading') && /^附\s*件\s*\d{0,2}\s*[：:]?$/.test(plain(c).trim()))
  let pages: RootContent[] = []
  if (pagesAt !== -1 && findBodySignature({ type: 'root', children: tree.children.slice(0, pagesAt) }, options.organ) !== undefined) {
    pages = tree.children.splice(pagesAt).filter((c) => c.type !== 'footnoteDefinition')
    diagnostics.push({
      code: 'import-doc/attachment-pages',
      severity: 'warning',
      message: `落款之后还有附件正文（从“${plain(pages[0]!).trim()}”起，${pages.length} 段），已接在正文末尾：各渠道的署名会排在它之后`,
      hint: '附件最好另存为单独的文件（PDF 或 Word），放在文档旁边并写进附件说明，再导入一次',
      file,
    })
  }
  const signature = findBodySignature(tree, options.organ)
  let formed: string | undefined
  let organs: readonly string[] | undefined
  if (signature !== undefined) {
    formed = signature.iso
    organs = signature.organs
    const own = options.organ !== undefined && signature.organs.length === 1 && signature.organs[0]!.replace(/\s+/g, '') === options.organ.replace(/\s+/g, '')
    if (own || options.organ === undefined) tree.children.splice(signature.start, signature.nodes.length)
    else
      diagnostics.push({
        code: 'import-doc/other-organ',
        severity: 'warning',
        message: `落款“${signature.organs.join('、')}”不是本项目的发文机关“${options.organ}”，落款留在正文末尾`,
        hint: '各渠道会按正文的落款排署名，不另加本机关的署名；联合发文或代拟文件请核对',
        file,
      })
  } else {
    // An undated signature: the body's last line naming the body would be signed twice.
    const at = endOf()
    const tail = tree.children[at]
    if (options.organ !== undefined && tail?.type === 'paragraph' && plain(tail).replace(/\s+/g, '') === options.organ.replace(/\s+/g, '')) tree.children.splice(at, 1)
    diagnostics.push({
      code: 'import-doc/no-date',
      severity: 'warning',
      message: '文末找不到落款和成文日期（如“2026年11月9日”或“二〇二六年十一月九日”）',
      hint: '请用 --formed 写信息形成日期，或在文档末尾写上落款和成文日期后再导入',
      file,
    })
  }
  if (pages.length > 0) {
    const notes = tree.children.filter((c) => c.type === 'footnoteDefinition')
    tree.children = [...tree.children.filter((c) => c.type !== 'footnoteDefinition'), ...pages, ...notes]
  }
  const text = stringifyMarkdown(tree)

  let title = parts2.title
  if (title === undefined) {
    title = basename(name, extname(name)).trim()
    diagnostics.push({ code: 'import-doc/no-title', severity: 'warning', message: `找不到标题（样式为“标题”的段落或居中的大字号段落），已用文件名“${title}”作标题`, hint: '请核对 title 字段', file })
  } else if (parts2.titleBy === 'centred') {
    diagnostics.push({ code: 'import-doc/title-guessed', severity: 'info', message: `标题按第一个居中段落认定：“${title}”`, hint: '请核对 title 字段', file })
  }
  // A decision's title names only its kind: with the number, each one is told apart in every list.
  if (parts2.docNumber !== undefined && /(?:决定书|告知书|通知书)$/.test(title) && !title.includes('关于')) title = `${title}（${parts2.docNumber}）`

  // WeChat shows at most 32 characters and the account already names the issuer.
  const organ = options.organ ?? ''
  const short = [...title].length > WECHAT_TITLE_MAX && organ !== '' && title.startsWith(organ) ? title.slice(organ.length) : undefined
  const wechatTitle = short !== undefined && [...short].length <= WECHAT_TITLE_MAX ? short : undefined

  const used = new Set<string>()
  const visit = (n: { type: string; url?: string; children?: unknown[] }) => {
    if (n.type === 'image' && n.url !== undefined) used.add(n.url)
    for (const c of (n.children ?? []) as (typeof n)[]) visit(c)
  }
  visit(tree)
  const images = [...html.images.values()].filter((i) => used.has(i.path))
  const match = options.items === undefined ? undefined : matchItem(title, options.items, options.organ)
  return {
    file: name,
    sha256,
    title,
    ...(wechatTitle === undefined ? {} : { wechatTitle }),
    ...(parts2.docNumber === undefined ? {} : { docNumber: parts2.docNumber }),
    ...(formed === undefined ? {} : { formed }),
    ...(parts2.addressee === undefined ? {} : { addressee: parts2.addressee }),
    ...(organs === undefined ? {} : { organs }),
    attachments,
    body: text,
    images,
    ...(match === undefined ? {} : { match }),
    diagnostics,
  }
}

function plain(node: RootContent): string {
  if ('value' in node) return String(node.value)
  if ('children' in node) return (node.children as RootContent[]).map(plain).join('')
  return ''
}
