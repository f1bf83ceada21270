/**
 * Reads a spreadsheet file (.xlsx or .csv) into plain text grids, one per worksheet.
 * Merged cells give the main cell's text in every cell they cover, so a 一级事项 merged over
 * five rows reads as the same text on each of them.
 */
import type { Diagnostic } from '@gongkai/core'
import { GongkaiError } from '@gongkai/core'
import { decodeText } from '@gongkai/core/internal'

/** One worksheet as text: `rows[r][c]` is the cell at spreadsheet row r+1, column c+1. */
export interface SheetGrid {
  readonly name: string
  readonly rows: readonly (readonly string[])[]
}

/**
 * Reads an .xlsx or .csv into grids. A CSV's encoding is detected (UTF-8, UTF-16, GB18030, Big5):
 * a file that is not UTF-8 adds a `file/encoding` warning to `diagnostics`, one that is nothing
 * readable a `file/unknown-encoding` error and no grid.
 */
export async function readGrids(data: Uint8Array, name: string, diagnostics: Diagnostic[] = [], displayName = name): Promise<SheetGrid[]> {
  const lower = name.toLowerCase()
  if (lower.endsWith('.csv')) {
    const decoded = decodeText(data, displayName)
    diagnostics.push(...decoded.diagnostics)
    return decoded.text === undefined ? [] : [await readCsv(decoded.text, name)]
  }
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return readXlsx(data, name)
  if (lower.endsWith('.xls')) {
    throw new GongkaiError('import/xls', `不支持旧版 Excel 格式（.xls）：${name}`, {
      hint: '在 Excel 或 WPS 中“另存为” .xlsx 后再导入。',
    })
  }
  throw new GongkaiError('import/format', `无法识别的目录文件类型：${name}`, { hint: '目录表格请使用 .xlsx 或 .csv 文件。' })
}

async function readXlsx(data: Uint8Array, name: string): Promise<SheetGrid[]> {
  // Loaded here, not at the top: exceljs alone costs about 320 ms at start-up, and only import needs it.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs's typings want a Node Buffer; a view over the same bytes avoids a copy.
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as never)
  } catch (cause) {
    throw new GongkaiError('import/unreadable', `无法读取 Excel 文件：${name}`, {
      hint: '文件可能已损坏或不是 .xlsx 格式；请用 Excel 或 WPS 打开后重新保存。',
      cause,
    })
  }
  const grids: SheetGrid[] = []
  workbook.eachSheet((sheet) => {
    const rows: string[][] = []
    const width = sheet.columnCount
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r)
      const cells: string[] = []
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value))
      rows.push(cells)
    }
    grids.push({ name: sheet.name, rows })
  })
  return grids
}

/** The text of an exceljs cell value: rich text joined, formulas by result, dates as YYYY-MM-DD (UTC). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return clean(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (Array.isArray(v['richText'])) {
      return clean((v['richText'] as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join(''))
    }
    if ('result' in v) return cellText(v['result'])
    if ('text' in v) return cellText(v['text'])
    if ('error' in v) return ''
  }
  // A shape not listed above (a formula saved without its result) has no text we could show; never `[object Object]`.
  return typeof value === 'bigint' ? String(value) : ''
}

function clean(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim()
}

async function readCsv(text: string, name: string): Promise<SheetGrid> {
  const { parse: parseCsv } = await import('csv-parse/sync')
  let records: string[][]
  try {
    records = parseCsv(text, { relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: false })
  } catch (cause) {
    throw new GongkaiError('import/unreadable', `无法读取 CSV 文件：${name}`, {
      hint: '检查引号是否成对；含换行或逗号的单元格要用英文双引号括起来。',
      cause,
    })
  }
  const width = Math.max(0, ...records.map((r) => r.length))
  const rows = records.map((r) => Array.from({ length: width }, (_, i) => clean(r[i] ?? '')))
  return { name: name.replace(/^.*[\\/]/, '').replace(/\.csv$/i, ''), rows }
}
