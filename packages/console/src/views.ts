/** What each page shows, computed from the project, the ledger and the clock; the templates only lay it out. */
import { computeDeadline, deadlineStatus, formatChineseDate, missingReviewLevels, reviewLevelsOf } from '@gongkai/core'
import type { DeadlineStatus, DeliveryRecord, Diagnostic, Disclosure, Project, Publication, WorkdayCalendar } from '@gongkai/core'

/** The channels gongkai renders, in the order their previews stand side by side. */
export const CHANNELS = ['website', 'wechat', 'noticeboard', 'kiosk'] as const

/** What operators call each channel, as every CLI table does. */
export const CHANNEL_NAMES: Readonly<Record<string, string>> = { website: '政府网站', wechat: '微信公众号', noticeboard: '公示栏', kiosk: '办事大厅屏' }

/** Where a publication stands: the console's 状态 filter. */
export type PublicationState = 'review' | 'ready' | 'scheduled' | 'live' | 'withdrawn'

/** The states in the filter's order, with what operators read. */
export const STATE_NAMES: Readonly<Record<PublicationState, string>> = { review: '待审核', ready: '待发布', scheduled: '定时发布', live: '已发布', withdrawn: '已撤回' }

const DEADLINE_NAMES: Record<DeadlineStatus, string> = { 'on-time': '按时', late: '逾期发布', 'due-soon': '即将到期', overdue: '已超期', 'no-deadline': '无时限' }
const LEDGER_NAMES: Record<DeliveryRecord['state'], string> = { pending: '待发布', running: '进行中', delivered: '已发布', failed: '失败', withdrawn: '已撤回', unknown: '需核实' }
const KIND_NAMES: Record<string, string> = { release: '发布', interpretation: '解读', response: '回应' }
const STAGE_NAMES: Record<string, string> = { decision: '决策', execution: '执行', management: '管理', service: '服务', result: '结果' }

