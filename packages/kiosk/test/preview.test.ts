/** A 预览稿 slide (an unreviewed publication in a preview build): the diagonal mark and the corner label on every slide. */
import { mkdirSync, writeFileSync } from 'node:fs'
import type { Disclosure } from '@gongkai/core'
import jsQR from 'jsqr'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { kiosk } from '../src/index.js'
import { PREVIEW_MARK } from '../src/slides.js'
import { sample } from './fixtures/sample.js'

const T = 120_000
const SHOTS = '/tmp/s12-shots/preview'
const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))

function unreviewed(d: Disclosure): Disclosure {
  const { review: _review, ...publication } = d.publication
  return { ...d, publication }
}

/** Pixels of the mark's flat tint over the background, and of its red in the corner label. */
async function tints(png: Uint8Array, background: string): Promise<{ mark: number; label: number }> {
  const { data } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const red = hex(PREVIEW_MARK.colour)
  const bg = hex(background)
  const over = red.map((c, i) => Math.round(c * PREVIEW_MARK.opacity + bg[i]! * (1 - PREVIEW_MARK.opacity)))
  const near = (i: number, c: number[]) => Math.abs(data[i]! - c[0]!) <= 4 && Math.abs(data[i + 1]! - c[1]!) <= 4 && Math.abs(data[i + 2]! - c[2]!) <= 4
  let mark = 0
  let label = 0
  for (let i = 0; i + 2 < data.length; i += 3) {
    if (near(i, over)) mark++
    else if (near(i, red)) label++
  }
  return { mark, label }
}

describe('a preview slide', () => {
  for (const orientation of ['portrait', 'landscape'] as const) {
    it(
      `${orientation}: every slide of an unreviewed publication in a preview build carries the mark and the label; a reviewed one none`,
      async () => {
        const { disclosures, ctx } = sample()
        const k = kiosk({ orientation })
        const d = unreviewed(disclosures[0]!)
        const background = k.options.theme.background
        const marked = await k.render(d, { ...ctx, preview: true })
        const plain = await k.render(disclosures[0]!, { ...ctx, preview: true })
        expect(marked.length).toBe(plain.length)
        mkdirSync(SHOTS, { recursive: true })
        writeFileSync(`${SHOTS}/slide-${orientation}-after.png`, marked[0]!.data as Uint8Array)
        writeFileSync(`${SHOTS}/slide-${orientation}-before.png`, plain[0]!.data as Uint8Array)
        for (const a of marked) {
          const t = await tints(a.data as Uint8Array, background)
          expect(t.mark, a.path).toBeGreaterThan(20_000)
          expect(t.label, a.path).toBeGreaterThan(1_000)
        }
        // The mark lies over the QR code too: a phone still reads it.
        const { data, info } = await sharp(marked[0]!.data as Uint8Array)
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true })
        expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(`https://www.qingchuan.gov.cn/hbj/gk/p/${d.publication.id}.html`)
        for (const a of plain) {
          const t = await tints(a.data as Uint8Array, background)
          expect(t.mark + t.label, a.path).toBeLessThan(50)
        }
      },
      T,
    )
  }

  it(
    'is not marked outside a preview build',
    async () => {
      const { disclosures, ctx } = sample()
      const k = kiosk()
      const [slide] = await k.render(unreviewed(disclosures[0]!), ctx)
      expect((await tints(slide!.data as Uint8Array, k.options.theme.background)).mark).toBeLessThan(50)
    },
    T,
  )
})
