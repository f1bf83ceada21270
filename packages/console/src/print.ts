/**
 * 打印: the day's print run for a chosen date (`/print?on=YYYY-MM-DD`) as `gongkai print --on`
 * makes it: the index sheet and every sheet to post, drawn in the page as PNG, the PDF to
 * download, the lists of what to post and what to take down (今日撤下). Showing it writes
 * nothing; 生成打印稿 (发布) writes `out/print/<day>.pdf` and records the withdrawn sheets listed,
 * as the command does. The rendering is the CLI's to hand over (the console imports no channel).
 */
import { createHash } from 'node:crypto'
import { formatChineseDate } from '@gongkai/core'
import type { Diagnostic, Project } from '@gongkai/core'
import { isRealDate } from '@gongkai/core/internal'
import type { Context, Hono } from 'hono'
import { hasRole } from './auth.js'
import type { Env, RouteKit } from './kit.js'
import { Previews } from './previews.js'
import { sheetPageCount, sheetPagePng } from './sheet-png.js'
import { placeOf, todayIn } from './views.js'

/** A day's print run (what `renderBatch` of @gongkai/noticeboard returns). */
export interface PrintRun {
  readonly pdf: Uint8Array
  readonly pages: number
  readonly posted: readonly { readonly id: string; readonly title: string; readonly from: string; readonly until: string; readonly takeDownOn: string }[]
  readonly takeDown: readonly { readonly id: string; readonly title: string; readonly until: string; readonly takeDownOn: string }[]
  readonly withdrawn: readonly { readonly id: string; readonly title: string; readonly on: string; readonly reason: string }[]
  readonly diagnostics: readonly Diagnostic[]
}

