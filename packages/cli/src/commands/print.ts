/** `gongkai print [DIR] [--on DATE] [--out FILE.pdf] [--paper A4|A3] [--duplex]`: the day's noticeboard sheets. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Project, Store } from '@gongkai/core'
import type { BatchResult } from '@gongkai/noticeboard'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { isRealDate } from '@gongkai/core/internal'
import { EXIT, UsageError } from '../errors.js'
import { channelOptions, openProject, openStore, renderContext, report, shown } from '../project.js'
import { listedBefore, recordListed } from '../print-withdrawals.js'
import { table, todayIn } from '../ui.js'
import { formatChineseDate } from '@gongkai/core'

const USAGE = `用法：gongkai print [目录] [--on 日期] [--out 文件.pdf] [--paper A4|A3] [--duplex]

生成某一天要张贴到公示栏的全部公开信息（公示期覆盖这一天的），每篇从新的一页开始，
前面是一页张贴清单：张贴什么、各自的撤下日期，以及今天应撤下什么（公示期满的，和已撤回的及其原因）。
已撤回的只在撤回生效后的第一次打印时列入“今日撤下”（记入台账），此后不再打印，也不再列出。
  --on      日期（默认今天，按项目时区），如 2026-11-26
  --out     输出文件（默认：<目录>/out/print/<日期>.pdf）
  --paper   纸张 A4（默认）或 A3
  --duplex  双面打印：每篇从奇数页开始`

/** A day's print run, with the paper it was made on. */
export type PrintBatch = BatchResult & { readonly paper: 'A4' | 'A3' }

/** Where `gongkai print --on DAY` writes the run by default. */
export function defaultPrintFile(project: Project, day: string): string {
  return resolve(project.dir, 'out', 'print', `${day}.pdf`)
}

/** The day's print run as `gongkai print --on DAY` makes it (paper and fallback font from the config, withdrawals already listed from the ledger); writes nothing. */
export async function makePrintRun(project: Project, store: Store, day: string, io: Pick<Io, 'now'>, options: { paper?: 'A4' | 'A3'; duplex?: boolean } = {}): Promise<PrintBatch> {
  const configured = channelOptions(project, 'noticeboard')
  const paper = options.paper ?? (configured['paper'] === 'A3' ? 'A3' : 'A4')
  const fallbackFont = typeof configured['fallbackFont'] === 'string' ? configured['fallbackFont'] : undefined
  const ctx = renderContext(project, io.now())
  const { renderBatch } = await import('@gongkai/noticeboard')
  const listed = await listedBefore(store.ledger, day)
  const batch = await renderBatch(project.disclosures, { on: day, paper, duplex: options.duplex === true, listedBefore: listed, ...(fallbackFont === undefined ? {} : { fallbackFont }) }, ctx)
  return { ...batch, paper }
}

/** Makes the day's run and writes it to `file`, then records the withdrawn sheets it listed (as `gongkai print` does). */
export async function savePrintRun(project: Project, store: Store, day: string, io: Pick<Io, 'now'>, file: string, options: { paper?: 'A4' | 'A3'; duplex?: boolean } = {}): Promise<PrintBatch> {
  const batch = await makePrintRun(project, store, day, io, options)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, batch.pdf)
  // Recorded once the PDF is written: a run that failed before it lists them again next time.
  await recordListed(store.ledger, day, io.now(), batch.withdrawn)
  return batch
}

/** The `print` command. */
export const printCommand: Command = {
  name: 'print',
  summary: '生成某天公示栏要张贴的打印稿（PDF）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { on: { type: 'string' }, out: { type: 'string' }, paper: { type: 'string' }, duplex: { type: 'boolean' } }, USAGE)
    const paperArg = text(args, 'paper')?.toUpperCase() as 'A4' | 'A3' | undefined
    if (paperArg !== undefined && paperArg !== 'A4' && paperArg !== 'A3') throw new UsageError(`--paper 只能是 A4 或 A3（例如 --paper A3），不能是“${text(args, 'paper')}”`, USAGE)
    const on = text(args, 'on')
    if (on !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(on) && isRealDate(on))) throw new UsageError(`--on 应为 YYYY-MM-DD 格式的真实日期，例如 --on 2026-11-26，不能是“${on}”`, USAGE)
    const project = await openProject(args.positionals[0], io)
    const loadProblems = report(
      project.diagnostics.filter((d) => d.severity === 'error'),
      io,
      { limit: 10 },
    )
    const day = on ?? todayIn(project.config.timezone, io.now())
    const store = await openStore(project, io)
    let batch: PrintBatch
    let out: string
    try {
      out = resolve(io.cwd, text(args, 'out') ?? defaultPrintFile(project, day))
      batch = await savePrintRun(project, store, day, io, out, { ...(paperArg === undefined ? {} : { paper: paperArg }), duplex: flag(args, 'duplex') })
    } finally {
      await store.close()
    }
    const paper = batch.paper
    const problems = report(batch.diagnostics, io, { limit: 30 })
    if (batch.posted.length === 0) {
      io.out(`${formatChineseDate(day)}没有需要张贴的公开信息（公示期都不覆盖这一天）。`)
    } else {
      io.out(`${formatChineseDate(day)}张贴 ${batch.posted.length} 篇：`)
      io.out(
        table(
          ['编号', '标题', '撤下日期'],
          batch.posted.map((p) => [p.id, p.title, formatChineseDate(p.takeDownOn)]),
        ),
      )
    }
    if (batch.takeDown.length > 0) {
      io.out(`应撤下 ${batch.takeDown.length} 篇：${batch.takeDown.map((t) => `${t.id}（${t.title}）`).join('、')}`)
    }
    if (batch.withdrawn.length > 0) {
      io.out(`今日撤下（已撤回，不再张贴）${batch.withdrawn.length} 篇：`)
      io.out(
        table(
          ['编号', '标题', '撤回日期', '撤回原因'],
          batch.withdrawn.map((w) => [w.id, w.title, formatChineseDate(w.on), w.reason]),
        ),
      )
    }
    io.out(`打印稿：${shown(io, out)}（${batch.pages} 页，${paper}${flag(args, 'duplex') ? '，双面' : ''}）`)
    return loadProblems.errors + problems.errors > 0 ? EXIT.content : EXIT.ok
  },
}
