/** The options of `wechat(options)`, checked at once: bad options throw before anything runs, every problem listed. */
import { describeHidden, isEnvName, looksLikeSecret, optionReader, showValue } from '@gongkai/core/internal'
import type { OptionProblems } from '@gongkai/core/internal'
import type { OptionProblem } from '@gongkai/core'

/** The real platform. */
export const DEFAULT_API_BASE = 'https://api.weixin.qq.com'

/** Retry timing for transient failures (-1, 45011, HTTP 5xx, timeouts). */
export interface RetryOptions {
  /** Attempts in all, the first included; default 5. */
  readonly attempts?: number
  /** First wait in ms, doubled each time; default 1000. */
  readonly baseMs?: number
  /** Longest wait in ms; default 30000. */
  readonly maxMs?: number
}

/** Options of the WeChat channel (`channels.wechat` in gongkai.config.yaml, plus what code passes). */
export interface WechatOptions {
  /** The official account's AppID (`wx` + 16 hex digits). Required for delivery. */
  readonly appId?: string
  /** Name of the environment variable that holds the AppSecret; default `GONGKAI_WECHAT_SECRET`. */
  readonly secretEnv?: string
  /** Platform base URL; default `https://api.weixin.qq.com` (tests point it at 127.0.0.1). */
  readonly apiBase?: string
  /** 作者 shown under the title, beside the account's name; none by default, and none when it is the issuing body's name (shown once). */
  readonly author?: string
  /** 阅读原文 link: a pattern with `{id}`; default `<site.baseUrl>p/{id}.html` (the website's page). */
  readonly sourceUrl?: string
  /** Open comments on articles; default false. */
  readonly openComment?: boolean
  /** First wait between two `freepublish/get` polls, ms, doubled each time up to `pollMaxMs`; default 500. */
  readonly pollIntervalMs?: number
  /** Longest wait between two polls, ms; default 5000. */
  readonly pollMaxMs?: number
  /** `freepublish/get` polls before giving up for this run (the article stays pending); default 40. */
  readonly maxPolls?: number
  readonly retry?: RetryOptions
  /** One HTTP request's timeout, ms; default 20000. */
  readonly timeoutMs?: number
  /** A token is renewed this many seconds before it expires; default 300. */
  readonly tokenMarginSeconds?: number
  /** A claim's lease, ms, renewed by a heartbeat while the process works; a dead process's claim lapses after it; default 30000. */
  readonly claimTtlMs?: number
  /** Publications pushed at once within one delivery, within the per-minute limits; default 8. */
  readonly concurrency?: number
  /** Consecutive failed exchanges (no answer, 5xx, garbage) that stop the push; default 5. */
  readonly breaker?: number
  /**
   * What a correction (`corrections` in front matter) of an article already published does:
   * `notice` publishes a 更正说明 article linking to the original, once per correction; `off`
   * (default) publishes nothing and `status` lists it as 需人工更正. A published article's text cannot be edited.
   */
  readonly corrections?: 'notice' | 'off'
}

/** Options with defaults applied. */
export interface ResolvedWechatOptions {
  readonly appId: string | undefined
  readonly secretEnv: string
  readonly apiBase: string
  readonly author: string | undefined
  readonly sourceUrl: string | undefined
  readonly openComment: boolean
  readonly pollIntervalMs: number
  readonly pollMaxMs: number
  readonly maxPolls: number
  readonly retry: Required<RetryOptions>
  readonly timeoutMs: number
  readonly tokenMarginSeconds: number
  readonly claimTtlMs: number
  readonly concurrency: number
  readonly breaker: number
  readonly corrections: 'notice' | 'off'
}

const KNOWN = new Set([
  'appId',
  'secretEnv',
  'apiBase',
  'author',
  'sourceUrl',
  'openComment',
  'pollIntervalMs',
  'pollMaxMs',
  'maxPolls',
  'retry',
  'timeoutMs',
  'tokenMarginSeconds',
  'claimTtlMs',
  'concurrency',
  'breaker',
  'corrections',
])

function int(o: Record<string, unknown>, name: string, fallback: number, min: number, max: number, problems: OptionProblems, prefix = ''): number {
  const v = o[name]
  if (v === undefined) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    problems.add(`${prefix}${name}`, `wechat/bad-${name.toLowerCase()}`, `wechat 选项 ${prefix}${name} 应为 ${min} 到 ${max} 之间的整数，而不是“${showValue(v)}”`)
    return fallback
  }
  return v
}

const SECRET_HINT =
  '密钥只放在环境变量里：secretEnv 写环境变量的名字（如 GONGKAI_WECHAT_SECRET），再在运行 gongkai 的环境中设置它。若这里写的正是 AppSecret，它已进入配置文件和版本库，请到公众平台重置'

