/** The options of `wechat(options)`, checked at once: a bad option throws before anything runs. */
import { OptionsError } from '@gongkai/core'

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
  /** 作者 shown under the title; default the issuing body's name. */
  readonly author?: string
  /** 阅读原文 link: a pattern with `{id}`; default `<site.baseUrl>p/{id}.html` (the website's page). */
  readonly sourceUrl?: string
  /** Open comments on articles; default false. */
  readonly openComment?: boolean
  /** Wait between two `freepublish/get` polls, ms; default 3000. */
  readonly pollIntervalMs?: number
  /** `freepublish/get` polls before giving up for this run (the article stays pending); default 40. */
  readonly maxPolls?: number
  readonly retry?: RetryOptions
  /** One HTTP request's timeout, ms; default 20000. */
  readonly timeoutMs?: number
  /** A token is renewed this many seconds before it expires; default 300. */
  readonly tokenMarginSeconds?: number
  /** How long one process holds a delivery before another may take it over, ms; default 600000. */
  readonly claimTtlMs?: number
  /** Publications pushed at once; default 1. */
  readonly concurrency?: number
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
  readonly maxPolls: number
  readonly retry: Required<RetryOptions>
  readonly timeoutMs: number
  readonly tokenMarginSeconds: number
  readonly claimTtlMs: number
  readonly concurrency: number
}

const KNOWN = new Set([
  'appId',
  'secretEnv',
  'apiBase',
  'author',
  'sourceUrl',
  'openComment',
  'pollIntervalMs',
  'maxPolls',
  'retry',
  'timeoutMs',
  'tokenMarginSeconds',
  'claimTtlMs',
  'concurrency',
])

function int(o: Record<string, unknown>, name: string, fallback: number, min: number, max: number, prefix = ''): number {
  const v = o[name]
  if (v === undefined) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new OptionsError(`wechat/bad-${name.toLowerCase()}`, `wechat 选项 ${prefix}${name} 应为 ${min} 到 ${max} 之间的整数，而不是“${String(v)}”`)
  }
  return v
}

/** Checks WeChat options; throws OptionsError naming the option. */
export function resolveWechatOptions(options: unknown): ResolvedWechatOptions {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new OptionsError('wechat/options', 'wechat 的选项应为一个对象', { hint: '例如 wechat({ appId: "wx0123456789abcdef", secretEnv: "GONGKAI_WECHAT_SECRET" })' })
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new OptionsError('wechat/unknown-option', `wechat 不认识选项 ${key}`, { hint: `可用的选项：${[...KNOWN].join('、')}` })
  }
  const appId = o['appId']
  if (appId !== undefined && (typeof appId !== 'string' || !/^wx[0-9a-f]{16}$/i.test(appId))) {
    throw new OptionsError('wechat/bad-appid', `wechat 选项 appId 应为 wx 开头加 16 位十六进制字符，而不是“${String(appId)}”`, {
      hint: '在微信公众平台“设置与开发 → 基本配置”中查看开发者ID(AppID)',
    })
  }
  const secretEnv = o['secretEnv'] ?? 'GONGKAI_WECHAT_SECRET'
  if (typeof secretEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(secretEnv)) {
    throw new OptionsError('wechat/bad-secretenv', `wechat 选项 secretEnv 应为环境变量名，而不是“${String(secretEnv)}”`, {
      hint: '密钥本身不写进配置文件：写环境变量的名字，例如 GONGKAI_WECHAT_SECRET',
    })
  }
  const apiBase = o['apiBase'] ?? DEFAULT_API_BASE
  if (typeof apiBase !== 'string' || !/^https?:\/\/[^/\s]+(?:\/[^\s]*)?$/.test(apiBase)) {
    throw new OptionsError('wechat/bad-apibase', `wechat 选项 apiBase 应为 http(s) 网址，而不是“${String(apiBase)}”`, { hint: `默认 ${DEFAULT_API_BASE}` })
  }
  const str = (name: string): string | undefined => {
    const v = o[name]
    if (v === undefined) return undefined
    if (typeof v !== 'string' || v.trim() === '') throw new OptionsError(`wechat/bad-${name.toLowerCase()}`, `wechat 选项 ${name} 应为非空文字`)
    return v
  }
  const author = str('author')
  if (author !== undefined && [...author].length > 16) {
    throw new OptionsError('wechat/bad-author', `wechat 选项 author 最多 16 个字，现有 ${[...author].length} 个`, { hint: '微信公众号文章作者名称不超过 16 个字' })
  }
  const sourceUrl = str('sourceUrl')
  if (sourceUrl !== undefined && (!/^https?:\/\//.test(sourceUrl) || !sourceUrl.includes('{id}'))) {
    throw new OptionsError('wechat/bad-sourceurl', `wechat 选项 sourceUrl 应为含 {id} 的 http(s) 网址，而不是“${sourceUrl}”`, { hint: '例如 https://www.example.gov.cn/gk/p/{id}.html' })
  }
  const openComment = o['openComment'] ?? false
  if (typeof openComment !== 'boolean') throw new OptionsError('wechat/bad-opencomment', 'wechat 选项 openComment 应为 true 或 false')
  const retryRaw = o['retry'] ?? {}
  if (typeof retryRaw !== 'object' || retryRaw === null || Array.isArray(retryRaw)) throw new OptionsError('wechat/bad-retry', 'wechat 选项 retry 应为对象，例如 { attempts: 5, baseMs: 1000 }')
  const r = retryRaw as Record<string, unknown>
  for (const key of Object.keys(r)) {
    if (!['attempts', 'baseMs', 'maxMs'].includes(key)) throw new OptionsError('wechat/unknown-option', `wechat 选项 retry 不认识 ${key}`, { hint: '可用的选项：attempts、baseMs、maxMs' })
  }
  return {
    appId: appId as string | undefined,
    secretEnv,
    apiBase: apiBase.replace(/\/+$/, ''),
    author,
    sourceUrl,
    openComment,
    pollIntervalMs: int(o, 'pollIntervalMs', 3000, 0, 600_000),
    maxPolls: int(o, 'maxPolls', 40, 1, 10_000),
    retry: {
      attempts: int(r, 'attempts', 5, 1, 100, 'retry.'),
      baseMs: int(r, 'baseMs', 1000, 0, 600_000, 'retry.'),
      maxMs: int(r, 'maxMs', 30_000, 0, 3_600_000, 'retry.'),
    },
    timeoutMs: int(o, 'timeoutMs', 20_000, 1, 600_000),
    tokenMarginSeconds: int(o, 'tokenMarginSeconds', 300, 0, 3600),
    claimTtlMs: int(o, 'claimTtlMs', 600_000, 1, 86_400_000),
    concurrency: int(o, 'concurrency', 1, 1, 32),
  }
}
