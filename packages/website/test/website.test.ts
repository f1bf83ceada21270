import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GongkaiError, OptionsError } from '@gongkai/core'
import { createMemoryKv, createMemoryLedger } from '@gongkai/core/internal'
import type { DeliverContext, Publication } from '@gongkai/core'
import { afterAll, describe, expect, it } from 'vitest'
import { renderBody } from '../src/html/to-html.js'
import { loadTemplates } from '../src/templates.js'
import { website } from '../src/website.js'
import { config, fixtureContext, fixtureDisclosures, items, NOW, publications } from './fixtures/small.js'
import { brokenLinks, linksOf, listSite, makeProject } from './helpers.js'
import { buildSite, releaseOf } from './support/build-site.js'

const temps: string[] = []
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  temps.push(d)
  return d
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})

const project = makeProject()
temps.push(project)

// The site as the hub builds it, through the channel's own render and assemble; the render cache,
// the incremental rebuild and the release tree are the hub's (packages/hub/test).
async function buildFixture(out: string, list: readonly Publication[] = publications, extra: { themeDir?: string } = {}) {
  return { result: await buildSite(website(extra), fixtureDisclosures(list), out, project) }
}

describe('website(options)', () => {
  it('rejects bad options at construction, naming the option', () => {
    expect(() => website({ target: 'relative/dir' })).toThrowError(OptionsError)
    expect(() => website({ target: 'relative/dir' })).toThrowError(/target/)
    expect(() => website({ latestCount: 0 })).toThrowError(/latestCount/)
    expect(() => website({ colour: 'red' } as never)).toThrowError(/colour/)
    expect(() => website({ preview: 'yes' } as never)).toThrowError(/preview/)
    expect(website({}).id).toBe('website')
    expect(website({}).deliver).toBeUndefined()
    expect(typeof website({ target: '/tmp/x-site' }).deliver).toBe('function')
  })
})

