/**
 * 推送: the plan of a push of each channel's latest release (the hub's `planPush`, the rows
 * `gongkai push --dry-run` prints), a confirm button for 发布, and the push run in the server
 * with its progress sent live (server-sent events) to a page that also reads without script.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createRenderContext, ERRORS, GongkaiError } from '@gongkai/core'
import type { Channel, DeliveryResult, Project } from '@gongkai/core'
import { planPush, pushRelease, readRelease } from '@gongkai/hub'
import type { PushResult } from '@gongkai/hub'
import type { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { hasRole } from './auth.js'
import type { Env, RouteKit } from './kit.js'
import type { Run, Runs } from './runs.js'
import { CHANNEL_NAMES, placeOf, readableTimes, showTime } from './views.js'

/** The channels a push reaches (the noticeboard is printed, not pushed). */
export const PUSH_CHANNELS = ['website', 'wechat', 'kiosk'] as const

const STATE: Record<DeliveryResult['state'], string> = { delivered: '已发布', failed: '失败', pending: '待下次', skipped: '已发布（跳过）', withdrawn: '已撤回' }

/** How a result is named, as `gongkai push` names it: a 更正说明 article says so. */
function stateLabel(x: DeliveryResult): string {
  if (!x.revision.startsWith('correction-')) return STATE[x.state]
  return x.state === 'delivered' ? '已发布更正说明' : x.state === 'skipped' ? '更正说明已发布（跳过）' : `更正说明${STATE[x.state]}`
}

const name = (id: string) => CHANNEL_NAMES[id] ?? id

/** Where the config gives a channel no target: what to set. */
const NO_TARGET: Readonly<Record<string, string>> = {
  website: '未配置发布目标：请在 gongkai.config.yaml 中设置 channels.website.target（网站文件夹，例如 /var/www/gk）',
  kiosk: '未配置发布目标：请在 gongkai.config.yaml 中设置 channels.kiosk.target 或 channels.kiosk.hosts',
}

/** The push channels of the project, made by the CLI's factory for pushing (real targets, no preview). */
async function pushChannels(makeChannels: (project: Project, purpose: 'preview' | 'push') => Promise<readonly Channel[]>, project: Project): Promise<Channel[]> {
  const all = await makeChannels(project, 'push')
  return all.filter((c) => (PUSH_CHANNELS as readonly string[]).includes(c.id) && project.catalog.items.some((i) => (i.channels as readonly string[]).includes(c.id)))
}

/** The rows of a finished push, as `gongkai push` prints them. */
export function pushOutcome(result: PushResult) {
  const rows = result.receipts.flatMap((r) =>
    r.results.map((x) => ({
      channel: name(r.channel),
      id: x.publication,
      state: stateLabel(x),
      failed: x.state === 'failed',
      url: x.state === 'withdrawn' ? undefined : x.url,
      reason: x.state === 'withdrawn' && x.error !== undefined ? x.error.message : x.error === undefined ? undefined : `${x.error.message} [${x.error.code}]`,
    })),
  )
  const takenDown = new Set(result.receipts.flatMap((r) => r.results.filter((x) => x.state === 'withdrawn').map((x) => `${r.channel}\u0000${x.publication}`)))
  const held = result.skipped
    .filter((s) => s.reason !== 'delivered' && !(s.reason === 'withdrawn' && takenDown.has(`${s.channel}\u0000${s.publication}`)))
    .map((s) => ({ channel: name(s.channel), id: s.publication, state: '未推送', failed: false, url: undefined as string | undefined, reason: s.message }))
  const stopped = result.receipts.filter((r) => r.stopped !== undefined).map((r) => `${name(r.channel)}${r.results.length === 0 ? '没有推送' : '提前停止'}：${r.stopped?.message ?? ''}`)
  // The console was stopped mid-push: the batch in flight was finished and recorded.
  if (result.interrupted) stopped.push('操作台停止时推送被中止：正在推送的一批已做完并记入台账')
  const already = result.skipped.filter((s) => s.reason === 'delivered').length
  const counts = { delivered: 0, failed: 0, pending: 0, skipped: 0, withdrawn: 0 }
  for (const r of result.receipts) for (const x of r.results) counts[x.state]++
  return {
    rows: [...rows, ...held],
    releases: Object.entries(result.releases).map(([id, r]) => `${name(id)}：推送的发布版本 ${r.id}（生成于 ${r.createdAt}）`),
    stopped,
    already,
    counts,
    failed: stopped.length > 0 || counts.failed > 0,
    summary: `发布 ${counts.delivered}，失败 ${counts.failed}，待下次 ${counts.pending}，已发布跳过 ${counts.skipped + already}${counts.withdrawn > 0 ? `，撤回 ${counts.withdrawn}` : ''}`,
  }
}

