/**
 * Import of the national catalog spreadsheet (基层政务公开标准目录) as offices keep it:
 * a title row merged across the sheet, one or two header rows, columns found by their header
 * text, merged 序号 / 一级事项, √ marks, ■/□ channel checklists, line breaks inside cells and
 * time limits in words. Rows it cannot fully understand are reported with sheet, row and column.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Audience, CatalogItem, ChannelName, Diagnostic, DisclosureMode, Level, TimeLimit } from '@gongkai/core'
import { OptionsError, parseTimeLimit } from '@gongkai/core'
import { parseChannelName, toHalfWidth } from '@gongkai/core/internal'
import { assignCodes, keyOf, prefixForDomain } from '../codes.js'
import { readGrids } from './read-grids.js'
import type { SheetGrid } from './read-grids.js'

/** Options of `importCatalog`. */
export interface ImportOptions {
  /** Code prefix (`HB` gives `HB-XZCF-001`); default from the domain (生态环境 → HB), else `GK`. */
  readonly prefix?: string
  /** The domain (领域) when neither the title row nor the sheet name says it. */
  readonly domain?: string
  /** Import only these worksheets (by name); default every sheet that has a catalog header. */
  readonly sheets?: readonly string[]
  /** The current catalog: items with the same 一级事项 and name keep their codes. */
  readonly existing?: readonly CatalogItem[]
  /** The file name used in diagnostics (default the file's base name). */
  readonly displayName?: string
}

/** What `importCatalog` gives back: the items, and what it could not fully understand. */
export interface ImportResult {
  readonly items: CatalogItem[]
  readonly diagnostics: Diagnostic[]
  /** The header rows taken on each imported sheet (also said as an `import/header` info diagnostic). */
  readonly headers: ImportHeader[]
}

/** The catalog file to import: a path, or bytes with a name whose extension says the format. */
export type ImportSource = string | { readonly data: Uint8Array; readonly name: string }

type Role =
  | 'seq'
  | 'code'
  | 'category'
  | 'subcategory'
  | 'name'
  | 'basis'
  | 'content'
  | 'timeLimit'
  | 'owner'
  | 'channels'
  | 'audience'
  | 'audience:public'
  | 'audience:specific'
  | 'mode'
  | 'mode:proactive'
  | 'mode:on-request'
  | 'level'
  | 'level:county'
  | 'level:township'
  | 'notes'

/**
 * Header text → role, synonyms included: published sheets write 特定群众 as well as 特定群体,
 * 乡、村级 as well as 乡级, 依申请公开 as well as 依申请. Sub-headers are tried before the header above them.
 */
const ROLES: ReadonlyArray<readonly [RegExp, Role]> = [
  [/^(序号|编号|序|No\.?)$/i, 'seq'],
  [/事项编码|目录编码|^编码$|^代码$|^事项代码$/, 'code'],
  [/一级事项|^一级$|^事项类别$|^类别$/, 'category'],
  [/二级事项|^二级$|^子项$/, 'subcategory'],
  [/事项名称|^公开事项$|^事项$|^名称$/, 'name'],
  [/依据/, 'basis'],
  [/内容|要素/, 'content'],
  [/时限|时间要求/, 'timeLimit'],
  [/主体|责任单位|责任科室|责任部门|公开部门/, 'owner'],
  [/渠道|载体/, 'channels'],
  [/全社会|社会公众|不特定/, 'audience:public'],
  [/特定群体|特定群众|特定对象|特定人群|^特定$/, 'audience:specific'],
  [/公开对象|公开范围/, 'audience'],
  [/^主动/, 'mode:proactive'],
  [/依申请/, 'mode:on-request'],
  [/公开方式/, 'mode'],
  [/^县(?:[(（]?[市区][、,，]?[市区]?[)）]?)?级|^县$|县区级|区县级|^市县级$/, 'level:county'],
  [/乡级|乡镇|^乡$|街道|村级|^乡[、,，]?村|^村/, 'level:township'],
  [/公开层级|层级/, 'level'],
  [/备注|情况说明|^说明$/, 'notes'],
]

