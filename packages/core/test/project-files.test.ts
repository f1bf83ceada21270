/** Files as offices produce them: other encodings, symlinks out of the project, oversized files, odd paths. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { createRenderContext } from '../src/config-defaults.js'
import { toPlainText } from '../src/markdown.js'
import { decodeText } from '../src/project/decode-text.js'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'

const valid = fileURLToPath(new URL('./fixtures/valid/', import.meta.url))
const where = (ds: readonly { file?: string; line?: number; column?: number; code: string }[]) => ds.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.code}`)

/** A copy of the valid fixture in a fresh folder (inside a parent that can hold a secret), with files added or replaced. */
function project(files: Record<string, string | Uint8Array> = {}): { dir: string; parent: string } {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-files-'))
  const dir = join(parent, 'project')
  cpSync(valid, dir, { recursive: true })
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true })
    writeFileSync(join(dir, rel), data)
  }
  return { dir, parent }
}

const publication = (id: string, title: string, body: string, extra: string[] = []) =>
  ['---', `id: ${id}`, 'item: HB-XK-005', `title: ${title}`, 'kind: release', 'stage: result', 'formed: 2026-02-28', 'review: { by: 王五, on: 2026-03-01 }', ...extra, '---', '', body, ''].join('\n')

describe('encodings', () => {
  it('decodes a GBK publication, with a warning that names the encoding and says how to save as UTF-8', async () => {
    const { dir } = project({ 'publications/gbk.md': iconv.encode(publication('2026-gbk-001', '关于某企业环境违法行为的行政处罚决定', '依法予以公开，特此公告。'), 'gbk') })
    const p = await loadProject(dir, { cache: false })
    const d = p.disclosures.find((x) => x.publication.id === '2026-gbk-001')
    expect(d?.publication.title).toBe('关于某企业环境违法行为的行政处罚决定')
    expect(toPlainText(d?.tree ?? { type: 'root', children: [] })).toBe('依法予以公开，特此公告。')
    const warning = p.diagnostics.find((x) => x.code === 'file/encoding')
    expect(warning).toMatchObject({ severity: 'warning', file: 'publications/gbk.md', line: 1, column: 1 })
    expect(warning?.message).toContain('GBK/GB18030')
    expect(warning?.hint).toContain('另存为')
    expect(warning?.hint).toContain('UTF-8')
  })

  it('detects GBK even in a few characters, where chardet alone guesses Big5 or Shift_JIS', () => {
    for (const text of ['公开', '标题：关于公开', '张三']) {
      const r = decodeText(iconv.encode(text, 'gbk'), 'x.md')
      expect(r.encoding, text).toBe('GB18030')
      expect(r.text).toBe(text)
    }
    // A page of traditional Chinese in Big5 is told apart by chardet and decoded as Big5.
    const big5 = '政府資訊公開條例規定，行政機關應當主動公開本機關的政府資訊。'.repeat(4)
    expect(decodeText(iconv.encode(big5, 'big5'), 'x.md')).toMatchObject({ encoding: 'Big5', text: big5 })
  })

  it('decodes UTF-16 with and without a BOM, and a GBK config and a UTF-16 catalog', async () => {
    const config = readFileSync(join(valid, 'gongkai.config.yaml'), 'utf8')
    const catalog = readFileSync(join(valid, 'catalog.yaml'), 'utf8').replace('name: 建设项目环评审批', 'name: 建设项目环评审批（UTF-16）')
    const { dir } = project({
      'gongkai.config.yaml': iconv.encode(config, 'gbk'),
      'catalog.yaml': iconv.encode(catalog, 'utf16le', { addBOM: true }),
      'publications/le.md': iconv.encode(publication('2026-le-001', '小端带 BOM', '正文一。'), 'utf16le', { addBOM: true }),
      'publications/be.md': iconv.encode(publication('2026-be-001', '大端无 BOM', '正文二。'), 'utf16be'),
    })
    const p = await loadProject(dir, { cache: false })
    expect(p.config.site.title).toBe('测试县生态环境局政府信息公开')
    expect(p.config.body.name).toBe('测试县生态环境局')
    expect(p.catalog.get('HB-XK-005')?.name).toBe('建设项目环评审批（UTF-16）')
    expect(p.disclosures.find((x) => x.publication.id === '2026-le-001')?.publication.title).toBe('小端带 BOM')
    expect(p.disclosures.find((x) => x.publication.id === '2026-be-001')?.publication.title).toBe('大端无 BOM')
    expect(p.diagnostics.filter((x) => x.code === 'file/encoding').map((x) => `${x.file} ${x.message}`)).toEqual([
      'gongkai.config.yaml 文件不是 UTF-8 编码，已按 GBK/GB18030 编码读取',
      'catalog.yaml 文件不是 UTF-8 编码，已按 UTF-16LE 编码读取',
      'publications/be.md 文件不是 UTF-8 编码，已按 UTF-16BE 编码读取',
      'publications/le.md 文件不是 UTF-8 编码，已按 UTF-16LE 编码读取',
    ])
    expect(p.diagnostics.filter((x) => x.severity === 'error')).toEqual([])
  })

  it('decodes mostly Chinese UTF-16 without a BOM, where 开 (U+5F00) and 一 (U+4E00) put NULs on both sides', async () => {
    const body = '本局依法公开一般政府信息'.repeat(20)
    const { dir } = project({
      'publications/le.md': iconv.encode(publication('2026-le-002', '关于公开一般政府信息的说明', body), 'utf16le'),
      'publications/be.md': iconv.encode(publication('2026-be-002', '关于公开一般政府信息的说明', body), 'utf16be'),
    })
    const p = await loadProject(dir, { cache: false })
    for (const id of ['2026-le-002', '2026-be-002']) {
      const d = p.disclosures.find((x) => x.publication.id === id)
      expect(d?.publication.title, id).toBe('关于公开一般政府信息的说明')
      expect(toPlainText(d?.tree ?? { type: 'root', children: [] })).toBe(body)
    }
    expect(where(p.diagnostics)).toEqual(['publications/be.md:1:1 file/encoding', 'publications/le.md:1:1 file/encoding'])
    expect(p.diagnostics.map((x) => x.message)).toEqual(['文件不是 UTF-8 编码，已按 UTF-16BE 编码读取', '文件不是 UTF-8 编码，已按 UTF-16LE 编码读取'])

    const csv = `序号,一级事项,二级事项,公开事项名称\n${Array.from({ length: 20 }, (_, i) => `${i + 1},行政许可,一般事项,本局依法公开一般政府信息`).join('\n')}\n`
    for (const [encoding, name] of [
      ['utf16le', 'UTF-16LE'],
      ['utf16be', 'UTF-16BE'],
    ] as const) {
      const r = decodeText(iconv.encode(csv, encoding), 'catalog.csv')
      expect(r.encoding).toBe(name)
      expect(r.text).toBe(csv)
      expect(where(r.diagnostics)).toEqual(['catalog.csv:1:1 file/encoding'])
    }
  })

  it('tells the byte order of almost pure ASCII UTF-16 by the side of its NULs, where both readings look like text', () => {
    // Backwards, `a` is the ideograph U+6100: both orders score high, so the NULs (all high bytes) decide.
    const text = 'name: value\nhello world\n'
    expect(decodeText(iconv.encode(text, 'utf16le'), 'x.yaml')).toMatchObject({ encoding: 'UTF-16LE', text })
    expect(decodeText(iconv.encode(text, 'utf16be'), 'x.yaml')).toMatchObject({ encoding: 'UTF-16BE', text })
  })

  it('still refuses binary bytes with NULs as no text', () => {
    // A fixed-seed generator (mulberry32): the same bytes on every run.
    let seed = 20261130
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) % 256
    }
    for (const size of [64, 1000, 4096]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i % 7 === 0 ? 0 : next()))
      const r = decodeText(bytes, 'publications/x.md')
      expect(r.text, String(size)).toBeUndefined()
      expect(r.diagnostics.map((x) => x.code)).toEqual(['file/unknown-encoding'])
    }
  })

  it('strips a UTF-8 BOM silently', async () => {
    const { dir } = project({ 'publications/bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(publication('2026-bom-001', '带 BOM 的 UTF-8', '正文。'))]) })
    const p = await loadProject(dir, { cache: false })
    expect(p.disclosures.find((x) => x.publication.id === '2026-bom-001')?.publication.title).toBe('带 BOM 的 UTF-8')
    expect(p.diagnostics).toEqual([])
  })

  it('refuses bytes valid in no plausible encoding with an error at the first bad byte, and goes on with the rest', async () => {
    const good = Buffer.from(publication('2026-bad-001', '标题', '第一行\n'))
    // 0xFF is a lead byte in no encoding offered; then a Latin-1 é before a line break.
    const bad = Buffer.concat([good, Buffer.from([0x61, 0xff, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])])
    const { dir } = project({ 'publications/bad.md': bad })
    const p = await loadProject(dir, { cache: false })
    const line = good.toString('utf8').split('\n').length
    expect(where(p.diagnostics)).toEqual([`publications/bad.md:${line}:2 file/unknown-encoding`])
    expect(p.publications.map((x) => x.id)).not.toContain('2026-bad-001')
    expect(p.disclosures).toHaveLength(4)
  })

  it('refuses a UTF-8 file with one stray byte at that byte rather than reading it all as GBK', () => {
    const text = '---\nid: 2026-x-001\ntitle: 关于某企业环境违法行为的行政处罚决定\n---\n依法予以公开'
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0x96]), Buffer.from('，特此公告。\n')])
    const r = decodeText(bytes, 'publications/x.md')
    expect(r.text).toBeUndefined()
    expect(where(r.diagnostics)).toEqual(['publications/x.md:5:7 file/unknown-encoding'])
  })

  it('reads a GBK calendar file named in the config', async () => {
    const config = `${readFileSync(join(valid, 'gongkai.config.yaml'), 'utf8')}calendar: calendar.yaml\n`
    const { dir } = project({ 'gongkai.config.yaml': config, 'calendar.yaml': iconv.encode('# 2027 年放假安排（国务院办公厅）\n2027:\n  holidays: [2027-01-01]\n', 'gbk') })
    const p = await loadProject(dir, { cache: false })
    expect(p.calendarFile?.text).toContain('放假安排')
    expect(where(p.diagnostics)).toEqual(['calendar.yaml:1:1 file/encoding'])
  })
})

