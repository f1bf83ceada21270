/**
 * The data model of 政务公开: the standard catalog (标准目录) and what is published under it.
 * Names follow GLOSSARY.md. Dates without a time are `YYYY-MM-DD` strings in the project's timezone.
 */
import type { Root } from 'mdast'

/** Channels that gongkai renders. Other channels (广播电视, 报纸, …) are kept as recorded strings. */
export const RENDERED_CHANNELS = ['website', 'wechat', 'noticeboard', 'kiosk'] as const
/** A channel that gongkai renders. */
export type RenderedChannelId = (typeof RENDERED_CHANNELS)[number]

/**
 * Channels that may be named in a catalog without being rendered: recorded, never dropped.
 * The Chinese labels are the ones of the national checklist (■/□).
 */
export const RECORDED_CHANNELS = {
  gazette: '政府公报',
  'press-conference': '发布会/听证会',
  broadcast: '广播电视',
  newspaper: '纸质媒体',
  'reading-point': '公开查阅点',
  'service-center': '政务服务中心',
  'service-station': '便民服务站',
  'door-to-door': '入户/现场',
  'targeted-push': '精准推送',
  other: '其他',
} as const
/** Any channel id a catalog item may carry. */
export type ChannelName = RenderedChannelId | keyof typeof RECORDED_CHANNELS

/** Where the deadline clock starts. */
export type TimeLimitFrom = 'formed' | 'decided' | 'event'

/**
 * 公开时限, structured where the wording allows, always with the original wording in `text`.
 * - `working-days`: N official working days from `from` (art. 26: 20 working days from formation)
 * - `calendar-days`: N calendar days
 * - `realtime`: 实时 / 即时 (due the day it is formed)
 * - `long-term`: 长期公开 / 常态化 (no deadline)
 * - `annual`: a fixed day each year (每年1月31日前): `month`, `day`
 * - `unknown`: wording that could not be parsed; a warning was reported
 */
export type TimeLimit =
  | { kind: 'working-days'; days: number; from: TimeLimitFrom; text: string }
  | { kind: 'calendar-days'; days: number; from: TimeLimitFrom; text: string }
  | { kind: 'realtime'; text: string }
  | { kind: 'long-term'; text: string }
  | { kind: 'annual'; month: number; day: number; text: string }
  | { kind: 'unknown'; text: string }

/** 公开对象 */
export type Audience = 'public' | 'specific'
/** 公开方式 */
export type DisclosureMode = 'proactive' | 'on-request'
/** 公开层级 */
export type Level = 'county' | 'township'

/** 事项: one entry of the standard catalog with its eight elements. */
export interface CatalogItem {
  /** 事项编码, unique and stable (e.g. `HB-XZCF-001`). */
  readonly code: string
  /** 事项名称 */
  readonly name: string
  /** 一级事项 */
  readonly category: string
  /** 二级事项 */
  readonly subcategory?: string
  /** 公开依据 */
  readonly basis: readonly string[]
  /** 公开内容（要素） */
  readonly content: string
  /** 公开主体 (body or department, 科室) */
  readonly owner: string
  /** 公开时限 */
  readonly timeLimit: TimeLimit
  /** 公开渠道和载体: rendered channel ids and recorded ones */
  readonly channels: readonly ChannelName[]
  /** 公开对象 */
  readonly audience: Audience
  /** 公开方式 */
  readonly mode: DisclosureMode
  /** 公开层级 */
  readonly level: readonly Level[]
  /** 情况说明 */
  readonly notes?: string
}

/** 动态调整 kinds: 新增 / 取消 / 下放 / 承接 / 保留 / 变更 */
export type AdjustmentKind = 'add' | 'cancel' | 'delegate' | 'assume' | 'retain' | 'amend'