/** A header cell is short; anything longer is a data cell, whatever words it contains. */
const HEADER_MAX = 16

interface Column {
  readonly index: number
  readonly role: Role
  /** The header as an operator reads it, for messages: 公开对象/全社会. */
  readonly label: string
}

interface Layout {
  /** 0-based index of the header's first row. */
  readonly firstHeaderRow: number
  readonly headerRows: number
  readonly firstDataRow: number
  readonly columns: readonly Column[]
  readonly domain: string | undefined
}

/** Which rows of a sheet import took as its header, and the columns it recognised there. */
export interface ImportHeader {
  readonly sheet: string
  /** 1-based sheet rows, first and last, of the header (1 to 3 rows). */
  readonly rows: readonly [number, number]
  /** The recognised columns: 1-based column, the header as written (levels joined by /), and the element it gives. */
  readonly columns: readonly { readonly column: number; readonly label: string; readonly role: string }[]
}

/** Reads the national catalog layout from an .xlsx or .csv into catalog items. */
export async function importCatalog(file: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  if (options.prefix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.prefix)) {
    throw new OptionsError('import/prefix', `选项 prefix 只能由字母、数字、- 和 _ 组成，不能是“${options.prefix}”`, {
      hint: '例如 prefix: "HB" 得到 HB-XZCF-001。',
    })
  }
  const { data, name } = typeof file === 'string' ? { data: new Uint8Array(await readFile(file)), name: file } : file
  const displayName = options.displayName ?? basename(name)
  const diagnostics: Diagnostic[] = []
  const grids = await readGrids(data, name, diagnostics, displayName)
  const items: CatalogItem[] = []
  const headers: ImportHeader[] = []
  const taken = new Set<string>()
  const existing = new Map((options.existing ?? []).map((item) => [keyOf(item.category, item.name), item.code]))
  let found = 0
  for (const grid of grids) {
    if (options.sheets !== undefined && !options.sheets.includes(grid.name)) continue
    const layout = findLayout(grid)
    if (layout === undefined) {
      if (options.sheets !== undefined) {
        diagnostics.push({
          code: 'import/no-header',
          severity: 'error',
          message: `工作表“${grid.name}”中找不到目录表头（序号、一级事项、公开依据、公开时限……）`,
          hint: '表头应在前 15 行内，至少包含“公开事项名称/二级事项”“公开依据”“公开时限”等列。',
          file: displayName,
        })
      }
      continue
    }
    found++
    const header = headerOf(grid.name, layout)
    headers.push(header)
    const [from, to] = header.rows
    diagnostics.push({
      code: 'import/header',
      severity: 'info',
      message: `工作表“${grid.name}”以第 ${from === to ? from : `${from}–${to}`} 行为表头，识别出 ${header.columns.length} 列：${header.columns.map((c) => c.label).join('；')}`,
      hint: '若表头识别有误，请检查表头文字，或删去表头上方的说明行后重新导入。',
      file: displayName,
      line: from,
    })
    const sheet = readSheet(grid, layout, displayName, diagnostics)
    // The first of option, title row and sheet name that names a known domain gives the prefix.
    const domains = options.domain !== undefined ? [options.domain] : [layout.domain, domainFromText(grid.name)]
    const prefix = options.prefix ?? domains.map(prefixForDomain).find((p) => p !== 'GK') ?? 'GK'
    const codes = assignCodes(sheet, prefix, taken, existing)
    sheet.forEach((row, i) => {
      const code = codes[i] as string
      const { code: _pinned, row: _row, ...rest } = row
      items.push({ code, ...rest })
    })
  }
  if (found === 0 && options.sheets === undefined) {
    diagnostics.push({
      code: 'import/no-header',
      severity: 'error',
      message: `${displayName} 的各工作表中都找不到目录表头（序号、一级事项、公开依据、公开时限……）`,
      hint: '确认这是基层政务公开标准目录表格；表头应在前 15 行内。',
      file: displayName,
    })
  }
  reportDuplicateCodes(items, diagnostics, displayName)
  return { items, diagnostics, headers }
}

