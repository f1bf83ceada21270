/**
 * 撤回, 更正 and 有效性 on the site (issue 15): each withdrawal mode's page, lists, feed, sitemap and
 * search records; corrections newest first; 有效性 in the metadata block and its list pages; `expires`
 * and a later-dated withdrawal taken from the injected clock, never the real one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Publication } from '@gongkai/core'
import { createRenderContext } from '@gongkai/core'
import { DomUtils, parseDocument } from 'htmlparser2'
import { afterAll, describe, expect, it } from 'vitest'
import { website } from '../src/website.js'
import { catalog, config, fixtureDisclosures, NOW, publications } from './fixtures/small.js'
import { brokenLinks, makeProject } from './helpers.js'

const temps: string[] = []
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})
const project = makeProject()
temps.push(project)

const base = (id: string) => publications.find((p) => p.id === id)!
const edit = (id: string, extra: Partial<Publication>): Publication => ({ ...base(id), ...extra })
const pub = (id: string, title: string, extra: Partial<Publication>): Publication => ({ ...base('2026-hj-001'), id, title, source: { file: `publications/${id}.md`, bodyLine: 10 }, ...extra })

/** The fixture with one publication in every lifecycle state (NOW is 2026-04-20, 10:00 in Shanghai). */
export const lifecycle: Publication[] = [
  ...publications.filter((p) => !['2026-zc-001', '2026-hp-003', '2026-xzcf-007', '2026-hj-001'].includes(p.id)),
  // A release corrected twice (out of order in the file), with an interpretation and a response linking to it.
  edit('2026-zc-001', {
    corrections: [
      { on: '2026-04-15', note: '第二处更正：表格中的目标值' },
      { on: '2026-04-10', note: '第一处更正：发文字号' },
      { on: '2026-05-01', note: '尚未到日期的更正' },
    ],
    validity: { status: '有效' },
  }),
  edit('2026-hp-003', { withdrawn: { on: '2026-04-18', reason: '批复所附图件有误，待核实后重新发布', mode: 'notice' } }),
  // Its body embeds assets/photo.png: a removed page publishes none of it.
  edit('2026-xzcf-007', { withdrawn: { on: '2026-04-19', reason: '误公开了当事人的个人信息', mode: 'remove' }, attachments: [{ title: '现场照片', path: 'assets/photo.png' }] }),
  edit('2026-hj-001', { withdrawn: { on: '2026-04-12', reason: '数据口径调整，以修订版为准', mode: 'redirect', to: '2026-hj-002' } }),
  pub('2026-hj-002', '2026年3月环境空气质量状况（修订）', { published: '2026-04-12', body: '修订后，三月全县空气质量优良天数比例为百分之九十一。' }),
  pub('2025-zc-009', '青川县大气污染防治管理办法（2023年版）', {
    item: 'HB-ZFXX-001',
    published: '2023-05-01',
    formed: '2023-04-20',
    validity: { status: '废止', on: '2026-04-01', by: '2026-zc-001' },
  }),
  pub('2025-zc-010', '青川县秸秆禁烧临时规定', { item: 'HB-ZFXX-001', published: '2026-01-10', formed: '2026-01-05', expires: '2026-04-20' }),
  pub('2026-hj-003', '一篇下月才撤回的公开信息', { published: '2026-04-09', withdrawn: { on: '2026-05-01', reason: '到期撤下', mode: 'remove' } }),
]

async function build(list: readonly Publication[], now: Date = NOW) {
  const out = mkdtempSync(join(tmpdir(), 'gongkai-site-lifecycle-'))
  temps.push(out)
  const disclosures = fixtureDisclosures(list).filter((d) => d.publication.review !== undefined && (d.item.channels as readonly string[]).includes('website'))
  const ctx = createRenderContext({ config, catalog, all: disclosures, now, projectDir: project })
  const channel = website()
  const files = new Map<string, string | Uint8Array>()
  const byPublication = new Map<string, string[]>()
  for (const d of disclosures) {
    const artifacts = await channel.render(d, ctx)
    byPublication.set(
      d.publication.id,
      artifacts.map((a) => a.path),
    )
    for (const a of artifacts) files.set(a.path, a.data)
  }
  for (const a of (await channel.assemble?.(disclosures, ctx)) ?? []) files.set(a.path, a.data)
  const { mkdirSync, writeFileSync } = await import('node:fs')
  const { dirname } = await import('node:path')
  for (const [path, data] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true })
    writeFileSync(join(out, path), data)
  }
  const text = (path: string) => {
    const data = files.get(path)
    if (data === undefined) throw new Error(`not built: ${path}`)
    return typeof data === 'string' ? data : Buffer.from(data).toString('utf8')
  }
  return { out, files, byPublication, text, html: (path: string) => parseDocument(text(path)) }
}