/** 动态调整: one dated change to the catalog. */
export interface Adjustment {
  readonly date: string
  readonly kind: AdjustmentKind
  readonly code: string
  readonly reason: string
  readonly basis?: string
  /** For `delegate`: the body that receives the power (e.g. 乡镇人民政府). */
  readonly to?: string
  /** For `amend`: the new values of the changed elements. For `add`/`assume`: the item is in `items`. */
  readonly changes?: Partial<Omit<CatalogItem, 'code'>>
}

/** 发布 / 解读 / 回应 */
export type PublicationKind = 'release' | 'interpretation' | 'response'
/** 五公开: 决策、执行、管理、服务、结果 */
export type Stage = 'decision' | 'execution' | 'management' | 'service' | 'result'

/** Where a value came from, for messages: file (project-relative, POSIX) and 1-based line/column. */
export interface Place {
  readonly file: string
  readonly line?: number
  readonly column?: number
}

/** Where an imported publication came from: the document's file name as the office saved it, and the SHA-256 (hex) of its bytes. */
export interface ImportedFrom {
  readonly file: string
  readonly sha256: string
}

/** An attachment a publication links to (a file under assets/). */
export interface Attachment {
  readonly title: string
  /** Project-relative POSIX path, e.g. `assets/2026/report.pdf`. */
  readonly path: string
}

/** How a withdrawn publication leaves its channels (after GOV.UK's unpublishing types). */
export type WithdrawMode = 'notice' | 'remove' | 'redirect'

/**
 * 撤回: `notice` keeps the page, marked 已撤回 with date and reason; `remove` replaces it with a short
 * 已撤回 page and drops it from lists, feeds, sitemap and search; `redirect` sends readers to `to`.
 */
export interface Withdrawal {
  /** The day it was withdrawn (YYYY-MM-DD). */
  readonly on: string
  readonly reason: string
  readonly mode: WithdrawMode
  /** For `redirect`: the id of the publication that supersedes it. */
  readonly to?: string
}

/** 更正说明: one dated change note. */
export interface Correction {
  /** YYYY-MM-DD */
  readonly on: string
  readonly note: string
}

/** 有效性 of a document such as a 规范性文件. */
export type ValidityStatus = '有效' | '失效' | '废止'

/** 有效性 as the operator wrote it: a status, since when, and what ended it (an id or a document). */
export interface Validity {
  readonly status: ValidityStatus
  /** The day the status took effect (YYYY-MM-DD). */
  readonly on?: string
  /** What made it so: a publication id, or a document named in words (县环发〔2026〕3号). */
  readonly by?: string
}

/** One level of 保密审查 signed off: the level's name as the config writes it, who passed it, when (YYYY-MM-DD). */
export interface ReviewSignoff {
  readonly level: string
  readonly by: string
  readonly on: string
}

