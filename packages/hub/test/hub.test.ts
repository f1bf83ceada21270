/** The hub in-process: fan-out, preflight, buildRelease (releases, render cache) and deliverRelease, with fake channels that count. */
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Artifact, CatalogItem, Channel, ChannelName, DeliverContext, Disclosure, Publication, ReleaseView, RenderContext } from '@gongkai/core'
import { Catalog, createDisclosures, createMemoryStore, createRenderContext, defineConfig, loadProject } from '@gongkai/core'
import { isPreview } from '@gongkai/core/internal'
import type { RenderedPublication } from '../src/index.js'
import { buildRelease, deliverRelease, fanOut, preflight, readRelease, readReleaseFile, readRenderedFile } from '../src/index.js'
import { sha256Of } from '../src/release.js'

const item = (code: string, channels: ChannelName[]): CatalogItem => ({
  code,
  name: code,
  category: '政府信息',
  basis: [],
  content: '',
  owner: '办公室',
  timeLimit: { kind: 'realtime', text: '实时' },
  channels,
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
})
const pub = (id: string, itemCode: string, extra: Partial<Publication> = {}): Publication => ({
  id,
  item: itemCode,
  title: `标题${id}`,
  kind: 'release',
  stage: 'result',
  formed: '2026-03-02',
  review: { by: '王建国', on: '2026-03-03' },
  attachments: [],
  tags: [],
  body: `正文${id}。`,
  source: { file: `publications/${id}.md`, bodyLine: 9, fields: { title: { line: 4, column: 8 }, wechatTitle: { line: 5, column: 14 } } },
  ...extra,
})
const unreviewed = (p: Publication): Publication => {
  const { review: _r, ...rest } = p
  return rest
}

const catalog = new Catalog([item('WEB', ['website']), item('ALL', ['website', 'wechat', 'noticeboard', 'broadcast']), item('WX', ['wechat'])])
const config = defineConfig({ body: { name: '测试局' } })
const make = (pubs: Publication[]) => createDisclosures(catalog, pubs, { orgCode: '000000001' }).disclosures
const NOW = new Date('2026-03-10T00:00:00Z')
const ctxFor = (all: readonly Disclosure[], now = NOW): RenderContext & { diagnostics: unknown[] } => createRenderContext({ config, catalog, all, now })

/** A fake channel: one text file per publication, an index from assemble, renders and deliveries counted. */
function fake(id: string, opts: { fail?: string; limits?: Channel['limits']; badPath?: boolean; fingerprint?: string } = {}) {
  const rendered: string[] = []
  const assembles: string[][] = []
  const delivered: string[][] = []
  const seen: { withheld?: readonly string[] | undefined; release?: ReleaseView | undefined; assembled: readonly Artifact[] }[] = []
  const channel: Channel = {
    id,
    limits: opts.limits ?? {},
    // With a fingerprint the hub may cache its renders; the tests that count renders rely on that.
    fingerprint: opts.fingerprint ?? `${id}-fake-1`,
    async render(d, ctx) {
      rendered.push(d.publication.id)
      if (d.publication.id === opts.fail) throw new Error('模板出错')
      if (d.publication.id === 'warn') ctx.report({ code: 'fake/warn', severity: 'warning', message: '提醒' })
      const path = opts.badPath === true && d.publication.id === 'p2' ? '../escape.txt' : `p/${d.publication.id}.txt`
      return [{ channel: id, publication: d.publication.id, path, data: `${id}:${d.publication.title}:${ctx.all.length}`, mediaType: 'text/plain' }]
    },
    async assemble(all) {
      assembles.push(all.map((d) => d.publication.id))
      return [{ channel: id, path: 'index.txt', data: all.map((d) => d.publication.id).join(','), mediaType: 'text/plain' }]
    },
    async deliver(units, ctx) {
      delivered.push(units.map((u) => u.disclosure.publication.id))
      seen.push({ withheld: ctx.withheld, release: ctx.release, assembled: ctx.assembled })
      for (const u of units) {
        const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: id }
        await ctx.ledger.open(key)
        await ctx.ledger.setState(key, 'delivered')
      }
      return { channel: id, results: units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: id, state: 'delivered' as const })) }
    },
  }
  return { channel, rendered, assembles, delivered, seen }
}

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'gongkai-hub-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A project folder and its OUT, for one build after another. */
function place() {
  const projectDir = tmp()
  return { projectDir, outDir: join(projectDir, 'out') }
}

describe('fanOut', () => {
  it('renders to the channels the item names, of those given, and only those', async () => {
    const [d] = make([pub('p1', 'ALL')])
    const web = fake('website')
    const wx = fake('wechat')
    const kiosk = fake('kiosk')
    const result = await fanOut(d!, [web.channel, wx.channel, kiosk.channel], ctxFor([d!]))
    expect(result.renders.map((r) => r.channel)).toEqual(['website', 'wechat'])
    expect(result.renders.map((r) => r.artifacts[0]?.path)).toEqual(['p/p1.txt', 'p/p1.txt'])
    expect(kiosk.rendered).toEqual([])
    const [w] = make([pub('w1', 'WX')])
    expect((await fanOut(w!, [web.channel, wx.channel], ctxFor([w!]))).renders.map((r) => r.channel)).toEqual(['wechat'])
  })

  it('one channel that throws becomes a Diagnostic; the other channel still renders', async () => {
    const [d] = make([pub('p1', 'ALL')])
    const result = await fanOut(d!, [fake('website', { fail: 'p1' }).channel, fake('wechat').channel], ctxFor([d!]))
    expect(result.renders.map((r) => [r.channel, r.ok, r.artifacts.length])).toEqual([
      ['website', false, 0],
      ['wechat', true, 1],
    ])
    expect(result.diagnostics).toMatchObject([{ code: 'render/failed', severity: 'error', subject: 'p1', file: 'publications/p1.md' }])
    expect(result.diagnostics[0]?.message).toContain('模板出错')
  })

  it("names the channel in Chinese and the publication, with a library's English text only as the cause", async () => {
    const long = `关于${'开展生态环境保护专项执法检查'.repeat(6)}的通知`
    const [d] = make([pub('p1', 'WX', { title: long })])
    const sharpLike: Channel = {
      id: 'wechat',
      limits: {},
      async render() {
        throw new Error('Image to composite must have same dimensions or smaller')
      },
    }
    const result = await fanOut(d!, [sharpLike], ctxFor([d!]))
    expect(result.renders).toMatchObject([{ channel: 'wechat', ok: false, artifacts: [] }])
    const message = result.diagnostics[0]?.message ?? ''
    expect(message).toMatch(/^微信公众号（wechat）未能生成公开信息 p1“关于开展生态环境保护/)
    expect(message).toContain('这一篇没有成品')
    // The English text comes last, after a Chinese 原因, and the long title is cut in the message.
    expect(message).toMatch(/原因：Image to composite must have same dimensions or smaller$/)
    expect(message).not.toContain(long)
    expect(result.diagnostics[0]).toMatchObject({ code: 'render/failed', subject: 'p1', file: 'publications/p1.md' })
  })
})