type Document = ReturnType<typeof parseDocument>
type Element = ReturnType<typeof DomUtils.findAll>[number]

const all = (doc: Document | Element, test: (e: Element) => boolean): Element[] => DomUtils.findAll(test, 'children' in doc ? doc.children : [])
const one = (doc: Document | Element, test: (e: Element) => boolean): Element | undefined => all(doc, test)[0]
const byClass = (cls: string) => (e: Element) => (e.attribs['class'] ?? '').split(/\s+/).includes(cls)
const byTag = (tag: string) => (e: Element) => e.name === tag
const textOf = (e: Element | undefined): string => (e === undefined ? '' : DomUtils.textContent(e).replace(/\s+/g, ' ').trim())
/** The 标签 → 内容 of a page's metadata block. */
const metaOf = (doc: Document): Record<string, string> => Object.fromEntries(all(one(doc, byClass('meta'))!, byTag('div')).map((div) => [textOf(one(div, byTag('dt'))), textOf(one(div, byTag('dd')))]))
/** The publication links of a list page (`p/<id>.html`), as ids. */
const listed = (doc: Document): string[] => all(doc, (e) => e.name === 'a' && /(^|\/)p\/[^/]+\.html$/.test(e.attribs['href'] ?? '')).map((a) => /p\/([^/]+)\.html$/.exec(a.attribs['href'] ?? '')![1]!)
const feedEntries = (xml: string) =>
  [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => {
    const e = m[1]!
    const tag = (t: string) => new RegExp(`<${t}>([^<]*)</${t}>`).exec(e)?.[1]
    return { id: /p\/([^/]+)\.html/.exec(tag('id') ?? '')?.[1], title: tag('title'), updated: tag('updated'), published: tag('published'), summary: tag('summary') }
  })
const sitemapOf = (xml: string) => new Map([...xml.matchAll(/<url><loc>([^<]*)<\/loc>(?:<lastmod>([^<]*)<\/lastmod>)?<\/url>/g)].map((m) => [m[1]!.replace(config.site.baseUrl, ''), m[2]]))
/** Every record of the chunked search index (`search/d/<n>.json`): the paths it can return. */
const searchPaths = (out: string) =>
  readdirSync(join(out, 'search/d'))
    .flatMap((f) => JSON.parse(readFileSync(join(out, 'search/d', f), 'utf8')) as string[][])
    .map((r) => r[0])

describe('withdrawn: notice', async () => {
  const site = await build(lifecycle)
  const page = site.html('p/2026-hp-003.html')

  it('keeps the page at its URL under a 已撤回 note with date and reason, the body kept under 原文', () => {
    const note = one(page, byClass('withdrawn-notice'))
    expect(note?.attribs['role']).toBe('note')
    expect(textOf(note)).toContain('已撤回 2026年4月18日')
    expect(textOf(note)).toContain('撤回原因：批复所附图件有误，待核实后重新发布')
    expect(textOf(one(page, byClass('original-h')))).toBe('原文（已撤回）')
    expect(textOf(one(page, byClass('withdrawn-body')))).toContain('经研究，同意该项目建设。')
    expect(textOf(one(page, byTag('title')))).toMatch(/^【已撤回】关于青川县某水泥厂/)
    expect(metaOf(page)['更新日期']).toBe('2026年4月18日')
    expect(one(page, (e) => e.name === 'meta' && e.attribs['name'] === 'robots')).toBeUndefined()
  })

  it('stays in the lists, marked 已撤回; the feed has an updated entry saying so; the sitemap keeps it at the withdrawal day', () => {
    const item = site.html('items/HB-XZXK-001.html')
    expect(listed(item)).toContain('2026-hp-003')
    const row = one(item, (e) => e.name === 'tr' && listed(e as unknown as Document).includes('2026-hp-003'))
    expect(textOf(row)).toContain('已撤回')
    const home = site.html('index.html')
    const li = one(home, (e) => e.name === 'li' && listed(e as unknown as Document).includes('2026-hp-003'))
    expect(textOf(li)).toContain('已撤回')
    const entry = feedEntries(site.text('feed.xml')).find((e) => e.id === '2026-hp-003')
    expect(entry).toMatchObject({ title: '【已撤回】关于青川县某水泥厂技改项目环境影响报告书的批复', updated: '2026-04-18T00:00:00+08:00', published: '2026-04-08T00:00:00+08:00' })
    expect(entry?.summary).toBe('已于2026年4月18日撤回。撤回原因：批复所附图件有误，待核实后重新发布')
    expect(sitemapOf(site.text('sitemap.xml')).get('p/2026-hp-003.html')).toBe('2026-04-18')
    expect(searchPaths(site.out)).toContain('p/2026-hp-003.html')
  })
})