/** 公开信息: one concrete published document. */
export interface Publication {
  /** Unique id, safe as a file name: `[A-Za-z0-9][A-Za-z0-9_-]*`. */
  readonly id: string
  /** 事项编码 of the catalog item it is filed under. */
  readonly item: string
  readonly title: string
  /** Short title for WeChat (≤ 32 characters) when `title` is longer. */
  readonly wechatTitle?: string
  readonly kind: PublicationKind
  /** For an interpretation or response: the id of the release it interprets or answers. */
  readonly of?: string
  readonly stage: Stage
  /** 信息形成日期 (YYYY-MM-DD): the deadline clock starts here. */
  readonly formed: string
  /** 发布日期 (YYYY-MM-DD), when given; otherwise the date it actually went out. */
  readonly published?: string
  /** 定时发布: ISO date-time with offset; nothing is delivered before it. */
  readonly publishAt?: string
  /** 公示期 (inclusive dates). */
  readonly noticePeriod?: { readonly from: string; readonly until: string }
  /** 保密审查 in one step: who passed it and when. Absent (and no `reviewLevels`): preview only, never delivered. */
  readonly review?: { readonly by: string; readonly on: string }
  /** 撤回: present once the publication was withdrawn. */
  readonly withdrawn?: Withdrawal
  /** 更正说明, in file order (channels show them newest first). */
  readonly corrections?: readonly Correction[]
  /** 有效性, as written; `effectiveValidity` gives the status on a day (with `expires`). */
  readonly validity?: Validity
  /** The day (YYYY-MM-DD) the publication becomes 失效 without an edit. */
  readonly expires?: string
  /** 保密审查 by level (三审三校: 初审, 复审, …), as the file lists them; which levels are required is the config's `review.levels` (see `isReviewed`). */
  readonly reviewLevels?: readonly ReviewSignoff[]
  /** 发文字号, e.g. 县环发〔2026〕12号 */
  readonly docNumber?: string
  /** 索引号 pinned by the operator; otherwise computed (see `createDisclosures`). */
  readonly indexNo?: string
  /** 成文日期 (YYYY-MM-DD) when different from `formed`. */
  readonly written?: string
  /** 摘要: used for WeChat digest and listings; derived from the body when absent. */
  readonly summary?: string
  /** An operator-supplied cover image (project-relative path). */
  readonly cover?: string
  readonly attachments: readonly Attachment[]
  /** Free keywords for search and the website. */
  readonly tags: readonly string[]
  /** The Word document it was imported from (`gongkai import-doc`): a re-import of the same file updates this publication. */
  readonly imported?: ImportedFrom
  /** The Markdown body (after the front matter). */
  readonly body: string
  /**
   * Where it came from; `bodyLine` is the 1-based line of the body's first line in the file.
   * `fields` (when loaded from a file): 1-based line and column of each front-matter value, by
   * field name (`review.on` for nested ones), so later checks can point at the field.
   */
  readonly source: {
    readonly file: string
    readonly bodyLine: number
    readonly fields?: Readonly<Record<string, { readonly line: number; readonly column: number }>>
  }
}

/** Links of a publication: the release it belongs to and the interpretations and responses around it. */
export interface DisclosureLinks {
  /** For an interpretation or response: its release. */
  readonly release?: Publication
  /** For a release: its interpretations. */
  readonly interpretations: readonly Publication[]
  /** For a release: its responses. */
  readonly responses: readonly Publication[]
}

/** What every channel receives: parsed once, never re-read. */
export interface Disclosure {
  readonly item: CatalogItem
  readonly publication: Publication
  /**
   * The body parsed once into mdast (GFM tables, footnotes). Raw HTML has been removed. Positions
   * are the file's own lines (the body starts at `publication.source.bodyLine`).
   * > **Note**: from a loaded project the tree may be read from the load cache on first use.
   */
  readonly tree: Root
  readonly links: DisclosureLinks
  /** Content hash (hex) of everything that shapes the output: item, publication, body. */
  readonly revision: string
  /** 索引号: `orgCode/year-serial`, e.g. `000014349/2026-00012`. */
  readonly indexNo: string
}

/** 申请人类型: the six applicant columns of 表三 (自然人, then the five kinds of 法人或其他组织). */
export const APPLICANT_TYPES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const
/** 申请人类型 */
export type ApplicantType = (typeof APPLICANT_TYPES)[number]

/** 申请方式: how the request came in (it decides which day is the legal receipt date, 条例第三十一条). */
export const REQUEST_CHANNELS = ['当面', '邮寄', '网络', '电子邮件', '传真', '其他'] as const
/** 申请方式 */
export type RequestChannel = (typeof REQUEST_CHANNELS)[number]

/**
 * 办理结果: exactly the result rows of 表三 (国办公开办函〔2021〕30号), a group and its row joined by
 * `/` where the table has sub-rows. Any other value is an error at its place in the file.
 */