/** Date-time formatters per timezone, made once. */
const formatters = new Map<string, Intl.DateTimeFormat>()
/** An ISO instant as operators read it in the project's timezone: `2026年11月30日 10:00`. */
export function showTime(iso: string, timezone: string): string {
  let f = formatters.get(timezone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('zh-CN', { timeZone: timezone, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timezone, f)
  }
  return f.format(new Date(iso))
}

/** Today's date (YYYY-MM-DD) in a timezone. */
export function todayIn(timezone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** A place as `file:line:column`. */
export function placeOf(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  return d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`}`
}

/** The state of one publication by the ledger and the clock. */
export function stateOf(p: Publication, records: readonly DeliveryRecord[], levels: readonly string[], now: Date): PublicationState {
  if (p.withdrawn !== undefined) return 'withdrawn'
  if (missingReviewLevels(p, levels).length > 0) return 'review'
  if (records.some((r) => r.publication === p.id && r.state === 'delivered')) return 'live'
  if (p.publishAt !== undefined && Date.parse(p.publishAt) > now.getTime()) return 'scheduled'
  return 'ready'
}

/** The first date each publication was delivered anywhere, in the project's timezone. */
function deliveredOn(records: readonly DeliveryRecord[], timezone: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const r of records) {
    if (r.state !== 'delivered' || r.deliveredAt === undefined) continue
    const on = todayIn(timezone, new Date(r.deliveredAt))
    const prev = out.get(r.publication)
    if (prev === undefined || on < prev) out.set(r.publication, on)
  }
  return out
}

/** The 总览 page: what needs doing today. */
export function overview(project: Project, records: readonly DeliveryRecord[], calendar: WorkdayCalendar, now: Date) {
  const tz = project.config.timezone
  const today = todayIn(tz, now)
  const levels = reviewLevelsOf(project.config)
  const published = deliveredOn(records, tz)
  const owners = new Map<string, { owner: string; rows: { id: string; title: string; status: string; urgent: boolean; due: string }[] }>()
  for (const d of project.disclosures) {
    if (d.publication.withdrawn !== undefined) continue
    const on = published.get(d.publication.id)
    const status = deadlineStatus(d.publication, d.item, calendar, today, on === undefined ? {} : { published: on })
    if (status !== 'overdue' && status !== 'due-soon') continue
    const due = computeDeadline(d.item.timeLimit, d.publication.formed, calendar).due
    const group = owners.get(d.item.owner) ?? { owner: d.item.owner, rows: [] }
    group.rows.push({ id: d.publication.id, title: d.publication.title, status: DEADLINE_NAMES[status], urgent: status === 'overdue', due: due === undefined ? '—' : formatChineseDate(due) })
    owners.set(d.item.owner, group)
  }
  const review = project.publications
    .filter((p) => p.withdrawn === undefined && missingReviewLevels(p, levels).length > 0)
    .map((p) => ({ id: p.id, title: p.title, missing: missingReviewLevels(p, levels).join('、'), formed: formatChineseDate(p.formed) }))
  const channels = CHANNELS.map((channel) => {
    const mine = records.filter((r) => r.channel === channel).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
    const last = mine[0]
    const failures = mine
      .filter((r) => r.state === 'failed' || r.state === 'unknown')
      .slice(0, 5)
      .map((r) => ({ id: r.publication, state: LEDGER_NAMES[r.state], when: showTime(r.updatedAt, tz), reason: r.error?.message ?? '—' }))
    return {
      channel,
      name: CHANNEL_NAMES[channel] ?? channel,
      last: last === undefined ? undefined : { id: last.publication, state: LEDGER_NAMES[last.state], when: showTime(last.updatedAt, tz), failed: last.state === 'failed' || last.state === 'unknown' },
      failures,
    }
  })
  return { today: formatChineseDate(today), owners: [...owners.values()].sort((a, b) => a.owner.localeCompare(b.owner, 'zh-CN')), review, channels }
}

/** The filters of the 公开信息 list, as the query string gives them. */
export interface ListFilter {
  readonly item?: string
  readonly owner?: string
  readonly state?: string
  readonly q?: string
}

/** The 公开信息 page: every publication, filtered. */
export function publicationList(project: Project, records: readonly DeliveryRecord[], filter: ListFilter, now: Date) {
  const levels = reviewLevelsOf(project.config)
  const q = filter.q?.trim().toLowerCase() ?? ''
  const rows = project.publications
    .map((p) => {
      const item = project.catalog.items.find((i) => i.code === p.item)
      const state = stateOf(p, records, levels, now)
      return { p, item, state }
    })
    .filter(
      ({ p, item, state }) =>
        (filter.item === undefined || filter.item === '' || p.item === filter.item) &&
        (filter.owner === undefined || filter.owner === '' || item?.owner === filter.owner) &&
        (filter.state === undefined || filter.state === '' || state === filter.state) &&
        (q === '' || p.id.toLowerCase().includes(q) || p.title.toLowerCase().includes(q) || (p.docNumber ?? '').toLowerCase().includes(q)),
    )
    .sort((a, b) => (a.p.formed < b.p.formed ? 1 : a.p.formed > b.p.formed ? -1 : a.p.id < b.p.id ? -1 : 1))
    .map(({ p, item, state }) => ({ id: p.id, title: p.title, item: item?.name ?? p.item, owner: item?.owner ?? '—', state: STATE_NAMES[state], stateId: state, formed: formatChineseDate(p.formed) }))
  const items = project.catalog.items.map((i) => ({ code: i.code, name: i.name, selected: i.code === filter.item }))
  const owners = [...new Set(project.catalog.items.map((i) => i.owner))].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((o) => ({ name: o, selected: o === filter.owner }))
  const states = (Object.keys(STATE_NAMES) as PublicationState[]).map((s) => ({ id: s, name: STATE_NAMES[s], selected: s === filter.state }))
  return { rows, items, owners, states, q: filter.q ?? '', count: rows.length, total: project.publications.length }
}

/** The metadata, messages and ledger history of one publication (its previews are added by the app). */
export function publicationDetail(project: Project, p: Publication, d: Disclosure | undefined, records: readonly DeliveryRecord[], now: Date) {
  const tz = project.config.timezone
  const levels = reviewLevelsOf(project.config)
  const item = project.catalog.items.find((i) => i.code === p.item)
  const missing = missingReviewLevels(p, levels)
  const signoffs =
    levels.length === 0
      ? p.review === undefined
        ? []
        : [{ level: '保密审查', by: p.review.by, on: formatChineseDate(p.review.on) }]
      : (p.reviewLevels ?? []).map((s) => ({ level: s.level, by: s.by, on: formatChineseDate(s.on) }))
  const messages = project.diagnostics
    .filter((x) => x.subject === p.id || x.file === p.source.file)
    .map((x) => ({ severity: x.severity === 'error' ? '错误' : '警告', error: x.severity === 'error', message: x.message, hint: x.hint, place: placeOf(x), code: x.code }))
  const history = records
    .filter((r) => r.publication === p.id)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
    .map((r) => ({
      channel: CHANNEL_NAMES[r.channel] ?? r.channel,
      state: LEDGER_NAMES[r.state],
      failed: r.state === 'failed' || r.state === 'unknown',
      when: showTime(r.updatedAt, tz),
      revision: r.revision.slice(0, 12),
      attempts: r.attempts,
      url: r.url,
      error: r.error?.message,
      release: r.release?.id,
    }))
  const fields = [
    ['编号', p.id],
    ['标题', p.title],
    ['事项', item === undefined ? p.item : `${item.name}（${item.code}）`],
    ['公开主体', item?.owner ?? '—'],
    ['类别', `${KIND_NAMES[p.kind] ?? p.kind} · ${STAGE_NAMES[p.stage] ?? p.stage}公开`],
    ['信息形成日期', formatChineseDate(p.formed)],
    ...(p.published === undefined ? [] : [['发布日期', formatChineseDate(p.published)]]),
    ...(p.publishAt === undefined ? [] : [['定时发布', showTime(p.publishAt, tz)]]),
    ...(p.docNumber === undefined ? [] : [['发文字号', p.docNumber]]),
    ...(p.noticePeriod === undefined ? [] : [['公示期', `${formatChineseDate(p.noticePeriod.from)} 至 ${formatChineseDate(p.noticePeriod.until)}`]]),
    ['状态', STATE_NAMES[stateOf(p, records, levels, now)]],
    ['文件', p.source.file],
  ].map(([label, value]) => ({ label, value }))
  return {
    id: p.id,
    title: p.title,
    fields,
    reviewed: missing.length === 0,
    missing: missing.join('、'),
    nextLevel: missing[0],
    signoffs,
    messages,
    history,
    channels: item?.channels ?? [],
    loaded: d !== undefined,
  }
}

/** ISO date-times inside a message (`2026-12-01T09:00:00+08:00`, a UTC stamp) as operators read them, in the project's timezone. */
export function readableTimes(text: string, timezone: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : showTime(iso, timezone)))
}
