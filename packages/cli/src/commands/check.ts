/** `gongkai check [DIR] [--url URL] [--on DATE] [--external] [--no-browser] [--json]`: where the office stands against the inspection indicators. */
import { runCheck, saveCheckRun } from '@gongkai/check'
import type { CheckPlace, CheckReport } from '@gongkai/check'
import { ERRORS, formatChineseDate, GongkaiError } from '@gongkai/core'
import type { Store } from '@gongkai/core'
import type { TaskRunner } from '@gongkai/scheduler'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { openProject, openStore, projectCalendar, report } from '../project.js'
import { table } from '../ui.js'

const USAGE = `用法：gongkai check [目录] [--url 网址] [--on 日期] [--external] [--no-browser] [--json]

自查：按政府网站和政务新媒体检查指标，逐项检查信息更新、公开时限、要素完整、链接可用、
内容安全与防篡改、无障碍与适老化，列出每个问题、怎么改和位置。
有单项否决的问题时退出码为 1。每次结果都记入台账数据库，供 gongkai report assess 统计趋势。
  --url         同时检查线上网站（逐页抓取，核验与发布版本是否一致，检查链接和违禁词）
  --on          按这一天检查（YYYY-MM-DD，默认今天）
  --external    同时检查外部链接（较慢；每次最多 4 个请求，每个 10 秒超时）
  --no-browser  不在 Chromium 中运行 axe 无障碍检测（只做静态检查）
  --json        以 JSON 输出结果`

/** A place as operators read it: file:line, or the URL, and what is there. */
export function placeText(p: CheckPlace): string {
  const where = p.url ?? (p.file === undefined ? '' : `${p.file}${p.line === undefined ? '' : `:${p.line}`}`)
  return p.note === undefined ? where : `${where}（${p.note}）`
}

const STATUS = { pass: '通过', fail: '未通过', skipped: '未检查' } as const

/** The report as operators read it: indicators, then each finding with what to fix and where. */
export function describeCheck(r: CheckReport): string[] {
  const lines = [`${r.body} 自查 · ${formatChineseDate(r.on)}${r.site.url === undefined ? '' : ` · 线上网站 ${r.site.url}`}`, '']
  lines.push(
    table(
      ['指标', '结果', '问题', '说明'],
      r.indicators.map((i) => [i.name, i.veto ? '单项否决' : STATUS[i.status], String(i.findings.length), i.summary]),
    ),
  )
  const all = r.indicators.flatMap((i) => i.findings.map((f) => ({ i, f })))
  if (all.length > 0) {
    lines.push('')
    lines.push(
      table(
        ['指标', '结果', '怎么改', '位置'],
        // Whole sentences: a cut-off fix or place would send the operator looking in the wrong file.
        all.map(({ i, f }) => [(f.veto ? '【否决】' : '') + i.name, f.message, f.fix, placeText(f.place)]),
      ),
    )
  }
  if (r.deadlines.length > 0) {
    lines.push('', '各科室公开时限：')
    lines.push(
      table(
        ['科室', '公开信息', '按时', '逾期发布', '超期未发布', '即将到期', '按时公开率'],
        r.deadlines.map((o) => [
          o.owner,
          String(o.total),
          String(o.onTime),
          String(o.late),
          String(o.overdue),
          String(o.dueSoon),
          o.onTimeRate === undefined ? '—' : `${(o.onTimeRate * 100).toFixed(1)}%`,
        ]),
      ),
    )
  }
  lines.push('')
  const vetoes = all.filter(({ f }) => f.veto).length
  lines.push(
    r.vetoed
      ? `结论：有 ${vetoes} 个单项否决问题，按检查指标网站将被判为不合格，请先处理标有【否决】的问题。`
      : all.length === 0
        ? '结论：各项指标均通过。'
        : `结论：没有单项否决问题；共 ${all.length} 个扣分问题。`,
  )
  return lines
}

/** Reads `--on`, a real date. */
export function dayArg(value: string | undefined, flagName: string, usage: string): string | undefined {
  if (value === undefined) return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) throw new UsageError(`${flagName} 应为日期 YYYY-MM-DD，而不是“${value}”`, usage)
  return value
}

interface CheckRequest {
  readonly url?: string
  readonly on?: string
  readonly external?: boolean
  readonly browser?: boolean
}

