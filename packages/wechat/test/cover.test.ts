import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from '@gongkai/fonts'
import { openFace } from '@gongkai/fonts/internal'
import { codeVersion } from '@gongkai/core/internal'
import { breakTitle } from '@gongkai/typeset'
import { COVER_SIZE, cutPoint, layoutCover } from '../src/render/cover.js'
import { wechat } from '../src/wechat.js'
import { disclosure, example, renderContext } from './fixtures.js'

/** A title of exactly `n` characters, with commas where a cut may fall. */
function titleOf(n: number): string {
  const unit = '关于开展全县生态环境保护专项执法检查工作，'
  let t = ''
  while ([...t].length < n) t += unit
  return [...t].slice(0, n - 3).join('') + '的通知'
}

const fonts = resolveFonts()
const channel = wechat({})

describe('the drawn cover fits any title', () => {
  it.each([71, 120, 300])('a %i-character title with no wechatTitle renders a 1410×600 JPEG', async (n) => {
    const title = titleOf(n)
    expect([...title]).toHaveLength(n)
    const d = disclosure('2026-long-001', '正文。', { title })
    const ctx = renderContext([d])
    const arts = await channel.render(d, ctx)
    const cover = arts.find((a) => a.path.endsWith('/cover.jpg'))
    const meta = await sharp(cover?.data as Uint8Array).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', COVER_SIZE.width, COVER_SIZE.height])
    expect(ctx.diagnostics.filter((x) => x.severity === 'error')).toEqual([])
  })

  it.each([71, 120, 300])('lays out a %i-character title inside the cover and its 1:1 square', async (n) => {
    const title = titleOf(n)
    const layout = await layoutCover(title, '青川县生态环境局', fonts)
    const square = { left: (COVER_SIZE.width - COVER_SIZE.height) / 2, right: (COVER_SIZE.width + COVER_SIZE.height) / 2 }
    for (const l of layout.layers) {
      expect(l.left).toBeGreaterThanOrEqual(square.left)
      expect(l.left + l.width).toBeLessThanOrEqual(square.right)
      expect(l.top).toBeGreaterThanOrEqual(0)
      expect(l.top + l.height).toBeLessThanOrEqual(COVER_SIZE.height)
      // The pixels handed to sharp are the size the layout says.
      const meta = await sharp(l.data).metadata()
      expect([meta.width, meta.height]).toEqual([l.width, l.height])
    }
    // The title block stays above the rule and the issuing body.
    const [, text, rule] = layout.layers
    expect((text?.top ?? 0) + (text?.height ?? 0)).toBeLessThan(rule?.top ?? 0)
    expect(layout.titleSize).toBeGreaterThanOrEqual(32)
    if (layout.title !== title) {
      expect(layout.title.endsWith('…')).toBe(true)
      expect(title.startsWith(layout.title.slice(0, -1))).toBe(true)
    }
  })

  it('shrinks a 71-character title before cutting it, and cuts a 300-character one with an ellipsis', async () => {
    const mid = await layoutCover(titleOf(71), '青川县生态环境局', fonts)
    expect(mid.titleSize).toBeLessThan(48)
    const long = await layoutCover(titleOf(300), '青川县生态环境局', fonts)
    expect(long.titleSize).toBe(32)
    expect(long.title.endsWith('…')).toBe(true)
    expect([...long.title].length).toBeLessThan(300)
  })

  it('fits a very long issuing body too, in at most two lines under the rule', async () => {
    const layout = await layoutCover(titleOf(120), '青川县'.repeat(30), fonts)
    const body = layout.layers[3]
    expect(body?.height).toBeLessThanOrEqual(90)
    expect((body?.top ?? 0) + (body?.height ?? 0)).toBeLessThanOrEqual(COVER_SIZE.height)
  })

  it('keeps a short title whole at the largest size', async () => {
    const short = await layoutCover('关于开展执法检查的通知', '青川县生态环境局', fonts)
    expect(short).toMatchObject({ title: '关于开展执法检查的通知', titleSize: 60 })
  })
})

describe('cutPoint', () => {
  it('cuts after punctuation within the last third, never inside a Latin word or number', () => {
    const chars = [...'关于开展执法检查工作，确保环境安全的通知']
    expect(cutPoint(chars, 14)).toBe(11)
    expect(cutPoint([...'关于发布年度PM2.5监测数据的通知'], 10)).toBe(6)
    expect(cutPoint([...'关于开展执法检查工作的通知'], 9)).toBe(9)
  })
})

/** Rows of ink in a rendered text layer, grouped into lines (a band of four blank rows or more between them). */
async function inkLines(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  let lines = 0
  let blank = Number.POSITIVE_INFINITY
  for (let y = 0; y < info.height; y++) {
    let inked = false
    for (let x = 0; x < info.width && !inked; x++) inked = (data[(y * info.width + x) * 4 + 3] ?? 0) > 16
    if (inked && blank > 4) lines++
    blank = inked ? 0 : blank + 1
  }
  return lines
}

describe('the cover title is broken by the shared title breaker, never inside a word', () => {
  // The words the issue saw split on covers (行 / 政处罚, 青环 / 罚〔2026〕14号, 10 / 月) and others that must stay whole.
  const PROTECTED = ['行政处罚', '决定书', '青环罚〔2026〕14号', '10月30日', '11月20日', '青川县生态环境局', '2026年11月25日', '生态环境保护规划', '竹纤维']

  it('sets the example covers in whole words, as the breaker chose, line for line', async () => {
    const project = await example()
    const titles = project.publications.map((p) => p.wechatTitle ?? p.title)
    const chosen = ['青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）', '建设项目环评审批结果公告（10月30日）', '拟审批建设项目环评文件公示（11月20日）', '年产3万吨竹纤维模塑餐具项目环评受理公示']
    for (const t of chosen) expect(titles, t).toContain(t)
    const body = project.config.body.name
    for (const t of chosen) {
      const layout = await layoutCover(t, body, fonts)
      const lines = layout.titleLines
      expect(lines.join(''), t).toBe(t)
      // What the breaker gives at the size the cover chose, measured with the same face.
      const font = openFace(fonts.sansBold)
      const measure = (s: string) => [...s].reduce((w, c) => w + (font.glyphForCodePoint(c.codePointAt(0) ?? 0).advanceWidth / font.unitsPerEm) * layout.titleSize, 0)
      expect(lines).toEqual(breakTitle(t, { measure, maxWidth: 500, em: layout.titleSize, keep: [body] }).lines)
      // Pango set exactly those lines: as many bands of ink as lines, none rewrapped.
      expect(await inkLines(layout.layers[1]!.data), lines.join(' / ')).toBe(lines.length)
      let at = 0
      for (const l of lines.slice(0, -1)) {
        at += l.length
        for (const w of PROTECTED) for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 1)) expect(at > i && at < i + w.length, `${lines.join(' / ')} splits ${w}`).toBe(false)
      }
      for (const l of lines) expect([...l.replace(/\p{P}/gu, '')].length, lines.join(' / ')).toBeGreaterThan(1)
    }
  })
})

describe('the render cache key', () => {
  it('carries the code version of @gongkai/typeset, where the cover title breaks', () => {
    const typeset = codeVersion(import.meta.resolve('@gongkai/typeset'))
    expect(typeset).toMatch(/^[0-9a-f]{32}$/)
    expect(channel.fingerprint).toContain(typeset)
  })
})
