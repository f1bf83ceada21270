/**
 * The figures of 政府信息公开工作年度报告 in the format of 国办公开办函〔2021〕30号: 表二 (proactive
 * disclosure) from the publications and the catalog, 表三 (requests) from the register, 表四
 * (复议 and 诉讼) from the requests' appeals, with the table's own cross-check 一 + 二 = 三(七)总计 + 四
 * enforced request by request. Pure: the same register and year give the same tables.
 */
import type { Catalog } from './catalog/catalog.js'
import type { Diagnostic } from './diagnostics.js'
import { effectiveValidity } from './due.js'
import { APPEAL_KINDS, APPEAL_RESULTS, APPLICANT_TYPES, OUTCOME_RESULTS } from './model.js'
import type { AppealKind, CatalogItem, OutcomeResult, Publication, Request } from './model.js'

/** The seven columns of 表三: the six applicant types and 总计. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPES, '总计'] as const
/** A column of 表三. */
export type Table3Column = (typeof TABLE3_COLUMNS)[number]

/** The rows of 表三, keyed as `--json` prints them: 一, 二, every result row of 三 and its 总计, 四. */
export const TABLE3_ROWS = ['本年新收', '上年结转', ...OUTCOME_RESULTS, '总计', '结转下年度'] as const
/** A row of 表三. */
export type Table3Row = (typeof TABLE3_ROWS)[number]

/** The columns of 表四 within each group. */
export const TABLE4_COLUMNS = [...APPEAL_RESULTS, '总计'] as const
/** A column of 表四. */
export type Table4Column = (typeof TABLE4_COLUMNS)[number]

/** 表二's rows and their columns, as `--json` prints them. */
export interface Table2 {
  readonly 规章: { readonly 本年制发件数: number; readonly 本年废止件数: number; readonly 现行有效件数: number }
  readonly 行政规范性文件: { readonly 本年制发件数: number; readonly 本年废止件数: number; readonly 现行有效件数: number }
  readonly 行政许可: { readonly 本年处理决定数量: number }
  readonly 行政处罚: { readonly 本年处理决定数量: number }
  readonly 行政强制: { readonly 本年处理决定数量: number }
  readonly 行政事业性收费: { readonly 本年收费金额: number }
}

/** What `reports/YEAR.yaml` may set: decisions not published, fees, and last year's published 结转. */
export interface ReportFigures {
  readonly 行政许可?: number
  readonly 行政处罚?: number
  readonly 行政强制?: number
  /** 行政事业性收费, 万元. */
  readonly 行政事业性收费?: number
  /** 上年结转 as last year's published report gave it (its 结转下年度): checked against the register. */
  readonly 上年结转?: number
}

/** The three tables of one year, and what keeps them from adding up. */
export interface AnnualReportTables {
  readonly year: number
  readonly table2: Table2
  readonly table3: Readonly<Record<Table3Row, Readonly<Record<Table3Column, number>>>>
  readonly table4: Readonly<Record<AppealKind, Readonly<Record<Table4Column, number>>>>
  /** Ids counted in each row (the request behind every figure), for the cross-check and audits. */
  readonly counted: Readonly<Record<'本年新收' | '上年结转' | '办理结果' | '结转下年度', readonly string[]>>
  /** `report/cross-check` errors, one per request that breaks 一 + 二 = 三 + 四, and a figure that does not match the register. */
  readonly diagnostics: readonly Diagnostic[]
}

/** Options of `computeAnnualReport`. */
export interface AnnualReportInput {
  readonly year: number
  /** Every request that could be read. */
  readonly requests: readonly Request[]
  /** Every publication that could be read (withdrawn ones included: they were published that year). */
  readonly publications: readonly Publication[]
  readonly catalog: Catalog
  readonly figures?: ReportFigures
  /** Where the figures came from, for messages (`reports/2026.yaml`). */
  readonly figuresFile?: string
  /** The figures' places in that file, by key. */
  readonly figurePlaces?: Readonly<Record<string, { readonly line: number; readonly column: number }>>
  /** IANA timezone for 有效性 on 31 December; default Asia/Shanghai. */
  readonly timezone?: string
}

