/** Publications for the tests: an ordinary notice and the hard one (long table, ten pages, rare characters, emoji, a long URL). */
import { fileURLToPath } from 'node:url'
import { Catalog, createDisclosures, createRenderContext, defineConfig } from '@gongkai/core'
import type { CatalogItem, Diagnostic, Disclosure, Publication } from '@gongkai/core'

export const PROJECT = fileURLToPath(new URL('./fixtures/project/', import.meta.url))
export const HANAZONO = '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf'
export const BASE_URL = 'https://www.qingchuan.gov.cn/hbj/gk/'

export const ITEM: CatalogItem = {
  code: 'HB-XZCF-001',
  name: '行政处罚决定',
  category: '行政处罚',
  basis: ['《中华人民共和国行政处罚法》第四十八条'],
  content: '行政处罚决定书',
  owner: '执法大队',
  timeLimit: { kind: 'working-days', days: 7, from: 'decided', text: '自作出行政处罚决定之日起7个工作日内' },
  channels: ['website', 'noticeboard'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
}

export const WEB_ONLY: CatalogItem = { ...ITEM, code: 'HB-ZFXX-001', name: '政府信息', channels: ['website'] }

const PARA =
  '为深入贯彻落实党中央、国务院关于深入打好污染防治攻坚战的决策部署，根据《中华人民共和国政府信息公开条例》和上级有关工作要求，我局组织开展了辖区重点排污单位专项执法检查。检查中发现部分企业存在污染防治设施运行不正常的问题，现将有关情况公告如下，欢迎社会各界监督。'

/** The ordinary notice: headings, a list, a small table, a footnote, an image. */
export const NOTICE_BODY = [
  PARA,
  '## 一、基本情况',
  `${PARA}[^1]`,
  '### （一）检查范围',
  '- 重点排污单位十二家；',
  '- 一般排污单位三十家。',
  '| 监测点位 | 细颗粒物 | 优良天数 |\n| --- | ---: | ---: |\n| 城区 | 28 | 27 |\n| 乔庄镇 | 25 | 29 |',
  '![监测点位分布示意图](assets/map.png)',
  '## 二、下一步工作',
  '1. 加强日常监管，压实企业主体责任。',
  '[^1]: 数据来源：青川县环境监测站。',
].join('\n\n')

/** Line in the body (1-based) where each marker of the hard body stands, for exact reports. */
export function hardBody(): { body: string; lines: Record<string, number> } {
  const lines: string[] = []
  const at: Record<string, number> = {}
  const push = (s: string) => {
    for (const l of s.split('\n')) lines.push(l)
  }
  push(PARA)
  push('')
  at['rare'] = lines.length + 1
  push('当事人：青川县𠀾记建材有限公司（法定代表人：王𠀾）')
  push('')
  at['emoji'] = lines.length + 1
  push('群众反映问题后点赞👍，另附笑脸😀。')
  push('')
  at['url'] = lines.length + 1
  push(`详见 https://www.qingchuan.gov.cn/hbj/gk/${'very-long-path-segment-without-breaks-'.repeat(6)}end.html 。`)
  push('')
  push('## 一、监测数据')
  push('')
  push('| 序号 | 监测点位 | 细颗粒物（μg/m³） | 说明 |')
  push('| --- | --- | --- | --- |')
  for (let i = 1; i <= 40; i++) push(`| ${i} | 点位${i} | ${20 + (i % 17)} | ${i % 5 === 0 ? '该点位位于工业园区内，受周边企业排放影响较大，需重点关注并加密监测频次' : '正常'} |`)
  push('')
  for (let k = 0; k < 30; k++) {
    if (k % 6 === 0) {
      push(`## ${['二', '三', '四', '五', '六'][k / 6]}、第${k / 6 + 2}部分`)
      push('')
    }
    push(`${PARA}${PARA}`)
    push('')
  }
  return { body: lines.join('\n'), lines: at }
}

/** A publication under ITEM. */
export function publication(id: string, body: string, extra: Partial<Publication> = {}): Publication {
  return {
    id,
    item: ITEM.code,
    title: '青川县生态环境局行政处罚决定书（青环罚〔2026〕7号）',
    kind: 'release',
    stage: 'result',
    formed: '2026-11-20',
    published: '2026-11-23',
    noticePeriod: { from: '2026-11-26', until: '2026-12-03' },
    review: { by: '王建国', on: '2026-11-21' },
    attachments: [],
    tags: [],
    body,
    source: { file: `publications/${id}.md`, bodyLine: 12 },
    ...extra,
  }
}

/** Disclosures and a render context that collects diagnostics. */
export function setup(
  publications: readonly Publication[],
  fallback?: string,
): {
  disclosures: Disclosure[]
  ctx: ReturnType<typeof createRenderContext>
  diagnostics: Diagnostic[]
} {
  const catalog = new Catalog([ITEM, WEB_ONLY])
  const config = defineConfig({
    body: { name: '青川县生态环境局', orgCode: '008672531', phone: '0839-7202345' },
    site: { title: '青川县生态环境局政府信息公开', baseUrl: BASE_URL },
    ...(fallback === undefined ? {} : { fonts: { fallback } }),
  })
  const { disclosures } = createDisclosures(catalog, publications, { orgCode: config.body.orgCode })
  const ctx = createRenderContext({ config, catalog, all: disclosures, projectDir: PROJECT, now: new Date('2026-11-26T08:00:00+08:00') })
  return { disclosures, ctx, diagnostics: ctx.diagnostics }
}
