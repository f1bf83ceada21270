/**
 * The day's print run: an index sheet (what to post, each with its take-down date, and what to take
 * down today), then every sheet to post, each from a new page (an odd page with `duplex`).
 */
import type { Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import { formatChineseDate, OptionsError, reviewLevelsOf } from '@gongkai/core'
import type { Root, RootContent, Table, TableRow } from 'mdast'
import { isDate } from '../dates.js'
import type { Paper } from '../layout/geometry.js'
import { paperSize } from '../layout/geometry.js'
import type { FaceBook } from '../layout/pdf-fonts.js'
import { Sheet } from '../layout/sheet.js'
import { bookFor } from '../fonts.js'
import { checkFallbackFont, checkPaper } from '../options.js'
import { createRenderState } from '../render/create-state.js'
import { setText } from '../render/set-text.js'
import { createDocument, finishDocument, loadImages, setPublication } from '../render/render-sheet.js'
import { STYLES } from '../render/state.js'
import type { PostedSheet, TakeDownSheet, WithdrawnSheet } from './select.js'
import { postedSheet, selectForDay } from './select.js'

/** Options of `renderBatch`. */
export interface BatchOptions {
  /** The day (YYYY-MM-DD) whose notice periods are printed. */
  readonly on: string
  readonly paper?: Paper
  /** Start every publication on an odd page, for two-sided printing. */
  readonly duplex?: boolean
  /** Fallback font file; default the config's `fonts.fallback`. */
  readonly fallbackFont?: string
  /** See `selectForDay`; default 7. */
  readonly lookbackDays?: number
  /** See `selectForDay`: withdrawn sheets an earlier day's run already listed. */
  readonly listedBefore?: ReadonlySet<string>
}

/** What `renderBatch` returns. */
export interface BatchResult {
  readonly pdf: Uint8Array
  /** Total pages, index and blank pages included. */
  readonly pages: number
  readonly posted: readonly PostedSheet[]
  readonly takeDown: readonly TakeDownSheet[]
  /** Withdrawn sheets listed under 今日撤下 with their reason. */
  readonly withdrawn: readonly WithdrawnSheet[]
  /** Every content problem found (missing glyphs, unreviewed sheets, images); not sent to `ctx.report`. */
  readonly diagnostics: readonly Diagnostic[]
}

const text = (value: string) => ({ type: 'text' as const, value })
const row = (cells: readonly string[]): TableRow => ({ type: 'tableRow', children: cells.map((c) => ({ type: 'tableCell', children: [text(c)] })) })
const tableOf = (head: readonly string[], rows: readonly (readonly string[])[]): Table => ({ type: 'table', align: head.map(() => null), children: [row(head), ...rows.map(row)] })

/** A date on the index: without the year when it is the print day's year. */
function short(date: string, on: string): string {
  const full = formatChineseDate(date)
  return date.slice(0, 4) === on.slice(0, 4) ? full.replace(/^\d{4}年/, '') : full
}

/**
 * The tables of the index. The item code is left to the sheets' own mastheads: five columns left
 * the titles a third of the line, four lines each; four give them two.
 */
function indexTree(on: string, posted: readonly PostedSheet[], takeDown: readonly TakeDownSheet[], withdrawn: readonly WithdrawnSheet[]): Root {
  const children: RootContent[] = [
    { type: 'heading', depth: 2, children: [text(`今日张贴（${posted.length}件）`)] },
    posted.length === 0
      ? { type: 'paragraph', children: [text('今日没有需要张贴的公示材料。')] }
      : tableOf(
          ['序号', '标题', '公示期', '撤下日期'],
          posted.map((p, i) => [String(i + 1), p.title, `${short(p.from, on)}至${short(p.until, on)}`, short(p.takeDownOn, on)]),
        ),
    { type: 'heading', depth: 2, children: [text(`今日撤下（${takeDown.length + withdrawn.length}件）`)] },
  ]
  if (takeDown.length === 0 && withdrawn.length === 0) children.push({ type: 'paragraph', children: [text('今日没有需要撤下的公示材料。')] })
  if (takeDown.length > 0)
    children.push(
      tableOf(
        ['序号', '标题', '公示期满', '应撤下日期'],
        takeDown.map((t, i) => [String(i + 1), t.title, short(t.until, on), short(t.takeDownOn, on)]),
      ),
    )
  // Withdrawn sheets come down at once and are never posted again: their own table says why.
  if (withdrawn.length > 0) {
    children.push({ type: 'paragraph', children: [text(`以下${withdrawn.length}件已撤回，请立即撤下，不再张贴：`)] })
    children.push(
      tableOf(
        ['序号', '标题', '撤回日期', '撤回原因'],
        withdrawn.map((w, i) => [String(takeDown.length + i + 1), w.title, short(w.on, on), w.reason]),
      ),
    )
  }
  return { type: 'root', children }
}

/** How the index was set: its pages, and whether its closing note had to start a page of its own. */
interface IndexLayout {
  readonly pages: number
  readonly closingAlone: boolean
}

/** How to set the index: with a blank line under its heading, and its closing note last or under the heading. */
interface IndexStyle {
  readonly gap: boolean
  readonly closingFirst: boolean
}

const INDEX_STYLES: readonly IndexStyle[] = [
  { gap: true, closingFirst: false },
  // Tighter, for an index that runs a few lines over its page.
  { gap: false, closingFirst: false },
  // For tables that fill the last page to its last line: the note stands under the heading.
  { gap: false, closingFirst: true },
]

/** Sets the index in the first style that keeps it to the fewest pages without its closing note alone on one; returns its pages. */
function setIndex(
  doc: PDFKit.PDFDocument,
  book: FaceBook,
  paper: Paper,
  organ: string,
  on: string,
  posted: readonly PostedSheet[],
  takeDown: readonly TakeDownSheet[],
  withdrawn: readonly WithdrawnSheet[],
): number {
  // Each style is tried on a scratch document: pdfkit cannot take back a page once begun.
  let chosen = INDEX_STYLES[0]!
  let best: IndexLayout | undefined
  for (const style of INDEX_STYLES) {
    const scratch = createDocument('', organ, on)
    book.register(scratch)
    const layout = layIndex(scratch, book, paper, organ, on, posted, takeDown, withdrawn, style)
    if (best === undefined || (best.closingAlone && !layout.closingAlone) || (!layout.closingAlone && layout.pages < best.pages)) {
      best = layout
      chosen = style
    }
    if (best.pages === 1) break
  }

  return layIndex(doc, book, paper, organ, on, posted, takeDown, withdrawn, chosen).pages
}

/** Sets the index in one style. */
function layIndex(
  doc: PDFKit.PDFDocument,
  book: FaceBook,
  paper: Paper,
  organ: string,
  on: string,
  posted: readonly PostedSheet[],
  takeDown: readonly TakeDownSheet[],
  withdrawn: readonly WithdrawnSheet[],
  style: IndexStyle,
): IndexLayout {
  const sheet = new Sheet(doc, book, { paper })
  // The index repeats titles that the sheets themselves report: its own missing glyphs are not reported twice.
  const state = createRenderState({
    sheet,
    book,
    disclosure: { publication: { id: 'index', title: '', source: { file: '<index>', bodyLine: 1 } } } as unknown as Disclosure,
    baseUrl: '',
    images: new Map(),
    noteNumbers: new Map(),
    noteDefinitions: new Map(),
    placedNotes: new Set(),
    marker: undefined,
    missing: () => {},
    warn: () => {},
  })
  const full = { left: sheet.left, width: sheet.width, indent: false }
  const closing = () => {
    sheet.snap()
    const before = sheet.pages
    // In at the paragraphs' indent, where it still fits one line in the small size.
    const left = sheet.left + 2 * STYLES.body.size
    setText(
      [{ text: `公示期满的材料请于撤下日期当天撤下；本清单按${formatChineseDate(on)}生成。`, style: STYLES.small }],
      state,
      { left, width: sheet.left + sheet.width - left, indent: false },
      { style: STYLES.small, align: 'left', indent: 0 },
    )
    return sheet.pages > before
  }
  sheet.newPage()
  setText([{ text: '公示栏张贴清单', style: STYLES.title }], state, full, { style: STYLES.title, align: 'center', indent: 0 })
  setText([{ text: `${organ}　${formatChineseDate(on)}`, style: STYLES.body }], state, full, { style: STYLES.body, align: 'center', indent: 0 })
  if (style.closingFirst) closing()
  else if (style.gap) sheet.skip(1)
  state.all(indexTree(on, posted, takeDown, withdrawn).children, { ...full, indent: true })
  const closingAlone = style.closingFirst ? false : closing()
  return { pages: sheet.pages, closingAlone }
}

/** Options of `renderSheets`. */
export interface SheetsOptions {
  readonly paper?: Paper
  /** Start every publication on an odd page, for two-sided printing. */
  readonly duplex?: boolean
  /** Fallback font file; default the config's `fonts.fallback`. */
  readonly fallbackFont?: string
}

/** What `renderSheets` returns. */
export interface SheetsResult {
  readonly pdf: Uint8Array
  readonly pages: number
  /** Content problems (missing glyphs, images); not sent to `ctx.report`. */
  readonly diagnostics: readonly Diagnostic[]
}

type Ctx = Pick<RenderContext, 'config' | 'readAsset'>

async function print(
  list: readonly Disclosure[],
  options: SheetsOptions,
  ctx: Ctx,
  diagnostics: Diagnostic[],
  index: ((doc: PDFKit.PDFDocument, book: FaceBook, paper: Paper) => number) | undefined,
  title: string,
  date: string,
): Promise<{ pdf: Uint8Array; pages: number }> {
  const paper = checkPaper(options.paper)
  const fallback = checkFallbackFont(options.fallbackFont) ?? ctx.config.fonts.fallback
  const report = (d: Diagnostic) => void diagnostics.push(d)
  const book = bookFor({ ...ctx.config.fonts, ...(fallback === undefined ? {} : { fallback }) }, report, diagnostics, ctx.config.fontPlaces)
  const images = await Promise.all(list.map((d) => loadImages(d, (p) => ctx.readAsset(p))))
  const organ = ctx.config.body.name
  const doc = createDocument(title, organ, date)
  book.register(doc)
  let pages = index === undefined ? 0 : index(doc, book, paper)
  list.forEach((d, i) => {
    if (options.duplex === true && pages % 2 === 1) {
      // The back of the previous sheet stays blank so that this one starts on a front.
      const [w, h] = paperSize(paper)
      doc.addPage({ size: [w, h], margin: 0 })
      pages++
    }
    pages += setPublication(doc, d, {
      book,
      paper,
      baseUrl: ctx.config.site.baseUrl,
      organ,
      ...(ctx.config.body.phone === undefined ? {} : { phone: ctx.config.body.phone }),
      images: images[i]!,
      report,
    })
  })
  return { pdf: await finishDocument(doc), pages }
}

/**
 * Prints the given publications into one PDF, each from a new page (an odd page with `duplex`),
 * without an index or any selection by date. Throws OptionsError for a bad `paper` or `fallbackFont`.
 */
export async function renderSheets(list: readonly Disclosure[], options: SheetsOptions, ctx: Ctx): Promise<SheetsResult> {
  const diagnostics: Diagnostic[] = []
  const first = list[0]?.publication
  const { pdf, pages } = await print(list, options, ctx, diagnostics, undefined, first?.title ?? '公示栏打印稿', first?.published ?? first?.formed ?? '2000-01-01')
  return { pdf, pages, diagnostics }
}

/**
 * Renders the day's print run as one PDF: the index sheet, then every sheet to post. Throws
 * OptionsError for a bad `on`, `paper` or `fallbackFont`; content problems come back in `diagnostics`.
 */
export async function renderBatch(all: readonly Disclosure[], options: BatchOptions, ctx: Ctx): Promise<BatchResult> {
  if (typeof options.on !== 'string' || !isDate(options.on)) {
    throw new OptionsError('noticeboard/bad-date', `打印日期 on 应为 YYYY-MM-DD 格式的日期，而不是“${String(options.on)}”`, { hint: '例如 gongkai print --on 2026-11-26' })
  }
  checkPaper(options.paper)
  const selection = selectForDay(all, options.on, {
    timezone: ctx.config.timezone,
    reviewLevels: reviewLevelsOf(ctx.config),
    ...(options.lookbackDays === undefined ? {} : { lookbackDays: options.lookbackDays }),
    ...(options.listedBefore === undefined ? {} : { listedBefore: options.listedBefore }),
  })
  const diagnostics: Diagnostic[] = [...selection.diagnostics]
  const posted = selection.posted.map(postedSheet)
  const organ = ctx.config.body.name
  const { pdf, pages } = await print(
    selection.posted,
    options,
    ctx,
    diagnostics,
    (doc, book, paper) => setIndex(doc, book, paper, organ, options.on, posted, selection.takeDown, selection.withdrawn),
    `公示栏张贴清单 ${options.on}`,
    options.on,
  )
  return { pdf, pages, posted, takeDown: selection.takeDown, withdrawn: selection.withdrawn, diagnostics }
}
