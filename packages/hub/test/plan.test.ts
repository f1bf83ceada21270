/** planPush and pushRelease in-process: the plan's rows from a real release and ledger, then a push that does what the plan said, and the plan after it. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CatalogItem, Channel, ChannelName, Disclosure, Project, Publication } from '@gongkai/core'
import { Catalog, createDisclosures, createMemoryStore, createRenderContext, defineConfig } from '@gongkai/core'
import { buildRelease, planPush, pushRelease } from '../src/index.js'

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
const pub = (id: string, extra: Partial<Publication> = {}): Publication => ({
  id,
  item: 'WX',
  title: `标题${id}`,
  kind: 'release',
  stage: 'result',
  formed: '2026-03-02',
  review: { by: '王建国', on: '2026-03-03' },
  attachments: [],
  tags: [],
  body: `正文${id}。`,
  source: { file: `publications/${id}.md`, bodyLine: 9, fields: {} },
  ...extra,
})
const catalog = new Catalog([item('WX', ['wechat'])])
const config = defineConfig({ body: { name: '测试局' } })
const NOW = new Date('2026-03-10T01:00:00Z')

/** A channel that renders a text file per publication and records each delivery in the ledger. */
function channel(): Channel & { sent: string[] } {
  const sent: string[] = []
  return {
    id: 'wechat',
    limits: {},
    fingerprint: 'plan-fake-1',
    sent,
    async render(d) {
      return [{ channel: 'wechat', publication: d.publication.id, path: `p/${d.publication.id}.txt`, data: d.publication.title, mediaType: 'text/plain' }]
    },
    async deliver(units, ctx) {
      for (const u of units) {
        const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: 'wechat' }
        await ctx.ledger.open(key)
        await ctx.ledger.setState(key, 'delivered')
        sent.push(u.disclosure.publication.id)
      }
      return { channel: 'wechat', results: units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: 'wechat', state: 'delivered' as const })) }
    },
  }
}

describe('planPush', () => {
  it('says what a push would do, and the push does exactly that', async () => {
    const { review: _r, ...draft } = pub('draft')
    const ds: Disclosure[] = createDisclosures(catalog, [pub('due'), pub('later', { publishAt: '2026-03-11T09:00:00+08:00' }), draft], { orgCode: '000000001' }).disclosures
    const dir = join(mkdtempSync(join(tmpdir(), 'gongkai-plan-')), 'bureau')
    const project = { dir, config, catalog, disclosures: ds, publications: ds.map((d) => d.publication), diagnostics: [] } as unknown as Project
    const ctx = createRenderContext({ config, catalog, all: ds, now: NOW })
    const wx = channel()
    const store = createMemoryStore()

    const before = await planPush({ channels: [wx], project, ctx, ledger: store.ledger, now: NOW })
    expect(before.channels[0]?.refused).toBe('不推送：还没有生成发布版本（先运行 gongkai build）')
    expect(before.going).toBe(0)

    await buildRelease({ channels: [wx], disclosures: ds, ctx, projectDir: dir, outDir: join(dir, 'out') })
    const plan = await planPush({ channels: [wx], project, ctx, ledger: store.ledger, now: NOW })
    expect(plan.channels[0]?.release?.files).toBe(2)
    expect(plan.channels[0]?.rows.map((r) => `${r.publication} ${r.action} ${r.what}`)).toEqual([
      'due send 将发布',
      'later hold 等待定时发布：2026-03-11T09:00:00+08:00',
      'draft hold 不发布：未通过保密审查',
    ])
    expect(plan.going).toBe(1)

    const result = await pushRelease({ project, channels: [wx], store, ctx, now: NOW, clock: () => NOW, env: {} })
    expect(wx.sent).toEqual(['due'])
    expect(result.noTarget).toEqual([])
    expect(result.interrupted).toBe(false)
    const after = await planPush({ channels: [wx], project, ctx, ledger: store.ledger, now: NOW })
    expect(after.channels[0]?.rows[0]).toMatchObject({ publication: 'due', action: 'skip', what: '已发布（跳过）', going: 0 })
    expect(after.going).toBe(0)
  })
})
