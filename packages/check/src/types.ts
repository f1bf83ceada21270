/** What a self-inspection finds: indicators, their findings, and the report of one run. */

/** The indicators of the national inspection that `check` can compute, in the order it prints them. */
export const INDICATORS = ['freshness', 'deadlines', 'completeness', 'links', 'integrity', 'accessibility'] as const

/** One indicator's id. */
export type IndicatorId = (typeof INDICATORS)[number]

/** What operators call each indicator. */
export const INDICATOR_NAMES: Readonly<Record<IndicatorId, string>> = {
  freshness: '信息更新',
  deadlines: '公开时限',
  completeness: '要素完整',
  links: '链接可用',
  integrity: '内容安全与防篡改',
  accessibility: '无障碍与适老化',
}

/**
 * The rules a finding can break, each with its Chinese name. A rule is the unit the rubric scores
 * (`assessment.rubric.<rule>`) and the finding's `code` is `check/<rule>`.
 */
export const RULES = {
  'freshness/home': '首页超过两周未更新',
  'freshness/column': '栏目未按期更新',
  'freshness/blank-column': '空白栏目',
  'freshness/wechat': '微信公众号超过两周未发布',
  'deadlines/late': '逾期发布',
  'deadlines/overdue': '超期未发布',
  'completeness/item': '事项要素不全',
  'completeness/metadata': '公开信息缺少元数据',
  'completeness/footer': '网站页脚缺少标识',
  'completeness/undelivered': '事项指定的渠道没有发布',
  'links/broken': '链接不可用',
  'links/external': '外部链接不可用',
  'integrity/tampered': '线上网站与发布版本不一致',
  'integrity/forbidden-word': '页面含有违禁词',
  'accessibility/lang': '页面未声明语言',
  'accessibility/title': '页面缺少标题',
  'accessibility/heading-order': '标题层级跳跃',
  'accessibility/alt': '图片缺少替代文字',
  'accessibility/table-header': '表格缺少表头',
  'accessibility/contrast': '配色对比度不足',
  'accessibility/axe': '无障碍自动检测（axe）发现问题',
} as const

/** One rule's id, e.g. `deadlines/late`. */
export type RuleId = keyof typeof RULES

/** The indicator a rule belongs to. */
export function indicatorOf(rule: RuleId): IndicatorId {
  return rule.slice(0, rule.indexOf('/')) as IndicatorId
}

/** Where a finding is: a project file with its line, a page of the built site, a live URL, or the config. */
export interface CheckPlace {
  /** Project-relative file (`publications/xzcf/2026-xzcf-003.md`, `catalog.yaml`) or built page (`out/website/p/x.html`). */
  readonly file?: string
  readonly line?: number
  /** A live page. */
  readonly url?: string
  /** What is there, in words (`专栏“生态环境信息公开”`, `链接 ../p/x.html`). */
  readonly note?: string
}

/** One thing the inspectors would mark. */
export interface Finding {
  readonly rule: RuleId
  /** `check/<rule>`: stable, for scripts. */
  readonly code: string
  /** True when this finding alone fails the site (单项否决). */
  readonly veto: boolean
  /** What is wrong, in Chinese, with the figures that show it. */
  readonly message: string
  /** What to do about it, in Chinese. */
  readonly fix: string
  readonly place: CheckPlace
  /** The department (公开主体) it falls to, when it falls to one. */
  readonly owner?: string
  readonly item?: string
  readonly publication?: string
}

/** One indicator's outcome. */
export interface IndicatorResult {
  readonly id: IndicatorId
  readonly name: string
  /** `skipped`: nothing to check it on (no WeChat account, no delivered website), with the reason in `summary`. */
  readonly status: 'pass' | 'fail' | 'skipped'
  /** True when a finding of this indicator is 单项否决. */
  readonly veto: boolean
  /** One line, Chinese: what was checked and what came out. */
  readonly summary: string
  readonly findings: readonly Finding[]
}

/** One department's deadlines: counts of publications by where they stand. */
export interface OwnerDeadlines {
  readonly owner: string
  readonly total: number
  readonly onTime: number
  readonly late: number
  readonly overdue: number
  readonly dueSoon: number
  readonly noDeadline: number
  /** Share of publications with a deadline that went out on time (pending ones not yet due count as on time), 0–1; undefined without any. */
  readonly onTimeRate: number | undefined
}

/** The outcome of one `check` run. */
export interface CheckReport {
  /** The day checked, `YYYY-MM-DD` in the project's timezone. */
  readonly on: string
  readonly body: string
  /** Where the pages came from: the built site folder and, with `--url`, the live site. */
  readonly site: { readonly folder?: string; readonly url?: string }
  readonly indicators: readonly IndicatorResult[]
  /** True when any 单项否决 finding was made: the site would fail the inspection outright. */
  readonly vetoed: boolean
  readonly deadlines: readonly OwnerDeadlines[]
  /** Freshness figures: days since the home page, each column and the WeChat account last changed. */
  readonly freshness: { readonly home?: number; readonly wechat?: number; readonly columns: Readonly<Record<string, number | null>> }
}