describe('withdrawn: remove', async () => {
  const site = await build(lifecycle)
  const page = site.html('p/2026-xzcf-007.html')

  it('replaces the page with a short noindex 已撤回 page: title, date, reason, links to the item and the column, nothing of the text', () => {
    expect(textOf(one(page, byTag('h1')))).toBe('行政处罚决定书（青环罚〔2026〕7号）')
    expect(textOf(one(page, byClass('withdrawn-notice')))).toContain('本文件已于2026年4月19日撤回。撤回原因：误公开了当事人的个人信息')
    expect(one(page, (e) => e.name === 'meta' && e.attribs['name'] === 'robots')?.attribs['content']).toBe('noindex')
    const hrefs = all(page, byTag('a')).map((a) => a.attribs['href'])
    expect(hrefs).toContain('../items/HB-XZCF-001.html')
    expect(hrefs).toContain('../columns/standard.html')
    expect(site.text('p/2026-xzcf-007.html')).not.toContain('废气收集处理设施')
    expect(one(page, byClass('meta'))).toBeUndefined()
  })

  it('publishes none of its attachments or images, and no list, feed, sitemap or search record has it', () => {
    expect(site.byPublication.get('2026-xzcf-007')).toEqual(['p/2026-xzcf-007.html'])
    for (const list of ['index.html', 'items/HB-XZCF-001.html', 'columns/standard.html']) expect(listed(site.html(list))).not.toContain('2026-xzcf-007')
    expect(textOf(one(site.html('items/HB-XZCF-001.html'), byTag('h2')))).toBe('公开信息（0 条）')
    expect(feedEntries(site.text('feed.xml')).map((e) => e.id)).not.toContain('2026-xzcf-007')
    expect(sitemapOf(site.text('sitemap.xml')).has('p/2026-xzcf-007.html')).toBe(false)
    expect(searchPaths(site.out)).not.toContain('p/2026-xzcf-007.html')
    // The catalog directory's count of the item follows.
    const row = one(site.html('catalog.html'), (e) => e.name === 'tr' && e.attribs['data-category'] === '行政处罚')
    expect(textOf(row)).toContain('（0 条）')
  })

  it('a withdrawal dated later is not yet in force: the page, lists and search are as before until its day', async () => {
    expect(textOf(one(site.html('p/2026-hj-003.html'), byClass('body')))).toContain('百分之九十二')
    expect(listed(site.html('index.html'))).toContain('2026-hj-003')
    const later = await build(lifecycle, new Date('2026-04-30T16:00:00Z'))
    expect(textOf(one(later.html('p/2026-hj-003.html'), byClass('withdrawn-notice')))).toContain('本文件已于2026年5月1日撤回')
    expect(listed(later.html('index.html'))).not.toContain('2026-hj-003')
  })

  it('leaves no broken link anywhere on the site', () => {
    expect(brokenLinks(site.out, config.site.baseUrl)).toEqual([])
    expect(existsSync(join(site.out, 'p/2026-xzcf-007.html'))).toBe(true)
  })
})

