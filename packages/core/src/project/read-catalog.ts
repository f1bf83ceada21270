/** catalog.yaml → Catalog (items and the adjustment log), every problem reported with its place. */
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node } from 'yaml'
import { Catalog } from '../catalog/catalog.js'
import { parseChannelName, parseTimeLimit } from '../catalog/time-limit.js'
import type { Diagnostic } from '../diagnostics.js'
import type { Adjustment, AdjustmentKind, Audience, CatalogItem, ChannelName, DisclosureMode, Level, TimeLimit, TimeLimitFrom } from '../model.js'
import { RECORDED_CHANNELS, RENDERED_CHANNELS } from '../model.js'
import { didYouMean } from './did-you-mean.js'
import { Fields } from './fields.js'
import { unsafeReason } from './safe-name.js'
import { YamlSource } from './yaml-source.js'
import type { SourceFile } from './yaml-source.js'

/** The catalog file's name in a project folder. */
export const CATALOG_FILE = 'catalog.yaml'

const ITEM = ['code', 'name', 'category', 'subcategory', 'basis', 'content', 'owner', 'timeLimit', 'channels', 'audience', 'mode', 'level', 'notes'] as const
const ADJUSTMENT = ['date', 'kind', 'code', 'reason', 'basis', 'to', 'changes'] as const
const TIME_LIMIT = ['workingDays', 'calendarDays', 'from', 'text', 'annual', 'realtime', 'longTerm'] as const

/** Accepted spellings of 公开对象, 公开方式, 公开层级 and the adjustment kinds, Chinese included. */
export const AUDIENCES: Readonly<Record<string, Audience>> = { public: 'public', specific: 'specific', 全社会: 'public', 特定群体: 'specific', 特定对象: 'specific' }
export const MODES: Readonly<Record<string, DisclosureMode>> = {
  proactive: 'proactive',
  'on-request': 'on-request',
  主动: 'proactive',
  主动公开: 'proactive',
  依申请: 'on-request',
  依申请公开: 'on-request',
}
export const LEVELS: Readonly<Record<string, Level>> = { county: 'county', township: 'township', 县级: 'county', 县: 'county', 乡级: 'township', 乡: 'township', 乡镇: 'township' }
export const ADJUSTMENT_KINDS: Readonly<Record<string, AdjustmentKind>> = {
  add: 'add',
  cancel: 'cancel',
  delegate: 'delegate',
  assume: 'assume',
  retain: 'retain',
  amend: 'amend',
  新增: 'add',
  取消: 'cancel',
  下放: 'delegate',
  承接: 'assume',
  保留: 'retain',
  变更: 'amend',
}
const FROMS: Readonly<Record<string, TimeLimitFrom>> = { formed: 'formed', decided: 'decided', event: 'event', 形成: 'formed', 决定: 'decided', 事件: 'event' }

const CHANNEL_IDS: readonly string[] = [...RENDERED_CHANNELS, ...Object.keys(RECORDED_CHANNELS)]

type MutableItem = { -readonly [K in keyof CatalogItem]?: CatalogItem[K] }

/** Reads the elements of an item (or the changed elements of an amendment). */
function readElements(src: YamlSource, f: Fields, required: boolean): MutableItem {
  const out: MutableItem = {}
  const set = <K extends keyof MutableItem>(key: K, value: MutableItem[K] | undefined) => {
    if (value !== undefined) out[key] = value
  }
  set('name', f.string('name', '事项名称', required))
  set('category', f.string('category', '一级事项', required))
  set('subcategory', f.string('subcategory', '二级事项'))
  set('basis', f.strings('basis', '公开依据', required))
  set('content', f.string('content', '公开内容', required, 'lines'))
  set('owner', f.string('owner', '公开主体', required))
  set('timeLimit', readTimeLimit(src, f, required))
  set('channels', readChannels(src, f, required))
  set('audience', f.choice('audience', '公开对象', AUDIENCES, required))
  set('mode', f.choice('mode', '公开方式', MODES, required))
  set('level', f.choices('level', '公开层级', LEVELS, required))
  set('notes', f.string('notes', '情况说明', false, 'lines'))
  return out
}

