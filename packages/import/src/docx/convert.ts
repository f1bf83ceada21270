/**
 * A .docx to Markdown in three steps, each by a library made for it: mammoth reads the document
 * (styles, lists, tables with their merged cells, footnotes, images, links) into HTML,
 * hast-util-from-html parses that, hast-util-to-mdast turns it into a Markdown tree and remark
 * (GFM, CJK-friendly emphasis, as core parses) writes it out. Between the parse and the Markdown
 * tree this file does what no library knows: which paragraphs are the 公文's own parts
 * (official-parts.ts), the 公文 numbering as headings, and merged cells spelled out.
 */
import { createHash } from 'node:crypto'
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast'
import type { defaultHandlers as DefaultHandlers, Handle } from 'hast-util-to-mdast'
import type { FootnoteDefinition, Root, RootContent } from 'mdast'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import type { DocPlace } from './scan-xml.js'

/** An image taken out of the document, named by its content. */
export interface DocImage {
  /** Project-relative path, `assets/imports/<sha256 prefix>.<ext>`. */
  readonly path: string
  readonly data: Uint8Array
  readonly contentType: string
}

/** Something the conversion changed or could not carry, with its place. */
export interface ConvertNote {
  readonly kind: 'merged-cells' | 'image-format' | 'empty-image' | 'bookmark'
  readonly place: DocPlace
  readonly detail: string
}

/** The document as blocks of a hast tree, before the 公文 parts are taken out. */
export interface HtmlDocument {
  readonly blocks: HastContent[]
  readonly footnotes: Map<string, ElementContent[]>
  readonly images: Map<string, DocImage>
  readonly notes: ConvertNote[]
  /** mammoth's own warnings, English, kept for `--verbose` callers. */
  readonly messages: readonly string[]
}

const IMAGE_EXT: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' }

/** Word's heading styles to our levels: the title is front matter, so a body's first heading level is `##`. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.gk-title:fresh",
  "p[style-name='标题'] => h1.gk-title:fresh",
  "p[style-name='Subtitle'] => p.gk-subtitle:fresh",
  "p[style-name='副标题'] => p.gk-subtitle:fresh",
  ...[1, 2, 3, 4, 5].flatMap((n) => [
    `p[style-name='heading ${n}'] => h${Math.min(n + 1, 6)}:fresh`,
    `p[style-name='Heading ${n}'] => h${Math.min(n + 1, 6)}:fresh`,
    `p[style-name='标题 ${n}'] => h${Math.min(n + 1, 6)}:fresh`,
  ]),
  "p[style-name='gk-center'] => p.gk-center:fresh",
  "p[style-name='gk-large'] => p.gk-large:fresh",
  "p[style-name='gk-right'] => p.gk-right:fresh",
  "r[style-name='Hyperlink'] => ",
]

interface MammothParagraph {
  type: string
  styleId?: string | null
  styleName?: string | null
  alignment?: string | null
  numbering?: unknown
  children: { type: string; fontSize?: number | null; children?: unknown[] }[]
}

interface MammothTransforms {
  paragraph(f: (p: MammothParagraph) => MammothParagraph): (doc: unknown) => unknown
}

/** Paragraphs laid out by hand (centred, large, right-aligned) get a style of ours, so the HTML keeps what the 公文 parts are recognised by. */
function markLayout(p: MammothParagraph): MammothParagraph {
  const style = (p.styleName ?? '').toLowerCase()
  if (p.numbering !== null && p.numbering !== undefined) return p
  if (style !== '' && style !== 'normal' && style !== '正文' && style !== 'body text' && style !== '正文文本') return p
  const sizes: number[] = []
  const walk = (children: MammothParagraph['children']) => {
    for (const c of children) {
      if (c.type === 'run' && typeof c.fontSize === 'number') sizes.push(c.fontSize)
      if (Array.isArray(c.children)) walk(c.children as MammothParagraph['children'])
    }
  }
  walk(p.children)
  const large = sizes.length > 0 && Math.max(...sizes) >= 18
  const name = large && p.alignment === 'center' ? 'gk-large' : p.alignment === 'center' ? 'gk-center' : p.alignment === 'right' || p.alignment === 'end' ? 'gk-right' : undefined
  return name === undefined ? p : { ...p, styleId: name, styleName: name }
}

/** The text of a hast node, as a reader sees it. */
export function textOf(node: HastContent | ElementContent | HastRoot): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') return (node.children as (HastContent | ElementContent)[]).map(textOf).join('')
  return ''
}

