/**
 * The office's own parts of an annual report: `reports/YEAR.md` (the text of sections 一, 五 and 六,
 * under their headings) and `reports/YEAR.yaml` (figures the register and the publications cannot
 * give: decisions not published, fees, last year's published 结转). Both read through the one way
 * into the project folder, every problem at its line.
 */
import type { RootContent } from 'mdast'
import { isScalar } from 'yaml'
import type { ReportFigures } from '../annual-report.js'
import type { Diagnostic } from '../diagnostics.js'
import { parseBody, toPlainText } from '../markdown.js'
import { Fields } from './fields.js'
import { readProjectTextSync, resolveProjectFileSync } from './project-file.js'
import { YamlSource } from './yaml-source.js'
import type { SourceFile } from './yaml-source.js'

/** The six sections of the 2021 format, in order. 二, 三 and 四 are the tables gongkai counts. */
export const REPORT_SECTIONS = ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'] as const
/** The sections whose text the office writes. */
export const OFFICE_SECTIONS = ['一', '五', '六'] as const
const NUMERALS = ['一', '二', '三', '四', '五', '六'] as const

/** The office's text: the block nodes under each of 一, 五 and 六. */
export interface ReportText {
  readonly sections: Readonly<Record<(typeof OFFICE_SECTIONS)[number], readonly RootContent[]>>
  /** The same text as the office wrote it (Markdown, the headings left out), for the report's own Markdown. */
  readonly markdown: Readonly<Record<(typeof OFFICE_SECTIONS)[number], string>>
  readonly diagnostics: readonly Diagnostic[]
}

/** Reads `reports/YEAR.md`: a `#`/`##` heading per section (`## 一、总体情况`), its text below it. */
export function readReportText(source: SourceFile): ReportText {
  const { tree, diagnostics: parsed } = parseBody(source.text, { file: source.file, bodyLine: 1 })
  // The template's prompts are HTML comments: dropped by the parse, as they should be, and not worth a warning.
  const lines = source.text.split('\n')
  const diagnostics: Diagnostic[] = parsed.filter((d) => !(d.code === 'markdown/raw-html' && (lines[(d.line ?? 0) - 1] ?? '').trimStart().startsWith('<!--')))
  const sections: Record<string, RootContent[]> = { 一: [], 五: [], 六: [] }
  const seen = new Set<string>()
  let current: string | undefined
  for (const node of tree.children) {
    // A level-1 heading is the file's own title: it is not a section, and not worth a warning.
    if (node.type === 'heading' && node.depth === 1) {
      current = undefined
      continue
    }
    if (node.type === 'heading' && node.depth === 2) {
      const text = toPlainText(node).trim()
      const n = NUMERALS.find((x) => text.startsWith(x))
      const at = node.position?.start
      const place = { file: source.file, ...(at === undefined ? {} : { line: at.line, column: at.column }) }
      if (n === undefined) {
        diagnostics.push({
          code: 'report/unknown-section',
          severity: 'warning',
          message: `年度报告文字中的标题“${text}”不是六个部分之一，它下面的文字不会放进报告`,
          hint: `标题写成“## 一、${REPORT_SECTIONS[0]}”“## 五、${REPORT_SECTIONS[4]}”“## 六、${REPORT_SECTIONS[5]}”`,
          ...place,
        })
        current = undefined
        continue
      }
      if (!(OFFICE_SECTIONS as readonly string[]).includes(n)) {
        diagnostics.push({
          code: 'report/generated-section',
          severity: 'warning',
          message: `第${n}部分“${REPORT_SECTIONS[NUMERALS.indexOf(n)]}”由 gongkai 按登记簿和公开信息统计生成，这里写的文字不会放进报告`,
          hint: '表二、表三、表四的数字请改登记簿（requests/）或 reports/年份.yaml，不要手写',
          ...place,
        })
        current = undefined
        continue
      }
      seen.add(n)
      current = n
      continue
    }
    if (current !== undefined && node.type !== 'html') sections[current]?.push(node)
  }
  for (const n of OFFICE_SECTIONS) {
    const blocks = sections[n] ?? []
    if (blocks.length > 0 && blocks.some((b) => toPlainText(b).trim() !== '')) continue
    const title = REPORT_SECTIONS[NUMERALS.indexOf(n)]
    // A draft is still worth printing (to circulate the tables): the section reads 尚待填写 there, and
    // only publishing the report waits for the text.
    diagnostics.push({
      code: 'report/missing-section',
      severity: 'warning',
      message: `${seen.has(n) ? `年度报告第${n}部分“${title}”还没有填写` : `年度报告文字中没有第${n}部分“${title}”`}：报告中这一部分暂写“${UNFILLED}”，不能发布`,
      hint: `在 ${source.file} 的“## ${n}、${title}”下面写本机关的文字（gongkai init 生成的模板中有提示）`,
      file: source.file,
    })
  }
  const markdown: Record<string, string> = {}
  for (const n of OFFICE_SECTIONS) {
    const blocks = sections[n] ?? []
    const from = blocks[0]?.position?.start.offset
    const to = blocks[blocks.length - 1]?.position?.end.offset
    const written =
      from === undefined || to === undefined
        ? ''
        : source.text
            .slice(from, to)
            .replace(/<!--[\s\S]*?-->/g, '')
            .trim()
    markdown[n] = written === '' ? UNFILLED : written
  }
  return { sections: sections as unknown as ReportText['sections'], markdown: markdown as unknown as ReportText['markdown'], diagnostics }
}

