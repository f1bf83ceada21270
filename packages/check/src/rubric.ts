/**
 * The rubric (评分细则) in `assessment:` of gongkai.config.yaml: points deducted per finding of each
 * rule, capped per department, bonus points (加分) for interpretations, responses and a clean
 * on-time record, the public and third-party evaluation's thresholds, and the 单项否决 rules.
 * The defaults follow the national inspection (国办秘函〔2019〕19号: a stale home page, a silent
 * account, tampering and injected content fail outright) and the pilot's 加分/扣分 practice.
 */
import type { Diagnostic, ProjectConfig } from '@gongkai/core'
import { settingPlace } from './settings.js'
import type { RuleId } from './types.js'
import { RULES } from './types.js'

/** Points deducted for each finding of a rule, and the most one department (or the site) loses to it. */
export interface RuleScore {
  readonly points: number
  readonly max: number
}

/** The rubric, with defaults filled in. */
export interface Rubric {
  /** Points every department (and the site as a whole) starts from. */
  readonly base: number
  readonly rules: Readonly<Record<RuleId, RuleScore>>
  /** Rules whose 单项否决 findings fail the whole assessment. */
  readonly veto: readonly RuleId[]
  /** 加分: per policy interpretation and per response published in the period, each capped; and for a 100% on-time rate. */
  readonly bonus: { readonly interpretation: number; readonly response: number; readonly max: number; readonly onTime: number }
  /** Public and third-party evaluation: an average at or above `good` adds `bonus`, below `poor` deducts `penalty`. */
  readonly feedback: { readonly good: number; readonly bonus: number; readonly poor: number; readonly penalty: number }
  /** Grades by overall score, highest first. */
  readonly grades: readonly { readonly min: number; readonly name: string }[]
}

const VETO_RULES: readonly RuleId[] = ['freshness/home', 'freshness/column', 'freshness/blank-column', 'freshness/wechat', 'integrity/tampered', 'integrity/forbidden-word']

const DEFAULT_RULES: Record<RuleId, RuleScore> = {
  'freshness/home': { points: 10, max: 10 },
  'freshness/column': { points: 2, max: 10 },
  'freshness/blank-column': { points: 2, max: 10 },
  'freshness/wechat': { points: 10, max: 10 },
  'deadlines/late': { points: 1, max: 10 },
  'deadlines/overdue': { points: 2, max: 20 },
  'completeness/item': { points: 1, max: 10 },
  'completeness/metadata': { points: 0.5, max: 5 },
  'completeness/footer': { points: 2, max: 8 },
  'completeness/undelivered': { points: 1, max: 10 },
  'links/broken': { points: 1, max: 10 },
  'links/external': { points: 0.5, max: 5 },
  'integrity/tampered': { points: 20, max: 20 },
  'integrity/forbidden-word': { points: 20, max: 20 },
  'accessibility/lang': { points: 0.5, max: 2 },
  'accessibility/title': { points: 0.5, max: 2 },
  'accessibility/heading-order': { points: 0.5, max: 3 },
  'accessibility/alt': { points: 0.5, max: 5 },
  'accessibility/table-header': { points: 0.5, max: 3 },
  'accessibility/contrast': { points: 1, max: 5 },
  'accessibility/axe': { points: 1, max: 5 },
}

/** The default rubric. */
export const DEFAULT_RUBRIC: Rubric = {
  base: 100,
  rules: DEFAULT_RULES,
  veto: VETO_RULES,
  bonus: { interpretation: 1, response: 1, max: 5, onTime: 2 },
  feedback: { good: 90, bonus: 2, poor: 60, penalty: 5 },
  grades: [
    { min: 90, name: '优秀' },
    { min: 80, name: '良好' },
    { min: 60, name: '合格' },
    { min: -Infinity, name: '不合格' },
  ],
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Reads `assessment:` of the config; each problem is a diagnostic at its place (`assessment/bad-setting`) and the default stands. */
export function readRubric(config: ProjectConfig, diagnostics: Diagnostic[] = []): Rubric {
  const raw = config.assessment ?? {}
  const bad = (path: string, message: string, hint: string) =>
    diagnostics.push({ code: 'assessment/bad-setting', severity: 'error', message: `自评设置 assessment.${path} ${message}`, hint, ...settingPlace(config, `assessment.${path}`) })
  const num = (v: unknown, path: string, fallback: number): number => {
    if (v === undefined) return fallback
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v
    bad(path, `应为不小于 0 的分值，而不是“${JSON.stringify(v)}”`, '例如 2 或 0.5')
    return fallback
  }
  const known = ['base', 'rubric', 'veto', 'bonus', 'feedback']
  for (const k of Object.keys(raw)) if (!known.includes(k)) bad(k, '无法识别', `可用字段：${known.join('、')}`)
  const rules: Record<RuleId, RuleScore> = { ...DEFAULT_RULES }
  const given = raw['rubric']
  if (given !== undefined && !isRecord(given)) bad('rubric', '应为“规则: { points, max }”', '例如 rubric: { deadlines/late: { points: 2, max: 20 } }')
  else if (given !== undefined)
    for (const [rule, v] of Object.entries(given)) {
      if (!(rule in RULES)) {
        bad(`rubric.${rule}`, `中的规则“${rule}”不存在`, `可用规则：${Object.keys(RULES).join('、')}`)
        continue
      }
      const id = rule as RuleId
      if (typeof v === 'number') rules[id] = { points: num(v, `rubric.${rule}`, DEFAULT_RULES[id].points), max: DEFAULT_RULES[id].max }
      else if (isRecord(v)) rules[id] = { points: num(v['points'], `rubric.${rule}.points`, DEFAULT_RULES[id].points), max: num(v['max'], `rubric.${rule}.max`, DEFAULT_RULES[id].max) }
      else bad(`rubric.${rule}`, '应为分值或 { points, max }', '例如 { points: 2, max: 20 }')
    }
  let veto = VETO_RULES
  const v = raw['veto']
  if (v !== undefined) {
    if (Array.isArray(v) && v.every((r) => typeof r === 'string' && r in RULES)) veto = v as RuleId[]
    else bad('veto', '应为规则列表', `可用规则：${VETO_RULES.join('、')}`)
  }
  const bonus = isRecord(raw['bonus']) ? raw['bonus'] : {}
  const feedback = isRecord(raw['feedback']) ? raw['feedback'] : {}
  const d = DEFAULT_RUBRIC
  return {
    base: num(raw['base'], 'base', d.base),
    rules,
    veto,
    bonus: {
      interpretation: num(bonus['interpretation'], 'bonus.interpretation', d.bonus.interpretation),
      response: num(bonus['response'], 'bonus.response', d.bonus.response),
      max: num(bonus['max'], 'bonus.max', d.bonus.max),
      onTime: num(bonus['onTime'], 'bonus.onTime', d.bonus.onTime),
    },
    feedback: {
      good: num(feedback['good'], 'feedback.good', d.feedback.good),
      bonus: num(feedback['bonus'], 'feedback.bonus', d.feedback.bonus),
      poor: num(feedback['poor'], 'feedback.poor', d.feedback.poor),
      penalty: num(feedback['penalty'], 'feedback.penalty', d.feedback.penalty),
    },
    grades: d.grades,
  }
}
