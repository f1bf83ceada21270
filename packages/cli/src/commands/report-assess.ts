/** `gongkai report assess [DIR] --from DATE --to DATE`: the 自评报告 as HTML, a GB/T 9704 PDF and JSON. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { assess, assessmentHtml, assessmentMarkdown, listCheckRuns, readFeedback, readRubric, runCheck, saveCheckRun, trendCharts } from '@gongkai/check'
import type { Assessment, FeedbackRow } from '@gongkai/check'
import { chartPng, LIGHT_STYLE } from '@gongkai/chart'
import { Catalog, ERRORS, GongkaiError, createDisclosure, createIndexNumbering, createRenderContext } from '@gongkai/core'
import type { Diagnostic, Project } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import { noticeboard } from '@gongkai/noticeboard'
import type { Command } from '../command.js'
import { parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { openProject, openStore, outDirOf, projectCalendar, report, shown } from '../project.js'
import { table } from '../ui.js'
import { dayArg } from './check.js'

const USAGE = `用法：gongkai report assess [目录] --from 日期 --to 日期 [--feedback 文件]… [--out 目录]

自评报告：按 gongkai.config.yaml 中 assessment 的评分细则（未写时用默认细则），给出总得分和评定、
各科室得分及扣分加分的依据、按月趋势（按时公开率、信息更新）图表和整改清单。
同时生成 HTML 页面、公示栏版式（GB/T 9704）PDF 和 JSON。
  --from      评估期间的第一天（YYYY-MM-DD）
  --to        评估期间的最后一天（YYYY-MM-DD），按这一天自查一次
  --feedback  社会评价或第三方评估结果（.csv 或 .xlsx，列：科室、事项、来源、得分或满意度、意见），可写多次
  --out       报告目录（默认：项目目录下 out/reports）`

/** The PDF: the report's Markdown set as a publication through the noticeboard typesetter, the charts as PNGs it reads as assets. */
async function assessmentPdf(project: Project, a: Assessment): Promise<Uint8Array> {
  const fonts = resolveFonts(project.config.fonts)
  const charts = trendCharts(a)
  const images = new Map<string, Uint8Array>()
  for (const [i, c] of charts.entries()) images.set(`assets/assess/trend-${i + 1}.png`, await chartPng(c, LIGHT_STYLE, fonts))
  const owner = project.catalog.items[0]?.owner ?? project.config.body.name
  const item = {
    code: 'ZWGK-ZPBG',
    name: '政务公开工作自查自评',
    category: '政务公开工作',
    basis: ['《中华人民共和国政府信息公开条例》'],
    content: '政务公开工作自查自评',
    owner,
    timeLimit: { kind: 'long-term', text: '长期公开' },
    channels: ['noticeboard'],
    audience: 'public',
    mode: 'proactive',
    level: ['county'],
  } as const
  const { disclosure } = createDisclosure(
    { ...item, basis: [...item.basis], channels: [...item.channels], level: [...item.level] },
    {
      id: `assess-${a.from}-${a.to}`,
      item: 'ZWGK-ZPBG',
      title: `${project.config.body.name}政务公开自评报告（${a.from.slice(0, 4)}年${Number(a.from.slice(5, 7))}月—${a.to.slice(0, 4)}年${Number(a.to.slice(5, 7))}月）`,
      kind: 'release',
      stage: 'result',
      formed: a.to,
      body: assessmentMarkdown(a, [...images.keys()]),
    },
    // The report is not a disclosure of the catalog: it takes no serial from the office's 索引号 sequence.
    { orgCode: project.config.body.orgCode, serial: createIndexNumbering({ [a.to.slice(0, 4)]: 0 }) },
  )
  const base = createRenderContext({ config: project.config, catalog: new Catalog([disclosure.item]), all: [disclosure], projectDir: project.dir, now: new Date(`${a.to}T12:00:00+08:00`) })
  const ctx = { ...base, readAsset: async (path: string) => images.get(path) ?? base.readAsset(path) }
  const artifacts = await noticeboard().render(disclosure, ctx)
  const pdf = artifacts.find((x) => x.path.endsWith('.pdf'))
  if (pdf === undefined || typeof pdf.data === 'string') throw GongkaiError.from(ERRORS.ReportNoPdf)
  return pdf.data
}

