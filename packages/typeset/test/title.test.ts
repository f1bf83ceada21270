/**
 * The title breaker on the example project's real titles, at the measures of the WeChat cover
 * (500 px at 44–60 px type) and the kiosk title slide (936 and 1248 px at 68 px): the protected
 * words of issue 14 never split and no line holds one character alone.
 */
import { describe, expect, it } from 'vitest'
import { breakTitle, breakTitleAtoms } from '../src/index.js'

// Advances of a CJK face: ideographs and full-width marks one em, digits and Latin about half.
const measure = (size: number) => (s: string) => [...s].reduce((w, c) => w + (/[\u0020-\u007e]/.test(c) ? 0.55 : 1) * size, 0)

/** Words the issue names: a break inside any of them is the bug. */
const PROTECTED = ['青环罚〔2026〕14号', '2026年11月25日', '10月', '行政处罚', '决定书', '生态环境保护规划', '月报', '青川县', '青川县生态环境局', '石门镇']

const TITLES = [
  '青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）',
  '关于公开征求《青川县“十五五”生态环境保护规划（征求意见稿）》意见的公告',
  '县城空气自动监测站2026年11月25日逐时空气质量',
  '青川县2026年10月环境质量月报',
  '建设项目环评审批结果公告（10月30日）',
  '2026年10月12369环保举报热线受理情况',
  '关于县道X127线石门镇段罐车侧翻柴油泄漏事件处置情况的通报',
]

/** Offsets (in characters of the joined lines) where the lines break. */
function breaksOf(lines: readonly string[]): number[] {
  const out: number[] = []
  let at = 0
  for (const l of lines.slice(0, -1)) out.push((at += l.length))
  return out
}

/** The protected words that a breaking splits. */
function splitWords(title: string, lines: readonly string[]): string[] {
  const breaks = breaksOf(lines)
  const out: string[] = []
  for (const w of PROTECTED) for (let i = title.indexOf(w); i >= 0; i = title.indexOf(w, i + 1)) if (breaks.some((b) => b > i && b < i + w.length)) out.push(w)
  return out
}

describe('breakTitle', () => {
  for (const [size, maxWidth] of [
    [44, 500],
    [68, 936],
    [68, 1248],
  ] as const) {
    it(`keeps names, numbers with units and words whole at ${size} px in ${maxWidth} px`, () => {
      for (const t of TITLES) {
        const { lines, whole } = breakTitle(t, { measure: measure(size), maxWidth, em: size, keep: ['青川县生态环境局'] })
        expect(lines.join(''), t).toBe(t)
        expect(splitWords(t, lines), lines.join(' / ')).toEqual([])
        for (const l of lines) expect([...l.replace(/[\p{P}]/gu, '')].length, lines.join(' / ')).toBeGreaterThan(1)
        for (const l of lines) expect(measure(size)(l), l).toBeLessThanOrEqual(maxWidth)
        expect(whole, lines.join(' / ')).toBe(true)
      }
    })
  }

  it('sets the cover titles of the issue as a typesetter would', () => {
    const at = (t: string, size: number, max: number) => breakTitle(t, { measure: measure(size), maxWidth: max, em: size, keep: ['青川县生态环境局'] }).lines
    expect(at('青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）', 44, 500)).toEqual(['青川县生态环境局', '行政处罚决定书', '（青环罚〔2026〕14号）'])
    expect(at('青川县2026年10月环境质量月报', 68, 936)).toEqual(['青川县2026年10月', '环境质量月报'])
    expect(at('县城空气自动监测站2026年11月25日逐时空气质量', 68, 1248)).toEqual(['县城空气自动监测站', '2026年11月25日逐时空气质量'])
  })

  it('keeps a short quoted group whole, and says so when the measure splits one', () => {
    const t = '青川县生态环境局2026年第三季度“双随机、一公开”抽查结果'
    const at = (size: number) => breakTitle(t, { measure: measure(size), maxWidth: 500, em: size, keep: ['青川县生态环境局'] })
    expect(at(48).lines).toContain('“双随机、一公开”')
    expect(at(48).whole).toBe(true)
    const tight = breakTitle(t, { measure: measure(48), maxWidth: 300, em: 48 })
    expect(tight.lines.join('')).toBe(t)
    expect(tight.whole).toBe(false)
  })

  it('says when the measure forced a split, so that the caller can shrink the type', () => {
    const forced = breakTitle('青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）', { measure: measure(60), maxWidth: 500, em: 60 })
    expect(forced.whole).toBe(false)
    expect(forced.lines.join('')).toBe('青川县生态环境局行政处罚决定书（青环罚〔2026〕14号）')
  })

  it('keeps a one-line title on one line and breaks at a forced line break', () => {
    expect(breakTitle('关于印发工作方案的通知', { measure: measure(20), maxWidth: 1000 }).lines).toEqual(['关于印发工作方案的通知'])
    expect(breakTitle('第一行\n第二行', { measure: measure(20), maxWidth: 1000 }).lines).toEqual(['第一行', '第二行'])
  })

  it('sets a run wider than the measure on a line of its own rather than failing', () => {
    const url = 'https://example.gov.cn/a/very/long/path'
    const atoms = [
      { text: '见', width: 10 },
      { text: url, width: 400 },
      { text: '文', width: 10 },
    ]
    const { lines, whole } = breakTitleAtoms(atoms, { maxWidth: 100, em: 10 })
    expect(lines.map((l) => l.atoms.map((a) => a.text).join(''))).toContain(url)
    expect(whole).toBe(false)
  })
})

describe('breakTitle on long text', () => {
  it('breaks a 300-character title into many lines in milliseconds, still in whole words', () => {
    const unit = '关于开展全县生态环境保护专项执法检查工作，'
    const text = unit.repeat(15)
    const started = performance.now()
    const { lines } = breakTitle(text, { measure: measure(32), maxWidth: 500, em: 32 })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(lines.join('')).toBe(text)
    expect(lines.length).toBeGreaterThan(15)
    expect(splitWords(text, lines)).toEqual([])
    expect(lines.join('/').includes('生态/环境保护')).toBe(false)
  })
})