describe('buildRelease', () => {
  it('links OUT/<channel> to a release tree holding exactly the manifest, leaving out unreviewed unless preview', async () => {
    const { projectDir, outDir } = place()
    const ds = make([pub('p1', 'ALL'), pub('p2', 'WEB'), unreviewed(pub('draft', 'ALL'))])
    const web = fake('website')
    const wx = fake('wechat')
    const summary = await buildRelease({ channels: [web.channel, wx.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    expect(summary.unreviewed).toEqual(['draft'])
    expect(summary.writtenFiles).toEqual(['website/index.txt', 'website/p/p1.txt', 'website/p/p2.txt', 'wechat/index.txt', 'wechat/p/p1.txt'])
    expect(summary.channels['website']).toMatchObject({ publications: 2, failed: 0, artifacts: 3, written: 3, unchanged: 0, rendered: 3, cached: 0 })
    expect(summary.channels['wechat']).toMatchObject({ publications: 1, artifacts: 2 })
    // Each channel's `all` holds what that channel lists.
    expect(readFileSync(join(outDir, 'website/p/p1.txt'), 'utf8')).toBe('website:标题p1:2')
    expect(readFileSync(join(outDir, 'wechat/p/p1.txt'), 'utf8')).toBe('wechat:标题p1:1')
    expect(readFileSync(join(outDir, 'website/index.txt'), 'utf8')).toBe('p1,p2')
    expect(existsSync(join(outDir, 'website/p/draft.txt'))).toBe(false)

    // OUT/website is a relative link to the release's tree, and the stored manifest says what is in it.
    const release = await readRelease(projectDir, 'website')
    expect(lstatSync(join(outDir, 'website')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(outDir, 'website'))).toBe(`.releases/website/${release?.manifest.id}`)
    expect(summary.channels['website']?.release).toMatchObject({ id: release?.manifest.id, manifestHash: release?.manifestHash, changed: true })
    expect(release?.manifest).toMatchObject({ channel: 'website', preview: false, createdAt: NOW.toISOString() })
    expect(release?.manifest.files.map((f) => [f.path, f.size, f.publications])).toEqual([
      ['index.txt', 5, []],
      ['p/p1.txt', Buffer.byteLength('website:标题p1:2'), ['p1']],
      ['p/p2.txt', Buffer.byteLength('website:标题p2:2'), ['p2']],
    ])
    expect(release?.manifest.publications.map((p) => [p.id, p.reviewed])).toEqual([
      ['p1', true],
      ['p2', true],
    ])

    const preview = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), ...place(), preview: true })
    expect(preview.unreviewed).toEqual([])
    expect(preview.channels['website']?.publications).toBe(3)
  })

  it('renders again only the changed publication and the assemble; unchanged files keep their inode and mtime', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const wx = fake('wechat')
    const first = make([pub('p1', 'ALL'), pub('p2', 'ALL'), pub('p3', 'WEB')])
    await buildRelease({ channels: [web.channel, wx.channel], disclosures: first, ctx: ctxFor(first), projectDir, outDir })
    expect(web.rendered.sort()).toEqual(['p1', 'p2', 'p3'])
    const old = new Date('2020-01-01T00:00:00Z')
    for (const f of ['website/p/p1.txt', 'website/p/p2.txt', 'website/index.txt']) utimesSync(join(outDir, f), old, old)

    web.rendered.length = 0
    wx.rendered.length = 0
    const second = make([pub('p1', 'ALL'), pub('p2', 'ALL', { title: '改过的标题' }), pub('p3', 'WEB')])
    const summary = await buildRelease({ channels: [web.channel, wx.channel], disclosures: second, ctx: ctxFor(second), projectDir, outDir })
    // Only p2 on each channel it goes to, plus each channel's assemble.
    expect(web.rendered).toEqual(['p2'])
    expect(wx.rendered).toEqual(['p2'])
    expect(web.assembles).toHaveLength(2)
    expect(summary.channels['website']).toMatchObject({ rendered: 2, cached: 2, written: 1, unchanged: 3 })
    expect(summary.channels['wechat']).toMatchObject({ rendered: 2, cached: 1, written: 1, unchanged: 2 })
    expect(summary.writtenFiles).toEqual(['website/p/p2.txt', 'wechat/p/p2.txt'])
    // A new tree, whose unchanged files are the same bytes on disk (hard links to the object store).
    expect(statSync(join(outDir, 'website/p/p1.txt')).mtime.getTime()).toBe(old.getTime())
    expect(statSync(join(outDir, 'website/index.txt')).mtime.getTime()).toBe(old.getTime())
    expect(statSync(join(outDir, 'website/p/p2.txt')).mtime.getTime()).toBeGreaterThan(old.getTime())
    expect(readFileSync(join(outDir, 'website/p/p2.txt'), 'utf8')).toBe('website:改过的标题:3')

    // Nothing changed: nothing rendered, the same release, the link left as it is.
    web.rendered.length = 0
    const again = await buildRelease({ channels: [web.channel], disclosures: second, ctx: ctxFor(second), projectDir, outDir })
    expect(web.rendered).toEqual([])
    expect(again.channels['website']).toMatchObject({ rendered: 0, cached: 4, written: 0 })
    expect(again.channels['website']?.release).toMatchObject({ id: summary.channels['website']?.release?.id, changed: false })
  })

  it('hands each fresh render to onRendered before the lists and the release are written, with the bytes the release holds', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const first = make([pub('p1', 'WEB'), pub('p2', 'WEB')])
    const seen: RenderedPublication[] = []
    await buildRelease({ channels: [web.channel], disclosures: first, ctx: ctxFor(first), projectDir, outDir, onRendered: (r) => void seen.push(r) })
    expect(seen.map((r) => r.publication).sort()).toEqual(['p1', 'p2'])

    seen.length = 0
    const second = make([pub('p1', 'WEB'), pub('p2', 'WEB', { title: '改过的标题' })])
    let assembledBefore = -1
    let releaseBefore: string | undefined
    let bytes = ''
    const before = await readRelease(projectDir, 'website')
    await buildRelease({
      channels: [web.channel],
      disclosures: second,
      ctx: ctxFor(second),
      projectDir,
      outDir,
      onRendered: async (r) => {
        seen.push(r)
        assembledBefore = web.assembles.length
        releaseBefore = (await readRelease(projectDir, 'website'))?.manifest.id
        bytes = (await readRenderedFile(projectDir, r.files[0] as (typeof r.files)[0])).toString('utf8')
      },
    })
    // Only the changed publication (p1 came from the cache), while the lists were not yet assembled and the old release was still the one in place.
    expect(seen).toEqual([{ channel: 'website', publication: 'p2', files: [expect.objectContaining({ path: 'p/p2.txt', publications: ['p2'], mediaType: 'text/plain' })] }])
    expect(assembledBefore).toBe(1)
    expect(releaseBefore).toBe(before?.manifest.id)
    expect(bytes).toBe('website:改过的标题:2')
    const after = await readRelease(projectDir, 'website')
    const file = after?.manifest.files.find((f) => f.path === 'p/p2.txt')
    expect(file?.sha256).toBe(seen[0]?.files[0]?.sha256)
    expect((await readReleaseFile(projectDir, after!, file!)).toString('utf8')).toBe(bytes)
  })

  it('reports a throwing onRendered as a warning and still writes the release', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const ds = make([pub('p1', 'WEB')])
    const summary = await buildRelease({
      channels: [web.channel],
      disclosures: ds,
      ctx: ctxFor(ds),
      projectDir,
      outDir,
      onRendered: () => {
        throw new Error('回调坏了')
      },
    })
    expect(summary.diagnostics).toContainEqual(expect.objectContaining({ code: 'build/listener-failed', severity: 'warning', subject: 'p1' }))
    expect(summary.channels['website']?.release?.id).toBeDefined()
    expect(readFileSync(join(outDir, 'website/p/p1.txt'), 'utf8')).toBe('website:标题p1:1')
  })

  it('renders again when a configured font file is replaced at the same path', async () => {
    const { projectDir, outDir } = place()
    const font = join(projectDir, 'body.ttf')
    writeFileSync(font, 'first face')
    const withFont = defineConfig({ ...config, fonts: { body: 'body.ttf' } })
    const ds = make([pub('p1', 'WEB')])
    const ctx = () => createRenderContext({ config: withFont, catalog, all: ds, now: NOW })
    const web = fake('website')
    await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctx(), projectDir, outDir })
    web.rendered.length = 0
    await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctx(), projectDir, outDir })
    expect(web.rendered).toEqual([])
    writeFileSync(font, 'another face, longer')
    await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctx(), projectDir, outDir })
    expect(web.rendered).toEqual(['p1'])
  })

  it('renders everything again with cache: false, or for a channel without a fingerprint', async () => {
    const { projectDir, outDir } = place()
    const ds = make([pub('p1', 'WEB'), pub('p2', 'WEB')])
    const web = fake('website')
    await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    web.rendered.length = 0
    const cold = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir, cache: false })
    expect(web.rendered.sort()).toEqual(['p1', 'p2'])
    expect(cold.channels['website']).toMatchObject({ rendered: 3, cached: 0 })

    const { fingerprint: _f, ...bare } = fake('website').channel
    const counted: string[] = []
    const unknown: Channel = { ...bare, render: (d, c) => (counted.push(d.publication.id), bare.render(d, c)) }
    await buildRelease({ channels: [unknown], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    await buildRelease({ channels: [unknown], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    expect(counted).toHaveLength(4)
  })

  it('isolates a failing render and refuses paths that escape the folder; the rest still build', async () => {
    const { projectDir } = place()
    const ds = make([pub('p1', 'WEB'), pub('p2', 'WEB'), pub('p3', 'ALL'), pub('warn', 'WEB')])
    const web = fake('website', { fail: 'p1', badPath: true })
    const wx = fake('wechat')
    const progress: string[] = []
    const outDir = join(projectDir, 'OUT')
    const summary = await buildRelease({
      channels: [web.channel, wx.channel],
      disclosures: ds,
      ctx: ctxFor(ds),
      projectDir,
      outDir,
      onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
    })
    expect(summary.diagnostics.map((d) => `${d.code} ${d.subject ?? ''}`).sort()).toEqual(['fake/warn warn', 'render/failed p1', 'render/unsafe-path p2'])
    expect(summary.channels['website']).toMatchObject({ publications: 3, failed: 1, failedPublications: ['p1'] })
    expect(summary.channels['wechat']).toMatchObject({ failed: 0, failedPublications: [] })
    expect(summary.writtenFiles).toEqual(['website/index.txt', 'website/p/p3.txt', 'website/p/warn.txt', 'wechat/index.txt', 'wechat/p/p3.txt'])
    expect(existsSync(join(projectDir, 'escape.txt'))).toBe(false)
    expect(existsSync(join(outDir, 'escape.txt'))).toBe(false)
    expect(progress).toHaveLength(7)
    expect(progress.at(-1)).toBe('assemble:7/7')
    // The failed publication is not in the release, so no push can ship it.
    expect((await readRelease(projectDir, 'website'))?.manifest.publications.map((p) => p.id)).toEqual(['p2', 'p3', 'warn'])

    // A warning a render reported is reported again when the render comes from the cache.
    const again = await buildRelease({ channels: [web.channel, wx.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    expect(again.diagnostics.map((d) => d.code)).toContain('fake/warn')
  })

  it('never removes the tree OUT/<channel> points at when the same release is built again without its record', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const ds = make([pub('p1', 'WEB'), pub('p2', 'WEB')])
    const first = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    const tree = join(outDir, '.releases', 'website', first.channels['website']!.release!.id)
    const inode = statSync(tree).ino
    // The releases' records lost (an operator clearing .gongkai/ by hand): the next build makes the same release.
    rmSync(join(projectDir, '.gongkai', 'releases'), { recursive: true })
    const again = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    expect(again.channels['website']?.release?.id).toBe(first.channels['website']?.release?.id)
    // The live tree was kept as it is, not deleted file by file and made again under a visitor's feet.
    expect(statSync(tree).ino).toBe(inode)
    expect(readFileSync(join(outDir, 'website/p/p2.txt'), 'utf8')).toBe('website:标题p2:2')

    // A tree that no longer holds exactly the release (a stray file) is replaced whole, still never emptied in place.
    writeFileSync(join(tree, 'stray.txt'), 'x')
    rmSync(join(projectDir, '.gongkai', 'releases'), { recursive: true })
    await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    expect(existsSync(join(outDir, 'website/stray.txt'))).toBe(false)
    expect(readFileSync(join(outDir, 'website/p/p1.txt'), 'utf8')).toBe('website:标题p1:2')
    expect(readdirSync(join(outDir, '.releases', 'website'))).toEqual([first.channels['website']!.release!.id])
  })

  it('makes a new tree from the oldest one it would remove, changing only what differs, and never the live one', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const trees = join(outDir, '.releases', 'website')
    const build = async (n: number) => {
      const ds = make([pub('p1', 'WEB', { title: `第${n}版` }), pub('p2', 'WEB'), ...(n % 2 === 0 ? [pub('p3', 'WEB')] : [])])
      const summary = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
      return summary.channels['website']!.release!
    }
    const ids: string[] = []
    for (let n = 1; n <= 3; n++) {
      ids.push((await build(n)).id)
      // Tree ages are whole seconds on some file systems: set them apart.
      utimesSync(join(trees, ids.at(-1)!), new Date(Date.UTC(2026, 0, 1, 0, n)), new Date(Date.UTC(2026, 0, 1, 0, n)))
    }
    expect(readdirSync(trees).sort()).toEqual([...ids].sort())
    // The oldest is the one the next build would remove: someone leaves a stray file, a symlink and a folder in it, and edits a file's place.
    const oldest = join(trees, ids[0]!)
    const inode = statSync(oldest).ino
    writeFileSync(join(oldest, 'stray.txt'), 'x')
    symlinkSync('/etc/passwd', join(oldest, 'p', 'link.txt'))
    mkdirSync(join(oldest, 'extra', 'deep'), { recursive: true })
    writeFileSync(join(oldest, 'extra', 'deep', 'f.txt'), 'y')
    rmSync(join(oldest, 'p', 'p2.txt'))
    writeFileSync(join(oldest, 'p', 'p2.txt'), 'not the object')
    utimesSync(oldest, new Date(Date.UTC(2026, 0, 1, 0, 1)), new Date(Date.UTC(2026, 0, 1, 0, 1)))
    const live = join(trees, ids[2]!)
    const liveFiles = readdirSync(live, { recursive: true, encoding: 'utf8' }).sort()

    const fourth = await build(4)
    const tree = join(trees, fourth.id)
    // The same folder, renamed: its files were not all written again.
    expect(statSync(tree).ino).toBe(inode)
    expect(readlinkSync(join(outDir, 'website'))).toBe(`.releases/website/${fourth.id}`)
    expect(readdirSync(trees).sort()).toEqual([ids[1]!, ids[2]!, fourth.id].sort())
    // It holds exactly the release, each file the object itself.
    const manifest = (await readRelease(projectDir, 'website'))!.manifest
    const files = readdirSync(tree, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory())
    expect(files.map((e) => join(e.parentPath, e.name).slice(tree.length + 1)).sort()).toEqual(manifest.files.map((f) => f.path).sort())
    for (const f of manifest.files) {
      expect(lstatSync(join(tree, f.path)).isFile()).toBe(true)
      expect(statSync(join(tree, f.path)).ino).toBe(statSync(join(projectDir, '.gongkai', 'cache', 'objects', f.sha256.slice(0, 2), f.sha256.slice(2))).ino)
    }
    expect(existsSync(join(tree, 'extra'))).toBe(false)
    expect(readFileSync(join(outDir, 'website/p/p2.txt'), 'utf8')).toBe('website:标题p2:2')
    expect(readFileSync(join(outDir, 'website/p/p1.txt'), 'utf8')).toMatch(/^website:第4版:/)
    // The tree that was live until this build is as it was.
    expect(readdirSync(live, { recursive: true, encoding: 'utf8' }).sort()).toEqual(liveFiles)
    expect(readdirSync(trees).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('refits a sealed tree from the two manifests alone, and checks file by file a tree whose folders changed since', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const trees = join(outDir, '.releases', 'website')
    const objects = join(projectDir, '.gongkai', 'cache', 'objects')
    const objectOf = (sha: string) => join(objects, sha.slice(0, 2), sha.slice(2))
    const build = async (n: number) => {
      const ds = make([pub('p1', 'WEB', { title: `第${n}版` }), pub('p2', 'WEB')])
      const summary = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
      return summary.channels['website']!.release!
    }
    const exactly = async (tree: string) => {
      const manifest = (await readRelease(projectDir, 'website'))!.manifest
      const files = readdirSync(tree, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory())
      expect(files.map((e) => join(e.parentPath, e.name).slice(tree.length + 1)).sort()).toEqual(manifest.files.map((f) => f.path).sort())
      for (const f of manifest.files) expect(sha256Of(readFileSync(join(tree, f.path)))).toBe(f.sha256)
      return manifest
    }
    const ids = [(await build(1)).id, (await build(2)).id, (await build(3)).id]
    const seals = () => JSON.parse(readFileSync(join(projectDir, '.gongkai', 'cache', 'trees', 'website.json'), 'utf8')) as { trees: Record<string, unknown> }
    expect(Object.keys(seals().trees).sort()).toEqual([...ids].sort())
    // The object store deleted (it is safe to): the next build makes every object anew, under new inodes.
    rmSync(objects, { recursive: true, force: true })
    const fourth = await build(4)
    const tree = join(trees, fourth.id)
    const manifest = await exactly(tree)
    // Sealed, the tree was refitted from the manifests: p2, the same in both, was not looked at and is still the old link.
    const p2 = manifest.files.find((f) => f.path === 'p/p2.txt')!
    expect(statSync(join(tree, 'p', 'p2.txt')).ino).not.toBe(statSync(objectOf(p2.sha256)).ino)
    // p1 changed: linked to its new object.
    const p1 = manifest.files.find((f) => f.path === 'p/p1.txt')!
    expect(statSync(join(tree, 'p', 'p1.txt')).ino).toBe(statSync(objectOf(p1.sha256)).ino)
    expect(Object.keys(seals().trees).sort()).toEqual([ids[1]!, ids[2]!, fourth.id].sort())

    // A stray file left in the next spare (the second build's tree) changes its folder: its seal no longer holds.
    writeFileSync(join(trees, ids[1]!, 'p', 'stray.txt'), 'x')
    rmSync(objects, { recursive: true, force: true })
    const fifth = await build(5)
    const refitted = join(trees, fifth.id)
    const five = await exactly(refitted)
    expect(existsSync(join(refitted, 'p', 'stray.txt'))).toBe(false)
    // Checked file by file: every file is the object itself again.
    for (const f of five.files) expect(statSync(join(refitted, f.path)).ino).toBe(statSync(objectOf(f.sha256)).ino)
  })

  it('keeps the previous release whole when assemble fails', async () => {
    const { projectDir, outDir } = place()
    const ds = make([pub('p1', 'WEB')])
    const web = fake('website')
    const first = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    const changed = make([pub('p1', 'WEB', { title: '新标题' })])
    const broken: Channel = {
      ...web.channel,
      async assemble() {
        throw new Error('列表模板出错')
      },
    }
    const summary = await buildRelease({ channels: [broken], disclosures: changed, ctx: ctxFor(changed), projectDir, outDir })
    expect(summary.diagnostics.map((d) => d.code)).toEqual(['render/assemble-failed'])
    expect(summary.channels['website']?.release).toBeUndefined()
    expect((await readRelease(projectDir, 'website'))?.manifest.id).toBe(first.channels['website']?.release?.id)
    expect(readFileSync(join(outDir, 'website/p/p1.txt'), 'utf8')).toBe('website:标题p1:1')
  })

  it('writes an image two publications hand over once; the same name with other bytes is a duplicate', async () => {
    const ds = make([pub('a', 'WEB'), pub('b', 'WEB'), pub('c', 'WEB')])
    const ctx = ctxFor(ds)
    /** Every publication hands over the image it shows, as the website channel does; `c` has other bytes under the same name. */
    const channel: Channel = {
      id: 'website',
      limits: {},
      async render(d) {
        return [
          { channel: 'website', publication: d.publication.id, path: `p/${d.publication.id}.html`, data: 'page', mediaType: 'text/html' },
          { channel: 'website', publication: d.publication.id, path: 'assets/x.png', data: d.publication.id === 'c' ? 'OTHER' : 'PNG-BYTES', mediaType: 'image/png' },
        ]
      },
    }
    const { projectDir, outDir } = place()
    const summary = await buildRelease({ channels: [channel], disclosures: ds, ctx, projectDir, outDir, preview: true, concurrency: 3 })
    const dup = summary.diagnostics.filter((d) => d.code === 'build/duplicate-path')
    expect(dup.map((d) => d.subject)).toEqual(['c'])
    expect(readFileSync(join(outDir, 'website', 'assets', 'x.png'), 'utf8')).toBe('PNG-BYTES')
    // The shared file names both publications it comes from.
    expect((await readRelease(projectDir, 'website'))?.manifest.files.find((f) => f.path === 'assets/x.png')?.publications).toEqual(['a', 'b'])
    const shared = await buildRelease({ channels: [channel], disclosures: ds.slice(0, 2), ctx, ...place(), preview: true, concurrency: 2 })
    expect(shared.diagnostics).toEqual([])
  })
})

describe('preflight', () => {
  it('checks declared limits, with wechatTitle for the wechat channel, and runs the channel preflight', async () => {
    const long = '很长的标题'.repeat(8)
    const ds = make([pub('a', 'ALL', { title: long }), pub('b', 'ALL', { title: long, wechatTitle: '短标题' }), pub('c', 'WEB', { title: long, summary: '摘要'.repeat(100) })])
    const wx: Channel = { ...fake('wechat').channel, limits: { titleMaxChars: 32, digestMaxChars: 128, titleField: 'wechatTitle' } }
    const web: Channel = {
      ...fake('website').channel,
      limits: { titleMaxChars: 200 },
      preflight: (d) => (d.publication.id === 'c' ? [{ code: 'website/own', severity: 'warning', message: '自查' }] : []),
    }
    const found = await preflight([wx, web], ds, ctxFor(ds))
    expect(found.map((d) => `${d.code} ${d.subject} ${d.file}:${d.line ?? ''}:${d.column ?? ''}`)).toEqual(['preflight/title-too-long a publications/a.md:4:8', 'website/own c publications/c.md::'])
    expect(found[0]?.message).toContain('40 个字')
    expect(found[0]?.hint).toContain('wechatTitle')
  })
})

describe('deliverRelease', () => {
  const deliverContext = (store = createMemoryStore(), at = '2026-03-10T01:00:00Z'): DeliverOptions['deliverContext'] => ({
    config,
    ledger: store.ledger,
    kv: store.kv,
    env: {},
    now: () => new Date(at),
    log: () => {},
  })
  type DeliverOptions = Parameters<typeof deliverRelease>[0]
  /** Builds the channels' releases, then returns a deliver call over them. */
  async function built(channels: Channel[], ds: Disclosure[], preview = false) {
    const { projectDir, outDir } = place()
    const summary = await buildRelease({ channels, disclosures: ds, ctx: ctxFor(ds), projectDir, outDir, preview })
    const deliver = ({ at = '2026-03-10T01:00:00Z', ...options }: Partial<DeliverOptions> & { at?: string } = {}) =>
      deliverRelease({ channels, disclosures: ds, ctx: ctxFor(ds), projectDir, deliverContext: deliverContext(), now: new Date(at), ...options })
    return { projectDir, outDir, summary, deliver }
  }

  it('delivers what is due from the release; publishAt ahead is held back with its files, unreviewed never built', async () => {
    const base = [pub('now', 'ALL'), pub('later', 'ALL', { publishAt: '2026-03-11T09:00:00+08:00' }), pub('past', 'WX', { publishAt: '2026-03-10T08:00:00+08:00' }), pub('web-only', 'WEB')]
    const ds = make([...base, unreviewed(pub('draft', 'ALL'))])
    const wx = fake('wechat')
    const noDeliver: Channel = { id: 'noticeboard', limits: {}, render: async () => [] }
    const { deliver, summary } = await built([wx.channel, noDeliver], ds)
    wx.rendered.length = 0
    const store = createMemoryStore()
    const result = await deliver({ deliverContext: deliverContext(store) })
    expect(wx.delivered).toEqual([['now', 'past']])
    expect(wx.seen[0]?.withheld).toEqual(['later'])
    // The channel is handed the release: its files less those of the publication not yet due.
    expect(wx.seen[0]?.release?.id).toBe(summary.channels['wechat']?.release?.id)
    expect(wx.seen[0]?.release?.files.map((f) => f.path)).toEqual(['index.txt', 'p/now.txt', 'p/past.txt'])
    expect(Buffer.from(await wx.seen[0]!.release!.read('p/now.txt')).toString()).toBe('wechat:标题now:3')
    expect(result.releases['wechat']).toMatchObject({ id: summary.channels['wechat']?.release?.id, createdAt: NOW.toISOString() })
    expect(result.receipts.map((r) => r.results.map((x) => `${x.publication}:${x.state}`))).toEqual([['now:delivered', 'past:delivered']])
    expect(result.skipped.map((s) => `${s.publication} ${s.reason}`)).toEqual(['later scheduled'])
    expect(result.skipped[0]).toMatchObject({ channel: 'wechat', publishAt: '2026-03-11T09:00:00+08:00' })
    expect(result.skipped[0]?.message).toContain('2026-03-11T09:00:00+08:00')
    expect(result.undeliverable).toEqual(['noticeboard'])
    // The ledger's record of each delivery names the release it shipped.
    const record = await store.ledger.get({ publication: 'now', revision: ds[0]!.revision, channel: 'wechat' })
    expect(record?.release).toEqual({ id: summary.channels['wechat']?.release?.id, manifestHash: summary.channels['wechat']?.release?.manifestHash })

    // A day later the scheduled one is due; the ones delivered are skipped, and delivery renders nothing.
    const again = await deliver({ deliverContext: deliverContext(store), at: '2026-03-11T02:00:00Z' })
    expect(wx.delivered.at(-1)).toEqual(['later'])
    expect(wx.rendered).toEqual([])
    expect(again.skipped.map((s) => `${s.publication} ${s.reason}`)).toEqual(['now delivered', 'past delivered'])
  })

  it('a withdrawal ahead is not in force; once in force nothing of it is handed over, takeDown gets it, and a whole-release channel records it once', async () => {
    const withdrawn = { withdrawn: { on: '2026-03-11', reason: '信息有误', mode: 'remove' as const } }
    const before = make([pub('w', 'ALL'), pub('keep', 'ALL')])
    const after = make([pub('w', 'ALL', withdrawn), pub('keep', 'ALL')])
    const site = fake('website')
    const taken: string[] = []
    const perItem = fake('wechat')
    const { assemble: _a, ...wxBase } = perItem.channel
    const wx: Channel = {
      ...wxBase,
      async takeDown(units) {
        taken.push(...units.map((u) => `${u.disclosure.publication.id}:${u.withdrawal.reason}`))
        return units.map((u) => ({ publication: u.disclosure.publication.id, revision: 'old', channel: 'wechat', state: 'withdrawn' as const }))
      },
    }
    const store = createMemoryStore()
    const first = await built([site.channel, wx], before)
    await first.deliver({ deliverContext: deliverContext(store) })
    // Built with the withdrawal dated tomorrow (Shanghai): still due today, so nothing is taken down.
    const { projectDir, outDir } = place()
    await buildRelease({ channels: [site.channel, wx], disclosures: after, ctx: ctxFor(after), projectDir, outDir })
    const run = (at: string) => deliverRelease({ channels: [site.channel, wx], disclosures: after, ctx: ctxFor(after), projectDir, deliverContext: deliverContext(store, at), now: new Date(at) })
    const today = await run('2026-03-10T01:00:00Z')
    expect(taken).toEqual([])
    expect(today.skipped.filter((x) => x.reason === 'withdrawn')).toEqual([])
    const site0 = site.delivered.length
    const inForce = await run('2026-03-10T17:00:00Z')
    expect(site.delivered.slice(site0)).toEqual([[]])
    expect(taken).toEqual(['w:信息有误'])
    expect(inForce.skipped.filter((x) => x.reason === 'withdrawn').map((x) => `${x.channel} ${x.publication} ${x.message}`)).toEqual(['website w 已撤回，不再发布', 'wechat w 已撤回，不再发布'])
    expect(inForce.receipts.map((r) => r.results.filter((x) => x.state === 'withdrawn').map((x) => `${r.channel}:${x.publication}`))).toEqual([['website:w'], ['wechat:w']])
    // The website keeps shipping the withdrawn page's file (its 已撤回 page); its earlier delivery is now recorded as withdrawn, once.
    expect(site.seen.at(-1)?.release?.files.map((f) => f.path)).toContain('p/w.txt')
    // Both revisions that went out (the one before, and the one delivered while the withdrawal was still ahead) are marked.
    const records = await store.ledger.list({ channel: 'website', publication: 'w' })
    expect(records.map((r) => r.revision).sort()).toEqual([before[0]?.revision, after[0]?.revision].sort())
    for (const r of records) expect(r).toMatchObject({ state: 'withdrawn', steps: { withdrawn_at: '2026-03-10T17:00:00.000Z' } })
    expect(records[0]?.error?.message).toBe(`页面撤下（发布版本 ${inForce.releases['website']?.id ?? ''}）：信息有误`)
    const again = await run('2026-03-11T01:00:00Z')
    expect(again.receipts[0]?.results.filter((x) => x.state === 'withdrawn')).toEqual([])
  })

  it('refuses a preview release and a channel never built, and goes on with the others', async () => {
    const ds = make([pub('p1', 'ALL'), unreviewed(pub('draft', 'ALL'))])
    const wx = fake('wechat')
    const { deliver } = await built([wx.channel], ds, true)
    const web = fake('website')
    const result = await deliver({ channels: [wx.channel, web.channel] })
    expect(result.receipts.map((r) => `${r.channel} ${r.stopped?.code ?? ''} ${r.results.length}`)).toEqual(['wechat release/preview 0', 'website release/not-built 0'])
    expect(wx.delivered).toEqual([])
    expect(web.delivered).toEqual([])
  })

  it('a publication that fails preflight, failed to render, or changed since the build is not handed over; the rest are', async () => {
    const ds = make([pub('ok', 'WX'), pub('long', 'WX', { title: '长'.repeat(40) }), pub('boom', 'WX'), pub('edited', 'WX')])
    const wx = fake('wechat', { fail: 'boom', limits: { titleMaxChars: 32 } })
    const { projectDir, summary } = await built([wx.channel], ds)
    expect(summary.diagnostics.map((d) => d.code)).toEqual(['render/failed'])
    const now = make([pub('ok', 'WX'), pub('long', 'WX', { title: '长'.repeat(40) }), pub('boom', 'WX'), pub('edited', 'WX', { body: '改过的正文。' }), pub('added', 'WX')])
    const result = await deliverRelease({ channels: [wx.channel], disclosures: now, ctx: ctxFor(now), projectDir, deliverContext: deliverContext(), now: new Date('2026-03-10T01:00:00Z') })
    expect(wx.delivered).toEqual([['ok']])
    expect(result.skipped.map((s) => `${s.publication} ${s.reason}`).sort()).toEqual(['added not-built', 'boom not-built', 'edited stale', 'long preflight'])
    expect(result.receipts[0]?.results.map((x) => `${x.publication}:${x.state}`)).toEqual(['ok:delivered'])
    expect(result.diagnostics.map((d) => d.code)).toEqual(['preflight/title-too-long'])
  })

  it('names a publication edited since the build as stale even when the revision built was delivered already', async () => {
    const ds = make([pub('a', 'WX'), pub('b', 'WX')])
    const wx = fake('wechat')
    const { projectDir, deliver } = await built([wx.channel], ds)
    const store = createMemoryStore()
    await deliver({ deliverContext: deliverContext(store) })
    expect(wx.delivered).toEqual([['a', 'b']])
    const edited = make([pub('a', 'WX', { body: '改过的正文。' }), pub('b', 'WX')])
    const result = await deliverRelease({ channels: [wx.channel], disclosures: edited, ctx: ctxFor(edited), projectDir, deliverContext: deliverContext(store), now: new Date('2026-03-10T02:00:00Z') })
    expect(result.skipped.map((s) => `${s.publication} ${s.reason}`)).toEqual(['a stale', 'b delivered'])
    expect(result.skipped[0]?.message).toContain('gongkai build')
    // Nothing new is handed over (the channel is still called: it puts the whole release in place).
    expect(wx.delivered.at(-1)).toEqual([])
  })

  it('delivers a channel with no assemble batch by batch from the release, and after a stop hands over nothing more', async () => {
    // Zero-padded: a release lists its publications by id, and delivery follows that order.
    const ds = make(Array.from({ length: 10 }, (_, i) => pub(`w${String(i + 1).padStart(2, '0')}`, 'WX')))
    const order: string[] = []
    let calls = 0
    const perPublication: Channel = {
      id: 'wechat',
      limits: {},
      fingerprint: 'per-publication-1',
      async render(d) {
        order.push(`render ${d.publication.id}`)
        return [{ channel: 'wechat', publication: d.publication.id, path: `${d.publication.id}/a.txt`, data: `x${d.publication.id}`, mediaType: 'text/plain' }]
      },
      async deliver(units) {
        calls++
        order.push(`deliver ${units.map((u) => `${u.disclosure.publication.id}=${u.artifacts.map((a) => `${a.path}:${Buffer.from(a.data).toString()}`).join('+')}`).join(',')}`)
        const results = units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: 'wechat', state: 'delivered' as const }))
        // The second batch meets the daily quota.
        return calls === 2 ? { channel: 'wechat', results, stopped: { code: 'wechat/quota', message: '今日次数已用完' } } : { channel: 'wechat', results }
      },
    }
    const { deliver } = await built([perPublication], ds)
    order.length = 0
    const result = await deliver({ batch: 4 })
    // Each unit carries the artifacts the release holds for it; nothing is rendered while delivering.
    expect(order).toEqual([
      'deliver w01=w01/a.txt:xw01,w02=w02/a.txt:xw02,w03=w03/a.txt:xw03,w04=w04/a.txt:xw04',
      'deliver w05=w05/a.txt:xw05,w06=w06/a.txt:xw06,w07=w07/a.txt:xw07,w08=w08/a.txt:xw08',
    ])
    const receipt = result.receipts[0]!
    expect(result.receipts).toHaveLength(1)
    expect(receipt.stopped?.code).toBe('wechat/quota')
    expect(receipt.results.map((r) => `${r.publication}:${r.state}`)).toEqual([
      'w01:delivered',
      'w02:delivered',
      'w03:delivered',
      'w04:delivered',
      'w05:delivered',
      'w06:delivered',
      'w07:delivered',
      'w08:delivered',
      'w09:pending',
      'w10:pending',
    ])
    expect(receipt.results.at(-1)?.error?.code).toBe('wechat/quota')

    // An aborted signal between batches: what was not handed over stays pending.
    order.length = 0
    calls = 10
    const stop = new AbortController()
    const aborting: Channel = {
      ...perPublication,
      async deliver(units, ctx) {
        stop.abort()
        return perPublication.deliver!(units, ctx)
      },
    }
    const aborted = await deliver({ channels: [aborting], deliverContext: { ...deliverContext(), signal: stop.signal } as DeliverContext, batch: 3 })
    expect(order).toHaveLength(1)
    expect(aborted.receipts[0]?.stopped?.code).toBe('deliver/aborted')
    expect(aborted.receipts[0]?.results.filter((r) => r.state === 'delivered')).toHaveLength(3)
    expect(aborted.receipts[0]?.results.filter((r) => r.state === 'pending')).toHaveLength(7)
  })

  it('ships an older release named by id, and refuses an id it does not have', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const first = make([pub('p1', 'WEB')])
    const one = await buildRelease({ channels: [web.channel], disclosures: first, ctx: ctxFor(first), projectDir, outDir })
    const second = make([pub('p1', 'WEB'), pub('p2', 'WEB')])
    const two = await buildRelease({ channels: [web.channel], disclosures: second, ctx: ctxFor(second), projectDir, outDir })
    const oldId = one.channels['website']!.release!.id
    expect(two.channels['website']?.release?.id).not.toBe(oldId)
    const result = await deliverRelease({
      channels: [web.channel],
      disclosures: second,
      ctx: ctxFor(second),
      projectDir,
      deliverContext: deliverContext(),
      now: new Date('2026-03-10T01:00:00Z'),
      releases: { website: oldId },
    })
    expect(result.releases['website']?.id).toBe(oldId)
    expect(web.seen[0]?.release?.files.map((f) => f.path)).toEqual(['index.txt', 'p/p1.txt'])
    expect(Buffer.from(await web.seen[0]!.release!.read('index.txt')).toString()).toBe('p1')
    expect(result.skipped.map((s) => `${s.publication} ${s.reason}`)).toEqual(['p2 not-built'])
    const unknown = await deliverRelease({
      channels: [web.channel],
      disclosures: second,
      ctx: ctxFor(second),
      projectDir,
      deliverContext: deliverContext(),
      now: new Date('2026-03-10T01:00:00Z'),
      releases: { website: '0123456789abcdef' },
    })
    expect(unknown.receipts[0]?.stopped?.code).toBe('release/unknown')
  })

  it('ships an older release from its tree when the object store was deleted', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const first = make([pub('p1', 'WEB')])
    const one = await buildRelease({ channels: [web.channel], disclosures: first, ctx: ctxFor(first), projectDir, outDir })
    const second = make([pub('p1', 'WEB', { title: '新标题' })])
    await buildRelease({ channels: [web.channel], disclosures: second, ctx: ctxFor(second), projectDir, outDir })
    rmSync(join(projectDir, '.gongkai', 'cache'), { recursive: true })
    const shipped: string[] = []
    web.channel.deliver = async (_units, ctx) => {
      for (const f of ctx.release!.files) shipped.push(`${f.path}=${Buffer.from(await ctx.release!.read(f.path)).toString()}`)
      return { channel: 'website', results: [] }
    }
    const result = await deliverRelease({
      channels: [web.channel],
      disclosures: second,
      ctx: ctxFor(second),
      projectDir,
      deliverContext: deliverContext(),
      now: new Date('2026-03-10T01:00:00Z'),
      releases: { website: one.channels['website']!.release!.id },
    })
    expect(result.receipts[0]?.stopped).toBeUndefined()
    expect(shipped).toEqual(['index.txt=p1', 'p/p1.txt=website:标题p1:1'])
  })

  it('a preview build of the same files is another release: the delivered one keeps its manifest and can still be pushed', async () => {
    const { projectDir, outDir } = place()
    const web = fake('website')
    const ds = make([pub('p1', 'WEB')])
    const normal = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    const before = await readRelease(projectDir, 'website', normal.channels['website']!.release!.id)
    // Every publication is reviewed, so the preview renders exactly the same files.
    const preview = await buildRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir, preview: true })
    expect(preview.channels['website']?.release?.id).not.toBe(before?.manifest.id)
    const after = await readRelease(projectDir, 'website', before!.manifest.id)
    expect(after).toMatchObject({ manifestHash: before?.manifestHash, manifest: { preview: false } })
    const latest = await deliverRelease({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), projectDir, deliverContext: deliverContext(), now: new Date('2026-03-10T01:00:00Z') })
    expect(latest.receipts[0]?.stopped?.code).toBe('release/preview')
    const named = await deliverRelease({
      channels: [web.channel],
      disclosures: ds,
      ctx: ctxFor(ds),
      projectDir,
      deliverContext: deliverContext(),
      now: new Date('2026-03-10T01:00:00Z'),
      releases: { website: before!.manifest.id },
    })
    expect(named.receipts[0]?.stopped).toBeUndefined()
    expect(named.releases['website']?.manifestHash).toBe(before?.manifestHash)
  })

  it('a preview build hands channels the preview flag, a real build after it holds no marked render, and the preview release is refused by id too', async () => {
    const { projectDir, outDir } = place()
    let renders = 0
    const marking: Channel = {
      id: 'website',
      limits: {},
      fingerprint: 'marking-1',
      async render(d, ctx) {
        renders++
        const mark = isPreview(d, ctx) ? '预览稿 ' : ''
        return [{ channel: 'website', publication: d.publication.id, path: `p/${d.publication.id}.txt`, data: `${mark}${d.publication.title}`, mediaType: 'text/plain' }]
      },
      async deliver(units) {
        return { channel: 'website', results: units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: 'website', state: 'delivered' as const })) }
      },
    }
    const ds = make([pub('p1', 'WEB'), unreviewed(pub('p2', 'WEB'))])
    const preview = await buildRelease({ channels: [marking], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir, preview: true })
    expect(readFileSync(join(outDir, 'website/p/p2.txt'), 'utf8')).toBe('预览稿 标题p2')
    expect(readFileSync(join(outDir, 'website/p/p1.txt'), 'utf8')).toBe('标题p1')
    expect(renders).toBe(2)
    // The real build renders nothing again: p1 was never marked, p2 is not in it.
    const real = await buildRelease({ channels: [marking], disclosures: ds, ctx: ctxFor(ds), projectDir, outDir })
    expect(real.channels['website']).toMatchObject({ rendered: 0, cached: 1, publications: 1 })
    expect(readdirSync(join(outDir, 'website/p'))).toEqual(['p1.txt'])
    const id = preview.channels['website']!.release!.id
    const named = await deliverRelease({ channels: [marking], disclosures: ds, ctx: ctxFor(ds), projectDir, deliverContext: deliverContext(), now: NOW, releases: { website: id } })
    expect(named.receipts[0]).toMatchObject({ results: [], stopped: { code: 'release/preview' } })
    expect(named.receipts[0]?.stopped?.message).toBe(`发布版本 ${id} 是预览稿（gongkai build --preview 生成），不能发布：请推送不带 --preview 生成的发布版本`)
  })

  it('refuses to ship a file whose bytes changed after the build (edited through OUT/)', async () => {
    const ds = make([pub('p1', 'WEB')])
    const web = fake('website')
    const { outDir, deliver } = await built([web.channel], ds)
    const file = join(outDir, 'website/p/p1.txt')
    // An editor saving in place writes through the hard link, into the object store's bytes too.
    chmodSync(file, 0o644)
    writeFileSync(file, 'tampered')
    web.channel.deliver = async (units, ctx) => {
      await ctx.release!.read('p/p1.txt')
      return { channel: 'website', results: [] }
    }
    const result = await deliver()
    expect(result.receipts[0]?.stopped?.code).toBe('release/file-missing')
  })
})

