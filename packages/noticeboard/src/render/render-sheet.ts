/** One publication set as GB/T 9704 pages inside a pdfkit document. */
import { posix } from 'node:path'
import type { Diagnostic, Disclosure } from '@gongkai/core'
import { findBodyAddressee, findBodySignature } from '@gongkai/core'
import type { FootnoteDefinition, Nodes } from 'mdast'
import type PDFKitDocument from 'pdfkit'
import { lazyRequire } from '@gongkai/core/internal'
import { GEOMETRY } from '../layout/geometry.js'
import { sharePageObjects } from '../layout/page-objects.js'
import type { Paper } from '../layout/geometry.js'
import type { FaceBook } from '../layout/pdf-fonts.js'
import type { SheetPlan } from '../layout/sheet.js'
import { Sheet } from '../layout/sheet.js'
import { createRenderState } from './create-state.js'
import type { ClosingPlace } from './parts.js'
import { footnoteSource, setAttachments, setClosing, setMasthead, setNotes, setTitle } from './parts.js'
import type { LoadedImage } from './state.js'

// Required on the first sheet: a build whose sheets all come from the cache never loads pdfkit.
const loadPdfKit = lazyRequire<typeof PDFKitDocument>(import.meta.url, 'pdfkit')
import { createReporters } from './state.js'

/** What setting one publication needs besides the document. */
export interface SheetSetup {
  readonly book: FaceBook
  readonly paper: Paper
  /** Site base URL (absolute, trailing slash): the QR code opens `baseUrl + 'p/' + id + '.html'`. */
  readonly baseUrl: string
  /** 发布机构 */
  readonly organ: string
  readonly phone?: string
  readonly images: ReadonlyMap<string, LoadedImage>
  readonly report: (d: Diagnostic) => void
  /** Added to page numbers to decide the side of the page number (physical parity in a batch). */
  readonly folioOffset?: number
  /** Mark every page 预览稿 (see `isPreview`). */
  readonly preview?: boolean
}

