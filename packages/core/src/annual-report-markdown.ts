/**
 * The annual report as one Markdown text: the six sections of 国办公开办函〔2021〕30号 in order, the
 * office's own words for 一, 五 and 六, and 表二, 表三 and 表四 as GFM tables. One text, parsed once,
 * is what the website page, the GB/T 9704 PDF and the .docx are made from, so the three never differ.
 * Applicants appear only as counts: no name is in the register's figures, so none can be here.
 */
import type { AnnualReportTables, Table3Row } from './annual-report.js'
import { TABLE3_COLUMNS } from './annual-report.js'
import { APPEAL_KINDS, APPEAL_RESULTS, OUTCOME_RESULTS } from './model.js'
import { REPORT_SECTIONS } from './project/read-report.js'

/** The title of a body's report of `year`. */
export function annualReportTitle(organ: string, year: number): string {
  return `${organ}${year}年政府信息公开工作年度报告`
}

const GROUP_NUMBERS: Readonly<Record<string, string>> = { 予以公开: '（一）', 部分公开: '（二）', 不予公开: '（三）', 无法提供: '（四）', 不予处理: '（五）', 其他处理: '（六）' }
const ROW_LABELS: Readonly<Record<string, string>> = {
  部分公开: '部分公开（区分处理的，只计这一情形，不计其他情形）',
  '其他处理/申请人无正当理由逾期不补正': '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '其他处理/申请人逾期未按收费通知要求缴纳费用': '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
}

/** The label of a 表三 row as the printed format reads (`（三）不予公开：1.属于国家秘密`, then `2.其他法律行政法规禁止公开`). */
export function table3Label(row: Table3Row): string {
  if (row === '本年新收') return '一、本年新收政府信息公开申请数量'
  if (row === '上年结转') return '二、上年结转政府信息公开申请数量'
  if (row === '总计') return '（七）总计'
  if (row === '结转下年度') return '四、结转下年度继续办理'
  const [group, sub] = row.split('/') as [string, string | undefined]
  const number = GROUP_NUMBERS[group] ?? ''
  if (sub === undefined) return `${number}${ROW_LABELS[row] ?? group}`
  const index = OUTCOME_RESULTS.filter((r) => r.startsWith(`${group}/`)).indexOf(row) + 1
  // As the printed format: the group's name on its first row only.
  return `${index === 1 ? `${number}${group}：` : ''}${index}.${ROW_LABELS[row] ?? sub}`
}

const cell = (text: string) => text.replace(/\|/g, '｜').replace(/\n/g, ' ')
const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => cell(String(c))).join(' | ')} |`
const rule = (n: number) => `| --- |${' --: |'.repeat(n - 1)}`

/** 表二 as three GFM tables, one per group of columns, each under its line of 第二十条. */
export function table2Markdown(t: AnnualReportTables['table2']): string {
  return [
    '第二十条第（一）项',
    '',
    row(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']),
    rule(4),
    row(['规章', t.规章.本年制发件数, t.规章.本年废止件数, t.规章.现行有效件数]),
    row(['行政规范性文件', t.行政规范性文件.本年制发件数, t.行政规范性文件.本年废止件数, t.行政规范性文件.现行有效件数]),
    '',
    '第二十条第（五）项、第（六）项',
    '',
    row(['信息内容', '本年处理决定数量']),
    rule(2),
    row(['行政许可', t.行政许可.本年处理决定数量]),
    row(['行政处罚', t.行政处罚.本年处理决定数量]),
    row(['行政强制', t.行政强制.本年处理决定数量]),
    '',
    '第二十条第（八）项',
    '',
    row(['信息内容', '本年收费金额（单位：万元）']),
    rule(2),
    row(['行政事业性收费', t.行政事业性收费.本年收费金额]),
  ].join('\n')
}

/** 表三 as one GFM table: every row of the format, by the seven applicant columns. */
export function table3Markdown(t: AnnualReportTables['table3']): string {
  const head = ['申请情况', ...TABLE3_COLUMNS]
  const rows: string[] = []
  for (const r of Object.keys(t) as Table3Row[]) {
    // The format's 三 heads its result rows with a row of its own.
    if (r === '予以公开') rows.push(row(['三、本年度办理结果', ...TABLE3_COLUMNS.map(() => '')]))
    rows.push(row([table3Label(r), ...TABLE3_COLUMNS.map((c) => t[r][c])]))
  }
  return [
    '申请人情况分为自然人和法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）。本表数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。',
    '',
    row(head),
    rule(head.length),
    ...rows,
  ].join('\n')
}

/** 表四 as one GFM table: the three groups side by side would not fit a page, so one row per group. */
export function table4Markdown(t: AnnualReportTables['table4']): string {
  const labels: Readonly<Record<string, string>> = { 行政复议: '行政复议', 未经复议直接起诉: '行政诉讼（未经复议直接起诉）', 复议后起诉: '行政诉讼（复议后起诉）' }
  const head = ['类别', ...APPEAL_RESULTS.map((r) => (r === '尚未审结' ? r : r === '其他' ? '其他结果' : `结果${r}`)), '总计']
  return [row(head), rule(head.length), ...APPEAL_KINDS.map((k) => row([labels[k] ?? k, ...APPEAL_RESULTS.map((r) => t[k][r]), t[k].总计]))].join('\n')
}

/** The whole report as Markdown (without its title, which channels set as the title). */
export function annualReportMarkdown(tables: AnnualReportTables, text: { readonly 一: string; readonly 五: string; readonly 六: string }): string {
  const h = (i: number) => `## ${['一', '二', '三', '四', '五', '六'][i]}、${REPORT_SECTIONS[i]}`
  return `${[
    `本报告依据《中华人民共和国政府信息公开条例》第五十条和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。报告中所列数据的统计期限为${tables.year}年1月1日至${tables.year}年12月31日。`,
    h(0),
    text.一,
    h(1),
    table2Markdown(tables.table2),
    h(2),
    table3Markdown(tables.table3),
    h(3),
    table4Markdown(tables.table4),
    h(4),
    text.五,
    h(5),
    text.六,
  ].join('\n\n')}\n`
}
