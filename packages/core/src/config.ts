/** The project configuration (gongkai.config.yaml). */
import { OptionsError } from './diagnostics.js'

/** A scheduled job as the operator writes it. */
export interface ScheduleConfig {
  /** Unique id, used by `gongkai run DIR ID`. */
  readonly id: string
  /** A channel to push (`wechat`, `website`, `noticeboard`, `kiosk`), the `deadlines` check, `verify` or the daily self-inspection `check`. */
  readonly task: string
  /** Cron expression (node-cron syntax, 5 or 6 fields), in the project's timezone. */
  readonly cron: string
  /** Only on official workdays (make-up workdays included, holidays excluded). */
  readonly workdays?: boolean
  /** Free options of the task (e.g. a print command, a webhook, days ahead). */
  readonly options?: Readonly<Record<string, unknown>>
  /** Where the schedule's cron expression starts in gongkai.config.yaml (its first character, inside any quotes). */
  readonly place?: { readonly file: string; readonly line?: number; readonly column?: number }
}

/** A website column (专栏). */
export interface ColumnConfig {
  readonly id: string
  readonly title: string
  /** Catalog item codes or categories whose publications the column lists. */
  readonly items?: readonly string[]
  readonly categories?: readonly string[]
  readonly tags?: readonly string[]
  readonly description?: string
}

/** gongkai.config.yaml, validated. */
export interface ProjectConfig {
  /** The issuing body. */
  readonly body: {
    /** 发布机构 / 主办单位, e.g. 青川县生态环境局 */
    readonly name: string
    /** Organisation code used in 索引号 (e.g. `000014349`). */
    readonly orgCode: string
    readonly address?: string
    readonly phone?: string
  }
  readonly site: {
    readonly title: string
    /** Absolute URL with a trailing slash, e.g. `https://www.example.gov.cn/gk/`. */
    readonly baseUrl: string
    /** 主办单位 (defaults to body.name) */
    readonly sponsor?: string
    /** 政府网站标识码 */
    readonly siteCode?: string
    /** ICP 备案号 */
    readonly icp?: string
    /** 公安机关备案号 */
    readonly police?: string
    /** 党政机关网站标识 image (project-relative path) */
    readonly partyLogo?: string
    readonly columns: readonly ColumnConfig[]
  }
  /** IANA timezone; default `Asia/Shanghai`. */
  readonly timezone: string
  /** Operator-editable working-day calendar (project-relative path) for years the packaged one lacks. */
  readonly calendar?: string
  /**
   * Fonts: the sheet's body (仿宋), title (小标宋) and level-1 heading (黑体) faces as font files the
   * office has (absolute, or relative to the project folder), and a fallback file for characters
   * the packaged fonts lack. Absent ones are the packaged fonts.
   */
  readonly fonts: { readonly fallback?: string; readonly body?: string; readonly title?: string; readonly heading?: string }
  /** Where each key under `fonts` stands in gongkai.config.yaml (`body`, `title`, …); absent for configs built in memory. */
  readonly fontPlaces?: Readonly<Record<string, { readonly line: number; readonly column: number }>>
  /** Per-channel settings; each channel factory validates its own. */
  readonly channels: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  readonly schedules: readonly ScheduleConfig[]
  /** Ledger file (project-relative); default `.gongkai/ledger.sqlite`. */
  readonly ledger: string
  /**
   * The store when it is not the SQLite file: `postgres://user@host:port/db` (PostgreSQL, many bodies and workers in one
   * database, this body's rows keyed by `body.orgCode`). Absent: the SQLite file `ledger`.
   */
  readonly store?: string
  /** The environment variable that holds the PostgreSQL password (never the password itself), like the WeChat `secretEnv`. */
  readonly storePasswordEnv?: string
  /** Where `store` stands in gongkai.config.yaml; absent for configs built in memory. */
  readonly storePlace?: { readonly line: number; readonly column: number }
  /** 保密审查: the levels every publication must pass, in order (三审三校: `[初审, 复审, 终审]`); absent or empty: one review, `review: { by, on }`. */
  readonly review?: { readonly levels: readonly string[] }
  /** The operator's console users (`users:`), each with roles and a scrypt password hash; absent: nobody can sign in. */
  readonly users?: readonly ConsoleUser[]
  /** Where each value under `channels` stands in gongkai.config.yaml, by path (`channels.kiosk.rules[0].days`); absent for configs built in memory. */
  readonly channelPlaces?: Readonly<Record<string, { readonly line: number; readonly column: number }>>
  /** 自查 settings (forbidden words, freshness periods, links), as written; `@gongkai/check` validates them. */
  readonly check?: Readonly<Record<string, unknown>>
  /** 自评 settings (the rubric: points per indicator and department, 单项否决 items), as written; `@gongkai/check` validates them. */
  readonly assessment?: Readonly<Record<string, unknown>>
  /** Where each value under `check` and `assessment` stands in gongkai.config.yaml, by path (`assessment.rubric.deadlines.points`). */
  readonly settingPlaces?: Readonly<Record<string, { readonly line: number; readonly column: number }>>
}

/** A role in the operator's console: 编辑 edits, 审核 signs off 保密审查, 发布 pushes, 管理 reads the audit log. */
export type ConsoleRole = 'editor' | 'reviewer' | 'publisher' | 'admin'