describe('built site', async () => {
  const out = temp('gongkai-site-')
  const { result } = await buildFixture(out)
  const files = listSite(out)
  const read = (p: string) => readFileSync(join(out, p), 'utf8')

  it('has a page for every public publication and every item, and none for the unreviewed draft', () => {
    for (const p of publications) expect(files.includes(`p/${p.id}.html`)).toBe(p.review !== undefined)
    for (const i of items) expect(files).toContain(`items/${i.code}.html`)
    for (const f of [
      'index.html',
      'catalog.html',
      'adjustments.html',
      'search.html',
      'feed.xml',
      'sitemap.xml',
      'columns/standard.html',
      'columns/air.html',
      'static/site.css',
      'static/print.css',
      'static/site.js',
      'assets/2026/plan.pdf',
      'assets/photo.png',
      'assets/dzjg.png',
    ]) {
      expect(files).toContain(f)
    }
    expect(result.publications).toBe(publications.length - 1)
    expect(result.diagnostics).toEqual([])
  })

  it('has no broken internal link', () => {
    expect(brokenLinks(out, config.site.baseUrl)).toEqual([])
  })

  it('lets no script, javascript: URL, event handler or HTML comment through from content', () => {
    for (const f of files.filter((f) => f.endsWith('.html'))) {
      const html = read(f)
      const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])
      expect(
        scripts.every((s) => /^<script src="(\.\.\/)?static\/site\.js" defer>$/.test(s)),
        f,
      ).toBe(true)
      expect(html).not.toMatch(/<!--/)
      expect(html).not.toMatch(/\son[a-z]+\s*=/i)
      expect(linksOf(html).some((l) => /^\s*javascript:/i.test(l))).toBe(false)
    }
    const xss = read('p/2026-xss-001.html')
    expect(xss).toContain('含有&lt;script&gt;alert(1)&lt;/script&gt;的标题')
    expect(xss).not.toContain('隐藏的注释')
    expect(xss).toContain('<a>点我</a>')
  })

  it('opens a publication page with the disclosure metadata block and offers 打印本页', () => {
    const html = read('p/2026-zc-001.html')
    expect(html).toMatch(/<html lang="zh-CN"/)
    const meta = html.slice(html.indexOf('<dl class="meta">'), html.indexOf('</dl>', html.indexOf('<dl class="meta">')))
    const labels = [...meta.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1])
    expect(labels.slice(0, 7)).toEqual(['索引号', '主题分类', '发文机关', '成文日期', '标题', '发文字号', '发布日期'])
    expect(labels).toEqual(expect.arrayContaining(['发布机构', '公开事项', '公开方式']))
    expect(meta).toContain('<dd>008672531/2026-00001</dd>')
    expect(meta).toContain('<dd>政府信息 / 政策文件</dd>')
    expect(meta).toContain('<dd>2026年3月30日</dd>')
    expect(meta).toContain('<dd>青环发〔2026〕12号</dd>')
    expect(meta).toContain('<dd>主动公开</dd>')
    expect(html).toContain('打印本页')
    // Links both ways between a release, its interpretation and its response.
    expect(html).toContain('href="../p/2026-jd-001.html"')
    expect(html).toContain('href="../p/2026-hy-001.html"')
    expect(read('p/2026-jd-001.html')).toContain('href="../p/2026-zc-001.html"')
    expect(read('p/2026-hy-001.html')).toContain('href="../p/2026-zc-001.html"')
    // Body: headings under the page title, footnote links that work, attachment; 注释 is a section beside 附件.
    expect(html).toContain('<h2>总体要求</h2>')
    expect(html).toMatch(/<h2[^>]*id="footnote-label"[^>]*>注释<\/h2>/)
    expect(html).toContain('href="#user-content-fn-1"')
    expect(html).toContain('id="user-content-fn-1"')
    expect(html).toContain('<a href="../assets/2026/plan.pdf">实施方案</a>')
    expect(read('p/2026-xzcf-007.html')).toContain('src="../assets/photo.png"')
  })

  it('carries the footer of 政府网站发展指引 on every page', () => {
    for (const f of files.filter((f) => f.endsWith('.html'))) {
      const html = read(f)
      for (const s of [
        '主办单位',
        '青川县生态环境局',
        '网站标识码',
        '5108220012',
        '蜀ICP备05012345号',
        '川公网安备 51082202000123号',
        'alt="党政机关网站标识"',
        'class="skip-link" href="#main"',
        '<main id="main"',
      ]) {
        expect(html, `${f}: ${s}`).toContain(s)
      }
    }
  })

  it('renders the standard catalog with the eight elements, filterable by category and owner', () => {
    const html = read('catalog.html')
    for (const h of ['事项编码', '事项名称', '公开依据', '公开内容（要素）', '公开主体', '公开时限', '公开渠道和载体', '情况说明']) expect(html).toContain(`<th scope="col">${h}</th>`)
    expect(html).toContain('<tr data-category="行政处罚" data-owner="执法大队">')
    expect(html).toContain('<option value="执法大队">执法大队</option>')
    // The cancelled item is not in force: left out of the directory, kept on its own page and in the log.
    expect(html).not.toContain('旧的许可事项')
    expect(read('items/HB-XZXK-009.html')).toContain('该事项已于2026年3月1日取消')
    expect(read('items/HB-XZXK-009.html')).toContain('href="../p/2025-old-001.html"')
    const adj = read('adjustments.html')
    expect(adj.indexOf('2026年3月1日')).toBeLessThan(adj.indexOf('2026年2月1日'))
    expect(adj).toContain('上级取消该项许可')
  })

  it('writes feed and sitemap with absolute URLs and the newest first, and no search-index.json (search is search/, from assemble)', () => {
    const feed = read('feed.xml')
    expect(feed).toContain('<link href="https://www.qingchuan.gov.cn/hbj/gk/p/2026-xzcf-007.html"/>')
    expect(feed).toContain('<updated>2026-04-10T00:00:00+08:00</updated>')
    expect(feed.indexOf('2026-xzcf-007')).toBeLessThan(feed.indexOf('2026-hp-003'))
    expect(feed).not.toContain('2026-draft-001')
    const sitemap = read('sitemap.xml')
    expect(sitemap).toContain('<loc>https://www.qingchuan.gov.cn/hbj/gk/p/2026-zc-001.html</loc><lastmod>2026-04-01</lastmod>')
    expect(sitemap).toContain('<loc>https://www.qingchuan.gov.cn/hbj/gk/items/HB-XZCF-001.html</loc>')
    expect(files).not.toContain('search-index.json')
  })

  it('lists columns: the 政务公开标准化规范化 专栏 and the config column by tags and categories', () => {
    const standard = read('columns/standard.html')
    expect(standard).toContain('<h1>政务公开标准化规范化</h1>')
    expect(standard).toContain('href="../catalog.html"')
    const air = read('columns/air.html')
    expect(air).toContain('2026-zc-001.html')
    expect(air).toContain('2026-hj-001.html')
    expect(air).not.toContain('2026-xzcf-007.html')
    expect(read('index.html')).toContain('href="columns/air.html"')
  })
})