/** The `report assess` subcommand. */
export const reportAssessCommand: Command = {
  name: 'assess',
  summary: '自评报告：各科室得分、趋势图表和整改清单（HTML、PDF、JSON）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { from: { type: 'string' }, to: { type: 'string' }, feedback: { type: 'string', multiple: true }, out: { type: 'string' } }, USAGE)
    const from = dayArg(text(args, 'from'), '--from', USAGE)
    const to = dayArg(text(args, 'to'), '--to', USAGE)
    if (from === undefined || to === undefined) throw new UsageError('请用 --from 和 --to 写明评估期间，例如 --from 2026-01-01 --to 2026-11-30', USAGE)
    if (from > to) throw new UsageError(`--from ${from} 晚于 --to ${to}`, USAGE)
    const project = await openProject(args.positionals[0], io)
    report(
      project.diagnostics.filter((d) => d.severity === 'error'),
      io,
      { limit: 10 },
    )
    const diagnostics: Diagnostic[] = []
    const rubric = readRubric(project.config, diagnostics)
    const owners = [...new Set(project.catalog.items.map((i) => i.owner))]
    const feedback: FeedbackRow[] = []
    const files = args.values['feedback']
    for (const f of Array.isArray(files) ? (files as string[]) : []) feedback.push(...(await readFeedback(resolve(io.cwd, f), owners, diagnostics, basename(f))))
    const store = await openStore(project, io)
    let a: Assessment
    try {
      const records = await store.ledger.list()
      const calendar = projectCalendar(project)
      const { report: found, diagnostics: settings } = await runCheck({ project, calendar, records, now: io.now(), on: to, env: io.env, browser: false })
      diagnostics.push(...settings)
      await saveCheckRun(store.kv, found, io.now())
      const runs = await listCheckRuns(store.kv, from, to)
      a = assess({ project, calendar, records, report: found, rubric, from, to, runs, feedback })
    } finally {
      await store.close()
    }
    report(diagnostics, io)
    const out = text(args, 'out') === undefined ? join(outDirOf(project, io, undefined), 'reports') : resolve(io.cwd, text(args, 'out') as string)
    mkdirSync(out, { recursive: true })
    const stem = join(out, `assess-${from}-${to}`)
    writeFileSync(`${stem}.json`, `${JSON.stringify(a, null, 2)}\n`)
    writeFileSync(`${stem}.html`, assessmentHtml(a))
    writeFileSync(`${stem}.pdf`, await assessmentPdf(project, a))
    io.out(`${a.body} 自评 · ${from} 至 ${to}：总得分 ${a.score} 分，${a.grade}`)
    io.out(
      table(
        ['科室', '得分', '按时公开率', '扣分项', '加分项'],
        [...a.departments, { ...a.site, owner: '网站与公众号（全局）' }].map((d) => [
          d.owner,
          String(d.score),
          d.onTimeRate === undefined ? '—' : `${(d.onTimeRate * 100).toFixed(1)}%`,
          d.deductions.map((x) => `${x.name}×${x.count} −${x.points}`).join('；') || '无',
          d.bonuses.map((b) => `${b.reason} ${b.points >= 0 ? '+' : ''}${b.points}`).join('；') || '无',
        ]),
      ),
    )
    io.out(`需要整改 ${a.fixes.length} 项（单项否决 ${a.vetoes.length} 项）。报告：${shown(io, stem)}.html、.pdf、.json`)
    return a.vetoes.length > 0 ? EXIT.content : EXIT.ok
  },
}