/** The run page's script: progressive enhancement of a page that already reads without it. */
const RUN_SCRIPT = readFileSync(fileURLToPath(new URL('../templates/static/run.js', import.meta.url)), 'utf8')

/** The 推送 page, the confirm, and the run pages (shared with schedules run now). */
export function registerPush(app: Hono<Env>, kit: RouteKit, runs: Runs, makeChannels: (project: Project, purpose: 'preview' | 'push') => Promise<readonly Channel[]>): void {
  app.get('/static/run.js', (c) => c.body(RUN_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }))

  app.get('/push', async (c) => {
    const project = await kit.project()
    let channels: Channel[]
    try {
      channels = await pushChannels(makeChannels, project)
    } catch (error) {
      if (!(error instanceof GongkaiError)) throw error
      return kit.message(c, 409, '渠道设置有误', error.message, error.hint)
    }
    const deliverable = channels.filter((ch) => ch.deliver !== undefined)
    const now = kit.now()
    const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now })
    const plan = await planPush({ channels: deliverable, project, ctx, ledger: kit.store.ledger, now })
    const tz = project.config.timezone
    const sections = plan.channels.map((p) => ({
      id: p.channel,
      name: name(p.channel),
      refused: p.refused,
      release: p.release === undefined ? undefined : { ...p.release, when: showTime(p.release.createdAt, tz) },
      going: p.rows.reduce((n, r) => n + r.going, 0),
      rows: p.rows.map((r) => ({ ...r, what: readableTimes(r.what, tz), sending: r.going > 0 || r.action === 'resume', withdraw: r.action === 'withdraw', skip: r.action === 'skip' })),
    }))
    const noTarget = channels.filter((ch) => ch.deliver === undefined).map((ch) => ({ name: name(ch.id), hint: NO_TARGET[ch.id] ?? '未配置发布目标' }))
    const releases = plan.channels.filter((p) => p.release !== undefined).map((p) => `${p.channel}:${p.release?.id ?? ''}`)
    // Something to do: a publication to send or resume, a correction notice, or a withdrawal to carry out on a channel it went to.
    const actionable = plan.channels.some((p) => p.rows.some((r) => r.going > 0 || r.action === 'resume' || (r.action === 'withdraw' && r.what !== '已撤回：不发布')))
    const user = c.get('user')
    return kit.render(c, 'push', {
      title: '推送',
      sections,
      noTarget,
      going: plan.going,
      problems: plan.problems.map((d) => ({ error: d.severity === 'error', message: d.message, place: placeOf(d), code: d.code, subject: d.subject })),
      canPush: hasRole(user, 'publisher'),
      pushable: releases.length > 0 && actionable,
      built: releases.length > 0,
      releases: releases.join(','),
      running: runs.running === undefined ? undefined : { id: runs.running.id, title: runs.running.title, by: runs.running.by },
    })
  })

  app.post('/push', async (c) => {
    const checked = await kit.checkForm(c, 'push')
    if (checked instanceof Response) return checked
    const user = c.get('user')
    if (!hasRole(user, 'publisher')) return kit.refuseRole(c, 'publisher', 'push')
    const refuse = async (title: string, text: string, hint?: string) => {
      await kit.audit(user.id, 'push', 'refused', undefined, text)
      return kit.message(c, 409, title, text, hint)
    }
    if (runs.running !== undefined) return refuse('正在推送', `${runs.running.title}（${runs.running.by}）还没有结束，这次没有推送。`, '请等它结束后再推送：推送页面会显示它的进度')
    // What the operator confirmed: each channel and the release the plan showed for it.
    const wanted = (typeof checked.form['releases'] === 'string' ? checked.form['releases'] : '')
      .split(',')
      .map((s) => s.split(':'))
      .filter((x): x is [string, string] => x.length === 2 && (PUSH_CHANNELS as readonly string[]).includes(x[0] ?? '') && /^[0-9a-f]{16}$/.test(x[1] ?? ''))
    if (wanted.length === 0) return refuse('没有可推送的发布版本', '确认的推送中没有任何渠道的发布版本，没有推送。', '请回到推送页面查看推送计划后再确认')
    const project = await kit.project()
    for (const [id, release] of wanted) {
      const r = await readRelease(project.dir, id, release)
      if (r === undefined) return refuse('发布版本不存在', `${name(id)}没有发布版本 ${release}，没有推送。`, '请回到推送页面查看新的推送计划')
      // As `gongkai push` refuses it: a preview is never delivered.
      if (r.manifest.preview) return refuse('不能推送预览稿', `${name(id)}的发布版本 ${release} 是预览稿（gongkai build --preview 生成），不能发布：请推送不带 --preview 生成的发布版本。没有推送。`)
    }
    let made: Channel[]
    try {
      made = await pushChannels(makeChannels, project)
    } catch (error) {
      if (!(error instanceof GongkaiError)) throw error
      return refuse('渠道设置有误', `${error.message}。没有推送。`, error.hint)
    }
    const channels = made.filter((ch) => ch.deliver !== undefined && wanted.some(([id]) => id === ch.id))
    const title = `推送：${channels.map((ch) => name(ch.id)).join('、')}`
    const run = runs.start('push', title, user.name, async (say, signal) => {
      try {
        return await push(say, signal)
      } catch (error) {
        // The ledger guard's refusal, a channel that could not start: said on the page with its hint, and audited.
        const text = error instanceof Error ? error.message : String(error)
        if (error instanceof GongkaiError && error.hint !== undefined) say('error', `${text}（提示：${error.hint}）`)
        await kit.audit(user.id, 'push-done', 'refused', undefined, `${title}：${text}`)
        throw error instanceof GongkaiError && error.hint !== undefined ? new GongkaiError(ERRORS.ConsolePushIncomplete, '推送没有完成，原因见上一行') : error
      }
    })
    async function push(say: (level: 'info' | 'warn' | 'error', text: string) => void, signal: AbortSignal): Promise<{ outcome: unknown; failed: boolean }> {
      const results: PushResult[] = []
      for (const channel of channels) {
        if (signal.aborted) {
          say('warn', `${name(channel.id)}：操作台正在停止，没有推送（下次推送时继续）`)
          continue
        }
        const release = wanted.find(([id]) => id === channel.id)?.[1] ?? ''
        say('info', `${name(channel.id)}：开始推送发布版本 ${release}`)
        const now = kit.now()
        const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now })
        const result = await pushRelease({
          project,
          channels: [channel],
          store: kit.store,
          ctx,
          now,
          clock: kit.now,
          env: kit.env,
          releases: { [channel.id]: release },
          signal,
          log: (e) => say(e.level, `${name(channel.id)}：${e.publication === undefined ? '' : `${e.publication} `}${e.message}`),
        })
        const done = pushOutcome(result)
        for (const row of done.rows)
          say(row.failed ? 'error' : 'info', `${row.channel}：${row.id} ${row.state}${row.url === undefined ? '' : ` ${row.url}`}${row.reason === undefined ? '' : `（${row.reason}）`}`)
        for (const s of done.stopped) say('error', s)
        say('info', `${name(channel.id)}：${done.summary}`)
        results.push(result)
      }
      const merged: PushResult = {
        receipts: results.flatMap((r) => r.receipts),
        skipped: results.flatMap((r) => r.skipped),
        undeliverable: results.flatMap((r) => r.undeliverable),
        releases: Object.assign({}, ...results.map((r) => r.releases)) as PushResult['releases'],
        diagnostics: results.flatMap((r) => r.diagnostics),
        interrupted: results.some((r) => r.interrupted),
        noTarget: [],
      }
      const outcome = pushOutcome(merged)
      await kit.audit(user.id, 'push-done', 'ok', undefined, `${title}：${outcome.summary}`)
      return { outcome, failed: outcome.failed }
    }
    if (run === undefined) return refuse('正在推送', '另一项操作还没有结束，这次没有推送。')
    await kit.audit(user.id, 'push', 'ok', undefined, `${title}（${wanted.map(([id, r]) => `${name(id)} ${r}`).join('，')}）`)
    return c.redirect(`/runs/${run.id}`, 303)
  })

  app.get('/runs/:id', async (c) => {
    const run = runs.get(c.req.param('id'))
    if (run === undefined) return kit.message(c, 404, '找不到这次操作', '这次推送或运行的记录不在了（操作台重启后只保留台账和操作记录）。', '推送的结果见台账：总览和各公开信息页面的推送记录')
    const tz = (await kit.project()).config.timezone
    return kit.render(c, 'run', {
      title: run.title,
      ...runView(run, tz),
      // Without script the page reloads itself until the run is over; with it, the lines arrive as they happen.
      refresh: run.state === 'running' ? 3 : undefined,
      script: run.state === 'running' ? '/static/run.js' : undefined,
    })
  })

  app.get('/runs/:id/events', async (c) => {
    const run = runs.get(c.req.param('id'))
    if (run === undefined) return c.text('找不到这次操作', 404)
    const tz = (await kit.project()).config.timezone
    return streamSSE(c, async (stream) => {
      let seen = 0
      const send = async () => {
        while (seen < run.lines.length) {
          const line = run.lines[seen++]
          if (line !== undefined) await stream.writeSSE({ event: 'line', data: JSON.stringify({ level: line.level, text: readableTimes(line.text, tz) }) })
        }
      }
      const over = new Promise<void>((done) => {
        if (run.state !== 'running') {
          done()
          return
        }
        // A browser that left (a reload, another page) makes a write fail: there is nobody to tell any more.
        const stop = runs.listen(run.id, (e) => {
          if (e.type === 'end') {
            stop()
            done()
          } else send().catch(() => undefined)
        })
        stream.onAbort(() => {
          stop()
          done()
        })
      })
      await send()
      await over
      await send()
      await stream.writeSSE({ event: 'end', data: run.state })
    })
  })
}

/** What the run page shows. */
function runView(run: Run, tz: string) {
  return {
    id: run.id,
    running: run.state === 'running',
    failed: run.state === 'failed',
    by: run.by,
    started: showTime(run.started, tz),
    finished: run.finished === undefined ? undefined : showTime(run.finished, tz),
    lines: run.lines.map((l) => ({ ...l, text: readableTimes(l.text, tz), error: l.level === 'error', warn: l.level === 'warn' })),
    outcome: readableOutcome(run.outcome, tz),
    push: run.kind === 'push',
  }
}

/** The outcome's texts with their date-times in the project's timezone. */
function readableOutcome(value: unknown, tz: string): unknown {
  if (typeof value === 'string') return readableTimes(value, tz)
  if (Array.isArray(value)) return value.map((v) => readableOutcome(v, tz))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'url' ? v : readableOutcome(v, tz)]))
  return value
}
