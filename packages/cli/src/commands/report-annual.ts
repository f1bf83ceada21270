/** `gongkai report annual [DIR] --year YYYY [--json] [--out DIR]` (a subcommand of `report`): 政府信息公开工作年度报告 from the register and the publications. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { annualReportMarkdown, annualReportTitle, computeAnnualReport, computeRequestClock, readReportFigures, readReportSources, readReportText, TABLE3_COLUMNS } from '@gongkai/core'
import type { AnnualReportTables, Diagnostic } from '@gongkai/core'
import type { Project } from '@gongkai/core'
import { isRealDate, parseBody, splitFrontMatter } from '@gongkai/core/internal'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { renderDocx } from '../docx.js'
import { EXIT, UsageError } from '../errors.js'
import { openProject, outDirOf, projectCalendar, report, shown } from '../project.js'
import { table, todayIn } from '../ui.js'

const USAGE = `用法：gongkai report annual [目录] --year 年份 [--on 日期] [--json] [--publish] [--out 目录]

按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）生成年度报告：
第一、五、六部分取自 reports/<年份>.md（gongkai init 生成模板），表二按公开信息的有效性和
标准目录的类别统计（未公开的处理决定数和收费金额写在 reports/<年份>.yaml），表三按依申请公开
登记簿（requests/）统计并核对“第一项 + 第二项 = 第三项总计 + 第四项”，表四按复议和诉讼统计。
生成：
  <输出目录>/reports/<年份>/政府信息公开工作年度报告.pdf   GB/T 9704 版式
  <输出目录>/reports/<年份>/政府信息公开工作年度报告.docx  供 Word 继续编辑
  <输出目录>/reports/<年份>/政府信息公开工作年度报告.md    同一内容的 Markdown
加 --publish 时，还写入 publications/reports/<年份>-annual-report.md：标准目录“年度报告”事项下的
一条公开信息，经保密审查（写 review）后由 gongkai build 发布到网站的“年度报告”栏目。
登记簿或报告文字有错误时不生成，退出码为 1。
  --year     报告年度，如 --year 2026（统计 1 月 1 日至 12 月 31 日）
  --on       成文日期（署名下的日期），如 --on 2027-01-20（默认今天，按项目时区）
  --json     只输出表二、表三、表四的数字（JSON），不写文件
  --publish  同时写入（或更新）网站页面所用的公开信息文件
  --out      输出目录（默认：<目录>/out）`

/** The catalog item the report is published under: the one whose level-2 heading or name is 年度报告. */
function reportItem(project: Project): string | undefined {
  return project.catalog.items.find((i) => i.mode === 'proactive' && (i.subcategory === '年度报告' || i.name.includes('政府信息公开工作年度报告')))?.code
}

/** The publication file of the report: its front matter kept when the file is there, its body replaced. */
function publicationText(existing: string | undefined, front: Record<string, string>, body: string): { text: string; reviewed: boolean } {
  const split = existing === undefined ? undefined : splitFrontMatter(existing)
  if (existing !== undefined && split !== undefined) {
    const head = existing.slice(0, existing.length - split.body.length)
    // A changed report must pass 保密审查 again: its review (one level or several) is taken out.
    const changed = split.body.trim() !== body.trim()
    const kept = changed ? head.replace(/^review(?:Levels)?:.*(?:\n[ \t]+.*)*\n/gm, '') : head
    return { text: `${kept}\n${body}`, reviewed: !changed && /^review/m.test(head) }
  }
  const lines = Object.entries(front).map(([k, v]) => `${k}: ${v}`)
  return { text: `---\n${lines.join('\n')}\n---\n\n${body}`, reviewed: false }
}

/** The three tables as `--json` prints them. */
export function reportJson(t: AnnualReportTables, organ: string): Record<string, unknown> {
  return { year: t.year, organ, table2: t.table2, table3: t.table3, table4: t.table4 }
}

