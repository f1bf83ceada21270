/**
 * Finding a numeric series in a table: the first column dates or periods (10月1日, 2026-10-01,
 * 2026年10月, 第三季度, 2025年), most other columns numbers, enough rows to be worth a chart. Columns
 * that are not numbers (首要污染物, 级别) stay in the table; the chart draws the numeric ones,
 * one chart per unit so that no axis mixes μg/m³ with an index.
 */
import type { Nodes, Table } from 'mdast'

/** One numeric column: its header without the unit, the unit, and a value per row (undefined where the cell is blank or “—”). */
export interface Series {
  readonly name: string
  readonly unit: string | undefined
  readonly values: readonly (number | undefined)[]
}

/** One chart: the series that share a unit, drawn against the table's dates or periods. */
export interface Chart {
  /** `line` for several series or a long run of points, `bar` for one short series. */
  readonly kind: 'line' | 'bar'
  /** What the chart shows, e.g. `PM2.5、PM10（μg/m³）`. */
  readonly title: string
  /** The first column's header (日期, 月份). */
  readonly axis: string
  /** The dates or periods, as the table writes them. */
  readonly labels: readonly string[]
  readonly unit: string | undefined
  readonly series: readonly Series[]
}

/** A table read as a numeric series: its charts and the columns left to the table. */
export interface SeriesTable {
  readonly charts: readonly Chart[]
  /** Headers of the columns that are not numbers (shown only in the table). */
  readonly other: readonly string[]
}

/** How `detectSeries` decides. */
export interface DetectOptions {
  /** Fewest body rows that make a chart (default 8: a short table reads better as a table). */
  readonly minRows?: number
  /** Most series in one chart before it is split in two (default 4: more lines cannot be told apart from two metres). */
  readonly maxSeries?: number
}

/** Fewest body rows for a chart, by default. */
export const MIN_ROWS = 8
/** Most series per chart, by default. */
export const MAX_SERIES = 4

const CN = '一二三四五六七八九十〇零'
/** Dates and periods as offices write them in the first column of a monitoring table. */
const PERIOD = new RegExp(
  [
    String.raw`\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?`, // 2026-10-01, 2026/10, 2026.10.1
    String.raw`\d{1,2}[-/]\d{1,2}`, // 10-01, 10/1
    String.raw`(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?(?:[上中下]旬)?`, // 2026年10月1日, 10月, 10月上旬
    String.raw`\d{1,2}[日号]`, // 1日
    String.raw`(?:19|20)\d{2}年(?:度)?(?:第?[1-4${CN}]季度|[上下]半年)?`, // 2025年, 2026年第3季度, 2026年上半年
    String.raw`第?[1-4${CN}]季度|[上下]半年`, // 第三季度, 上半年
    String.raw`第[${CN}]{1,3}周|第\d{1,2}周`, // 第1周
    String.raw`(?:19|20)\d{2}`, // 2025
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
)
const WHOLE_PERIOD = new RegExp(`^(?:${PERIOD.source})$`)
/** Blank cells: no reading that day. */
const BLANK = /^(?:|—|–|-|－|\/|／|—+|无|暂无|N\/?A)$/i

/** The plain text of an mdast node (cells hold text, emphasis, links, code). */
export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('')
  return ''
}

/** A number as a table writes it: `1,234.5`, `−3`, `12%`, `+0.5`; undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  const t = text
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/^[−－]/, '-')
    .replace(/^＋/, '+')
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))%?$/.exec(t)
  if (m === null) return undefined
  const n = Number(m[1])
  return Number.isFinite(n) ? n : undefined
}

/** True when a cell names a date or a period. */
export function isPeriod(text: string): boolean {
  return WHOLE_PERIOD.test(text.trim().replace(/\s+/g, ''))
}

/** A header split into its name and unit: `PM2.5（μg/m³）` → `PM2.5`, `μg/m³`; `增长率(%)` → `增长率`, `%`. */
export function splitUnit(header: string): { name: string; unit: string | undefined } {
  const h = header.trim()
  const m = /^(.*?)\s*[（(]\s*(?:单位[:：]\s*)?([^（）()]+?)\s*[）)]\s*$/.exec(h)
  if (m !== null && (m[1] ?? '') !== '') return { name: (m[1] ?? '').trim(), unit: (m[2] ?? '').trim() }
  return { name: h, unit: undefined }
}

/** The series of a table given as plain text cells, or undefined when it is not one (see the module comment). */
export function detectSeriesIn(header: readonly string[], rows: readonly (readonly string[])[], options: DetectOptions = {}): SeriesTable | undefined {
  const minRows = options.minRows ?? MIN_ROWS
  const maxSeries = Math.max(1, options.maxSeries ?? MAX_SERIES)
  if (rows.length < minRows || header.length < 2) return undefined
  const labels = rows.map((r) => (r[0] ?? '').trim())
  if (!labels.every(isPeriod)) return undefined
  const numeric: Series[] = []
  const other: string[] = []
  for (let c = 1; c < header.length; c++) {
    const cells = rows.map((r) => (r[c] ?? '').trim())
    const values = cells.map((cell) => (BLANK.test(cell) ? undefined : parseNumber(cell)))
    const numbers = values.filter((v) => v !== undefined).length
    const blanks = cells.filter((cell) => BLANK.test(cell)).length
    // Numbers in every cell that is not blank, and in at least half of the rows.
    if (numbers + blanks === cells.length && numbers * 2 >= cells.length) {
      const { name, unit } = splitUnit(header[c] ?? '')
      const percent = unit === undefined && cells.some((cell) => cell.endsWith('%'))
      numeric.push({ name, unit: percent ? '%' : unit, values })
    } else other.push((header[c] ?? '').trim())
  }
  // More numeric columns than columns of words: a dated list of decisions with one amount (当事人, 罚款) is a record table, not a series.
  if (numeric.length === 0 || numeric.length <= other.length) return undefined
  // One chart per unit, in the order the units first appear; a group too large is split.
  const units: (string | undefined)[] = []
  for (const s of numeric) if (!units.includes(s.unit)) units.push(s.unit)
  const charts: Chart[] = []
  for (const unit of units) {
    const group = numeric.filter((s) => s.unit === unit)
    for (let i = 0; i < group.length; i += maxSeries) {
      const series = group.slice(i, i + maxSeries)
      const names = series.map((s) => s.name).join('、')
      charts.push({
        kind: series.length === 1 && labels.length <= 40 ? 'bar' : 'line',
        title: unit === undefined ? names : `${names}（${unit}）`,
        axis: (header[0] ?? '').trim(),
        labels,
        unit,
        series,
      })
    }
  }
  return { charts, other }
}

/** The series of an mdast table (its first row the header), or undefined when it is not one. */
export function detectSeries(table: Table, options: DetectOptions = {}): SeriesTable | undefined {
  const [head, ...body] = table.children.map((row) => row.children.map((cell) => textOf(cell)))
  if (head === undefined) return undefined
  return detectSeriesIn(head, body, options)
}