export const OUTCOME_RESULTS = [
  '予以公开',
  '部分公开',
  '不予公开/属于国家秘密',
  '不予公开/其他法律行政法规禁止公开',
  '不予公开/危及“三安全一稳定”',
  '不予公开/保护第三方合法权益',
  '不予公开/属于三类内部事务信息',
  '不予公开/属于四类过程性信息',
  '不予公开/属于行政执法案卷',
  '不予公开/属于行政查询事项',
  '无法提供/本机关不掌握相关政府信息',
  '无法提供/没有现成信息需要另行制作',
  '无法提供/补正后申请内容仍不明确',
  '不予处理/信访举报投诉类申请',
  '不予处理/重复申请',
  '不予处理/要求提供公开出版物',
  '不予处理/无正当理由大量反复申请',
  '不予处理/要求行政机关确认或重新出具已获取信息',
  '其他处理/申请人无正当理由逾期不补正',
  '其他处理/申请人逾期未按收费通知要求缴纳费用',
  '其他处理/其他',
] as const
/** 办理结果: a row of 表三. */
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number]

/** 行政复议 / 行政诉讼 (未经复议直接起诉, 复议后起诉): the three groups of 表四. */
export const APPEAL_KINDS = ['行政复议', '未经复议直接起诉', '复议后起诉'] as const
/** The kind of an appeal, a group of 表四. */
export type AppealKind = (typeof APPEAL_KINDS)[number]
/** 结果维持 / 结果纠正 / 其他结果 / 尚未审结 */
export const APPEAL_RESULTS = ['维持', '纠正', '其他', '尚未审结'] as const
/** The result of an appeal, a column of 表四. */
export type AppealResult = (typeof APPEAL_RESULTS)[number]

/**
 * What happened to a request on its way (any of, in any order in the file; kept sorted by date):
 * - `补正`: the office told the applicant to complete the request (条例第三十条): the clock stops;
 * - `补正完成`: the completed request came in: the clock starts again from day 0;
 * - `征求意见`: third-party consultation (第三十二条), `from`–`to` inclusive: not counted;
 * - `延期`: an approved extension (第三十三条): 20 more working days, `approvedBy` the approver.
 */
export type RequestEvent =
  | { readonly kind: '补正'; readonly on: string }
  | { readonly kind: '补正完成'; readonly on: string }
  | { readonly kind: '征求意见'; readonly from: string; readonly to: string }
  | { readonly kind: '延期'; readonly on: string; readonly approvedBy: string }

/** 答复: the day the reply went out, its result (a row of 表三) and its legal basis. */
export interface RequestOutcome {
  /** YYYY-MM-DD */
  readonly on: string
  readonly result: OutcomeResult
  /** 依据, e.g. 条例第三十七条 */
  readonly basis?: string
  /** 说明: free text that goes into the 答复告知书 (what is provided, where, why not). */
  readonly note?: string
}

/** 行政复议 or 行政诉讼 brought against the handling of a request. */
export interface Appeal {
  readonly kind: AppealKind
  readonly result: AppealResult
  /** The day it was filed (YYYY-MM-DD), which decides the report year; the outcome's year when absent. */
  readonly on?: string
}

/** 依申请公开申请: one request for government information, one file under `requests/`. */
export interface Request {
  /** Unique id, safe as a file name (e.g. `2026-ysq-001`). */
  readonly id: string
  /** The legal receipt date (YYYY-MM-DD): the clock starts here. */
  readonly received: string
  readonly channel: RequestChannel
  /**
   * 申请人. `name` and `address` are only ever set in the letter to that applicant: no report, page,
   * JSON or status line carries them.
   */
  readonly applicant: { readonly type: ApplicantType; readonly name?: string; readonly address?: string }
  /** 申请内容, as the applicant described the information. */
  readonly content: string
  /** 承办科室; the issuing body when absent. */
  readonly owner?: string
  /** In date order. */
  readonly events: readonly RequestEvent[]
  readonly outcome?: RequestOutcome
  /** 收费 (元). */
  readonly fee?: number
  readonly appeals: readonly Appeal[]
  /** Where it came from: the file and the 1-based place of each field (`outcome.result`, `events.0.on`, …). */
  readonly source: { readonly file: string; readonly fields?: Readonly<Record<string, { readonly line: number; readonly column: number }>> }
}