/** The print run of a project, as the CLI makes it. */
export interface ConsolePrinter {
  /** The day's run as `gongkai print --on DAY` would make it now (withdrawals listed before read from the ledger); writes nothing. */
  render(project: Project, day: string): Promise<PrintRun>
  /** Makes it and writes it as `gongkai print --on DAY` does: the PDF (returned path, project-relative) and the 今日撤下 record in the ledger. */
  save(project: Project, day: string): Promise<{ readonly file: string; readonly run: PrintRun }>
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The print page and its files. */
export function registerPrint(
  app: Hono<Env>,
  kit: RouteKit,
  printer: ConsolePrinter | undefined,
): (project: Project) => Promise<{ posted: number; down: readonly { id: string; title: string; why: string }[] } | undefined> {
  // A few recent days, by the project's key: a change to any publication makes them again.
  const cache = new Map<string, { run: PrintRun; sha256: string }>()
  const runOf = async (project: Project, day: string) => {
    if (printer === undefined) return undefined
    const key = `${Previews.keyOf(project)}\u0000${day}`
    const hit = cache.get(key)
    if (hit !== undefined) return hit
    const run = await printer.render(project, day)
    const made = { run, sha256: createHash('sha256').update(run.pdf).digest('hex') }
    if (cache.size >= 4) cache.delete(cache.keys().next().value as string)
    cache.set(key, made)
    return made
  }

  const badDay = async (c: Context<Env>, value: string) => {
    await kit.audit(c.get('user').id, 'print', 'refused', value.slice(0, 40), `日期不合规：${value.slice(0, 40)}`)
    return kit.message(c, 400, '日期不对', `打印日期（on）应为 YYYY-MM-DD 格式的真实日期，例如 2026-11-26，不能是“${value.slice(0, 40)}”。`, '在打印页面的日期框中选择日期')
  }

  app.get('/print', async (c) => {
    const project = await kit.project()
    const tz = project.config.timezone
    const asked = c.req.query('on')
    const day = asked === undefined || asked === '' ? todayIn(tz, kit.now()) : asked
    if (!DAY.test(day) || !isRealDate(day)) return badDay(c, day)
    if (printer === undefined) return kit.message(c, 501, '没有接入打印', '这个操作台没有接入公示栏打印（用 gongkai console 启动时才有）。')
    const made = await runOf(project, day)
    if (made === undefined) return kit.message(c, 501, '没有接入打印', '这个操作台没有接入公示栏打印。')
    const { run } = made
    const pages = await sheetPageCount(made.sha256, run.pdf)
    return kit.render(c, 'print', {
      title: `打印 ${formatChineseDate(day)}`,
      day,
      date: formatChineseDate(day),
      posted: run.posted.map((p) => ({ ...p, period: `${formatChineseDate(p.from)} 至 ${formatChineseDate(p.until)}`, down: formatChineseDate(p.takeDownOn) })),
      takeDown: run.takeDown.map((t) => ({ ...t, untilText: formatChineseDate(t.until) })),
      withdrawn: run.withdrawn.map((w) => ({ ...w, onText: formatChineseDate(w.on) })),
      downCount: run.takeDown.length + run.withdrawn.length,
      pages: Array.from({ length: pages }, (_, i) => ({ src: `/print/${day}/${i + 1}.png`, n: i + 1 })),
      pageCount: run.pages,
      pdf: `/print/${day}.pdf`,
      problems: run.diagnostics.map((d) => ({ error: d.severity === 'error', message: d.message, place: placeOf(d), code: d.code })),
      canSave: hasRole(c.get('user'), 'publisher'),
      saved: c.req.query('saved') === undefined ? undefined : `已生成打印稿：${c.req.query('saved')?.slice(0, 200) ?? ''}`,
    })
  })

  app.get('/print/:file{[0-9]{4}-[0-9]{2}-[0-9]{2}\\.pdf}', async (c) => {
    const day = c.req.param('file').slice(0, 10)
    if (!isRealDate(day)) return badDay(c, day)
    const made = await runOf(await kit.project(), day)
    if (made === undefined) return c.text('没有接入打印', 501)
    return c.body(new Uint8Array(made.run.pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="gongkai-print-${day}.pdf"; filename*=UTF-8''${encodeURIComponent(`公示栏打印稿-${day}.pdf`)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
  })

  app.get('/print/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}/:page{[0-9]+\\.png}', async (c) => {
    const day = c.req.param('day')
    if (!isRealDate(day)) return badDay(c, day)
    const made = await runOf(await kit.project(), day)
    const png = made === undefined ? undefined : await sheetPagePng(made.sha256, made.run.pdf, Number(c.req.param('page').slice(0, -4)))
    if (png === undefined) return c.text('没有这一页', 404)
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' })
  })

  app.post('/print', async (c) => {
    const checked = await kit.checkForm(c, 'print')
    if (checked instanceof Response) return checked
    const user = c.get('user')
    const day = typeof checked.form['on'] === 'string' ? checked.form['on'] : ''
    if (!hasRole(user, 'publisher')) return kit.refuseRole(c, 'publisher', 'print', day.slice(0, 40))
    if (!DAY.test(day) || !isRealDate(day)) return badDay(c, day)
    if (printer === undefined) return kit.message(c, 501, '没有接入打印', '这个操作台没有接入公示栏打印。')
    const project = await kit.project()
    const { file, run } = await printer.save(project, day)
    // The 今日撤下 record changes what a later day lists: made again on the next view.
    cache.clear()
    await kit.audit(user.id, 'print', 'ok', day, `生成 ${file}（${run.pages} 页，张贴 ${run.posted.length} 篇，撤下 ${run.takeDown.length + run.withdrawn.length} 篇）`)
    return c.redirect(`/print?on=${day}&saved=${encodeURIComponent(file)}`, 303)
  })

  // 总览: today's run in short (from the same cache as the page).
  return async (project) => {
    if (printer === undefined) return undefined
    const made = await runOf(project, todayIn(project.config.timezone, kit.now()))
    if (made === undefined) return undefined
    const down = [
      ...made.run.takeDown.map((t) => ({ id: t.id, title: t.title, why: `公示期至${formatChineseDate(t.until)}` })),
      ...made.run.withdrawn.map((w) => ({ id: w.id, title: w.title, why: `已撤回：${w.reason}` })),
    ]
    return { posted: made.run.posted.length, down }
  }
}