async function annual(argv: readonly string[], io: Io): Promise<number> {
  const args = parse(argv, { year: { type: 'string' }, on: { type: 'string' }, json: { type: 'boolean' }, publish: { type: 'boolean' }, out: { type: 'string' } }, USAGE)
  const yearText = text(args, 'year')
  if (yearText === undefined) throw new UsageError('请用 --year 指明报告年度，例如 --year 2026', USAGE)
  if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year 应为四位年份，例如 --year 2026，不能是“${yearText}”`, USAGE)
  const year = Number(yearText)
  const on = text(args, 'on')
  if (on !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(on) && isRealDate(on))) throw new UsageError(`--on 应为 YYYY-MM-DD 格式的真实日期，例如 --on 2027-01-20，不能是“${on}”`, USAGE)
  if (on !== undefined && on < `${year}-12-31`) io.err(`提示：成文日期 ${on} 早于 ${year} 年结束，报告只统计到这一天已登记的申请和公开信息`)
  const project = await openProject(args.positionals[0], io)
  const problems: Diagnostic[] = project.diagnostics.filter((d) => d.severity === 'error' && (d.file?.startsWith('requests/') === true || d.code.startsWith('request/')))
  const sources = readReportSources(project.dir, year)
  problems.push(...sources.diagnostics)
  const figures = sources.figures === undefined ? undefined : readReportFigures(sources.figures)
  if (figures !== undefined) problems.push(...figures.diagnostics)
  const tables = computeAnnualReport({
    year,
    requests: project.requests,
    publications: project.publications,
    catalog: project.catalog,
    timezone: project.config.timezone,
    ...(figures === undefined ? {} : { figures: figures.figures, figurePlaces: figures.places, figuresFile: sources.figures?.file ?? '' }),
  })
  problems.push(...tables.diagnostics)
  const organ = project.config.body.name
  if (flag(args, 'json')) {
    const errors = problems.filter((d) => d.severity === 'error')
    if (errors.length > 0) {
      report(errors, { ...io, out: io.err })
      return EXIT.content
    }
    io.out(JSON.stringify(reportJson(tables, organ), null, 2))
    return EXIT.ok
  }
  const written = sources.text === undefined ? undefined : readReportText(sources.text)
  if (sources.text === undefined)
    problems.push({
      code: 'report/missing-text',
      severity: 'error',
      message: `没有 reports/${year}.md：年度报告第一、五、六部分的文字由本机关撰写`,
      hint: `新建 reports/${year}.md，写“## 一、总体情况”“## 五、存在的主要问题及改进情况”“## 六、其他需要报告的事项”三部分（gongkai init 生成的项目中有模板）`,
      file: `reports/${year}.md`,
    })
  else if (written !== undefined) problems.push(...written.diagnostics)
  const { errors } = report(problems, io)
  if (errors > 0 || written === undefined) {
    io.err(`年度报告没有生成：请先改正以上 ${errors} 个错误。`)
    return EXIT.content
  }
  // A draft with 尚待填写 sections may be printed and circulated, never published on the website.
  const unfilled = written.diagnostics.filter((d) => d.code === 'report/missing-section').length
  if (unfilled > 0 && flag(args, 'publish')) {
    io.err(`年度报告还有 ${unfilled} 个部分没有填写，不能发布（--publish）：写好 reports/${year}.md 后再运行；不加 --publish 可先生成草稿。`)
    return EXIT.content
  }
  const title = annualReportTitle(organ, year)
  const markdown = annualReportMarkdown(tables, written.markdown)
  const today = on ?? todayIn(project.config.timezone, io.now())
  const { tree } = parseBody(markdown, { file: `reports/${year}.md`, bodyLine: 1 })
  const { renderDocument } = await import('@gongkai/noticeboard')
  const glyphs: Diagnostic[] = []
  const pdf = await renderDocument({ title, tree, date: today, subject: `annual-report-${year}`, file: `reports/${year}.md` }, project.config, { report: (d) => glyphs.push(d) })
  const docx = await renderDocx({ title, tree, organ, date: today })
  const dir = join(outDirOf(project, io, text(args, 'out')), 'reports', String(year))
  mkdirSync(dir, { recursive: true })
  const pdfPath = join(dir, '政府信息公开工作年度报告.pdf')
  const docxPath = join(dir, '政府信息公开工作年度报告.docx')
  writeFileSync(pdfPath, pdf.pdf)
  writeFileSync(docxPath, docx)
  writeFileSync(join(dir, '政府信息公开工作年度报告.md'), `# ${title}\n\n${markdown}`)
  report(glyphs, io)

  // The website page: a publication under the catalog's 年度报告 item, in the disclosure section's 年度报告 column.
  const item = reportItem(project)
  let published: string | undefined
  if (!flag(args, 'publish')) published = undefined
  else if (item === undefined) io.err('提示：标准目录中没有“年度报告”事项（二级事项为“年度报告”），网站页面没有生成；在 catalog.yaml 中加上该事项后再运行。')
  else {
    const id = `annual-report-${year}`
    const existing = project.publications.find((p) => p.id === id)
    const rel = existing?.source.file ?? `publications/reports/${year}-annual-report.md`
    const abs = join(project.dir, ...rel.split('/'))
    const before = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined
    const front = { id, item, title, kind: 'release', stage: 'result', formed: today, tags: '[年度报告, 政府信息公开]' }
    const next = publicationText(before, front, markdown)
    if (next.text !== before) {
      mkdirSync(dirname(abs), { recursive: true })
      writeFileSync(abs, next.text)
    }
    published = `${rel}${next.reviewed ? '' : '（未经保密审查：审查后在文件中写 review，再 gongkai build 发布）'}`
  }

  const t = tables.table3
  io.out(`${title}（${pdf.pages} 页）`)
  io.out(
    table(
      ['表三', ...TABLE3_COLUMNS],
      (['本年新收', '上年结转', '总计', '结转下年度'] as const).map((r) => [r === '总计' ? '办理结果总计' : r, ...TABLE3_COLUMNS.map((c) => String(t[r][c]))]),
    ),
  )
  io.out(`核对：本年新收 ${t.本年新收.总计} + 上年结转 ${t.上年结转.总计} = 办理结果 ${t.总计.总计} + 结转下年度 ${t.结转下年度.总计}`)
  // What an assessment asks next: of the replies of the year, how many were within the legal period.
  const calendar = projectCalendar(project)
  const replied = project.requests.filter((r) => tables.counted.办理结果.includes(r.id))
  const late = replied.filter((r) => computeRequestClock(r, calendar).late).map((r) => r.id)
  io.out(`按时答复 ${replied.length - late.length} 件，逾期答复 ${late.length} 件${late.length === 0 ? '' : `（${late.join('、')}）`}`)
  io.out(`已生成：${shown(io, pdfPath)}`)
  io.out(`        ${shown(io, docxPath)}`)
  if (published !== undefined) io.out(`网站页面：${published}`)
  else if (!flag(args, 'publish')) io.out('加 --publish 把报告写成“年度报告”事项下的公开信息，经保密审查后发布到网站。')
  return EXIT.ok
}

/** `report annual`: the 政府信息公开工作年度报告. */
export const reportAnnualCommand: Command = {
  name: 'annual',
  summary: '政府信息公开工作年度报告（网站页面、PDF、Word）',
  usage: USAGE,
  run: annual,
}
