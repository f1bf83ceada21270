import { mkdtempSync, readFileSync, statSync, utimesSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Catalog } from '../src/catalog/catalog.js'
import type { Artifact, Channel, DeliverContext, RenderContext } from '../src/channel.js'
import { createRenderContext, defineConfig } from '../src/config-defaults.js'
import { createDisclosures } from '../src/disclosure.js'
import { buildAll } from '../src/hub/build.js'
import { deliverAll } from '../src/hub/deliver.js'
import { fanOut } from '../src/hub/fan-out.js'
import { preflight } from '../src/hub/preflight.js'
import type { CatalogItem, ChannelName, Disclosure, Publication } from '../src/model.js'
import { createMemoryStore } from '../src/store/memory.js'

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

const catalog = new Catalog([item('WEB', ['website']), item('ALL', ['website', 'wechat', 'noticeboard', 'broadcast']), item('WX', ['wechat'])])
const config = defineConfig({ body: { name: '测试局' } })
const make = (pubs: Publication[]) => createDisclosures(catalog, pubs, { orgCode: '000000001' }).disclosures
const ctxFor = (all: readonly Disclosure[]): RenderContext & { diagnostics: unknown[] } => createRenderContext({ config, catalog, all, now: new Date('2026-03-10T00:00:00Z') })

/** A fake channel: one text file per publication, an index from assemble, renders counted. */
function fake(id: string, opts: { fail?: string; limits?: Channel['limits']; badPath?: boolean } = {}) {
  const rendered: string[] = []
  const delivered: string[][] = []
  const seen: { withheld?: readonly string[] | undefined; assembled: readonly Artifact[] }[] = []
  const channel: Channel = {
    id,
    limits: opts.limits ?? {},
    async render(d, ctx) {
      rendered.push(d.publication.id)
      if (d.publication.id === opts.fail) throw new Error('模板出错')
      if (d.publication.id === 'warn') ctx.report({ code: 'fake/warn', severity: 'warning', message: '提醒' })
      const path = opts.badPath === true && d.publication.id === 'p2' ? '../escape.txt' : `p/${d.publication.id}.txt`
      return [{ channel: id, publication: d.publication.id, path, data: `${id}:${d.publication.title}:${ctx.all.length}`, mediaType: 'text/plain' }]
    },
    async assemble(all) {
      return [{ channel: id, path: 'index.txt', data: all.map((d) => d.publication.id).join(','), mediaType: 'text/plain' }]
    },
    async deliver(units, ctx) {
      delivered.push(units.map((u) => u.disclosure.publication.id))
      seen.push({ withheld: ctx.withheld, assembled: ctx.assembled })
      for (const u of units) {
        const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: id }
        await ctx.ledger.open(key)
        await ctx.ledger.setState(key, 'delivered')
      }
      return { channel: id, results: units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: id, state: 'delivered' as const })) }
    },
  }
  return { channel, rendered, delivered, seen }
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