describe('withdrawn: redirect', async () => {
  const site = await build(lifecycle)
  const page = site.html('p/2026-hj-001.html')

  it('becomes a redirect page: meta refresh, rel=canonical to the target, a visible link', () => {
    expect(one(page, (e) => e.name === 'meta' && e.attribs['http-equiv'] === 'refresh')?.attribs['content']).toBe('0; url=../p/2026-hj-002.html')
    expect(one(page, (e) => e.name === 'link' && e.attribs['rel'] === 'canonical')?.attribs['href']).toBe(`${config.site.baseUrl}p/2026-hj-002.html`)
    const link = one(one(page, byClass('withdrawn-notice'))!, byTag('a'))
    expect([link?.attribs['href'], textOf(link)]).toEqual(['../p/2026-hj-002.html', '2026年3月环境空气质量状况（修订）'])
    expect(textOf(one(page, byClass('withdrawn-notice')))).toContain('撤回原因：数据口径调整，以修订版为准')
  })

  it('is dropped from lists, feed, sitemap and search; the target says it replaces the old one', () => {
    expect(listed(site.html('index.html'))).not.toContain('2026-hj-001')
    expect(listed(site.html('items/HB-HJXX-001.html'))).toEqual(['2026-hj-002', '2026-hj-003'])
    expect(feedEntries(site.text('feed.xml')).map((e) => e.id)).not.toContain('2026-hj-001')
    expect(sitemapOf(site.text('sitemap.xml')).has('p/2026-hj-001.html')).toBe(false)
    expect(searchPaths(site.out)).not.toContain('p/2026-hj-001.html')
    const target = site.html('p/2026-hj-002.html')
    const note = all(target, (e) => e.attribs['role'] === 'note').map(textOf)
    expect(note).toContain('本文件替代已于2026年4月12日撤回的《2026年3月环境空气质量状况》。')
  })
})

describe('corrections', async () => {
  const site = await build(lifecycle)

  it('shows 更正说明 newest first with their dates (a later-dated one not yet), and 更新日期', () => {
    const page = site.html('p/2026-zc-001.html')
    const block = one(page, byClass('corrections'))
    expect(textOf(one(block!, byTag('h2')))).toBe('更正说明')
    expect(all(block!, byTag('li')).map(textOf)).toEqual(['2026年4月15日：第二处更正：表格中的目标值', '2026年4月10日：第一处更正：发文字号'])
    expect(metaOf(page)['更新日期']).toBe('2026年4月15日')
    expect(metaOf(page)['发布日期']).toBe('2026年4月1日')
  })

  it('its interpretation and response say 已更正 with the date next to the link to the release; the feed entry is updated', () => {
    for (const id of ['2026-jd-001', '2026-hy-001']) {
      const related = one(site.html(`p/${id}.html`), byClass('related'))
      expect(textOf(one(related!, byTag('p')))).toMatch(/：关于加强大气污染防治工作的通知 （已更正，2026年4月15日）$/)
    }
    const entry = feedEntries(site.text('feed.xml')).find((e) => e.id === '2026-zc-001')
    expect(entry).toMatchObject({ title: '关于加强大气污染防治工作的通知', updated: '2026-04-15T00:00:00+08:00', published: '2026-04-01T00:00:00+08:00' })
    expect(sitemapOf(site.text('sitemap.xml')).get('p/2026-zc-001.html')).toBe('2026-04-15')
    // The feed puts the latest change first: the correction brings the release up.
    expect(
      feedEntries(site.text('feed.xml'))
        .slice(0, 3)
        .map((e) => [e.id, e.updated?.slice(0, 10)]),
    ).toEqual([
      ['2026-hp-003', '2026-04-18'],
      ['2026-zc-001', '2026-04-15'],
      ['2026-hj-002', '2026-04-12'],
    ])
  })
})

