/** The parts of a sheet around the body: the masthead, the title, notes, attachments, the signature, the notice-period box and the QR code. */
import { breakTitle } from '../layout/title.js'
import type { FootNote } from '../layout/sheet.js'
import type { Line, Piece } from '../layout/text.js'
import { atomize, breakLines, drawLine } from '../layout/text.js'
import { drawQr } from '../layout/qr.js'
import { noticeBox } from './notice-box.js'
import { setText } from './set-text.js'
import type { RenderState } from './state.js'
import { STYLES } from './state.js'
import { formatChineseDate } from '@gongkai/core'

const FULL = { indent: false }

/** 4 mm: from the document number down to the red separator line (GB/T 9704-2012 7.2.5). */
const RULE_GAP = 4 * (72 / 25.4)

/**
 * The 版头 of GB/T 9704-2012 7.2: the item's name and code on the first line (where the standard
 * puts 份号 and 密级), the issuing body's mark in red across two grid lines, the document number
 * centred two blank lines below it, the red rule 4 mm below the number; the title then starts two
 * blank lines below the rule (7.3.1). Without a number the rule stands 4 mm below the mark.
 */
export function setMasthead(state: RenderState, organ: string): void {
  const sheet = state.sheet
  const frame = { left: sheet.left, width: sheet.width, ...FULL }
  const { item, publication } = state.disclosure
  const pitch = sheet.g.pitch
  sheet.ensure(7 * pitch)
  const name: Piece[] = [{ text: `事项名称：${item.name}`, style: STYLES.meta }]
  const code: Piece[] = [{ text: `事项编码：${item.code}`, style: STYLES.meta }]
  const onMissing = (field: string) => (m: Parameters<RenderState['missing']>[0]) => state.missing(m, field)
  const nameAtoms = atomize(name, state.book, sheet.width, onMissing('事项名称'))
  const codeAtoms = atomize(code, state.book, sheet.width, onMissing('事项编码'))
  const nameLines = breakLines(nameAtoms, sheet.width, sheet.width)
  const codeWidth = codeAtoms.reduce((s, a) => s + a.width, 0)
  const lastName = nameLines[nameLines.length - 1]!
  const together = lastName.width + codeWidth + 2 * STYLES.meta.size <= sheet.width
  const metaPitch = STYLES.meta.size * 1.6
  const lineCount = nameLines.length + (together ? 0 : 1)
  const band = Math.ceil((lineCount * metaPitch) / pitch - 0.01) * pitch
  let top = sheet.y
  for (const line of nameLines) {
    drawLine(sheet.doc, state.book, line, sheet.left, sheet.baseline(top, metaPitch, STYLES.meta.size), sheet.width, 'left')
    top += metaPitch
  }
  const codeTop = together ? top - metaPitch : top
  drawLine(sheet.doc, state.book, { atoms: codeAtoms, width: codeWidth, last: true }, sheet.left, sheet.baseline(codeTop, metaPitch, STYLES.meta.size), sheet.width, 'right')
  sheet.y += band
  const organLines = setText([{ text: organ, style: STYLES.organ }], state, frame, { style: STYLES.organ, align: 'center', indent: 0, pitch: 2 * pitch })
  // The lower edge of the last line drawn (CJK em box: 0.12 em below the baseline).
  let inkBottom = sheet.baseline(sheet.y - 2 * pitch, 2 * pitch, STYLES.organ.size) + 0.12 * STYLES.organ.size
  const number = publication.docNumber
  if (number !== undefined && organLines.length > 0) {
    // 发文字号编排在发文机关标志下空二行位置，居中排布 (7.2.3).
    sheet.y += 2 * pitch
    setText([{ text: number, style: STYLES.body }], state, frame, { style: STYLES.body, align: 'center', indent: 0 })
    inkBottom = sheet.baseline(sheet.y - pitch, pitch, STYLES.body.size) + 0.12 * STYLES.body.size
  }
  const ruleY = inkBottom + RULE_GAP
  sheet.doc
    .save()
    .moveTo(sheet.left, ruleY)
    .lineTo(sheet.left + sheet.width, ruleY)
    .lineWidth(1.2)
    .strokeColor(STYLES.organ.color)
    .stroke()
    .restore()
  // 标题一般用2号小标宋体字，编排于红色分隔线下空二行位置 (7.3.1): two whole grid lines free under the rule.
  sheet.y = ruleY
  sheet.snap()
  sheet.skip(2)
}

/** The title without the document number that the header already shows: a bracketed number, or the number itself at either end. */
export function titleWithoutNumber(title: string, number: string | undefined): string {
  if (number === undefined || number.trim() === '') return title
  const n = number.trim()
  const esc = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const stripped = title
    .replace(new RegExp(`\\s*[（(［\\[【〔]\\s*${esc}\\s*[）)］\\]】〕]\\s*$`), '')
    .replace(new RegExp(`^\\s*[（(［\\[【〔]\\s*${esc}\\s*[）)］\\]】〕]\\s*`), '')
    .replace(new RegExp(`[\\s:：、，,—-]*${esc}\\s*$`), '')
    .replace(new RegExp(`^\\s*${esc}[\\s:：、，,—-]*`), '')
  return stripped.trim() === '' ? title : stripped.trim()
}

