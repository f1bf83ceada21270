/**
 * 社会评价 / 第三方评估: survey and evaluation results as offices export them (CSV from 问卷星 and the
 * like, .xlsx from an assessor), read into rows by department and item. Headers are matched by the
 * names such exports use; a row that cannot be read is a diagnostic with its line and column.
 */
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Diagnostic } from '@gongkai/core'
import { parse } from 'csv-parse/sync'

/** One rating. */
export interface FeedbackRow {
  /** `feedback` (社会评价) or `evaluation` (第三方评估). */
  readonly source: 'feedback' | 'evaluation'
  readonly owner: string
  /** Item code or name, when the row names one. */
  readonly item?: string
  /** 0–100. */
  readonly score: number
  readonly comment?: string
  readonly place: { readonly file: string; readonly line: number }
}

const HEADERS = {
  owner: ['科室', '部门', '公开主体', '责任科室', '被评价单位', '单位'],
  item: ['事项', '事项编码', '事项名称', '公开事项', '评价事项'],
  source: ['来源', '评价类型', '评价来源', '类别'],
  score: ['得分', '分数', '评分', '满意度', '评价结果', '总分'],
  comment: ['意见', '意见建议', '评价内容', '备注', '留言'],
} as const

/** Satisfaction words as surveys write them, on the 0–100 scale. */
const SATISFACTION: Readonly<Record<string, number>> = { 非常满意: 100, 很满意: 100, 满意: 90, 比较满意: 80, 基本满意: 70, 一般: 60, 不太满意: 40, 不满意: 30, 很不满意: 0, 非常不满意: 0 }

/** A cell's value as text: exceljs gives rich text as `{ richText }`, formulas as `{ result }`, dates as `Date`. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object' && 'richText' in v) return ((v as { richText?: { text: string }[] }).richText ?? []).map((r) => r.text).join('')
  if (typeof v === 'object' && 'result' in v) return cellText(v.result)
  return ''
}

async function readRows(path: string): Promise<string[][]> {
  if (extname(path).toLowerCase() === '.xlsx') {
    const { default: ExcelJS } = await import('exceljs')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.worksheets[0]
    const out: string[][] = []
    sheet?.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value).trim()))
      out[n - 1] = Array.from(cells, (c) => c ?? '')
    })
    return Array.from(out, (r) => r ?? [])
  }
  let textOf = (await readFile(path)).toString('utf8')
  if (textOf.charCodeAt(0) === 0xfeff) textOf = textOf.slice(1)
  const rows: unknown = parse(textOf, { relax_column_count: true, skip_empty_lines: false })
  return rows as string[][]
}

/** Reads one evaluation file (.csv or .xlsx); `label` is how places name it. `owners` are the catalog's departments. */
export async function readFeedback(path: string, owners: readonly string[], diagnostics: Diagnostic[], label = basename(path)): Promise<FeedbackRow[]> {
  const rows = await readRows(path)
  // The header row is the first that names a department and a score (exports often open with a title row).
  const headerAt = rows.findIndex((r) => r.some((c) => (HEADERS.owner as readonly string[]).includes(c.trim())) && r.some((c) => (HEADERS.score as readonly string[]).includes(c.trim())))
  if (headerAt === -1) {
    diagnostics.push({
      code: 'feedback/no-header',
      severity: 'error',
      message: `${label} 中找不到表头：需要“科室”（或“部门”“公开主体”）和“得分”（或“满意度”）两列`,
      hint: `可用的列名：${[...HEADERS.owner, ...HEADERS.score].join('、')}`,
      file: label,
      line: 1,
    })
    return []
  }
  const header = (rows[headerAt] as string[]).map((c) => c.trim())
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h))
  const at = { owner: col(HEADERS.owner), item: col(HEADERS.item), source: col(HEADERS.source), score: col(HEADERS.score), comment: col(HEADERS.comment) }
  const out: FeedbackRow[] = []
  const defaultSource = /第三方|评估/.test(label) ? 'evaluation' : 'feedback'
  rows.slice(headerAt + 1).forEach((r, i) => {
    const line = headerAt + i + 2
    if (r.every((c) => (c ?? '').trim() === '')) return
    const owner = (r[at.owner] ?? '').trim()
    const rawScore = (r[at.score] ?? '').trim()
    const where = { file: label, line }
    if (owner === '') {
      diagnostics.push({
        code: 'feedback/no-owner',
        severity: 'warning',
        message: `${label} 第 ${line} 行没有填写科室，已跳过`,
        hint: `“${header[at.owner]}”一列应为目录中的公开主体，如 ${owners.slice(0, 3).join('、')}`,
        ...where,
        column: at.owner + 1,
      })
      return
    }
    if (!owners.includes(owner)) {
      diagnostics.push({
        code: 'feedback/unknown-owner',
        severity: 'warning',
        message: `${label} 第 ${line} 行的科室“${owner}”不是目录中的公开主体，已跳过`,
        hint: `目录中的公开主体：${owners.join('、')}`,
        ...where,
        column: at.owner + 1,
      })
      return
    }
    const number = Number(rawScore.replace(/分$/, ''))
    const score = rawScore !== '' && Number.isFinite(number) ? number : SATISFACTION[rawScore]
    if (score === undefined || score < 0 || score > 100) {
      diagnostics.push({
        code: 'feedback/bad-score',
        severity: 'warning',
        message: `${label} 第 ${line} 行的“${header[at.score]}”是“${rawScore}”，应为 0–100 的分数或满意度（满意、基本满意、不满意等），已跳过`,
        hint: '百分制分数直接填数字，例如 92',
        ...where,
        column: at.score + 1,
      })
      return
    }
    const sourceText = at.source === -1 ? '' : (r[at.source] ?? '')
    const source = /第三方|评估/.test(sourceText) ? 'evaluation' : sourceText === '' ? defaultSource : 'feedback'
    const item = at.item === -1 ? '' : (r[at.item] ?? '').trim()
    const comment = at.comment === -1 ? '' : (r[at.comment] ?? '').trim()
    out.push({ source, owner, ...(item === '' ? {} : { item }), score, ...(comment === '' ? {} : { comment }), place: where })
  })
  return out
}
