import { Writable } from 'node:stream'
import stringWidth from 'string-width'
import stripAnsi from 'strip-ansi'
import { describe, expect, it } from 'vitest'
import { displayWidth, fitLabel, progress, table } from '../src/ui.js'

const RED = (s: string) => `\u001b[31m${s}\u001b[39m`
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// eslint-disable-next-line no-control-regex -- we look for control characters on purpose
const SGR = /\u001b\[[0-9;]*m/g

/** The display column at which the marker cell starts on each line. */
function columnOf(line: string, marker: string): number {
  const plain = stripAnsi(line)
  return stringWidth(plain.slice(0, plain.indexOf(marker)))
}

describe('display width', () => {
  it('counts emoji, CJK and Ext-B as two columns and ANSI colours as none', () => {
    expect(displayWidth('😀')).toBe(2)
    expect(displayWidth(RED('红'))).toBe(2)
    expect(displayWidth('政府网站')).toBe(8)
    expect(displayWidth('𠀾')).toBe(2)
    expect(displayWidth('a')).toBe(1)
  })

  it('aligns table columns whatever the first column holds', () => {
    const cells = ['😀', RED('红'), '政府网站', '𠀾家', 'abc', `${RED('逾期')}😀`]
    const out = table(
      ['名称', '标记'],
      cells.map((c) => [c, '‹X›']),
    )
    const lines = out.split('\n').slice(2)
    const columns = lines.map((l) => columnOf(l, '‹X›'))
    expect(new Set(columns).size, out).toBe(1)
    expect(columns[0]).toBe(Math.max(...cells.map((c) => stringWidth(c))) + 2)
    // The rule under the header is as wide as the widest cell of each column.
    expect(out.split('\n')[1]).toBe(`${'─'.repeat(8)}  ${'─'.repeat(4)}`)
  })
})

describe('fitLabel', () => {
  const label = `公示栏 ${RED('HB-XZCF-001')} 𠀾😀政府信息公开年度报告${RED('红')}😀`

  it('never splits a surrogate pair or an ANSI sequence, and never overflows', () => {
    for (let columns = 1; columns <= stringWidth(label) + 2; columns++) {
      const cut = fitLabel(label, columns)
      expect(stringWidth(cut), `${columns}: ${JSON.stringify(cut)}`).toBeLessThanOrEqual(columns)
      expect(LONE_SURROGATE.test(cut), JSON.stringify(cut)).toBe(false)
      expect(cut.replace(SGR, '')).not.toContain('\u001b')
      const visible = stripAnsi(cut).replace(/…$/, '')
      expect(stripAnsi(label).startsWith(visible), JSON.stringify(cut)).toBe(true)
    }
    expect(fitLabel(label, 200)).toBe(label)
  })
})

function fakeTerminal(columns: number, isTTY = true) {
  let written = ''
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        written += chunk.toString()
        callback()
      },
    }),
    { isTTY, columns },
  )
  return { stream, output: () => written }
}

describe('progress', () => {
  const long = `政府网站 𠀾😀${'HB-XZCF-001 𠀾😀'.repeat(10)}`

  it('draws within the terminal width, without broken characters', async () => {
    // cli-progress redraws on its own timer (at most 12 times a second): give it time to draw each label.
    const drawn = () => new Promise((r) => setTimeout(r, 200))
    const t = fakeTerminal(40)
    const bar = progress('生成', 3, { stream: t.stream, env: {} })
    bar.update(1, long)
    await drawn()
    bar.update(2, `${RED('红')}${long}`)
    await drawn()
    bar.done()
    const out = t.output()
    expect(out).toContain('3/3')
    expect(LONE_SURROGATE.test(out)).toBe(false)
    // eslint-disable-next-line no-control-regex -- we look for control characters on purpose
    const frames = out
      .split(/\r|\n|\u001b\[\d*G/)
      .map((f) => stripAnsi(f))
      .filter((f) => f.trim() !== '')
    expect(frames.length).toBeGreaterThan(0)
    for (const f of frames) expect(stringWidth(f), f).toBeLessThanOrEqual(39)
    expect(frames.some((f) => f.includes('𠀾'))).toBe(true)
  })

  it('stays silent off a terminal and under CI=true', () => {
    for (const [t, env] of [
      [fakeTerminal(80, false), {}],
      [fakeTerminal(80), { CI: 'true' }],
    ] as const) {
      const bar = progress('生成', 2, { stream: t.stream, env })
      bar.update(1, 'x')
      bar.done()
      expect(t.output()).toBe('')
    }
  })
})
