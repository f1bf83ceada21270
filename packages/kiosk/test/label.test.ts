/** The catalog path above a slide's title breaks at its separators, never inside a word. */
import { describe, expect, it } from 'vitest'
import { labelLines } from '../src/slides.js'

// One em per character, a third of an em for a space: a monospace stand-in for the sans face.
const measure = (text: string) => [...text].reduce((w, ch) => w + (ch === ' ' ? 1 / 3 : 1), 0) * 40

describe('labelLines', () => {
  it('keeps the path on one line when it fits', () => {
    expect(labelLines(['政府信息', '政策文件', '规范性文件'], measure, 40 * 20, 40, '青川县生态环境局')).toEqual(['政府信息 · 政策文件 · 规范性文件'])
  })

  it('breaks between parts, not inside 环境影响评价受理情况', () => {
    const lines = labelLines(['重点领域环境信息', '环境影响评价', '环境影响评价受理情况'], measure, 40 * 18, 40, '青川县生态环境局')
    expect(lines).toEqual(['重点领域环境信息 · 环境影响评价 ·', '环境影响评价受理情况'])
  })

  it('sends a part wider than the line through the title breaker, keeping words whole', () => {
    const lines = labelLines(['重点领域环境信息', '县城空气自动监测站逐时空气质量数据'], measure, 40 * 10, 40, '青川县生态环境局')
    expect(lines[0]).toBe('重点领域环境信息 ·')
    expect(lines.slice(1).join('')).toBe('县城空气自动监测站逐时空气质量数据')
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(40 * 10)
    // No line ends inside 空气 or 质量 or 数据.
    const at = lines[1]!.length
    expect(
      ['空气', '质量', '数据', '监测'].some((w) => {
        const i = '县城空气自动监测站逐时空气质量数据'.indexOf(w)
        return at > i && at < i + w.length
      }),
    ).toBe(false)
  })
})
