/**
 * The platform API client: one access token from `stable_token`, cached in the store's key-value
 * table until shortly before expiry (so a restart spends no forced refresh) and shared by every
 * caller; errcodes turned into `WechatApiError`; transient failures retried with backoff.
 * Tokens and the secret never reach a message or a log line. A creating call whose answer is lost
 * comes back `ambiguous` (never retried here); consecutive failures open a breaker.
 */
import type { KeyValueStore } from '@gongkai/core'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { showValue } from '@gongkai/core/internal'
import type { Got } from 'got'
import type { ResolvedWechatOptions } from '../options.js'
import { TOKEN_ERRCODES, TRANSIENT_ERRCODES, WechatApiError, errorFromErrcode } from './errors.js'
import { RateLimiter } from './rate.js'

// got (an ES module) is imported on the first call: a build never talks to the platform.
let gotModule: Promise<Got> | undefined
const loadGot = (): Promise<Got> => (gotModule ??= import('got').then((m) => m.default))

/** What the client needs from its surroundings. */
export interface ClientContext {
  readonly kv: KeyValueStore
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
  /** Shared by every client of one process, so that two deliveries together keep to the per-minute limits. */
  readonly rate?: RateLimiter
}

/** One file for a multipart upload. */
export interface UploadFile {
  readonly name: string
  readonly data: Uint8Array
  readonly mediaType: string
}

/** How a call may be retried after an answer was lost. */
export type Idempotence = 'safe' | 'unsafe'

interface CachedToken {
  readonly token: string
  readonly expiresAt: number
}

/** The error every wait and call ends with once the signal has aborted. */
export function abortedError(): GongkaiError {
  return new GongkaiError(ERRORS.WechatAborted, '推送已取消，未完成的文章下次推送时继续')
}

/** True for the error of an aborted push. */
export function isAborted(error: unknown): boolean {
  return error instanceof GongkaiError && error.code === 'wechat/aborted'
}

/** Waits `ms`, or rejects with `wechat/aborted` as soon as the signal aborts (at once if it already has). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) return reject(abortedError())
    if (ms <= 0) return resolve()
    const onAbort = () => {
      clearTimeout(t)
      reject(abortedError())
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** The key of the cached token in the key-value store. */
export function tokenKey(appId: string): string {
  return `wechat:token:${appId}`
}

/** A WeChat API client bound to one account. */
export class WechatClient {
  readonly #options: ResolvedWechatOptions
  readonly #ctx: ClientContext
  readonly #appId: string
  #memo: CachedToken | undefined
  #inflight: Promise<string> | undefined
  readonly #breaker: Breaker
  readonly #rate: RateLimiter

  constructor(options: ResolvedWechatOptions, ctx: ClientContext) {
    if (options.appId === undefined) {
      throw new GongkaiError(ERRORS.WechatNoAppId, '没有配置公众号 AppID，无法推送', { hint: '在 gongkai.config.yaml 的 channels.wechat.appId 中填写开发者ID(AppID)' })
    }
    this.#options = options
    this.#ctx = ctx
    this.#appId = options.appId
    this.#breaker = new Breaker(options.breaker)
    this.#rate = ctx.rate ?? new RateLimiter()
  }

  /** True once the breaker has opened: the platform is down or answers garbage. */
  get down(): boolean {
    return this.#breaker.open
  }