function headerOf(sheet: string, layout: Layout): ImportHeader {
  return {
    sheet,
    rows: [layout.firstHeaderRow + 1, layout.firstHeaderRow + layout.headerRows],
    columns: layout.columns.map((c) => ({ column: c.index + 1, label: c.label, role: c.role })),
  }
}

function normalizeHeader(text: string): string {
  return toHalfWidth(text).replace(/[\s()（）*＊:：]/g, '')
}

function roleOf(text: string): Role | undefined {
  const t = normalizeHeader(text)
  if (t === '') return undefined
  for (const [pattern, role] of ROLES) if (pattern.test(t)) return role
  return undefined
}

/** The column concepts a row names as headings (序号, 公开依据, 公开对象…), sub-headings such as 全社会 not counted. */
function headingConcepts(cells: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (const cell of cells) {
    const t = normalizeHeader(cell)
    if (t === '' || t.length > HEADER_MAX) continue
    const role = roleOf(t)
    if (role !== undefined && !role.includes(':')) out.add(role)
  }
  return out
}

/**
 * True when `row` continues the header rows above it: every filled cell either repeats the cell
 * above (a heading merged down) or is a short heading, and at least one is a new heading
 * (一级事项 under 公开事项, 特定群众 under 公开对象).
 */
function continuesHeader(row: readonly string[], above: readonly (readonly string[])[]): boolean {
  let fresh = 0
  for (let c = 0; c < row.length; c++) {
    const t = row[c] ?? ''
    if (t === '') continue
    if (above.some((r) => r[c] === t)) continue
    const n = normalizeHeader(t)
    if (n.length > HEADER_MAX || roleOf(n) === undefined) return false
    fresh++
  }
  return fresh > 0
}

/**
 * Finds the header by meaning: every row of the first 15 is scored by how many column concepts
 * it names, the best (earliest on a tie, at least 3) starts the header, and the rows below that
 * only hold sub-headings join it, as does a row of group headings above; 1 to 3 rows in all.
 */
function findLayout(grid: SheetGrid): Layout | undefined {
  const limit = Math.min(grid.rows.length, 15)
  let best = -1
  let bestScore = 2
  for (let r = 0; r < limit; r++) {
    const score = headingConcepts(grid.rows[r] ?? []).size
    if (score > bestScore) {
      best = r
      bestScore = score
    }
  }
  if (best < 0) return undefined
  let first = best
  let last = best
  while (last - first < 2 && last + 1 < grid.rows.length && continuesHeader(grid.rows[last + 1] ?? [], grid.rows.slice(first, last + 1))) last++
  // A row of group headings above (事项要素 over several columns): short cells, more than one distinct, all of them headings.
  if (last - first < 2 && first > 0) {
    const above = grid.rows[first - 1] ?? []
    const filled = above.filter((t) => t !== '')
    const distinct = new Set(filled)
    if (distinct.size >= 2 && filled.every((t) => normalizeHeader(t).length <= HEADER_MAX) && [...distinct].some((t) => roleOf(t) !== undefined)) first--
  }
  const header = grid.rows.slice(first, last + 1)
  const width = Math.max(...header.map((r) => r.length))
  const columns: Column[] = []
  for (let c = 0; c < width; c++) {
    // The distinct headings of the column, top to bottom: merged cells repeat their text down and across.
    const texts: string[] = []
    for (const row of header) {
      const t = row[c] ?? ''
      if (t !== '' && texts[texts.length - 1] !== t) texts.push(t)
    }
    let role: Role | undefined
    for (let i = texts.length - 1; i >= 0 && role === undefined; i--) role = roleOf(texts[i] as string)
    if (role === undefined) continue
    columns.push({ index: c, role, label: texts.map(flat).join('/') })
  }
  const title = grid.rows
    .slice(0, first)
    .flat()
    .find((t) => t !== '')
  return {
    firstHeaderRow: first,
    headerRows: last - first + 1,
    firstDataRow: last + 1,
    columns,
    domain: title === undefined ? undefined : domainFromText(title),
  }
}

