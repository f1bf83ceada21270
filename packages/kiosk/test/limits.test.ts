/**
 * The kiosk limits: a publication takes at most MAX_SLIDES slides and MAX_TABLE_ROWS table rows,
 * the last slide says the rest is behind the QR code, a warning at the publication's file and
 * line says what was cut, and a very long body renders in bounded time; long paragraphs are set
 * in pieces whose markup stays balanced.
 */
import { Catalog, createDisclosures, createRenderContext, defineConfig } from '@gongkai/core'
import type { Diagnostic, Disclosure, Publication } from '@gongkai/core'
import jsQR from 'jsqr'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { kiosk, MAX_CELL_CHARS, MAX_SLIDES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../src/index.js'
import { limitBlocks, splitMarkup } from '../src/limits.js'
import { ITEMS, NOW } from './fixtures/sample.js'

const T = 180_000
const PARA =
  '根据《中华人民共和国土地管理法》第四十七条的规定，现将白石县2026年城镇建设用地征地补偿安置方案公告如下，被征地农村集体经济组织、农村村民或者其他权利人对本方案有异议的，可自公告之日起30日内书面提出听证申请。'
const TABLE = (rows: number) =>
  `| 序号 | 权利人 | 面积（公顷） |\n|---|---|---|\n${Array.from({ length: rows }, (_, r) => `| ${r + 1} | 青杠村第${r + 1}村民小组 | ${(r * 0.137).toFixed(4)} |`).join('\n')}\n`

function setup(body: string): { d: Disclosure; ctx: ReturnType<typeof createRenderContext>; reports: Diagnostic[] } {
  const publication: Publication = {
    id: '2026-zdzs-031',
    item: 'HB-XZCF-001',
    title: '白石县2026年第三十一批次征地补偿安置方案公告',
    kind: 'release',
    stage: 'result',
    formed: '2026-11-20',
    published: '2026-11-23',
    review: { by: '冉国平', on: '2026-11-21' },
    attachments: [],
    tags: [],
    source: { file: 'publications/2026-zdzs-031.md', bodyLine: 10 },
    body,
  }
  const config = defineConfig({ body: { name: '白石县自然资源和规划局', orgCode: '011520347' }, site: { baseUrl: 'https://www.baishi.gov.cn/zrzy/gk/', title: '政府信息公开' } })
  const catalog = new Catalog(ITEMS)
  const { disclosures } = createDisclosures(catalog, [publication], { orgCode: config.body.orgCode })
  const reports: Diagnostic[] = []
  const ctx = createRenderContext({ config, catalog, all: disclosures, now: NOW, report: (x) => reports.push(x) })
  return { d: disclosures[0] as Disclosure, ctx, reports }
}

async function qrOf(png: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data
}

describe('kiosk limits', () => {
  it(`a 300 KB body: ${MAX_SLIDES} slides, the last one the notice with the QR code, one warning at the first block not shown`, { timeout: T }, async () => {
    const parts: string[] = []
    for (let i = 1; parts.join('').length < 100_000; i++) parts.push(`## 第${i}部分\n\n${PARA}${PARA}\n\n`)
    const body = `${parts.join('')}\n${PARA.repeat(600)}\n`
    expect(Buffer.byteLength(body)).toBeGreaterThan(300_000)
    const { d, ctx, reports } = setup(body)
    const k = kiosk({})
    const t = performance.now()
    const artifacts = await k.render(d, ctx)
    // Before the limits this body took 400 slides and minutes; now the work is that of 20 slides.
    expect(performance.now() - t).toBeLessThan(60_000)
    expect(artifacts.map((a) => a.path)).toEqual(Array.from({ length: MAX_SLIDES }, (_, i) => `slides/2026-zdzs-031-${i + 1}.png`))
    const last = Buffer.from(artifacts.at(-1)?.data as Uint8Array)
    expect(await qrOf(last)).toBe('https://www.baishi.gov.cn/zrzy/gk/p/2026-zdzs-031.html')
    expect(await qrOf(Buffer.from(artifacts[1]?.data as Uint8Array))).toBeUndefined()
    const warnings = reports.filter((r) => r.code === 'kiosk/too-long')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ severity: 'warning', file: 'publications/2026-zdzs-031.md', subject: '2026-zdzs-031', column: 1, message: expect.stringContaining(`超过 ${MAX_SLIDES} 页`) })
    expect(warnings[0]?.line).toBeGreaterThan(10)
    expect(warnings[0]?.hint).toMatch(/网站/)
    // The playlist counts what render made.
    const playlist = await k.playlist([d], ctx)
    expect(playlist.slides).toHaveLength(MAX_SLIDES)
  })

  it(`a table of 200 rows keeps ${MAX_TABLE_ROWS}, says how many it left out, and closes with the notice`, { timeout: T }, async () => {
    const { d, ctx, reports } = setup(`${PARA}\n\n${TABLE(200)}`)
    const set = await kiosk({ orientation: 'landscape' }).renderSlides(d, ctx)
    expect(set.cut).toMatchObject({ slides: false, rows: 200 - MAX_TABLE_ROWS, rowsLine: 12 })
    expect(set.slides.length).toBeLessThan(MAX_SLIDES)
    expect(await qrOf(set.slides.at(-1)?.png as Buffer)).toMatch(/2026-zdzs-031\.html$/)
    await kiosk({ orientation: 'landscape' }).render(d, ctx)
    expect(reports.find((r) => r.code === 'kiosk/too-long')).toMatchObject({ line: 12, message: expect.stringContaining(`略去 ${200 - MAX_TABLE_ROWS} 行`) })
  })

  it('a table of 2,000 columns and a cell of 50,000 characters: cut to what a slide can set, not a failed render', { timeout: T }, async () => {
    const wide = `${PARA}\n\n|${Array.from({ length: 2000 }, (_, i) => ` 列${i} |`).join('')}\n|${'---|'.repeat(2000)}\n|${Array.from({ length: 2000 }, (_, i) => ` 值${i} |`).join('')}\n\n| 内容 |\n|---|\n| ${'很长的单元格内容，'.repeat(5000)} |\n`
    const { d, ctx, reports } = setup(wide)
    const set = await kiosk({}).renderSlides(d, ctx)
    expect(set.cut).toMatchObject({ slides: false, rows: 0, columns: 2000 - MAX_TABLE_COLUMNS, cells: 1, rowsLine: 12 })
    expect(set.slides.length).toBeLessThanOrEqual(MAX_SLIDES)
    expect(reports.find((r) => r.code === 'kiosk/too-long')?.message).toMatch(new RegExp(`略去 ${2000 - MAX_TABLE_COLUMNS} 列.*1 个单元格超过 ${MAX_CELL_CHARS} 字`))
  })

  it('a short publication is not cut and has no notice', { timeout: T }, async () => {
    const { d, ctx, reports } = setup(`${PARA}\n\n${TABLE(10)}`)
    const set = await kiosk({}).renderSlides(d, ctx)
    expect(set.cut).toBeUndefined()
    expect(reports).toEqual([])
  })

  it('long paragraphs are set in pieces: balanced markup, no character lost, table rows capped across tables', () => {
    const markup = `\u3000\u3000<b>${'征地补偿安置&amp;方案。'.repeat(50)}</b><span font_family="HanaMinB">𠀾</span>${'公告，'.repeat(400)}`
    const pieces = splitMarkup(markup, 200)
    expect(pieces.length).toBeGreaterThan(5)
    const plain = (s: string) => s.replace(/<[^>]*>/g, '')
    expect(pieces.map(plain).join('')).toBe(plain(markup))
    for (const p of pieces) {
      const opens = (p.match(/<[a-z_]+[^>]*>/g) ?? []).length
      const closes = (p.match(/<\/[a-z_]+>/g) ?? []).length
      expect(opens, p).toBe(closes)
      expect([...plain(p).replace(/&amp;/g, '&')].length).toBeLessThanOrEqual(200)
    }
    // Inside the bold run, pieces end after 。 where one is near the end.
    expect(pieces[0]).toMatch(/。<\/b>$/)
    const table = { kind: 'table' as const, header: ['a'], rows: Array.from({ length: 50 }, (_, i) => [String(i)]) }
    const limited = limitBlocks([table, { ...table, line: 9 }, table])
    expect(limited.blocks.map((b) => (b.kind === 'table' ? b.rows.length : -1))).toEqual([50, MAX_TABLE_ROWS - 50])
    expect([limited.rowsCut, limited.rowsLine]).toEqual([150 - MAX_TABLE_ROWS, 9])
  })
})
