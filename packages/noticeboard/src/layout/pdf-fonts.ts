/**
 * Binds the resolved faces to a pdfkit document. Faces are parsed once per process (shared
 * fontkit objects) and each document embeds only the glyphs it used. Chinese needs no shaping
 * (no ligatures, no kerning in body text), so glyphs are mapped one per code point: the advances
 * pdfkit writes are the ones we measured, and a page costs a fraction of fontkit's shaper.
 * Subsetting is shared too: what fontkit reads of each glyph to copy it into a subset (its outline
 * bytes, its components, its metrics) is read once per process, not once per document.
 */
import type { FontFace, FontSet } from '@gongkai/fonts'
import { openFace } from '@gongkai/fonts/internal'
import { ERRORS, GongkaiError } from '@gongkai/core'
import type * as fontkit from 'fontkit'
import type { PdfFont } from './text-writer.js'

/** The faces a sheet sets text in: `serif` is the body face (the configured 仿宋, else Noto Serif SC), `title` and `heading` the configured 小标宋 and 黑体 (else Noto Serif SC Bold and Noto Sans SC). */
export type FaceName = 'serif' | 'serifBold' | 'sans' | 'sansBold' | 'title' | 'heading' | 'fallback'

interface Face {
  readonly face: FontFace
  readonly font: fontkit.Font
  readonly glyphs: Map<number, fontkit.Glyph>
  readonly perEm: number
  /** What a TrueType subset copies of each glyph id, read on first use. */
  readonly outlines: Map<number, Outline>
}

/** One glyph as fontkit's TrueType subset copies it: the raw `glyf` bytes, a compound's components, the metrics. */
interface Outline {
  readonly data: Uint8Array
  readonly components: readonly { readonly glyphID: number; readonly pos: number }[] | undefined
  readonly advance: number
  readonly bearing: number
}

/** The parts of fontkit's TTFSubset (2.0) that `_addGlyph` fills in. */
interface TrueTypeSubset {
  glyphEncoder?: unknown
  glyf: Uint8Array[]
  loca: { offsets: number[] }
  hmtx: { metrics: { advance: number; bearing: number }[] }
  offset: number
  includeGlyph(gid: number): number
  _addGlyph(gid: number): number
}

interface FontInternals {
  loca?: { offsets: number[] }
  _variationProcessor?: unknown
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array }
}

/** Reads one glyph as TTFSubset._addGlyph does, leaving out the outline decoding it needs only for compounds. */
function readOutline(font: fontkit.Font, gid: number): Outline {
  const internals = font as unknown as FontInternals
  const glyph = font.getGlyph(gid) as fontkit.Glyph & { _decode(): { numberOfContours: number; components: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } }
  const offsets = internals.loca!.offsets
  const start = offsets[gid] ?? 0
  const stream = internals._getTableStream('glyf')
  stream.pos += start
  const data = stream.readBuffer((offsets[gid + 1] ?? start) - start)
  // numberOfContours is the first int16 of a glyph; below zero it is a compound.
  const compound = data.byteLength >= 2 && (data[0]! & 0x80) !== 0
  const components = compound ? (glyph._decode()?.components.map((c) => ({ glyphID: c.glyphID, pos: c.pos })) ?? []) : undefined
  return { data, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing }
}

/** Makes a document's subset of the face copy glyphs from the process-wide outline cache (same bytes as fontkit's own). */
function shareSubsetting(subset: TrueTypeSubset, f: Face): void {
  const internals = f.font as unknown as FontInternals
  // CFF fonts and variable instances subset another way: leave them to fontkit.
  if (!('glyphEncoder' in subset) || typeof subset._addGlyph !== 'function' || internals.loca === undefined || internals._variationProcessor) return
  subset._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
    let o = f.outlines.get(gid)
    if (o === undefined) {
      o = readOutline(f.font, gid)
      f.outlines.set(gid, o)
    }
    let data = o.data
    if (o.components !== undefined) {
      // A compound names its components by glyph id: renumber them for this subset, in a copy.
      data = new Uint8Array(o.data)
      const view = new DataView(data.buffer)
      for (const c of o.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID))
    }
    this.glyf.push(data)
    this.loca.offsets.push(this.offset)
    this.hmtx.metrics.push({ advance: o.advance, bearing: o.bearing })
    this.offset += data.length
    return this.glyf.length - 1
  }
}

