/**
 * 自评: the rubric applied to a check, by department, over a period; the months' trends (on-time
 * rate from the ledger, freshness from the runs kept in the store); and the list of what to fix.
 */
import type { Project, WorkdayCalendar, DeliveryRecord } from '@gongkai/core'
import type { FeedbackRow } from './feedback.js'
import type { CheckRun } from './history.js'
import { deadlineRows, firstDelivered } from './indicators/deadlines.js'
import type { Rubric } from './rubric.js'
import type { CheckReport, Finding, RuleId } from './types.js'
import { RULES } from './types.js'

/** Points lost to one rule. */
export interface Deduction {
  readonly rule: RuleId
  readonly name: string
  readonly count: number
  readonly points: number
  /** The findings behind it. */
  readonly findings: readonly Finding[]
}

/** Points added, and why. */
export interface Bonus {
  readonly reason: string
  readonly points: number
}

/** One department's score (or the site's, `owner` = '' for findings that fall to no department). */
export interface DepartmentScore {
  readonly owner: string
  readonly score: number
  readonly deductions: readonly Deduction[]
  readonly bonuses: readonly Bonus[]
  readonly onTimeRate: number | undefined
  readonly published: number
  /** Average evaluation score (0–100) and how many ratings, when there were any. */
  readonly feedback?: { readonly average: number; readonly count: number; readonly byItem: Readonly<Record<string, { readonly average: number; readonly count: number }>> }
}

/** One month of the trends. */
export interface MonthTrend {
  /** `YYYY-MM`. */
  readonly month: string
  /** Publications due that month and how many went out on time. */
  readonly due: number
  readonly onTime: number
  readonly onTimeRate: number | undefined
  /** Largest age of the home page over the month's kept runs, in days; undefined without a run. */
  readonly homeAge: number | undefined
  readonly wechatAge: number | undefined
  readonly runs: number
}

/** The assessment. */
export interface Assessment {
  readonly body: string
  readonly from: string
  readonly to: string
  readonly score: number
  readonly grade: string
  /** The 单项否决 findings that fail the assessment. */
  readonly vetoes: readonly Finding[]
  readonly site: DepartmentScore
  readonly departments: readonly DepartmentScore[]
  readonly trends: readonly MonthTrend[]
  /** Every finding, 单项否决 first, then by points at stake. */
  readonly fixes: readonly Finding[]
  readonly feedback: readonly FeedbackRow[]
  readonly runs: number
}

/** Options of `assess`. */
export interface AssessOptions {
  readonly project: Project
  readonly calendar: WorkdayCalendar
  readonly records: readonly DeliveryRecord[]
  /** The check as of `to`. */
  readonly report: CheckReport
  readonly rubric: Rubric
  readonly from: string
  readonly to: string
  /** The runs kept in the store for the period. */
  readonly runs: readonly CheckRun[]
  readonly feedback?: readonly FeedbackRow[]
}

const round = (n: number) => Math.round(n * 100) / 100

function months(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))]
  const end = to.slice(0, 7)
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    if (key > end) break
    out.push(key)
    if (++m > 12) [y, m] = [y + 1, 1]
  }
  return out
}

function deductions(findings: readonly Finding[], rubric: Rubric): Deduction[] {
  const by = new Map<RuleId, Finding[]>()
  for (const f of findings) by.set(f.rule, [...(by.get(f.rule) ?? []), f])
  return [...by].map(([rule, list]) => {
    const r = rubric.rules[rule]
    return { rule, name: RULES[rule], count: list.length, points: round(Math.min(r.max, r.points * list.length)), findings: list }
  })
}

