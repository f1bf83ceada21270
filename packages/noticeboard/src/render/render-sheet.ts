/** One publication set as GB/T 9704 pages inside a pdfkit document. */
import { posix } from 'node:path'
import type { Diagnostic, Disclosure } from '@gongkai/core'
import type { FootnoteDefinition, Nodes } from 'mdast'
import type PDFKitDocument from 'pdfkit'
import { lazyRequire } from '@gongkai/core/internal'
import { sharePageObjects } from '../layout/page-objects.js'
import type { Paper } from '../layout/geometry.js'
import type { FaceBook } from '../layout/pdf-fonts.js'
import { Sheet } from '../layout/sheet.js'
import { createRenderState } from './create-state.js'
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
}

/** The web page of a publication (the website channel's documented path; channels never import each other). */
export function publicationUrl(baseUrl: string, id: string): string {
  return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}p/${id}.html`
}

/** Sets one publication from a fresh page on; returns its page count. */
export function setPublication(doc: PDFKit.PDFDocument, d: Disclosure, setup: SheetSetup): number {
  const sheet = new Sheet(doc, setup.book, { paper: setup.paper, ...(setup.folioOffset === undefined ? {} : { folioOffset: setup.folioOffset }) })
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
  state.all(d.tree.children, { left: sheet.left, width: sheet.width, indent: true })
  setNotes(state)
  setAttachments(state)
  setClosing(state, setup.organ, publicationUrl(setup.baseUrl, d.publication.id), setup.phone)
  return sheet.pages
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
    autoFirstPage: false,
    margin: 0,
    compress: true,
    fontLayoutCache: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Author: author, Creator: 'gongkai', Producer: 'gongkai', CreationDate: created, ModDate: created },
  })
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
