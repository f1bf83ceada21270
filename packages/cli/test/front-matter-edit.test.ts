/** editFrontMatter: only the new bytes change, whatever shape the list it appends to has. */
import { describe, expect, it } from 'vitest'
import { editFrontMatter } from '../src/front-matter-edit.js'

const file = (front: readonly string[], body = '\n正文：“不动”。\n') => Buffer.from(['---', ...front, '---', body].join('\n'), 'utf8')
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8')
const note = { kind: 'append', key: 'corrections', item: { on: '2026-12-01', note: '更正' } } as const

describe('editFrontMatter', () => {
  it('appends to a list written on one line, rewriting that list alone', () => {
    const out = editFrontMatter(file(['id: a', 'corrections: [{ on: 2026-11-01, note: 初次 }] # 见台账', 'tags: [x, y]']), 'a.md', note)
    expect(text(out)).toBe(file(['id: a', 'corrections: [ { on: 2026-11-01, note: 初次 }, { on: 2026-12-01, note: 更正 } ] # 见台账', 'tags: [x, y]']).toString('utf8'))
  })

  it('turns an empty corrections: line into the list, in place', () => {
    const out = editFrontMatter(file(['id: a', 'corrections:', 'tags: [x, y]']), 'a.md', note)
    expect(text(out)).toBe(file(['id: a', 'corrections:', '  - { on: 2026-12-01, note: 更正 }', 'tags: [x, y]']).toString('utf8'))
  })

  it('appends after a block list of block mappings, at its indentation', () => {
    const out = editFrontMatter(file(['corrections:', '    - on: 2026-11-01', '      note: 初次', '# 结尾的注释']), 'a.md', note)
    expect(text(out)).toBe(file(['corrections:', '    - on: 2026-11-01', '      note: 初次', '    - { on: 2026-12-01, note: 更正 }', '# 结尾的注释']).toString('utf8'))
  })

  it('quotes what YAML would misread, and refuses to set a key twice', () => {
    const out = editFrontMatter(file(['id: a']), 'a.md', { kind: 'set', key: 'withdrawn', value: { on: '2026-12-01', reason: '#错发: 见 [通知]', mode: 'notice' } })
    expect(text(out)).toContain('withdrawn: { on: 2026-12-01, reason: "#错发: 见 [通知]", mode: notice }\n---\n')
    expect(() => editFrontMatter(out, 'a.md', { kind: 'set', key: 'withdrawn', value: { on: '2026-12-02' } })).toThrow(/已有“withdrawn”字段/)
  })
})
