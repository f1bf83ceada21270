/**
 * Word documents in, four channels out: a 通知 (table with merged cells, footnote, image, link,
 * 附件) and a 行政处罚决定书 (〇 date) written with `docx`, imported into a copy of the example by the
 * built CLI, reviewed as an operator would, and built. Each channel's output is read back: the
 * sheet with pdftotext and as pixels, the site and the article as HTML, the slides as PNGs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DomUtils, parseDocument } from 'htmlparser2'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { noticeDocx, penaltyDocx } from '../../../packages/import/test/support/make-docx.js'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const gongkai = (args: readonly string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 300_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const squeeze = (s: string) => s.replace(/\s/g, '')

let dir: string
let out: string
let imported: ReturnType<typeof gongkai>

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-import-doc-'))
  dir = join(work, 'bureau')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !src.includes('/out') && !src.includes('.gongkai') })
  const docs = join(work, '来文')
  mkdirSync(docs)
  writeFileSync(join(docs, '大气检查通知.docx'), await noticeDocx())
  writeFileSync(join(docs, '处罚决定书15号.docx'), await penaltyDocx())
  cpSync(join(dir, 'assets/2026/xzcf-001-decision.pdf'), join(docs, '检查人员名单.pdf'))
  writeFileSync(join(docs, '附件2 检查记录表.xlsx'), 'PK')
  imported = gongkai(['import-doc', dir, docs])
  // The operator reads the drafts and passes the review.
  for (const f of ['2026-hjxx-019', '2026-xzcf-012']) {
    const path = join(dir, 'publications', `${f}.md`)
    writeFileSync(path, readFileSync(path, 'utf8').replace('imported:', 'review: { by: 杜宏斌, on: 2026-11-12 }\nimported:'))
  }
  out = join(work, 'out')
  const built = gongkai(['build', dir, '--out', out])
  expect(built.code, built.out + built.err).toBe(0)
}, 600_000)

describe('gongkai import-doc, then build', () => {
  it('imported both, with no warning of its own from validate', () => {
    expect(imported.code, imported.out + imported.err).toBe(0)
    expect(imported.out).toMatch(/大气检查通知\.docx\s+新建\s+2026-hjxx-019\s+HB-HJXX-008\s+0\.41/)
    expect(imported.out).toMatch(/处罚决定书15号\.docx\s+新建\s+2026-xzcf-012\s+HB-XZCF-001\s+1\.50/)
    expect(imported.out).toMatch(/检查人员名单\.pdf\s+附件\s+2026-hjxx-019/)
    const v = gongkai(['validate', dir])
    expect(v.code).toBe(0)
    expect(v.out + v.err).not.toMatch(/2026-hjxx-019|2026-xzcf-012/)
  })

  it('noticeboard: each sheet carries number, title, body and one signature, the 通知 its 附件 list', () => {
    const text = (id: string) => squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'noticeboard', `${id}.pdf`), '-'], { encoding: 'utf8' }))
    const notice = text('2026-hjxx-019')
    expect(notice).toContain('青环发〔2026〕12号')
    expect(notice).toContain('青川县生态环境局关于开展2026年冬季大气污染防治专项检查的通知')
    expect(notice).toContain('一、检查范围')
    expect(notice).toContain('乔庄镇城北污水处理厂11月16日乔庄镇金溪建材有限公司11月17日')
    expect(notice).toContain('2018年10月26日第二次修正。')
    expect(notice).toContain('附件：1．检查人员名单2．检查记录表')
    expect(notice.match(/2026年11月9日/g)).toHaveLength(1)
    const penalty = text('2026-xzcf-012')
    expect(penalty).toContain('青环罚〔2026〕15号')
    expect(penalty).toContain('当事人：青川县石坝水泥制品有限公司')
    expect(penalty).toContain('伍万元整（¥50,000.00）')
    expect(penalty.match(/2026年11月9日/g)).toHaveLength(1)
    expect(penalty).not.toContain('二〇二六')
    // The sheet as a person sees it: the page drawn, the image (blue) printed on page 2.
    const png = join(out, 'sheet')
    execFileSync('pdftoppm', ['-r', '40', '-png', join(out, 'noticeboard', '2026-hjxx-019.pdf'), png])
    const pages = readdirSync(out)
      .filter((f) => f.startsWith('sheet'))
      .sort()
    expect(pages.length).toBeGreaterThanOrEqual(2)
    const blue = pages.some((p) => {
      const img = PNG.sync.read(readFileSync(join(out, p)))
      let n = 0
      for (let i = 0; i < img.data.length; i += 4) if (img.data[i]! < 60 && img.data[i + 1]! > 70 && img.data[i + 1]! < 110 && img.data[i + 2]! > 180) n++
      return n > 100
    })
    expect(blue).toBe(true)
  })

  it('website: headings by 公文 numbering, the table, the image in the site, the footnote and the attachments', () => {
    const page = parseDocument(readFileSync(join(out, 'website/p/2026-hjxx-019.html'), 'utf8'))
    const texts = (tag: string) => DomUtils.getElementsByTagName(tag, page.children).map((e) => DomUtils.textContent(e).trim())
    expect(texts('h2')).toEqual(expect.arrayContaining(['一、检查范围', '二、时间安排']))
    expect(texts('h3')).toContain('（一）重点行业')
    expect(texts('td').filter((t) => t === '乔庄镇')).toHaveLength(2)
    const img = DomUtils.getElementsByTagName('img', page.children).find((e) => e.attribs['alt'] === '检查现场照片')
    expect(img).toBeDefined()
    expect(existsSync(join(out, 'website/p', img!.attribs['src']!))).toBe(true)
    const links = DomUtils.getElementsByTagName('a', page.children)
    expect(links.some((a) => a.attribs['href'] === 'https://www.mee.gov.cn/')).toBe(true)
    expect(links.some((a) => DomUtils.textContent(a).trim() === '检查人员名单')).toBe(true)
    expect(DomUtils.textContent(page).includes('2018年10月26日第二次修正。')).toBe(true)
  })

  it('wechat: the article has the body with inline styles only; kiosk: slides drawn', () => {
    const article = readFileSync(join(out, 'wechat/2026-hjxx-019/article.html'), 'utf8')
    expect(article).not.toMatch(/<style|class=|<script/)
    expect(squeeze(article.replace(/<[^>]+>/g, ''))).toContain('一、检查范围')
    const slides = readdirSync(join(out, 'kiosk/slides')).filter((f) => f.startsWith('2026-hjxx-019-'))
    expect(slides.length).toBeGreaterThanOrEqual(2)
    const img = PNG.sync.read(readFileSync(join(out, 'kiosk/slides', slides[0]!)))
    const colours = new Set<number>()
    for (let i = 0; i < img.data.length; i += 4 * 97) colours.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!)
    expect(colours.size).toBeGreaterThan(4)
  })
})