/** Applies the rubric. */
export function assess(options: AssessOptions): Assessment {
  const { project, rubric, report, from, to } = options
  const ctx = { project, records: options.records, calendar: options.calendar, on: to }
  const rows = deadlineRows(ctx).filter((r) => r.disclosure.publication.formed >= from)
  const inPeriod = new Set(rows.map((r) => r.disclosure.publication.id))
  // Deadline findings count for the period's publications; the others are the state as of `to`.
  const findings = report.indicators.flatMap((i) => i.findings).filter((f) => !f.rule.startsWith('deadlines/') || (f.publication !== undefined && inPeriod.has(f.publication)))
  const delivered = firstDelivered(ctx)
  const owners = [...new Set(project.catalog.items.map((i) => i.owner))]
  const feedback = options.feedback ?? []
  const departments = owners.map((owner): DepartmentScore => {
    const mine = rows.filter((r) => r.disclosure.item.owner === owner)
    const counted = mine.filter((r) => r.status !== 'no-deadline')
    const ok = counted.filter((r) => r.status === 'on-time' || r.status === 'due-soon').length
    const onTimeRate = counted.length === 0 ? undefined : ok / counted.length
    const out = mine.filter((r) => r.published !== undefined || delivered.has(r.disclosure.publication.id))
    const ded = deductions(
      findings.filter((f) => f.owner === owner),
      rubric,
    )
    const bonuses: Bonus[] = []
    const interpretations = out.filter((r) => r.disclosure.publication.kind === 'interpretation').length
    const responses = out.filter((r) => r.disclosure.publication.kind === 'response').length
    const kinds = Math.min(rubric.bonus.max, interpretations * rubric.bonus.interpretation + responses * rubric.bonus.response)
    if (kinds > 0)
      bonuses.push({ reason: [interpretations > 0 ? `政策解读 ${interpretations} 篇` : '', responses > 0 ? `回应关切 ${responses} 篇` : ''].filter((x) => x !== '').join('、'), points: round(kinds) })
    if (onTimeRate === 1 && rubric.bonus.onTime > 0) bonuses.push({ reason: `${counted.length} 条公开信息全部按时公开`, points: rubric.bonus.onTime })
    const ratings = feedback.filter((f) => f.owner === owner)
    let fb: DepartmentScore['feedback']
    if (ratings.length > 0) {
      const average = round(ratings.reduce((s, r) => s + r.score, 0) / ratings.length)
      const byItem: Record<string, { average: number; count: number }> = {}
      for (const r of ratings) {
        const k = r.item ?? '（未指明事项）'
        const prev = byItem[k] ?? { average: 0, count: 0 }
        byItem[k] = { average: (prev.average * prev.count + r.score) / (prev.count + 1), count: prev.count + 1 }
      }
      for (const k of Object.keys(byItem)) byItem[k] = { average: round((byItem[k] as { average: number }).average), count: (byItem[k] as { count: number }).count }
      fb = { average, count: ratings.length, byItem }
      if (average >= rubric.feedback.good && rubric.feedback.bonus > 0) bonuses.push({ reason: `社会评价和第三方评估平均 ${average} 分（${ratings.length} 条）`, points: rubric.feedback.bonus })
      if (average < rubric.feedback.poor && rubric.feedback.penalty > 0)
        bonuses.push({ reason: `社会评价和第三方评估平均 ${average} 分（${ratings.length} 条），低于 ${rubric.feedback.poor} 分`, points: -rubric.feedback.penalty })
    }
    const score = round(rubric.base - ded.reduce((s, d) => s + d.points, 0) + bonuses.reduce((s, b) => s + b.points, 0))
    return { owner, score, deductions: ded, bonuses, onTimeRate, published: out.length, ...(fb === undefined ? {} : { feedback: fb }) }
  })
  const siteDed = deductions(
    findings.filter((f) => f.owner === undefined),
    rubric,
  )
  const site: DepartmentScore = { owner: '', score: round(rubric.base - siteDed.reduce((s, d) => s + d.points, 0)), deductions: siteDed, bonuses: [], onTimeRate: undefined, published: 0 }
  const mean = departments.length === 0 ? rubric.base : departments.reduce((s, d) => s + d.score, 0) / departments.length
  const score = round(Math.max(0, mean - (rubric.base - site.score)))
  const vetoes = findings.filter((f) => f.veto && rubric.veto.includes(f.rule))
  const grade = vetoes.length > 0 ? '不合格（单项否决）' : (rubric.grades.find((g) => score >= g.min)?.name ?? '不合格')
  const trends = months(from, to).map((month): MonthTrend => {
    const due = rows.filter((r) => r.due !== undefined && r.due.slice(0, 7) === month && r.due <= to && r.status !== 'due-soon')
    const onTime = due.filter((r) => r.status === 'on-time').length
    const runs = options.runs.filter((r) => r.on.slice(0, 7) === month)
    const ages = (pick: (r: CheckRun) => number | undefined) => {
      const v = runs.map(pick).filter((x): x is number => x !== undefined)
      return v.length === 0 ? undefined : Math.max(...v)
    }
    return {
      month,
      due: due.length,
      onTime,
      onTimeRate: due.length === 0 ? undefined : onTime / due.length,
      homeAge: ages((r) => r.freshness.home),
      wechatAge: ages((r) => r.freshness.wechat),
      runs: runs.length,
    }
  })
  const weight = (f: Finding) => (f.veto ? 1000 : 0) + rubric.rules[f.rule].points
  const fixes = [...findings].sort((a, b) => weight(b) - weight(a))
  return { body: project.config.body.name, from, to, score, grade, vetoes, site, departments, trends, fixes, feedback, runs: options.runs.length }
}