  #secret(): string {
    const secret = this.#ctx.env[this.#options.secretEnv]
    if (secret === undefined || secret.trim() === '') {
      throw new WechatApiError('config', 'wechat/no-secret', `环境变量 ${this.#options.secretEnv} 中没有公众号 AppSecret，无法推送`, {
        api: 'stable_token',
        hint: `请在运行 gongkai 的环境中设置 ${this.#options.secretEnv}（AppSecret 不写进任何文件）`,
      })
    }
    return secret.trim()
  }

  /** A valid access token: from memory, then the store, then `stable_token`. Concurrent callers share one fetch. */
  async token(): Promise<string> {
    const now = this.#ctx.now().getTime()
    if (this.#memo !== undefined && this.#memo.expiresAt > now) return this.#memo.token
    if (this.#inflight !== undefined) return this.#inflight
    this.#inflight = (async () => {
      try {
        const stored = await this.#ctx.kv.get(tokenKey(this.#appId))
        if (stored !== undefined) {
          const parsed = JSON.parse(stored) as CachedToken
          if (parsed.expiresAt > this.#ctx.now().getTime()) {
            this.#memo = parsed
            return parsed.token
          }
        }
        return await this.#fetchToken(false)
      } finally {
        this.#inflight = undefined
      }
    })()
    return this.#inflight
  }

  /**
   * After 40001/42001 with `bad`: drop it, fetch normally; only when the platform hands the same
   * token back is a forced refresh spent (the platform allows few a day).
   */
  async refresh(bad: string): Promise<string> {
    if (this.#inflight !== undefined) await this.#inflight.catch(() => undefined)
    const current = this.#memo?.token
    if (current !== undefined && current !== bad) return current
    this.#memo = undefined
    await this.#ctx.kv.delete(tokenKey(this.#appId))
    const p = (async () => {
      try {
        const fresh = await this.#fetchToken(false)
        return fresh === bad ? await this.#fetchToken(true) : fresh
      } finally {
        this.#inflight = undefined
      }
    })()
    this.#inflight = p
    return p
  }

  async #fetchToken(force: boolean): Promise<string> {
    const secret = this.#secret()
    const body = await this.#send('stable_token', { json: { grant_type: 'client_credential', appid: this.#appId, secret, force_refresh: force } }, 'safe', undefined)
    const token = body['access_token']
    const expiresIn = Number(body['expires_in'] ?? 7200)
    if (typeof token !== 'string' || token === '') throw new WechatApiError('rejected', 'wechat/bad-token', '微信平台没有返回 access_token', { api: 'stable_token' })
    const expiresAt = this.#ctx.now().getTime() + Math.max(1, expiresIn - this.#options.tokenMarginSeconds) * 1000
    this.#memo = { token, expiresAt }
    await this.#ctx.kv.set(tokenKey(this.#appId), JSON.stringify(this.#memo), expiresAt)
    return token
  }

  /** Calls `cgi-bin/<api>` with the access token; refreshes it once on 40001/42001. Returns the JSON body. */
  async call(api: string, request: { json?: unknown; file?: UploadFile; query?: Record<string, string> }, idempotence: Idempotence): Promise<Record<string, unknown>> {
    let token = await this.token()
    let refreshed = false
    for (;;) {
      try {
        return await this.#send(api, request, idempotence, token)
      } catch (error) {
        if (!refreshed && error instanceof WechatApiError && error.errcode !== undefined && TOKEN_ERRCODES.has(error.errcode)) {
          refreshed = true
          token = await this.refresh(token)
          continue
        }
        throw error
      }
    }
  }

  /** One request with retries on transient failures. Token errors come back as `rejected` errors with their errcode. */
  async #send(api: string, request: { json?: unknown; file?: UploadFile; query?: Record<string, string> }, idempotence: Idempotence, token: string | undefined): Promise<Record<string, unknown>> {
    const { attempts, baseMs, maxMs } = this.#options.retry
    const url = `${this.#options.apiBase}/cgi-bin/${api}`
    let last: WechatApiError | undefined
    // A lost answer to a creating call is never simply sent again: the caller looks it up first.
    const lost = (error: WechatApiError): WechatApiError => {
      this.#breaker.failed(error)
      if (idempotence === 'safe') return error
      throw new WechatApiError('ambiguous', 'wechat/unknown-outcome', `${error.message}：平台可能已经处理了这次调用`, { api, cause: error })
    }
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.#breaker.check(api)
      if (attempt > 1) {
        const wait = Math.min(maxMs, baseMs * 2 ** (attempt - 2))
        // ±20 % so that several workers do not retry in step.
        await sleep(Math.round(wait * (0.8 + Math.random() * 0.4)))
        this.#breaker.check(api)
      }
      await this.#rate.take(api)
      const answer = await this.#exchange(url, request, token)
      if (answer.kind !== 'answer') {
        if (answer.kind === 'unsent') {
          // Refused before a byte went out: certainly not done, so even a creating call may go again.
          this.#breaker.failed()
          last = new WechatApiError('transient', 'wechat/network', `连接微信平台失败（${api}，${answer.reason}）`, { api, hint: '请检查网络；稍后再推送一次' })
        } else {
          last = lost(new WechatApiError('transient', 'wechat/network', `连接微信平台中断（${api}，${answer.reason}）`, { api, hint: '请检查网络；稍后再推送一次' }))
        }
        continue
      }
      const { status, text } = answer
      if (status >= 500) {
        last = lost(new WechatApiError('transient', 'wechat/http-error', `微信平台暂时不可用（${api}，HTTP ${status}）`, { api, hint: '稍后再推送一次' }))
        continue
      }
      const body = parseObject(text)
      const errcode = body === undefined ? NaN : body['errcode'] === undefined ? 0 : Number(body['errcode'])
      if (body === undefined || !Number.isFinite(errcode)) {
        last = lost(new WechatApiError('transient', 'wechat/bad-response', `微信平台返回了无法识别的内容（${api}，HTTP ${status}）`, { api }))
        continue
      }
      if (errcode === 0) {
        const missing = missingFields(api, body)
        if (missing !== undefined) {
          last = lost(new WechatApiError('transient', 'wechat/incomplete-answer', `微信平台的应答缺少 ${missing}（${api}），不能当作成功`, { api }))
          continue
        }
        this.#breaker.answered()
        return body
      }
      const errmsg = body['errmsg']
      const error = errorFromErrcode(api, errcode, typeof errmsg === 'string' ? errmsg : errmsg === undefined ? '' : showValue(errmsg))
      if (errcode === -1) this.#breaker.failed(error)
      else this.#breaker.answered()
      if (TRANSIENT_ERRCODES.has(errcode)) {
        last = error
        continue
      }
      throw error
    }
    throw last ?? new WechatApiError('transient', 'wechat/unavailable', `微信平台暂时不可用（${api}）`, { api })
  }

  /** One HTTP exchange; never aborted half way (an in-flight creating call is let finish). */
  async #exchange(url: string, request: { json?: unknown; file?: UploadFile; query?: Record<string, string> }, token: string | undefined): Promise<Exchange> {
    try {
      const searchParams: Record<string, string> = { ...(token === undefined ? {} : { access_token: token }), ...request.query }
      const common = { searchParams, timeout: { request: this.#options.timeoutMs }, retry: { limit: 0 }, throwHttpErrors: false }
      let response
      if (request.file !== undefined) {
        const form = new FormData()
        form.append('media', new Blob([request.file.data], { type: request.file.mediaType }), request.file.name)
        response = await (await loadGot()).post(url, { ...common, body: form })
      } else {
        response = await (await loadGot()).post(url, { ...common, json: request.json ?? {} })
      }
      return { kind: 'answer', status: response.statusCode, text: response.body }
    } catch (cause) {
      const reason = cause instanceof Error && 'code' in cause ? String((cause as { code: unknown }).code) : 'ERROR'
      return { kind: UNSENT.has(reason) ? 'unsent' : 'lost', reason }
    }
  }
}

