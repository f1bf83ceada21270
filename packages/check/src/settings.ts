/** `check:` in gongkai.config.yaml: periods, forbidden words and link options, each problem at its place. */
import type { Diagnostic, ProjectConfig } from '@gongkai/core'

/**
 * Spam and gambling names that defacers inject into government pages (hidden links, swapped
 * titles), as the inspection's 严重错误 examples and incident reports name them. Words a county
 * page could use legitimately (金沙江, 福利彩票) are left out: each entry names a brand or a trade.
 */
export const DEFAULT_FORBIDDEN_WORDS: readonly string[] = [
  '澳门新葡京',
  '新葡京',
  '葡京娱乐',
  '威尼斯人娱乐',
  '金沙娱乐',
  '金沙城',
  '太阳城',
  '银河娱乐',
  '永利娱乐',
  '皇冠体育',
  '皇冠投注',
  '博彩',
  '赌场',
  '网赌',
  '百家乐',
  '六合彩',
  '时时彩',
  '北京赛车',
  '幸运飞艇',
  '真人视讯',
  '体育投注',
  '开元棋牌',
  '棋牌游戏',
  '彩票平台',
  '亚博体育',
  '开云体育',
  '华体会',
  '乐鱼体育',
  '半岛体育',
  'bet365',
  '威廉希尔',
  '代孕',
  '代开发票',
  '发票代开',
  '办证刻章',
  '成人视频',
  '色情',
  '裸聊',
  '私服',
  '外挂',
]

/** The self-inspection settings, with defaults. */
export interface CheckSettings {
  /** Days the home page may go without a new publication (inspection: two weeks). */
  readonly homeDays: number
  /** Days per column id; a column not named takes `columnDays` unless its title reads as news (`newsDays`). */
  readonly columns: Readonly<Record<string, number>>
  /** Notice and policy columns: six months. */
  readonly columnDays: number
  /** News-type columns (动态, 新闻, 要闻): two weeks. */
  readonly newsDays: number
  /** Days the WeChat account may go without a delivered article (two weeks). */
  readonly wechatDays: number
  /** The words searched for in built and live pages: the default list, minus `allowWords`, plus the office's `forbiddenWords`. */
  readonly forbiddenWords: readonly string[]
  /** Check external links too (also `--external`). */
  readonly external: boolean
  /** Requests in flight at once when fetching the live site or external links. */
  readonly concurrency: number
  /** Timeout of one request, in milliseconds. */
  readonly timeoutMs: number
  /** Most live pages fetched in one run. */
  readonly maxPages: number
  /** External links matching any of these regular expressions are not checked (as lychee's `exclude`). */
  readonly exclude: readonly RegExp[]
}

/** Defaults of the settings. */
export const DEFAULT_SETTINGS: CheckSettings = {
  homeDays: 14,
  columns: {},
  columnDays: 183,
  newsDays: 14,
  wechatDays: 14,
  forbiddenWords: DEFAULT_FORBIDDEN_WORDS,
  external: false,
  concurrency: 4,
  timeoutMs: 10_000,
  maxPages: 5000,
  exclude: [],
}

/** Where `check.<path>` stands in gongkai.config.yaml. */
export function settingPlace(config: ProjectConfig, path: string): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const at = config.settingPlaces?.[path]
  return at === undefined ? { file: 'gongkai.config.yaml' } : { file: 'gongkai.config.yaml', line: at.line, column: at.column }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Reads `check:` of the config; every problem becomes a diagnostic (code `check/bad-setting`) and the default is used. */
export function readCheckSettings(config: ProjectConfig, diagnostics: Diagnostic[] = []): CheckSettings {
  const raw = config.check ?? {}
  const bad = (path: string, message: string, hint: string) =>
    diagnostics.push({ code: 'check/bad-setting', severity: 'error', message: `自查设置 check.${path} ${message}`, hint, ...settingPlace(config, `check.${path}`) })
  const days = (v: unknown, path: string, fallback: number): number => {
    if (v === undefined) return fallback
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v
    bad(path, `应为正整数天数，而不是“${typeof v === 'string' ? v : JSON.stringify(v)}”`, '例如 14 表示两周、183 表示半年')
    return fallback
  }
  const words = (v: unknown, path: string): string[] => {
    if (v === undefined) return []
    if (Array.isArray(v) && v.every((w) => typeof w === 'string' && w.trim() !== '')) return (v as string[]).map((w) => w.trim())
    bad(path, '应为文字列表', `例如 ${path}: [某某娱乐, 某某彩票]`)
    return []
  }
  const known = ['freshness', 'forbiddenWords', 'allowWords', 'links']
  for (const key of Object.keys(raw)) if (!known.includes(key)) bad(key, '无法识别', `可用字段：${known.join('、')}`)
  const freshness = isRecord(raw['freshness']) ? raw['freshness'] : {}
  const columns: Record<string, number> = {}
  const rawColumns = freshness['columns']
  if (rawColumns !== undefined && !isRecord(rawColumns)) bad('freshness.columns', '应为“栏目编号: 天数”', '例如 columns: { news: 14, policy: 183 }')
  else if (rawColumns !== undefined) {
    const ids = config.site.columns.map((c) => c.id)
    for (const [id, v] of Object.entries(rawColumns)) {
      if (!ids.includes(id)) bad(`freshness.columns.${id}`, `中的栏目“${id}”不在 site.columns 中`, `已有栏目：${ids.join('、') || '（无）'}`)
      else columns[id] = days(v, `freshness.columns.${id}`, DEFAULT_SETTINGS.columnDays)
    }
  }
  const links = isRecord(raw['links']) ? raw['links'] : {}
  const allow = new Set(words(raw['allowWords'], 'allowWords'))
  const own = words(raw['forbiddenWords'], 'forbiddenWords')
  const external = links['external']
  if (external !== undefined && typeof external !== 'boolean') bad('links.external', '应为 true 或 false', '写 external: true 时每次自查都检查外部链接')
  const exclude: RegExp[] = []
  for (const [i, pattern] of words(links['exclude'], 'links.exclude').entries()) {
    try {
      exclude.push(new RegExp(pattern))
    } catch {
      bad(`links.exclude[${i}]`, `不是有效的正则表达式：“${pattern}”`, '例如 "^https://mp\\.weixin\\.qq\\.com/" 不检查公众号文章链接')
    }
  }
  return {
    exclude,
    homeDays: days(freshness['home'], 'freshness.home', DEFAULT_SETTINGS.homeDays),
    columns,
    columnDays: days(freshness['column'], 'freshness.column', DEFAULT_SETTINGS.columnDays),
    newsDays: days(freshness['news'], 'freshness.news', DEFAULT_SETTINGS.newsDays),
    wechatDays: days(freshness['wechat'], 'freshness.wechat', DEFAULT_SETTINGS.wechatDays),
    forbiddenWords: [...new Set([...DEFAULT_FORBIDDEN_WORDS.filter((w) => !allow.has(w)), ...own])],
    external: external === true,
    concurrency: days(links['concurrency'], 'links.concurrency', DEFAULT_SETTINGS.concurrency),
    timeoutMs: days(links['timeoutMs'], 'links.timeoutMs', DEFAULT_SETTINGS.timeoutMs),
    maxPages: days(links['maxPages'], 'links.maxPages', DEFAULT_SETTINGS.maxPages),
  }
}