function read(options: unknown, problems: OptionProblems): ResolvedWechatOptions {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    problems.add('', 'wechat/options', 'wechat 的选项应为一个对象', '例如 wechat({ appId: "wx0123456789abcdef", secretEnv: "GONGKAI_WECHAT_SECRET" })')
    options = {}
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) problems.add(key, 'wechat/unknown-option', `wechat 不认识选项 ${key}`, `可用的选项：${[...KNOWN].join('、')}`)
  }
  let appId = o['appId']
  if (appId !== undefined && (typeof appId !== 'string' || !/^wx[0-9a-f]{16}$/i.test(appId))) {
    problems.add('appId', 'wechat/bad-appid', `wechat 选项 appId 应为 wx 开头加 16 位十六进制字符，而不是“${showValue(appId)}”`, '在微信公众平台“设置与开发 → 基本配置”中查看开发者ID(AppID)')
    appId = undefined
  }
  // A value that is no variable name may be the secret itself, typed in by mistake: it is never shown, only its length.
  let secretEnv = o['secretEnv'] ?? 'GONGKAI_WECHAT_SECRET'
  if (!isEnvName(secretEnv) || looksLikeSecret(secretEnv)) {
    const what = looksLikeSecret(secretEnv) ? `${describeHidden(secretEnv)}，形如十六进制密钥` : describeHidden(secretEnv)
    problems.add('secretEnv', 'wechat/bad-secretenv', `wechat 选项 secretEnv 应为环境变量的名字（字母、数字和下划线，不以数字开头），这里写的是${what}，可能是密钥本身，为安全起见不显示`, SECRET_HINT)
    secretEnv = 'GONGKAI_WECHAT_SECRET'
  }
  let apiBase = o['apiBase'] ?? DEFAULT_API_BASE
  if (typeof apiBase !== 'string' || !/^https?:\/\/[^/\s]+(?:\/[^\s]*)?$/.test(apiBase)) {
    problems.add('apiBase', 'wechat/bad-apibase', `wechat 选项 apiBase 应为 http(s) 网址，而不是“${showValue(apiBase)}”`, `默认 ${DEFAULT_API_BASE}`)
    apiBase = DEFAULT_API_BASE
  }
  const str = (name: string): string | undefined => {
    const v = o[name]
    if (v === undefined) return undefined
    if (typeof v !== 'string' || v.trim() === '') {
      problems.add(name, `wechat/bad-${name.toLowerCase()}`, `wechat 选项 ${name} 应为非空文字`)
      return undefined
    }
    return v
  }
  let author = str('author')
  if (author !== undefined && [...author].length > 16) {
    problems.add('author', 'wechat/bad-author', `wechat 选项 author 最多 16 个字，现有 ${[...author].length} 个`, '微信公众号文章作者名称不超过 16 个字')
    author = undefined
  }
  let sourceUrl = str('sourceUrl')
  if (sourceUrl !== undefined && (!/^https?:\/\//.test(sourceUrl) || !sourceUrl.includes('{id}'))) {
    problems.add('sourceUrl', 'wechat/bad-sourceurl', `wechat 选项 sourceUrl 应为含 {id} 的 http(s) 网址，而不是“${sourceUrl}”`, '例如 https://www.example.gov.cn/gk/p/{id}.html')
    sourceUrl = undefined
  }
  let openComment = o['openComment'] ?? false
  if (typeof openComment !== 'boolean') {
    problems.add('openComment', 'wechat/bad-opencomment', 'wechat 选项 openComment 应为 true 或 false')
    openComment = false
  }
  let retryRaw = o['retry'] ?? {}
  if (typeof retryRaw !== 'object' || retryRaw === null || Array.isArray(retryRaw)) {
    problems.add('retry', 'wechat/bad-retry', 'wechat 选项 retry 应为对象，例如 { attempts: 5, baseMs: 1000 }')
    retryRaw = {}
  }
  const r = retryRaw as Record<string, unknown>
  for (const key of Object.keys(r)) {
    if (!['attempts', 'baseMs', 'maxMs'].includes(key)) problems.add(`retry.${key}`, 'wechat/unknown-option', `wechat 选项 retry 不认识 ${key}`, '可用的选项：attempts、baseMs、maxMs')
  }
  let corrections = o['corrections'] ?? 'off'
  if (corrections !== 'notice' && corrections !== 'off') {
    problems.add(
      'corrections',
      'wechat/bad-corrections',
      `wechat 选项 corrections 应为 notice（更正时发布一篇更正说明，链接原文）或 off（不发布，由人工处理），而不是“${showValue(corrections)}”`,
      '已发表的微信文章不能修改正文；默认 off',
    )
    corrections = 'off'
  }
  return {
    corrections: corrections as 'notice' | 'off',
    appId: appId as string | undefined,
    secretEnv: secretEnv as string,
    apiBase: (apiBase as string).replace(/\/+$/, ''),
    author,
    sourceUrl,
    openComment: openComment as boolean,
    pollIntervalMs: int(o, 'pollIntervalMs', 500, 0, 600_000, problems),
    pollMaxMs: int(o, 'pollMaxMs', 5000, 0, 600_000, problems),
    maxPolls: int(o, 'maxPolls', 40, 1, 10_000, problems),
    retry: {
      attempts: int(r, 'attempts', 5, 1, 100, problems, 'retry.'),
      baseMs: int(r, 'baseMs', 1000, 0, 600_000, problems, 'retry.'),
      maxMs: int(r, 'maxMs', 30_000, 0, 3_600_000, problems, 'retry.'),
    },
    timeoutMs: int(o, 'timeoutMs', 20_000, 1, 600_000, problems),
    tokenMarginSeconds: int(o, 'tokenMarginSeconds', 300, 0, 3600, problems),
    claimTtlMs: int(o, 'claimTtlMs', 30_000, 1, 86_400_000, problems),
    concurrency: int(o, 'concurrency', 8, 1, 64, problems),
    breaker: int(o, 'breaker', 5, 1, 1000, problems),
  }
}

const reader = optionReader('wechat', read)

/** Every problem of WeChat options, each with its option path; empty when they are good. */
export function checkWechatOptions(options: unknown): OptionProblem[] {
  return reader.check(options)
}

/** Checks WeChat options; throws an OptionsError (a ChannelOptionsError) listing every problem. */
export function resolveWechatOptions(options: unknown): ResolvedWechatOptions {
  return reader.resolve(options)
}
