/**
 * 信息更新: the home page within two weeks, each column within its period (news two weeks, notice and
 * policy six months), blank columns, and the WeChat account's last delivered article (from the ledger).
 * Following 国办秘函〔2019〕19号, a stale home page, more than five blank columns, more than five
 * stale columns or a new-media account silent for two weeks fail the site outright.
 */
import type { CheckContext } from '../context.js'
import { dayOf, daysBetween, finding, pagePlace } from '../context.js'
import { pageDates } from '../html.js'
import { firstDelivered } from './deadlines.js'
import type { Site } from '../site.js'
import type { Finding, IndicatorResult } from '../types.js'
import { INDICATOR_NAMES } from '../types.js'

/** More blank or stale columns than this fail the site (单项否决). */
const COLUMN_VETO = 5

const NEWS = /动态|新闻|要闻|工作|资讯/

/** The period of a column: the config's, else two weeks for news-type titles, six months otherwise. */
export function columnPeriod(ctx: CheckContext, id: string, title: string): number {
  return ctx.settings.columns[id] ?? (NEWS.test(title) ? ctx.settings.newsDays : ctx.settings.columnDays)
}

function newest(dates: readonly string[], on: string): string | undefined {
  return dates
    .filter((d) => d <= on)
    .sort()
    .at(-1)
}

/** Runs the indicator. */
export function freshness(ctx: CheckContext): { result: IndicatorResult; figures: { home?: number; wechat?: number; columns: Record<string, number | null> } } {
  const findings: Finding[] = []
  const figures: { home?: number; wechat?: number; columns: Record<string, number | null> } = { columns: {} }
  // What the public sees, when asked; the built site otherwise.
  const site: Site | undefined = ctx.live ?? ctx.built
  const parts: string[] = []
  if (site !== undefined) {
    const home = site.pages.find((p) => p.path === 'index.html')
    // A past day is checked against what the home page listed then: its latest list has moved on
    // since, so the publications that were out by that day stand in for it.
    const delivered = firstDelivered(ctx)
    const past = ctx.past
      ? ctx.project.publications
          .filter((p) => p.withdrawn === undefined)
          .map((p) => p.published ?? delivered.get(p.id))
          .filter((d): d is string => d !== undefined)
      : []
    const last = home === undefined ? undefined : newest([...pageDates(home), ...past], ctx.on)
    if (last === undefined) {
      findings.push(finding('freshness/home', '首页没有任何带日期的公开信息', '发布公开信息后重新生成网站；首页应列出最新公开', pagePlace(ctx, site, 'index.html'), { veto: true }))
    } else {
      const age = daysBetween(last, ctx.on)
      figures.home = age
      parts.push(`首页 ${age} 天前更新`)
      if (age > ctx.settings.homeDays)
        findings.push(
          finding(
            'freshness/home',
            `首页最新一条公开信息是 ${last}，已 ${age} 天未更新（要求 ${ctx.settings.homeDays} 天内）`,
            '尽快发布新的公开信息并推送网站',
            pagePlace(ctx, site, 'index.html', { note: `最新 ${last}` }),
            { veto: true },
          ),
        )
    }
    const stale: Finding[] = []
    const blank: Finding[] = []
    for (const column of ctx.project.config.site.columns) {
      const path = `columns/${column.id}.html`
      const page = site.pages.find((p) => p.path === path)
      const period = columnPeriod(ctx, column.id, column.title)
      const lastOf = page === undefined ? undefined : newest(pageDates(page), ctx.on)
      const note = `专栏“${column.title}”`
      if (lastOf === undefined) {
        figures.columns[column.id] = null
        blank.push(
          finding(
            'freshness/blank-column',
            `专栏“${column.title}”是空白栏目，没有任何公开信息`,
            `在 gongkai.config.yaml 的 site.columns 中调整“${column.id}”的事项范围，或发布该栏目的信息；确实无内容的栏目应撤并`,
            pagePlace(ctx, site, path, { note }),
          ),
        )
        continue
      }
      const age = daysBetween(lastOf, ctx.on)
      figures.columns[column.id] = age
      if (age > period)
        stale.push(
          finding(
            'freshness/column',
            `专栏“${column.title}”最新一条是 ${lastOf}，已 ${age} 天未更新（该栏目要求 ${period} 天内）`,
            '发布该栏目的最新信息；栏目周期可在 check.freshness.columns 中按栏目设置',
            pagePlace(ctx, site, path, { note }),
          ),
        )
    }
    // Five of either are deductions; more than five fail the site, and then each of them is marked so.
    const mark = (list: Finding[]) => (list.length > COLUMN_VETO ? list.map((f) => ({ ...f, veto: true })) : list)
    findings.push(...mark(blank), ...mark(stale))
    parts.push(`${ctx.project.config.site.columns.length} 个专栏中空白 ${blank.length} 个、未按期更新 ${stale.length} 个`)
  } else parts.push('没有生成的网站（先运行 gongkai build），未检查网站栏目')

  // The WeChat account: only when the project publishes there.
  const usesWechat = ctx.project.config.channels['wechat'] !== undefined && ctx.project.catalog.items.some((i) => i.channels.includes('wechat'))
  if (usesWechat) {
    const tz = ctx.project.config.timezone
    const last = ctx.records
      .filter((r) => r.channel === 'wechat' && r.state === 'delivered' && r.deliveredAt !== undefined)
      .map((r) => dayOf(r.deliveredAt as string, tz))
      .filter((d) => d <= ctx.on)
      .sort()
      .at(-1)
    const where = { file: ctx.project.config.ledger, note: '台账中的微信公众号投递记录' }
    if (last === undefined) {
      findings.push(finding('freshness/wechat', '台账中没有微信公众号发布成功的记录', '用 gongkai push --channel wechat 推送，或检查定时任务 wechat 是否在运行', where, { veto: true }))
      parts.push('公众号从未发布')
    } else {
      const age = daysBetween(last, ctx.on)
      figures.wechat = age
      parts.push(`公众号 ${age} 天前发布`)
      if (age > ctx.settings.wechatDays)
        findings.push(
          finding(
            'freshness/wechat',
            `微信公众号最后一次发布是 ${last}，已 ${age} 天未更新（要求 ${ctx.settings.wechatDays} 天内）`,
            '推送新的公开信息到公众号（gongkai push --channel wechat）',
            where,
            { veto: true },
          ),
        )
    }
  }
  return {
    result: { id: 'freshness', name: INDICATOR_NAMES.freshness, status: findings.length === 0 ? 'pass' : 'fail', veto: findings.some((f) => f.veto), summary: parts.join('；'), findings },
    figures,
  }
}