/** The title in 2号 bold serif, centred, with a blank grid line below it. */
export function setTitle(state: RenderState, organ: string): void {
  const sheet = state.sheet
  const frame = { left: sheet.left, width: sheet.width, ...FULL }
  const { title, docNumber } = state.disclosure.publication
  const pieces: Piece[] = [{ text: titleWithoutNumber(title, docNumber), style: STYLES.title }]
  const atoms = atomize(pieces, state.book, sheet.width, (m) => state.missing(m, '标题'))
  // Whole words, balanced lines, 梯形或菱形 (GB/T 9704-2012 7.3.3).
  const lines = breakTitle(atoms, sheet.width, [organ])
  sheet.snap()
  if (!sheet.fresh && sheet.room < (lines.length + 2) * sheet.g.pitch) sheet.newPage()
  sheet.setLines(lines, { left: frame.left, width: frame.width, size: STYLES.title.size, align: 'center' })
  sheet.skip(1)
}

const NOTE_PITCH = STYLES.small.size * 1.6

/**
 * Footnotes at the foot of the page where their mark lands. A note that is not plain
 * paragraphs, or taller than a third of the type area, is left for `setNotes` after the body.
 */
export function footnoteSource(state: RenderState): (line: Line) => FootNote[] {
  return (line) => {
    const out: FootNote[] = []
    for (const atom of line.atoms) {
      if (atom.note === undefined || state.placedNotes.has(atom.note)) continue
      const note = footNote(state, atom.note)
      if (note === undefined) continue
      state.placedNotes.add(atom.note)
      out.push(note)
    }
    return out
  }
}

function footNote(state: RenderState, id: string): FootNote | undefined {
  const def = state.noteDefinitions.get(id)
  const n = state.noteNumbers.get(id)
  if (def === undefined || n === undefined || !def.children.every((c) => c.type === 'paragraph')) return undefined
  const sheet = state.sheet
  const left = sheet.left + 2.5 * STYLES.small.size
  const width = sheet.left + sheet.width - left
  const lines: Line[] = []
  for (const child of def.children) {
    if (child.type !== 'paragraph') continue
    const pieces = state.inline(child.children, STYLES.small, [])
    lines.push(
      ...breakLines(
        atomize(pieces, state.book, width, (m) => state.missing(m)),
        width,
        width,
      ),
    )
  }
  const height = lines.length * NOTE_PITCH
  if (lines.length === 0 || height > sheet.g.height / 3) return undefined
  const mark = atomize([{ text: `[${n}]`, style: STYLES.small }], state.book, width, () => {})
  return {
    height,
    draw(top) {
      const first = sheet.baseline(top, NOTE_PITCH, STYLES.small.size)
      drawLine(sheet.doc, state.book, { atoms: mark, width: mark.reduce((s, a) => s + a.width, 0), last: true }, sheet.left, first, width, 'left')
      lines.forEach((l, i) => drawLine(sheet.doc, state.book, l, left, sheet.baseline(top + i * NOTE_PITCH, NOTE_PITCH, STYLES.small.size), width, 'justify'))
    },
  }
}

/** Footnotes that could not go to a page's foot (in a table, or too long), after the body under a short rule. */
export function setNotes(state: RenderState): void {
  const rest = [...state.noteNumbers].filter(([id]) => !state.placedNotes.has(id))
  if (rest.length === 0) return
  const sheet = state.sheet
  const pitch = NOTE_PITCH
  sheet.snap()
  sheet.ensure(sheet.g.pitch + pitch)
  const y = sheet.y + sheet.g.pitch / 2
  sheet.noteRule(y)
  sheet.y += sheet.g.pitch
  for (const [id, n] of rest) {
    const def = state.noteDefinitions.get(id)
    if (def === undefined) continue
    const mark = `[${n}]`
    state.marker = { text: mark, x: sheet.left, style: STYLES.small }
    const left = sheet.left + 2.5 * STYLES.small.size
    for (const child of def.children) {
      if (child.type === 'paragraph') {
        const pieces = state.inline(child.children, STYLES.small, [])
        setText(pieces, state, { left, width: sheet.left + sheet.width - left, indent: false }, { style: STYLES.small, align: 'justify', indent: 0, pitch })
      } else state.one(child, { left, width: sheet.left + sheet.width - left, indent: false })
    }
    state.marker = undefined
  }
  sheet.snap()
}

/** 附件说明: the attachments listed under the body, as official documents do. */
export function setAttachments(state: RenderState): void {
  const list = state.disclosure.publication.attachments
  if (list.length === 0) return
  const sheet = state.sheet
  const em = STYLES.body.size
  sheet.snap()
  sheet.skip(1)
  const left = sheet.left + 5 * em
  list.forEach((a, i) => {
    const label = list.length === 1 ? '' : `${i + 1}．`
    if (i === 0) state.marker = { text: '附件：', x: sheet.left + 2 * em, style: STYLES.body }
    setText([{ text: `${label}${a.title}`, style: STYLES.body }], state, { left, width: sheet.left + sheet.width - left, indent: false }, { style: STYLES.body, align: 'left', indent: 0 })
  })
}