/** Faces for one font set, with glyph lookup and advance measurement. */
export interface FaceBook {
  readonly fonts: FontSet
  /** True when the face exists in this set (`fallback` may be absent). */
  has(name: FaceName): boolean
  /** True when the face draws the code point. */
  covers(name: FaceName, cp: number): boolean
  /** Advance in em of the code point in the face. */
  advance(name: FaceName, cp: number): number
  /** Prepares a new document (faces are registered with it as they are first used). */
  register(doc: PDFKit.PDFDocument): void
  /** Selects face and size on the document and returns its embedded font (for the text writer). */
  use(doc: PDFKit.PDFDocument, name: FaceName, size: number): PdfFont
}

interface EmbeddedLike {
  layoutRun(text: string): unknown
  scale: number
  subset?: TrueTypeSubset
}

const books = new WeakMap<FontSet, FaceBook>()

/** The face book of a font set (one per set per process). */
export function faceBook(fonts: FontSet): FaceBook {
  const cached = books.get(fonts)
  if (cached !== undefined) return cached
  // Faces are parsed on first use: a sheet without rare characters never reads the fallback file.
  const declared = new Map<FaceName, FontFace>()
  const faces = new Map<FaceName, Face>()
  const declare = (name: FaceName, face: FontFace | undefined) => {
    if (face !== undefined) declared.set(name, face)
  }
  // The body face, whatever the office configured, is what every `serif` run is set in.
  declare('serif', fonts.body)
  declare('serifBold', fonts.serifBold)
  declare('sans', fonts.sans)
  declare('sansBold', fonts.sansBold)
  declare('title', fonts.title)
  declare('heading', fonts.heading)
  declare('fallback', fonts.fallback)
  const opened = (name: FaceName): Face | undefined => {
    let f = faces.get(name)
    if (f === undefined) {
      const face = declared.get(name)
      if (face === undefined) return undefined
      const font = openFace(face)
      f = { face, font, glyphs: new Map(), perEm: font.unitsPerEm, outlines: new Map() }
      faces.set(name, f)
    }
    return f
  }
  const registered = new WeakMap<object, Set<FaceName>>()

  const get = (name: FaceName): Face => {
    const f = opened(name) ?? opened('serif')
    if (f === undefined) throw GongkaiError.from(ERRORS.NoticeboardNoFace, name)
    return f
  }
  const glyph = (f: Face, cp: number): fontkit.Glyph => {
    let g = f.glyphs.get(cp)
    if (g === undefined) {
      g = f.font.glyphForCodePoint(cp)
      f.glyphs.set(cp, g)
    }
    return g
  }
  const patched = new WeakSet<object>()
  const patch = (embedded: EmbeddedLike, f: Face) => {
    patched.add(embedded)
    if (embedded.subset !== undefined) shareSubsetting(embedded.subset, f)
    embedded.layoutRun = function layoutRun(text: string) {
      const glyphs: fontkit.Glyph[] = []
      const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[] = []
      let advanceWidth = 0
      for (const ch of text) {
        const g = glyph(f, ch.codePointAt(0) ?? 0)
        const w = g.advanceWidth * this.scale
        glyphs.push(g)
        positions.push({ xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w })
        advanceWidth += w
      }
      return { glyphs, positions, advanceWidth }
    }
  }

  const book: FaceBook = {
    fonts,
    has: (name) => declared.has(name),
    covers: (name, cp) => {
      const face = declared.get(name)
      return face !== undefined && fonts.hasGlyph(face, cp)
    },
    advance(name, cp) {
      const f = get(name)
      return glyph(f, cp).advanceWidth / f.perEm
    },
    register(doc) {
      registered.set(doc, new Set())
    },
    use(doc, name, size) {
      const target = declared.has(name) ? name : 'serif'
      let names = registered.get(doc)
      if (names === undefined) registered.set(doc, (names = new Set()))
      if (!names.has(target)) {
        doc.registerFont(target, get(target).font as unknown as string)
        names.add(target)
      }
      doc.font(target).fontSize(size)
      const embedded = (doc as unknown as { _font?: EmbeddedLike })._font
      if (embedded === undefined || typeof embedded.layoutRun !== 'function') throw GongkaiError.from(ERRORS.NoticeboardFontNotEmbedded, target)
      if (!patched.has(embedded)) patch(embedded, get(target))
      return embedded as unknown as PdfFont
    },
  }
  books.set(fonts, book)
  return book
}
