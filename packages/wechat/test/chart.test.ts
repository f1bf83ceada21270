/**
 * A numeric series in a WeChat article: the example's month of daily readings (2026-hjxx-001) gets
 * its charts as PNG images above the table, with the chart in words as alt text; delivered through
 * the local platform, each chart is uploaded with media/uploadimg and the draft's <img> points to
 * the URL the platform gave for exactly those bytes.
 */
import { createHash } from 'node:crypto'
import type { Artifact, Disclosure } from '@gongkai/core'
import { createRenderContext } from '@gongkai/core'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { DomUtils, parseDocument } from 'htmlparser2'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wechat } from '../src/wechat.js'
import { createMemoryStore, deliverContext, example, EXAMPLE_DIR, textOf } from './fixtures.js'

const T = 120_000
const SECRET = 'test-secret-do-not-log'
const NOW = new Date('2026-11-26T00:00:00Z')

describe('a month of daily readings in the article', () => {
  let server: WechatServer
  let d: Disclosure
  let arts: Artifact[]
  let channel: ReturnType<typeof wechat>

  beforeAll(async () => {
    server = await startWechatServer({ secret: SECRET, publishingPolls: 1 })
    channel = wechat({ appId: server.appId, secretEnv: 'WX_SECRET', apiBase: server.url, pollIntervalMs: 5, maxPolls: 10, retry: { attempts: 3, baseMs: 2, maxMs: 20 }, timeoutMs: 5000 })
    const p = await example()
    d = p.disclosures.find((x) => x.publication.id === '2026-hjxx-001') as Disclosure
    const ctx = createRenderContext({ config: p.config, catalog: p.catalog, all: p.disclosures, projectDir: EXAMPLE_DIR, now: NOW })
    arts = await channel.render(d, ctx)
    expect(ctx.diagnostics.filter((x) => x.severity === 'error')).toEqual([])
  }, T)

  afterAll(async () => {
    await server?.close()
  })

  it('sets two chart images above the table, described in their alt text, the table kept whole', { timeout: T }, async () => {
    const doc = parseDocument(textOf(arts.find((a) => a.path === '2026-hjxx-001/article.html')))
    const imgs = DomUtils.getElementsByTagName('img', doc)
    const table = DomUtils.getElementsByTagName('table', doc)[0]
    expect(table).toBeDefined()
    expect(DomUtils.getElementsByTagName('tr', table ?? doc)).toHaveLength(32)
    // The example's own picture, then the two charts, both before the table in document order.
    const charts = imgs.filter((i) => (i.attribs['alt'] ?? '').startsWith('折线图') || (i.attribs['alt'] ?? '').startsWith('柱状图'))
    expect(charts.map((i) => (i.attribs['alt'] ?? '').split('，')[0])).toEqual(['折线图：PM2.5、PM10、O3-8h、NO2（μg/m³）', '柱状图：AQI'])
    expect(charts[0]?.attribs['alt']).toContain('PM2.5最低15μg/m³（10月12日、10月26日），最高57μg/m³（10月21日）')
    const order = DomUtils.findAll((e) => e.name === 'img' || e.name === 'table', doc.children)
    for (const img of charts) expect(order.indexOf(img)).toBeLessThan(order.indexOf(table as never))
    expect(order.indexOf(table as never)).toBeGreaterThan(0)
    // The files beside article.html are PNGs the platform takes (under 1 MB), drawn: the first series' colour in the plot.
    for (const img of charts) {
      const file = arts.find((a) => a.path === `2026-hjxx-001/${img.attribs['src']}`)
      expect(file?.mediaType).toBe('image/png')
      const bytes = Buffer.from(file?.data as Uint8Array)
      expect(bytes.byteLength).toBeLessThan(1024 * 1024)
      const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true })
      expect([info.width, info.height]).toEqual([1080, 720])
      let blue = 0
      for (let o = 0; o < data.length; o += 3) if (Math.abs((data[o] ?? 0) - 0x0b) + Math.abs((data[o + 1] ?? 0) - 0x5c) + Math.abs((data[o + 2] ?? 0) - 0xad) < 30) blue++
      expect(blue).toBeGreaterThan(3000)
    }
  })

  it("uploads each chart through uploadimg and points the draft's <img> at the platform's URL for those bytes", { timeout: T }, async () => {
    const receipt = await channel.deliver([{ disclosure: d, artifacts: arts }], deliverContext(createMemoryStore(), { WX_SECRET: SECRET }))
    expect(receipt.results[0]?.state).toBe('delivered')
    const pngs = arts.filter((a) => /\/img-[0-9a-f]{16}\.png$/.test(a.path))
    expect(server.stats.imagesUploaded).toBe(new Set(arts.filter((a) => /\/img-[0-9a-f]{16}\.(png|jpg)$/.test(a.path)).map((a) => a.path)).size)
    const content = String(server.drafts()[0]?.article['content'])
    const srcs = DomUtils.getElementsByTagName('img', parseDocument(content)).map((i) => i.attribs['src'] ?? '')
    expect(srcs.every((s) => s.startsWith(`${server.url}/mmbiz_`))).toBe(true)
    for (const a of pngs) {
      const sha1 = createHash('sha1')
        .update(Buffer.from(a.data as Uint8Array))
        .digest('hex')
      expect(srcs, a.path).toContain(`${server.url}/mmbiz_png/${sha1}/0?wx_fmt=png`)
    }
    expect(content).not.toMatch(/src="img-/)
  })
})
