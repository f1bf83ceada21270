import { resolveFonts } from '@gongkai/fonts'
import { describe, expect, it } from 'vitest'
import { faceBook } from '../src/layout/pdf-fonts.js'
import { isClosing, isOpening } from '../src/layout/punctuation.js'
import { atomize, breakLines } from '../src/layout/text.js'
import { GEOMETRY } from '../src/layout/geometry.js'

const book = faceBook(resolveFonts())
const style = { face: 'serif', size: GEOMETRY.bodySize } as const
const lineText = (l: { atoms: readonly { text: string }[] }) => l.atoms.map((a) => a.text).join('')

function lines(text: string, width = GEOMETRY.width, indent = 0) {
  return breakLines(atomize([{ text, style }], book, width, () => {}), width - indent, width)
}

describe('Chinese line breaking', () => {
  it('fills 28 characters per line on the grid', () => {
    const out = lines('政务公开标准化规范化'.repeat(10))
    expect(out.map((l) => [...lineText(l)].length)).toEqual([28, 28, 28, 16])
  })

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // Put punctuation at every possible column.
    const marks = ['，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '”']
    const opens = ['（', '《', '「', '“']
    for (let col = 20; col < 34; col++) {
      for (const m of marks) {
        const text = `${'公'.repeat(col)}${m}${m === '。' ? '”' : ''}开${'示'.repeat(40)}`
        for (const l of lines(text).slice(1)) expect(isClosing([...lineText(l)][0]!), `${m} at ${col}`).toBe(false)
      }
      for (const o of opens) {
        const text = `${'公'.repeat(col)}${o}开示${'栏'.repeat(40)}`
        for (const l of lines(text)) {
          const chars = [...lineText(l)]
          expect(isOpening(chars[chars.length - 1]!), `${o} at ${col}`).toBe(false)
        }
      }
    }
  })

  it('squeezes a closing mark into a full line when the line has punctuation to give half an em each', () => {
    const out = lines(`${'公'.repeat(20)}，${'公'.repeat(7)}，后文`)
    expect(lineText(out[0]!)).toBe(`${'公'.repeat(20)}，${'公'.repeat(7)}，`)
    expect(out[0]!.width - GEOMETRY.width).toBeLessThanOrEqual(style.size + 0.01)
    // With nothing else to squeeze, the last character comes down with the mark.
    const pulled = lines(`${'公'.repeat(28)}，后文`)
    expect(lineText(pulled[0]!)).toBe('公'.repeat(27))
    expect(lineText(pulled[1]!).startsWith('公，')).toBe(true)
  })

  it('pulls a character down when two closing marks would overflow', () => {
    const out = lines(`${'公'.repeat(28)}。”后文`)
    expect(lineText(out[1]!).startsWith('公。”')).toBe(true)
  })

  it('keeps Latin words whole and breaks a word longer than the line anywhere', () => {
    const out = lines(`${'公'.repeat(25)}hello world`)
    expect(lineText(out[0]!)).toBe(`${'公'.repeat(25)}hello`)
    const url = `https://example.gov.cn/${'x'.repeat(200)}`
    const parts = lines(url)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.map(lineText).join('')).toBe(url)
    for (const l of parts) expect(l.width).toBeLessThanOrEqual(GEOMETRY.width + 0.01)
  })

  it('honours the first-line indent of two characters', () => {
    const out = lines('公'.repeat(60), GEOMETRY.width, 2 * style.size)
    expect([...lineText(out[0]!)].length).toBe(26)
  })
})