/** Where the body ended when the closing was set: what a plan needs to keep the signature with it. */
export interface ClosingPlace {
  /** The page (the sheet's own numbering) the body's last line is on. */
  readonly page: number
  /** The cursor below the body's last line, in points from the page top. */
  readonly bodyEnd: number
  /** True when the signature went to a page of its own. */
  readonly alone: boolean
  /** Height of the QR code and the notice box beside it, points. */
  readonly block: number
  /** Top of the second-to-last text line on that page when the body ends in text (not a table or a figure). */
  readonly lastTwo: number | undefined
  /** Top of the last text line on the page before. */
  readonly previousLast: number | undefined
}

/** Height of the QR code with its caption: the part of the closing that is not on the grid. */
export const QR_BLOCK = 26 * (72 / 25.4) + 2 + STYLES.caption.size * 1.4

/** The signature to set: the issuing bodies (one line each) and the date line. */
export interface Signature {
  readonly organs: readonly string[]
  readonly date: string
}

/**
 * The signature (issuing body centred over the date, the date four characters from the right,
 * GB/T 9704-2012 7.3.5.1), then the notice-period box and the QR code, kept together on one page.
 * `own` is the signature the body ended with (taken out of the body): it is set here, once, instead of the publication's.
 */
export function setClosing(state: RenderState, organ: string, url: string, phone: string | undefined, own?: Signature): ClosingPlace {
  const sheet = state.sheet
  const em = STYLES.body.size
  const { publication } = state.disclosure
  const period = publication.noticePeriod
  const qrSize = 26 * (72 / 25.4)
  const captionPitch = STYLES.caption.size * 1.4
  const box = period === undefined ? undefined : noticeBox(state, period, organ, phone, sheet.width - qrSize - 2 * em)
  // The notice box stands beside the QR code: the taller of the two is the block's height.
  const block = Math.max(QR_BLOCK, box?.height ?? 0)
  sheet.snap()
  const tops = sheet.lineTops
  const last = tops.at(-1)
  const endsInText = last !== undefined && last + sheet.g.pitch >= sheet.y - 0.5
  const place = { page: sheet.pages, bodyEnd: sheet.y, lastTwo: endsInText && tops.length >= 2 ? tops.at(-2) : undefined, previousLast: sheet.previousLineTops.at(-1) }
  const signature: Signature = own ?? { organs: [organ], date: formatChineseDate(publication.written ?? publication.formed) }
  // A blank line, the issuing bodies, the date, a blank line, then the QR code and its caption.
  const alone = sheet.room < (3 + signature.organs.length) * sheet.g.pitch + block - 0.01
  if (alone) sheet.newPage()
  else sheet.skip(1)
  const g = sheet.g
  const blockLines = Math.ceil(Math.max(qrSize + captionPitch + 4, box?.height ?? 0) / g.pitch)

  const date = signature.date
  const measure = (text: string, face: 'serif' | 'sans', size: number) => {
    let w = 0
    for (const ch of text) w += state.book.advance(face, ch.codePointAt(0) ?? 0) * size
    return w
  }
  const dateWidth = measure(date, 'serif', em)
  const dateRight = sheet.left + sheet.width - 4 * em
  const center = dateRight - dateWidth / 2
  for (const name of signature.organs) {
    const organWidth = Math.min(measure(name, 'serif', em), sheet.width)
    const organLeft = Math.max(sheet.left, Math.min(center - organWidth / 2, sheet.left + sheet.width - organWidth))
    const frameOrgan = { left: organLeft, width: sheet.left + sheet.width - organLeft, indent: false }
    setText([{ text: name, style: STYLES.body }], state, frameOrgan, { style: STYLES.body, align: 'left', indent: 0 })
  }
  setText([{ text: date, style: STYLES.body }], state, { left: dateRight - dateWidth, width: dateWidth + 4 * em, indent: false }, { style: STYLES.body, align: 'left', indent: 0 })
  sheet.skip(1)

  const top = sheet.y
  const qrX = sheet.left + sheet.width - qrSize
  drawQr(sheet.doc, url, qrX, top, qrSize)
  const caption = [{ text: '扫码查看网上原文', style: STYLES.caption }]
  const capAtoms = atomize(caption, state.book, qrSize, () => {})
  drawLine(
    sheet.doc,
    state.book,
    { atoms: capAtoms, width: capAtoms.reduce((s, a) => s + a.width, 0), last: true },
    qrX,
    sheet.baseline(top + qrSize + 2, captionPitch, STYLES.caption.size),
    qrSize,
    'center',
  )

  if (box !== undefined) box.draw(sheet.left, top + Math.max(0, (qrSize - box.height) / 2))
  sheet.y = top + blockLines * g.pitch
  return { ...place, alone, block }
}
