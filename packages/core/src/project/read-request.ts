/**
 * One file of the register of requests (`requests/**\/*.yaml`, 依申请公开登记) → Request, with every
 * problem of the file itself reported at its line and column, as publications are. The checks that
 * need the calendar (补正 within 7 working days, an extension after the due date) are in
 * request-clock.ts; those that need the other files (a duplicate id) in validate.ts.
 */
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node } from 'yaml'
import type { Diagnostic } from '../diagnostics.js'
import { APPEAL_KINDS, APPEAL_RESULTS, APPLICANT_TYPES, OUTCOME_RESULTS, REQUEST_CHANNELS } from '../model.js'
import type { Appeal, AppealKind, AppealResult, ApplicantType, OutcomeResult, Request, RequestChannel, RequestEvent, RequestOutcome } from '../model.js'
import { didYouMean } from './did-you-mean.js'
import { Fields } from './fields.js'
import { unsafeReason } from './safe-name.js'
import { YamlSource } from './yaml-source.js'
import type { Position, SourceFile } from './yaml-source.js'

/** The folder of the register. */
export const REQUESTS_DIR = 'requests'

const FIELDS = ['id', 'received', 'channel', 'applicant', 'content', 'owner', 'events', 'outcome', 'fee', 'appeals'] as const

const same = <T extends string>(values: readonly T[]): Record<string, T> => Object.fromEntries(values.map((v) => [v, v]))

const CHANNELS: Readonly<Record<string, RequestChannel>> = {
  ...same(REQUEST_CHANNELS),
  信函: '邮寄',
  挂号信: '邮寄',
  平邮: '邮寄',
  网上: '网络',
  网上申请: '网络',
  邮件: '电子邮件',
  email: '电子邮件',
}
const APPLICANTS: Readonly<Record<string, ApplicantType>> = { ...same(APPLICANT_TYPES), 公民: '自然人', 个人: '自然人', 企业: '商业企业', 律师事务所: '法律服务机构' }
const APPEAL_KIND_NAMES: Readonly<Record<string, AppealKind>> = {
  ...same(APPEAL_KINDS),
  '行政诉讼/未经复议直接起诉': '未经复议直接起诉',
  '行政诉讼/复议后起诉': '复议后起诉',
  '行政诉讼（未经复议直接起诉）': '未经复议直接起诉',
  '行政诉讼（复议后起诉）': '复议后起诉',
}
const APPEAL_RESULT_NAMES: Readonly<Record<string, AppealResult>> = { ...same(APPEAL_RESULTS), 结果维持: '维持', 结果纠正: '纠正', 其他结果: '其他' }
const EVENT_KINDS = ['补正', '补正完成', '征求意见', '延期'] as const

/**
 * The row of 表三 a result names: the row as written (`不予公开/保护第三方合法权益`), with a full-width
 * slash or straight quotes accepted as the same row. Anything else is undefined.
 */