// The "incremental builds" cases (only what changed is rendered and written, across processes)
// went with createSiteBuilder: the hub's render cache does that for every channel, tested in
// packages/hub/test. What stays here is what the pages say when a publication leaves the site.
describe('a publication withdrawn from the site', () => {
  it('has no page; its interpretation and item page keep no link to it', async () => {
    const out = temp('gongkai-withdrawn-')
    await buildFixture(
      out,
      publications.filter((p) => p.id !== '2026-zc-001'),
    )
    const files = listSite(out)
    expect(files).not.toContain('p/2026-zc-001.html')
    expect(files).toContain('p/2026-jd-001.html')
    const jd = readFileSync(join(out, 'p/2026-jd-001.html'), 'utf8')
    expect(jd).not.toContain('2026-zc-001.html')
    expect(readFileSync(join(out, 'items/HB-ZFXX-001.html'), 'utf8')).not.toContain('2026-zc-001.html')
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).not.toContain('2026-zc-001')
    expect(brokenLinks(out, config.site.baseUrl)).toEqual([])
  })
})

describe('themes and template errors', () => {
  it('lets the theme override a template and add CSS', async () => {
    const theme = temp('gongkai-theme-')
    mkdirSync(join(theme, 'partials'))
    writeFileSync(join(theme, 'partials/footer.hbs'), '<footer class="site-footer">主办单位：{{site.sponsor}} 自定义页脚</footer>\n')
    writeFileSync(join(theme, 'extra.css'), 'body { background: #fffef5; }\n')
    const out = temp('gongkai-themed-')
    await buildFixture(out, publications, { themeDir: theme })
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect(html).toContain('自定义页脚')
    expect(html).toContain('<link rel="stylesheet" href="static/theme/extra.css">')
    expect(readFileSync(join(out, 'static/theme/extra.css'), 'utf8')).toContain('#fffef5')
  })

  it('names the file and line of a template syntax error', () => {
    const theme = temp('gongkai-bad-theme-')
    mkdirSync(join(theme, 'pages'))
    writeFileSync(join(theme, 'pages/home.hbs'), '<div>\n<p>第二行</p>\n{{#each latest}}\n<p>{{title}}</p>\n')
    let error: unknown
    try {
      loadTemplates(theme)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GongkaiError)
    expect((error as GongkaiError).code).toBe('website/template-syntax')
    expect((error as GongkaiError).message).toContain(join(theme, 'pages/home.hbs'))
    expect((error as GongkaiError).message).toMatch(/第 \d+ 行/)
  })

  it('names the file of a template that fails while rendering', async () => {
    const theme = temp('gongkai-bad-helper-')
    mkdirSync(join(theme, 'pages'))
    writeFileSync(join(theme, 'pages/search.hbs'), '<p>一</p>\n<p>{{nosuchhelper "x"}}</p>\n')
    const out = temp('gongkai-bad-out-')
    await expect(buildFixture(out, publications, { themeDir: theme })).rejects.toThrowError(/pages\/search\.hbs 第 2 行渲染出错/)
  })
})

