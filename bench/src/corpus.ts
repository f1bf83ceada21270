/**
 * A deterministic corpus for benchmarks: N publications of about 1.5 KB of Chinese each, with a
 * table in one of three, spread over a 40-item catalog. Same N and seed, same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Catalog, createDisclosures, defineConfig } from '@gongkai/core'
import type { CatalogItem, ChannelName, Publication, Stage } from '@gongkai/core'
import { seededRandom } from '@gongkai/test-wechat-server'
import type { Corpus } from './types.js'

/** Options for `generateCorpus`. */
export interface CorpusOptions {
  readonly count: number
  readonly seed?: number
  /** Where to write the project folder. */
  readonly dir: string
}

const CATEGORIES = [
  ['政府信息', 'ZFXX', '办公室'],
  ['重点领域环境信息', 'HJXX', '监测站'],
  ['行政许可', 'XZXK', '环境影响评价与排放管理科'],
  ['行政处罚', 'XZCF', '执法大队'],
  ['公共服务', 'GGFW', '综合科'],
] as const

const PHRASES = [
  '为深入贯彻落实党中央、国务院关于深入打好污染防治攻坚战的决策部署',
  '根据《中华人民共和国政府信息公开条例》和上级有关工作要求',
  '我局组织开展了辖区重点排污单位专项执法检查',
  '检查中发现部分企业存在污染防治设施运行不正常的问题',
  '现将有关情况公告如下，欢迎社会各界监督',
  '全县空气质量优良天数比例同比上升二点三个百分点',
  '城区细颗粒物平均浓度为每立方米二十八微克',
  '县域内地表水国控、省控断面水质优良比例保持百分之百',
  '群众可通过一二三六九环保举报热线反映问题',
  '对公示内容有异议的，可在公示期内以书面形式向我局反映',
  '建设单位应当落实环境影响报告书提出的各项污染防治措施',
  '项目建成后，须按规定开展竣工环境保护验收',
  '执法人员现场检查时，该公司废气收集处理设施未正常运行',
  '上述行为违反了《中华人民共和国大气污染防治法》第一百零八条的规定',
  '当事人如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议',
  '各乡镇要结合实际，细化工作措施，确保各项任务按期完成',
]

const STAGES: readonly Stage[] = ['decision', 'execution', 'management', 'service', 'result']
const CHANNEL_SETS: readonly (readonly ChannelName[])[] = [
  ['website', 'wechat', 'noticeboard', 'kiosk'],
  ['website', 'wechat'],
  ['website', 'noticeboard'],
  ['website', 'kiosk', 'service-center'],
]

/** The corpus's 40 catalog items. */
export function corpusItems(): CatalogItem[] {
  const items: CatalogItem[] = []
  for (let i = 0; i < 40; i++) {
    const [category, abbr, owner] = CATEGORIES[i % CATEGORIES.length]!
    const n = String(Math.floor(i / CATEGORIES.length) + 1).padStart(3, '0')
    items.push({
      code: `HB-${abbr}-${n}`,
      name: `${category}事项${n}`,
      category,
      subcategory: `${category}子项${(i % 3) + 1}`,
      basis: ['《中华人民共和国政府信息公开条例》第二十条', '《中华人民共和国环境保护法》第五十四条'],
      content: '事项名称、依据、程序、结果、办理时限、监督方式',
      owner,
      timeLimit: { kind: 'working-days', days: 20, from: 'formed', text: '信息形成或者变更之日起20个工作日内' },
      channels: CHANNEL_SETS[i % CHANNEL_SETS.length]!,
      audience: 'public',
      mode: 'proactive',
      level: ['county'],
    })
  }
  return items
}

function body(rnd: () => number, withTable: boolean): string {
  const pick = () => PHRASES[Math.floor(rnd() * PHRASES.length)]!
  const para = () => {
    let s = ''
    while (s.length < 150) s += `${pick()}${rnd() < 0.7 ? '，' : '；'}`
    return `${s.slice(0, -1)}。`
  }
  const parts = [para(), '## 一、基本情况', para(), para(), '## 二、主要内容', para()]
  if (withTable) {
    const rows = ['| 监测点位 | 细颗粒物（μg/m³） | 可吸入颗粒物（μg/m³） | 优良天数 |', '| --- | --- | --- | --- |']
    for (let r = 0; r < 8; r++) {
      rows.push(`| 点位${r + 1} | ${20 + Math.floor(rnd() * 20)} | ${40 + Math.floor(rnd() * 30)} | ${20 + Math.floor(rnd() * 10)} |`)
    }
    parts.push(rows.join('\n'))
  }
  parts.push('## 三、下一步工作', para(), '- 加强日常监管，压实企业主体责任。', '- 畅通投诉举报渠道，及时回应群众关切。')
  return parts.join('\n\n')
}

