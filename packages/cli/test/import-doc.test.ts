/**
 * `gongkai import-doc` on a copy of the example bureau, in process with a still clock: the files it
 * writes load back without errors with the fields right, images and 附件 land in assets/, a
 * re-import updates the same publication, an unclear item is refused with its candidates, and a
 * folder of documents ends in one table. The .docx files are written in the test (`docx`).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadProject } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { noticeDocx, patchDocumentXml, penaltyDocx, PNG_BLUE, styledDocx, trickyDocx } from '../../import/test/support/make-docx.js'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

/** A project copy with an office's folder of documents beside it. */
async function setup(name: string) {
  const dir = copyExample(name)
  const docs = join(dir, '..', '来文')
  mkdirSync(docs, { recursive: true })
  writeFileSync(join(docs, '大气检查通知.docx'), await noticeDocx())
  writeFileSync(join(docs, '检查人员名单.pdf'), '%PDF-1.4\n% 名单\n')
  writeFileSync(join(docs, '附件2 检查记录表.xlsx'), 'PK')
  writeFileSync(join(docs, '处罚决定书15号.docx'), await penaltyDocx())
  return { dir, docs }
}

describe('gongkai import-doc', () => {
  it('writes a 通知 and a 决定书 that load back with their fields, images and 附件 in assets/, and no review', async () => {
    const { dir, docs } = await setup('import-two')
    const before = await loadProject(dir)
    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '大气检查通知.docx'), join(docs, '处罚决定书15号.docx')], io), io.text()).toBe(0)
    expect(io.text()).toContain('按标题匹配到 HB-HJXX-008 污染防治攻坚（匹配度 0.41')
    expect(io.text()).toContain('按标题匹配到 HB-XZCF-001 行政处罚决定（匹配度 1.50')

    const after = await loadProject(dir)
    expect(after.publications).toHaveLength(before.publications.length + 2)
    const mine = after.diagnostics.filter((d) => d.file === 'publications/2026-hjxx-019.md' || d.file === 'publications/2026-xzcf-012.md')
    expect(mine).toEqual([])
    const notice = after.publications.find((p) => p.id === '2026-hjxx-019')!
    expect(notice).toMatchObject({
      item: 'HB-HJXX-008',
      title: '青川县生态环境局关于开展2026年冬季大气污染防治专项检查的通知',
      kind: 'release',
      formed: '2026-11-09',
      docNumber: '青环发〔2026〕12号',
      imported: { file: '大气检查通知.docx' },
    })
    expect(notice.review).toBeUndefined()
    expect(notice.attachments).toEqual([
      { title: '检查人员名单', path: 'assets/2026-hjxx-019/检查人员名单.pdf' },
      { title: '检查记录表', path: 'assets/2026-hjxx-019/附件2-检查记录表.xlsx' },
    ])
    expect(readFileSync(join(dir, 'assets/2026-hjxx-019/检查人员名单.pdf'), 'utf8')).toContain('名单')
    const image = /!\[[^\]]*\]\((assets\/imports\/[0-9a-f]{16}\.png)\)/.exec(notice.body)?.[1]
    expect(image).toBeDefined()
    expect(readFileSync(join(dir, image!)).equals(PNG_BLUE)).toBe(true)
    // The example's stage for the item; the signature left the body.
    expect(notice.stage).toBe('decision')
    expect(notice.body).not.toContain('2026年11月9日')
    const penalty = after.publications.find((p) => p.id === '2026-xzcf-012')!
    expect(penalty).toMatchObject({ item: 'HB-XZCF-001', stage: 'result', formed: '2026-11-09', docNumber: '青环罚〔2026〕15号', title: '青川县生态环境局行政处罚决定书（青环罚〔2026〕15号）' })
    expect(penalty.body).not.toMatch(/青川县生态环境局\s*$/)
    // Only a preview until reviewed.
    expect(after.disclosures.some((d) => d.publication.id === '2026-xzcf-012')).toBe(true)
    expect(readFileSync(join(dir, 'publications/2026-xzcf-012.md'), 'utf8').split('\n').slice(0, 3)).toEqual([
      '---',
      '# 由 gongkai import-doc 从“处罚决定书15号.docx”导入。核对正文、通过保密审查后写上 review 才会发布。',
      'id: 2026-xzcf-012',
    ])
  })

  it('a re-import of the same file changes nothing; of a changed one updates the same file, keeps what the operator added and drops the review', async () => {
    const { dir, docs } = await setup('import-again')
    const run = async (...args: string[]) => {
      const io = fakeIo(join(dir, '..'))
      const code = await main(['import-doc', dir, ...args], io)
      return { code, text: io.text() }
    }
    const doc = join(docs, '处罚决定书15号.docx')
    expect((await run(doc)).code).toBe(0)
    const file = join(dir, 'publications/2026-xzcf-012.md')
    const first = readFileSync(file, 'utf8')
    const again = await run(doc)
    expect(again.text).toMatch(/处罚决定书15号\.docx\s+未改动\s+2026-xzcf-012/)
    expect(readFileSync(file, 'utf8')).toBe(first)

    // The operator reviews it and adds tags; then the office sends a corrected document under the same name.
    writeFileSync(file, first.replace('imported:', 'review: { by: 杜宏斌, on: 2026-11-12 }\n# 按主题词表\ntags: [行政处罚, 扬尘]\nimported:'))
    writeFileSync(
      doc,
      patchDocumentXml(await penaltyDocx(), (xml) => xml.replace('伍万元整', '肆万元整')),
    )
    const updated = await run(doc, '--item', 'HB-XZCF-001')
    expect(updated.code, updated.text).toBe(0)
    expect(updated.text).toMatch(/处罚决定书15号\.docx\s+更新\s+2026-xzcf-012/)
    expect(updated.text).toContain('原 review 已删去')
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('tags: [行政处罚, 扬尘]')
    expect(text).toContain('# 按主题词表\ntags:')
    expect(text).toContain('**肆万元整（¥50,000.00）**')
    expect(text).not.toContain('review:')
    expect(readdirSync(join(dir, 'publications')).filter((f) => f.startsWith('2026-xzcf'))).toEqual(['2026-xzcf-012.md'])
    const p = (await loadProject(dir)).publications.find((x) => x.id === '2026-xzcf-012')
    expect(p?.tags).toEqual(['行政处罚', '扬尘'])
    expect(p?.review).toBeUndefined()
  })

  it('without --item and no clear match it refuses with the candidates and their scores, writing nothing', async () => {
    const { dir, docs } = await setup('import-unclear')
    writeFileSync(join(docs, '监测结果.docx'), await styledDocx())
    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '监测结果.docx')], io)).toBe(1)
    expect(io.text()).toContain(
      '错误 按标题“2026年第三季度重点排污单位监督性监测结果”找不到明显最匹配的目录事项，候选：HB-HJXX-002 重点排污单位名录（匹配度 0.31）；HB-HJXX-007 排污许可与排污登记（匹配度 0.24）',
    )
    expect(io.text()).toContain('请用 --item 指定')
    expect(existsSync(join(dir, 'publications/2026-hjxx-019.md'))).toBe(false)
    const ok = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '监测结果.docx'), '--item', 'HB-HJXX-002', '--id', '2026-jc-003'], ok), ok.text()).toBe(0)
    const p = (await loadProject(dir)).publications.find((x) => x.id === '2026-jc-003')
    expect(p).toMatchObject({ item: 'HB-HJXX-002', formed: '2026-10-20', source: { file: 'publications/2026-jc-003.md' } })
  })

  it('a folder: documents refused or taken one by one, the 附件 files recognised, one table at the end; --dry-run writes nothing', async () => {
    const { dir, docs } = await setup('import-folder')
    writeFileSync(join(docs, '名录调整.docx'), await trickyDocx())
    writeFileSync(join(docs, '旧通知.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))
    writeFileSync(join(docs, '~$大气检查通知.docx'), 'lock')
    const dry = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, docs, '--dry-run'], dry)).toBe(1)
    expect(dry.text()).toContain('试运行（没有写入任何文件）：新建 2 篇，未导入 2 篇，作为附件 1 个。')
    expect(existsSync(join(dir, 'publications/2026-hjxx-019.md'))).toBe(false)
    expect(existsSync(join(dir, 'assets/imports'))).toBe(false)

    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, docs], io)).toBe(1)
    const table = io.stdout.slice(io.stdout.findIndex((l) => l.startsWith('文件'))).join('\n')
    expect(table.split('\n')[0]).toMatch(/^文件\s+结果\s+编号\s+事项\s+匹配度\s+说明$/)
    expect(table).toMatch(/来文\/名录调整\.docx\s+未导入\s+第 6 段（“新增重点排污单位三家。”处）有批注/)
    expect(table).toMatch(/来文\/旧通知\.doc\s+未导入\s+“旧通知\.doc”是Word 97-2003 文档（\.doc），只能导入 \.docx/)
    expect(table).toMatch(/来文\/检查人员名单\.pdf\s+附件\s+2026-hjxx-019\s+作为 2026-hjxx-019 的附件导入/)
    expect(table).not.toContain('~$')
    expect(io.stderr.join('\n')).toContain('[import-doc/tracked-change]')
    expect(io.stderr.join('\n')).toContain('提示：用 Word 或 WPS 打开，点“文件 → 另存为”，保存类型选“Word 文档（*.docx）”')
    expect(existsSync(join(dir, 'publications/2026-hjxx-019.md'))).toBe(true)
    expect(existsSync(join(dir, 'publications/2026-xzcf-012.md'))).toBe(true)
  })

  it('refuses --id for several files, an unknown --item, and an id already taken', async () => {
    const { dir, docs } = await setup('import-usage')
    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, docs, '--id', 'x-1'], io)).toBe(2)
    expect(io.text()).toContain('--id 只能用于导入一个文件')
    const item = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '处罚决定书15号.docx'), '--item', 'HB-XZCF-01'], item)).toBe(2)
    expect(item.text()).toContain('目录中没有事项编码“HB-XZCF-01”（是否想写“HB-XZCF-001”？）')
    const taken = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '处罚决定书15号.docx'), '--id', '2026-xzcf-001'], taken)).toBe(1)
    expect(taken.text()).toContain('[import-doc/id-taken]')
  })
})