const zeroColumns = (): Record<Table3Column, number> => Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Record<Table3Column, number>

/** The kind of a catalog item for 表二, from its level-1 and level-2 headings and its name. */
export function table2KindOf(item: CatalogItem): '规章' | '行政规范性文件' | '行政许可' | '行政处罚' | '行政强制' | undefined {
  const words = `${item.category} ${item.subcategory ?? ''} ${item.name}`
  if (words.includes('规范性文件')) return '行政规范性文件'
  if (words.includes('规章')) return '规章'
  // 办事指南 and 事项清单 under 行政许可 are not decisions: only results (结果, 决定) and 行政强制 count.
  if (item.subcategory === '行政强制' || item.name.includes('行政强制')) return '行政强制'
  if (!/决定|结果|行政强制/.test(`${item.subcategory ?? ''}${item.name}`)) return undefined
  if (item.category === '行政许可' || item.category === '行政处罚' || item.category === '行政强制') return item.category
  return undefined
}

/** The year a request's appeal belongs to: its own date, or the outcome's, or the receipt's. */
function appealYear(r: Request, on: string | undefined): number {
  return Number((on ?? r.outcome?.on ?? r.received).slice(0, 4))
}

/** Computes 表二, 表三 and 表四 of `year`. Never throws on content: what does not add up is in `diagnostics`. */
export function computeAnnualReport(input: AnnualReportInput): AnnualReportTables {
  const { year, requests } = input
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  const diagnostics: Diagnostic[] = []
  const place = (r: Request, field: string) => {
    const pos = r.source.fields?.[field]
    return { file: r.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: r.id }
  }

  // 表三
  const table3 = Object.fromEntries(TABLE3_ROWS.map((row) => [row, zeroColumns()])) as Record<Table3Row, Record<Table3Column, number>>
  const add = (row: Table3Row, r: Request) => {
    table3[row][r.applicant.type]++
    table3[row].总计++
  }
  const counted = { 本年新收: [] as string[], 上年结转: [] as string[], 办理结果: [] as string[], 结转下年度: [] as string[] }
  for (const r of [...requests].sort((a, b) => a.id.localeCompare(b.id))) {
    const newThisYear = r.received >= first && r.received <= last
    const carriedIn = r.received < first && (r.outcome === undefined || r.outcome.on >= first)
    const concluded = r.outcome !== undefined && r.outcome.on >= first && r.outcome.on <= last
    const carriedOut = r.received <= last && (r.outcome === undefined || r.outcome.on > last)
    if (newThisYear) {
      add('本年新收', r)
      counted.本年新收.push(r.id)
    }
    if (carriedIn) {
      add('上年结转', r)
      counted.上年结转.push(r.id)
    }
    if (concluded && r.outcome !== undefined) {
      add(r.outcome.result, r)
      add('总计', r)
      counted.办理结果.push(r.id)
    }
    if (carriedOut) {
      add('结转下年度', r)
      counted.结转下年度.push(r.id)
    }
    // Each request that enters the year (一 or 二) must leave it once (三 or 四), and no other.
    const enters = (newThisYear ? 1 : 0) + (carriedIn ? 1 : 0)
    const leaves = (concluded ? 1 : 0) + (carriedOut ? 1 : 0)
    if (enters !== leaves) {
      const why =
        enters === 0
          ? `答复日期 ${r.outcome?.on ?? ''} 在 ${year} 年，收到日期 ${r.received} 却在 ${year} 年之后`
          : `收到日期 ${r.received}，答复日期 ${r.outcome?.on ?? '（无）'}：计入了${newThisYear ? '“本年新收”' : '“上年结转”'}，却不在“本年度办理结果”或“结转下年度”中`
      diagnostics.push({
        code: 'report/cross-check',
        severity: 'error',
        message: `申请“${r.id}”使 ${year} 年表三不平衡（一+二≠三总计+四）：${why}`,
        hint: '请核对这件申请的 received 和 outcome.on：每件申请在收到的年度计入“本年新收”，在答复的年度计入办理结果，尚未答复的结转下年度',
        ...place(r, r.outcome === undefined ? 'received' : 'outcome.on'),
      })
    }
  }
  const t = (row: Table3Row) => table3[row].总计
  if (t('本年新收') + t('上年结转') !== t('总计') + t('结转下年度') && !diagnostics.some((d) => d.code === 'report/cross-check'))
    diagnostics.push({ code: 'report/cross-check', severity: 'error', message: `${year} 年表三不平衡：一+二=${t('本年新收') + t('上年结转')}，三总计+四=${t('总计') + t('结转下年度')}` })
  const declared = input.figures?.上年结转
  if (declared !== undefined && declared !== t('上年结转')) {
    const pos = input.figurePlaces?.['上年结转']
    diagnostics.push({
      code: 'report/carried-over-mismatch',
      severity: 'error',
      message: `${input.figuresFile ?? `reports/${year}.yaml`} 写的上年结转 ${declared} 件与登记簿不符：登记簿中 ${year - 1} 年及以前收到、${year} 年仍在办理的申请共 ${t('上年结转')} 件（${counted.上年结转.join('、') || '无'}）`,
      hint: `上年结转应等于 ${year - 1} 年报告的“结转下年度继续办理”：请把缺少的申请补进 requests/，或改正这个数`,
      ...(input.figuresFile === undefined ? {} : { file: input.figuresFile }),
      ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
    })
  }

  // 表四
  const table4 = Object.fromEntries(APPEAL_KINDS.map((k) => [k, Object.fromEntries([...APPEAL_RESULTS, '总计'].map((c) => [c, 0]))])) as Record<AppealKind, Record<Table4Column, number>>
  for (const r of requests)
    for (const a of r.appeals) {
      if (appealYear(r, a.on) !== year) continue
      table4[a.kind][a.result]++
      table4[a.kind].总计++
    }

  // 表二
  const docs = { 规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }, 行政规范性文件: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 } }
  const decisions = { 行政许可: 0, 行政处罚: 0, 行政强制: 0 }
  const yearEnd = new Date(`${last}T12:00:00+08:00`)
  for (const p of input.publications) {
    if (p.kind !== 'release') continue
    const item = input.catalog.get(p.item)
    if (item === undefined) continue
    const kind = table2KindOf(item)
    if (kind === undefined) continue
    const made = p.written ?? p.formed
    if (kind === '规章' || kind === '行政规范性文件') {
      const row = docs[kind]
      if (made >= first && made <= last) row.本年制发件数++
      if (p.validity?.status === '废止' && p.validity.on !== undefined && p.validity.on >= first && p.validity.on <= last) row.本年废止件数++
      if (made <= last && (effectiveValidity(p, yearEnd, input.timezone) ?? '有效') === '有效' && (p.withdrawn === undefined || p.withdrawn.on > last)) row.现行有效件数++
    } else if (p.formed >= first && p.formed <= last) decisions[kind]++
  }
  const figures = input.figures ?? {}
  const table2: Table2 = {
    规章: docs.规章,
    行政规范性文件: docs.行政规范性文件,
    行政许可: { 本年处理决定数量: figures.行政许可 ?? decisions.行政许可 },
    行政处罚: { 本年处理决定数量: figures.行政处罚 ?? decisions.行政处罚 },
    行政强制: { 本年处理决定数量: figures.行政强制 ?? decisions.行政强制 },
    行政事业性收费: { 本年收费金额: figures.行政事业性收费 ?? 0 },
  }
  return { year, table2, table3, table4, counted, diagnostics }
}

/** The result rows of 表三 a group holds (`不予公开` → its eight rows), in table order. */
export function outcomeRowsOf(group: string): OutcomeResult[] {
  return OUTCOME_RESULTS.filter((r) => r === group || r.startsWith(`${group}/`))
}
