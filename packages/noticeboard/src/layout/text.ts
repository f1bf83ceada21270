/**
 * Chinese line breaking on a character grid: every ideograph is a break opportunity, Latin words
 * stay whole unless longer than the line, and kinsoku is @gongkai/typeset's (UAX #14 and clreq):
 * what never starts a line is squeezed in by up to half an em or pulled down with the character
 * before it, what never ends one goes down with the next, —— and …… stay together. Lines are justified by character spacing, which pdfkit's `justify` cannot do for Chinese, and written by
 * the compact text writer.
 */
import type { FaceBook, FaceName } from './pdf-fonts.js'
import { mayBreakBetween, neverEndsLine, neverStartsLine } from '@gongkai/typeset'
import { isInvisible, isWide } from './punctuation.js'
import { textWriter } from './text-writer.js'

/** How a run of text is set. */
export interface TextStyle {
  readonly face: Exclude<FaceName, 'fallback'>
  readonly size: number
  readonly color?: string
  readonly strike?: boolean
  /** Baseline shift upwards in points (footnote marks). */
  readonly rise?: number
}

/** A run of text with its style and, for messages, where it starts in the source file. */
export interface Piece {
  readonly text: string
  readonly style: TextStyle
  /** The footnote this piece refers to (its mark), so that the note can follow it to its page. */
  readonly note?: string
  readonly line?: number
  readonly column?: number
}

/** A character the fonts cannot draw, with where it stands. */
export interface MissingChar {
  readonly char: string
  readonly line: number | undefined
  readonly column: number | undefined
}

/** The smallest unit the breaker moves: an ideograph, a Latin word, a space, or a forced break. */
export interface Atom {
  readonly text: string
  readonly face: FaceName
  readonly style: TextStyle
  readonly width: number
  /** Glyphs in `text` (code points). */
  readonly count: number
  readonly kind: 'wide' | 'word' | 'space' | 'break'
  /** The footnote a mark refers to. */
  readonly note?: string
}

/** One set line. */
export interface Line {
  readonly atoms: readonly Atom[]
  readonly width: number
  /** Ended by a forced break or the end of the paragraph: never justified. */
  readonly last: boolean
}

/** The mark printed where no font has the glyph (geta mark 〓, the typesetter's sign for a missing character). */
export const MISSING_MARK = '〓'

/** Turns pieces into atoms, replacing characters that no face can draw with 〓 and reporting each. */
export function atomize(pieces: readonly Piece[], book: FaceBook, maxWidth: number, onMissing: (m: MissingChar) => void): Atom[] {
  const atoms: Atom[] = []
  for (const piece of pieces) {
    const { style } = piece
    const note = piece.note === undefined ? {} : { note: piece.note }
    let word = ''
    let wordFace: FaceName = style.face
    let wordWidth = 0
    let wordCount = 0
    const flushWord = () => {
      if (word === '') return
      if (wordWidth > maxWidth) {
        // Longer than a line (a URL): it breaks anywhere.
        for (const ch of word) atoms.push({ text: ch, face: wordFace, style, width: book.advance(wordFace, ch.codePointAt(0) ?? 0) * style.size, count: 1, kind: 'word', ...note })
      } else {
        atoms.push({ text: word, face: wordFace, style, width: wordWidth, count: wordCount, kind: 'word', ...note })
      }
      word = ''
      wordWidth = 0
      wordCount = 0
    }
    let line = piece.line
    let column = piece.column
    for (const ch of piece.text) {
      const cp = ch.codePointAt(0) ?? 0
      if (ch === '\n') {
        flushWord()
        atoms.push({ text: '', face: style.face, style, width: 0, count: 0, kind: 'break', ...note })
        if (line !== undefined) line++
        if (column !== undefined) column = 1
        continue
      }
      const here = column
      if (column !== undefined) column += ch.length
      if (isInvisible(cp)) continue
      let face: FaceName = style.face
      let text = ch
      let code = cp
      if (!book.covers(face, cp)) {
        if (book.has('fallback') && book.covers('fallback', cp)) face = 'fallback'
        else {
          onMissing({ char: ch, line, column: here })
          text = MISSING_MARK
          code = MISSING_MARK.codePointAt(0) ?? 0
        }
      }
      if (cp === 0x20 || cp === 0x09 || cp === 0x3000) {
        flushWord()
        atoms.push({ text: cp === 0x3000 ? ch : ' ', face, style, width: book.advance(face, cp === 0x3000 ? cp : 0x20) * style.size, count: 1, kind: 'space', ...note })
        continue
      }
      const width = book.advance(face, code) * style.size
      if (text === MISSING_MARK || isWide(cp)) {
        flushWord()
        atoms.push({ text, face, style, width, count: 1, kind: 'wide', ...note })
        continue
      }
      if (word !== '' && face !== wordFace) flushWord()
      wordFace = face
      word += text
      wordWidth += width
      wordCount++
    }
    flushWord()
  }
  return atoms
}

const EPS = 0.01

/** May a line break between these two atoms: after a space always, before a footnote mark never (it belongs to the word before it), else as kinsoku says. */
function breakable(prev: Atom, next: Atom): boolean {
  if (next.note !== undefined && next.kind !== 'space') return false
  if (prev.kind === 'space' || next.kind === 'space') return true
  return mayBreakBetween(lastChar(prev), firstChar(next))
}

