/**
 * A document that is not a publication (an annual report, a letter to an applicant) set in the same
 * GB/T 9704-2012 layout as the sheets: title in 2号 小标宋, the body's headings, paragraphs and tables
 * through the one set of handlers, the signature (issuing body over the date, four characters from
 * the right) and "— N —" page numbers. No masthead, no QR code: it is not pinned to a board.
 */
import type { Diagnostic, Disclosure, ProjectConfig } from '@gongkai/core'
import { formatChineseDate, parseTimeLimit } from '@gongkai/core'
import type { FootnoteDefinition, Root } from 'mdast'
import { bookFor } from './fonts.js'
import type { Paper } from './layout/geometry.js'
import { Sheet } from './layout/sheet.js'
import { createRenderState } from './render/create-state.js'
import { footnoteSource, setNotes, setTitle } from './render/parts.js'
import { setText } from './render/set-text.js'
import { STYLES, createReporters } from './render/state.js'
import { createDocument, finishDocument } from './render/render-sheet.js'

/** What `renderDocument` sets. */
export interface DocumentInput {
  /** The title (2号, centred, balanced over lines). */
  readonly title: string
  /** The body: headings, paragraphs, lists and GFM tables. Positions, when present, are lines of `file`. */
  readonly tree: Root
  /** The date under the signature and in the PDF's metadata (YYYY-MM-DD). */
  readonly date: string
  /** Who signs it; the config's issuing body when absent. */
  readonly organ?: string
  /** 发文字号 (e.g. 青环依申〔2026〕3号), right above the title. */
  readonly docNumber?: string
  /** 主送: the addressee (a letter's applicant), flush left under the title (GB/T 9704-2012 7.3.2). */
  readonly addressee?: string
  /** The file the tree came from, for messages (missing glyphs). */
  readonly file?: string
  /** A stable name for messages (`2026-ysq-001`, `annual-report-2026`). */
  readonly subject?: string
}

/** Options of `renderDocument`. */
export interface RenderDocumentOptions {
  readonly paper?: Paper
  /** Where content problems go (characters no font has). */
  readonly report?: (d: Diagnostic) => void
}

/** The PDF and its page count. */
export interface RenderedDocument {
  readonly pdf: Uint8Array
  readonly pages: number
}

/** A disclosure-shaped holder, so the body handlers (which report against a publication) set a document as they set a sheet. */
function holder(input: DocumentInput): Disclosure {
  const id = input.subject ?? 'document'
  return {
    item: { code: '', name: '', category: '', basis: [], content: '', owner: '', timeLimit: parseTimeLimit('长期公开'), channels: [], audience: 'specific', mode: 'on-request', level: ['county'] },
    publication: {
      id,
      item: '',
      title: input.title,
      ...(input.docNumber === undefined ? {} : { docNumber: input.docNumber }),
      kind: 'release',
      stage: 'result',
      formed: input.date,
      attachments: [],
      tags: [],
      body: '',
      source: { file: input.file ?? id, bodyLine: 1 },
    },
    tree: input.tree,
    links: { interpretations: [], responses: [] },
    revision: '',
    indexNo: '',
  }
}

/** Sets a document as a GB/T 9704 PDF. Pure: the same input and fonts give the same bytes. */
export async function renderDocument(input: DocumentInput, config: Pick<ProjectConfig, 'fonts' | 'fontPlaces' | 'body'>, options: RenderDocumentOptions = {}): Promise<RenderedDocument> {
  const report = options.report ?? (() => {})
  const book = bookFor(config.fonts, report, config, config.fontPlaces)
  const organ = input.organ ?? config.body.name
  const doc = createDocument(input.title, organ, input.date)
  book.register(doc)
  const d = holder(input)
  const sheet = new Sheet(doc, book, { paper: options.paper ?? 'A4' })
  const noteDefinitions = new Map<string, FootnoteDefinition>()
  for (const node of input.tree.children) if (node.type === 'footnoteDefinition') noteDefinitions.set(node.identifier, node)
  const state = createRenderState({
    sheet,
    book,
    disclosure: d,
    baseUrl: '/',
    images: new Map(),
    noteNumbers: new Map(),
    noteDefinitions,
    placedNotes: new Set(),
    marker: undefined,
    ...createReporters(d, book.has('fallback'), report),
  })
  sheet.noteSource = footnoteSource(state)
  sheet.newPage()
  if (input.docNumber !== undefined) {
    setText([{ text: input.docNumber, style: STYLES.body }], state, { left: sheet.left, width: sheet.width, indent: false }, { style: STYLES.body, align: 'right', indent: 0 })
    sheet.skip(1)
  }
  setTitle(state, organ)
  if (input.addressee !== undefined)
    setText([{ text: `${input.addressee}：`, style: STYLES.body }], state, { left: sheet.left, width: sheet.width, indent: false }, { style: STYLES.body, align: 'left', indent: 0 })
  state.all(input.tree.children, { left: sheet.left, width: sheet.width, indent: true })
  setNotes(state)
  // 成文日期 four characters in from the right, the issuing body centred over it (GB/T 9704-2012 7.3.5.1).
  const em = STYLES.body.size
  const date = formatChineseDate(input.date)
  const measure = (text: string) => [...text].reduce((w, ch) => w + book.advance('serif', ch.codePointAt(0) ?? 0) * em, 0)
  sheet.snap()
  if (sheet.room < 3 * sheet.g.pitch) sheet.newPage()
  else sheet.skip(1)
  const dateWidth = measure(date)
  const dateRight = sheet.left + sheet.width - 4 * em
  const organWidth = Math.min(measure(organ), sheet.width)
  const organLeft = Math.max(sheet.left, Math.min(dateRight - dateWidth / 2 - organWidth / 2, sheet.left + sheet.width - organWidth))
  setText([{ text: organ, style: STYLES.body }], state, { left: organLeft, width: sheet.left + sheet.width - organLeft, indent: false }, { style: STYLES.body, align: 'left', indent: 0 })
  setText([{ text: date, style: STYLES.body }], state, { left: dateRight - dateWidth, width: dateWidth + 4 * em, indent: false }, { style: STYLES.body, align: 'left', indent: 0 })
  return { pdf: await finishDocument(doc), pages: sheet.pages }
}