describe('buildAll', () => {
  it('writes OUT/<channel>/<path> and the assembled index, leaving out unreviewed unless preview', async () => {
    const out = tmp()
    const ds = make(
      [pub('p1', 'ALL'), pub('p2', 'WEB'), pub('draft', 'ALL', { review: undefined } as Partial<Publication>)].map((p) => {
        if (p.id !== 'draft') return p
        const { review: _r, ...rest } = p
        return rest
      }),
    )
    const web = fake('website')
    const wx = fake('wechat')
    const summary = await buildAll({ channels: [web.channel, wx.channel], disclosures: ds, ctx: ctxFor(ds), outDir: out })
    expect(summary.unreviewed).toEqual(['draft'])
    expect(summary.writtenFiles).toEqual(['website/index.txt', 'website/p/p1.txt', 'website/p/p2.txt', 'wechat/index.txt', 'wechat/p/p1.txt'])
    expect(summary.channels['website']).toMatchObject({ publications: 2, failed: 0, artifacts: 3, written: 3, unchanged: 0 })
    expect(summary.channels['wechat']).toMatchObject({ publications: 1, artifacts: 2 })
    // Each channel's `all` holds what that channel lists.
    expect(readFileSync(join(out, 'website/p/p1.txt'), 'utf8')).toBe('website:标题p1:2')
    expect(readFileSync(join(out, 'wechat/p/p1.txt'), 'utf8')).toBe('wechat:标题p1:1')
    expect(readFileSync(join(out, 'website/index.txt'), 'utf8')).toBe('p1,p2')
    expect(existsSync(join(out, 'website/p/draft.txt'))).toBe(false)

    const preview = await buildAll({ channels: [web.channel], disclosures: ds, ctx: ctxFor(ds), outDir: tmp(), preview: true })
    expect(preview.unreviewed).toEqual([])
    expect(preview.channels['website']?.publications).toBe(3)
  })

  it('rewrites only files whose bytes changed, so unchanged files keep their mtime', async () => {
    const out = tmp()
    const web = fake('website')
    const first = make([pub('p1', 'WEB'), pub('p2', 'WEB')])
    await buildAll({ channels: [web.channel], disclosures: first, ctx: ctxFor(first), outDir: out })
    const old = new Date('2020-01-01T00:00:00Z')
    for (const f of ['website/p/p1.txt', 'website/p/p2.txt', 'website/index.txt']) utimesSync(join(out, f), old, old)
    const second = make([pub('p1', 'WEB'), pub('p2', 'WEB', { title: '改过的标题' })])
    const summary = await buildAll({ channels: [web.channel], disclosures: second, ctx: ctxFor(second), outDir: out })
    expect(summary.writtenFiles).toEqual(['website/p/p2.txt'])
    expect(summary.unchanged).toBe(2)
    expect(statSync(join(out, 'website/p/p1.txt')).mtime.getTime()).toBe(old.getTime())
    expect(statSync(join(out, 'website/index.txt')).mtime.getTime()).toBe(old.getTime())
    expect(statSync(join(out, 'website/p/p2.txt')).mtime.getTime()).toBeGreaterThan(old.getTime())
    expect(readFileSync(join(out, 'website/p/p2.txt'), 'utf8')).toBe('website:改过的标题:2')
  })

  it('isolates a failing render and refuses paths that escape the folder; the rest still build', async () => {
    const out = tmp()
    const ds = make([pub('p1', 'WEB'), pub('p2', 'WEB'), pub('p3', 'ALL'), pub('warn', 'WEB')])
    const web = fake('website', { fail: 'p1', badPath: true })
    const wx = fake('wechat')
    const progress: string[] = []
    const summary = await buildAll({
      channels: [web.channel, wx.channel],
      disclosures: ds,
      ctx: ctxFor(ds),
      outDir: join(out, 'OUT'),
      onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
    })
    expect(summary.diagnostics.map((d) => `${d.code} ${d.subject ?? ''}`).sort()).toEqual(['fake/warn warn', 'render/failed p1', 'render/unsafe-path p2'])
    expect(summary.channels['website']).toMatchObject({ publications: 3, failed: 1, failedPublications: ['p1'] })
    expect(summary.channels['wechat']).toMatchObject({ failed: 0, failedPublications: [] })
    expect(summary.writtenFiles).toEqual(['website/index.txt', 'website/p/p3.txt', 'website/p/warn.txt', 'wechat/index.txt', 'wechat/p/p3.txt'])
    expect(existsSync(join(out, 'escape.txt'))).toBe(false)
    expect(existsSync(join(out, 'OUT/escape.txt'))).toBe(false)
    expect(progress).toHaveLength(7)
    expect(progress.at(-1)).toBe('assemble:7/7')
  })
})

