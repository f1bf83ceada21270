/**
 * .docx files made in the test with `docx` (a maintained writer), the way an office's Word or WPS
 * saves them: 公文 layout by direct formatting (centred 2号 title, right-aligned signature), fonts
 * named as offices name them, and each construct the importer must carry over or report.
 */
import { deflateSync, crc32 } from 'node:zlib'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  Textbox,
  VerticalMergeType,
  WidthType,
} from 'docx'
import type { ISectionOptions } from 'docx'

/** A PNG of `w`×`h` filled with one colour, written by hand (zlib + crc32) so the test needs no image library. */
export function solidPng(w: number, h: number, rgb: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td))
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [...rgb]).flat())])
  const raw = Buffer.concat(Array.from({ length: h }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

const FS = '仿宋_GB2312'
/** 3号 (16 pt) body text, as offices set it: half-points. */
const body = (text: string, options: { bold?: boolean } = {}) => new TextRun({ text, font: FS, size: 32, ...(options.bold === true ? { bold: true } : {}) })
/** A body paragraph with the two-character first-line indent. */
export const para = (...children: (TextRun | string)[]) => new Paragraph({ indent: { firstLine: 640 }, children: children.map((c) => (typeof c === 'string' ? body(c) : c)) })
/** The large centred title: 2号 小标宋. */
export const title = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: '方正小标宋简体', size: 44 })] })
export const centred = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [body(text)] })
export const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [body(text)] })
export const plain = (text: string) => new Paragraph({ children: [body(text)] })
export const empty = () => new Paragraph({ children: [] })
export const heading1 = (text: string) => new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text, font: '黑体', size: 32 })] })
export const heading2 = (text: string) => new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text, font: '楷体_GB2312', size: 32 })] })

const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [body(text)] })], ...extra })

/** A table with a header row, a cell merged across two columns and one merged down two rows. */
export function mergedTable(): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('乡镇'), cell('检查对象'), cell('检查时间')] }),
      new TableRow({ children: [cell('乔庄镇', { verticalMerge: VerticalMergeType.RESTART }), cell('城北污水处理厂'), cell('11月16日')] }),
      new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('金溪建材有限公司'), cell('11月17日')] }),
      new TableRow({ children: [cell('全县各乡镇（另行通知）', { columnSpan: 2 }), cell('11月下旬')] }),
    ],
  })
}

/** Packs one section (plus footnotes and comments) into .docx bytes. */
export async function pack(
  children: ISectionOptions['children'],
  extra: {
    footnotes?: Record<number, { children: Paragraph[] }>
    comments?: ConstructorParameters<typeof Document>[0]['comments']
    sections?: ISectionOptions[]
    headers?: ISectionOptions['headers']
  } = {},
): Promise<Buffer> {
  const doc = new Document({
    creator: '青川县生态环境局',
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    ...(extra.footnotes === undefined ? {} : { footnotes: extra.footnotes }),
    ...(extra.comments === undefined ? {} : { comments: extra.comments }),
    sections: [{ ...(extra.headers === undefined ? {} : { headers: extra.headers }), children }, ...(extra.sections ?? [])],
  })
  return Packer.toBuffer(doc)
}

export const PNG_BLUE = solidPng(120, 80, [30, 90, 200])
export const PNG_RED = solidPng(600, 60, [220, 20, 20])

/** 通知: 发文字号, title, 主送机关, 公文 headings at four levels, bold, a Word list, a merged table, a footnote, an image, a link, the 附件 note and the signature. */
export async function noticeDocx(): Promise<Buffer> {
  return pack(
    [
      centred('青环发〔2026〕12号'),
      empty(),
      title('青川县生态环境局关于开展2026年冬季大气污染防治专项检查的通知'),
      empty(),
      plain('各乡镇人民政府，县级有关部门：'),
      para('为做好今冬明春大气污染防治工作，根据《中华人民共和国大气污染防治法》', new FootnoteReferenceRun(1), '和省、市有关要求，决定在全县开展冬季大气污染防治专项检查。现将有关事项通知如下。'),
      heading1('一、检查范围'),
      heading2('（一）重点行业'),
      para('建材、砖瓦、', body('混凝土搅拌站', { bold: true }), '和涉挥发性有机物排放企业。'),
      para('1.检查重点'),
      para('（1）无组织排放'),
      para('各企业应做到以下几点：'),
      new Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [body('物料堆场全部覆盖；')] }),
      new Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [body('运输车辆冲洗后出场。')] }),
      heading1('二、时间安排'),
      para('检查安排见下表。'),
      mergedTable(),
      para('检查现场照片示例如下。'),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: 'png', data: PNG_BLUE, transformation: { width: 120, height: 80 }, altText: { name: '检查现场', description: '检查现场照片', title: '检查现场' } })],
      }),
      para('检查标准详见', new ExternalHyperlink({ link: 'https://www.mee.gov.cn/', children: [new TextRun({ text: '生态环境部网站', style: 'Hyperlink', font: FS, size: 32 })] }), '。'),
      empty(),
      para('附件：1.检查人员名单'),
      para('      2.检查记录表'),
      empty(),
      right('青川县生态环境局'),
      right('2026年11月9日'),
    ],
    { footnotes: { 1: { children: [new Paragraph({ children: [body('2018年10月26日第二次修正。')] })] } } },
  )
}

