/** The project configuration (gongkai.config.yaml). */

/** A scheduled job as the operator writes it. */
export interface ScheduleConfig {
  /** Unique id, used by `gongkai run DIR ID`. */
  readonly id: string
  /** A channel to push (`wechat`, `website`, `noticeboard`, `kiosk`) or the `deadlines` check. */
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
  /** Fonts: an optional fallback font file for characters the packaged fonts lack. */
  readonly fonts: { readonly fallback?: string }
  /** Per-channel settings; each channel factory validates its own. */
  readonly channels: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  readonly schedules: readonly ScheduleConfig[]
  /** Ledger file (project-relative); default `.gongkai/ledger.sqlite`. */
  readonly ledger: string
}