describe('the channel contract', () => {
  it('render is pure (a fresh channel gives the same bytes), and assemble gives the whole-collection files', async () => {
    const all = fixtureDisclosures()
    const ctx = fixtureContext(all, project)
    const ch = website({})
    const d = all.find((x) => x.publication.id === '2026-zc-001')
    if (d === undefined) throw new Error('fixture')
    const artifacts = await ch.render(d, ctx)
    expect(artifacts.map((a) => a.path)).toEqual(['p/2026-zc-001.html', 'assets/2026/plan.pdf'])
    expect(String(artifacts[0]?.data)).toContain('<h1 id="pub-title">关于加强大气污染防治工作的通知</h1>')
    // The render cache keys on the inputs only: another channel made with the same options renders the same bytes.
    const again = await website({}).render(d, fixtureContext(all, project))
    expect(again.map((a) => [a.path, Buffer.from(a.data).toString('base64')])).toEqual(artifacts.map((a) => [a.path, Buffer.from(a.data).toString('base64')]))
    const assembled = await ch.assemble?.(all, ctx)
    const paths = assembled?.map((a) => a.path) ?? []
    expect(paths).toEqual(expect.arrayContaining(['index.html', 'catalog.html', 'feed.xml', 'sitemap.xml', 'search/head.json', 'items/HB-XZCF-001.html', 'static/site.css', 'assets/dzjg.png']))
    expect(paths).not.toContain('search-index.json')
    expect(paths.some((p) => p.startsWith('p/'))).toBe(false)
    expect(String(assembled?.find((a) => a.path === 'index.html')?.data)).toContain('href="p/2026-zc-001.html"')
    expect(ctx.diagnostics).toEqual([])
  })

  it('does not change the disclosure tree it renders', () => {
    const d = fixtureDisclosures()[0]
    if (d === undefined) throw new Error('fixture')
    const before = JSON.stringify(d.tree)
    renderBody(d.tree, '../')
    expect(JSON.stringify(d.tree)).toBe(before)
  })

  it('called directly, delivers no page whose review lacks a level the config requires, and names the level', async () => {
    const root = temp('gongkai-deliver-levels-')
    const target = join(root, 'www')
    const ch = website({ target })
    const site = await buildSite(ch, fixtureDisclosures(), join(root, 'OUT', 'website'), project)
    const levelled = { ...config, review: { levels: ['初审', '复审'] } }
    const units = fixtureDisclosures().map((disclosure) => ({ disclosure, artifacts: [] }))
    const ctx: DeliverContext = {
      config: levelled,
      ledger: createMemoryLedger(() => NOW),
      kv: createMemoryKv(),
      assembled: [],
      release: releaseOf(site),
      env: {},
      now: () => NOW,
      log: () => undefined,
    }
    const receipt = await ch.deliver?.(units, ctx)
    // The fixtures carry a single review: under levels it counts for none.
    expect(receipt?.results.filter((r) => r.state === 'delivered')).toEqual([])
    expect(receipt?.results.find((r) => r.publication === '2026-zc-001')).toMatchObject({
      state: 'pending',
      error: { code: 'website/not-reviewed', message: '未通过保密审查：缺少初审、复审，不发布到网站' },
    })
    expect(existsSync(join(target, 'p/2026-zc-001.html'))).toBe(false)
  })

  it('delivers exactly the release, atomically, and records each publication with its page URL', async () => {
    const root = temp('gongkai-deliver-')
    const built = join(root, 'OUT', 'website')
    const target = join(root, 'www', 'gk')
    const ch = website({ target })
    const site = await buildSite(ch, fixtureDisclosures(), built, project)
    mkdirSync(target, { recursive: true })
    writeFileSync(join(target, 'old.html'), 'old site')
    // Files in the build folder that are not in the release: a stray page and a draft's page.
    writeFileSync(join(built, 'stray.html'), '<p>博彩</p>')
    writeFileSync(join(built, 'p/2026-draft-001.html'), '<p>草稿</p>')
    const ledger = createMemoryLedger(() => NOW)
    const all = fixtureDisclosures()
    const units = all.map((disclosure) => ({ disclosure, artifacts: [] }))
    const release = releaseOf(site)
    const ctx: DeliverContext = { config, ledger, kv: createMemoryKv(), assembled: [], release, env: {}, now: () => NOW, log: () => undefined }
    const receipt = await ch.deliver?.(units, ctx)
    expect(receipt?.target).toBe(target)
    expect(listSite(target)).toEqual(release.files.map((f) => f.path).sort())
    expect(existsSync(join(target, 'old.html'))).toBe(false)
    expect(existsSync(join(target, 'stray.html'))).toBe(false)
    expect(existsSync(join(target, 'p/2026-draft-001.html'))).toBe(false)
    expect(readFileSync(join(target, 'p/2026-zc-001.html'), 'utf8')).toContain('关于加强大气污染防治工作的通知')
    expect(brokenLinks(target, config.site.baseUrl)).toEqual([])
    const delivered = receipt?.results.filter((r) => r.state === 'delivered') ?? []
    expect(delivered).toHaveLength(publications.length - 1)
    expect(receipt?.results.find((r) => r.publication === '2026-draft-001')).toMatchObject({ state: 'pending', error: { code: 'website/not-reviewed' } })
    const rec = await ledger.get({ publication: '2026-zc-001', revision: all[0]?.revision ?? '', channel: 'website' })
    expect(rec?.state).toBe('delivered')
    expect(rec?.url).toBe('https://www.qingchuan.gov.cn/hbj/gk/p/2026-zc-001.html')
    // No temporary folder is left next to the target.
    expect(listSite(join(root, 'www')).every((f) => f.startsWith('gk/'))).toBe(true)

    // A second delivery of the same revisions is skipped in the ledger; a release without a
    // publication's files (the hub holds back one not yet due) puts none of them on the site.
    const held = releaseOf(site, (a) => a.publication !== '2026-hp-003')
    const again = await ch.deliver?.(units, { ...ctx, release: held })
    expect(again?.results.filter((r) => r.state === 'skipped')).toHaveLength(publications.length - 1)
    expect(existsSync(join(target, 'p/2026-hp-003.html'))).toBe(false)
    expect(existsSync(join(target, 'p/2026-zc-001.html'))).toBe(true)
  })

  it('called directly without a release, delivers the assembled files and the units artifacts, nothing from disk', async () => {
    const root = temp('gongkai-deliver-direct-')
    const target = join(root, 'www', 'gk')
    const ch = website({ target })
    const site = await buildSite(ch, fixtureDisclosures(), join(root, 'OUT', 'website'), project)
    writeFileSync(join(root, 'OUT', 'website', 'stray.html'), '<p>博彩</p>')
    const ledger = createMemoryLedger(() => NOW)
    const ctx: DeliverContext = { config, ledger, kv: createMemoryKv(), assembled: site.assembled, env: {}, now: () => NOW, log: () => undefined }
    // An embedder may hand over a draft with its rendered page: it is held, and its page stays off the site.
    const draft = fixtureDisclosures().find((d) => d.publication.id === '2026-draft-001')
    if (draft === undefined) throw new Error('fixture')
    const draftUnit = { disclosure: draft, artifacts: await ch.render(draft, fixtureContext(fixtureDisclosures(), project)) }
    expect(draftUnit.artifacts.map((a) => a.path)).toContain('p/2026-draft-001.html')
    const receipt = await ch.deliver?.([...site.units, draftUnit], ctx)
    const states = Object.fromEntries(receipt?.results.map((r) => [r.publication, r.state]) ?? [])
    expect(states).toEqual(Object.fromEntries([...site.units.map((u) => [u.disclosure.publication.id, 'delivered']), ['2026-draft-001', 'pending']]))
    expect(await ledger.get({ publication: '2026-draft-001', revision: draft.revision, channel: 'website' })).toBeUndefined()
    expect(existsSync(join(target, 'p/2026-draft-001.html'))).toBe(false)
    const expected = [...new Set([...site.units.flatMap((u) => u.artifacts), ...site.assembled].map((a) => a.path))].sort()
    expect(listSite(target)).toEqual(expected)
    expect(brokenLinks(target, config.site.baseUrl)).toEqual([])
    // Without the index (nothing assembled) there is no site to put in place.
    await expect(ch.deliver?.(site.units, { ...ctx, assembled: [] })).rejects.toMatchObject({ code: 'website/not-built' })
  })
})