/** What operators write for each role in `users[].roles`, and read in the console. */
export const CONSOLE_ROLE_NAMES: Readonly<Record<ConsoleRole, string>> = { editor: '编辑', reviewer: '审核', publisher: '发布', admin: '管理' }

/** One user of the operator's console, from `users:` in gongkai.config.yaml. */
export interface ConsoleUser {
  /** Sign-in name: letters, digits, `-` and `_` (the id rule of publications). */
  readonly id: string
  /** The name shown, and written as `by` when the user signs off a review. */
  readonly name: string
  readonly roles: readonly ConsoleRole[]
  /** `scrypt$N$r$p$salt$hash` (base64): the only form a password is kept in. */
  readonly password: string
  /** Where the entry stands in gongkai.config.yaml. */
  readonly place?: { readonly file: string; readonly line?: number; readonly column?: number }
}

/** One problem with a channel's options, at its option path (`slideSeconds`, `rules[0].days`); in the config it is `channels.<channel>.<path>`. */
export interface OptionProblem {
  /** Path of the option inside the channel's options, dotted, list items as `[n]`; `''` for the options as a whole. */
  readonly path: string
  /** Stable code, e.g. `kiosk/bad-slide-seconds`. */
  readonly code: string
  readonly message: string
  readonly hint?: string
}

/** Bad channel options, every problem at once; the message lists them all, `problems` keeps them apart. */
export class ChannelOptionsError extends OptionsError {
  readonly channel: string
  readonly problems: readonly OptionProblem[]

  constructor(channel: string, problems: readonly OptionProblem[]) {
    // The code is the first problem's, so a caller that looks for one code still finds it.
    const first = problems[0]
    super(
      first?.code ?? `${channel}/bad-options`,
      problems.length === 1 && first !== undefined ? first.message : `${channel} 的选项有 ${problems.length} 处错误：\n${problems.map((p) => `  ${p.message}`).join('\n')}`,
      problems.length === 1 && first?.hint !== undefined ? { hint: first.hint } : {},
    )
    this.name = 'ChannelOptionsError'
    this.channel = channel
    this.problems = problems
  }
}

/**
 * Collects the problems of one channel's options while they are read, so that a factory reports
 * all of them at once: each check records a problem and hands back a fallback to go on with.
 */
export class OptionProblems {
  readonly channel: string
  readonly list: OptionProblem[] = []

  constructor(channel: string) {
    this.channel = channel
  }

  /** Records a problem at `path`. */
  add(path: string, code: string, message: string, hint?: string): void {
    this.list.push({ path, code, message, ...(hint === undefined ? {} : { hint }) })
  }

  /** Throws a ChannelOptionsError listing every problem recorded, if any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new ChannelOptionsError(this.channel, this.list)
  }
}

/**
 * A channel's options as `check` (every problem, with its path) and `resolve` (the options with
 * their defaults, or one ChannelOptionsError listing every problem), both from one `read`.
 */
export function optionReader<T>(channel: string, read: (options: unknown, problems: OptionProblems) => T): { check(options: unknown): OptionProblem[]; resolve(options: unknown): T } {
  return {
    check(options) {
      const problems = new OptionProblems(channel)
      read(options, problems)
      return problems.list
    },
    resolve(options) {
      const problems = new OptionProblems(channel)
      const resolved = read(options, problems)
      problems.throwIfAny()
      return resolved
    },
  }
}

/** True for an environment variable name (`GONGKAI_WECHAT_SECRET`): letters, digits and `_`, not starting with a digit. */
export function isEnvName(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)
}

/**
 * True for a value shaped like a key rather than a name: 16 or more hexadecimal characters with
 * both digits and letters (a WeChat AppSecret is 32). `a3f9…` passes the name pattern, yet no one
 * names a variable that way, and printing it as a name would leak it.
 */
export function looksLikeSecret(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9a-f]{16,}$/i.test(value) && /\d/.test(value) && /[a-f]/i.test(value)
}

/** A value that failed a secret-name check, described without showing it: its type and length only. */
export function describeHidden(value: unknown): string {
  if (typeof value === 'string') return `一个 ${[...value].length} 个字符的值`
  if (typeof value === 'number' || typeof value === 'bigint') return `一个 ${String(value).length} 位的数字`
  if (Array.isArray(value)) return '一个列表'
  if (value === null) return '空值'
  return `一个${typeof value === 'object' ? '对象' : '非文字的值'}`
}

/**
 * The place in gongkai.config.yaml of a channel option: the value at `channels.<channel>.<path>`,
 * else the nearest enclosing value that is written there (a default the file does not name points
 * at the channel's own settings), else the file alone.
 */
export function placeOfOption(config: ProjectConfig, channel: string, path: string): { file: string; line?: number; column?: number } {
  const places = config.channelPlaces ?? {}
  let key = path === '' ? `channels.${channel}` : `channels.${channel}${path.startsWith('[') ? '' : '.'}${path}`
  for (;;) {
    const at = places[key]
    if (at !== undefined) return { file: 'gongkai.config.yaml', line: at.line, column: at.column }
    const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['))
    if (cut <= 0) return { file: 'gongkai.config.yaml' }
    key = key.slice(0, cut)
  }
}