describe('symlinks out of the project', () => {
  it('refuses attachments, covers, body images and publication files that lead outside, and reads none of them', async () => {
    const { dir, parent } = project()
    writeFileSync(join(parent, 'secret.txt'), 'SECRET-7f3a 机密内容')
    writeFileSync(join(parent, 'secret.md'), publication('2026-leak-md', '泄露', 'SECRET-7f3a 机密正文'))
    mkdirSync(join(dir, 'assets'), { recursive: true })
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'assets', 'leak.pdf'))
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'assets', 'leak.png'))
    symlinkSync(join(parent, 'secret.md'), join(dir, 'publications', 'leak.md'))
    // Inside the project, a symlink is fine.
    writeFileSync(join(dir, 'assets', 'real.png'), 'PNG')
    symlinkSync(join(dir, 'assets', 'real.png'), join(dir, 'assets', 'alias.png'))
    writeFileSync(join(dir, 'publications', 'att.md'), publication('2026-att-001', '附件外链', '正文。', ['attachments:', '  - { title: 决定书, path: assets/leak.pdf }']))
    writeFileSync(join(dir, 'publications', 'img.md'), publication('2026-img-001', '图片外链', '![图](../assets/leak.png)'))
    writeFileSync(join(dir, 'publications', 'ok.md'), publication('2026-ok-001', '图片内链', '![图](../assets/alias.png)', ['cover: assets/alias.png']))
    const p = await loadProject(dir, { cache: false })
    expect(where(p.diagnostics.filter((d) => d.severity === 'error'))).toEqual([
      'publications/att.md:10:25 file/outside-project',
      'publications/img.md:11:1 file/outside-project',
      'publications/leak.md:: file/outside-project',
    ])
    expect(p.diagnostics.find((d) => d.file === 'publications/leak.md')?.message).toContain('符号链接')
    const ids = p.disclosures.map((d) => d.publication.id)
    expect(ids).toContain('2026-ok-001')
    expect(ids).not.toContain('2026-att-001')
    expect(ids).not.toContain('2026-img-001')
    expect(p.publications.map((x) => x.id)).not.toContain('2026-leak-md')
    expect(JSON.stringify(p.publications)).not.toContain('SECRET-7f3a')

    // The render context channels read through refuses the link too (made after loading, say).
    const ctx = createRenderContext({ config: p.config, catalog: p.catalog, all: p.disclosures, projectDir: dir })
    await expect(ctx.readAsset('assets/leak.pdf')).rejects.toMatchObject({ code: 'asset/outside-project' })
    await expect(ctx.readAsset('assets/alias.png')).resolves.toEqual(new Uint8Array(Buffer.from('PNG')))

    // That a build of it holds no byte of the secrets is hub's test (packages/hub/test/hub.test.ts).
  })

  it('refuses a publications folder that is itself a link out of the project', async () => {
    const { dir, parent } = project()
    const elsewhere = join(parent, 'elsewhere')
    cpSync(join(dir, 'publications'), elsewhere, { recursive: true })
    const moved = join(parent, 'moved')
    cpSync(dir, moved, { recursive: true, filter: (src) => !src.includes('publications') })
    symlinkSync(elsewhere, join(moved, 'publications'))
    const p = await loadProject(moved, { cache: false })
    expect(where(p.diagnostics)).toEqual(['publications:: file/outside-project'])
    expect(p.publications).toEqual([])
  })
})

