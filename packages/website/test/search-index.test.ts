/** The site's chunked search index (search/) that `assemble` ships, read back as the page reads it, and its cache key. */
import type { Artifact } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { gramShard, normalizeSearchText, TITLE } from '../src/search-index.js'
import { website } from '../src/website.js'
import { fixtureContext, fixtureDisclosures, publications } from './fixtures/small.js'
import { makeProject } from './helpers.js'

const project = makeProject()
type SearchRecord = [string, string, string, string, string]

function varint(bytes: Uint8Array, at: number): [number, number] {
  let n = 0
  let shift = 0
  let b: number
  do {
    b = bytes[at++] as number
    n += (b & 0x7f) * 2 ** shift
    shift += 7
  } while (b & 0x80)
  return [n, at]
}

/** Every gram of one shard file with its document numbers, decoded as search.js decodes them. */
function readShard(bytes: Uint8Array, docs: number): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (let i = 0; i < bytes.length;) {
    const len = bytes[i++] as number
    let gram = ''
    for (let k = 0; k < len; k++, i += 2) gram += String.fromCharCode((bytes[i] as number) | ((bytes[i + 1] as number) << 8))
    const kind = bytes[i++] as number
    let size: number
    ;[size, i] = varint(bytes, i)
    const payload = bytes.subarray(i, i + size)
    i += size
    const list: number[] = []
    if (kind === 1) {
      for (let d = 0; d < docs; d++) if ((payload[d >> 3] as number) & (1 << (d & 7))) list.push(d)
    } else {
      for (let j = 0, last = -1; j < payload.length;) {
        const [n, after] = varint(payload, j)
        j = after
        last += n + 1
        list.push(last)
      }
    }
    out.set(gram, list)
  }
  return out
}

describe('search index', async () => {
  const all = fixtureDisclosures()
  const ch = website({})
  const assembled = (await ch.assemble?.(all, fixtureContext(all, project))) ?? []
  const files = new Map(assembled.filter((a) => a.path.startsWith('search/')).map((a) => [a.path, a.data as Uint8Array]))
  const json = (path: string): unknown => JSON.parse(new TextDecoder().decode(files.get(path)))
  const head = json('search/head.json') as { v: string; docs: number; shards: number; chunk: number; version: number }
  const records: SearchRecord[] = []
  for (let n = 0; files.has(`search/d/${n}.json`); n++) records.push(...(json(`search/d/${n}.json`) as SearchRecord[]))
  const postings = new Map<string, number[]>()
  for (let n = 0; n < head.shards; n++) for (const [g, docs] of readShard(files.get(`search/g/${n}.bin`) ?? new Uint8Array(), head.docs)) postings.set(g, docs)

  it('ships a header, one shard file per shard and the records in chunks; no search-index.json', () => {
    const listed = publications.filter((p) => p.review !== undefined)
    expect(head).toMatchObject({ docs: listed.length, chunk: 8, version: 1 })
    expect(head.shards & (head.shards - 1)).toBe(0)
    expect([...files.keys()].filter((p) => p.startsWith('search/g/')).length).toBe(head.shards)
    expect([...files.keys()].filter((p) => p.startsWith('search/d/')).length).toBe(Math.ceil(listed.length / head.chunk))
    expect(assembled.map((a) => a.path)).not.toContain('search-index.json')
    expect(records.map((r) => r[0]).sort()).toEqual(listed.map((p) => `p/${p.id}.html`).sort())
    // Newest first, as the site lists them.
    expect([...records.map((r) => r[2])]).toEqual([...records.map((r) => r[2])].sort().reverse())
  })

  it('holds what the page matches: title, item name, 文号, 索引号, tags and summary', () => {
    const d = all.find((x) => x.publication.id === '2026-hp-003')
    const r = records.find((x) => x[0] === 'p/2026-hp-003.html')
    expect(r?.slice(0, 4)).toEqual(['p/2026-hp-003.html', '关于青川县某水泥厂技改项目环境影响报告书的批复', '2026-04-08', d?.item.name])
    for (const part of [d?.indexNo ?? '?', '环评', '排污许可证应在投产前申领']) expect(r?.[4]).toContain(part)
  })

  it('finds, for every term of one or two characters in any record or title, every record that holds it (the page checks the rest)', () => {
    // The whole record, and the title alone behind TITLE (for the ranking).
    const texts = [records.map((r) => normalizeSearchText(`${r[1]} ${r[3]} ${r[4]}`)), records.map((r) => normalizeSearchText(r[1]))]
    const grams = new Set<string>()
    texts.forEach((hay, k) => {
      for (const h of hay) for (const part of h.split(/\s+/)) for (let i = 0; i < part.length; i++) grams.add((k ? TITLE : '') + part.slice(i, i + 1)).add((k ? TITLE : '') + part.slice(i, i + 2))
    })
    expect(grams.size).toBeGreaterThan(100)
    for (const g of grams) {
      const title = g.startsWith(TITLE)
      const hay = texts[title ? 1 : 0] as string[]
      const expected = hay.flatMap((h, doc) => (h.split(/\s+/).some((part) => part.includes(title ? g.slice(1) : g)) ? [doc] : []))
      expect(postings.get(g), g).toEqual(expected)
      // The page looks a gram up in the shard its hash names.
      expect(readShard(files.get(`search/g/${gramShard(g, head.shards)}.bin`) ?? new Uint8Array(), head.docs).has(g), g).toBe(true)
    }
    expect(postings.size).toBe(grams.size)
    expect(postings.has('草稿')).toBe(false)
  })

  it('keys the index by what it holds: the same for the same publications in any order, new when a title changes', () => {
    const ctx = fixtureContext(all, project)
    const key = ch.searchKey(all, ctx)
    expect(key.startsWith(head.v)).toBe(true)
    expect(ch.searchKey([...all].reverse(), ctx)).toBe(key)
    const changed = fixtureDisclosures(publications.map((p) => (p.id === '2026-hp-003' ? { ...p, title: '关于某水泥厂技改项目环境影响报告书的批复（更正）' } : p)))
    expect(ch.searchKey(changed, fixtureContext(changed, project))).not.toBe(key)
    // The unreviewed draft is not listed, so changing it leaves the key alone.
    const draft = fixtureDisclosures(publications.map((p) => (p.id === '2026-draft-001' ? { ...p, title: '草稿改了标题' } : p)))
    expect(ch.searchKey(draft, fixtureContext(draft, project))).toBe(key)
  })

  it('gives the same index on its own, reused for the same key within a process, and the same bytes from a fresh channel', async () => {
    const alone = await ch.searchIndex(all, fixtureContext(all, project))
    const mine = (a: readonly Artifact[]) => a.filter((x) => x.path.startsWith('search/'))
    expect(alone.map((a) => a.path)).toEqual(mine(assembled).map((a) => a.path))
    expect(alone[0]?.data).toBe(mine(assembled)[0]?.data)
    const fresh = await website({}).searchIndex(all, fixtureContext(all, project))
    expect(fresh.map((a) => a.data)).toEqual(alone.map((a) => a.data))
  })
})
