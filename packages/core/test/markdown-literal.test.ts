/**
 * The parse skips GFM's autolink-literal pass only for bodies where it can find nothing: the trees
 * are the same, and a body where the pass finds an address (also through an escape or a character
 * reference) still gets its link.
 */
import { describe, expect, it } from 'vitest'
import { literalFreeProcessor, markdownProcessor, mayHoldLiteralLinks, parseBody } from '../src/markdown.js'

const source = { file: 'publications/a.md', bodyLine: 8 }
const transformsOf = (p: typeof markdownProcessor) =>
  (p.data('fromMarkdownExtensions') as unknown[]).flat(5).flatMap((e) => ((e as { transforms?: { name: string }[] }).transforms ?? []).map((t) => t.name))

/** Bodies as offices write them, with no address in them. */
const PLAIN = [
  '## 一、基本情况\n\n**当事人：**某环保科技有限公司，统一社会信用代码 91350100MA2XXXXX。\n\n1. 第一项；\n2. 第二项。\n',
  '| 监测点位 | 浓度 | 优良 |\n| :--- | ---: | :---: |\n| 点位1 | 28 | 是 |\n\n~~旧规定~~已废止。[^1]\n\n[^1]: 见附件。\n',
  '正文有*强调*、`代码`和[链接](https://www.example.gov.cn/a "标题")，以及 <https://x.cn/b> 与 ![图](assets/a.png)。\n\n> 引文\n\n- [x] 已完成\n',
]

describe('the autolink-literal pass', () => {
  it('is left out of the second processor only', () => {
    expect(transformsOf(markdownProcessor)).toContain('transformGfmAutolinkLiterals')
    expect(transformsOf(literalFreeProcessor)).not.toContain('transformGfmAutolinkLiterals')
  })

  it('gives the same tree without it for bodies with nothing it looks for', () => {
    for (const body of PLAIN) {
      expect(mayHoldLiteralLinks(body)).toBe(PLAIN.indexOf(body) === 2)
      expect(literalFreeProcessor.parse(body)).toStrictEqual(markdownProcessor.parse(body))
    }
  })

  it('still links a bare address, one behind an escape and one written as a character reference', () => {
    for (const body of ['（www.example.gov.cn）', '见\\www.example.gov.cn', '联系 a&#64;example.gov.cn']) {
      // The pass is what finds these: without it they stay text.
      expect(literalFreeProcessor.parse(body).children[0]).not.toMatchObject({ children: expect.arrayContaining([expect.objectContaining({ type: 'link' })]) })
      const paragraph = parseBody(body, source).tree.children[0]
      expect(paragraph?.type === 'paragraph' && paragraph.children.some((c) => c.type === 'link')).toBe(true)
    }
  })
})