function flat(text: string): string {
  return text.replace(/\s+/g, '')
}

/** 青川县生态环境领域基层政务公开标准目录 → 青川县生态环境. */
function domainFromText(text: string): string | undefined {
  const t = flat(text)
  // The county name stays in front (青川县生态环境): prefixForDomain looks for a known domain inside.
  const m = /^(.+?)领域/.exec(t) ?? /^(.+?)(?:基层)?政务公开/.exec(t)
  const domain = m?.[1]
  return domain === undefined || domain === '' ? (t === '' ? undefined : t) : domain
}

interface SheetRow extends Omit<CatalogItem, 'code'> {
  readonly code: string | undefined
  readonly row: number
}

function readSheet(grid: SheetGrid, layout: Layout, file: string, diagnostics: Diagnostic[]): SheetRow[] {
  const byRole = new Map<Role, Column>()
  for (const column of layout.columns) if (!byRole.has(column.role)) byRole.set(column.role, column)
  const report = (severity: Diagnostic['severity'], code: string, row: number, column: Column | undefined, message: string, hint: string) => {
    const where = column === undefined ? `第 ${row} 行` : `第 ${row} 行“${column.label}”列`
    diagnostics.push({
      code,
      severity,
      message: `工作表“${grid.name}”${where}：${message}`,
      hint,
      file,
      line: row,
      ...(column === undefined ? {} : { column: column.index + 1 }),
    })
  }
  if (!byRole.has('name') && !byRole.has('subcategory')) {
    report('error', 'import/no-name-column', layout.firstDataRow, undefined, '表头中既没有“公开事项名称”也没有“二级事项”列，无法确定事项名称', '检查表头文字是否与国家标准目录一致。')
    return []
  }
  for (const [role, label] of [
    ['basis', '公开依据'],
    ['timeLimit', '公开时限'],
    ['owner', '公开主体'],
    ['channels', '公开渠道和载体'],
  ] as const) {
    if (!byRole.has(role)) report('warning', 'import/missing-column', layout.firstDataRow - layout.headerRows + 1, undefined, `表头中没有“${label}”列`, '导入后请在 catalog.yaml 中补写这一要素。')
  }

  const out: SheetRow[] = []
  let lastCategory = ''
  for (let r = layout.firstDataRow; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? []
    const rowNo = r + 1
    const get = (role: Role) => {
      const column = byRole.get(role)
      const text = column === undefined ? '' : (cells[column.index] ?? '')
      // A channel cell keeps its spaces: they separate labels there (parseChannels joins split words itself).
      return role === 'channels' ? text : joinSplitWords(text)
    }
    const filled = cells.filter((t) => t !== '')
    if (filled.length >= 3 && filled.every((t) => /^\d+$/.test(t.trim()))) {
      report('info', 'import/skipped-row', rowNo, undefined, '这一行只有数字，看作表头下的列号行，已跳过', '若这是一个事项，请把各要素填入对应的列。')
      continue
    }
    if (filled.length === 0) continue
    // The header repeated on a new page: its heading row, or its row of sub-headings (全社会 特定群众 主动公开 …).
    if (headingConcepts(filled).size >= 3) continue
    if (filled.length >= 3 && filled.every((t) => normalizeHeader(t).length <= HEADER_MAX && roleOf(t) !== undefined)) continue
    const distinct = new Set(filled)
    if (distinct.size === 1) {
      const only = filled[0] as string
      if (/^(注|说明|备注|填表|附)/.test(only)) continue
      if (filled.length >= 3) {
        report('info', 'import/skipped-row', rowNo, undefined, `“${shorten(only)}”看作分组标题或说明行，已跳过`, '若这是一个事项，请把各要素填入对应的列。')
        continue
      }
    }

    const category = get('category') || lastCategory
    if (get('category') !== '') lastCategory = get('category')
    const subcategory = get('subcategory')
    const name = get('name') || subcategory
    if (name === '') {
      report('warning', 'import/missing-name', rowNo, byRole.get('name') ?? byRole.get('subcategory'), '没有事项名称，这一行未导入', '填写“公开事项名称”或“二级事项”。')
      continue
    }
    if (category === '') {
      report('warning', 'import/missing-category', rowNo, byRole.get('category'), `事项“${name}”没有一级事项`, '填写“一级事项”，合并单元格也可以。')
    }
    const cellOf = (role: Role) => byRole.get(role)
    const warn = (code: string, role: Role, message: string, hint: string) => report('warning', code, rowNo, cellOf(role), message, hint)

    const basisText = get('basis')
    const basis = splitBasis(basisText)
    if (basis.length === 0 && byRole.has('basis')) warn('import/missing-basis', 'basis', `事项“${name}”没有公开依据`, '填写法律法规或文件名称及条款。')

    const timeText = get('timeLimit')
    const timeLimit: TimeLimit = parseTimeLimit(timeText)
    if (timeLimit.kind === 'unknown' && byRole.has('timeLimit')) {
      warn(
        'import/time-limit',
        'timeLimit',
        timeText === '' ? `事项“${name}”没有公开时限` : `无法识别公开时限“${shorten(timeText)}”，已按原文保留，不计算截止日期`,
        '写成“信息形成或者变更之日起20个工作日内”“自受理之日起15日内”“实时”“长期公开”“每年1月31日前”等形式。',
      )
    }

    const owner = get('owner')
    if (owner === '' && byRole.has('owner')) warn('import/missing-owner', 'owner', `事项“${name}”没有公开主体`, '填写负责公开的机关或科室。')

    const { channels, unknown: unknownChannels, other: otherChannels } = parseChannels(get('channels'))
    for (const label of unknownChannels) {
      warn(
        'import/unknown-channel',
        'channels',
        `无法识别的公开渠道“${label}”，记为“其他”并写入情况说明`,
        '国家目录的渠道名称：政府网站、政府公报、两微一端、发布会/听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、便民服务站、入户/现场、社区/企事业单位/村公示栏（电子屏）、精准推送、其他。',
      )
    }
    if (channels.length === 0 && byRole.has('channels')) warn('import/missing-channels', 'channels', `事项“${name}”没有勾选公开渠道`, '用 ■ 勾选渠道，或列出渠道名称（以顿号分隔）。')

    const ticks = (role: Role) => readMark(get(role), () => warn('import/unclear-mark', role, `“${shorten(get(role))}”不是勾选标记，按未勾选处理`, '勾选处写 √，不勾选留空。'))
    const audience = readChoice<Audience>(
      ticks('audience:public') ? 'public' : undefined,
      ticks('audience:specific') ? 'specific' : undefined,
      get('audience'),
      [
        [/全社会|社会公众|公众/, 'public'],
        [/特定/, 'specific'],
      ],
      'public',
    )
    if (audience.missing && (byRole.has('audience') || byRole.has('audience:public'))) {
      warn('import/missing-audience', byRole.has('audience:public') ? 'audience:public' : 'audience', `事项“${name}”没有勾选公开对象，按“全社会”导入`, '在“全社会”或“特定群体”下打 √。')
    }
    const mode = readChoice<DisclosureMode>(
      ticks('mode:proactive') ? 'proactive' : undefined,
      ticks('mode:on-request') ? 'on-request' : undefined,
      get('mode'),
      [
        [/主动/, 'proactive'],
        [/依申请/, 'on-request'],
      ],
      'proactive',
    )
    if (mode.missing && (byRole.has('mode') || byRole.has('mode:proactive'))) {
      warn('import/missing-mode', byRole.has('mode:proactive') ? 'mode:proactive' : 'mode', `事项“${name}”没有勾选公开方式，按“主动”导入`, '在“主动”或“依申请”下打 √。')
    }
    const level: Level[] = []
    if (ticks('level:county')) level.push('county')
    if (ticks('level:township')) level.push('township')
    const levelText = get('level')
    if (/县/.test(levelText) && !level.includes('county')) level.push('county')
    if (/乡|镇|街道/.test(levelText) && !level.includes('township')) level.push('township')
    if (level.length === 0 && (byRole.has('level') || byRole.has('level:county'))) {
      warn('import/missing-level', byRole.has('level:county') ? 'level:county' : 'level', `事项“${name}”没有勾选公开层级，按“县级”导入`, '在“县级”或“乡级”下打 √。')
      level.push('county')
    }

    const notesParts = [get('notes'), ...[...otherChannels, ...unknownChannels].map((label) => `其他公开渠道：${label}`)].filter((t) => t !== '')
    const codeText = get('code')
    const code = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(codeText) ? codeText : undefined
    if (codeText !== '' && code === undefined) {
      warn('import/bad-code', 'code', `事项编码“${shorten(codeText)}”只能含字母、数字、- 和 _，已另行编码`, '编码形如 HB-XZCF-001。')
    }
    out.push({
      code,
      row: rowNo,
      name: oneLine(name),
      category: oneLine(category),
      ...(subcategory !== '' && subcategory !== name ? { subcategory: oneLine(subcategory) } : {}),
      basis,
      content: get('content'),
      owner: oneLine(owner),
      timeLimit,
      channels,
      audience: audience.value,
      mode: mode.value,
      level,
      ...(notesParts.length > 0 ? { notes: notesParts.join('\n') } : {}),
    })
  }
  return out
}

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'
const SPLIT_WORD = new RegExp(`([${HAN}])[ \\t\\u3000]+(?=[${HAN}])`, 'g')