describe('有效性', async () => {
  const site = await build(lifecycle)

  it('is in the metadata block: 有效, 失效（…起）from expires on the injected day, 废止（…起）with what repealed it', () => {
    expect(metaOf(site.html('p/2026-zc-001.html'))['有效性']).toBe('有效')
    expect(metaOf(site.html('p/2025-zc-010.html'))['有效性']).toBe('失效（2026年4月20日起）')
    expect(metaOf(site.html('p/2025-zc-009.html'))['有效性']).toBe('废止（2026年4月1日起，依据《关于加强大气污染防治工作的通知》）')
    const by = one(one(site.html('p/2025-zc-009.html'), byClass('meta'))!, (e) => e.name === 'a' && textOf(e) === '关于加强大气污染防治工作的通知')
    expect(by?.attribs['href']).toBe('../p/2026-zc-001.html')
    // No validity written, none shown.
    expect(metaOf(site.html('p/2026-hp-003.html'))['有效性']).toBeUndefined()
  })

  it('the day before expiry it is 有效: the clock is the injected one', async () => {
    const eve = await build(lifecycle, new Date('2026-04-19T15:59:00Z'))
    expect(metaOf(eve.html('p/2025-zc-010.html'))['有效性']).toBe('有效')
    expect(listed(eve.html('validity/valid.html'))).toEqual(['2026-zc-001', '2025-zc-010'])
    expect(listed(eve.html('validity/expired.html'))).toEqual([])
  })

  it('filters without a script: one list page per status, linked from the directory and every column, with counts', () => {
    expect(listed(site.html('validity/valid.html'))).toEqual(['2026-zc-001'])
    expect(listed(site.html('validity/expired.html'))).toEqual(['2025-zc-010'])
    expect(listed(site.html('validity/repealed.html'))).toEqual(['2025-zc-009'])
    for (const path of ['catalog.html', 'columns/standard.html', 'columns/air.html', 'validity/expired.html']) {
      const nav = one(site.html(path), byClass('validity-nav'))
      expect(nav?.attribs['aria-label'], path).toBe('按有效性查看')
      expect(all(nav!, byTag('a')).map(textOf), path).toEqual(['有效（1）', '失效（1）', '废止（1）'])
    }
    expect(one(site.html('validity/expired.html'), (e) => e.attribs['aria-current'] === 'page' && e.name === 'a' && textOf(e) === '失效（1）')).toBeDefined()
    const sitemap = sitemapOf(site.text('sitemap.xml'))
    for (const p of ['validity/valid.html', 'validity/expired.html', 'validity/repealed.html']) expect(sitemap.has(p)).toBe(true)
    // Lists mark what is no longer in force.
    const li = one(site.html('validity/repealed.html'), (e) => e.name === 'li' && listed(e as unknown as Document).includes('2025-zc-009'))
    expect(textOf(one(li!, byClass('validity-tag')))).toBe('废止')
  })

  it('a site where no publication has 有效性 has no such pages or links', async () => {
    const plain = await build(publications)
    expect([...plain.files.keys()].filter((p) => p.startsWith('validity/'))).toEqual([])
    expect(one(plain.html('catalog.html'), byClass('validity-nav'))).toBeUndefined()
  })
})

describe('deliver', () => {
  it('records a withdrawal in force as withdrawn with its page URL, and the target holds none of a removed page’s files', async () => {
    const { buildSite, releaseOf } = await import('./support/build-site.js')
    const { createMemoryKv, createMemoryLedger } = await import('@gongkai/core/internal')
    const { listSite } = await import('./helpers.js')
    const root = mkdtempSync(join(tmpdir(), 'gongkai-site-lifecycle-deliver-'))
    temps.push(root)
    const target = join(root, 'www', 'gk')
    const channel = website({ target })
    const all = fixtureDisclosures(lifecycle)
    const site = await buildSite(channel, all, join(root, 'built'), project)
    const ledger = createMemoryLedger(() => NOW)
    const ctx = { config, ledger, kv: createMemoryKv(), assembled: [], release: releaseOf(site), env: {}, now: () => NOW, log: () => undefined }
    const receipt = await channel.deliver!(
      all.map((disclosure) => ({ disclosure, artifacts: [] })),
      ctx,
    )
    const stateOf = (id: string) => receipt.results.find((r) => r.publication === id)
    for (const id of ['2026-xzcf-007', '2026-hj-001', '2026-hp-003']) expect(stateOf(id), id).toMatchObject({ state: 'withdrawn', url: `${config.site.baseUrl}p/${id}.html` })
    // A withdrawal dated later is not in force yet: delivered.
    expect(stateOf('2026-hj-003')?.state).toBe('delivered')
    expect(stateOf('2026-zc-001')?.state).toBe('delivered')
    const removed = all.find((d) => d.publication.id === '2026-xzcf-007')!
    expect((await ledger.get({ publication: '2026-xzcf-007', revision: removed.revision, channel: 'website' }))?.state).toBe('withdrawn')
    // photo.png was only the removed publication's (its image and its attachment): gone.
    expect(listSite(target).filter((f) => f.startsWith('assets/'))).toEqual(['assets/2026/plan.pdf', 'assets/dzjg.png'])
    expect(readFileSync(join(target, 'p/2026-xzcf-007.html'), 'utf8')).toContain('本文件已于2026年4月19日撤回')
    // Again: nothing is recorded twice.
    const again = await channel.deliver!(
      all.map((disclosure) => ({ disclosure, artifacts: [] })),
      ctx,
    )
    expect(again.results.find((r) => r.publication === '2026-xzcf-007')?.state).toBe('skipped')
  })
})
