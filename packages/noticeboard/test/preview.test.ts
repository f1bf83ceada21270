/** A 预览稿 sheet (an unreviewed publication in a preview build): the diagonal mark on every page, the warning in the page head. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderSheet } from '../src/internal.js'
import { hardBody, publication, setup } from './fixtures.js'
import { save, text } from './pdf-tools.js'

const SHOTS = '/tmp/s12-shots/preview'

/** Pixels per page near the mark's flat tint (#d81e06 at 14 % over white), rasterised in colour at 30 dpi. */
function tinted(path: string, name: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-nb-c-'))
  execFileSync('pdftoppm', ['-r', '30', path, join(dir, 'p')])
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.ppm'))
    .sort()
  mkdirSync(SHOTS, { recursive: true })
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path, join(SHOTS, name)])
  return pages.map((f) => {
    const buf = readFileSync(join(dir, f))
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!
    const data = buf.subarray(header[0].length)
    let n = 0
    for (let i = 0; i + 2 < data.length; i += 3) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!]
      if (r >= 244 && g >= 214 && g <= 234 && b >= 210 && b <= 230) n++
    }
    return n
  })
}

describe('a preview sheet', async () => {
  const { body } = hardBody()
  const unreviewed = publication('2026-xzcf-008', body, { review: undefined })
  const { disclosures, ctx } = setup([unreviewed])
  const d = disclosures[0]!
  const marked = save((await renderSheet(d, { ...ctx, preview: true })).pdf)
  const plain = save((await renderSheet(d, ctx)).pdf)
  const { disclosures: reviewedDs, ctx: reviewedCtx } = setup([publication('2026-xzcf-008', body)])
  const reviewed = save((await renderSheet(reviewedDs[0]!, { ...reviewedCtx, preview: true })).pdf)

  it('carries the diagonal mark on every page, and a reviewed sheet of the same preview build on none', () => {
    const pages = tinted(marked, 'sheet-after')
    expect(pages.length).toBeGreaterThan(1)
    // The mark covers thousands of pixels at 30 dpi; the red masthead's anti-aliased edges only a few.
    for (const n of pages) expect(n).toBeGreaterThan(1500)
    for (const n of tinted(reviewed, 'sheet-reviewed')) expect(n).toBeLessThan(100)
    for (const n of tinted(plain, 'sheet-before')) expect(n).toBeLessThan(100)
  })

  it('says 预览稿 in the text of every page, with the warning in the page head', () => {
    const pages = text(marked)
      .split('\f')
      .filter((p) => p.trim() !== '')
    for (const page of pages) expect(page.replace(/\s/g, '')).toContain('预览稿（未经保密审查，不得张贴）')
    expect(text(reviewed)).not.toContain('预览稿')
  })

  it('paginates as the real sheet will', async () => {
    expect(text(marked).split('\f').length).toBe(text(plain).split('\f').length)
  })
})
