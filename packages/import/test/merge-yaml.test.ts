/** mergeCatalogYaml on documents that cannot take items: a GongkaiError with a code, never the yaml library's own error. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { CatalogItem } from '@gongkai/core'
import { GongkaiError } from '@gongkai/core'
import { mergeCatalogYaml } from '../src/merge-yaml.js'

const item = {
  code: 'HB-XZCF-001',
  name: '行政处罚决定',
  basis: ['《中华人民共和国行政处罚法》'],
  content: '处罚决定书',
  owner: '执法大队',
  timeLimit: { workingDays: 7, from: 'decided', text: '7个工作日内' },
  channels: ['website'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
} as unknown as CatalogItem

function thrown(text: string): unknown {
  try {
    mergeCatalogYaml(text, [item])
  } catch (e) {
    return e
  }
  return undefined
}

describe('mergeCatalogYaml', () => {
  it('refuses a scalar or a list at the top with catalog/not-a-mapping at its place', () => {
    for (const [text, message] of [
      ['just text\n', 'catalog.yaml 第 1 行第 1 列是一个单独的值'],
      ['# 目录\n- code: HB-1\n', 'catalog.yaml 第 2 行第 1 列是一个列表'],
      ['42\n', '一个单独的值'],
    ] as const) {
      const e = thrown(text)
      expect(e, text).toBeInstanceOf(GongkaiError)
      expect((e as GongkaiError).code).toBe('catalog/not-a-mapping')
      expect((e as GongkaiError).message).toContain(message)
    }
  })

  it('refuses items that are not a list with catalog/items-not-list', () => {
    expect((thrown('items: 行政处罚\n') as GongkaiError).code).toBe('catalog/items-not-list')
  })

  it('merges into an empty document, or one of comments only, keeping the comments', () => {
    for (const text of ['', '\n', '# 本局标准目录\n']) {
      const r = mergeCatalogYaml(text, [item])
      expect(r.added).toEqual(['HB-XZCF-001'])
      expect((parse(r.text) as { items: { name: string }[] }).items.map((i) => i.name)).toEqual(['行政处罚决定'])
      if (text.startsWith('#')) expect(r.text.startsWith('# 本局标准目录')).toBe(true)
    }
  })
})
