/**
 * Writes text into a pdfkit document's content stream in the compact form a typesetter would:
 * consecutive lines share one text object, positions are relative (`Td`) and rounded to 0.01 pt,
 * and font, colour and character spacing are set only when they change. pdfkit's `text()` opens
 * a text object, saves the state, flips the axes and writes six-decimal absolute positions for
 * every run; on a page of Chinese that costs more than the glyphs themselves.
 *
 * pdfkit still embeds the fonts (subsets, widths, ToUnicode): runs are encoded through its font
 * objects, so text extraction and copy-paste work as before.
 */

/** The part of pdfkit's embedded font that the writer uses. */
export interface PdfFont {
  readonly id: string
  ref(): unknown
  encode(text: string): [string[], unknown]
}

interface DocInternals {
  page: { fonts: Record<string, unknown> }
  addContent(data: string): unknown
  addPage(options?: unknown): unknown
  end(): unknown
}

/** Rounds to `places` decimals and prints without trailing zeros (and never "-0"). */
function num(n: number, places = 2): string {
  const k = 10 ** places
  const r = Math.round(n * k) / k
  return r === 0 ? '0' : String(r)
}

function rgb(hex: string): string {
  const h = hex.replace(/^#/, '')
  const full = h.length === 3 ? h.replace(/./g, (c) => c + c) : h
  const v = Number.parseInt(full, 16)
  const c = (s: number) => num(((v >> s) & 0xff) / 255, 3)
  return `${c(16)} ${c(8)} ${c(0)} rg`
}

/** A text writer bound to one document. */
export class TextWriter {
  readonly #doc: DocInternals
  readonly #add: (data: string) => unknown
  #open = false
  #writing = false
  readonly #pageEnd: (() => void)[] = []
  #page: unknown = undefined
  #font = ''
  #size = Number.NaN
  #color = ''
  #spacing = 0
  /** Start of the current line, rounded, in user space (y down). */
  #x = 0
  #y = 0

  constructor(doc: PDFKit.PDFDocument) {
    const d = doc as unknown as DocInternals
    this.#doc = d
    const add = d.addContent.bind(d)
    this.#add = add
    // Anything else drawn (rules, boxes, images, a new page, the end) closes the open text
    // object first, so z-order and the graphics state stay as pdfkit expects.
    d.addContent = (data: string) => {
      if (this.#open && !this.#writing) this.close()
      return add(data)
    }
    const addPage = d.addPage.bind(d)
    d.addPage = (options?: unknown) => {
      this.#endPage()
      return addPage(options)
    }
    const end = d.end.bind(d)
    d.end = () => {
      this.#endPage()
      return end()
    }
  }

  /** Runs `fn` once, when the current page is about to end (before the next page or the end). */
  atPageEnd(fn: () => void): void {
    this.#pageEnd.push(fn)
  }

  #endPage(): void {
    const fns = this.#pageEnd.splice(0)
    for (const fn of fns) fn()
    this.close()
  }

  /**
   * Shows `text` in `font` at `size` with its baseline origin at (x, y) (y down from the page top),
   * `spacing` points added after every glyph, filled in `color` (#rrggbb).
   */
  show(font: PdfFont, size: number, color: string, x: number, y: number, spacing: number, text: string): void {
    const d = this.#doc
    if (d.page !== this.#page) {
      this.#page = d.page
      this.#open = false
    }
    if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref()
    const [glyphs] = font.encode(text)
    const out: string[] = []
    const rx = Math.round(x * 100) / 100
    const ry = Math.round(y * 100) / 100
    if (!this.#open) {
      // q … Q keeps Tc, Tf and the fill colour from leaking into what pdfkit draws next.
      out.push('q', 'BT', `1 0 0 -1 ${num(rx)} ${num(ry)} Tm`)
      this.#font = ''
      this.#color = ''
      this.#spacing = 0
      this.#open = true
    } else {
      // Text space runs y up (the matrix above flips it), so a move down is a negative ty.
      out.push(`${num(rx - this.#x)} ${num(this.#y - ry)} Td`)
    }
    this.#x = rx
    this.#y = ry
    if (font.id !== this.#font || size !== this.#size) {
      out.push(`/${font.id} ${num(size)} Tf`)
      this.#font = font.id
      this.#size = size
    }
    if (color !== this.#color) {
      out.push(rgb(color))
      this.#color = color
    }
    const tc = Math.round(spacing * 1000) / 1000
    if (tc !== this.#spacing) {
      out.push(`${num(tc, 3)} Tc`)
      this.#spacing = tc
    }
    out.push(`<${glyphs.join('')}> Tj`)
    this.#write(out.join('\n'))
  }

  /** Ends the open text object, if any. */
  close(): void {
    if (!this.#open) return
    this.#open = false
    this.#write('ET\nQ')
  }

  #write(data: string): void {
    this.#writing = true
    try {
      this.#add(data)
    } finally {
      this.#writing = false
    }
  }
}

const writers = new WeakMap<PDFKit.PDFDocument, TextWriter>()

/** The document's text writer, created on first use. */
export function textWriter(doc: PDFKit.PDFDocument): TextWriter {
  let w = writers.get(doc)
  if (w === undefined) {
    w = new TextWriter(doc)
    writers.set(doc, w)
  }
  return w
}
