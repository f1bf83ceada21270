import { describe, expect, it } from 'vitest'
import { markdownProcessor } from '../src/markdown.js'
import { validateProject } from '../src/project/validate.js'
import { findBodySignature, isOrganLine, readChineseDate } from '../src/signature.js'
import type { Root } from 'mdast'

const tree = (md: string) => markdownProcessor.parse(md) as Root
const ORGAN = '青川县生态环境局'

describe('findBodySignature', () => {
  it('finds the issuing body and the date in one paragraph with a hard break, or in two paragraphs', () => {
    const one = findBodySignature(tree('正文。\n\n青川县生态环境局  \n2026年11月9日\n'), ORGAN)
    expect(one).toMatchObject({ organs: [ORGAN], date: '2026年11月9日', iso: '2026-11-09', start: 1, line: 3, column: 1 })
    expect(one!.nodes).toHaveLength(1)
    const two = findBodySignature(tree('正文。\n\n青川县生态环境局\n\n2026年11月9日\n'), ORGAN)
    expect(two).toMatchObject({ organs: [ORGAN], date: '2026年11月9日', start: 1, line: 3 })
    expect(two!.nodes).toHaveLength(2)
  })

  it('takes any line that reads as a body, several for a joint document, Chinese numerals and a soft line end', () => {
    expect(findBodySignature(tree('正文。\n\n青川县水利局\n二〇二六年十一月十九日\n'))).toMatchObject({ organs: ['青川县水利局'], iso: '2026-11-19' })
    expect(findBodySignature(tree('正文。\n\n青川县生态环境局  \n青川县水利局  \n2026年3月1日\n'))).toMatchObject({ organs: ['青川县生态环境局', '青川县水利局'], iso: '2026-03-01' })
    expect(findBodySignature(tree('正文。\n\n**青川县人民政府办公室**  \n2026年3月1日\n\n[^1]: 注\n'))).toMatchObject({ organs: ['青川县人民政府办公室'], start: 1 })
  })

  it('leaves a body that ends otherwise', () => {
    expect(findBodySignature(tree('正文。\n\n2026年11月9日\n'), ORGAN)).toBeUndefined()
    expect(findBodySignature(tree('本决定自2026年11月9日起施行。\n'), ORGAN)).toBeUndefined()
    expect(findBodySignature(tree('特此公告。  \n2026年11月9日\n'), ORGAN)).toBeUndefined()
    expect(findBodySignature(tree('青川县生态环境局\n\n正文在后。\n'), ORGAN)).toBeUndefined()
    expect(findBodySignature(tree('正文。\n\n| 单位 |\n| --- |\n| 青川县生态环境局 |\n\n2026年11月9日\n'), ORGAN)).toBeUndefined()
    expect(findBodySignature(tree('正文。\n\n青川县生态环境局  \n2026年13月9日\n'), ORGAN)).toBeUndefined()
  })

  it('reads dates and bodies as offices write them', () => {
    expect(readChineseDate('2026年1月31日')).toBe('2026-01-31')
    expect(readChineseDate('二〇二六年十二月三十一日')).toBe('2026-12-31')
    expect(readChineseDate('2026 年 11 月 9 日')).toBe('2026-11-09')
    expect(readChineseDate('2026-11-09')).toBeUndefined()
    expect(isOrganLine('青川县乔庄镇人民政府')).toBe(true)
    expect(isOrganLine('四川青禾竹木科技有限公司')).toBe(true)
    expect(isOrganLine('特此公告。')).toBe(false)
    expect(isOrganLine('联系人：王建国')).toBe(false)
    expect(isOrganLine('青川县金溪建材有限公司法定代表人蒋德明同志在场')).toBe(false)
  })
})

describe('validate', () => {
  it('warns at the signature line of a body that ends with its own signature, in Chinese', () => {
    const r = validateProject({
      config: { file: 'gongkai.config.yaml', text: 'body: { name: 青川县生态环境局, orgCode: "000000001" }\nsite: { title: 站, baseUrl: "https://a.gov.cn/" }\n' },
      catalog: {
        file: 'catalog.yaml',
        text: 'items:\n  - { code: A-1, name: 甲, category: 类, basis: 依据, content: 内容, owner: 科, timeLimit: 实时, channels: [website], audience: 特定群体, mode: 依申请, level: 乡级 }\n',
      },
      publications: [
        { file: 'publications/a.md', text: '---\nid: a\nitem: A-1\ntitle: 标题\nkind: release\nstage: result\nformed: 2026-01-05\n---\n正文。\n\n青川县生态环境局  \n2026年1月5日\n' },
        { file: 'publications/b.md', text: '---\nid: b\nitem: A-1\ntitle: 标题\nkind: release\nstage: result\nformed: 2026-01-05\n---\n正文。\n' },
      ],
    })
    const found = r.diagnostics.filter((d) => d.code === 'publication/body-signature')
    expect(found.map((d) => [d.file, d.line, d.column, d.severity, d.subject])).toEqual([['publications/a.md', 11, 1, 'warning', 'a']])
    expect(found[0]!.message).toContain('青川县生态环境局 / 2026年1月5日')
    expect(found[0]!.hint).toMatch(/右空四字/)
    // A warning only: the publication is still disclosed.
    expect(r.disclosures.map((d) => d.publication.id)).toEqual(['a', 'b'])
  })
})