describe('size limits', () => {
  it('refuses a publication over 2 MB with its size and the limit, and loads the others', async () => {
    const big = publication('2026-big-001', '超大文件', `${'超大的正文。'.repeat(120_000)}`)
    const { dir } = project({ 'publications/big.md': big })
    const p = await loadProject(dir, { cache: false })
    const d = p.diagnostics.find((x) => x.code === 'publication/too-large')
    expect(d).toMatchObject({ severity: 'error', file: 'publications/big.md', line: 1, column: 1 })
    expect(d?.message).toContain('2.1 MB')
    expect(d?.message).toContain('2.0 MB')
    expect(p.publications.map((x) => x.id)).not.toContain('2026-big-001')
    expect(p.disclosures).toHaveLength(4)
  })
})

describe('paths and names', () => {
  const config = { file: 'gongkai.config.yaml', text: readFileSync(join(valid, 'gongkai.config.yaml'), 'utf8') }
  const catalog = { file: 'catalog.yaml', text: readFileSync(join(valid, 'catalog.yaml'), 'utf8') }
  const validate = (file: string, text: string) => validateProject({ config, catalog, publications: [{ file, text }] })

  it('bounds the id at 100 characters, where a 300-character one passed and failed on write', () => {
    const long = `a${'b'.repeat(299)}`
    const r = validate('publications/long.md', publication(long, '很长的编号', '正文。'))
    expect(where(r.diagnostics)).toEqual(['publications/long.md:2:5 publication/unsafe-id'])
    expect(r.diagnostics[0]?.message).toContain('超过 100 个字符')
    expect(r.publications).toEqual([])
    expect(validate('publications/ok.md', publication(`a${'b'.repeat(99)}`, '一百个字符', '正文。')).diagnostics).toEqual([])
  })

  it('refuses a body image at an absolute path or one that leaves the project, and never keeps its URL', () => {
    const r = validate(
      'publications/2026/img.md',
      publication('2026-img-002', '图片', '正文。\n\n![监测图](/tmp/x.png)\n\n![上一级](../../../x.png)\n\n![可以](../../assets/x.png) ![也可以](/assets/x.png)'),
    )
    expect(where(r.diagnostics)).toEqual(['publications/2026/img.md:13:1 markdown/unsafe-path', 'publications/2026/img.md:15:1 markdown/unsafe-path'])
    expect(r.diagnostics[0]?.message).toContain('绝对路径')
    expect(r.disclosures).toEqual([])
  })

  it('refuses such an image again on the next load, from the parse cache', async () => {
    const { dir } = project({ 'publications/img.md': publication('2026-img-003', '图片', '![监测图](/tmp/x.png)') })
    for (let load = 0; load < 2; load++) {
      const p = await loadProject(dir)
      expect(where(p.diagnostics), `load ${load}`).toEqual(['publications/img.md:11:1 markdown/unsafe-path'])
      expect(p.disclosures.map((d) => d.publication.id)).not.toContain('2026-img-003')
    }
  })

  it('says a line break in an attachment path is a control character, at the character', () => {
    const r = validate('publications/nl.md', publication('2026-nl-001', '附件', '正文。', ['attachments:', '  - { title: 决定书, path: "assets/a\\nb.pdf" }']))
    expect(where(r.diagnostics)).toEqual(['publications/nl.md:10:34 publication/unsafe-path'])
    expect(r.diagnostics[0]?.message).toContain('控制字符（换行）')
    expect(r.diagnostics[0]?.message).not.toContain('不在项目目录中')
  })

  it('reports a calendar file named in the config that does not exist, at the config line', async () => {
    const { dir } = project({ 'gongkai.config.yaml': `${config.text}calendar: calendar-2027.yaml\n` })
    const p = await loadProject(dir, { cache: false })
    const line = config.text.split('\n').length
    expect(where(p.diagnostics)).toEqual([`gongkai.config.yaml:${line}:11 config/missing-calendar`])
    expect(p.diagnostics[0]?.message).toContain('calendar-2027.yaml')
    expect(existsSync(join(dir, 'calendar-2027.yaml'))).toBe(false)
  })
})

describe('a body image that is not there', () => {
  it('is a warning at its line when the project loads, so validate says what build would', async () => {
    const { dir } = project({ 'publications/img-missing.md': publication('2026-img-009', '图片缺失的公告', '正文。\n\n![现场照片](/assets/images/none.png)') })
    const p = await loadProject(dir, { cache: false })
    expect(where(p.diagnostics.filter((d) => d.code === 'publication/missing-file'))).toEqual(['publications/img-missing.md:13:1 publication/missing-file'])
    // Still published: a missing picture is the office's to fix, not a reason to hold the text back.
    expect(p.disclosures.some((d) => d.publication.id === '2026-img-009')).toBe(true)
  })
})