/** Reads the document through mammoth into top-level hast blocks, images collected by hash. */
export async function readHtml(bytes: Uint8Array): Promise<HtmlDocument> {
  // Loaded when a document is read: every CLI command loads this package, few read Word.
  const [{ default: mammoth }, { fromHtml }] = await Promise.all([import('mammoth'), import('hast-util-from-html')])
  const images = new Map<string, DocImage>()
  const notes: ConvertNote[] = []
  const convertImage = mammoth.images.imgElement(async (image) => {
    const data = new Uint8Array(await image.readAsBuffer())
    const ext = IMAGE_EXT[image.contentType]
    if (ext === undefined) {
      return { src: `gk-dropped:${image.contentType}` }
    }
    const sha = createHash('sha256').update(data).digest('hex')
    const path = `assets/imports/${sha.slice(0, 16)}.${ext}`
    images.set(path, { path, data, contentType: image.contentType })
    return { src: path }
  })
  const transforms = (mammoth as unknown as { transforms: MammothTransforms }).transforms
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    { styleMap: STYLE_MAP, convertImage, transformDocument: transforms.paragraph(markLayout), idPrefix: 'gk-' },
  )
  const tree = fromHtml(result.value, { fragment: true })
  const footnotes = new Map<string, ElementContent[]>()
  const blocks: HastContent[] = []
  for (const node of tree.children) {
    if (node.type === 'element' && node.tagName === 'ol' && node.children.some((c) => c.type === 'element' && /^gk-(?:footnote|endnote)-/.test(String(c.properties['id'] ?? '')))) {
      for (const li of node.children) {
        if (li.type !== 'element') continue
        const id = String(li.properties['id'] ?? '').replace(/^gk-/, '')
        footnotes.set(id, dropBackLinks(li.children))
      }
      continue
    }
    if (node.type === 'text' && node.value.trim() === '') continue
    blocks.push(node)
  }
  // Each left-out picture at the block that held it (the text before it, when the block has none).
  let paragraph = 0
  let last = ''
  for (const block of blocks) {
    const t = textOf(block).trim()
    if (t !== '') last = lastParagraphText(block) ?? t
    paragraph += paragraphsIn(block)
    for (const type of droppedIn(block)) notes.push({ kind: 'image-format', place: { paragraph, near: last.slice(0, 24) }, detail: type })
  }
  return { blocks, footnotes, images, notes, messages: result.messages.map((m) => m.message) }
}

const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * How many paragraphs with text a block holds, counted as Word has them (and as scan-xml.ts
 * numbers its findings): each cell's paragraph of a table, each item of a list.
 */
export function paragraphsIn(node: HastContent | ElementContent): number {
  if (node.type !== 'element') return 0
  if (PARAGRAPH_TAGS.has(node.tagName) || (node.tagName === 'li' && !node.children.some((c) => c.type === 'element' && (c.tagName === 'p' || c.tagName === 'ol' || c.tagName === 'ul'))))
    return textOf(node).trim() === '' ? 0 : 1
  return node.children.reduce((n, c) => n + paragraphsIn(c), 0)
}

function lastParagraphText(node: HastContent | ElementContent): string | undefined {
  if (node.type !== 'element') return undefined
  if (PARAGRAPH_TAGS.has(node.tagName)) return textOf(node).trim() || undefined
  for (let i = node.children.length - 1; i >= 0; i--) {
    const t = lastParagraphText(node.children[i]!)
    if (t !== undefined) return t
  }
  return undefined
}

/** The content types of the pictures left out inside a block (their `src` is `gk-dropped:<type>`). */
function droppedIn(node: HastContent | ElementContent): string[] {
  if (node.type !== 'element') return []
  const src = node.tagName === 'img' ? String(node.properties['src'] ?? '') : ''
  return [...(src.startsWith('gk-dropped:') ? [src.slice('gk-dropped:'.length)] : []), ...node.children.flatMap(droppedIn)]
}

/** A footnote's own text, without mammoth's `↑` link back to the reference. */
function dropBackLinks(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = []
  for (const c of children) {
    if (c.type === 'element' && c.tagName === 'a' && String(c.properties['href'] ?? '').startsWith('#gk-footnote-ref-')) continue
    if (c.type === 'element' && c.tagName === 'a' && String(c.properties['href'] ?? '').startsWith('#gk-endnote-ref-')) continue
    out.push(c.type === 'element' ? { ...c, children: dropBackLinks(c.children) } : c)
  }
  return out
}

/**
 * Merged cells spelled out: a cell over two rows or columns gives its content to each cell it
 * covered, so every row of the Markdown table reads whole (GFM has no spans). Each is noted.
 */
