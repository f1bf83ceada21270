/**
 * What mammoth passes over without a word, found in the package's own XML: text boxes, shapes,
 * comments, tracked changes, page-layout tricks (sections, columns, vertical text, frames), the
 * fonts the document names, and a red header (红头: red text or an image above the title, or a
 * picture in the page header). Each finding has its place as an operator finds it in Word: the
 * paragraph's number counting the paragraphs that hold text, and the text nearest to it.
 */
import { ERRORS, GongkaiError } from '@gongkai/core'
import { unzipSync, strFromU8 } from 'fflate'
import { SaxesParser } from 'saxes'
import type { SaxesTagPlain } from 'saxes'

/** Where in the document: the n-th paragraph with text (1-based, 0 before the first) and the text nearest to it. */
export interface DocPlace {
  readonly paragraph: number
  readonly near: string
}

/** What mammoth would drop or change, by kind. */
export type FindingKind = 'text-box' | 'shape' | 'comment' | 'tracked-change' | 'layout' | 'header-image' | 'red-header'

/** One thing found in document.xml that the HTML conversion does not carry. */
export interface Finding {
  readonly kind: FindingKind
  readonly place: DocPlace
  /** What it is, in Chinese (`分两栏`, the comment's text, the text box's text). */
  readonly detail: string
}

/** A paragraph as the XML has it, for recognising the 公文 parts mammoth's HTML has no trace of. */
export interface ScannedParagraph {
  readonly text: string
  /** True when every run with text is red (w:color near FF0000). */
  readonly red: boolean
}

/** What the scan of a .docx gave. */
export interface DocxScan {
  readonly findings: readonly Finding[]
  /** The font names the document asks for (runs, styles, defaults), in order of first use. */
  readonly fonts: readonly string[]
  /** The body's top-level paragraphs (tables and text boxes left out), in order. */
  readonly paragraphs: readonly ScannedParagraph[]
}

/** Thrown when the bytes are not a Word package: not a zip, or no word/document.xml. */
export class NotADocxError extends GongkaiError {
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(ERRORS.ImportDocBroken, message, options)
    this.name = 'NotADocxError'
  }
}

const TRACKED = new Set([
  'w:ins',
  'w:del',
  'w:moveFrom',
  'w:moveTo',
  'w:rPrChange',
  'w:pPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:numberingChange',
  'w:cellIns',
  'w:cellDel',
  'w:cellMerge',
])
const VML_SHAPES = new Set(['v:shape', 'v:rect', 'v:roundrect', 'v:oval', 'v:line', 'v:polyline', 'v:arc', 'v:curve'])

function isRed(hex: string | undefined): boolean {
  if (hex === undefined || !/^[0-9a-f]{6}$/i.test(hex)) return false
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
  return r >= 0xb0 && g <= 0x60 && b <= 0x60
}