/** 行政处罚决定书: 发文字号 right under the title, 当事人 lines in bold, three numbered parts, and the date written with 〇. */
export async function penaltyDocx(): Promise<Buffer> {
  return pack([
    title('青川县生态环境局'),
    title('行政处罚决定书'),
    centred('青环罚〔2026〕15号'),
    empty(),
    plain('当事人：青川县石坝水泥制品有限公司'),
    plain('统一社会信用代码：91510822MA62W4KX5R'),
    plain('法定代表人：罗永康'),
    plain('地址：青川县石坝乡石坝村二组'),
    heading1('一、环境违法事实和证据'),
    para('2026年10月12日，本局执法人员对你公司进行现场检查，发现你公司水泥制品生产线的除尘设施未正常运行，粉尘无组织排放。'),
    para('以上事实，有现场检查（勘察）笔录、调查询问笔录、现场照片等证据为证。'),
    heading1('二、行政处罚的依据、种类及其履行方式、期限'),
    para('你公司上述行为违反了《中华人民共和国大气污染防治法》第四十八条第一款的规定。依据该法第一百零八条第一项，本局决定：'),
    para('处罚款人民币', body('伍万元整（¥50,000.00）', { bold: true }), '。'),
    para('限你公司自收到本决定书之日起15日内，将罚款缴至指定银行和账户。'),
    heading1('三、申请行政复议或者提起行政诉讼的途径和期限'),
    para('你公司如不服本处罚决定，可以在收到本决定书之日起60日内向青川县人民政府申请行政复议，也可以在6个月内依法向青川县人民法院提起行政诉讼。'),
    empty(),
    right('青川县生态环境局'),
    right('二〇二六年十一月九日'),
  ])
}

/** What mammoth drops: a text box, a comment, a tracked insertion and deletion, a red header, a two-column section, and fonts. */
export async function trickyDocx(): Promise<Buffer> {
  return pack(
    [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '青川县生态环境局文件', font: '方正小标宋简体', size: 72, color: 'FF0000' })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: PNG_RED, transformation: { width: 600, height: 6 } })] }),
      title('关于调整重点排污单位名录的通知'),
      plain('各有关单位：'),
      para('经研究，现将调整事项通知如下。'),
      new Textbox({ alignment: AlignmentType.LEFT, style: { width: '200pt', height: '60pt' }, children: [new Paragraph({ children: [body('此处为文本框中的说明')] })] }),
      new Paragraph({
        children: [new CommentRangeStart(0), body('新增重点排污单位三家。'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })],
      }),
      new Paragraph({
        children: [
          body('名录自发布之日起'),
          new InsertedTextRun({ text: '施行', id: 1, author: '王芳', date: '2026-11-08T10:00:00Z', font: FS, size: 32 }),
          new DeletedTextRun({ text: '生效', id: 2, author: '王芳', date: '2026-11-08T10:00:00Z', font: FS, size: 32 }),
          body('。'),
        ],
      }),
      right('青川县生态环境局'),
      right('2026年11月9日'),
    ],
    {
      comments: { children: [{ id: 0, author: '王芳', date: new Date('2026-11-08T09:00:00Z'), children: [new Paragraph({ children: [new TextRun('请核实家数')] })] }] },
      sections: [{ properties: { column: { count: 2, space: 708 } }, children: [para('分两栏排版的附表说明。')] }],
    },
  )
}

/** A document whose title is in the Word style 标题 (Title), with a heading style and no 公文 numbering. */
export async function styledDocx(): Promise<Buffer> {
  return pack([
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('2026年第三季度重点排污单位监督性监测结果')] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('监测概况')] }),
    para('本季度共监测重点排污单位12家。'),
    right('青川县生态环境局'),
    right('2026年10月20日'),
  ])
}

/** The same package with word/document.xml rewritten: a construct the writer has no API for, put in as Word writes it. */
export function patchDocumentXml(docx: Uint8Array, patch: (xml: string) => string): Buffer {
  const parts = unzipSync(docx)
  parts['word/document.xml'] = strToU8(patch(strFromU8(parts['word/document.xml']!)))
  return Buffer.from(zipSync(parts))
}

/** A VML rectangle (an 自选图形 as WPS and older Word save it), in a paragraph of its own after the first. */
export const VML_RECT = '<w:p><w:r><w:pict><v:rect xmlns:v="urn:schemas-microsoft-com:vml" style="width:120pt;height:30pt" fillcolor="#ff0000"/></w:pict></w:r></w:p>'

/** A document signed by two bodies (联合行文), in a header with a picture (the red 版头 as an image in the page header). */
export async function jointDocx(): Promise<Buffer> {
  return pack(
    [title('关于联合开展饮用水水源地环境执法检查的通知'), plain('各乡镇人民政府：'), para('现就联合开展检查有关事项通知如下。'), right('青川县生态环境局    青川县水利局'), right('2026年11月20日')],
    { headers: { default: new Header({ children: [new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG_RED, transformation: { width: 600, height: 40 } })] })] }) } },
  )
}