type Exchange = { readonly kind: 'answer'; readonly status: number; readonly text: string } | { readonly kind: 'unsent' | 'lost'; readonly reason: string }

/** Network errors raised before the request left this machine. */
const UNSENT: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/** What a success of each API carries; an answer without them is no success (`{"ok":true}`). */
export const SUCCESS_FIELDS: Readonly<Record<string, readonly string[]>> = {
  stable_token: ['access_token'],
  'media/uploadimg': ['url'],
  'material/add_material': ['media_id'],
  'material/batchget_material': ['total_count'],
  'draft/add': ['media_id'],
  'draft/batchget': ['total_count'],
  'draft/delete': ['errcode'],
  'freepublish/submit': ['publish_id'],
  'freepublish/get': ['publish_status'],
  'freepublish/batchget': ['total_count'],
  'freepublish/delete': ['errcode'],
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The first field a success of `api` must carry that `body` lacks (or holds as neither text nor a number). */
function missingFields(api: string, body: Record<string, unknown>): string | undefined {
  for (const f of SUCCESS_FIELDS[api] ?? []) {
    const v = body[f]
    if (!((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)))) return f
  }
  return undefined
}

/** Consecutive failed exchanges (no answer, 5xx, garbage, -1) across one client; at `threshold` every call stops at once. */
class Breaker {
  readonly #threshold: number
  #failures = 0
  #last: WechatApiError | undefined

  constructor(threshold: number) {
    this.#threshold = threshold
  }

  failed(error?: WechatApiError): void {
    this.#failures += 1
    if (error !== undefined) this.#last = error
  }

  answered(): void {
    if (this.#failures < this.#threshold) this.#failures = 0
  }

  get open(): boolean {
    return this.#failures >= this.#threshold
  }

  check(api: string): void {
    if (!this.open) return
    const last = this.#last === undefined ? '' : `，最近一次：${this.#last.message}`
    throw new WechatApiError('down', 'wechat/platform-down', `微信平台连续 ${this.#failures} 次没有正常应答${last}，已停止本次推送`, {
      api,
      hint: '其余文章留待下次推送；请稍后再试，持续出现时检查本机网络和微信公众平台的状态',
    })
  }
}
