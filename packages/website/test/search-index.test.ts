/** The site's search bundle (Pagefind, under pagefind/) that `assemble` ships, and its cache key. */
import { gunzipSync } from 'node:zlib'
import type { Artifact } from '@gongkai/core'
import { afterAll, describe, expect, it } from 'vitest'
import { closeSearchIndexer } from '../src/search-index.js'
import { website } from '../src/website.js'
import { fixtureContext, fixtureDisclosures, publications } from './fixtures/small.js'
import { makeProject } from './helpers.js'

const project = makeProject()
afterAll(() => closeSearchIndexer())

/** A fragment's record: Pagefind gzips it behind a signature and marks word breaks with U+200B. */
function fragmentOf(a: Artifact): { url: string; content: string; meta: Record<string, string> } {
  const text = new TextDecoder().decode(gunzipSync(a.data as Uint8Array))
  const record = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string; meta: Record<string, string> }
  return { ...record, content: record.content.replace(/\u200b/g, '') }
}

describe('search bundle', async () => {
  const all = fixtureDisclosures()
  const ch = website({})
  const assembled = (await ch.assemble?.(all, fixtureContext(all, project))) ?? []
  const bundle = assembled.filter((a) => a.path.startsWith('pagefind/'))

  it('ships the runtime, the entry, the metadata, index chunks and one fragment per listed publication, not Pagefind’s own UI', () => {
    const paths = bundle.map((a) => a.path)
    expect(paths).toEqual(expect.arrayContaining(['pagefind/pagefind.js', 'pagefind/pagefind-worker.js', 'pagefind/pagefind-entry.json', 'pagefind/wasm.unknown.pagefind']))
    expect(paths.some((p) => /^pagefind\/pagefind\.zh_[0-9a-f]+\.pf_meta$/.test(p))).toBe(true)
    expect(paths.some((p) => p.startsWith('pagefind/index/'))).toBe(true)
    expect(paths.filter((p) => /ui|highlight|playground/.test(p))).toEqual([])
    expect(assembled.map((a) => a.path)).not.toContain('search-index.json')
    const listed = publications.filter((p) => p.review !== undefined).map((p) => `/p/${p.id}.html`)
    const fragments = bundle.filter((a) => a.path.startsWith('pagefind/fragment/')).map(fragmentOf)
    expect(fragments.map((f) => f.url.replace(/^\/?/, '/')).sort()).toEqual(listed.sort())
  })

  it('indexes what the page matches: title, item name, 文号, 索引号, tags and summary; with title, item and date as metadata', () => {
    const f = bundle
      .filter((a) => a.path.startsWith('pagefind/fragment/'))
      .map(fragmentOf)
      .find((x) => x.url.endsWith('p/2026-hp-003.html'))
    const d = all.find((x) => x.publication.id === '2026-hp-003')
    expect(f?.meta).toMatchObject({ title: '关于青川县某水泥厂技改项目环境影响报告书的批复', item: d?.item.name, date: '2026-04-08' })
    for (const part of ['关于青川县某水泥厂技改项目环境影响报告书的批复', d?.item.name ?? '?', d?.indexNo ?? '?', '环评', '排污许可证应在投产前申领']) expect(f?.content).toContain(part)
  })

  it('keys the bundle by what it indexes: the same for the same publications in any order, new when a title changes', async () => {
    const ctx = fixtureContext(all, project)
    const key = ch.searchKey(all, ctx)
    expect(ch.searchKey([...all].reverse(), ctx)).toBe(key)
    const changed = fixtureDisclosures(publications.map((p) => (p.id === '2026-hp-003' ? { ...p, title: '关于某水泥厂技改项目环境影响报告书的批复（更正）' } : p)))
    expect(ch.searchKey(changed, fixtureContext(changed, project))).not.toBe(key)
    // The unreviewed draft is not listed, so changing it leaves the key alone.
    const draft = fixtureDisclosures(publications.map((p) => (p.id === '2026-draft-001' ? { ...p, title: '草稿改了标题' } : p)))
    expect(ch.searchKey(draft, fixtureContext(draft, project))).toBe(key)
  })

  it('gives the same bundle on its own, reused for the same key within a process', async () => {
    const alone = await ch.searchIndex(all, fixtureContext(all, project))
    expect(alone.map((a) => a.path)).toEqual(bundle.map((a) => a.path))
    expect(alone.map((a) => a.data)).toEqual(bundle.map((a) => a.data))
    // Same key: the very bytes of the first build, not a second run of the indexer.
    expect(alone[0]?.data).toBe(bundle[0]?.data)
  })

  it('is pure: a fresh channel and a fresh indexer process give the same bytes', async () => {
    await closeSearchIndexer()
    const again = await website({}).searchIndex(all, fixtureContext(all, project))
    expect(again.map((a) => a.path)).toEqual(bundle.map((a) => a.path))
    for (const [i, a] of again.entries()) expect(Buffer.from(a.data as Uint8Array).equals(Buffer.from(bundle[i]?.data as Uint8Array)), a.path).toBe(true)
  })
})