export function outcomeRow(text: string): OutcomeResult | undefined {
  const t = text
    .trim()
    .replace(/\s*[／/]\s*/, '/')
    .replace(/["＂]([^"＂]*)["＂]/g, '“$1”')
  return (OUTCOME_RESULTS as readonly string[]).includes(t) ? (t as OutcomeResult) : undefined
}

/** The rows of 表三 in the hint of a bad result, grouped as the table groups them. */
export function outcomeRowsHint(): string {
  const groups = new Map<string, string[]>()
  for (const r of OUTCOME_RESULTS) {
    const [group, row] = r.split('/')
    const list = groups.get(group ?? r) ?? []
    if (row !== undefined) list.push(row)
    groups.set(group ?? r, list)
  }
  return [...groups].map(([g, rows]) => (rows.length === 0 ? g : `${g}/（${rows.join('、')}）`)).join('；')
}

/** What one request file gave. */
export interface RequestFileResult {
  readonly file: string
  /** Absent when a required field is missing or broken: the file is reported and counted nowhere. */
  readonly request?: Request
  readonly diagnostics: Diagnostic[]
}

function nest(into: Record<string, Position>, key: string, from: Readonly<Record<string, Position>>): void {
  for (const [k, v] of Object.entries(from)) into[`${key}.${k}`] = v
}

/** Reads one request file; never throws. */
export function readRequest(source: SourceFile): RequestFileResult {
  const { file } = source
  const diagnostics: Diagnostic[] = []
  const src = new YamlSource(file, source.text, diagnostics)
  const map = src.rootMap('request/shape', `依申请公开登记文件 ${file} `)
  if (map === undefined) return { file, diagnostics }
  const idGuess = (() => {
    const p = map.items.find((x) => isScalar(x.key) && x.key.value === 'id')
    return p !== undefined && isScalar(p.value) ? String(p.value.value) : undefined
  })()
  const f = new Fields(src, map, 'request', `申请“${idGuess ?? file}”`, idGuess)
  f.unknown(FIELDS)
  const positions: Record<string, Position> = {}
  let ok = true

  const id = f.string('id', '申请编号', true, 'name')
  if (id !== undefined) {
    const why = unsafeReason(id)
    if (why !== undefined) {
      f.report(f.at('id'), 'bad-id', `申请编号“${id}”${why}`, '编号只用字母、数字、连字符和下划线，如 2026-ysq-001')
      ok = false
    }
  } else ok = false
  const received = f.date('received', '收到申请日期', true)
  if (received === undefined) ok = false
  const channel = f.choice('channel', '申请方式', CHANNELS, true)
  if (channel === undefined) ok = false
  const content = f.string('content', '申请内容', true, 'lines')
  if (content === undefined) ok = false
  const owner = f.string('owner', '承办科室')
  const applicant = readApplicant(src, f, id, positions)
  if (applicant === undefined) ok = false
  const events = readEvents(src, f, id, received, positions)
  const outcome = readOutcome(src, f, id, received, positions)
  if (outcome === null) ok = false
  const fee = readFee(f)
  const appeals = readAppeals(src, f, id, positions)
  Object.assign(positions, f.positions)
  if (outcome !== null && outcome !== undefined) {
    for (const e of events) {
      const day = e.kind === '征求意见' ? e.from : e.on
      if (day > outcome.on) {
        const key = `events.${events.indexOf(e)}.${e.kind === '征求意见' ? 'from' : 'on'}`
        const pos = positions[key]
        diagnostics.push({
          code: 'request/event-after-outcome',
          severity: 'error',
          message: `申请“${id ?? file}”的${e.kind}（${day}）晚于答复日期 ${outcome.on}`,
          hint: '答复之后办理已经结束：请核对这一事件或答复（outcome.on）的日期',
          file,
          ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
          ...(id === undefined ? {} : { subject: id }),
        })
      }
    }
  }
  if (!ok || id === undefined || received === undefined || channel === undefined || content === undefined || applicant === undefined || outcome === null) return { file, diagnostics }
  const request: Request = {
    id,
    received,
    channel,
    applicant,
    content,
    ...(owner === undefined ? {} : { owner }),
    events,
    ...(outcome === undefined ? {} : { outcome }),
    ...(fee === undefined ? {} : { fee }),
    appeals,
    source: { file, fields: positions },
  }
  return { file, request, diagnostics }
}

function readApplicant(src: YamlSource, f: Fields, subject: string | undefined, positions: Record<string, Position>): Request['applicant'] | undefined {
  const map = f.mapping('applicant', '申请人', true)
  if (map === undefined) return undefined
  const a = new Fields(src, map, 'request', `${f.what}的申请人`, subject)
  a.unknown(['type', 'name', 'address'])
  const type = a.choice('type', '申请人类型', APPLICANTS, true)
  const name = a.string('name', '申请人姓名或名称')
  const address = a.string('address', '通讯地址')
  nest(positions, 'applicant', a.positions)
  if (type === undefined) return undefined
  return { type, ...(name === undefined ? {} : { name }), ...(address === undefined ? {} : { address }) }
}

function readEvents(src: YamlSource, f: Fields, subject: string | undefined, received: string | undefined, positions: Record<string, Position>): RequestEvent[] {
  const node = f.node('events')
  if (node === undefined) return []
  const at = src.position(node)
  if (at !== undefined) positions['events'] = at
  if (!isSeq(node)) {
    f.report(node, 'bad-type', `${f.what}的办理过程（events）应当是列表`, '每个事件写成“- { kind: 补正, on: 2026-03-04 }”')
    return []
  }
  const out: { event: RequestEvent; index: number }[] = []
  for (const [index, item] of (node.items as (Node | null)[]).entries()) {
    if (!isMap(item)) {
      src.report(item ?? node, 'request/bad-type', 'error', `${f.what}的第 ${index + 1} 个办理事件应当写成 { kind: …, on: … }`, '例如 - { kind: 补正, on: 2026-03-04 }', subject)
      continue
    }
    const e = new Fields(src, item, 'request', `${f.what}的第 ${index + 1} 个办理事件`, subject)
    const kind = e.choice('kind', '事件类型', same(EVENT_KINDS), true)
    const event = readEvent(e, kind)
    nest(positions, `events.${index}`, e.positions)
    if (event === undefined) continue
    const first = event.kind === '征求意见' ? event.from : event.on
    if (received !== undefined && first < received) {
      e.report(
        e.at(event.kind === '征求意见' ? 'from' : 'on'),
        'event-before-received',
        `${e.what}（${event.kind}）的日期 ${first} 早于收到申请的日期 ${received}`,
        '请核对日期：收到申请之前不会有办理事件',
      )
      continue
    }
    out.push({ event, index })
  }
  // Kept in date order (the order of the file breaks ties), and their places follow them.
  const day = (e: RequestEvent) => (e.kind === '征求意见' ? e.from : e.on)
  const sorted = [...out].sort((a, b) => (day(a.event) < day(b.event) ? -1 : day(a.event) > day(b.event) ? 1 : a.index - b.index))
  const moved: Record<string, Position> = {}
  sorted.forEach((s, i) => {
    for (const [k, v] of Object.entries(positions)) if (k.startsWith(`events.${s.index}.`)) moved[`events.${i}.${k.slice(`events.${s.index}.`.length)}`] = v
  })
  for (const k of Object.keys(positions)) if (/^events\.\d+\./.test(k)) delete positions[k]
  Object.assign(positions, moved)
  return sorted.map((s) => s.event)
}

function readEvent(e: Fields, kind: (typeof EVENT_KINDS)[number] | undefined): RequestEvent | undefined {
  switch (kind) {
    case undefined:
      e.unknown(['kind', 'on', 'from', 'to', 'approvedBy'])
      return undefined
    case '补正':
    case '补正完成': {
      e.unknown(['kind', 'on'])
      const on = e.date('on', kind === '补正' ? '发出补正告知日期' : '收到补正材料日期', true)
      return on === undefined ? undefined : { kind, on }
    }
    case '征求意见': {
      e.unknown(['kind', 'from', 'to'])
      const from = e.date('from', '征求第三方意见开始日期', true)
      const to = e.date('to', '征求第三方意见结束日期', true)
      if (from === undefined || to === undefined) return undefined
      if (to < from) {
        e.report(e.at('to'), 'bad-period', `${e.what}（征求意见）的结束日期 ${to} 早于开始日期 ${from}`, 'from 写发出征求意见的日期，to 写收到第三方意见（或期限届满）的日期')
        return undefined
      }
      return { kind, from, to }
    }
    case '延期': {
      e.unknown(['kind', 'on', 'approvedBy'])
      const on = e.date('on', '延期决定日期', true)
      const approvedBy = e.string('approvedBy', '批准人', true)
      return on === undefined || approvedBy === undefined ? undefined : { kind, on, approvedBy }
    }
  }
}

/** Undefined when absent, null when broken (the request is then not counted: a half outcome would count wrong). */
function readOutcome(src: YamlSource, f: Fields, subject: string | undefined, received: string | undefined, positions: Record<string, Position>): RequestOutcome | undefined | null {
  if (f.pair('outcome') === undefined) return undefined
  const map = f.mapping('outcome', '办理结果', true)
  if (map === undefined) return null
  const o = new Fields(src, map, 'request', `${f.what}的办理结果`, subject)
  o.unknown(['on', 'result', 'basis', 'note'])
  const on = o.date('on', '答复日期', true)
  const text = o.string('result', '办理结果（表三的一行）', true)
  const basis = o.string('basis', '答复依据')
  const note = o.string('note', '答复说明', false, 'lines')
  nest(positions, 'outcome', o.positions)
  let result: OutcomeResult | undefined
  if (text !== undefined) {
    result = outcomeRow(text)
    if (result === undefined) {
      const sub = OUTCOME_RESULTS.find((r) => r.split('/')[1] === text.trim())
      const near = sub ?? didYouMean(text, OUTCOME_RESULTS)
      o.report(
        o.at('result'),
        'bad-outcome',
        `${o.what}“${text}”不是《政府信息公开工作年度报告》表三中的一行`,
        `${near === undefined ? '' : `是否想写“${near}”？`}可选的办理结果：${outcomeRowsHint()}（有分项的写“类别/分项”，如 不予公开/保护第三方合法权益）`,
      )
    }
  }
  if (on !== undefined && received !== undefined && on < received) {
    o.report(o.at('on'), 'outcome-before-received', `${o.what}的答复日期 ${on} 早于收到申请的日期 ${received}`, '请核对 received 和 outcome.on')
    return null
  }
  if (on === undefined || result === undefined) return null
  return { on, result, ...(basis === undefined ? {} : { basis }), ...(note === undefined ? {} : { note }) }
}

function readFee(f: Fields): number | undefined {
  const node = f.node('fee')
  if (node === undefined) return undefined
  if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) && node.value >= 0) return node.value
  f.report(node, 'bad-fee', `${f.what}的收费（fee）应当是不小于 0 的金额（元）`, '不收费写 0；按《政府信息公开信息处理费管理办法》收费的写元数，如 fee: 100')
  return undefined
}

