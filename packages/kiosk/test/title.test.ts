/**
 * The title slide's title, on the example project's real titles that Pango used to split
 * (青川县2026年10月环境质量月报 as …月 / 报, 县城空气自动监测站2026年11月25日逐时空气质量 as
 * 2026年11 / 月25日): the lines are the shared title breaker's, Pango draws exactly those lines, and no
 * line ends inside a protected word or holds one character alone.
 */
import { fileURLToPath } from 'node:url'
import { createDisclosures, createRenderContext, loadProject } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import { openFace } from '@gongkai/fonts/internal'
import { codeVersion } from '@gongkai/core/internal'
import { breakTitle } from '@gongkai/typeset'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { kiosk } from '../src/index.js'
import { NOW } from './fixtures/sample.js'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau', import.meta.url))
const T = 120_000
const PROTECTED = ['月报', '2026年10月', '2026年11月25日', '青川县', '环境质量', '监测站', '空气质量', '逐时']
const TITLES = ['青川县2026年10月环境质量月报', '县城空气自动监测站2026年11月25日逐时空气质量']

/** Bands of white ink (the title's and the meta lines' colour on the theme's blue) in the rows between `top` and `bottom`, from `left` to `right`. */
async function inkBands(png: Buffer, top: number, bottom: number, left: number, right: number): Promise<{ start: number; end: number }[]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const bands: { start: number; end: number }[] = []
  let open: { start: number; end: number } | undefined
  for (let y = top; y < bottom; y++) {
    let inked = false
    for (let x = left; x < right && !inked; x++) {
      const i = (y * info.width + x) * 3
      inked = (data[i] ?? 0) > 200 && (data[i + 1] ?? 0) > 200 && (data[i + 2] ?? 0) > 200
    }
    if (inked) {
      if (open !== undefined && y - open.end <= 4) open.end = y
      else bands.push((open = { start: y, end: y }))
    }
  }
  return bands
}

describe.each(['portrait', 'landscape'] as const)('the title slide (%s)', (orientation) => {
  it('sets the example titles in the shared breaker’s lines, whole words, no lone character', { timeout: T }, async () => {
    const project = await loadProject(EXAMPLE, { workers: false })
    const pubs = project.publications.filter((p) => TITLES.includes(p.title))
    expect(pubs.map((p) => p.title).sort()).toEqual([...TITLES].sort())
    const { disclosures } = createDisclosures(project.catalog, pubs, { orgCode: project.config.body.orgCode })
    const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: disclosures, now: NOW })
    const k = kiosk({ orientation })
    const font = openFace(resolveFonts().sansBold)
    for (const d of disclosures) {
      const t = d.publication.title
      const set = await k.renderSlides(d, ctx)
      const lines = set.titleLines
      expect(lines.join(''), t).toBe(t)
      // Portrait, both break (the 月 / 报 and 2026年11 / 月25日 were there); landscape holds the first on one line.
      if (orientation === 'portrait') expect(lines.length, lines.join(' / ')).toBe(2)
      // The breaker's own result at one of the kiosk's title sizes, for the slide's text width.
      const g = k.geometry
      const width = orientation === 'portrait' ? g.content.width : g.content.width - g.qr - 80
      const sizes = [68, 62, 56, 50]
      const measure = (size: number) => (s: string) => [...s].reduce((w, c) => w + (font.glyphForCodePoint(c.codePointAt(0) ?? 0).advanceWidth / font.unitsPerEm) * size, 0)
      expect(sizes.map((size) => breakTitle(t, { measure: measure(size), maxWidth: width, em: size, keep: [project.config.body.name] }).lines)).toContainEqual(lines)
      let at = 0
      for (const l of lines.slice(0, -1)) {
        at += l.length
        for (const w of PROTECTED) for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 1)) expect(at > i && at < i + w.length, `${lines.join(' / ')} splits ${w}`).toBe(false)
      }
      for (const l of lines) expect([...l].length, lines.join(' / ')).toBeGreaterThan(1)
      // Pango drew those lines and no more: the title's glyphs (68 px type, or 62 when shrunk) are the only white ink taller than 52 px.
      const png = set.slides[0]!.png
      const right = orientation === 'portrait' ? g.content.x + g.content.width : g.content.x + width
      const bands = await inkBands(png, g.content.y, g.content.y + g.content.height - (orientation === 'portrait' ? g.qr + 120 : 0), g.content.x, right)
      const tall = bands.filter((b) => b.end - b.start >= 52)
      expect(tall.length, `${t}: ${JSON.stringify(bands)}`).toBe(lines.length)
    }
  })
})

describe('the render cache key', () => {
  it('carries the code version of @gongkai/typeset, where the title slide breaks', () => {
    const typeset = codeVersion(import.meta.resolve('@gongkai/typeset'))
    expect(typeset).toMatch(/^[0-9a-f]{32}$/)
    expect(kiosk({}).fingerprint).toContain(typeset)
  })
})