/** Generates the corpus in memory and writes it as a project folder under `dir`. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const rnd = seededRandom(options.seed ?? 20261126)
  const items = corpusItems()
  const catalog = new Catalog(items)
  const config = defineConfig({
    body: { name: '青川县生态环境局', orgCode: '008672531' },
    site: { title: '青川县生态环境局政府信息公开', baseUrl: 'https://www.qingchuan.gov.cn/hbj/gk/' },
  })
  const publications: Publication[] = []
  const start = Date.UTC(2024, 0, 2)
  for (let i = 0; i < options.count; i++) {
    const item = items[i % items.length]!
    const day = new Date(start + Math.floor((i / options.count) * 1000) * 86_400_000).toISOString().slice(0, 10)
    const id = `b${String(i + 1).padStart(6, '0')}`
    const isResponse = i % 50 === 49
    publications.push({
      id,
      item: item.code,
      title: `关于${item.name}的公告（第${i + 1}号）`,
      kind: isResponse ? 'response' : 'release',
      ...(isResponse ? { of: `b${String(i).padStart(6, '0')}` } : {}),
      stage: STAGES[i % STAGES.length]!,
      formed: day,
      published: day,
      review: { by: '王建国', on: day },
      ...(i % 7 === 0 ? { noticePeriod: { from: day, until: day } } : {}),
      attachments: [],
      tags: [],
      body: body(rnd, i % 3 === 0),
      source: { file: `publications/${id}.md`, bodyLine: 12 + (isResponse ? 1 : 0) + (i % 7 === 0 ? 1 : 0) },
    })
  }
  const { disclosures } = createDisclosures(catalog, publications, { orgCode: config.body.orgCode })
  writeProject(options.dir, items, publications)
  return { config, catalog, publications, disclosures, projectDir: options.dir }
}

function yamlString(s: string): string {
  return JSON.stringify(s)
}

function writeProject(dir: string, items: readonly CatalogItem[], publications: readonly Publication[]): void {
  mkdirSync(join(dir, 'publications'), { recursive: true })
  writeFileSync(
    join(dir, 'gongkai.config.yaml'),
    [
      'body:',
      '  name: 青川县生态环境局',
      '  orgCode: "008672531"',
      'site:',
      '  title: 青川县生态环境局政府信息公开',
      '  baseUrl: https://www.qingchuan.gov.cn/hbj/gk/',
      'timezone: Asia/Shanghai',
      '',
    ].join('\n'),
  )
  const catalogYaml = ['items:']
  for (const it of items) {
    catalogYaml.push(
      `  - code: ${it.code}`,
      `    name: ${it.name}`,
      `    category: ${it.category}`,
      `    subcategory: ${it.subcategory ?? ''}`,
      `    basis:`,
      ...it.basis.map((b) => `      - ${yamlString(b)}`),
      `    content: ${it.content}`,
      `    owner: ${it.owner}`,
      `    timeLimit: ${it.timeLimit.text}`,
      `    channels: [${it.channels.join(', ')}]`,
      `    audience: ${it.audience}`,
      `    mode: ${it.mode}`,
      `    level: [${it.level.join(', ')}]`,
    )
  }
  writeFileSync(join(dir, 'catalog.yaml'), `${catalogYaml.join('\n')}\n`)
  for (const p of publications) {
    const fm = [
      '---',
      `id: ${p.id}`,
      `item: ${p.item}`,
      `title: ${yamlString(p.title)}`,
      `kind: ${p.kind}`,
      ...(p.of === undefined ? [] : [`of: ${p.of}`]),
      `stage: ${p.stage}`,
      `formed: ${p.formed}`,
      `published: ${p.published ?? p.formed}`,
      `review: { by: ${p.review?.by ?? ''}, on: ${p.review?.on ?? ''} }`,
      ...(p.noticePeriod === undefined ? [] : [`noticePeriod: { from: ${p.noticePeriod.from}, until: ${p.noticePeriod.until} }`]),
      '---',
      '',
    ]
    writeFileSync(join(dir, 'publications', `${p.id}.md`), `${fm.join('\n')}${p.body}\n`)
  }
}
