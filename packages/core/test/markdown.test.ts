/**
 * The one parse, for Chinese as offices write it: bold labels that end in full-width punctuation
 * (`**当事人：**某公司`) are bold, not literal asterisks, on every channel; invisible control and
 * bidirectional characters pasted from other programs are dropped with one warning at their place.
 */
import { describe, expect, it } from 'vitest'
import type { Nodes } from 'mdast'
import { parseBody, toPlainText } from '../src/markdown.js'

const SOURCE = { file: 'publications/a.md', bodyLine: 9 }
const shape = (nodes: readonly Nodes[]) => nodes.map((n) => `${n.type}:${toPlainText(n)}`)

describe('parseBody: Chinese emphasis', () => {
  it('closes ** and ~~ after full-width punctuation before a Han character', () => {
    const { tree, diagnostics } = parseBody('**当事人：**某公司，**处罚决定：**罚款。~~原定：~~现定。*（暂行）*办法\n', SOURCE)
    expect(diagnostics).toEqual([])
    const p = tree.children[0]
    expect(p?.type).toBe('paragraph')
    expect(shape((p as { children: Nodes[] }).children)).toEqual([
      'strong:当事人：',
      'text:某公司，',
      'strong:处罚决定：',
      'text:罚款。',
      'delete:原定：',
      'text:现定。',
      'emphasis:（暂行）',
      'text:办法',
    ])
  })

  it('leaves ordinary emphasis as CommonMark has it', () => {
    const { tree } = parseBody('依据**《环境影响评价法》**第二十五条，*a* and **b**。\n', SOURCE)
    expect(shape((tree.children[0] as { children: Nodes[] }).children)).toEqual(['text:依据', 'strong:《环境影响评价法》', 'text:第二十五条，', 'emphasis:a', 'text: and ', 'strong:b', 'text:。'])
  })
})

describe('parseBody: invisible characters', () => {
  it('drops controls, bidi overrides and stray byte-order marks from text, code and alt, with one warning', () => {
    const body = '正文\u0007含控制字符。\n\n第二段\u202e反向\u202c与\ufeff标记，`代码\u0008`。\n\n![图\u202e](../assets/a.png)\n\n```\n\t代码\u001b[0m\n```\n'
    const { tree, diagnostics } = parseBody(body, SOURCE)
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'markdown/invisible-character', severity: 'warning', file: 'publications/a.md', line: 9, column: 1, message: expect.stringContaining('U+0007') }),
    ])
    const text = toPlainText(tree)
    expect(text).toContain('正文含控制字符。')
    expect(text).toContain('第二段反向与标记，代码。')
    expect(text).toContain('\t代码[0m')
    // eslint-disable-next-line no-control-regex -- we look for control characters on purpose
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufeff]/)
    expect(JSON.stringify(tree)).toContain('"alt":"图"')
  })

  it('keeps what is visible or joins characters: ZWJ emoji sequences, tabs, 𠀾', () => {
    const { tree, diagnostics } = parseBody('👨‍👩‍👧 与 罗𠀾明\tA\n', SOURCE)
    expect(diagnostics).toEqual([])
    expect(toPlainText(tree)).toBe('👨‍👩‍👧 与 罗𠀾明\tA')
  })
})
