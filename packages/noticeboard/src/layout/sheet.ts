/**
 * A cursor over the pages of one publication (or the index) inside a pdfkit document: the type
 * area, the 22-line grid, page breaks and the page number "— N —" (odd pages right, even left).
 */
import type { FaceBook } from './pdf-fonts.js'
import type { Align, Line } from './text.js'
import { drawLine } from './text.js'
import { textWriter } from './text-writer.js'
import type { Geometry, Paper } from './geometry.js'
import { GEOMETRY, paperScale, paperSize } from './geometry.js'

const EPS = 0.01

/** A footnote set at the foot of the page its reference falls on. */
export interface FootNote {
  /** Height of its lines in points. */
  readonly height: number
  /** Sets the note with its first line box's top at `top`. */
  draw(top: number): void
}

/** Space above the first footnote of a page: the short rule and a gap. */
export const NOTE_RULE = 10

/**
 * How a publication's last pages give way so that its signature never stands alone on a page
 * (GB/T 9704-2012 7.3.5.1: 调整行距、字距 so the body shares the page), found by a trial setting.
 */
export interface SheetPlan {
  /** From `y` on this page (the sheet's own numbering) on, lines are set at this pitch instead of the grid's (the header keeps the grid). */
  readonly tighten?: { readonly page: number; readonly y: number; readonly pitch: number }
  /** On this page the body ends above `y`, so that what follows goes over to the next page with the signature. */
  readonly end?: { readonly page: number; readonly y: number }
}

/** Where and how a sheet writes. */
export interface SheetOptions {
  readonly paper: Paper
  /** Physical page parity decides the page number side in duplex batches; default: own numbering. */
  readonly folioOffset?: number
  readonly plan?: SheetPlan
  /** A 预览稿 (an unreviewed publication in a preview build): every page carries the preview mark. */
  readonly preview?: boolean
}

/** The diagonal mark and the page-head line of a 预览稿 sheet. */
export const PREVIEW_MARK = { text: '预览稿', head: '预览稿（未经保密审查，不得张贴）', color: '#d81e06', opacity: 0.14, size: 190, headSize: 14 } as const

/** A writer for one run of numbered pages. */
export class Sheet {
  readonly doc: PDFKit.PDFDocument
  readonly book: FaceBook
  readonly paper: Paper
  readonly plan: SheetPlan
  /** Pages begun by this sheet (its own numbering). */
  pages = 0
  /** Top of the next line box, in A4 points from the page top. */
  y = 0
  /** Footnotes that a line refers to and that are not placed yet (set by the publication's renderer). */
  noteSource: ((line: Line) => FootNote[]) | undefined
  readonly #offset: number
  readonly #preview: boolean
  readonly #tight: Geometry | undefined
  /** Footnotes on the current page, and the room they take at its foot. */
  #notes: FootNote[] = []
  #reserve = 0
  /** Tops of the text lines set on the current page, in order, and on the page before. */
  #lineTops: number[] = []
  #previousTops: number[] = []

  constructor(doc: PDFKit.PDFDocument, book: FaceBook, options: SheetOptions) {
    this.doc = doc
    this.book = book
    this.paper = options.paper
    this.#offset = options.folioOffset ?? 0
    this.#preview = options.preview === true
    this.plan = options.plan ?? {}
    const tighten = this.plan.tighten
    this.#tight = tighten === undefined ? undefined : { ...GEOMETRY, pitch: tighten.pitch }
  }