/** The web page of a publication (the website channel's documented path; channels never import each other). */
export function publicationUrl(baseUrl: string, id: string): string {
  return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}p/${id}.html`
}

/** What setting one publication gives back. */
export interface SetResult {
  readonly pages: number
  /** Where the body starts (below the title). */
  readonly body: { readonly page: number; readonly y: number }
  readonly closing: ClosingPlace
}

/** Sets one publication from a fresh page on, following `plan` (none: the plain grid). */
export function setWithPlan(doc: PDFKit.PDFDocument, d: Disclosure, setup: SheetSetup, plan: SheetPlan | undefined): SetResult {
  const sheet = new Sheet(doc, setup.book, {
    paper: setup.paper,
    ...(setup.folioOffset === undefined ? {} : { folioOffset: setup.folioOffset }),
    ...(plan === undefined ? {} : { plan }),
    ...(setup.preview === true ? { preview: true } : {}),
  })
  const noteDefinitions = new Map<string, FootnoteDefinition>()
  for (const node of d.tree.children) if (node.type === 'footnoteDefinition') noteDefinitions.set(node.identifier, node)
  const state = createRenderState({
    sheet,
    book: setup.book,
    disclosure: d,
    baseUrl: setup.baseUrl,
    images: setup.images,
    noteNumbers: new Map(),
    noteDefinitions,
    placedNotes: new Set(),
    marker: undefined,
    ...createReporters(d, setup.book.has('fallback'), setup.report),
  })
  sheet.noteSource = footnoteSource(state)
  sheet.newPage()
  setMasthead(state, setup.organ)
  setTitle(state, setup.organ)
  const body = { page: sheet.pages, y: sheet.y }
  // A body that ends with its own signature is signed once, where the standard puts the signature.
  const own = findBodySignature(d.tree, setup.organ)
  const children = own === undefined ? d.tree.children : [...d.tree.children.slice(0, own.start), ...d.tree.children.slice(own.start + own.nodes.length)]
  // 主送机关 stands flush left under the title (GB/T 9704-2012 7.3.2), where a paragraph would be indented two characters.
  const addressee = findBodyAddressee({ type: 'root', children }) === undefined ? 0 : 1
  state.all(children.slice(0, addressee), { left: sheet.left, width: sheet.width, indent: false })
  state.all(children.slice(addressee), { left: sheet.left, width: sheet.width, indent: true })
  setNotes(state)
  setAttachments(state)
  const closing = setClosing(state, setup.organ, publicationUrl(setup.baseUrl, d.publication.id), setup.phone, own)
  return { pages: sheet.pages, body, closing }
}

/**
 * The tightest the leading of a last page may get to keep the signature with the body: 0.85 of
 * the grid (about 24.7 pt for 3号 type, still more than 1.5 lines), where offices tighten 行距 by hand.
 */
export const TIGHTEST = 0.85

/** Sets the publication in a document that is thrown away, only to see where the signature falls. */
function trial(d: Disclosure, setup: SheetSetup, plan: SheetPlan | undefined): SetResult {
  const PDFDocument = loadPdfKit()
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, compress: false, fontLayoutCache: false })
  setup.book.register(doc)
  return setWithPlan(doc, d, { ...setup, report: () => {} }, plan)
}

/**
 * How to keep a signature that went to a page of its own with the body, as GB/T 9704-2012 has it
 * (调整行距、字距): first tighten the leading of the body's last page, within `TIGHTEST`; failing
 * that, end that page two lines early, so that the body's last two lines go over with the signature.
 */
export function planClosing(d: Disclosure, setup: SheetSetup, first: SetResult): SheetPlan | undefined {
  const { closing } = first
  const g = GEOMETRY
  if (!closing.alone) {
    // One line of the body over a page break, then the signature: the line before it goes over too.
    if (closing.page === 1 || closing.bodyEnd - g.top > 2 * g.pitch - 0.5) return undefined
    const foot = g.top + g.height - g.pitch
    // The page before ends in a table or a figure: its last grid line's worth goes over instead.
    const last = closing.previousLast !== undefined && closing.previousLast >= foot - g.pitch ? closing.previousLast : foot
    return { end: { page: closing.page - 1, y: last } }
  }
  // Everything below the header scales with the pitch but the QR code: used·f + 4 lines·f + QR ≤ room.
  const from = first.body.page === closing.page ? first.body.y : g.top
  const used = closing.bodyEnd - from
  const fit = Math.floor(((g.top + g.height - from - closing.block - 1) / (used + 4 * g.pitch)) * 200) / 200
  const candidates = [fit, Math.max(TIGHTEST, fit - 0.03)].filter((f, i, all) => f >= TIGHTEST && f < 1 && all.indexOf(f) === i)
  for (const f of candidates) {
    const plan: SheetPlan = { tighten: { page: closing.page, y: from, pitch: g.pitch * f } }
    const tried = trial(d, setup, plan)
    if (!tried.closing.alone && tried.pages === closing.page) return plan
  }
  // The body's last two text lines (the widow rule may send a third), or two grid lines' worth of a table.
  return { end: { page: closing.page, y: closing.lastTwo ?? closing.bodyEnd - 2 * g.pitch + 0.5 } }
}

/** Sets one publication from a fresh page on, its signature never alone on the last page; returns its page count. */
export function setPublication(doc: PDFKit.PDFDocument, d: Disclosure, setup: SheetSetup): number {
  const plan = planClosing(d, setup, trial(d, setup, undefined))
  return setWithPlan(doc, d, setup, plan).pages
}

/** Where an image URL in a publication points inside the project, or undefined for remote or escaping paths. */
export function assetPath(d: Disclosure, url: string): string | undefined {
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined
  const clean = url.split(/[?#]/)[0] ?? ''
  const base = clean.startsWith('/') ? clean.slice(1) : clean.startsWith('assets/') ? clean : posix.join(posix.dirname(d.publication.source.file), clean)
  const normal = posix.normalize(decodeURI(base))
  return normal.startsWith('..') || posix.isAbsolute(normal) ? undefined : normal
}

/** Reads every image of a publication before layout (layout is synchronous). */
export async function loadImages(d: Disclosure, readAsset: (path: string) => Promise<Uint8Array>): Promise<Map<string, LoadedImage>> {
  const urls = new Set<string>()
  const walk = (node: Nodes) => {
    if (node.type === 'image') urls.add(node.url)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(d.tree)
  const images = new Map<string, LoadedImage>()
  await Promise.all(
    [...urls].map(async (url) => {
      const path = assetPath(d, url)
      if (path === undefined) {
        images.set(url, { ok: false, reason: '不是项目 assets/ 目录下的文件（打印时不下载网络图片）' })
        return
      }
      try {
        images.set(url, { ok: true, data: await readAsset(path) })
      } catch {
        images.set(url, { ok: false, reason: `找不到文件 ${path}` })
      }
    }),
  )
  return images
}

/** Document metadata and options shared by single sheets and batches. */
export function createDocument(title: string, author: string, date: string): PDFKit.PDFDocument {
  // A fixed creation date (the publication's own) keeps the bytes the same from build to build.
  const created = new Date(`${date}T00:00:00+08:00`)
  const PDFDocument = loadPdfKit()
  const doc = new PDFDocument({
    // No default Helvetica: pdfkit parses its metrics for every document (about 5% of a sheet in the profile) and no sheet sets it.
    font: null as unknown as string,
    autoFirstPage: false,
    margin: 0,
    compress: true,
    fontLayoutCache: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Author: author, Creator: 'gongkai', Producer: 'gongkai', CreationDate: created, ModDate: created },
  })
  // Font ids as pdfkit numbers them with its default font (F1): the same resource names and subset tags, the same bytes.
  ;(doc as unknown as { _fontCount: number })._fontCount = 1
  sharePageObjects(doc)
  return doc
}

/** Ends the document and collects its bytes. */
export function finishDocument(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => {
      const all = Buffer.concat(chunks)
      resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength))
    })
    doc.on('error', reject)
    doc.end()
  })
}