describe('gongkai import-doc: another document under a name already imported', () => {
  it('is a new publication, said, and the first one is left as it was', async () => {
    const { dir, docs } = await setup('import-same-name')
    const first = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '处罚决定书15号.docx')], first), first.text()).toBe(0)
    const before = readFileSync(join(dir, 'publications/2026-xzcf-012.md'))
    // The office saves another decision (another number) under the same file name.
    writeFileSync(
      join(docs, '处罚决定书15号.docx'),
      patchDocumentXml(await penaltyDocx(), (xml) => xml.replace('青环罚〔2026〕15号', '青环罚〔2026〕16号')),
    )
    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, join(docs, '处罚决定书15号.docx')], io), io.text()).toBe(0)
    expect(io.text()).toContain('与已导入的 2026-xzcf-012 文件同名，但发文字号和标题都不同：作为另一篇新的公开信息导入 [import-doc/same-name]')
    expect(io.text()).toMatch(/处罚决定书15号\.docx\s+新建\s+2026-xzcf-013/)
    expect(readFileSync(join(dir, 'publications/2026-xzcf-012.md')).equals(before)).toBe(true)
    expect((await loadProject(dir)).publications.find((p) => p.id === '2026-xzcf-013')?.docNumber).toBe('青环罚〔2026〕16号')
  })
})

