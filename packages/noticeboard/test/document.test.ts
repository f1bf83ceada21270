/** renderDocument: a document that is not a publication (an annual report, a letter) in the GB/T 9704 layout. */
import { defineConfig } from '@gongkai/core'
import { markdownProcessor } from '@gongkai/core/internal'
import { describe, expect, it } from 'vitest'
import { renderDocument } from '../src/index.js'
import { save, text, wordPages } from './pdf-tools.js'

const config = defineConfig({ body: { name: '青川县生态环境局', orgCode: '008672531' } })
const MM = 72 / 25.4

describe('renderDocument', () => {
  it('sets the title, the addressee flush left, paragraphs, a table over pages with its header again, and the signature', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `| 第${i + 1}行 | ${i} | ${i * 2} |`).join('\n')
    const tree = markdownProcessor.parse(`本机关于2026年3月2日收到您的申请。\n\n## 一、总体情况\n\n| 项目 | 数量 | 总计 |\n| --- | --: | --: |\n${rows}\n\n特此告知。\n`)
    const { pdf, pages } = await renderDocument({ title: '政府信息公开申请答复告知书', tree, date: '2026-04-02', addressee: '张某' }, config)
    const path = save(pdf, 'document.pdf')
    expect(pages).toBeGreaterThanOrEqual(2)
    const all = text(path).replace(/\s+/g, '')
    expect(all).toContain('政府信息公开申请答复告知书张某：本机关于2026年3月2日收到您的申请。')
    expect(all).toContain('一、总体情况')
    expect(all).toContain('第40行')
    expect(all).toMatch(/青川县生态环境局2026年4月2日/)
    expect(all).toMatch(/—1—/)
    const words = wordPages(path)
    // The header row is set again at the top of the table's next page.
    expect(words[1]?.some((w) => w.text === '项目')).toBe(true)
    // 主送 flush left at the type area's left edge (28 mm), the body indented by two characters (16 pt each).
    const addressee = words[0]?.find((w) => w.text.startsWith('张某'))
    const body = words[0]?.find((w) => w.text.startsWith('本机关'))
    expect(addressee?.xMin).toBeCloseTo(28 * MM, 0)
    expect((body?.xMin ?? 0) - (addressee?.xMin ?? 0)).toBeCloseTo(32, 0)
    // The date's right edge four characters in from the type area's right edge (28 + 156 mm); poppler's box ends within a point of the advance.
    const date = words.at(-1)?.find((w) => w.text.includes('2026年4月2日'))
    expect(Math.abs((28 + 156) * MM - (date?.xMax ?? 0) - 4 * 16)).toBeLessThan(1.5)
  })

  it('the same input gives the same bytes', async () => {
    const tree = () => markdownProcessor.parse('正文。\n')
    const a = await renderDocument({ title: '标题', tree: tree(), date: '2026-04-02' }, config)
    const b = await renderDocument({ title: '标题', tree: tree(), date: '2026-04-02' }, config)
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true)
  })
})
