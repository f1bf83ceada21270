/**
 * Every construct that validate accepts renders on every channel, and one bad publication stops
 * no other: the tricky fixture (empty table cells, one and thirty columns, wide cells, lists and
 * quotes nested to the limit, footnotes, code, images, every kind of link, hard breaks, HTML that
 * must be dropped, emoji, 𠀾, unbroken strings, an empty body, a body of only a heading) and one
 * file of 4,000 `>`, built by the CLI as an operator would: website HTML parsed, the WeChat
 * article parsed, the noticeboard PDFs read back with pdftotext, the kiosk slides and playlist read.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DomUtils, parseDocument } from 'htmlparser2'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const fixture = fileURLToPath(new URL('../fixtures/tricky/', import.meta.url))

/** The publications that must come out on every channel; 2026-zdzs-022 (4,000 `>`) must not. */
const GOOD = ['2026-zdzs-018', '2026-zdzs-019', '2026-zdzs-020', '2026-zdzs-021', '2026-zdzs-023']
const TRICKY = '2026-zdzs-018'
const DEEP = '2026-zdzs-023'
const HEADING_ONLY = '2026-zdzs-020'
/** What the tricky body says, as every channel must show it (some channels break the long strings). */
const KEY_TEXT = [
  '征收土地总面积',
  '罗𠀾明',
  '含永久基本农田0公顷',
  '征收土地涉及的村民小组',
  '户30',
  '农村村民住宅补偿费用',
  '①适用范围',
  '依据县人民政府',
  '留地安置',
  '5.8万元',
  'QPZHDJ-2026-03',
  'ZD-2026-018',
  '书面提出听证申请',
  '足额纳入征地补偿安置费用',
]
const LONG_NUMBER = '1234567890'.repeat(10)

function gongkai(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 300_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const html = (path: string) => parseDocument(readFileSync(path, 'utf8'))
type Doc = ReturnType<typeof parseDocument>
type El = Parameters<typeof DomUtils.getAttributeValue>[0]
const all = (doc: Doc | El, name: string): El[] => DomUtils.getElementsByTagName(name, doc as never, true) as El[]
const text = (node: Doc | El) => DomUtils.textContent(node as never)
/** Text with every kind of whitespace removed, so strings a channel broke over lines compare whole. */
const squeeze = (s: string) => s.replace(/\s+/g, '')

let work: string
let out: string
let validate: ReturnType<typeof gongkai>
let build: ReturnType<typeof gongkai>

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gongkai-tricky-'))
  cpSync(fixture, work, { recursive: true })
  out = join(work, 'out')
  validate = gongkai(['validate', '.'], work)
  build = gongkai(['build', '.'], work)
}, 300_000)
afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true })
})