/** What an unwritten office section of the annual report reads in a draft. */
export const UNFILLED = '（本部分尚待填写）'

/** What `reports/YEAR.yaml` gave. */
export interface ReportFiguresResult {
  readonly figures: ReportFigures
  readonly places: Readonly<Record<string, { readonly line: number; readonly column: number }>>
  readonly diagnostics: readonly Diagnostic[]
}

const FIGURE_KEYS = ['行政许可', '行政处罚', '行政强制', '行政事业性收费', '上年结转'] as const

/** Reads `reports/YEAR.yaml`: `行政许可: 152`, `行政事业性收费: 1.25` (万元), `上年结转: 3`. */
export function readReportFigures(source: SourceFile): ReportFiguresResult {
  const diagnostics: Diagnostic[] = []
  const src = new YamlSource(source.file, source.text, diagnostics)
  if (src.doc.contents === null) return { figures: {}, places: {}, diagnostics }
  const map = src.rootMap('report/shape', `年度报告数字文件 ${source.file} `)
  if (map === undefined) return { figures: {}, places: {}, diagnostics }
  const f = new Fields(src, map, 'report', `年度报告数字文件`)
  f.unknown(FIGURE_KEYS)
  const figures: Record<string, number> = {}
  const places: Record<string, { line: number; column: number }> = {}
  for (const key of FIGURE_KEYS) {
    const node = f.node(key)
    if (node === undefined) continue
    const pos = src.position(node)
    if (pos !== undefined) places[key] = pos
    const v = isScalar(node) ? node.value : undefined
    const money = key === '行政事业性收费'
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && (money || Number.isInteger(v))) figures[key] = v
    else
      f.report(
        node,
        'bad-figure',
        `年度报告数字文件中的“${key}”应当是${money ? '不小于 0 的金额（万元）' : '不小于 0 的整数（件）'}`,
        money ? '例如 行政事业性收费: 1.25（单位：万元；没有收费写 0）' : `例如 ${key}: 12`,
      )
  }
  return { figures, places, diagnostics }
}

/** The two files of `year` as they are in the project folder (absent ones undefined), refused or unreadable ones reported. */
export function readReportSources(projectDir: string, year: number): { text?: SourceFile; figures?: SourceFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const read = (file: string): SourceFile | undefined => {
    const where = resolveProjectFileSync(projectDir, file)
    if (!where.ok) {
      if (where.reason !== 'missing') diagnostics.push({ code: 'file/outside-project', severity: 'error', message: `${file} ${where.message}，没有读取`, hint: '请把文件本身放在项目目录中', file })
      return undefined
    }
    const got = readProjectTextSync(where.path, file, 1024 * 1024, { tooLarge: 'report/too-large', unreadable: 'report/unreadable' })
    diagnostics.push(...got.diagnostics)
    return got.text === undefined ? undefined : { file, text: got.text }
  }
  const text = read(`reports/${year}.md`)
  const figures = read(`reports/${year}.yaml`)
  return { ...(text === undefined ? {} : { text }), ...(figures === undefined ? {} : { figures }), diagnostics }
}

/** The template `gongkai init` writes as `reports/YEAR.md`: the three headings, and what goes under each as comments (never published). */
export function reportTemplate(year: number): string {
  return `# ${year}年政府信息公开工作年度报告：本机关撰写的部分

<!-- 第二、三、四部分（表二、表三、表四）由 gongkai report annual 按 publications/ 和 requests/ 统计生成，不要手写。
     下面三部分的文字请替换这些注释；注释本身不会出现在报告中。 -->

## 一、总体情况

<!-- 概述本年度主动公开、依申请公开、政府信息管理、平台建设、监督保障等工作情况。 -->

## 五、存在的主要问题及改进情况

<!-- 写本年度存在的主要问题、上年度问题的整改情况和下一步改进措施。 -->

## 六、其他需要报告的事项

<!-- 依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，人大代表建议和政协提案办理结果公开情况，年度工作要点落实情况等。没有的写“无”。 -->
`
}