export function spreadMergedCells(table: Element, tableNo: number, place: DocPlace, notes: ConvertNote[]): void {
  const rows: Element[] = []
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue
      if (c.tagName === 'tr') rows.push(c)
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') collect(c)
    }
  }
  collect(table)
  const grid: (Element | undefined)[][] = rows.map(() => [])
  rows.forEach((row, r) => {
    let col = 0
    const cells = row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
    for (const cell of cells) {
      while (grid[r]![col] !== undefined) col++
      const rowSpan = Math.max(1, Number(cell.properties['rowSpan'] ?? 1) || 1)
      const colSpan = Math.max(1, Number(cell.properties['colSpan'] ?? 1) || 1)
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr++) for (let dc = 0; dc < colSpan; dc++) grid[r + dr]![col + dc] = cell
      if (rowSpan > 1 || colSpan > 1) {
        const text = textOf(cell).trim().slice(0, 16)
        notes.push({
          kind: 'merged-cells',
          place,
          detail: `第 ${tableNo} 个表格第 ${r + 1} 行第 ${col + 1} 列“${text}”${rowSpan > 1 ? `纵向合并 ${rowSpan} 行` : ''}${rowSpan > 1 && colSpan > 1 ? '、' : ''}${colSpan > 1 ? `横向合并 ${colSpan} 列` : ''}`,
        })
        delete cell.properties['rowSpan']
        delete cell.properties['colSpan']
      }
      col += colSpan
    }
  })
  const width = Math.max(0, ...grid.map((g) => g.length))
  rows.forEach((row, r) => {
    const cells: ElementContent[] = []
    for (let c = 0; c < width; c++) {
      const cell = grid[r]![c]
      cells.push(cell === undefined ? { type: 'element', tagName: 'td', properties: {}, children: [] } : structuredClone(cell))
    }
    row.children = cells
  })
}

/** A footnote reference as mammoth writes it (`<sup><a href="#gk-footnote-1">[1]</a></sup>`): its id, or undefined. */
function footnoteRef(node: Element): string | undefined {
  const a = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a')
  const href = a === undefined ? '' : String(a.properties['href'] ?? '')
  const m = /^#gk-((?:footnote|endnote)-\d+)$/.exec(href)
  return m?.[1]
}

/** The handlers of ours: footnote references, links without a target outside Word, pictures left out. */
function ourHandlers(defaultHandlers: typeof DefaultHandlers): Record<string, Handle> {
  const sup: Handle = (state, node) => {
    const id = footnoteRef(node)
    if (id === undefined) return defaultHandlers.sup(state, node)
    return { type: 'footnoteReference', identifier: id, label: id.replace('footnote-', '').replace('endnote-', '尾注') }
  }
  // Bookmarks (`<a id="gk-_Toc…">`) and links to them carry nothing a reader can follow outside Word.
  const a: Handle = (state, node) => {
    const href = String(node.properties['href'] ?? '')
    if (href === '' || href.startsWith('#')) return state.all(node)
    return defaultHandlers.a(state, node)
  }
  const img: Handle = (state, node) => {
    const src = String(node.properties['src'] ?? '')
    if (src.startsWith('gk-dropped:') || src === '') return undefined
    return defaultHandlers.img(state, node)
  }
  return { sup, a, img }
}

/** hast blocks and footnotes → one mdast tree (footnote definitions at its end, in reference order). */
export async function toMarkdownTree(blocks: readonly HastContent[], footnotes: ReadonlyMap<string, ElementContent[]>): Promise<Root> {
  const { defaultHandlers, toMdast } = await import('hast-util-to-mdast')
  const handlers = ourHandlers(defaultHandlers)
  const root = toMdast({ type: 'root', children: [...blocks] }, { handlers }) as Root
  const used: string[] = []
  const walk = (n: { type: string; identifier?: string; children?: unknown[] }) => {
    if (n.type === 'footnoteReference' && n.identifier !== undefined && !used.includes(n.identifier)) used.push(n.identifier)
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c)
  }
  walk(root)
  for (const id of used) {
    const content = footnotes.get(id) ?? []
    const tree = toMdast({ type: 'root', children: content }, { handlers }) as Root
    const def: FootnoteDefinition = {
      type: 'footnoteDefinition',
      identifier: id,
      label: id.replace('footnote-', '').replace('endnote-', '尾注'),
      children: tree.children.filter((c) => c.type === 'paragraph' || c.type === 'list' || c.type === 'table'),
    }
    if (def.children.length === 0) def.children = [{ type: 'paragraph', children: [{ type: 'text', value: tree.children.map((c) => ('value' in c ? String(c.value) : '')).join('') }] }]
    root.children.push(def)
  }
  trimParagraphs(root.children)
  return root
}

/**
 * Spaces typed at a paragraph's start (offices indent with two 全角空格 or runs of spaces) and
 * at its end: every channel indents paragraphs itself, and Markdown reads four spaces as code.
 */
function trimParagraphs(nodes: RootContent[]): void {
  for (const n of nodes) {
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
      const first = n.children[0]
      if (first?.type === 'text') first.value = first.value.replace(/^[\s\u3000]+/, '')
      const last = n.children[n.children.length - 1]
      if (last?.type === 'text') last.value = last.value.replace(/[\s\u3000]+$/, '')
    }
    if ('children' in n) trimParagraphs(n.children)
  }
}

const stringifier = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkCjkFriendly)
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-', fences: true, listItemIndent: 'one', incrementListMarker: true })
  .freeze()

/** The Markdown text of a tree, as the project's files are written. */
export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree)
}