/**
 * Removes the spaces a copy out of a PDF leaves inside Chinese words (自该信 息形成 或者变 更之日起 →
 * 自该信息形成或者变更之日起). Only spaces between two Han characters go: Chinese text never
 * separates words by spaces, while spaces next to Latin letters, digits and marks are kept.
 */
export function joinSplitWords(text: string): string {
  return text.replace(SPLIT_WORD, '$1')
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '')
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ')
  return t.length > 30 ? `${t.slice(0, 30)}…` : t
}

const TICK = /^(√|✓|✔|☑|■|●|是|有|Y|YES|1|V)/i
const EMPTY_MARK = /^(×|✗|✘|否|无|□|☐|○|-|—|－|\/|N|NO|0)$/i

/** True for a tick (√ ✓ ✔ 是 …); false for empty or a cross; calls `unclear` for anything else. */
function readMark(text: string, unclear: () => void): boolean {
  const t = toHalfWidth(text).trim()
  if (t === '' || EMPTY_MARK.test(t)) return false
  if (TICK.test(t)) return true
  unclear()
  return false
}

function readChoice<T extends string>(first: T | undefined, second: T | undefined, text: string, words: ReadonlyArray<readonly [RegExp, T]>, fallback: T): { value: T; missing: boolean } {
  // Both ticked: the first (全社会, 主动) is the wider one and covers the other.
  if (first !== undefined) return { value: first, missing: false }
  if (second !== undefined) return { value: second, missing: false }
  for (const [pattern, value] of words) if (pattern.test(text)) return { value, missing: false }
  return { value: fallback, missing: true }
}