/** Runs a check of a project folder and keeps the run in its store (`given`, or the project's own, opened and closed here). */
export async function checkProject(dir: string | undefined, io: Io, options: CheckRequest, given?: Store): Promise<CheckReport> {
  const project = await openProject(dir, io)
  report(
    project.diagnostics.filter((d) => d.severity === 'error'),
    io,
    { limit: 10 },
  )
  const store = given ?? (await openStore(project, io))
  try {
    const records = await store.ledger.list()
    const { report: found, diagnostics } = await runCheck({
      project,
      calendar: projectCalendar(project),
      records,
      now: io.now(),
      env: io.env,
      ...(options.on === undefined ? {} : { on: options.on }),
      ...(options.url === undefined ? {} : { url: options.url }),
      ...(options.external === undefined ? {} : { external: options.external }),
      ...(options.browser === undefined ? {} : { browser: options.browser }),
    })
    report(diagnostics, io)
    await saveCheckRun(store.kv, found, io.now())
    return found
  } finally {
    if (given === undefined) await store.close()
  }
}

/** The `check` command. */
export const checkCommand: Command = {
  name: 'check',
  summary: '自查：按检查指标找出网站和公众号会被扣分、单项否决的问题',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { url: { type: 'string' }, on: { type: 'string' }, external: { type: 'boolean' }, 'no-browser': { type: 'boolean' }, json: { type: 'boolean' } }, USAGE)
    const url = text(args, 'url')
    if (url !== undefined && !/^https?:\/\/[^/]+/i.test(url)) throw new UsageError(`--url 应为 http(s) 网址，而不是“${url}”`, USAGE)
    const on = dayArg(text(args, 'on'), '--on', USAGE)
    const found = await checkProject(args.positionals[0], io, {
      ...(url === undefined ? {} : { url }),
      ...(on === undefined ? {} : { on }),
      external: flag(args, 'external'),
      browser: !flag(args, 'no-browser'),
    })
    if (flag(args, 'json')) io.out(JSON.stringify(found, null, 2))
    else for (const line of describeCheck(found)) io.out(line)
    return found.vetoed ? EXIT.content : EXIT.ok
  },
}

/** Posts a check's failures to a webhook as JSON `{ msgtype, text, report }`, as the deadline and verify reports do; retries twice on network errors and 5xx. */
async function postCheckReport(url: string, markdown: string, found: CheckReport, options: { timeoutMs?: number; retryDelayMs?: number } = {}): Promise<void> {
  const body = JSON.stringify({ msgtype: 'markdown', text: markdown, report: found })
  let last: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, (options.retryDelayMs ?? 2000) * attempt))
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) })
      if (response.ok) return
      last = `HTTP ${response.status}`
      if (response.status < 500) break
    } catch (cause) {
      last = cause instanceof Error ? cause.message : String(cause)
    }
  }
  throw new GongkaiError(ERRORS.CheckWebhookFailed, `自查发现问题，但通知 webhook ${url} 失败：${String(last)}`, { hint: '检查计划任务 options.webhook 的地址；任务会按计划重试' })
}

/**
 * The schedule task `check` (daily): options `url` (the live site), `external`, `browser` (false
 * skips axe), `webhook` (posted to when anything fails). Every run is kept in the store.
 */
export function checkRunner(dir: string, store: Store, io: Io): TaskRunner {
  return async ({ schedule, now }) => {
    const options = schedule.options ?? {}
    const found = await checkProject(
      dir,
      { ...io, now: () => now, out: () => {} },
      {
        ...(typeof options['url'] === 'string' ? { url: options['url'] } : {}),
        external: options['external'] === true,
        browser: options['browser'] !== false,
      },
      store,
    )
    const failed = found.indicators.filter((i) => i.status === 'fail')
    const counts = `单项否决 ${found.indicators.filter((i) => i.veto).length} 项、未通过 ${failed.length} 项、问题 ${failed.reduce((s, i) => s + i.findings.length, 0)} 个`
    if (failed.length === 0) return { summary: `自查 ${found.on}：各项指标均通过` }
    const webhook = options['webhook']
    const posted = typeof webhook === 'string' && webhook !== ''
    if (posted) {
      const markdown = `# ${found.body}：自查发现问题（${found.on}）\n\n\`\`\`\n${describeCheck(found).join('\n')}\n\`\`\`\n`
      await postCheckReport(webhook, markdown, found)
    }
    return { summary: `自查 ${found.on}：${counts}${posted ? '，已通知 webhook' : ''}` }
  }
}
