/**
 * Embedding gongkai without a project folder: one catalog item and one publication held in
 * memory, rendered to every channel. Run it with `npm start -w @gongkai/example-embed`.
 */
import { pathToFileURL } from 'node:url'
import { Catalog, createDisclosure, createIndexNumbering, createRenderContext, defineConfig, formatDiagnostic } from '@gongkai/core'
import type { Artifact, CatalogItem } from '@gongkai/core'
import { kiosk } from '@gongkai/kiosk'
import { noticeboard } from '@gongkai/noticeboard'
import { website } from '@gongkai/website'
import { wechat } from '@gongkai/wechat'

/** Renders the example publication to every channel and returns the artifacts. */
export async function renderExample(): Promise<Artifact[]> {
  const config = defineConfig({
    body: { name: '青川县生态环境局', orgCode: '008672531' },
    site: { title: '青川县生态环境局政府信息公开', baseUrl: 'https://www.qingchuan.gov.cn/hbj/gk/' },
  })

  const item: CatalogItem = {
    code: 'HB-XZCF-001',
    name: '行政处罚决定',
    category: '行政处罚',
    subcategory: '处罚决定',
    basis: ['《中华人民共和国行政处罚法》第四十八条', '《中华人民共和国政府信息公开条例》第二十条'],
    content: '行政处罚决定书（案件名称、当事人、违法事实、处罚依据、处罚结果、作出机关、日期）',
    owner: '执法大队',
    timeLimit: { kind: 'working-days', days: 7, from: 'decided', text: '自作出行政处罚决定之日起7个工作日内' },
    channels: ['website', 'wechat', 'noticeboard', 'kiosk'],
    audience: 'public',
    mode: 'proactive',
    level: ['county'],
  }

  // One numbering per office: every disclosure made with it gets its own 索引号 serial.
  const serial = createIndexNumbering({ '2026': 100 })
  const { disclosure, diagnostics } = createDisclosure(
    item,
    {
      id: '2026-xzcf-101',
      item: item.code,
      title: '青川县生态环境局行政处罚决定书（青环罚〔2026〕101号）',
      wechatTitle: '行政处罚决定书（青环罚〔2026〕101号）',
      kind: 'release',
      stage: 'result',
      formed: '2026-11-20',
      published: '2026-11-24',
      noticePeriod: { from: '2026-11-26', until: '2026-12-03' },
      review: { by: '王建国', on: '2026-11-23' },
      docNumber: '青环罚〔2026〕101号',
      body: [
        '当事人：青川县某建材有限公司',
        '',
        '## 一、违法事实',
        '',
        '2026年10月15日，我局执法人员对该公司进行现场检查，发现其破碎工序粉尘收集设施未正常运行。',
        '',
        '## 二、处罚依据和结果',
        '',
        '| 项目 | 内容 |',
        '| --- | --- |',
        '| 处罚依据 | 《中华人民共和国大气污染防治法》第一百零八条 |',
        '| 处罚结果 | 罚款人民币贰万元整 |',
        '',
        '当事人如不服本决定，可在收到本决定书之日起六十日内申请行政复议。',
      ].join('\n'),
    },
    { orgCode: config.body.orgCode, serial },
  )
  // Warnings (raw HTML dropped, unsafe links emptied) come back with the disclosure; errors throw DisclosureError.
  for (const d of diagnostics) console.warn(formatDiagnostic(d))

  const catalog = new Catalog([item])
  const ctx = createRenderContext({ config, catalog, all: [disclosure], now: new Date('2026-11-26T02:00:00Z') })
  const channels = [website(), wechat({ appId: 'wx0000000000000000', secretEnv: 'GONGKAI_WECHAT_SECRET' }), noticeboard(), kiosk()]
  const artifacts: Artifact[] = []
  for (const channel of channels) artifacts.push(...(await channel.render(disclosure, ctx)))
  return artifacts
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const artifacts = await renderExample()
  for (const a of artifacts) {
    const size = typeof a.data === 'string' ? Buffer.byteLength(a.data) : a.data.byteLength
    console.log(`${a.channel.padEnd(12)} ${a.path.padEnd(36)} ${a.mediaType.padEnd(28)} ${size} 字节`)
  }
}
