/**
 * The platform API client: one access token from `stable_token`, cached in the store's key-value
 * table until shortly before expiry (so a restart spends no forced refresh) and shared by every
 * caller; errcodes turned into `WechatApiError`; transient failures retried with backoff.
 * Tokens and the secret never reach a message or a log line.
 */
import type { KeyValueStore } from '@gongkai/core'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { showValue } from '@gongkai/core/internal'
import got from 'got'
import type { ResolvedWechatOptions } from '../options.js'
import { TOKEN_ERRCODES, TRANSIENT_ERRCODES, WechatApiError, errorFromErrcode } from './errors.js'

/** What the client needs from its surroundings. */
export interface ClientContext {
  readonly kv: KeyValueStore
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
  readonly signal?: AbortSignal
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

  constructor(options: ResolvedWechatOptions, ctx: ClientContext) {
    if (options.appId === undefined) {
      throw new GongkaiError(ERRORS.WechatNoAppId, '没有配置公众号 AppID，无法推送', { hint: '在 gongkai.config.yaml 的 channels.wechat.appId 中填写开发者ID(AppID)' })
    }
    this.#options = options
    this.#ctx = ctx
    this.#appId = options.appId
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
  #aborted(): boolean {
    return this.#ctx.signal?.aborted === true
  }

  async #send(api: string, request: { json?: unknown; file?: UploadFile; query?: Record<string, string> }, idempotence: Idempotence, token: string | undefined): Promise<Record<string, unknown>> {
    const { attempts, baseMs, maxMs } = this.#options.retry
    const url = `${this.#options.apiBase}/cgi-bin/${api}`
    let last: WechatApiError | undefined
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.#aborted()) throw abortedError()
      if (attempt > 1) {
        const wait = Math.min(maxMs, baseMs * 2 ** (attempt - 2))
        // ±20 % so that several workers do not retry in step.
        await sleep(Math.round(wait * (0.8 + Math.random() * 0.4)), this.#ctx.signal)
      }
      let status: number
      let text: string
      try {
        const searchParams: Record<string, string> = { ...(token === undefined ? {} : { access_token: token }), ...request.query }
        const common = {
          searchParams,
          timeout: { request: this.#options.timeoutMs },
          retry: { limit: 0 },
          throwHttpErrors: false,
          ...(this.#ctx.signal === undefined ? {} : { signal: this.#ctx.signal }),
        }
        let response
        if (request.file !== undefined) {
          const form = new FormData()
          form.append('media', new Blob([request.file.data], { type: request.file.mediaType }), request.file.name)
          response = await got.post(url, { ...common, body: form })
        } else {
          response = await got.post(url, { ...common, json: request.json ?? {} })
        }
        status = response.statusCode
        text = response.body
      } catch (cause) {
        // Cut short by the signal: not a network failure, and nothing to retry.
        if (this.#aborted()) throw abortedError()
        // The request may have reached the platform: only a safe call is simply sent again.
        const reason = cause instanceof Error && 'code' in cause ? String((cause as { code: unknown }).code) : 'ERROR'
        last = new WechatApiError(idempotence === 'safe' ? 'transient' : 'ambiguous', 'wechat/network', `连接微信平台失败（${api}，${reason}）`, { api, hint: '请检查网络；稍后再推送一次' })
        if (idempotence === 'unsafe') throw last
        continue
      }
      if (status >= 500) {
        last = new WechatApiError('transient', 'wechat/http-error', `微信平台暂时不可用（${api}，HTTP ${status}）`, { api, hint: '稍后再推送一次' })
        // A gateway timeout may come after the platform did the work.
        if (status === 504 && idempotence === 'unsafe') throw new WechatApiError('ambiguous', last.code, last.message, { api })
        continue
      }
      let body: Record<string, unknown>
      try {
        body = JSON.parse(text) as Record<string, unknown>
      } catch {
        last = new WechatApiError('transient', 'wechat/bad-response', `微信平台返回了无法识别的内容（${api}，HTTP ${status}）`, { api })
        continue
      }
      const errcode = Number(body['errcode'] ?? 0)
      if (errcode === 0) return body
      const errmsg = body['errmsg']
      const error = errorFromErrcode(api, errcode, typeof errmsg === 'string' ? errmsg : errmsg === undefined ? '' : showValue(errmsg))
      if (TRANSIENT_ERRCODES.has(errcode)) {
        last = error
        continue
      }
      throw error
    }
    throw last ?? new WechatApiError('transient', 'wechat/unavailable', `微信平台暂时不可用（${api}）`, { api })
  }
}
