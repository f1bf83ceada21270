/** setIn and whole-file edits of core's front-matter editing: only the new bytes change, in the file's own style. */
import { describe, expect, it } from 'vitest'
import { editFrontMatter, editPublication, editYamlText } from '../src/project/front-matter-edit.js'

const edit = (text: string, change: Parameters<typeof editFrontMatter>[2]) => Buffer.from(editFrontMatter(Buffer.from(text), 'p.md', change)).toString('utf8')

describe('setIn', () => {
  it('adds a level under a block mapping on a line of its own, indented like the first, before a comment after it', () => {
    const before = '---\nid: a\nreview:\n    初审: { by: 李明, on: 2026-11-24 } # 科室初审\n# 下面是标签\ntags: [x]\n---\n正文\n'
    expect(edit(before, { kind: 'setIn', key: 'review', sub: '复审', value: { by: '赵复审', on: '2026-11-30' } })).toBe(
      '---\nid: a\nreview:\n    初审: { by: 李明, on: 2026-11-24 } # 科室初审\n    复审: { by: 赵复审, on: 2026-11-30 }\n# 下面是标签\ntags: [x]\n---\n正文\n',
    )
  })

  it('rewrites a one-line mapping alone, and creates the key when absent, keeping CRLF', () => {
    expect(edit('---\nid: a\nreview: { 初审: { by: 李明, on: 2026-11-24 } }\n---\n', { kind: 'setIn', key: 'review', sub: '复审', value: { by: '赵', on: '2026-11-30' } })).toBe(
      '---\nid: a\nreview: { 初审: { by: 李明, on: 2026-11-24 }, 复审: { by: 赵, on: 2026-11-30 } }\n---\n',
    )
    expect(edit('---\r\nid: a\r\n---\r\n正文\r\n', { kind: 'setIn', key: 'review', sub: '初审', value: { by: '李明', on: '2026-11-30' } })).toBe(
      '---\r\nid: a\r\nreview: { 初审: { by: 李明, on: 2026-11-30 } }\r\n---\r\n正文\r\n',
    )
  })

  it('refuses a level already signed and a review that is not a mapping', () => {
    expect(() => edit('---\nreview: { 初审: { by: 李明, on: 2026-11-24 } }\n---\n', { kind: 'setIn', key: 'review', sub: '初审', value: { by: 'x', on: '2026-11-30' } })).toThrow('已有“review.初审”')
    expect(() => edit('---\nreview: 已审\n---\n', { kind: 'setIn', key: 'review', sub: '初审', value: { by: 'x', on: '2026-11-30' } })).toThrow('不是“字段: 值”的形式')
  })
})

describe('editYamlText', () => {
  it('appends to a block list of a whole file, quoting what a flow value needs and keeping lists tight', () => {
    const config = '# 配置\nusers:\n  - { id: chen, name: 陈管理, roles: [管理], password: x }\n\n# 结尾注释\n'
    expect(editYamlText(config, 'gongkai.config.yaml', { kind: 'append', key: 'users', item: { id: 'wang', name: '王, 编辑', roles: ['编辑', '审核'], password: 'scrypt$1$2' } })).toBe(
      '# 配置\nusers:\n  - { id: chen, name: 陈管理, roles: [管理], password: x }\n  - { id: wang, name: "王, 编辑", roles: [编辑, 审核], password: scrypt$1$2 }\n\n# 结尾注释\n',
    )
  })
})

describe('editPublication (the console edit form)', () => {
  const apply = (text: string, e: Parameters<typeof editPublication>[2]) => Buffer.from(editPublication(Buffer.from(text), 'p.md', e)).toString('utf8')
  const file =
    '---\nid: a\n# 标题按发文稿\ntitle: 旧标题 # 不要改短\nformed: 2026-10-28\nsummary: |\n  第一行\n  第二行\ntags:\n  - 甲\n  - 乙\nreview: { 初审: { by: 李明, on: 2026-11-24 } }\n---\n正文第一段。\n\n<!-- 留言 -->\n'

  it('replaces a scalar where it stands, keeping the comment after it and every other line', () => {
    expect(
      apply(file, {
        changes: [
          { kind: 'replace', key: 'title', value: '新标题：关于“排污”的通知' },
          { kind: 'replace', key: 'formed', value: '2026-11-02' },
        ],
      }),
    ).toBe(file.replace('旧标题 # 不要改短', '新标题：关于“排污”的通知 # 不要改短').replace('formed: 2026-10-28', 'formed: 2026-11-02'))
  })

  it('writes block values anew from their key, adds absent fields last and removes a field with its lines', () => {
    const out = apply(file, {
      changes: [
        { kind: 'replace', key: 'summary', value: '一行摘要' },
        { kind: 'replace', key: 'tags', value: ['丙', '丁, 戊'] },
        { kind: 'replace', key: 'docNumber', value: '青环发〔2026〕31号' },
        { kind: 'replace', key: 'review', value: undefined },
      ],
    })
    expect(out).toBe(
      '---\nid: a\n# 标题按发文稿\ntitle: 旧标题 # 不要改短\nformed: 2026-10-28\nsummary: 一行摘要\ntags: [丙, "丁, 戊"]\ndocNumber: 青环发〔2026〕31号\n---\n正文第一段。\n\n<!-- 留言 -->\n',
    )
    expect(apply(out, { changes: [{ kind: 'replace', key: 'summary', value: '两行\n摘要' }] })).toContain('summary: |-\n  两行\n  摘要\ntags:')
  })

  it('quotes what would read as another type and replaces the body in the file’s own line ends, keeping a BOM', () => {
    expect(apply('---\nid: a\ndocNumber: x\n---\n', { changes: [{ kind: 'replace', key: 'docNumber', value: '123' }] })).toBe('---\nid: a\ndocNumber: "123"\n---\n')
    const crlf = '\uFEFF---\r\nid: a\r\ntitle: 甲\r\n---\r\n旧正文\r\n'
    expect(apply(crlf, { changes: [{ kind: 'replace', key: 'title', value: '乙' }], body: '新正文\r\n\r\n第二段\n' })).toBe('\uFEFF---\r\nid: a\r\ntitle: 乙\r\n---\r\n新正文\r\n\r\n第二段\r\n')
    expect(apply(crlf, { changes: [] })).toBe(crlf)
  })

  it('refuses a GBK file with 另存为 UTF-8', () => {
    const gbk = Buffer.from([
      ...Buffer.from('---\nid: a\ntitle: '),
      0xb9,
      0xd8,
      0xd3,
      0xda,
      0xca,
      0xb5,
      0xca,
      0xa9,
      0xbd,
      0xa8,
      0xc9,
      0xe8,
      0xcf,
      0xee,
      0xc4,
      0xbf,
      ...Buffer.from('\n---\n'),
      0xd5,
      0xfd,
      0xce,
      0xc4,
      0xa1,
      0xa3,
      0xb9,
      0xd8,
      0xd3,
      0xda,
      0xb8,
      0xc4,
      0xbd,
      0xf8,
      0xb9,
      0xa4,
      0xd7,
      0xf7,
      0xb5,
      0xc4,
      0xcd,
      0xa8,
      0xd6,
      0xaa,
      0x0a,
    ])
    expect(() => editPublication(gbk, 'p.md', { changes: [{ kind: 'replace', key: 'title', value: '乙' }] })).toThrow(/GBK[\s\S]*只改写 UTF-8/)
  })
})