const TICKED = '■☑✓✔√▣☒●'
const UNTICKED = '□☐○'

/**
 * Channels from one cell: a ■/□ checklist (■ ticked, □ not) or a plain list separated by
 * 、，,；; or line breaks. Labels that are not recognised come back in `unknown` (and count as
 * `other`); the words after a ticked 其他（…） come back in `other`.
 */
export function parseChannels(text: string): { channels: ChannelName[]; unknown: string[]; other: string[] } {
  const channels: ChannelName[] = []
  const unknown: string[] = []
  const otherText: string[] = []
  const add = (label: string) => {
    const l = label.replace(/^[\s:：、，,；;]+|[\s:：、，,；;]+$/g, '')
    if (l === '') return
    // 其他：村民代表大会 → other, and the words after it are kept as an unknown label.
    const other = /^其[他它][:：（(]?(.*?)[)）]?$/.exec(l)
    const id = other !== null ? 'other' : parseChannelName(l)
    if (id === undefined) {
      if (!channels.includes('other')) channels.push('other')
      unknown.push(l)
      return
    }
    if (!channels.includes(id)) channels.push(id)
    if (other !== null && (other[1] ?? '') !== '') otherText.push(other[1] as string)
  }
  const marks = new RegExp(`([${TICKED}${UNTICKED}])([^${TICKED}${UNTICKED}]*)`, 'g')
  if (new RegExp(`[${TICKED}${UNTICKED}]`).test(text)) {
    for (const m of text.matchAll(marks)) if (TICKED.includes(m[1] as string)) add((m[2] ?? '').trim())
  } else {
    // Numbered lists (1.政府网站 2.两微一端, ①…, （1）…) number their labels instead of separating them.
    const listed = text.replace(/(?<!\d)(?:\d{1,2}[.．、)）]|[（(]\d{1,2}[)）]|[①-⑳])(?!\d)/g, '\n')
    for (const part of listed.split(/[、，,；;\n]+/)) addWords(part, add)
  }
  return { channels, unknown, other: otherText }
}