describe('the tricky fixture on all four channels', () => {
  it('validate: the one too-deep file is the only error, at its line; build reports it and goes on', () => {
    expect(validate.code, validate.err).toBe(1)
    const errors = validate.err.split('\n').filter((l) => l.includes(' 错误 '))
    expect(errors).toEqual([expect.stringMatching(/^publications\/2026-zdzs-022\.md:12:1 错误 .*嵌套 4000 层，超过上限 32 层.*\[publication\/too-deep\]$/)])
    expect(validate.err).toContain('[markdown/raw-html]')
    expect(build.err).not.toMatch(/内部错误|Maximum call stack/)
    expect(build.err.split('\n').filter((l) => l.includes(' 错误 '))).toEqual([expect.stringContaining('publications/2026-zdzs-022.md:12:1')])
    expect(build.out).toMatch(/政府网站\s+5\s+0/)
    expect(build.out).toMatch(/微信公众号\s+5\s+0/)
    expect(build.out).toMatch(/公示栏\s+5\s+0/)
    expect(build.out).toMatch(/办事大厅屏\s+5\s+0/)
  })

  it('website: a page for each good publication, the tricky one with every construct and no raw HTML', () => {
    for (const id of GOOD) expect(existsSync(join(out, 'website', 'p', `${id}.html`)), id).toBe(true)
    expect(existsSync(join(out, 'website', 'p', '2026-zdzs-022.html'))).toBe(false)
    const doc = html(join(out, 'website', 'p', `${TRICKY}.html`))
    const main = all(doc, 'main')[0] as El
    const body = squeeze(text(main))
    for (const t of KEY_TEXT) expect(body, t).toContain(squeeze(t))
    expect(body).toContain(LONG_NUMBER)
    expect(body).toContain('😀')
    expect(body).not.toContain('本段HTML不应发布')
    expect(body).not.toContain('alert')
    expect(all(main, 'script')).toEqual([])
    expect(all(main, 'div').some((d) => DomUtils.getAttributeValue(d, 'style') !== undefined)).toBe(false)
    // Five tables: the empty cells stay cells, one column, thirty columns, the wide cell.
    const tables = all(main, 'table')
    expect(tables.map((t) => all(t, 'th').length)).toEqual([3, 1, 30, 2])
    const firstRows = all(tables[0] as El, 'tr').map((tr) => all(tr, 'td').map((td) => text(td).trim()))
    expect(firstRows.slice(1)).toEqual([
      ['耕地', '', '含永久基本农田0公顷'],
      ['', '2.1350', ''],
      ['林地', '1.0821', '见图'],
    ])
    // Headings one level down (the title is h1), h6 at most.
    expect(all(main, 'h6').map((h) => text(h))).toEqual(['（1）区片综合地价', '①适用范围'])
    const hrefs = all(main, 'a').map((a) => DomUtils.getAttributeValue(a, 'href') ?? '')
    expect(hrefs).toContain('mailto:zrzyj@baishi.gov.cn')
    expect(hrefs).toContain('https://www.baishi.gov.cn/zrzy/gk/qpzhdj.html')
    expect(hrefs.some((h) => h.startsWith('#'))).toBe(true)
    expect(all(main, 'a').some((a) => all(a, 'em').length === 1 && text(a) === '县政府门户网站')).toBe(true)
    expect(all(main, 'img').map((i) => DomUtils.getAttributeValue(i, 'alt'))).toContain('征收范围示意图')
    // A bold label ending in full-width punctuation is bold, not literal asterisks (CJK-friendly emphasis).
    expect(all(main, 'strong').map((b) => text(b))).toContain('被征收土地所有权人：')
    expect(body).not.toContain('**')
    for (const tag of ['del', 'br', 'hr', 'pre', 'code', 'blockquote', 'sup']) expect(all(main, tag).length, tag).toBeGreaterThan(0)
    const deep = squeeze(text(all(html(join(out, 'website', 'p', `${DEEP}.html`)), 'main')[0] as El))
    expect(deep).toContain('第32层（最深一层）')
    expect(deep).toContain('引用第32层')
    expect(squeeze(text(all(html(join(out, 'website', 'p', `${HEADING_ONLY}.html`)), 'main')[0] as El))).toContain('征收土地预公告')
  })

  it('WeChat: an article for each, inline styles only, the tricky text whole and no raw HTML', () => {
    for (const id of GOOD) {
      const doc = html(join(out, 'wechat', id, 'article.html'))
      expect(all(doc, 'script').length + all(doc, 'style').length, id).toBe(0)
      expect(
        DomUtils.findAll((e) => DomUtils.getAttributeValue(e, 'class') !== undefined, doc.children as never),
        id,
      ).toEqual([])
      expect(existsSync(join(out, 'wechat', id, 'draft.json')), id).toBe(true)
    }
    const doc = html(join(out, 'wechat', TRICKY, 'article.html'))
    const body = squeeze(text(doc))
    for (const t of KEY_TEXT) expect(body, t).toContain(squeeze(t))
    expect(all(doc, 'strong').map((b) => text(b))).toContain('被征收土地所有权人：')
    expect(body).not.toContain('**')
    expect(body).toContain(LONG_NUMBER)
    expect(body).not.toContain('本段HTML不应发布')
    expect(all(doc, 'table').length).toBe(4)
    // Images only from the platform's upload: in a build, the file staged beside the article.
    expect(all(doc, 'img').map((i) => DomUtils.getAttributeValue(i, 'src'))).toEqual([expect.stringMatching(/^img-[0-9a-f]+\.png$/)])
    expect(squeeze(text(html(join(out, 'wechat', DEEP, 'article.html'))))).toContain('第32层（最深一层）')
  })

  it('noticeboard: a PDF for each, read back with pdftotext: the tricky text, 𠀾 and every nested level', () => {
    const pdf = (id: string) => squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'noticeboard', `${id}.pdf`), '-'], { encoding: 'utf8' }))
    for (const id of GOOD) expect(pdf(id), id).toContain('白石县自然资源和规划局')
    expect(existsSync(join(out, 'noticeboard', '2026-zdzs-022.pdf'))).toBe(false)
    const body = pdf(TRICKY)
    // Thirty columns on a 28-character line are one character wide: each cell reads down its column.
    for (const t of KEY_TEXT.filter((k) => k !== '户30')) expect(body, t).toContain(squeeze(t))
    expect(body).toContain('户'.repeat(30))
    expect(body).toContain('被征收土地所有权人：城关镇')
    expect(body).not.toContain('**')
    expect(body).toContain(LONG_NUMBER)
    expect(body).not.toContain('本段HTML不应发布')
    const deep = pdf(DEEP)
    for (let level = 1; level <= 32; level++) expect(deep, `第${level}层`).toContain(`第${level}层`)
    expect(deep).toContain('引用第32层')
    expect(pdf(HEADING_ONLY)).toContain('征收土地预公告')
  })

  it('kiosk: slides for each good publication in the playlist, every slide a 1080×1920 PNG, and the player', () => {
    expect(existsSync(join(out, 'kiosk', 'index.html'))).toBe(true)
    const playlist = JSON.parse(readFileSync(join(out, 'kiosk', 'playlist.json'), 'utf8')) as { slides: { src: string; publication: string }[] }
    expect([...new Set(playlist.slides.map((s) => s.publication))].sort()).toEqual(GOOD)
    for (const s of playlist.slides) {
      const png = PNG.sync.read(readFileSync(join(out, 'kiosk', s.src)))
      expect([png.width, png.height], s.src).toEqual([1080, 1920])
    }
    // The tricky one has its title slide and more; the empty body has just its title slide.
    expect(playlist.slides.filter((s) => s.publication === TRICKY).length).toBeGreaterThan(3)
    expect(playlist.slides.filter((s) => s.publication === '2026-zdzs-019').length).toBe(1)
  })
})
