/**
 * The sheets read back by a second, independent reader: Mozilla's pdf.js (what Firefox and many
 * portals show PDFs with). Poppler forgives things pdf.js warns about, and the pages' content
 * and resources are written by us, not by pdfkit: both readers must agree on every page.
 */
import { describe, expect, it } from 'vitest'
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { renderBatch } from '../src/index.js'
import { HANAZONO, NOTICE_BODY, hardBody, publication, setup } from './fixtures.js'
import { info, save, text } from './pdf-tools.js'

describe('a print run read by pdf.js', async () => {
  const pubs = [
    publication('a', NOTICE_BODY, { title: '青川县生态环境局行政处罚决定书（青环罚〔2026〕7号）', noticePeriod: { from: '2026-11-26', until: '2026-12-03' } }),
    publication('hard', hardBody().body, { title: '困难的公示', noticePeriod: { from: '2026-11-20', until: '2026-11-30' } }),
  ]
  const { disclosures, ctx } = setup(pubs, HANAZONO)
  const run = await renderBatch(disclosures, { on: '2026-11-26' }, ctx)
  const path = save(run.pdf)
  const warnings: string[] = []
  // pdf.js reports problems through console.log("Warning: …") and console.warn.
  const origLog = console.log
  const origWarn = console.warn
  console.log = (...a: unknown[]) => warnings.push(a.join(' '))
  console.warn = (...a: unknown[]) => warnings.push(a.join(' '))
  const doc = await getDocument({ data: new Uint8Array(run.pdf), verbosity: VerbosityLevel.WARNINGS, useSystemFonts: false, isEvalSupported: false }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i)
    const content = await page.getTextContent()
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''))
    expect(page.view.map((v) => Math.round(v))).toEqual([0, 0, 595, 842])
    // Every operator parses: getOperatorList throws or warns on a malformed stream.
    await page.getOperatorList()
  }
  console.log = origLog
  console.warn = origWarn

  it('has the pages poppler counts, each A4, and no warning from the parser', () => {
    expect(doc.numPages).toBe(Number(info(path)['Pages']))
    expect(doc.numPages).toBe(run.pages)
    expect(warnings).toEqual([])
  })

  it('extracts the same characters as poppler on every page, in reading order', () => {
    const chars = (s: string) => [...s.replace(/[\s-]+/g, '')].sort().join('')
    for (let i = 0; i < pages.length; i++) expect(chars(pages[i]!), `page ${i + 1}`).toBe(chars(text(path, i + 1)))
    // pdf.js keeps the content stream's order: paragraphs whole, table cells row by row, the
    // page number last (poppler reorders by position and interleaves cells that wrap).
    const all = pages.join('').replace(/\s+/g, '')
    expect(all).toContain('青川县生态环境局行政处罚决定书（青环罚〔2026〕7号）')
    expect(all).toContain('𠀾记建材有限公司')
    expect(all).toContain('1困难的公示11月20日至11月30日12月1日2青川县生态环境局行政处罚决定书')
    for (let i = 0; i < pages.length; i++) expect(pages[i]!.replace(/\s+/g, ''), `page ${i + 1}`).toMatch(/—\d+—$/)
  })
})