function readTimeLimit(src: YamlSource, f: Fields, required: boolean): TimeLimit | undefined {
  const node = f.node('timeLimit')
  if (node === undefined) {
    if (required) f.missing('timeLimit', '公开时限', '例如 timeLimit: 信息形成或者变更之日起20个工作日内')
    return undefined
  }
  if (isScalar(node)) {
    const text = f.string('timeLimit', '公开时限', required)
    if (text === undefined) return undefined
    const limit = parseTimeLimit(text)
    if (limit.kind === 'unknown') {
      f.report(
        node,
        'unknown-time-limit',
        `${f.what}的公开时限“${text}”无法识别，不计算期限`,
        '可写作“信息形成或者变更之日起20个工作日内”“自受理之日起15日内”“每年1月31日前”“实时”“长期公开”，或写成 { workingDays: 20, from: formed }',
        'warning',
      )
    }
    return limit
  }
  const map = f.mapping('timeLimit', '公开时限')
  if (map === undefined) return undefined
  const t = new Fields(src, map, 'catalog', `${f.what}的公开时限`, f.subject)
  t.unknown(TIME_LIMIT)
  const from = t.choice('from', '起算', FROMS) ?? 'formed'
  const given = t.string('text', '原文')
  const start = from === 'formed' ? '信息形成或者变更之日起' : from === 'decided' ? '自作出决定之日起' : '自事件发生之日起'
  const working = t.count('workingDays', '工作日数')
  if (working !== undefined) return { kind: 'working-days', days: working, from, text: given ?? `${start}${working}个工作日内` }
  const calendar = t.count('calendarDays', '自然日数')
  if (calendar !== undefined) return { kind: 'calendar-days', days: calendar, from, text: given ?? `${start}${calendar}日内` }
  const annual = t.string('annual', '每年截止日')
  if (annual !== undefined) {
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(annual)
    const month = Number(m?.[1])
    const day = Number(m?.[2])
    if (m === null || month < 1 || month > 12 || day < 1 || day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!) {
      t.report(t.at('annual'), 'bad-value', `${f.what}的每年截止日“${annual}”不对`, '写作 "MM-DD"（加引号），例如 annual: "01-31"')
      return undefined
    }
    return { kind: 'annual', month, day, text: given ?? `每年${month}月${day}日前` }
  }
  if (t.bool('realtime', '实时') === true) return { kind: 'realtime', text: given ?? '实时' }
  if (t.bool('longTerm', '长期公开') === true) return { kind: 'long-term', text: given ?? '长期公开' }
  if (given !== undefined) return parseTimeLimit(given)
  t.report(map, 'bad-value', `${f.what}的公开时限没有写明期限`, '写 workingDays、calendarDays、annual、realtime 或 longTerm 之一，例如 { workingDays: 20, from: formed }')
  return undefined
}

function readChannels(src: YamlSource, f: Fields, required: boolean): ChannelName[] | undefined {
  const node = f.node('channels')
  const labels = f.strings('channels', '公开渠道', required)
  if (labels === undefined) return undefined
  const out: ChannelName[] = []
  labels.forEach((label, i) => {
    const id = parseChannelName(label)
    if (id === undefined) {
      const itemNode = node !== undefined && isSeq(node) ? ((node.items[i] as Node | undefined) ?? node) : node
      const near = didYouMean(label, CHANNEL_IDS)
      src.report(
        itemNode,
        'catalog/unknown-channel',
        'error',
        `${f.what}的公开渠道“${label}”无法识别`,
        `${near === undefined ? '' : `是否想写“${near}”？`}可写 ${RENDERED_CHANNELS.join('、')}，或国家目录中的渠道名称（政府网站、两微一端、公示栏……）`,
        f.subject,
      )
      return
    }
    if (!out.includes(id)) out.push(id)
  })
  return out
}

/**
 * Reads and validates catalog.yaml; never throws. The catalog keeps every item that has a usable
 * code. `usable` is false when the file is missing or unreadable as YAML.
 */
export function readCatalog(source: SourceFile | undefined, diagnostics: Diagnostic[]): { catalog: Catalog; usable: boolean } {
  const { items, adjustments, usable } = readCatalogData(source, diagnostics)
  return { catalog: new Catalog(items, adjustments), usable }
}

/** What catalog.yaml gives, as plain data (the load cache keeps it): items as written, the adjustment log, and whether the file could be read at all. */
export interface CatalogData {
  readonly items: readonly CatalogItem[]
  readonly adjustments: readonly Adjustment[]
  readonly usable: boolean
}

