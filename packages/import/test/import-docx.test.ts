/**
 * importDocument on .docx files written in the test with `docx`: each construct of a 公文 carried
 * into front-matter fields and Markdown, and each one mammoth drops reported with its place.
 * The Markdown is read back with core's own parser, as a project would read it.
 */
import { parseBody } from '@gongkai/core/internal'
import { readPublication } from '@gongkai/core/internal'
import type { Root } from 'mdast'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { findAttachmentFiles, formatProblem, importDocument, newPublicationText } from '../src/index.js'
import type { DocumentImport } from '../src/index.js'
import { jointDocx, noticeDocx, patchDocumentXml, penaltyDocx, PNG_BLUE, styledDocx, trickyDocx, VML_RECT } from './support/make-docx.js'

const ORGAN = '青川县生态环境局'
const tree = (r: DocumentImport): Root => parseBody(r.body, { file: 'publications/x.md', bodyLine: 1 }).tree
const codes = (r: DocumentImport) => r.diagnostics.map((d) => d.code)
const headings = (t: Root) => t.children.filter((c) => c.type === 'heading').map((h) => [h.depth, h.children.map((c) => ('value' in c ? c.value : '')).join('')])

describe('a 通知 with a table, a footnote and an image', () => {
  const load = async () =>
    importDocument(
      { data: await noticeDocx(), name: '关于开展冬季大气污染防治专项检查的通知.docx' },
      { organ: ORGAN, siblings: ['关于开展冬季大气污染防治专项检查的通知.docx', '检查人员名单.pdf', '附件2 检查记录表.xlsx', '~$于开展.docx'] },
    )

  it('takes 发文字号, title, 成文日期 and the 附件 into fields, and leaves them out of the body', async () => {
    const r = await load()
    expect(r.docNumber).toBe('青环发〔2026〕12号')
    expect(r.title).toBe('青川县生态环境局关于开展2026年冬季大气污染防治专项检查的通知')
    expect(r.formed).toBe('2026-11-09')
    expect(r.organs).toEqual([ORGAN])
    expect(r.addressee).toBe('各乡镇人民政府，县级有关部门')
    expect(r.attachments).toEqual([
      { title: '检查人员名单', file: '检查人员名单.pdf' },
      { title: '检查记录表', file: '附件2 检查记录表.xlsx' },
    ])
    for (const gone of ['青环发', '附件：', '2026年11月9日', '检查记录表']) expect(r.body).not.toContain(gone)
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps 主送机关 as the first paragraph and ends without a signature', async () => {
    const t = tree(await load())
    const first = t.children[0]
    expect(first?.type === 'paragraph' && first.children[0]?.type === 'text' && first.children[0].value).toBe('各乡镇人民政府，县级有关部门：')
    const last = t.children.filter((c) => c.type !== 'footnoteDefinition').at(-1)
    expect(last?.type).toBe('paragraph')
    expect(JSON.stringify(last)).toContain('生态环境部网站')
    expect((await load()).body.match(/青川县生态环境局/g) ?? []).toHaveLength(0)
  })

  it('makes headings of the 公文 numbering at four levels, with a Word list as a list and bold as strong', async () => {
    const t = tree(await load())
    expect(headings(t)).toEqual([
      [2, '一、检查范围'],
      [3, '（一）重点行业'],
      [4, '1.检查重点'],
      [5, '（1）无组织排放'],
      [2, '二、时间安排'],
    ])
    const list = t.children.find((c) => c.type === 'list')
    expect(list?.type === 'list' && list.ordered).toBe(true)
    expect(list?.type === 'list' && list.children.length).toBe(2)
    expect(r2s(t)).toContain('**混凝土搅拌站**')
  })

  it('spells out merged cells in the table and says so, at the table and cell', async () => {
    const r = await load()
    const table = tree(r).children.find((c) => c.type === 'table')
    expect(table?.type).toBe('table')
    const rows = table?.type === 'table' ? table.children.map((row) => row.children.map((cell) => cell.children.map((c) => ('value' in c ? c.value : '')).join(''))) : []
    expect(rows).toEqual([
      ['乡镇', '检查对象', '检查时间'],
      ['乔庄镇', '城北污水处理厂', '11月16日'],
      ['乔庄镇', '金溪建材有限公司', '11月17日'],
      ['全县各乡镇（另行通知）', '全县各乡镇（另行通知）', '11月下旬'],
    ])
    const merged = r.diagnostics.filter((d) => d.code === 'import-doc/merged-cells')
    expect(merged.map((d) => d.message.split('：')[0])).toEqual(['第 1 个表格第 2 行第 1 列“乔庄镇”纵向合并 2 行', '第 1 个表格第 4 行第 1 列“全县各乡镇（另行通知）”横向合并 2 列'])
    expect(merged.every((d) => d.severity === 'warning' && d.file === '关于开展冬季大气污染防治专项检查的通知.docx')).toBe(true)
  })

  it('keeps the footnote, the link and the image (its bytes, named by hash under assets/imports/)', async () => {
    const r = await load()
    const t = tree(r)
    const def = t.children.find((c) => c.type === 'footnoteDefinition')
    expect(JSON.stringify(def)).toContain('2018年10月26日第二次修正。')
    expect(r.body).toContain('[^1]和省、市有关要求')
    expect(r.body).toContain('[生态环境部网站](https://www.mee.gov.cn/)')
    expect(r.images).toHaveLength(1)
    expect(r.images[0]?.path).toMatch(/^assets\/imports\/[0-9a-f]{16}\.png$/)
    expect(Buffer.from(r.images[0]!.data).equals(PNG_BLUE)).toBe(true)
    expect(r.body).toContain(`![检查现场照片](${r.images[0]!.path})`)
  })

  it('names the fonts it drops, and the file it writes validates in core with the fields right', async () => {
    const r = await load()
    expect(r.diagnostics.find((d) => d.code === 'import-doc/fonts')?.message).toContain('仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312')
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const text = newPublicationText(
      {
        id: '2026-hjxx-019',
        item: 'HB-HJXX-008',
        title: r.title!,
        stage: 'execution',
        formed: r.formed!,
        docNumber: r.docNumber!,
        attachments: r.attachments.map((a) => ({ title: a.title, path: `assets/2026-hjxx-019/${a.file}` })),
        imported: { file: r.file, sha256: r.sha256 },
      },
      r.body,
    )
    const read = readPublication({ file: 'publications/2026-hjxx-019.md', text })
    expect(read.diagnostics).toEqual([])
    expect(read.publication).toMatchObject({ docNumber: '青环发〔2026〕12号', formed: '2026-11-09', kind: 'release', imported: { file: r.file, sha256: r.sha256 } })
    expect(read.publication?.review).toBeUndefined()
    expect(read.publication?.attachments.map((a) => a.title)).toEqual(['检查人员名单', '检查记录表'])
    expect(read.parsed?.diagnostics).toEqual([])
  })

  it('a title over 32 characters gets a wechatTitle without the issuer, which fits', async () => {
    const long = patchDocumentXml(await noticeDocx(), (xml) => xml.replace('专项检查的通知', '专项执法检查的通知'))
    const r = await importDocument({ data: long, name: 'x.docx' }, { organ: ORGAN })
    expect(r.title).toBe('青川县生态环境局关于开展2026年冬季大气污染防治专项执法检查的通知')
    expect(r.wechatTitle).toBe('关于开展2026年冬季大气污染防治专项执法检查的通知')
    expect((await load()).wechatTitle).toBeUndefined()
  })

  it('the same picture twice is one file', async () => {
    const doubled = patchDocumentXml(await noticeDocx(), (xml) => {
      const m = /<w:p>(?:(?!<w:p>).)*?<w:drawing>.*?<\/w:p>/s.exec(xml)
      return m === null ? xml : xml.replace(m[0], m[0] + m[0])
    })
    const r = await importDocument({ data: doubled, name: 'x.docx' }, { organ: ORGAN })
    expect(r.images).toHaveLength(1)
    expect(r.body.match(/!\[/g)).toHaveLength(2)
  })

  it('leaves the 附件 note in the body and warns when a file it names is not beside the document', async () => {
    const r = await importDocument({ data: await noticeDocx(), name: 'n.docx' }, { organ: ORGAN, siblings: ['检查人员名单.pdf'] })
    expect(r.attachments).toEqual([{ title: '检查人员名单', file: '检查人员名单.pdf' }])
    expect(r.body).toContain('附件：1.检查人员名单')
    const d = r.diagnostics.find((x) => x.code === 'import-doc/attachment-missing')
    expect(d?.message).toContain('“检查记录表”')
  })
})

describe('附件 pages after the signature', () => {
  it('the signature before them is found, the pages stay after the body, and it is said', async () => {
    const pages = '<w:p><w:r><w:t>附件1</w:t></w:r></w:p><w:p><w:r><w:t>罚款缴纳账户：青川县财政局非税收入专户。</w:t></w:r></w:p>'
    const withPages = patchDocumentXml(await penaltyDocx(), (xml) => xml.replace(/<w:sectPr(?![\s\S]*<w:sectPr)/, `${pages}<w:sectPr`))
    const r = await importDocument({ data: withPages, name: 'p.docx' }, { organ: ORGAN })
    expect(r.formed).toBe('2026-11-09')
    expect(r.body).not.toContain('二〇二六年十一月九日')
    expect(r.body.trimEnd().endsWith('附件1\n\n罚款缴纳账户：青川县财政局非税收入专户。')).toBe(true)
    expect(r.diagnostics.find((d) => d.code === 'import-doc/attachment-pages')?.message).toBe('落款之后还有附件正文（从“附件1”起，2 段），已接在正文末尾：各渠道的署名会排在它之后')
  })
})

describe('a 行政处罚决定书', () => {
  it('reads a title over two lines, the number under it, the 〇 date, 当事人 kept, and no second signature', async () => {
    const r = await importDocument({ data: await penaltyDocx(), name: '行政处罚决定书.docx' }, { organ: ORGAN })
    expect(r.title).toBe('青川县生态环境局行政处罚决定书（青环罚〔2026〕15号）')
    expect(r.docNumber).toBe('青环罚〔2026〕15号')
    expect(r.formed).toBe('2026-11-09')
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    const t = tree(r)
    expect(headings(t).map((h) => h[1])).toEqual(['一、环境违法事实和证据', '二、行政处罚的依据、种类及其履行方式、期限', '三、申请行政复议或者提起行政诉讼的途径和期限'])
    expect(r.body.startsWith('当事人：青川县石坝水泥制品有限公司\n')).toBe(true)
    expect(r.body).toContain('**伍万元整（¥50,000.00）**')
    expect(r.body).not.toContain('二〇二六')
    expect(r.body).not.toContain(ORGAN)
    expect(r.body).not.toContain('青环罚')
  })
})

describe('what mammoth drops is reported with its place', () => {
  it('comments and tracked changes refuse the document; text box, sections, columns, red header and fonts are named', async () => {
    const r = await importDocument({ data: await trickyDocx(), name: '名录调整.docx' }, { organ: ORGAN })
    const by = (code: string) => r.diagnostics.filter((d) => d.code === code)
    expect(by('import-doc/comment').map((d) => [d.severity, d.message])).toEqual([['error', '第 6 段（“新增重点排污单位三家。”处）有批注：“请核实家数”']])
    expect(by('import-doc/tracked-change').map((d) => [d.severity, d.message])).toEqual([['error', '第 7 段（“名录自发布之日起”处）有未处理的修订（插入）']])
    expect(by('import-doc/tracked-change')[0]?.hint).toContain('接受所有修订')
    expect(by('import-doc/text-box').map((d) => d.message)).toEqual([
      '第 4 段（“经研究，现将调整事项通知如下。”处）有文本框“此处为文本框中的说明”：其中文字已作为普通段落放在正文这个位置，边框和定位没有保留',
    ])
    expect(by('import-doc/layout').map((d) => d.message)).toEqual(['第 10 段（“分两栏排版的附表说明。”处）：分 2 栏排版，没有保留', '文档中：分为 2 节（各节的页面设置不同），没有保留'])
    expect(by('import-doc/red-header').map((d) => d.message)).toEqual(['红头“青川县生态环境局文件”没有导入', '标题上方的 1 张图片（红头或红线）没有导入'])
    expect(r.title).toBe('关于调整重点排污单位名录的通知')
    expect(r.body).not.toContain('青川县生态环境局文件')
    expect(r.images).toEqual([])
    expect(r.diagnostics.every((d) => d.file === '名录调整.docx')).toBe(true)
  })

  it('a shape, and a picture in the page header', async () => {
    const shaped = patchDocumentXml(await styledDocx(), (xml) => xml.replace('</w:p>', `</w:p>${VML_RECT}`))
    const r = await importDocument({ data: shaped, name: 's.docx' }, { organ: ORGAN })
    expect(r.diagnostics.filter((d) => d.code === 'import-doc/shape').map((d) => d.message)).toEqual(['第 1 段（“2026年第三季度重点排污单位监督性监测结果”处）有图形（自选图形），没有导入'])
    const j = await importDocument({ data: await jointDocx(), name: 'j.docx' }, { organ: ORGAN })
    expect(j.diagnostics.find((d) => d.code === 'import-doc/header-image')?.message).toBe('页眉中的图片（header1.xml）没有导入（通常是红头或单位标志）')
  })

  it('an EMF picture (what Word makes of a pasted chart) is reported at its paragraph and left out', async () => {
    const parts = unzipSync(await noticeDocx())
    const png = Object.keys(parts).find((k) => k.startsWith('word/media/'))!
    parts[png.replace(/\.png$/, '.emf')] = parts[png]!
    delete parts[png]
    parts['word/_rels/document.xml.rels'] = strToU8(strFromU8(parts['word/_rels/document.xml.rels']!).replace(png.slice(5), png.slice(5).replace(/\.png$/, '.emf')))
    parts['[Content_Types].xml'] = strToU8(
      strFromU8(parts['[Content_Types].xml']!).replace(
        '<Default ContentType="image/png" Extension="png"/>',
        '<Default ContentType="image/png" Extension="png"/><Default ContentType="image/x-emf" Extension="emf"/>',
      ),
    )
    const r = await importDocument({ data: zipSync(parts), name: 'emf.docx' }, { organ: ORGAN })
    expect(r.images).toEqual([])
    expect(r.body).not.toContain('![')
    expect(r.diagnostics.filter((d) => d.code === 'import-doc/image-format').map((d) => [d.severity, d.message])).toEqual([
      ['warning', '第 25 段（“检查现场照片示例如下。”处）的图片是 image/x-emf 格式，网页和公众号显示不了，没有导入'],
    ])
  })

  it('a signature of other bodies (联合行文) stays in the body, dated, with a warning', async () => {
    const r = await importDocument({ data: await jointDocx(), name: 'j.docx' }, { organ: ORGAN })
    expect(r.formed).toBe('2026-11-20')
    expect(r.organs).toEqual(['青川县生态环境局 青川县水利局'])
    expect(r.body).toContain('2026年11月20日')
    expect(r.diagnostics.find((d) => d.code === 'import-doc/other-organ')?.severity).toBe('warning')
  })
})

describe('styles and formats', () => {
  it('the style 标题 (Title) is the title, Heading 1 is ##', async () => {
    const r = await importDocument({ data: await styledDocx(), name: 'm.docx' }, { organ: ORGAN })
    expect(r.title).toBe('2026年第三季度重点排污单位监督性监测结果')
    expect(headings(tree(r))).toEqual([[2, '监测概况']])
    expect(r.formed).toBe('2026-10-20')
    expect(r.body.trim()).toBe('## 监测概况\n\n本季度共监测重点排污单位12家。')
  })

  it('.doc, .wps and .pdf are refused with a stable code and how to save as .docx', () => {
    expect(formatProblem('a.docx')).toBeUndefined()
    const doc = formatProblem('通知.doc')
    expect([doc?.code, doc?.severity, doc?.message]).toEqual(['import-doc/doc-format', 'error', '“通知.doc”是Word 97-2003 文档（.doc），只能导入 .docx'])
    expect(doc?.hint).toContain('另存为')
    expect(doc?.hint).toContain('Word 文档（*.docx）')
    expect(formatProblem('通知.WPS')?.code).toBe('import-doc/wps-format')
    expect(formatProblem('通知.wps')?.hint).toContain('WPS 文字')
    expect(formatProblem('扫描件.pdf')?.code).toBe('import-doc/pdf-format')
    expect(formatProblem('扫描件.pdf')?.hint).toContain('原稿')
    expect(formatProblem('x.txt')?.code).toBe('import-doc/unknown-format')
  })

  it('a package whose document.xml is not well-formed is a diagnostic, not a crash', async () => {
    const bad = patchDocumentXml(await penaltyDocx(), (xml) => xml.replace('</w:body>', '</w:p></w:body>'))
    const r = await importDocument({ data: bad, name: '坏.docx' })
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['import-doc/broken', 'error']])
    expect(r.diagnostics[0]?.message).toContain('“坏.docx”的内容读不出来')
  })

  it('a .doc renamed to .docx, and a broken file, are told apart', async () => {
    const ole = await importDocument({ data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), name: '改名.docx' })
    expect(ole.diagnostics.map((d) => [d.code, d.message])).toEqual([['import-doc/doc-format', '“改名.docx”名为 .docx，其实是旧的 Word 97-2003（.doc）或 WPS 格式']])
    const half = (await penaltyDocx()).subarray(0, 2000)
    const broken = await importDocument({ data: half, name: '半个.docx' })
    expect(codes(broken)).toEqual(['import-doc/broken'])
  })
})

describe('findAttachmentFiles', () => {
  it('by name, by 附件N and name, by 附件N alone; the document itself and Word lock files never', () => {
    expect(findAttachmentFiles(['名单', '记录表', '照片'], ['名单.docx', '附件2-记录表.pdf', '附件3.zip', '~$名单.docx'], '名单.docx')).toEqual({
      found: [
        { title: '记录表', file: '附件2-记录表.pdf' },
        { title: '照片', file: '附件3.zip' },
      ],
      missing: ['名单'],
    })
  })
})

function r2s(t: Root): string {
  return JSON.stringify(t).includes('"type":"strong"') ? '**混凝土搅拌站**' : ''
}