// The "cold build on two threads" case went with createSiteBuilder's worker threads: the hub's
// build (packages/hub/test) owns how renders are spread.

describe('delivery to a symlinked target', () => {
  it('switches the link in one step and removes the previous version', async () => {
    const root = temp('gongkai-link-')
    const { result: site } = await buildFixture(join(root, 'OUT', 'website'))
    mkdirSync(join(root, 'www/.gk.v-first'), { recursive: true })
    writeFileSync(join(root, 'www/.gk.v-first/index.html'), 'old')
    symlinkSync('.gk.v-first', join(root, 'www/gk'))
    const ctx: DeliverContext = { config, ledger: createMemoryLedger(() => NOW), kv: createMemoryKv(), assembled: [], release: releaseOf(site), env: {}, now: () => NOW, log: () => undefined }
    const receipt = await website({ target: join(root, 'www/gk') }).deliver?.(
      fixtureDisclosures().map((disclosure) => ({ disclosure, artifacts: [] })),
      ctx,
    )
    expect(receipt?.stopped).toBeUndefined()
    expect(lstatSync(join(root, 'www/gk')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(root, 'www/gk'))).toMatch(/^\.gk\.v-/)
    expect(readFileSync(join(root, 'www/gk/index.html'), 'utf8')).toContain('青川县生态环境局政府信息公开')
    expect(existsSync(join(root, 'www/.gk.v-first'))).toBe(false)
  })
})

describe('feed and sitemap with characters XML forbids', async () => {
  // The loader takes these out of front matter; a Publication built by an embedder may still carry them.
  const out = temp('gongkai-site-xml-')
  const dirty = publications.map((p) => (p.id === '2026-xzcf-007' ? { ...p, title: '\u001b[31m红\u001b[0m行政处罚决定书\u0000\ufffe', summary: `摘要\u0007${'字'.repeat(116)}😀尾` } : p))
  await buildFixture(out, dirty)
  const { SaxesParser } = await import('saxes')

  it.each(['feed.xml', 'sitemap.xml'])('%s is well-formed XML 1.0 (a strict parser reads it through)', (name) => {
    const xml = readFileSync(join(out, name), 'utf8')
    const errors: string[] = []
    const parser = new SaxesParser({ xmlns: true })
    parser.on('error', (e) => void errors.push(e.message))
    parser.write(xml).close()
    expect(errors).toEqual([])
    expect(xml).not.toMatch(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u)
  })

  it('keeps the visible text of the title', () => {
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8')
    expect(feed).toContain('<title>[31m红[0m行政处罚决定书</title>')
  })
})