/** Channel labels as published catalogs write them, for telling a label split by a PDF copy (政府 网站) from two labels. */
const LABEL_WORDS: readonly string[] = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
  '其他',
  '门户网站',
  '政务新媒体',
  '微信公众号',
  '政务微博',
  '政务服务大厅',
  '便民服务中心',
  '村务公开栏',
  '政务公开栏',
  '公示栏',
  '公开栏',
  '电子显示屏',
  '自助终端',
  '新闻发布会',
  '听证会',
  '政府信息公开查阅点',
]

/**
 * The labels of one list entry separated by spaces (政府网站 两微一端), where a copy out of a PDF may
 * also have split one label (政府 网站): a word that starts a known label is joined to the words
 * after it while they still spell the start of that label.
 */
function addWords(part: string, add: (label: string) => void): void {
  const starts = (text: string) => LABEL_WORDS.some((l) => l.startsWith(text))
  let pending = ''
  for (const word of part.split(/[\s\u3000]+/).filter((w) => w !== '')) {
    if (pending !== '') {
      const joined = pending + word
      if (starts(joined)) {
        pending = LABEL_WORDS.includes(joined) ? (add(joined), '') : joined
        continue
      }
      add(pending)
      pending = ''
    }
    if (!LABEL_WORDS.includes(word) && starts(word)) pending = word
    else add(word)
  }
  if (pending !== '') add(pending)
}

/**
 * 公开依据 as a list: one law or document per entry, split at line breaks, ；/; and where a new
 * 《 follows a 、 or ，（“《A》第三条、《B》” → two entries); 、 inside one law's articles is kept.
 */
export function splitBasis(text: string): string[] {
  return text
    .split(/\n+|[；;]+|(?<=[》条款项号）)])\s*[、，,]\s*(?=《)/)
    .map((part) =>
      part
        .trim()
        .replace(/^(\d+[.、．]|[（(]\d+[)）]|[①-⑳])\s*/, '')
        .replace(/[。，、,]+$/, '')
        .trim(),
    )
    .filter((part) => part !== '')
}

function reportDuplicateCodes(items: readonly CatalogItem[], diagnostics: Diagnostic[], file: string): void {
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.code)) {
      diagnostics.push({
        code: 'import/duplicate-code',
        severity: 'error',
        message: `事项编码“${item.code}”重复（事项“${item.name}”）`,
        hint: '表格中的“事项编码”列每行必须不同。',
        file,
        subject: item.code,
      })
    }
    seen.add(item.code)
  }
}
