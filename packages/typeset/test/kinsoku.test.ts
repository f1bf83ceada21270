/**
 * Kinsoku checked against the W3C clreq tables (3.1.7 禁则) as typed here from the spec, never
 * against the code's own lists: each mark is set at every column of a line of ideographs and
 * the lines the breaker chose are read back.
 */
import { describe, expect, it } from 'vitest'
import { breakTitleAtoms, mayBreakBetween, neverEndsLine, neverStartsLine } from '../src/index.js'

/** 行首禁则: closing brackets, quotes and book-title marks, pause and stop marks, 间隔号, 连接号 ～, iteration marks. */
const NEVER_START = [...'。，、；：？！）］｝〕〉》」』】〙〗〟’”｠»·～々〻ゝゞヽヾ〃％‰℃', '．']
/** 行尾禁则: opening brackets, quotes and book-title marks. */
const NEVER_END = [...'（［｛〔〈《「『【〘〖〝‘“｟«']
/** 不能分割: dashes and ellipses. */
const INSEPARABLE = ['——', '……']

/** Greedy lines of one-em atoms, `perLine` to a line, breaking only where kinsoku allows (the breaker's allowed set, used as a line breaker would). */
function greedy(text: string, perLine: number): string[] {
  const chars = [...text]
  const lines: string[] = []
  let start = 0
  while (start < chars.length) {
    let end = Math.min(chars.length, start + perLine)
    while (end < chars.length && end > start + 1 && !mayBreakBetween(chars[end - 1]!, chars[end]!)) end--
    lines.push(chars.slice(start, end).join(''))
    start = end
  }
  return lines
}

describe('kinsoku (clreq 3.1.7, on UAX #14)', () => {
  it('never starts a line with a mark of the clreq start table, at any column', () => {
    for (const m of NEVER_START) {
      expect(neverStartsLine(m), m).toBe(true)
      for (let col = 1; col <= 12; col++) {
        const lines = greedy(`${'国'.repeat(col)}${m}${'家'.repeat(20)}`, 8)
        for (const l of lines.slice(1)) expect(l.startsWith(m), `${m} at column ${col}: ${lines.join(' / ')}`).toBe(false)
      }
    }
  })

  it('never ends a line with a mark of the clreq end table, at any column', () => {
    for (const m of NEVER_END) {
      expect(neverEndsLine(m), m).toBe(true)
      for (let col = 1; col <= 12; col++) {
        const lines = greedy(`${'国'.repeat(col)}${m}${'家'.repeat(20)}`, 8)
        for (const l of lines.slice(0, -1)) expect(l.endsWith(m), `${m} at column ${col}: ${lines.join(' / ')}`).toBe(false)
      }
    }
  })

  it('keeps —— and …… together, and Latin words and numbers whole', () => {
    for (const m of INSEPARABLE) {
      expect(mayBreakBetween(m[0]!, m[1]!), m).toBe(false)
      for (let col = 1; col <= 10; col++) {
        const lines = greedy(`${'国'.repeat(col)}${m}${'家'.repeat(20)}`, 8)
        expect(lines.join('\n').includes(`${m[0]}\n${m[1]}`), `${m} at ${col}`).toBe(false)
      }
    }
    expect(mayBreakBetween('M', '2')).toBe(false)
    expect(mayBreakBetween('2', '.')).toBe(false)
    expect(mayBreakBetween('2', '0')).toBe(false)
  })

  it('lets ideographs, opening marks after them and the marks that may start a line break freely', () => {
    expect(mayBreakBetween('国', '家')).toBe(true)
    for (const m of NEVER_END) expect(mayBreakBetween('国', m), `国|${m}`).toBe(true)
    for (const m of NEVER_START) expect(mayBreakBetween(m, '国'), `${m}|国`).toBe(true)
    // What the library alone gets wrong for Chinese: quotes glued to both sides (QU before Unicode 15.1), 。“ unbreakable.
    expect(mayBreakBetween('。', '“')).toBe(true)
    expect(mayBreakBetween('”', '国')).toBe(true)
    expect(mayBreakBetween('国', '‘')).toBe(true)
  })

  it('holds in the title breaker too, whatever the measure', () => {
    const text = '关于［图：青川县］“十五五”（征求意见稿）《规划》——说明……，完。'
    const atoms = [...text].map((c) => ({ text: c, width: 1 }))
    // From 4: the longest run kinsoku keeps together here (划》——, 明……，) is four characters.
    for (let w = 4; w <= 12; w++) {
      const { lines } = breakTitleAtoms(atoms, { maxWidth: w, em: 1 })
      const texts = lines.map((l) => l.atoms.map((a) => a.text).join(''))
      expect(texts.join('')).toBe(text)
      for (const [i, l] of texts.entries()) {
        if (i > 0)
          expect(
            NEVER_START.some((m) => l.startsWith(m)),
            `${w}: ${texts.join(' / ')}`,
          ).toBe(false)
        if (i < texts.length - 1)
          expect(
            NEVER_END.some((m) => l.endsWith(m)),
            `${w}: ${texts.join(' / ')}`,
          ).toBe(false)
      }
    }
  })
})