function short(text: string, max = 24): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max)}…` : t
}

/** The parts of the zip by name; throws `NotADocxError` when the bytes are no Word package. */
export function unzipDocx(bytes: Uint8Array): Record<string, Uint8Array> {
  let parts: Record<string, Uint8Array>
  try {
    parts = unzipSync(bytes)
  } catch (error) {
    throw new NotADocxError('不是 zip 包', { cause: error })
  }
  if (parts['word/document.xml'] === undefined) throw new NotADocxError('包里没有 word/document.xml')
  return parts
}

function parse(xml: string, on: { open?: (tag: SaxesTagPlain) => void; close?: (name: string) => void; text?: (t: string) => void }): void {
  const parser = new SaxesParser({ xmlns: false })
  if (on.open !== undefined) parser.on('opentag', on.open)
  if (on.close !== undefined) parser.on('closetag', (t) => on.close?.(t.name))
  if (on.text !== undefined) parser.on('text', on.text)
  parser.write(xml).close()
}

/** The text of each comment by id (word/comments.xml). */
function readComments(parts: Record<string, Uint8Array>): Map<string, string> {
  const out = new Map<string, string>()
  const bytes = parts['word/comments.xml']
  if (bytes === undefined) return out
  let id: string | undefined
  let inText = false
  let text = ''
  parse(strFromU8(bytes), {
    open(tag) {
      if (tag.name === 'w:comment') {
        id = String(tag.attributes['w:id'] ?? '')
        text = ''
      } else if (tag.name === 'w:t') inText = true
    },
    close(name) {
      if (name === 'w:t') inText = false
      else if (name === 'w:comment' && id !== undefined) {
        out.set(id, text)
        id = undefined
      }
    },
    text(t) {
      if (inText) text += t
    },
  })
  return out
}

function fontsOf(tag: SaxesTagPlain, into: string[]): void {
  if (tag.name !== 'w:rFonts') return
  for (const key of ['w:eastAsia', 'w:ascii', 'w:hAnsi']) {
    const v = tag.attributes[key]
    if (typeof v === 'string' && v !== '' && !into.includes(v)) into.push(v)
  }
}

/** Scans a .docx's XML for what the HTML conversion drops. */
export function scanDocx(parts: Record<string, Uint8Array>): DocxScan {
  const findings: Finding[] = []
  const fonts: string[] = []
  const paragraphs: ScannedParagraph[] = []
  const comments = readComments(parts)

  let counted = 0
  let lastText = ''
  const place = (): DocPlace => ({ paragraph: counted, near: short(lastText) })
  // A stack of open paragraphs: a text box's paragraphs sit inside the paragraph that anchors it.
  const stack: { text: string; redRuns: number; plainRuns: number; top: boolean }[] = []
  let inT = false
  let runRed = false
  let txbx = 0
  let txbxText = ''
  let txbxPlace: DocPlace | undefined
  let tableDepth = 0
  let fallback = 0
  let sections = 0
  const trackedAt = new Set<number>()
  let wsp: { hasText: boolean; place: DocPlace } | undefined
  let vml: { hasImage: boolean; hasText: boolean; place: DocPlace; name: string } | undefined

  parse(strFromU8(parts['word/document.xml']!), {
    open(tag) {
      const n = tag.name
      const a = tag.attributes as Record<string, string>
      fontsOf(tag, fonts)
      if (n === 'mc:Fallback') fallback++
      if (fallback > 0) return
      if (n === 'w:p') stack.push({ text: '', redRuns: 0, plainRuns: 0, top: txbx === 0 && tableDepth === 0 })
      else if (n === 'w:tbl') tableDepth++
      else if (n === 'w:r') runRed = false
      else if (n === 'w:color') runRed = isRed(a['w:val'])
      else if (n === 'w:t') inT = true
      else if (n === 'w:txbxContent') {
        if (txbx === 0) {
          txbxText = ''
          txbxPlace = place()
        }
        txbx++
      } else if (TRACKED.has(n)) {
        if (!trackedAt.has(counted + 1)) {
          trackedAt.add(counted + 1)
          findings.push({
            kind: 'tracked-change',
            place: { paragraph: counted + 1, near: short(stack[stack.length - 1]?.text || lastText) },
            detail: n === 'w:del' || n === 'w:moveFrom' ? '删除' : n === 'w:ins' || n === 'w:moveTo' ? '插入' : '格式修改',
          })
        }
      } else if (n === 'w:commentReference') {
        const id = a['w:id'] ?? ''
        findings.push({ kind: 'comment', place: { paragraph: counted + 1, near: short(stack[stack.length - 1]?.text || lastText) }, detail: short(comments.get(id) ?? '', 40) })
      } else if (n === 'wps:wsp') wsp = { hasText: false, place: place() }
      else if (n === 'wps:txbx' && wsp !== undefined) wsp.hasText = true
      else if (VML_SHAPES.has(n) && vml === undefined) vml = { hasImage: false, hasText: false, place: place(), name: n }
      else if (n === 'v:imagedata' && vml !== undefined) vml.hasImage = true
      else if (n === 'v:textbox' && vml !== undefined) vml.hasText = true
      else if (n === 'w:sectPr') sections++
      else if (n === 'w:cols' && Number(a['w:num'] ?? '1') > 1) findings.push({ kind: 'layout', place: place(), detail: `分 ${a['w:num']} 栏排版` })
      else if (n === 'w:textDirection' && /tb|V/i.test(a['w:val'] ?? '')) findings.push({ kind: 'layout', place: place(), detail: '竖排文字' })
      else if (n === 'w:framePr') findings.push({ kind: 'layout', place: { paragraph: counted + 1, near: short(lastText) }, detail: '图文框（段落定位到页面某处）' })
      else if (n === 'w:pgSz' && a['w:orient'] === 'landscape') findings.push({ kind: 'layout', place: place(), detail: '横向页面' })
    },
    close(n) {
      if (n === 'mc:Fallback') {
        fallback--
        return
      }
      if (fallback > 0) return
      if (n === 'w:t') inT = false
      else if (n === 'w:tbl') tableDepth--
      else if (n === 'w:txbxContent') {
        txbx--
        if (txbx === 0) findings.push({ kind: 'text-box', place: txbxPlace ?? place(), detail: short(txbxText, 40) })
      } else if (n === 'wps:wsp' && wsp !== undefined) {
        if (!wsp.hasText) findings.push({ kind: 'shape', place: wsp.place, detail: '图形' })
        wsp = undefined
      } else if (VML_SHAPES.has(n) && vml !== undefined && vml.name === n) {
        if (!vml.hasImage && !vml.hasText) findings.push({ kind: 'shape', place: vml.place, detail: n === 'v:line' ? '线条' : '图形' })
        vml = undefined
      } else if (n === 'w:p') {
        const p = stack.pop()
        if (p === undefined) return
        if (p.text.trim() !== '') {
          counted++
          lastText = p.text
        }
        if (p.top) paragraphs.push({ text: p.text, red: p.redRuns > 0 && p.plainRuns === 0 })
      }
    },
    text(t) {
      if (!inT || fallback > 0) return
      if (txbx > 0) txbxText += t
      const p = stack[stack.length - 1]
      if (p === undefined) return
      p.text += t
      if (t.trim() !== '') {
        if (runRed) p.redRuns++
        else p.plainRuns++
      }
    },
  })
  if (sections > 1) findings.push({ kind: 'layout', place: { paragraph: 0, near: '' }, detail: `分为 ${sections} 节（各节的页面设置不同）` })

  for (const [name, bytes] of Object.entries(parts)) {
    if (!/^word\/header\d*\.xml$/.test(name)) continue
    let images = 0
    parse(strFromU8(bytes), {
      open(tag) {
        if (tag.name === 'w:drawing' || tag.name === 'v:imagedata') images++
        fontsOf(tag, fonts)
      },
    })
    if (images > 0) findings.push({ kind: 'header-image', place: { paragraph: 0, near: '' }, detail: `页眉中的图片（${name.slice(5)}）` })
  }
  const styles = parts['word/styles.xml']
  if (styles !== undefined) parse(strFromU8(styles), { open: (tag) => fontsOf(tag, fonts) })
  return { findings, fonts, paragraphs }
}
