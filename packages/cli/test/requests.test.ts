/**
 * 依申请公开 end to end, in process: a small register written by the test, the annual report's
 * `--json` against counts made by hand, its PDF read back with pdftotext and its .docx read back
 * from its XML, the cross-check refusing a register that breaks it, and the letters.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TABLE3_COLUMNS, TABLE3_ROWS } from '@gongkai/core'
import JSZip from 'jszip'
import { parseDocument } from 'htmlparser2'
import { findAll, textContent } from 'domutils'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

/** The example with its register replaced by five requests counted by hand below. */
function smallProject(): string {
  const dir = copyExample('requests')
  rmSync(join(dir, 'requests'), { recursive: true })
  mkdirSync(join(dir, 'requests'))
  const write = (file: string, lines: string[]) => writeFileSync(join(dir, 'requests', file), `${lines.join('\n')}\n`)
  // Received 2025, replied 2026: 上年结转 1 (商业企业) and 予以公开 1.
  write('a.yaml', ['id: q-a', 'received: 2025-12-29', 'channel: 网络', 'applicant: { type: 商业企业, name: 某某公司 }', 'content: 申请公开甲项目批复', 'outcome: { on: 2026-01-15, result: 予以公开 }'])
  // 2026, 自然人: 补正, completed, consultation, extension; 部分公开; 行政复议 维持.
  write('b.yaml', [
    'id: q-b',
    'received: 2026-09-21',
    'channel: 网络',
    'applicant: { type: 自然人, name: 欧阳某某 }',
    'content: 申请公开乙项目环境影响后评价报告',
    'owner: 环境影响评价与排放管理科',
    'events:',
    '  - { kind: 补正, on: 2026-09-29 }',
    '  - { kind: 补正完成, on: 2026-10-09 }',
    '  - { kind: 征求意见, from: 2026-10-13, to: 2026-10-16 }',
    '  - { kind: 延期, on: 2026-11-02, approvedBy: 李某 }',
    'outcome: { on: 2026-12-01, result: 部分公开, basis: 条例第三十七条, note: 第三方不同意公开的部分已作遮盖处理。 }',
    'appeals: [{ kind: 行政复议, result: 维持 }]',
  ])
  // 2026, 法律服务机构: 不予公开/属于行政执法案卷; 复议后起诉 尚未审结.
  write('c.yaml', [
    'id: q-c',
    'received: 2026-03-02',
    'channel: 邮寄',
    'applicant: { type: 法律服务机构, name: 某律师事务所 }',
    'content: 申请公开丙案卷',
    'outcome: { on: 2026-03-20, result: 不予公开/属于行政执法案卷 }',
    'appeals: [{ kind: 复议后起诉, result: 尚未审结 }]',
  ])
  // 2026, 其他: 不予处理/重复申请.
  write('d.yaml', [
    'id: q-d',
    'received: 2026-05-06',
    'channel: 当面',
    'applicant: { type: 其他, name: 某村委会 }',
    'content: 申请公开丁文件',
    'outcome: { on: 2026-05-08, result: 不予处理/重复申请 }',
  ])
  // 2026, 自然人, open at the end of the year: 结转下年度.
  write('e.yaml', ['id: q-e', 'received: 2026-11-24', 'channel: 网络', 'applicant: { type: 自然人, name: 戊某 }', 'content: 申请公开戊数据', 'owner: 监测站'])
  writeFileSync(join(dir, 'reports', '2026.yaml'), '上年结转: 1\n行政事业性收费: 0\n')
  return dir
}

async function run(args: string[], dir: string): Promise<{ code: number; io: ReturnType<typeof fakeIo> }> {
  const io = fakeIo(dir, new Date('2026-12-30T10:00:00+08:00'))
  return { code: await main(args, io), io }
}

