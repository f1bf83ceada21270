import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from '@gongkai/fonts'
import { COVER_SIZE, cutPoint, layoutCover } from '../src/render/cover.js'
import { wechat } from '../src/wechat.js'
import { disclosure, renderContext } from './fixtures.js'

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
