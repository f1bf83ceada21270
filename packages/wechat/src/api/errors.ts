/** Errors of the platform API, sorted by what delivery must do about them. */
import { GongkaiError } from '@gongkai/core'

/**
 * - `quota`: 45009, the daily quota: stop the batch, leave the rest pending.
 * - `config`: 40164 (IP not whitelisted), bad AppID or secret, no secret: stop the whole push.
 * - `transient`: -1, 45011, HTTP 5xx, timeouts, after every retry: fail this one, next run retries.
 * - `ambiguous`: a creating call whose answer was lost (5xx, an HTML page, a timeout, a reset, JSON
 *   without a success's fields): the platform may have done it; look it up before any resend.
 * - `down`: the breaker is open after consecutive failures: stop the batch, the rest pending.
 * - `rejected`: the platform refused this request (bad content, invalid media id…).
 */
export type ApiErrorKind = 'quota' | 'config' | 'transient' | 'ambiguous' | 'down' | 'rejected'

/** An error from the WeChat platform, with its errcode when there is one. */
export class WechatApiError extends GongkaiError {
  readonly kind: ApiErrorKind
  readonly errcode: number | undefined
  readonly api: string

  constructor(kind: ApiErrorKind, code: string, message: string, detail: { api: string; errcode?: number; hint?: string; cause?: unknown }) {
    super(code, message, { ...(detail.hint === undefined ? {} : { hint: detail.hint }), ...(detail.cause === undefined ? {} : { cause: detail.cause }) })
    this.name = 'WechatApiError'
    this.kind = kind
    this.errcode = detail.errcode
    this.api = detail.api
  }
}

/** errcodes meaning the token is invalid or expired: refresh once and retry. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001])
/** errcodes worth retrying with backoff. */
export const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 45011])

/** Known errcodes in Chinese, for messages operators read. */
const KNOWN: Readonly<Record<number, string>> = {
  [-1]: '微信平台系统繁忙',
  40001: 'access_token 无效',
  40007: '素材 media_id 无效',
  40013: 'AppID 无效',
  40125: 'AppSecret 无效',
  40164: '调用接口的 IP 地址不在白名单中',
  41001: '缺少 access_token',
  42001: 'access_token 已过期',
  45002: '正文超过长度限制',
  45003: '标题超过长度限制',
  45004: '摘要超过长度限制',
  45009: '接口调用已达到今日上限',
  45011: '接口调用太频繁',
  48001: '公众号没有该接口的权限',
  53503: '草稿未通过发布检查',
  53504: '需前往公众平台官网使用草稿',
  53505: '请手动保存成功后再发表',
}

/** The Chinese name of an errcode, or undefined. */
export function describeErrcode(errcode: number): string | undefined {
  return KNOWN[errcode]
}

/** The error for a non-zero errcode from `api`. Never includes tokens or secrets (the platform's errmsg has none). */
export function errorFromErrcode(api: string, errcode: number, errmsg: string): WechatApiError {
  const known = describeErrcode(errcode)
  // stable_token checks the secret itself: 40001 there is a wrong AppSecret, not a stale token.
  if (api === 'stable_token' && errcode === 40001) {
    return new WechatApiError('config', 'wechat/bad-credentials', `公众号 AppSecret 不正确，微信拒绝发放 access_token（stable_token，错误码 40001）`, {
      api,
      errcode,
      hint: '请公众号管理员登录微信公众平台（mp.weixin.qq.com）“设置与开发 → 基本配置 → 开发者密码(AppSecret)”核对或重置，再把新的 AppSecret 设到 secretEnv 指定的环境变量中',
    })
  }
  const said = `${known ?? '微信平台返回错误'}（${api}，错误码 ${errcode}：${errmsg.replace(/rid: \S+/, '').trim()}）`
  if (errcode === 45009) {
    return new WechatApiError('quota', 'wechat/quota', `今日微信接口调用次数已用完${said}`, { api, errcode, hint: '其余文章留待下次推送（通常是明天）；次数在每天零点重置' })
  }
  if (errcode === 40164) {
    const ip = /(?:invalid ip|ip)\s+([0-9a-fA-F.:]+)/.exec(errmsg)?.[1]
    return new WechatApiError('config', 'wechat/ip-not-whitelisted', `本机 IP 地址${ip === undefined ? '' : ` ${ip} `}不在公众号的 IP 白名单中，微信拒绝了调用（错误码 40164）`, {
      api,
      errcode,
      hint: `请公众号管理员登录微信公众平台（mp.weixin.qq.com），在“设置与开发 → 基本配置 → 公众号开发信息 → IP白名单”中添加${ip === undefined ? '本机的公网 IP' : ` ${ip}`}，保存后重新推送`,
    })
  }
  if (errcode === 40013 || errcode === 40125 || errcode === 41004 || errcode === 40002) {
    return new WechatApiError('config', 'wechat/bad-credentials', `公众号 AppID 或 AppSecret 不正确${said}`, {
      api,
      errcode,
      hint: '请核对 gongkai.config.yaml 中 channels.wechat.appId，以及 secretEnv 指定的环境变量中的 AppSecret',
    })
  }
  if (TRANSIENT_ERRCODES.has(errcode)) return new WechatApiError('transient', 'wechat/busy', `${said}，重试后仍未成功`, { api, errcode, hint: '稍后再推送一次' })
  return new WechatApiError('rejected', `wechat/errcode-${errcode}`, said, { api, errcode })
}
