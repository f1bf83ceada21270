/** The body, title and heading faces the config names: embedded, on the 22 × 28 grid, and the packaged faces with one warning when a file is missing. */
import { describe, expect, it } from 'vitest'
import { Catalog, createDisclosures, createRenderContext, defineConfig } from '@gongkai/core'
import type { Publication } from '@gongkai/core'
import { noticeboard, renderBatch } from '../src/index.js'
import { renderSheet } from '../src/internal.js'
import { lines, words } from './bbox.js'
import { BASE_URL, ITEM, PROJECT, publication } from './fixtures.js'
import { fonts, save } from './pdf-tools.js'

const HANAZONO_A = '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf'
const MM = 72 / 25.4
const PITCH = (225 * MM) / 22

function withFonts(list: readonly Publication[], files: { body?: string; title?: string; heading?: string }) {
  const catalog = new Catalog([ITEM])
  const config = defineConfig({ body: { name: '青川县生态环境局', orgCode: '008672531' }, site: { title: '青川县生态环境局政府信息公开', baseUrl: BASE_URL }, fonts: files })
  const { disclosures } = createDisclosures(catalog, list, { orgCode: config.body.orgCode })
  const ctx = createRenderContext({ config, catalog, all: disclosures, projectDir: PROJECT, now: new Date('2026-11-26T08:00:00+08:00') })
  return { disclosures, ctx }
}

const LONG = publication('long', '这是一段用于检验版心行数与每行字数的正文文字'.repeat(60), { title: '版心检验' })

describe('a configured body font', async () => {
  const { disclosures, ctx } = withFonts([LONG], { body: HANAZONO_A })
  const { pdf } = await renderSheet(disclosures[0]!, ctx)
  const path = save(pdf)

  it('is embedded (a subset) and the packaged serif is not', () => {
    const names = fonts(path).map((f) => f.name)
    expect(names.some((n) => /^[A-Z]{6}\+HanaMinA$/.test(n))).toBe(true)
    expect(names.some((n) => /NotoSerifSC-Regular/.test(n))).toBe(false)
    expect(ctx.diagnostics).toEqual([])
  })

  it('holds 22 lines of 28 characters on a full page, measured by text positions', () => {
    const page = lines(words(path)[1]!).filter((l) => !/^—/.test(l.text))
    expect(page).toHaveLength(22)
    for (const l of page) {
      expect([...l.text]).toHaveLength(28)
      expect(l.x0).toBeCloseTo(28 * MM, 0)
      expect(l.x1).toBeCloseTo(184 * MM, 0)
    }
    for (let i = 1; i < page.length; i++) expect(page[i]!.y0 - page[i - 1]!.y0).toBeCloseTo(PITCH, 1)
  })
})

describe('configured title and heading fonts', () => {
  const body = '正文第一段。\n\n## 一、基本情况\n\n正文第二段。'
  it('set the title and the level-1 heading in their own face', async () => {
    const embedded = async (files: { title?: string; heading?: string }) => {
      const { disclosures, ctx } = withFonts([publication('f', body, { title: '版心检验' })], files)
      return fonts(save((await renderSheet(disclosures[0]!, ctx)).pdf)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))
    }
    const plain = await embedded({})
    expect(plain).not.toContain('HanaMinA')
    expect(plain).toContain('NotoSerifSC-Bold')
    const titled = await embedded({ title: HANAZONO_A })
    expect(titled).toContain('HanaMinA')
    // The issuing body's mark is 小标宋 too (GB/T 9704 7.2.4): nothing of the body is in Noto Serif Bold.
    expect(titled).not.toContain('NotoSerifSC-Bold')
    expect(await embedded({ heading: HANAZONO_A })).toContain('HanaMinA')
    // Without a heading in the body, the heading face is never embedded.
    const { disclosures, ctx } = withFonts([publication('g', '只有正文。', { title: '版心检验' })], { heading: HANAZONO_A })
    expect(fonts(save((await renderSheet(disclosures[0]!, ctx)).pdf)).map((f) => f.name)).not.toContainEqual(expect.stringMatching(/HanaMinA/))
  })
})

describe('a configured font file that is missing', () => {
  it('falls back to the packaged faces with one warning for the whole build, not one per sheet', async () => {
    const list = [1, 2, 3].map((i) => publication(`m-${i}`, `正文第${i}篇。`, { title: `第${i}篇` }))
    const { disclosures, ctx } = withFonts(list, { body: '/nowhere/FangSong_GB2312.ttf', title: '/nowhere/方正小标宋简体.ttf' })
    const channel = noticeboard()
    const rendered = await Promise.all(disclosures.map((d) => channel.render(d, ctx)))
    const names = fonts(save(rendered[0]![0]!.data as Uint8Array)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))
    expect(names).toContain('NotoSerifSC-Regular')
    const found = ctx.diagnostics.filter((d) => d.code === 'noticeboard/missing-font')
    expect(found.map((d) => [d.severity, d.file])).toEqual([
      ['warning', 'gongkai.config.yaml'],
      ['warning', 'gongkai.config.yaml'],
    ])
    expect(found[0]!.message).toMatch(/正文字体（仿宋）.*FangSong_GB2312\.ttf.*随包/)
    expect(found[1]!.message).toMatch(/标题字体（小标宋）/)
  })

  it('warns once in a print run too', async () => {
    const list = [1, 2].map((i) => publication(`p-${i}`, `正文第${i}篇。`, { title: `第${i}篇` }))
    const { disclosures, ctx } = withFonts(list, { body: '/nowhere/FangSong_GB2312.ttf' })
    const r = await renderBatch(disclosures, { on: '2026-11-26' }, ctx)
    expect(r.diagnostics.filter((d) => d.code === 'noticeboard/missing-font')).toHaveLength(1)
  })
})
