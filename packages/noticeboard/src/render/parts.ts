/** The parts of a sheet around the body: the masthead, the title, notes, attachments, the signature, the notice-period box and the QR code. */
import { breakTitle } from '../layout/title.js'
import type { FootNote } from '../layout/sheet.js'
import type { Line, Piece } from '../layout/text.js'
import { atomize, breakLines, drawLine } from '../layout/text.js'
import { drawQr } from '../layout/qr.js'
import { setText } from './set-text.js'
import type { RenderState } from './state.js'
import { STYLES } from './state.js'
import { formatChineseDate } from '@gongkai/core'

const FULL = { indent: false }

/** Issuing body in red across two grid lines, the item's name and code below, then a red rule. */
export function setMasthead(state: RenderState, organ: string): void {
  const sheet = state.sheet
  const frame = { left: sheet.left, width: sheet.width, ...FULL }
  const { item, publication } = state.disclosure
  sheet.ensure(3 * sheet.g.pitch)
  setText([{ text: organ, style: STYLES.organ }], state, frame, { style: STYLES.organ, align: 'center', indent: 0, pitch: 2 * sheet.g.pitch })
  const name: Piece[] = [{ text: `事项名称：${item.name}`, style: STYLES.meta }]
  const code: Piece[] = [{ text: `事项编码：${item.code}`, style: STYLES.meta }]
  const onMissing = (field: string) => (m: Parameters<RenderState['missing']>[0]) => state.missing(m, field)
  const nameAtoms = atomize(name, state.book, sheet.width, onMissing('事项名称'))
  const codeAtoms = atomize(code, state.book, sheet.width, onMissing('事项编码'))
  const nameLines = breakLines(nameAtoms, sheet.width, sheet.width)
  const codeWidth = codeAtoms.reduce((s, a) => s + a.width, 0)
  const pitch = sheet.g.pitch
  const lastName = nameLines[nameLines.length - 1]!
  const together = lastName.width + codeWidth + 2 * STYLES.meta.size <= sheet.width
  const metaPitch = STYLES.meta.size * 1.6
  const lineCount = nameLines.length + (together ? 0 : 1)
  // The meta lines sit at the foot of their grid band, close to the rule.
  const band = Math.ceil((lineCount * metaPitch) / pitch - 0.01) * pitch
  let top = sheet.y + band - lineCount * metaPitch
  for (const line of nameLines) {
    drawLine(sheet.doc, state.book, line, sheet.left, sheet.baseline(top, metaPitch, STYLES.meta.size), sheet.width, 'left')
    top += metaPitch
  }
  if (!together) top += 0
  const codeTop = together ? top - metaPitch : top
  drawLine(sheet.doc, state.book, { atoms: codeAtoms, width: codeWidth, last: true }, sheet.left, sheet.baseline(codeTop, metaPitch, STYLES.meta.size), sheet.width, 'right')
  sheet.y += band
  const ruleY = sheet.y - 1
  sheet.doc
    .save()
    .moveTo(sheet.left, ruleY)
    .lineTo(sheet.left + sheet.width, ruleY)
    .lineWidth(1.2)
    .strokeColor(STYLES.organ.color)
    .stroke()
    .restore()
  if (publication.docNumber !== undefined) {
    setText([{ text: publication.docNumber, style: STYLES.body }], state, frame, { style: STYLES.body, align: 'center', indent: 0 })
  }
}

/** The title in 2号 bold serif, centred, with a blank grid line below it. */
export function setTitle(state: RenderState, organ: string): void {
  const sheet = state.sheet
  const frame = { left: sheet.left, width: sheet.width, ...FULL }
  const pieces: Piece[] = [{ text: state.disclosure.publication.title, style: STYLES.title }]
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

/**
 * The signature (issuing body centred over the date, the date four characters from the right),
 * then the notice-period box and the QR code, kept together on one page.
 */
export function setClosing(state: RenderState, organ: string, url: string, phone: string | undefined): void {
  const sheet = state.sheet
  const g = sheet.g
  const em = STYLES.body.size
  const { publication } = state.disclosure
  const period = publication.noticePeriod
  const qrSize = 26 * (72 / 25.4)
  const captionPitch = STYLES.caption.size * 1.4
  const blockLines = Math.ceil((qrSize + captionPitch + 4) / g.pitch)
  sheet.snap()
  const need = 3 * g.pitch + blockLines * g.pitch
  if (sheet.room < need + g.pitch - 0.01) sheet.newPage()
  else sheet.skip(1)

  const date = formatChineseDate(publication.written ?? publication.formed)
  const measure = (text: string, face: 'serif' | 'sans', size: number) => {
    let w = 0
    for (const ch of text) w += state.book.advance(face, ch.codePointAt(0) ?? 0) * size
    return w
  }
  const dateWidth = measure(date, 'serif', em)
  const dateRight = sheet.left + sheet.width - 4 * em
  const center = dateRight - dateWidth / 2
  const organWidth = Math.min(measure(organ, 'serif', em), sheet.width)
  const organLeft = Math.max(sheet.left, Math.min(center - organWidth / 2, sheet.left + sheet.width - organWidth))
  const frameOrgan = { left: organLeft, width: sheet.left + sheet.width - organLeft, indent: false }
  setText([{ text: organ, style: STYLES.body }], state, frameOrgan, { style: STYLES.body, align: 'left', indent: 0 })
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

  if (period !== undefined) {
    const boxLeft = sheet.left
    const boxWidth = qrX - 2 * em - boxLeft
    const pad = 10
    const inner = boxWidth - 2 * pad
    const pieces: Piece[][] = [[{ text: `公示期：${formatChineseDate(period.from)}至${formatChineseDate(period.until)}`, style: STYLES.period }]]
    if (phone !== undefined) pieces.push([{ text: `如有异议，请在公示期内向${organ}反映（电话：${phone}）。`, style: STYLES.caption }])
    const lines = pieces.map((p) =>
      breakLines(
        atomize(p, state.book, inner, (m) => state.missing(m, '公示期')),
        inner,
        inner,
      ),
    )
    const pitches = pieces.map((p) => p[0]!.style.size * 1.5)
    const contentHeight = lines.reduce((s, l, i) => s + l.length * pitches[i]!, 0)
    const boxHeight = contentHeight + 2 * pad
    const boxTop = top + Math.max(0, (qrSize - boxHeight) / 2)
    sheet.doc.save().rect(boxLeft, boxTop, boxWidth, boxHeight).lineWidth(1.2).strokeColor('#000000').stroke().restore()
    let y = boxTop + pad
    lines.forEach((group, i) => {
      for (const line of group) {
        drawLine(sheet.doc, state.book, line, boxLeft + pad, sheet.baseline(y, pitches[i]!, pieces[i]![0]!.style.size), inner, 'left')
        y += pitches[i]!
      }
    })
  }
  sheet.y = top + blockLines * g.pitch
}