function readAppeals(src: YamlSource, f: Fields, subject: string | undefined, positions: Record<string, Position>): Appeal[] {
  const node = f.node('appeals')
  if (node === undefined) return []
  if (!isSeq(node)) {
    f.report(node, 'bad-type', `${f.what}的复议和诉讼（appeals）应当是列表`, '例如 appeals: [{ kind: 行政复议, result: 维持 }]')
    return []
  }
  const out: Appeal[] = []
  for (const [index, item] of (node.items as (Node | null)[]).entries()) {
    if (!isMap(item)) {
      src.report(item ?? node, 'request/bad-type', 'error', `${f.what}的第 ${index + 1} 项复议或诉讼应当写成 { kind: …, result: … }`, '例如 - { kind: 行政复议, result: 维持 }', subject)
      continue
    }
    const a = new Fields(src, item, 'request', `${f.what}的第 ${index + 1} 项复议或诉讼`, subject)
    a.unknown(['kind', 'result', 'on'])
    const kindText = a.string('kind', '类型', true)
    let kind: AppealKind | undefined
    if (kindText !== undefined) {
      kind = APPEAL_KIND_NAMES[kindText.replace(/\s*[／/]\s*/, '/')]
      if (kind === undefined)
        a.report(
          a.at('kind'),
          'bad-appeal-kind',
          `${a.what}的类型不能是“${kindText}”`,
          kindText === '行政诉讼' ? '行政诉讼要分开写：未经复议直接起诉，或 复议后起诉（表四分两栏统计）' : '可选值：行政复议、未经复议直接起诉、复议后起诉',
        )
    }
    const result = a.choice('result', '结果', APPEAL_RESULT_NAMES, true)
    const on = a.date('on', '提起日期')
    nest(positions, `appeals.${index}`, a.positions)
    if (kind !== undefined && result !== undefined) out.push({ kind, result, ...(on === undefined ? {} : { on }) })
  }
  return out
}