describe('preflight', () => {
  it('checks declared limits, with wechatTitle for the wechat channel, and runs the channel preflight', async () => {
    const long = '很长的标题'.repeat(8)
    const ds = make([pub('a', 'ALL', { title: long }), pub('b', 'ALL', { title: long, wechatTitle: '短标题' }), pub('c', 'WEB', { title: long, summary: '摘要'.repeat(100) })])
    const wx: Channel = { ...fake('wechat').channel, limits: { titleMaxChars: 32, digestMaxChars: 128 } }
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

describe('deliverAll', () => {
  const deliverContext = (store = createMemoryStore()): Omit<DeliverContext, 'assembled' | 'withheld'> => ({
    config,
    ledger: store.ledger,
    kv: store.kv,
    env: {},
    now: () => new Date('2026-03-10T01:00:00Z'),
    log: () => {},
  })

  it('delivers what is due; publishAt in the future and unreviewed are held back, with the reason as data', async () => {
    const base = [pub('now', 'ALL'), pub('later', 'ALL', { publishAt: '2026-03-11T09:00:00+08:00' }), pub('past', 'WX', { publishAt: '2026-03-10T08:00:00+08:00' }), pub('web-only', 'WEB')]
    const { review: _r, ...unreviewed } = pub('draft', 'ALL')
    const ds = make([...base, unreviewed])
    const wx = fake('wechat')
    const noDeliver: Channel = { id: 'noticeboard', limits: {}, render: async () => [] }
    const ctx = deliverContext()
    const result = await deliverAll({ channels: [wx.channel, noDeliver], disclosures: ds, ctx: ctxFor(ds), deliverContext: ctx, now: new Date('2026-03-10T01:00:00Z') })
    expect(wx.delivered).toEqual([['now', 'past']])
    expect(wx.seen[0]?.withheld).toEqual(['later', 'draft'])
    expect(wx.seen[0]?.assembled.map((a) => a.data)).toEqual(['now,past'])
    expect(result.receipts.map((r) => r.results.map((x) => `${x.publication}:${x.state}`))).toEqual([['now:delivered', 'past:delivered']])
    expect(result.skipped.map((s) => `${s.publication} ${s.reason}`)).toEqual(['later scheduled', 'draft unreviewed'])
    expect(result.skipped[0]).toMatchObject({ channel: 'wechat', publishAt: '2026-03-11T09:00:00+08:00' })
    expect(result.skipped[0]?.message).toContain('2026-03-11T09:00:00+08:00')
    expect(result.undeliverable).toEqual(['noticeboard'])

    // A day later the scheduled one is due; the ones delivered are not rendered again.
    wx.rendered.length = 0
    const again = await deliverAll({ channels: [wx.channel], disclosures: ds, ctx: ctxFor(ds), deliverContext: ctx, now: new Date('2026-03-11T02:00:00Z') })
    expect(wx.delivered.at(-1)).toEqual(['later'])
    expect(wx.rendered).toEqual(['later'])
    expect(again.skipped.map((s) => `${s.publication} ${s.reason}`)).toEqual(['draft unreviewed', 'now delivered', 'past delivered'])
  })

  it('a publication that fails preflight or render is not handed over; the rest are', async () => {
    const ds = make([pub('ok', 'WX'), pub('long', 'WX', { title: '长'.repeat(40) }), pub('boom', 'WX')])
    const wx = fake('wechat', { fail: 'boom', limits: { titleMaxChars: 32 } })
    const result = await deliverAll({ channels: [wx.channel], disclosures: ds, ctx: ctxFor(ds), deliverContext: deliverContext(), now: new Date('2026-03-10T01:00:00Z') })
    expect(wx.delivered).toEqual([['ok']])
    expect(result.skipped.map((s) => `${s.publication} ${s.reason}`).sort()).toEqual(['boom render-failed', 'long preflight'])
    expect(result.receipts[0]?.results.map((x) => `${x.publication}:${x.state}`)).toEqual(['ok:delivered', 'boom:failed'])
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['preflight/title-too-long', 'render/failed'])
  })

  it('renders and delivers a channel with no assemble batch by batch, and after a stop renders nothing more', async () => {
    const ds = make(Array.from({ length: 10 }, (_, i) => pub(`w${i + 1}`, 'WX')))
    const order: string[] = []
    let calls = 0
    const perPublication: Channel = {
      id: 'wechat',
      limits: {},
      async render(d) {
        order.push(`render ${d.publication.id}`)
        return [{ channel: 'wechat', publication: d.publication.id, path: `${d.publication.id}/a.txt`, data: 'x', mediaType: 'text/plain' }]
      },
      async deliver(units) {
        calls++
        order.push(`deliver ${units.map((u) => u.disclosure.publication.id).join(',')}`)
        const results = units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: 'wechat', state: 'delivered' as const }))
        // The second batch meets the daily quota.
        return calls === 2 ? { channel: 'wechat', results, stopped: { code: 'wechat/quota', message: '今日次数已用完' } } : { channel: 'wechat', results }
      },
    }
    const result = await deliverAll({ channels: [perPublication], disclosures: ds, ctx: ctxFor(ds), deliverContext: deliverContext(), now: new Date('2026-03-10T01:00:00Z'), batch: 4, concurrency: 1 })
    expect(order).toEqual(['render w1', 'render w2', 'render w3', 'render w4', 'deliver w1,w2,w3,w4', 'render w5', 'render w6', 'render w7', 'render w8', 'deliver w5,w6,w7,w8'])
    const receipt = result.receipts[0]!
    expect(result.receipts).toHaveLength(1)
    expect(receipt.stopped?.code).toBe('wechat/quota')
    expect(receipt.results.map((r) => `${r.publication}:${r.state}`)).toEqual([
      'w1:delivered',
      'w2:delivered',
      'w3:delivered',
      'w4:delivered',
      'w5:delivered',
      'w6:delivered',
      'w7:delivered',
      'w8:delivered',
      'w9:pending',
      'w10:pending',
    ])
    expect(receipt.results.at(-1)?.error?.code).toBe('wechat/quota')

    // An aborted signal between batches: what was not handed over stays pending, unrendered.
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
    const aborted = await deliverAll({
      channels: [aborting],
      disclosures: ds,
      ctx: ctxFor(ds),
      deliverContext: { ...deliverContext(), signal: stop.signal },
      now: new Date('2026-03-10T01:00:00Z'),
      batch: 3,
      concurrency: 1,
    })
    expect(order.filter((o) => o.startsWith('render'))).toHaveLength(3)
    expect(aborted.receipts[0]?.stopped?.code).toBe('deliver/aborted')
    expect(aborted.receipts[0]?.results.filter((r) => r.state === 'pending')).toHaveLength(7)
  })
})