/** A mark that carries half an em of blank in its cell and so can be squeezed: punctuation, not 々 or ー. */
function squeezes(ch: string): boolean {
  return /\p{P}/u.test(ch) && (neverStartsLine(ch) || neverEndsLine(ch))
}

function firstChar(a: Atom): string {
  return a.text.slice(0, a.text.codePointAt(0)! > 0xffff ? 2 : 1)
}

function lastChar(a: Atom): string {
  const s = a.text
  if (s.length >= 2 && s.charCodeAt(s.length - 1) >= 0xdc00 && s.charCodeAt(s.length - 1) <= 0xdfff) return s.slice(-2)
  return s.slice(-1)
}

function squeezable(line: readonly Atom[], extra: Atom): number {
  let n = 0
  for (const a of line) if (a.kind === 'wide' && squeezes(a.text)) n++
  return (n + 1) * extra.style.size * 0.5
}

function sum(atoms: readonly Atom[]): number {
  let w = 0
  for (const a of atoms) w += a.width
  return w
}

function finish(atoms: Atom[], last: boolean): Line {
  while (atoms.length > 0 && atoms[atoms.length - 1]!.kind === 'space') atoms.pop()
  return { atoms, width: sum(atoms), last }
}

/** Breaks atoms into lines: the first `firstWidth` wide, the rest `restWidth`. */
export function breakLines(atoms: readonly Atom[], firstWidth: number, restWidth: number): Line[] {
  const lines: Line[] = []
  let cur: Atom[] = []
  let w = 0
  let i = 0
  while (i < atoms.length) {
    const a = atoms[i]!
    if (a.kind === 'break') {
      lines.push(finish(cur, true))
      cur = []
      w = 0
      i++
      continue
    }
    if (cur.length === 0 && a.kind === 'space' && lines.length > 0 && a.text === ' ') {
      i++
      continue
    }
    const max = lines.length === 0 ? firstWidth : restWidth
    if (w + a.width <= max + EPS || cur.length === 0) {
      cur.push(a)
      w += a.width
      i++
      continue
    }
    if (a.kind === 'space') {
      lines.push(finish(cur, false))
      cur = []
      w = 0
      i++
      continue
    }
    const next = atoms[i + 1]
    // Squeeze one closing mark into the line: every CJK punctuation mark in it carries half an em of blank to give.
    if (squeezes(firstChar(a)) && neverStartsLine(firstChar(a)) && w + a.width - max <= squeezable(cur, a) + EPS && !(next !== undefined && !breakable(a, next))) {
      cur.push(a)
      lines.push(finish(cur, false))
      cur = []
      w = 0
      i++
      continue
    }
    // Pull atoms down until the line may break between this line's end and the next line's start.
    let k = cur.length
    let head: Atom = a
    while (k > 0 && !breakable(cur[k - 1]!, head)) {
      head = cur[k - 1]!
      k--
    }
    if (k === 0) k = cur.length
    const moved = cur.splice(k)
    lines.push(finish(cur, false))
    cur = moved
    w = sum(moved)
  }
  if (cur.length > 0 || lines.length === 0) lines.push(finish(cur, true))
  return lines
}

/** How a line sits in its measure. */
export type Align = 'justify' | 'left' | 'center' | 'right'

/** Draws one line with its baseline at `baseline`, starting at `x` within `measure`. */
export function drawLine(doc: PDFKit.PDFDocument, book: FaceBook, line: Line, x: number, baseline: number, measure: number, align: Align): void {
  const atoms = line.atoms
  if (atoms.length === 0) return
  let count = 0
  for (const a of atoms) count += a.count
  let spacing = 0
  const extra = measure - line.width
  if (align === 'justify' && count > 1 && (!line.last || extra < 0)) {
    spacing = extra / (count - 1)
    // A line that would gape (one long word pulled down) stays ragged instead.
    if (spacing > (atoms[0]?.style.size ?? 16) * 0.5) spacing = 0
  } else if (extra < 0 && count > 1) spacing = extra / (count - 1)
  if (align === 'center' && extra > 0) x += extra / 2
  else if (align === 'right' && extra > 0) x += extra
  const writer = textWriter(doc)
  let i = 0
  while (i < atoms.length) {
    const first = atoms[i]!
    let text = first.text
    let width = first.width
    let n = first.count
    let j = i + 1
    while (j < atoms.length && atoms[j]!.face === first.face && atoms[j]!.style === first.style) {
      text += atoms[j]!.text
      width += atoms[j]!.width
      n += atoms[j]!.count
      j++
    }
    const style = first.style
    const want = style.color ?? '#000000'
    const font = book.use(doc, first.face, style.size)
    const y = baseline - (style.rise ?? 0)
    writer.show(font, style.size, want, x, y, spacing, text)
    const advance = width + spacing * n
    if (style.strike === true) {
      const sy = y - style.size * 0.3
      doc
        .save()
        .moveTo(x, sy)
        .lineTo(x + advance - spacing, sy)
        .lineWidth(style.size / 16)
        .strokeColor(want)
        .stroke()
        .restore()
    }
    x += advance
    i = j
  }
}
