/** `gongkai status [DIR]`: deadlines by owner, what the ledger says went where, schedules and their last runs. */
import { computeDeadline, deadlineStatus, describeMissingReview, formatChineseDate, reviewLevelsOf, withdrawalInForce } from '@gongkai/core'
import { holdReason } from '@gongkai/core/internal'
import type { DeadlineStatus, DeliveryRecord, WithdrawMode } from '@gongkai/core'
import { checkRequestDeadlines, createScheduler, systemClock } from '@gongkai/scheduler'
import { zonedDate } from '@gongkai/scheduler/internal'
import type { Command } from '../command.js'
import { flag, parse } from '../command.js'
import { EXIT } from '../errors.js'
import { CHANNEL_IDS, channelName, hasTarget, openProject, openStore, projectCalendar } from '../project.js'
import { table } from '../ui.js'
import { readDelivered, readRelease } from '@gongkai/hub'
import { TASKS } from './tasks.js'

/** Ledger revisions of 更正说明 articles start so (see @gongkai/wechat's corrections). */
const CORRECTION_REVISION = 'correction-'

const USAGE = `用法：gongkai status [目录] [--json]

一页看清：各科室的公开时限（超期、即将到期）、各渠道发布了什么、什么还没发布及原因、
计划任务的下次运行时间和上次结果，各渠道的撤回与更正（什么、何时、结果），以及依申请公开超期和即将到期的申请（按承办科室）。`

const STATUS_LABEL: Record<DeadlineStatus, string> = { 'on-time': '按时', late: '逾期发布', 'due-soon': '即将到期', overdue: '已超期', 'no-deadline': '无时限' }
const LEDGER_LABEL: Record<DeliveryRecord['state'], string> = { pending: '待发布', running: '进行中', delivered: '已发布', failed: '失败', withdrawn: '已撤回', unknown: '需核实' }

const WITHDRAW_LABEL: Record<WithdrawMode, string> = { notice: '保留页面', remove: '撤下页面', redirect: '跳转到' }

/** Where a channel delivers to, as the status table shows it. */
function targetLabel(raw: Readonly<Record<string, unknown>> | undefined, id: string, configured: boolean): string {
  if (!configured) return '未配置目标'
  if (id === 'wechat') return '公众号平台'
  const hosts = raw?.['hosts']
  return typeof raw?.['target'] === 'string' ? raw['target'] : `${Array.isArray(hosts) ? hosts.length : 0} 台终端`
}

/** One withdrawal or correction on one channel, from the ledger. */
interface ChangeRow {
  readonly publication: string
  readonly channel: string
  readonly what: 'withdrawn' | 'correction'
  /** ISO date-time (UTC). */
  readonly at: string
  readonly state: DeliveryRecord['state']
  readonly result: string
  readonly url?: string
}

/** A corrected publication as the folder holds it now: the revision that carries its 更正说明. */
interface Corrected {
  readonly id: string
  readonly revision: string
  readonly count: number
  readonly newest: string
}

/**
 * The 撤回与更正 table: every ledger record of a withdrawal (any channel) or of a 更正说明 article, and
 * each delivery that put a corrected page on a channel whose content can be replaced (the website,
 * the kiosk): the record of the revision that carries the corrections, delivered.
 */