describe('gongkai import-doc: a document without 成文日期', () => {
  it('is refused without --formed, saying so, and imported with it', async () => {
    const { dir, docs } = await setup('import-formed')
    const undated = join(docs, '无日期.docx')
    writeFileSync(
      undated,
      patchDocumentXml(await penaltyDocx(), (xml) => xml.replace('二〇二六年十一月九日', '')),
    )
    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, undated], io)).toBe(1)
    expect(io.text()).toContain('警告 文末找不到落款和成文日期（如“2026年11月9日”或“二〇二六年十一月九日”） [import-doc/no-date]')
    expect(io.text()).toContain('错误 没有信息形成日期：文档末尾找不到成文日期 [import-doc/formed-required]')
    const bad = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, undated, '--formed', '2026-02-30'], bad)).toBe(2)
    const ok = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, undated, '--formed', '2026-11-10'], ok), ok.text()).toBe(0)
    expect(ok.text()).toContain('成文日期 2026-11-10（--formed）')
    const p = (await loadProject(dir)).publications.find((x) => x.imported?.file === '无日期.docx')
    expect(p?.formed).toBe('2026-11-10')
    // The signature without its date left the body too: the channels sign it once.
    expect(p?.body.trimEnd().endsWith('青川县人民法院提起行政诉讼。')).toBe(true)
  })
})

describe('gongkai import-doc: nothing outside the project folder is written', () => {
  it('refuses to write images through an assets/ that links out of the project, and the others still go', async () => {
    const { dir, docs } = await setup('import-outside')
    const elsewhere = join(dir, '..', '别处')
    mkdirSync(elsewhere)
    mkdirSync(join(dir, 'assets'), { recursive: true })
    symlinkSync(elsewhere, join(dir, 'assets', 'imports'))
    const io = fakeIo(join(dir, '..'))
    expect(await main(['import-doc', dir, docs], io)).toBe(1)
    expect(io.text()).toContain('的实际位置不在项目目录中，没有写入 [file/outside-project]')
    expect(readdirSync(elsewhere)).toEqual([])
    expect(io.text()).toMatch(/处罚决定书15号\.docx\s+新建\s+2026-xzcf-012/)
    expect(existsSync(join(dir, 'publications/2026-hjxx-019.md'))).toBe(false)
  })
})
