/** setIn and whole-file edits of core's front-matter editing: only the new bytes change, in the file's own style. */
import { describe, expect, it } from 'vitest'
import { editFrontMatter, editYamlText } from '../src/project/front-matter-edit.js'

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