describe('a project with links out of it', () => {
  const valid = fileURLToPath(new URL('./fixtures/valid/', import.meta.url))
  const publication = (id: string, title: string, body: string, extra: string[] = []) =>
    ['---', `id: ${id}`, 'item: HB-XK-005', `title: ${title}`, 'kind: release', 'stage: result', 'formed: 2026-02-28', 'review: { by: 王五, on: 2026-03-01 }', ...extra, '---', '', body, ''].join('\n')

  it('builds a release with no byte of what the links lead to, even from a channel that reads every asset it is given', async () => {
    const parent = tmp()
    const dir = join(parent, 'project')
    cpSync(valid, dir, { recursive: true })
    writeFileSync(join(parent, 'secret.txt'), 'SECRET-7f3a 机密内容')
    writeFileSync(join(parent, 'secret.md'), publication('2026-leak-md', '泄露', 'SECRET-7f3a 机密正文'))
    mkdirSync(join(dir, 'assets'), { recursive: true })
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'assets', 'leak.pdf'))
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'assets', 'leak.png'))
    symlinkSync(join(parent, 'secret.md'), join(dir, 'publications', 'leak.md'))
    writeFileSync(join(dir, 'assets', 'real.png'), 'PNG')
    symlinkSync(join(dir, 'assets', 'real.png'), join(dir, 'assets', 'alias.png'))
    writeFileSync(join(dir, 'publications', 'att.md'), publication('2026-att-001', '附件外链', '正文。', ['attachments:', '  - { title: 决定书, path: assets/leak.pdf }']))
    writeFileSync(join(dir, 'publications', 'img.md'), publication('2026-img-001', '图片外链', '![图](../assets/leak.png)'))
    writeFileSync(join(dir, 'publications', 'ok.md'), publication('2026-ok-001', '图片内链', '![图](../assets/alias.png)', ['cover: assets/alias.png']))
    const p = await loadProject(dir, { cache: false })
    expect(p.disclosures.map((d) => d.publication.id)).toContain('2026-ok-001')
    const ctx = createRenderContext({ config: p.config, catalog: p.catalog, all: p.disclosures, projectDir: dir, now: NOW })
    const copying: Channel = {
      id: 'website',
      limits: {},
      fingerprint: 'copying-1',
      async render(d, c) {
        const out = [{ channel: 'website', publication: d.publication.id, path: `p/${d.publication.id}.html`, data: d.publication.body, mediaType: 'text/html' }]
        for (const path of ['assets/leak.pdf', 'assets/leak.png', 'assets/alias.png', ...d.publication.attachments.map((a) => a.path)]) {
          const data = await c.readAsset(path).catch(() => undefined)
          if (data !== undefined)
            out.push({ channel: 'website', publication: d.publication.id, path: `${d.publication.id}-${path}`, data: Buffer.from(data).toString('utf8'), mediaType: 'application/octet-stream' })
        }
        return out
      },
    }
    const outDir = join(parent, 'out')
    const summary = await buildRelease({ channels: [copying], disclosures: p.disclosures, ctx, projectDir: dir, outDir, preview: true })
    expect(summary.channels['website']?.artifacts).toBeGreaterThan(0)
    const files = readdirSync(join(outDir, 'website/'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    // What is inside the project is read and published.
    expect(readFileSync(join(outDir, 'website', '2026-ok-001-assets', 'alias.png'), 'utf8')).toBe('PNG')
    for (const f of files) expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toContain('SECRET-7f3a')
    // Nor in what the build stored: the object store and the render cache.
    const stored = readdirSync(join(dir, '.gongkai'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    expect(stored.length).toBeGreaterThan(0)
    for (const f of stored) expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toContain('SECRET-7f3a')
  })
})