/** catalog.yaml → its items and adjustment log, every problem reported with its place. */
export function readCatalogData(source: SourceFile | undefined, diagnostics: Diagnostic[]): CatalogData {
  const codes = new Map<string, { line?: number; column?: number }>()
  if (source === undefined) {
    diagnostics.push({
      code: 'catalog/missing-file',
      severity: 'error',
      message: `找不到标准目录文件 ${CATALOG_FILE}`,
      hint: '请在项目目录中创建它，或用 gongkai import 从国家目录表格导入',
      file: CATALOG_FILE,
    })
    return { items: [], adjustments: [], usable: false }
  }
  const src = new YamlSource(source.file, source.text, diagnostics)
  // A file YAML cannot read is reported once; guessing its items would only add noise.
  if (src.broken) return { items: [], adjustments: [], usable: false }
  const root = src.rootMap('catalog/bad-type', '标准目录文件')
  if (root === undefined) return { items: [], adjustments: [], usable: false }
  const top = new Fields(src, root, 'catalog', '标准目录')
  top.unknown(['items', 'adjustments'])

  const items: CatalogItem[] = []
  const itemsNode = top.node('items')
  if (itemsNode === undefined) top.missing('items', '事项列表', '每个事项写成“- code: …”')
  else if (!isSeq(itemsNode)) top.report(itemsNode, 'bad-type', '事项列表（items）应当是列表', '每个事项写成“- code: …”')
  else {
    for (const node of itemsNode.items as (Node | null)[]) {
      if (!isMap(node)) {
        src.report(node ?? itemsNode, 'catalog/bad-type', 'error', '事项应当是“字段: 值”的形式', '每个事项写成“- code: …”')
        continue
      }
      const codeNode = node.get('code', true) as Node | undefined
      const code0 = codeNode === undefined ? undefined : src.sourceOf(codeNode)
      const f = new Fields(src, node, 'catalog', code0 === undefined ? '事项' : `事项“${code0}”`, code0)
      f.unknown(ITEM)
      const code = f.string('code', '事项编码', true, 'name')
      const elements = readElements(src, f, true)
      if (code === undefined) continue
      const why = unsafeReason(code)
      if (why !== undefined) {
        f.report(f.at('code'), 'unsafe-code', `事项编码“${code}”不能用作文件名：${why}`, '事项编码只用字母、数字、连字符和下划线，例如 HB-XZCF-001')
        continue
      }
      if (codes.has(code)) {
        const first = codes.get(code)
        f.report(f.at('code'), 'duplicate-code', `事项编码“${code}”重复${first?.line === undefined ? '' : `（第 ${first.line} 行已有）`}`, '每个事项的编码都要不同；这一项已忽略')
        continue
      }
      codes.set(code, src.position(f.at('code')) ?? {})
      // A broken element is reported above; the item stays usable so its publications are not reported twice.
      items.push({
        code,
        name: elements.name ?? code,
        category: elements.category ?? '',
        basis: elements.basis ?? [],
        content: elements.content ?? '',
        owner: elements.owner ?? '',
        timeLimit: elements.timeLimit ?? { kind: 'unknown', text: '' },
        channels: elements.channels ?? [],
        audience: elements.audience ?? 'public',
        mode: elements.mode ?? 'proactive',
        level: elements.level ?? ['county'],
        ...(elements.subcategory === undefined ? {} : { subcategory: elements.subcategory }),
        ...(elements.notes === undefined ? {} : { notes: elements.notes }),
      })
    }
  }

  const adjustments: Adjustment[] = []
  const adjNode = top.node('adjustments')
  if (adjNode !== undefined && !isSeq(adjNode)) top.report(adjNode, 'bad-type', '动态调整（adjustments）应当是列表', '每条调整写成“- date: …”')
  else if (adjNode !== undefined) {
    for (const node of adjNode.items as (Node | null)[]) {
      if (!isMap(node)) {
        src.report(node ?? adjNode, 'catalog/bad-type', 'error', '动态调整应当是“字段: 值”的形式', '每条调整写成“- date: …”')
        continue
      }
      const codeNode = node.get('code', true) as Node | undefined
      const code0 = codeNode === undefined ? undefined : src.sourceOf(codeNode)
      const f = new Fields(src, node, 'catalog', code0 === undefined ? '动态调整' : `事项“${code0}”的动态调整`, code0)
      f.unknown(ADJUSTMENT)
      const date = f.date('date', '调整日期', true)
      const kind = f.choice('kind', '调整类型', ADJUSTMENT_KINDS, true)
      const code = f.string('code', '事项编码', true, 'name')
      const reason = f.string('reason', '调整原因', true, 'lines')
      const basis = f.string('basis', '调整依据')
      const to = f.string('to', '承接单位')
      let changes: MutableItem | undefined
      const changesMap = f.mapping('changes', '变更内容', kind === 'amend')
      if (changesMap !== undefined) {
        const c = new Fields(src, changesMap, 'catalog', `${f.what}的变更内容`, code0)
        c.unknown(ITEM.filter((k) => k !== 'code'))
        changes = readElements(src, c, false)
      }
      if (code !== undefined && !codes.has(code)) {
        const near = didYouMean(code, codes.keys())
        f.report(f.at('code'), 'unknown-item', `动态调整中的事项编码“${code}”不在 items 中`, `${near === undefined ? '' : `是否想写“${near}”？`}新增、承接的事项也要先写进 items`)
        continue
      }
      if (date === undefined || kind === undefined || code === undefined || reason === undefined) continue
      adjustments.push({
        date,
        kind,
        code,
        reason,
        ...(basis === undefined ? {} : { basis }),
        ...(to === undefined ? {} : { to }),
        ...(changes === undefined ? {} : { changes }),
      })
    }
  }
  return { items, adjustments, usable: true }
}
