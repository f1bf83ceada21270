import { resolveFonts } from '@gongkai/fonts'
import { describe, expect, it } from 'vitest'
import { faceBook } from '../src/layout/pdf-fonts.js'
import { atomize, breakLines } from '../src/layout/text.js'
import { GEOMETRY } from '../src/layout/geometry.js'
import { breakTitle } from '../src/layout/title.js'

const book = faceBook(resolveFonts())
const style = { face: 'serif', size: GEOMETRY.bodySize } as const
const lineText = (l: { atoms: readonly { text: string }[] }) => l.atoms.map((a) => a.text).join('')

function lines(text: string, width = GEOMETRY.width, indent = 0) {
  return breakLines(
    atomize([{ text, style }], book, width, () => {}),
    width - indent,
    width,
  )
}

describe('Chinese line breaking', () => {
  it('fills 28 characters per line on the grid', () => {
    const out = lines('政务公开标准化规范化'.repeat(10))
    expect(out.map((l) => [...lineText(l)].length)).toEqual([28, 28, 28, 16])
  })

  // The clreq tables (3.1.7 禁则), typed here from the spec: never the code's own lists.
  const NEVER_START = [...'。，、；：？！）］｝〕〉》」』】〙〗〟’”｠»·～々〻ゝ〃％']
  const NEVER_END = [...'（［｛〔〈《「『【〘〖〝‘“｟«']

  it('never starts a line with a mark of the clreq start table nor ends one with a mark of the end table, at any column', () => {
    for (let col = 20; col < 34; col++) {
      for (const m of NEVER_START) {
        const text = `${'公'.repeat(col)}${m}${m === '。' ? '”' : ''}开${'示'.repeat(40)}`
        for (const l of lines(text).slice(1)) expect(NEVER_START.includes([...lineText(l)][0]!), `${m} at ${col}`).toBe(false)
      }
      for (const o of NEVER_END) {
        const text = `${'公'.repeat(col)}${o}开示${'栏'.repeat(40)}`
        for (const l of lines(text)) {
          const chars = [...lineText(l)]
          expect(NEVER_END.includes(chars[chars.length - 1]!), `${o} at ${col}`).toBe(false)
        }
      }
    }
  })

  it('sets what the renderer itself prints, ［图：…］ and ［√］, with ［ never at a line end and ］ never at a start', () => {
    for (let col = 22; col < 30; col++) {
      const text = `${'公'.repeat(col)}［图：监测点位］［√］${'示'.repeat(40)}`
      const out = lines(text).map(lineText)
      for (const [i, l] of out.entries()) {
        if (i > 0) expect(l.startsWith('］') || l.startsWith('：'), `${col}: ${out.join(' / ')}`).toBe(false)
        if (i < out.length - 1) expect(l.endsWith('［'), `${col}: ${out.join(' / ')}`).toBe(false)
      }
    }
  })

  it('never splits —— or ……', () => {
    for (let col = 24; col < 30; col++) {
      for (const m of ['——', '……']) {
        const out = lines(`${'公'.repeat(col)}${m}${'示'.repeat(40)}`).map(lineText)
        expect(out.join('\n').includes(`${m[0]}\n${m[1]}`), `${m} at ${col}: ${out.join(' / ')}`).toBe(false)
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

describe('footnote marks', () => {
  it('never start a line: the character before comes down with the mark', () => {
    const mark = { face: 'serif', size: GEOMETRY.bodySize * 0.6, rise: 4 } as const
    const atoms = atomize(
      [
        { text: '公'.repeat(28), style },
        { text: '[1]', style: mark, note: 'a' },
        { text: '开'.repeat(10), style },
      ],
      book,
      GEOMETRY.width,
      () => {},
    )
    const out = breakLines(atoms, GEOMETRY.width, GEOMETRY.width)
    expect(out.length).toBe(2)
    expect(lineText(out[1]!).startsWith('公[1]')).toBe(true)
  })
})

describe('title breaking (GB/T 9704-2012 7.3.3: 词意完整，排列对称，梯形或菱形)', () => {
  const titleStyle = { face: 'serifBold', size: 22 } as const
  const title = (text: string) =>
    breakTitle(
      atomize([{ text, style: titleStyle }], book, GEOMETRY.width, () => {}),
      GEOMETRY.width,
    )
  const words = new Intl.Segmenter('zh-CN', { granularity: 'word' })
  const TITLES = [
    '青川县生态环境局行政处罚决定书（青环罚〔2026〕7号）',
    '青川县生态环境局查封、扣押决定书（青环查封〔2026〕5号）',
    '关于公开征求《青川县“十五五”生态环境保护规划（征求意见稿）》意见的公告',
    '2026年11月20日拟作出审批意见的建设项目环境影响评价文件公示',
    '四川青禾竹木科技有限公司年产3万吨竹纤维模塑环保餐具建设项目环境影响报告表受理情况公示',
    '青川县生态环境局2026年公开招聘编外聘用人员拟聘用人员公示',
  ]

  it('uses as few lines as greedy filling (one more only to keep 生态环境保护规划 whole), breaks only between words, and keeps lines within about 4 characters of each other', () => {
    for (const t of TITLES) {
      const atoms = atomize([{ text: t, style: titleStyle }], book, GEOMETRY.width, () => {})
      const out = title(t)
      expect(out.length, t).toBe(breakLines(atoms, GEOMETRY.width, GEOMETRY.width).length + (t.includes('生态环境保护规划') ? 1 : 0))
      expect(out.map(lineText).join('/').includes('生态/环境保护规划'), t).toBe(false)
      expect(out.map(lineText).join('')).toBe(t)
      const boundaries = new Set([...words.segment(t)].map((s) => s.index))
      let at = 0
      for (const l of out.slice(0, -1)) {
        at += lineText(l).length
        expect(boundaries.has(at), `${t}: break at ${at}`).toBe(true)
      }
      const widths = out.map((l) => l.width)
      // Four characters, and the half-width digits of a document number.
      expect(Math.max(...widths) - Math.min(...widths), t).toBeLessThanOrEqual(4.5 * titleStyle.size)
      for (const w of widths) expect(w).toBeLessThanOrEqual(GEOMETRY.width + 0.01)
    }
  })

  it('keeps 行政处罚决定书 whole and breaks after a pause mark or before the document number', () => {
    // Issue 14: 行政处罚 / 决定书 splits one word; the document number is the place to break.
    expect(title(TITLES[0]!).map(lineText)).toEqual(['青川县生态环境局行政处罚决定书', '（青环罚〔2026〕7号）'])
    expect(title(TITLES[3]!).map(lineText)).toEqual(['2026年11月20日拟作出审批意见的', '建设项目环境影响评价文件公示'])
    // One line when it fits.
    expect(title('关于印发工作方案的通知').map(lineText)).toEqual(['关于印发工作方案的通知'])
  })
})
