/** A body that ends with its own signature is signed once, right-aligned as GB/T 9704-2012 7.3.5.1 places it, after the attachment note. */
import { describe, expect, it } from 'vitest'
import { renderSheet } from '../src/internal.js'
import { lines, words } from './bbox.js'
import { publication, setup } from './fixtures.js'
import { save } from './pdf-tools.js'

const MM = 72 / 25.4
const RIGHT = (28 + 156) * MM
const EM = (156 * MM) / 28
const BODY = ['本局依法对你公司作出行政处罚决定，现予公开。', '如不服本决定，可以在收到本决定书之日起60日内申请行政复议。', '青川县生态环境局  \n2026年11月9日'].join('\n\n')

describe('a body that ends with its own signature', async () => {
  const { disclosures, ctx, diagnostics } = setup([
    publication('2026-xzcf-009', BODY, { title: '行政处罚决定书', formed: '2026-11-20', attachments: [{ title: '行政处罚决定书（盖章件）', path: 'assets/a.pdf' }] as never }),
  ])
  const { pdf, pages } = await renderSheet(disclosures[0]!, ctx)
  const all = words(save(pdf)).flatMap((page) => lines(page))
  const text = all.map((l) => l.text)

  it('is signed once, with the date the body gives', () => {
    expect(pages).toBe(1)
    // The masthead's mark and the signature: no second signature.
    expect(text.filter((t) => t === '青川县生态环境局')).toHaveLength(2)
    expect(text.filter((t) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(t))).toEqual(['2026年11月9日'])
    expect(diagnostics).toEqual([])
  })

  it('puts the attachment note between the body and the signature', () => {
    const note = text.findIndex((t) => t.startsWith('附件：'))
    const organ = text.lastIndexOf('青川县生态环境局')
    const body = text.findIndex((t) => t.startsWith('如不服本决定'))
    expect(body).toBeGreaterThan(0)
    expect(note).toBeGreaterThan(body)
    expect(organ).toBeGreaterThan(note)
    // Nothing of a signature between the body and the note.
    expect(text.slice(body, note).filter((t) => t === '青川县生态环境局' || /日$/.test(t))).toEqual([])
  })

  it('sets the date four characters from the right and the issuing body centred over it', () => {
    const date = all.find((l) => l.text === '2026年11月9日')!
    const organ = all.filter((l) => l.text === '青川县生态环境局').at(-1)!
    expect(date.x1).toBeCloseTo(RIGHT - 4 * EM, 0)
    expect((organ.x0 + organ.x1) / 2).toBeCloseTo((date.x0 + date.x1) / 2, 0)
    expect(organ.y1).toBeLessThan(date.y0 + 1)
  })
})