  /** The layout numbers of the current page: the grid's, or with the plan's tighter pitch on the last page(s). */
  get g(): Geometry {
    const tighten = this.plan.tighten
    if (this.#tight === undefined || tighten === undefined) return GEOMETRY
    return this.pages > tighten.page || (this.pages === tighten.page && this.y >= tighten.y - EPS) ? this.#tight : GEOMETRY
  }

  get left(): number {
    return this.g.left
  }
  get width(): number {
    return this.g.width
  }
  get top(): number {
    return this.g.top
  }
  /** Bottom of the room for body text: the type area's, less the current page's footnotes. */
  get bottom(): number {
    const end = this.plan.end
    const bottom = this.g.top + this.g.height - this.#reserve
    return end !== undefined && end.page === this.pages ? Math.min(bottom, end.y) : bottom
  }
  /** Room left on the page below the cursor. */
  get room(): number {
    return this.bottom - this.y
  }
  /** True when nothing has been set on the current page yet. */
  get fresh(): boolean {
    return this.y <= this.top + EPS
  }

  /** Starts a new page with its page number. */
  newPage(): void {
    const [w, h] = paperSize(this.paper)
    this.doc.addPage({ size: [w, h], margin: 0 })
    const k = paperScale(this.paper)
    if (k !== 1) this.doc.scale(k)
    this.pages++
    this.y = this.top
    const notes: FootNote[] = []
    this.#notes = notes
    this.#reserve = 0
    this.#previousTops = this.#lineTops
    this.#lineTops = []
    // Drawn first, so the text lies over the mark and stays readable through it.
    if (this.#preview) this.#previewMark()
    // Footnotes and the page number are written last, so that text extraction and screen
    // readers meet them after the page's text, where they stand.
    const n = this.pages
    textWriter(this.doc).atPageEnd(() => {
      this.#footnotes(notes)
      this.#folio(n)
    })
  }

  /**
   * Makes room for a line of `height` and for the footnotes it refers to: both go on this page
   * or, when they do not fit, on a new one.
   */
  ensureLine(line: Line, height: number): void {
    const notes = this.noteSource?.(line) ?? []
    if (notes.length === 0) this.ensure(height)
    else {
      const need = () => notes.reduce((sum, note) => sum + note.height, 0) + (this.#notes.length === 0 ? NOTE_RULE : 0)
      if (this.pages === 0 || this.y + height + need() > this.bottom + EPS) this.newPage()
      this.#reserve += need()
      this.#notes.push(...notes)
    }
    this.#lineTops.push(this.y)
  }

  /** Tops of the text lines set on the current page so far, in order (what a plan moves over with the signature). */
  get lineTops(): readonly number[] {
    return this.#lineTops
  }

  /** Tops of the text lines set on the page before the current one. */
  get previousLineTops(): readonly number[] {
    return this.#previousTops
  }

  #footnotes(notes: readonly FootNote[]): void {
    if (notes.length === 0) return
    const total = notes.reduce((sum, note) => sum + note.height, 0) + NOTE_RULE
    let top = this.g.top + this.g.height - total
    const ruleY = top + NOTE_RULE / 2 - 1
    this.noteRule(ruleY)
    top += NOTE_RULE
    for (const note of notes) {
      note.draw(top)
      top += note.height
    }
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  /** The short rule above notes, a quarter of the type area wide, at `y`: footnotes at a page's foot and notes at the end share it. */
  noteRule(y: number): void {
    this.doc
      .save()
      .moveTo(this.left, y)
      .lineTo(this.left + this.width / 4, y)
      .lineWidth(0.6)
      .strokeColor('#000000')
      .stroke()
      .restore()
  }

  ensure(height: number): void {
    if (this.pages === 0 || this.y + height > this.bottom + EPS) this.newPage()
  }

  /** Moves the cursor down to the next grid line. */
  snap(): void {
    const steps = Math.ceil((this.y - this.top) / this.g.pitch - EPS)
    this.y = this.top + Math.max(0, steps) * this.g.pitch
  }

  /** Skips `n` grid lines (never past the page end; a skip at a page's top is dropped). */
  skip(n = 1): void {
    if (this.fresh) return
    this.y = Math.min(this.bottom, this.y + n * this.g.pitch)
  }

  /** Baseline of a line of `size` centred in a box of `pitch` whose top is `top` (CJK em box: 0.88 above the baseline). */
  baseline(top: number, pitch: number, size: number): number {
    return top + (pitch - size) / 2 + size * 0.88
  }

  /**
   * Sets lines one per `pitch`, breaking pages as needed; `indentFirst` is added to the first
   * line's left. Returns nothing; the cursor ends below the last line.
   */
  setLines(lines: readonly Line[], o: { left: number; width: number; indentFirst?: number; pitch?: number; size: number; align: Align }): void {
    lines.forEach((line, i) => {
      this.ensureLine(line, o.pitch ?? this.g.pitch)
      // Read after the break: the new page may be one the plan tightens.
      const pitch = o.pitch ?? this.g.pitch
      const indent = i === 0 ? (o.indentFirst ?? 0) : 0
      drawLine(this.doc, this.book, line, o.left + indent, this.baseline(this.y, pitch, o.size), o.width - indent, o.align)
      this.y += pitch
    })
  }

  /**
   * 预览稿 across the page along its diagonal, light and translucent, and the warning centred in the
   * top margin: a printed preview cannot pass for a sheet to post. Neither takes a grid line, so a
   * preview paginates exactly as the real sheet will.
   */
  #previewMark(): void {
    const g = this.g
    const doc = this.doc
    const writer = textWriter(doc)
    const widthOf = (text: string, size: number) => [...text].reduce((w, ch) => w + this.book.advance('sans', ch.codePointAt(0) ?? 0) * size, 0)
    const { text, head, color, opacity, size, headSize } = PREVIEW_MARK
    const cx = g.pageWidth / 2
    const cy = g.pageHeight / 2
    const angle = (Math.atan2(g.pageHeight, g.pageWidth) * 180) / Math.PI
    doc.save()
    doc.fillOpacity(opacity)
    doc.rotate(-angle, { origin: [cx, cy] })
    // CJK em box: the baseline 0.38 em below the middle centres the characters on it.
    writer.show(this.book.use(doc, 'sans', size), size, color, cx - widthOf(text, size) / 2, cy + 0.38 * size, 0, text)
    doc.restore()
    const baseline = g.top / 2 + 0.38 * headSize
    writer.show(this.book.use(doc, 'sans', headSize), headSize, color, cx - widthOf(head, headSize) / 2, baseline, 0, head)
  }

  #folio(n: number): void {
    const g = this.g
    const text = `— ${n} —`
    const size = g.folioSize
    let width = 0
    for (const ch of text) width += this.book.advance('serif', ch.codePointAt(0) ?? 0) * size
    const odd = (n + this.#offset) % 2 === 1
    // 单页码居右空一字，双页码居左空一字 (GB/T 9704-2012 7.5).
    const x = odd ? g.left + g.width - size - width : g.left + size
    const baseline = g.top + g.height + g.folioGap + size * 0.88
    textWriter(this.doc).show(this.book.use(this.doc, 'serif', size), size, '#000000', x, baseline, 0, text)
  }
}