describe('gongkai report annual', () => {
  it('--json: table3 maps every row to the seven columns, with the counts made by hand', async () => {
    const dir = smallProject()
    const { code, io } = await run(['report', 'annual', dir, '--year', '2026', '--json'], dir)
    expect(code, io.text()).toBe(0)
    const json = JSON.parse(io.stdout.join('\n')) as {
      year: number
      table2: Record<string, Record<string, number>>
      table3: Record<string, Record<string, number>>
      table4: Record<string, Record<string, number>>
    }
    expect(Object.keys(json)).toEqual(['year', 'organ', 'table2', 'table3', 'table4'])
    expect(Object.keys(json.table3)).toEqual([...TABLE3_ROWS])
    for (const row of TABLE3_ROWS) expect(Object.keys(json.table3[row]!)).toEqual([...TABLE3_COLUMNS])
    // 一: q-b, q-e (自然人 2), q-c (法律服务机构), q-d (其他) = 4; 二: q-a (商业企业) = 1.
    expect(json.table3['本年新收']).toEqual({ 自然人: 2, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 1, 其他: 1, 总计: 4 })
    expect(json.table3['上年结转']).toEqual({ 自然人: 0, 商业企业: 1, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 1 })
    expect(json.table3['予以公开']?.['商业企业']).toBe(1)
    expect(json.table3['部分公开']?.['自然人']).toBe(1)
    expect(json.table3['不予公开/属于行政执法案卷']?.['法律服务机构']).toBe(1)
    expect(json.table3['不予处理/重复申请']?.['其他']).toBe(1)
    // 三 总计 4 (q-a, q-b, q-c, q-d) + 四 1 (q-e) = 一 4 + 二 1.
    expect(json.table3['总计']).toEqual({ 自然人: 1, 商业企业: 1, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 1, 其他: 1, 总计: 4 })
    expect(json.table3['结转下年度']).toEqual({ 自然人: 1, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 1 })
    expect(Object.keys(json.table4)).toEqual(['行政复议', '未经复议直接起诉', '复议后起诉'])
    expect(json.table4['行政复议']).toEqual({ 维持: 1, 纠正: 0, 其他: 0, 尚未审结: 0, 总计: 1 })
    expect(json.table4['复议后起诉']).toEqual({ 维持: 0, 纠正: 0, 其他: 0, 尚未审结: 1, 总计: 1 })
    expect(Object.keys(json.table2)).toEqual(['规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费'])
    // The applicant's name is in no output.
    for (const name of ['欧阳某某', '某律师事务所', '某某公司', '戊某']) expect(io.text()).not.toContain(name)
  })

  it("the example bureau's own register: 33 requests give a report whose cross-check holds", async () => {
    const dir = copyExample('requests')
    const { code, io } = await run(['report', 'annual', dir, '--year', '2026', '--json'], dir)
    expect(code, io.text()).toBe(0)
    const t3 = (JSON.parse(io.stdout.join('\n')) as { table3: Record<string, Record<string, number>> }).table3
    const total = (row: string) => t3[row]?.['总计'] ?? 0
    const files = readdirSync(join(dir, 'requests', '2026')).length
    expect(total('本年新收')).toBe(files)
    expect(total('上年结转')).toBeGreaterThan(0)
    expect(total('本年新收') + total('上年结转')).toBe(total('总计') + total('结转下年度'))
    // Every kind of outcome of 表三 occurs in the example.
    for (const kind of ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理'])
      expect(
        Object.keys(t3).some((r) => r.startsWith(kind) && total(r) > 0),
        kind,
      ).toBe(true)
  })

  it('the PDF and the .docx carry the six sections and the tables, read back; never an applicant', async () => {
    const dir = smallProject()
    const { code, io } = await run(['report', 'annual', dir, '--year', '2026', '--publish'], dir)
    expect(code, io.text()).toBe(0)
    const out = join(dir, 'out', 'reports', '2026')
    const text = execFileSync('pdftotext', ['-layout', join(out, '政府信息公开工作年度报告.pdf'), '-'], { encoding: 'utf8' })
    const docxXml = await (await JSZip.loadAsync(readFileSync(join(out, '政府信息公开工作年度报告.docx')))).file('word/document.xml')!.async('string')
    const docxText = [...docxXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    for (const [what, body] of [
      ['pdf', text.replace(/\s+/g, '')],
      ['docx', docxText.replace(/\s+/g, '')],
    ] as const) {
      expect(body, what).toContain('青川县生态环境局2026年政府信息公开工作年度报告')
      for (const h of [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ])
        expect(body, `${what} ${h}`).toContain(h)
      expect(body, what).toContain('一、本年新收政府信息公开申请数量')
      expect(body, what).toContain('7.属于行政执法案卷')
      expect(body, what).toContain('四、结转下年度继续办理')
      for (const name of ['欧阳某某', '某律师事务所', '某某公司', '戊某']) expect(body, what).not.toContain(name)
    }
    // 本年新收 4 by its columns on one line of the PDF: 自然人 2 … 法律服务机构 1, 其他 1, 总计 4.
    expect(text).toMatch(/一、本年新收政府信息公开申请数量\s+2\s+0\s+0\s+0\s+1\s+1\s+4/)
    expect(text).toMatch(/—\s*1\s*—/)
    // The website page: a publication under the 年度报告 item, left for 保密审查.
    const page = readFileSync(join(dir, 'publications', 'reports', '2026-annual-report.md'), 'utf8')
    expect(page).toMatch(/^---\nid: annual-report-2026\nitem: HB-ZFXX-005\n/)
    expect(page).not.toMatch(/^review/m)
    expect(page).toContain('| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 1 | 1 | 4 |')
    // Built (a preview, since it awaits 保密审查), it is a page of real tables with header cells, listed under its item.
    const built = await run(['build', dir, '--preview', '--channel', 'website'], dir)
    expect(built.code, built.io.text()).toBe(0)
    const html = parseDocument(readFileSync(join(dir, 'out', 'website', 'p', 'annual-report-2026.html'), 'utf8'))
    const tables = findAll((e) => e.name === 'table', html.children)
    expect(tables.length).toBeGreaterThanOrEqual(3)
    const headers = tables.map((t) => findAll((e) => e.name === 'th', [t]).map((th) => textContent(th).trim()))
    expect(headers.some((h) => ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].every((c) => h.includes(c)))).toBe(true)
    const row = findAll((e) => e.name === 'tr', html.children).find((tr) => textContent(tr).includes('一、本年新收政府信息公开申请数量'))
    // The row's label is its header cell (th), the seven counts its data cells.
    expect(findAll((e) => e.name === 'th', [row!]).map((th) => textContent(th).trim())).toEqual(['一、本年新收政府信息公开申请数量'])
    expect(findAll((e) => e.name === 'td', [row!]).map((td) => textContent(td).trim())).toEqual(['2', '0', '0', '0', '1', '1', '4'])
    expect(readFileSync(join(dir, 'out', 'website', 'items', 'HB-ZFXX-005.html'), 'utf8')).toContain('p/annual-report-2026.html')
    const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' })
    if (soffice.error !== undefined) console.info('跳过：本机没有 LibreOffice（soffice），.docx 只用 XML 读回检查')
    else {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'lo'), join(out, '政府信息公开工作年度报告.docx')], { timeout: 120_000 })
      expect(execFileSync('pdftotext', [join(dir, 'lo', '政府信息公开工作年度报告.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('三、收到和处理政府信息公开申请情况')
    }
  })

  it('refuses a register that breaks the cross-check, naming the file and the figure', async () => {
    const dir = smallProject()
    writeFileSync(join(dir, 'reports', '2026.yaml'), '# 2025年报告的结转数\n上年结转: 2\n')
    const { code, io } = await run(['report', 'annual', dir, '--year', '2026'], dir)
    expect(code).toBe(1)
    expect(io.text()).toContain('reports/2026.yaml:2:7')
    expect(io.text()).toContain('上年结转 2 件与登记簿不符')
    expect(io.text()).toContain('共 1 件（q-a）')
    expect(existsSync(join(dir, 'out', 'reports', '2026'))).toBe(false)
  })

  it('a result that is not a row of 表三 stops the report at its place, with the rows listed', async () => {
    const dir = smallProject()
    writeFileSync(join(dir, 'requests', 'f.yaml'), 'id: q-f\nreceived: 2026-04-01\nchannel: 网络\napplicant: { type: 自然人 }\ncontent: 某文件\noutcome: { on: 2026-04-10, result: 同意公开 }\n')
    const { code, io } = await run(['report', 'annual', dir, '--year', '2026', '--json'], dir)
    expect(code).toBe(1)
    expect(io.text()).toContain('requests/f.yaml:6:36')
    expect(io.text()).toContain('不是《政府信息公开工作年度报告》表三中的一行')
    expect(io.text()).toContain('予以公开；部分公开；不予公开/（属于国家秘密')
  })

  it('without the office text it says what to write, and --year is required', async () => {
    const dir = smallProject()
    rmSync(join(dir, 'reports', '2026.md'))
    const { code, io } = await run(['report', 'annual', dir, '--year', '2026'], dir)
    expect(code).toBe(1)
    expect(io.text()).toContain('没有 reports/2026.md')
    expect((await run(['report', 'annual', dir], dir)).code).toBe(2)
  })
})

describe('gongkai init', () => {
  it('writes the template of the year’s report text; the report then says what is still to be written', async () => {
    const base = mkdtempSync(join(tmpdir(), 'gongkai-init-report-'))
    const dir = join(base, 'new')
    const io = fakeIo(base, new Date('2026-12-30T10:00:00+08:00'))
    expect(await main(['init', dir], io), io.text()).toBe(0)
    const template = readFileSync(join(dir, 'reports', '2026.md'), 'utf8')
    for (const h of ['## 一、总体情况', '## 五、存在的主要问题及改进情况', '## 六、其他需要报告的事项']) expect(template).toContain(h)
    const { code, io: out } = await run(['report', 'annual', dir, '--year', '2026'], base)
    // A draft: the tables are there, the office's sections read 尚待填写, and it cannot be published yet.
    expect(code, out.text()).toBe(0)
    expect(out.text()).toContain('年度报告第一部分“总体情况”还没有填写')
    expect(out.text()).toContain('年度报告第六部分“其他需要报告的事项”还没有填写')
    const draft = execFileSync('pdftotext', [join(dir, 'out', 'reports', '2026', '政府信息公开工作年度报告.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(draft).toContain('（本部分尚待填写）')
    expect(draft).toContain('三、收到和处理政府信息公开申请情况')
    const publish = await run(['report', 'annual', dir, '--year', '2026', '--publish'], base)
    expect(publish.code).toBe(1)
    expect(publish.io.text()).toContain('年度报告还有 3 个部分没有填写，不能发布')
    expect(existsSync(join(dir, 'publications', 'reports'))).toBe(false)
    // The prompts are comments: no warning about raw HTML.
    expect(out.text()).not.toContain('markdown/raw-html')
  })
})

describe('gongkai letter', () => {
  it('sets the 补正、延期 and 答复 letters of a request as PDFs and .docx, with the applicant named', async () => {
    const dir = smallProject()
    const { code, io } = await run(['letter', dir, 'q-b'], dir)
    expect(code, io.text()).toBe(0)
    const folder = join(dir, 'out', 'letters', 'q-b')
    expect(readdirSync(folder).sort()).toEqual([
      '2026-09-29-补正告知书.docx',
      '2026-09-29-补正告知书.pdf',
      '2026-11-02-延期答复告知书.docx',
      '2026-11-02-延期答复告知书.pdf',
      '2026-12-01-答复告知书.docx',
      '2026-12-01-答复告知书.pdf',
    ])
    const pdf = (name: string) => execFileSync('pdftotext', [join(folder, name), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    const reply = pdf('2026-12-01-答复告知书.pdf')
    expect(reply).toContain('政府信息公开申请答复告知书')
    expect(reply).toContain('欧阳某某：')
    expect(reply).toContain('申请公开乙项目环境影响后评价报告')
    expect(reply).toContain('第三十七条')
    expect(reply).toContain('第三方不同意公开的部分已作遮盖处理')
    expect(reply).toContain('2026年12月1日')
    // The extension letter gives the due dates counted by the clock: 11 Nov before, 9 Dec after.
    const extension = pdf('2026-11-02-延期答复告知书.pdf')
    expect(extension).toContain('不能在2026年11月11日前作出答复')
    expect(extension).toContain('将于2026年12月9日前作出答复')
    const xml = await (await JSZip.loadAsync(readFileSync(join(folder, '2026-09-29-补正告知书.docx')))).file('word/document.xml')!.async('string')
    expect(xml).toContain('欧阳某某')
    expect(xml).toContain('第三十条')
  })

  it('a theme template replaces the built-in one', async () => {
    const dir = smallProject()
    mkdirSync(join(dir, 'theme', 'letters'), { recursive: true })
    writeFileSync(join(dir, 'theme', 'letters', '答复告知书-不予处理.md'), '{{申请人}}：\n\n本局已收到您的申请（{{申请编号}}），属于{{办理结果}}，依法不作处理。{{未知字段}}\n')
    const { code, io } = await run(['letter', dir, 'q-d'], dir)
    expect(code, io.text()).toBe(0)
    expect(io.text()).toContain('theme/letters/答复告知书-不予处理.md')
    const text = execFileSync('pdftotext', [join(dir, 'out', 'letters', 'q-d', '2026-05-08-答复告知书.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(text).toContain('本局已收到您的申请（q-d），属于重复申请，依法不作处理。〔未知字段〕')
  })

  it('an unknown id is named with the nearest one', async () => {
    const dir = smallProject()
    const { code, io } = await run(['letter', dir, 'q-bb'], dir)
    expect(code).toBe(1)
    expect(io.text()).toContain('是否想写“q-b”')
  })
})

describe('status and the deadline check', () => {
  it('list open requests overdue and due soon with their owner, never the applicant', async () => {
    const dir = copyExample('status-requests')
    const io = fakeIo(dir, new Date('2026-11-26T10:00:00+08:00'))
    expect(await main(['status', dir, '--json'], io), io.text()).toBe(0)
    const json = JSON.parse(io.stdout.join('\n')) as {
      requests: { open: number; overdue: { request: string; owner: string; due: string; workdaysLeft: number }[]; dueSoon: { request: string; owner: string; workdaysLeft: number }[] }
    }
    // 2026-ysq-027, received Fri 23 Oct: due Fri 20 Nov; on Thu 26 Nov 23, 24, 25, 26 are past → overdue by 4.
    expect(json.requests.overdue).toMatchObject([{ request: '2026-ysq-027', owner: '执法大队', due: '2026-11-20', workdaysLeft: -4 }])
    // 2026-ysq-028: 2–4 Nov consultation not counted, due Tue 1 Dec: 27, 30 Nov, 1 Dec = 3 left.
    expect(json.requests.dueSoon).toMatchObject([{ request: '2026-ysq-028', owner: '监测站', workdaysLeft: 3 }])
    expect(json.requests.open).toBe(4)
    const text = fakeIo(dir, new Date('2026-11-26T10:00:00+08:00'))
    await main(['status', dir], text)
    expect(text.stdout.join('\n')).toContain('四、依申请公开（在办 4 件，超期 1 件，即将到期 1 件）')
    expect(text.stdout.join('\n')).not.toContain('马某')
  })
})
