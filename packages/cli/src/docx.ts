/**
 * A document (an annual report, a letter) as a .docx for offices that finish in Word, in the
 * GB/T 9704-2012 layout: A4, margins 37 / 35 / 28 / 26 mm, title 2号 小标宋, body 3号 仿宋 with a
 * two-character first-line indent, level-1 headings 黑体, tables ruled with their header row
 * repeated, the signature over the date four characters from the right, and "— N —" page numbers
 * in 4号 宋体, odd pages right, even pages left. Built with `docx` from the same mdast tree the PDF
 * is set from.
 */
import type { PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast'
import { formatChineseDate } from '@gongkai/core'

import type * as DocxModule from 'docx'

type Docx = typeof DocxModule

/** What a .docx is made from. */
export interface DocxInput {
  readonly title: string
  readonly tree: Root
  readonly organ: string
  /** YYYY-MM-DD under the signature. */
  readonly date: string
  /** 发文字号, right above the title. */
  readonly docNumber?: string
  /** 主送: the addressee, flush left under the title. */
  readonly addressee?: string
}

const FONTS = { body: '仿宋_GB2312', title: '方正小标宋简体', heading: '黑体', heading2: '楷体_GB2312', folio: '宋体' } as const
// Half-points: 3号 16 pt, 2号 22 pt, 4号 14 pt, 5号 10.5 pt.
const SIZE = { body: 32, title: 44, folio: 28, small: 21 } as const
const MM = 56.7 // twips per millimetre
// 28 lines of 28 characters in a 225 mm type area: a line pitch of about 28.95 pt (579 twips).
const LINE = 579

function text(nodes: readonly PhrasingContent[], d: Docx, style: { font: string; size: number; bold?: boolean }): InstanceType<Docx['TextRun']>[] {
  const out: InstanceType<Docx['TextRun']>[] = []
  const walk = (n: PhrasingContent, bold: boolean) => {
    if (n.type === 'text' || n.type === 'inlineCode') out.push(new d.TextRun({ text: n.value, font: { eastAsia: style.font, ascii: style.font, hAnsi: style.font }, size: style.size, bold }))
    else if (n.type === 'break') out.push(new d.TextRun({ break: 1 }))
    else if (n.type === 'strong') n.children.forEach((c) => walk(c, true))
    else if ('children' in n) n.children.forEach((c) => walk(c, bold))
  }
  nodes.forEach((n) => walk(n, style.bold === true))
  return out
}

/** The type area's width in twips (156 mm). */
const TYPE_WIDTH = 156 * MM

/** Column widths from what the columns hold: the label column of a table of figures gets the room it needs. */
function columnWidths(node: MdTable): number[] {
  const columns = Math.max(1, ...node.children.map((r) => r.children.length))
  const length = (r: number, c: number) => {
    const cell = node.children[r]?.children[c]
    return cell === undefined ? 0 : [...cell.children.map((x) => ('value' in x ? x.value : '')).join('')].length
  }
  const want = Array.from({ length: columns }, (_, c) => {
    let longest = 2
    for (let r = 0; r < node.children.length; r++) longest = Math.max(longest, length(r, c))
    // The label column takes up to 14 characters; a number column 3 to 5, its header wrapping after that.
    return c === 0 ? Math.min(14, longest) : Math.max(3, Math.min(5, longest))
  })
  const total = want.reduce((a, b) => a + b, 0)
  return want.map((w) => Math.floor((w / total) * TYPE_WIDTH))
}

function table(node: MdTable, d: Docx): InstanceType<Docx['Table']> {
  const border = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' }
  const borders = { top: border, bottom: border, left: border, right: border }
  const widths = columnWidths(node)
  // Cells are set in 5号 at single spacing, without the body's indent and grid.
  const spacing = { line: 276, lineRule: d.LineRuleType.AUTO, before: 40, after: 40 }
  return new d.Table({
    width: { size: TYPE_WIDTH, type: d.WidthType.DXA },
    columnWidths: widths,
    layout: d.TableLayoutType.FIXED,
    rows: node.children.map(
      (r, i) =>
        new d.TableRow({
          tableHeader: i === 0,
          cantSplit: true,
          children: r.children.map(
            (c, j) =>
              new d.TableCell({
                borders,
                width: { size: widths[j] ?? 0, type: d.WidthType.DXA },
                verticalAlign: d.VerticalAlign.CENTER,
                children: [
                  new d.Paragraph({
                    spacing,
                    indent: { firstLine: 0 },
                    alignment: i === 0 ? d.AlignmentType.CENTER : node.align?.[j] === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
                    children: text(c.children, d, { font: i === 0 ? FONTS.heading : FONTS.body, size: SIZE.small }),
                  }),
                ],
              }),
          ),
        }),
    ),
  })
}

function blocks(nodes: readonly RootContent[], d: Docx): (InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>)[] {
  const out: (InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>)[] = []
  const spacing = { line: LINE, lineRule: d.LineRuleType.EXACT }
  for (const n of nodes) {
    if (n.type === 'heading') {
      const font = n.depth <= 2 ? FONTS.heading : FONTS.heading2
      out.push(new d.Paragraph({ spacing, keepNext: true, indent: { firstLine: 640 }, children: text(n.children, d, { font, size: SIZE.body }) }))
    } else if (n.type === 'paragraph')
      out.push(new d.Paragraph({ spacing, indent: { firstLine: 640 }, alignment: d.AlignmentType.BOTH, children: text(n.children, d, { font: FONTS.body, size: SIZE.body }) }))
    else if (n.type === 'table') {
      out.push(table(n, d))
      out.push(new d.Paragraph({ spacing, children: [] }))
    } else if (n.type === 'list')
      n.children.forEach((item, i) => {
        for (const c of item.children)
          if (c.type === 'paragraph')
            out.push(
              new d.Paragraph({
                spacing,
                indent: { firstLine: 640 },
                children: [
                  new d.TextRun({ text: n.ordered === true ? `${(n.start ?? 1) + i}. ` : '', font: { eastAsia: FONTS.body }, size: SIZE.body }),
                  ...text(c.children, d, { font: FONTS.body, size: SIZE.body }),
                ],
              }),
            )
      })
    else if (n.type === 'blockquote') out.push(...blocks(n.children, d))
  }
  return out
}

function folio(d: Docx, align: 'left' | 'right'): InstanceType<Docx['Footer']> {
  const run = (children: string[]) => new d.TextRun({ children, font: { eastAsia: FONTS.folio, ascii: FONTS.folio, hAnsi: FONTS.folio }, size: SIZE.folio })
  return new d.Footer({
    children: [
      new d.Paragraph({
        alignment: align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [run(['— ', d.PageNumber.CURRENT, ' —'])],
      }),
    ],
  })
}

/** The .docx bytes (the package stamps the time of writing in its properties: the text is the same each time). */
export async function renderDocx(input: DocxInput): Promise<Uint8Array> {
  const d = await import('docx')
  const spacing = { line: LINE, lineRule: d.LineRuleType.EXACT }
  const title = new d.Paragraph({
    alignment: d.AlignmentType.CENTER,
    spacing: { line: 700, lineRule: d.LineRuleType.EXACT, after: LINE },
    children: [new d.TextRun({ text: input.title, font: { eastAsia: FONTS.title, ascii: FONTS.title, hAnsi: FONTS.title }, size: SIZE.title })],
  })
  const number =
    input.docNumber === undefined
      ? []
      : [new d.Paragraph({ alignment: d.AlignmentType.RIGHT, spacing, children: [new d.TextRun({ text: input.docNumber, font: { eastAsia: FONTS.body }, size: SIZE.body })] })]
  const date = formatChineseDate(input.date)
  const signature = [
    new d.Paragraph({ spacing, children: [] }),
    // The body centred over the date; the date's right edge four characters (4 × 16 pt = 1280 twips) from the margin.
    new d.Paragraph({
      spacing,
      alignment: d.AlignmentType.RIGHT,
      indent: { right: 1280 + Math.max(0, (date.length - input.organ.length) * 160) },
      children: [new d.TextRun({ text: input.organ, font: { eastAsia: FONTS.body }, size: SIZE.body })],
    }),
    new d.Paragraph({ spacing, alignment: d.AlignmentType.RIGHT, indent: { right: 1280 }, children: [new d.TextRun({ text: date, font: { eastAsia: FONTS.body }, size: SIZE.body })] }),
  ]
  const doc = new d.Document({
    creator: input.organ,
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body, ascii: FONTS.body, hAnsi: FONTS.body }, size: SIZE.body }, paragraph: { spacing } } } },
    sections: [
      {
        properties: { page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM, footer: 28 * MM } } },
        footers: { default: folio(d, 'right'), even: folio(d, 'left') },
        children: [
          ...number,
          title,
          ...(input.addressee === undefined ? [] : [new d.Paragraph({ spacing, children: [new d.TextRun({ text: `${input.addressee}：`, font: { eastAsia: FONTS.body }, size: SIZE.body })] })]),
          ...blocks(input.tree.children, d),
          ...signature,
        ],
      },
    ],
  })
  const buffer = await d.Packer.toBuffer(doc)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