function takedownRows(records: readonly DeliveryRecord[], at: (iso: string) => string, corrected: readonly Corrected[] = []): { rows: string[][]; json: ChangeRow[] } {
  const json: ChangeRow[] = []
  const current = new Map(corrected.map((c) => [c.id, c]))
  for (const r of records) {
    const c = current.get(r.publication)
    if (c !== undefined && r.revision === c.revision && r.channel !== 'wechat' && (r.state === 'delivered' || r.state === 'failed')) {
      const result = r.state === 'delivered' ? `已更正：页面载有更正说明 ${c.count} 条（最近 ${c.newest}）` : `更正后的页面投递失败${r.error === undefined ? '' : `：${r.error.message}`}`
      json.push({ publication: r.publication, channel: r.channel, what: 'correction', at: r.deliveredAt ?? r.updatedAt, state: r.state, result, ...(r.url === undefined ? {} : { url: r.url }) })
      continue
    }
    const correction = r.revision.startsWith(CORRECTION_REVISION)
    if (!correction && r.state !== 'withdrawn') continue
    const when = correction ? (r.deliveredAt ?? r.updatedAt) : (r.steps['article_deleted'] ?? r.steps['withdrawn_at'] ?? r.updatedAt)
    const result = correction ? (r.state === 'delivered' ? '已发表更正说明' : `${LEDGER_LABEL[r.state]}${r.error === undefined ? '' : `：${r.error.message}`}`) : (r.error?.message ?? '已撤回')
    json.push({ publication: r.publication, channel: r.channel, what: correction ? 'correction' : 'withdrawn', at: when, state: r.state, result, ...(r.url === undefined ? {} : { url: r.url }) })
  }
  json.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.publication < b.publication ? -1 : 1))
  // One take-down marks every revision that went out: shown once.
  const seen = new Set<string>()
  const unique = json.filter((c) => {
    if (c.what !== 'withdrawn') return true
    const key = `${c.publication}\u0000${c.channel}\u0000${c.result}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const rows = unique.map((c) => [c.publication, channelName(c.channel), c.what === 'correction' ? '更正' : '撤回', at(c.at), c.result])
  return { rows, json: unique }
}

/** The `status` command. */
export const statusCommand: Command = {
  name: 'status',
  summary: '查看公开时限、台账和计划任务',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { json: { type: 'boolean' } }, USAGE)
    const project = await openProject(args.positionals[0], io)
    const now = io.now()
    const tz = project.config.timezone
    const today = zonedDate(now, tz)
    const calendar = projectCalendar(project)
    const store = await openStore(project, io)
    try {
      const records = await store.ledger.list()
      const deliveredOn = new Map<string, string>()
      for (const r of records) {
        if (r.state !== 'delivered' || r.deliveredAt === undefined) continue
        const on = zonedDate(new Date(r.deliveredAt), tz)
        const prev = deliveredOn.get(r.publication)
        if (prev === undefined || on < prev) deliveredOn.set(r.publication, on)
      }

      // 1. Deadlines by owner.
      const byOwner = new Map<string, Record<DeadlineStatus, number>>()
      const attention: string[][] = []
      for (const d of project.disclosures) {
        const published = deliveredOn.get(d.publication.id)
        const status = deadlineStatus(d.publication, d.item, calendar, today, published === undefined ? {} : { published })
        const counts = byOwner.get(d.item.owner) ?? { 'on-time': 0, late: 0, 'due-soon': 0, overdue: 0, 'no-deadline': 0 }
        counts[status]++
        byOwner.set(d.item.owner, counts)
        if (status === 'overdue' || status === 'due-soon' || status === 'late') {
          const due = computeDeadline(d.item.timeLimit, d.publication.formed, calendar).due ?? ''
          attention.push([STATUS_LABEL[status], d.item.owner, d.publication.id, d.publication.title, formatChineseDate(due)])
        }
      }

      // 2. Ledger per channel, and what is pending and why.
      const pending: string[][] = []
      for (const d of project.disclosures) {
        // Withdrawn (in force): listed under 已撤回 only, never as waiting to go out.
        if (withdrawalInForce(d.publication, now, tz) !== undefined) continue
        for (const id of CHANNEL_IDS) {
          if (!(d.item.channels as readonly string[]).includes(id) || id === 'noticeboard') continue
          const rec = records.find((r) => r.publication === d.publication.id && r.channel === id && r.revision === d.revision)
          if (rec?.state === 'delivered') continue
          const hold = holdReason(d, now, reviewLevelsOf(project.config))
          const older = records.find(
            (r) => r.publication === d.publication.id && r.channel === id && r.revision !== d.revision && r.state === 'delivered' && !r.revision.startsWith(CORRECTION_REVISION),
          )
          // Every correction went out as a 更正说明 (channels.wechat.corrections: notice): nothing is waiting.
          const noticed = records.filter((r) => r.publication === d.publication.id && r.channel === id && r.state === 'delivered' && r.revision.startsWith(CORRECTION_REVISION)).length
          if (older !== undefined && id === 'wechat' && noticed > 0 && noticed >= (d.publication.corrections?.length ?? 0)) continue
          const why = !hasTarget(project, id)
            ? `未配置目标：请在 gongkai.config.yaml 中设置 channels.${id}.target`
            : hold === 'unreviewed'
              ? describeMissingReview(d.publication, reviewLevelsOf(project.config))
              : hold === 'scheduled'
                ? `定时发布：${d.publication.publishAt ?? ''}`
                : older !== undefined
                  ? (d.publication.corrections?.length ?? 0) > 0 && id === 'wechat'
                    ? '需人工更正：已发表的文章不能修改（可在 gongkai.config.yaml 设置 channels.wechat.corrections: notice，自动发布更正说明）'
                    : '内容有变化：旧版本已发布，需人工确认后更正'
                  : rec?.state === 'unknown'
                    ? (rec.error?.message ?? '需核实：可能已经发表，请到公众号后台 → 草稿箱/发表记录查看')
                    : rec?.state === 'failed'
                      ? `失败：${rec.error?.message ?? ''}`
                      : rec?.state === 'running'
                        ? '推送进行中（或上次中断，下次推送会继续）'
                        : rec?.error !== undefined
                          ? `待下次：${rec.error.message}`
                          : '等待下次推送'
          pending.push([id, d.publication.id, why])
        }
      }

      // What each channel's latest build made, and what its last delivery put in place.
      const at = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
      const releaseRows: string[][] = []
      const releases: Record<string, unknown> = {}
      for (const id of CHANNEL_IDS) {
        const latest = await readRelease(project.dir, id).catch(() => undefined)
        const delivered = await readDelivered(project.dir, id).catch(() => undefined)
        releases[id] = { latest: latest === undefined ? null : { id: latest.manifest.id, createdAt: latest.manifest.createdAt, preview: latest.manifest.preview }, delivered: delivered ?? null }
        const built = latest === undefined ? '未生成' : `${latest.manifest.id}（${at(latest.manifest.createdAt)}${latest.manifest.preview ? '，预览稿' : ''}）`
        const sent =
          id === 'noticeboard'
            ? '打印，不推送'
            : delivered === undefined
              ? '未推送'
              : `${delivered.release}（${at(delivered.deliveredAt)}）${delivered.release === latest?.manifest.id ? '' : '，不是最新版本'}`
        releaseRows.push([channelName(id), built, sent])
      }

      // Withdrawn and corrected, as the project folder says (what each channel took down is in the ledger).
      const withdrawn = project.publications.filter((p) => p.withdrawn !== undefined).map((p) => ({ id: p.id, title: p.title, ...p.withdrawn }))
      const corrected = project.publications
        .filter((p) => (p.corrections?.length ?? 0) > 0)
        .map((p) => ({ id: p.id, title: p.title, corrections: [...(p.corrections ?? [])].sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0)) }))

      // What each channel took down and which 更正说明 went out, as the ledger recorded them.
      const changes = takedownRows(
        records,
        at,
        project.disclosures.flatMap((d) => {
          const list = d.publication.corrections ?? []
          return list.length === 0
            ? []
            : [
                {
                  id: d.publication.id,
                  revision: d.revision,
                  count: list.length,
                  newest:
                    list
                      .map((x) => x.on)
                      .sort()
                      .at(-1) ?? '',
                },
              ]
        }),
      )

      // 3. Schedules.
      const scheduler = createScheduler({
        schedules: project.config.schedules.filter((s) => (TASKS as readonly string[]).includes(s.task)),
        timezone: tz,
        jobs: store.jobs,
        tasks: Object.fromEntries(TASKS.map((t) => [t, async () => ({ summary: '' })])),
        isWorkday: (d) => calendar.isWorkday(d),
        clock: { now: io.now, sleep: (ms, signal) => systemClock.sleep(ms, signal) },
      })
      const scheduleRows: string[][] = []
      for (const s of project.config.schedules) {
        const last = await store.jobs.last(s.id)
        const next = scheduler.nextRuns(s.id, 1)[0]
        const fmt = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(d)
        const lastText =
          last === undefined
            ? '从未运行'
            : `${fmt(new Date(last.runAt))} ${last.state === 'done' ? '完成' : last.state === 'failed' ? '失败' : last.state === 'running' ? '运行中' : '待重试'}：${last.state === 'done' ? (last.result ?? '') : (last.error ?? '')}`
        scheduleRows.push([s.id, s.cron + (s.workdays === true ? '（仅工作日）' : ''), next === undefined ? '—' : fmt(next), lastText])
      }

      // 4. Requests for disclosure (依申请公开) overdue or due soon, with their owner: the applicant is never shown.
      const asked = checkRequestDeadlines(project.requests, { calendar, today, defaultOwner: project.config.body.name })
      const open = project.requests.filter((r) => r.outcome === undefined).length

      if (flag(args, 'json')) {
        io.out(
          JSON.stringify(
            {
              today,
              owners: Object.fromEntries(byOwner),
              attention,
              pending,
              withdrawn,
              corrected,
              changes: changes.json,
              ledger: records,
              releases,
              schedules: scheduleRows,
              requests: { open, ...asked },
            },
            null,
            2,
          ),
        )
        return EXIT.ok
      }
      io.out(`${project.config.body.name} · ${formatChineseDate(today)}`)
      io.out('')
      io.out('一、公开时限（按科室）')
      io.out(
        table(
          ['科室', '按时', '即将到期', '已超期', '逾期发布', '无时限'],
          [...byOwner].map(([owner, c]) => [owner, String(c['on-time']), String(c['due-soon']), String(c.overdue), String(c.late), String(c['no-deadline'])]),
        ),
      )
      if (attention.length > 0) {
        io.out('')
        io.out(table(['状态', '科室', '编号', '标题', '最迟公开日期'], attention))
      }
      io.out('')
      io.out('二、台账')
      const perChannel = CHANNEL_IDS.filter((c) => c !== 'noticeboard').map((c) => {
        const rs = records.filter((r) => r.channel === c)
        const count = (s: DeliveryRecord['state']) => String(rs.filter((r) => r.state === s).length)
        return [channelName(c), targetLabel(project.config.channels[c], c, hasTarget(project, c)), count('delivered'), count('running'), count('failed'), count('unknown'), count('withdrawn')]
      })
      io.out(table(['渠道', '发布目标', LEDGER_LABEL.delivered, LEDGER_LABEL.running, LEDGER_LABEL.failed, LEDGER_LABEL.unknown, LEDGER_LABEL.withdrawn], perChannel))
      io.out('')
      io.out(table(['渠道', '最新发布版本（gongkai build）', '已推送的版本（gongkai push）'], releaseRows))
      if (pending.length > 0) {
        io.out('')
        io.out(`尚未发布（${pending.length}）：`)
        io.out(
          table(
            ['渠道', '编号', '原因'],
            pending.map(([id, pub, why]) => [channelName(id ?? ''), pub ?? '', why ?? '']),
          ),
        )
      }
      io.out('')
      io.out(`已撤回（${withdrawn.length}）${withdrawn.length === 0 ? '：无' : '：'}`)
      if (withdrawn.length > 0)
        io.out(
          table(
            ['编号', '标题', '撤回日期', '方式', '原因'],
            withdrawn.map((w) => [w.id, w.title, w.on ?? '', WITHDRAW_LABEL[w.mode ?? 'notice'] + (w.to === undefined ? '' : ` ${w.to}`), w.reason ?? '']),
          ),
        )
      io.out(`已更正（${corrected.length}）${corrected.length === 0 ? '：无' : '：'}`)
      if (corrected.length > 0)
        io.out(
          table(
            ['编号', '标题', '更正次数', '最近更正', '说明'],
            corrected.map((c) => [c.id, c.title, String(c.corrections.length), c.corrections[0]?.on ?? '', c.corrections[0]?.note ?? '']),
          ),
        )
      io.out('')
      io.out(`撤回与更正（各渠道，${changes.rows.length}）${changes.rows.length === 0 ? '：无' : '：'}`)
      if (changes.rows.length > 0) io.out(table(['编号', '渠道', '事项', '时间', '结果'], changes.rows))
      io.out('')
      io.out('三、计划任务')
      io.out(scheduleRows.length === 0 ? '（未配置）' : table(['编号', '时间', '下次运行', '上次结果'], scheduleRows))
      if (project.requests.length > 0) {
        io.out('')
        io.out(`四、依申请公开（在办 ${open} 件，超期 ${asked.overdue.length} 件，即将到期 ${asked.dueSoon.length} 件）`)
        const rows = [...asked.overdue, ...asked.dueSoon].map((e) => [
          e.status === 'overdue' ? '已超期' : '即将到期',
          e.owner,
          e.request,
          e.content,
          formatChineseDate(e.due),
          e.workdaysLeft < 0 ? `超期 ${-e.workdaysLeft} 天` : String(e.workdaysLeft),
        ])
        if (rows.length > 0) io.out(table(['状态', '承办科室', '申请编号', '申请内容', '答复期限', '剩余工作日'], rows))
      }
      return EXIT.ok
    } finally {
      await store.close()
    }
  },
}
