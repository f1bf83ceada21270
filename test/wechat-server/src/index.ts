/**
 * A local stand-in for the WeChat official-account platform, following the documented API:
 * stable_token (appid/secret check, expiry, force_refresh), media/uploadimg, material/add_material,
 * draft/add, draft/batchget, freepublish/submit, freepublish/get (publishing for a few polls),
 * freepublish/batchget, with the documented errcodes. Listens on 127.0.0.1 only. Knobs let tests
 * expire tokens, inject failures, set quotas, and hold a response to simulate a lost answer.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { parseMultipart } from './multipart.js'

/** The API paths served, without `/cgi-bin/`. */
export type ApiPath =
  | 'stable_token'
  | 'media/uploadimg'
  | 'material/add_material'
  | 'material/batchget_material'
  | 'draft/add'
  | 'draft/batchget'
  | 'draft/delete'
  | 'freepublish/submit'
  | 'freepublish/get'
  | 'freepublish/batchget'
  | 'freepublish/delete'

/**
 * How an answer goes missing after the platform did the work: a gateway's 5xx page, an HTML page
 * with status 200 (a captive portal or proxy), no answer until the client times out, a reset
 * connection, or JSON without the fields of a success.
 */
export type LostAnswer = 'http-500' | 'http-502' | 'http-504' | 'html-200' | 'timeout' | 'reset' | 'json-ok'

/** Every kind of lost answer. */
export const LOST_ANSWERS: readonly LostAnswer[] = ['http-500', 'http-502', 'http-504', 'html-200', 'timeout', 'reset', 'json-ok']

/** The next `times` successful calls of `path` are carried out, and their answer lost as `as`. */
export interface LostAnswerFault {
  readonly path: ApiPath
  readonly as: LostAnswer
  /** Default 1. */
  readonly times?: number
}

/** A failure to inject: the next `times` calls of `path` (or of any path with `'*'`) fail so. */
export interface InjectedFailure {
  readonly path: ApiPath | '*'
  /** An errcode in a 200 answer (e.g. -1, 45011, 40001, 45009, 40164). */
  readonly errcode?: number
  /** An HTTP status with no JSON (e.g. 502, 503). */
  readonly status?: number
  /** Default 1. */
  readonly times?: number
}

/** Knobs a test can set at start or later with `setFaults`. */
export interface WechatServerFaults {
  /** Queue of failures, consumed in order per path. */
  readonly inject?: readonly InjectedFailure[]
  /** A share (0–1) of API calls (not stable_token) answered with HTTP 503, from a seeded sequence. */
  readonly storm?: { readonly rate: number; readonly seed: number }
  /** Successful calls allowed per path before 45009 (the daily quota). */
  readonly quota?: Partial<Record<ApiPath | 'stable_token', number>>
  /** Every call answers 40164 with this IP as not whitelisted. */
  readonly denyIp?: string
  /** `freepublish/get` answers `publishing` (1) this many times before the final status; default 2. */
  readonly publishingPolls?: number
  /** A publish is also final once this many ms passed since submit (as the real platform, by time); default 2000. */
  readonly publishingMs?: number
  /** Final publish_status by article title; default 0 (success). */
  readonly outcome?: (title: string) => number
  /** Process the next call of this path, then never answer it (the answer is lost). */
  readonly hold?: ApiPath
  /** Queue of lost answers, consumed in order per path: the work is done, the answer never arrives whole. */
  readonly lose?: readonly LostAnswerFault[]
  /** A seeded share (0–1) of successful calls of `paths` whose answer is lost, each as one of `kinds` (default every kind but `timeout`). */
  readonly lossStorm?: { readonly rate: number; readonly seed: number; readonly paths: readonly ApiPath[]; readonly kinds?: readonly LostAnswer[] }
  /** Milliseconds every call waits before it is handled (the platform's latency); default 0. */
  readonly latencyMs?: number
  /** The list endpoints (`draft/batchget`, `freepublish/batchget`, `material/batchget_material`) answer this errcode (e.g. 48001). */
  readonly listsErrcode?: number
  /** What `stable_token` answers to a wrong secret: 40125 (default) or 40001, as the platform does for some accounts. */
  readonly badSecretErrcode?: number
}

/** Options of `startWechatServer`. */
export interface WechatServerOptions extends WechatServerFaults {
  /** Port; 0 (default) picks a free one. */
  readonly port?: number
  /** Default `wx0123456789abcdef`. */
  readonly appId?: string
  /** Default `test-secret`. */
  readonly secret?: string
  /** Token lifetime in seconds; default 7200. */
  readonly tokenLifetime?: number
}

/** What tests read to assert exactly-once delivery. */
export interface WechatServerStats {
  readonly requests: Record<string, number>
  /** Tokens issued, and how many of them by force_refresh. */
  tokensIssued: number
  forcedRefreshes: number
  imagesUploaded: number
  materialsAdded: number
  drafts: number
  submits: number
  /** draft/add and freepublish/submit counted per article title and per content hash. */
  readonly draftsByTitle: Record<string, number>
  readonly draftsByContent: Record<string, number>
  readonly submitsByTitle: Record<string, number>
  /** Answers by errcode (non-zero) and HTTP status (≥ 500). */
  readonly errors: Record<string, number>
  /** Calls answered only after processing but never sent (held). */
  held: number
  /** Calls carried out whose answer was lost (`lose` and `lossStorm`), in all and by kind. */
  lost: number
  readonly lostByKind: Record<string, number>
  /** Permanent materials added, per file name. */
  readonly materialsByName: Record<string, number>
  draftDeletes: number
  articleDeletes: number
  /** The most calls handled at the same time. */
  maxInFlight: number
}

/** A draft as stored. */
export interface StoredDraft {
  readonly mediaId: string
  readonly article: Record<string, unknown>
  readonly createdAt: number
}

/** A running server. */
export interface WechatServer {
  /** Base URL, e.g. `http://127.0.0.1:34567`: the `apiBase` of the channel. */
  readonly url: string
  readonly appId: string
  readonly secret: string
  readonly stats: WechatServerStats
  /** Drafts in the draft box, newest first. */
  drafts(): StoredDraft[]
  /** Published articles (status 0, not deleted) as `{ title, url, thumbMediaId, articleId }`. */
  published(): { title: string; url: string; thumbMediaId: string; articleId: string }[]
  /** Changes knobs (merged). */
  setFaults(faults: WechatServerFaults): void
  /** Makes every issued token expired now (the next API call answers 42001). */
  expireTokens(): void
  /** The current valid token (for tests that check logs never contain it). */
  currentToken(): string | undefined
  close(): Promise<void>
}

interface Publish {
  readonly id: string
  readonly draft: StoredDraft
  readonly submittedAt: number
  polls: number
  status: number
  articleId?: string
  url?: string
  deleted?: boolean
}

const MB = 1024 * 1024

function json(res: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const rid = () => `rid: ${randomBytes(4).toString('hex')}`

/** Starts the server on 127.0.0.1. */
export async function startWechatServer(options: WechatServerOptions = {}): Promise<WechatServer> {
  const appId = options.appId ?? 'wx0123456789abcdef'
  const secret = options.secret ?? 'test-secret'
  const lifetime = options.tokenLifetime ?? 7200
  let faults: WechatServerFaults = { ...options }
  const injected: InjectedFailure[] = [...(options.inject ?? [])].map((f) => ({ ...f, times: f.times ?? 1 }))
  let stormState = options.storm?.seed ?? 1
  const stats: WechatServerStats = {
    requests: {},
    tokensIssued: 0,
    forcedRefreshes: 0,
    imagesUploaded: 0,
    materialsAdded: 0,
    drafts: 0,
    submits: 0,
    draftsByTitle: {},
    draftsByContent: {},
    submitsByTitle: {},
    errors: {},
    held: 0,
    lost: 0,
    lostByKind: {},
    materialsByName: {},
    draftDeletes: 0,
    articleDeletes: 0,
    maxInFlight: 0,
  }
  const lose: (LostAnswerFault & { times: number })[] = [...(options.lose ?? [])].map((f) => ({ ...f, times: f.times ?? 1 }))
  let lossState = options.lossStorm?.seed ?? 1
  let inFlight = 0
  const tokens = new Map<string, number>() // token → expiresAt (ms)
  let current: string | undefined
  const materials = new Map<string, { name: string; url: string; createdAt: number }>()
  const imageUrls = new Set<string>()
  const drafts = new Map<string, StoredDraft>()
  const publishes = new Map<string, Publish>()
  const successes: Record<string, number> = {}
  const sockets = new Set<Socket>()
  let seq = 1000
  let base = ''

  const nextLoss = () => {
    lossState = (lossState * 1103515245 + 12345) % 2147483648
    return lossState / 2147483648
  }

  /** The lost answer for a successful call of `path`, if one is due. */
  const lostAnswerFor = (path: string): LostAnswer | undefined => {
    const i = lose.findIndex((f) => f.path === path)
    if (i !== -1) {
      const f = lose[i] as LostAnswerFault & { times: number }
      if (f.times <= 1) lose.splice(i, 1)
      else lose[i] = { ...f, times: f.times - 1 }
      return f.as
    }
    const storm = faults.lossStorm
    if (storm === undefined || !storm.paths.includes(path as ApiPath)) return undefined
    if (nextLoss() >= storm.rate) return undefined
    const kinds = storm.kinds ?? LOST_ANSWERS.filter((k) => k !== 'timeout')
    return kinds[Math.floor(nextLoss() * kinds.length)] ?? 'http-502'
  }

  const nextStorm = () => {
    // A small linear congruential sequence: the same seed gives the same storm.
    stormState = (stormState * 1103515245 + 12345) % 2147483648
    return stormState / 2147483648
  }

  const fail = (res: ServerResponse, errcode: number, errmsg: string) => {
    stats.errors[String(errcode)] = (stats.errors[String(errcode)] ?? 0) + 1
    json(res, { errcode, errmsg: `${errmsg} ${rid()}` })
  }

  const takeInjected = (path: string): InjectedFailure | undefined => {
    const i = injected.findIndex((f) => f.path === path || f.path === '*')
    if (i === -1) return undefined
    const f = injected[i] as InjectedFailure & { times: number }
    if (f.times <= 1) injected.splice(i, 1)
    else injected[i] = { ...f, times: f.times - 1 }
    return f
  }

  const overQuota = (path: string) => {
    const limit = faults.quota?.[path as ApiPath]
    return limit !== undefined && (successes[path] ?? 0) >= limit
  }

  const publishState = (p: Publish): Publish => {
    if (p.status !== 1) return p
    const polls = faults.publishingPolls ?? 2
    const ms = faults.publishingMs ?? 2000
    if (p.polls > polls || Date.now() - p.submittedAt >= ms) {
      const title = String(p.draft.article['title'] ?? '')
      p.status = faults.outcome?.(title) ?? 0
      if (p.status === 0) {
        p.articleId = `art_${p.id}`
        p.url = `${base}/s/${createHash('sha1').update(p.id).digest('hex').slice(0, 22)}`
      }
    }
    return p
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    return Buffer.concat(chunks)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname.replace(/^\/cgi-bin\//, '')
    stats.requests[path] = (stats.requests[path] ?? 0) + 1
    const body = await readBody(req)
    if ((faults.latencyMs ?? 0) > 0) await new Promise((r) => setTimeout(r, faults.latencyMs))
    if (req.method !== 'POST') return json(res, { errcode: 43002, errmsg: 'require POST method' })

    if (faults.denyIp !== undefined) {
      return fail(res, 40164, `invalid ip ${faults.denyIp} ipv6 ::ffff:${faults.denyIp}, not in whitelist`)
    }
    const inj = takeInjected(path)
    if (inj?.status !== undefined) {
      stats.errors[String(inj.status)] = (stats.errors[String(inj.status)] ?? 0) + 1
      res.writeHead(inj.status, { 'content-type': 'text/html' })
      return res.end('<html><body>Bad Gateway</body></html>')
    }
    if (inj?.errcode !== undefined) return fail(res, inj.errcode, inj.errcode === 45009 ? 'reach max api daily quota limit' : inj.errcode === -1 ? 'system error' : 'injected')
    if (path !== 'stable_token' && faults.storm !== undefined && nextStorm() < faults.storm.rate) {
      stats.errors['503'] = (stats.errors['503'] ?? 0) + 1
      res.writeHead(503, { 'content-type': 'text/plain' })
      return res.end('Service Unavailable')
    }
    if (overQuota(path)) return fail(res, 45009, 'reach max api daily quota limit')

    const parsed = (): Record<string, unknown> => {
      try {
        return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>
      } catch {
        return {}
      }
    }
    const ok = (payload: Record<string, unknown>) => {
      successes[path] = (successes[path] ?? 0) + 1
      if (faults.hold === path) {
        // Processed, never answered: the client sees a lost answer.
        faults = { ...faults, hold: undefined as never }
        stats.held += 1
        return
      }
      const lost = lostAnswerFor(path)
      if (lost === undefined) return json(res, payload)
      stats.lost += 1
      stats.lostByKind[lost] = (stats.lostByKind[lost] ?? 0) + 1
      if (lost === 'timeout') return // never answered; the socket closes with the server
      if (lost === 'reset') return req.socket.destroy()
      if (lost === 'json-ok') return json(res, { ok: true })
      const status = lost === 'html-200' ? 200 : Number(lost.slice(5))
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!DOCTYPE html><html><head><title>${status === 200 ? '网络连接提示' : `${status} Bad Gateway`}</title></head><body><h1>${status}</h1></body></html>`)
    }
    const isList = path === 'draft/batchget' || path === 'freepublish/batchget' || path === 'material/batchget_material'
    if (isList && faults.listsErrcode !== undefined) return fail(res, faults.listsErrcode, faults.listsErrcode === 48001 ? 'api unauthorized' : 'list unavailable')

    if (path === 'stable_token') {
      const b = parsed()
      if (b['grant_type'] !== 'client_credential') return fail(res, 40002, 'invalid grant_type')
      if (b['appid'] !== appId) return fail(res, 40013, 'invalid appid')
      if (b['secret'] !== secret) {
        const code = faults.badSecretErrcode ?? 40125
        return fail(res, code, code === 40001 ? 'invalid credential, access_token is invalid or not latest' : 'invalid appsecret')
      }
      const now = Date.now()
      const valid = current !== undefined && (tokens.get(current) ?? 0) > now
      if (b['force_refresh'] === true || !valid) {
        if (b['force_refresh'] === true) {
          stats.forcedRefreshes += 1
          if (current !== undefined) tokens.delete(current)
        }
        current = `TOKEN_${randomBytes(12).toString('hex')}`
        tokens.set(current, now + lifetime * 1000)
        stats.tokensIssued += 1
      }
      const left = Math.max(1, Math.round(((tokens.get(current as string) ?? now) - now) / 1000))
      return ok({ access_token: current, expires_in: left })
    }

    const token = url.searchParams.get('access_token')
    if (token === null || token === '') return fail(res, 41001, 'access_token missing')
    const exp = tokens.get(token)
    if (exp === undefined) return fail(res, 40001, 'invalid credential, access_token is invalid or not latest')
    if (exp <= Date.now()) return fail(res, 42001, 'access_token expired')

    switch (path) {
      case 'media/uploadimg':
      case 'material/add_material': {
        const parts = parseMultipart(body, req.headers['content-type'])
        const media = parts?.find((p) => p.name === 'media')
        if (media === undefined || media.filename === undefined) return fail(res, 41005, 'media data missing')
        const isJpeg = media.data[0] === 0xff && media.data[1] === 0xd8
        const isPng = media.data.subarray(1, 4).toString('latin1') === 'PNG'
        if (path === 'media/uploadimg') {
          if (!isJpeg && !isPng) return fail(res, 40005, 'invalid file type')
          if (media.data.byteLength >= MB) return fail(res, 40009, 'invalid image size')
          stats.imagesUploaded += 1
          const u = `${base}/mmbiz_${isPng ? 'png' : 'jpg'}/${createHash('sha1').update(media.data).digest('hex')}/0?wx_fmt=${isPng ? 'png' : 'jpeg'}`
          imageUrls.add(u)
          return ok({ url: u })
        }
        if (url.searchParams.get('type') !== 'image') return fail(res, 40004, 'invalid media type')
        if (!isJpeg && !isPng) return fail(res, 40005, 'invalid file type')
        if (media.data.byteLength > 10 * MB) return fail(res, 40009, 'invalid image size')
        stats.materialsAdded += 1
        stats.materialsByName[media.filename] = (stats.materialsByName[media.filename] ?? 0) + 1
        const mediaId = `MAT_${seq++}_${randomBytes(6).toString('hex')}`
        const materialUrl = `${base}/mmbiz_jpg/${mediaId}/0?wx_fmt=jpeg`
        materials.set(mediaId, { name: media.filename, url: materialUrl, createdAt: Date.now() })
        return ok({ media_id: mediaId, url: materialUrl })
      }
      case 'material/batchget_material': {
        const b = parsed()
        if (b['type'] !== 'image') return fail(res, 40004, 'invalid media type')
        const offset = Number(b['offset'] ?? 0)
        const count = Number(b['count'] ?? 0)
        if (!(count >= 1 && count <= 20)) return fail(res, 40097, 'invalid args: count')
        const all = [...materials].reverse()
        const page = all.slice(offset, offset + count)
        return ok({
          total_count: all.length,
          item_count: page.length,
          item: page.map(([mediaId, m]) => ({ media_id: mediaId, name: m.name, update_time: Math.floor(m.createdAt / 1000), url: m.url })),
        })
      }
      case 'draft/delete': {
        const mediaId = String(parsed()['media_id'] ?? '')
        if (!drafts.has(mediaId)) return fail(res, 40007, 'invalid media_id')
        drafts.delete(mediaId)
        stats.draftDeletes += 1
        return ok({ errcode: 0, errmsg: 'ok' })
      }
      case 'freepublish/delete': {
        const b = parsed()
        const articleId = String(b['article_id'] ?? '')
        const p = [...publishes.values()].map(publishState).find((x) => x.articleId === articleId && x.status === 0 && x.deleted !== true)
        if (p === undefined) return fail(res, 40007, 'invalid article_id')
        p.deleted = true
        stats.articleDeletes += 1
        return ok({ errcode: 0, errmsg: 'ok' })
      }
      case 'draft/add': {
        const articles = parsed()['articles']
        const a = Array.isArray(articles) ? (articles[0] as Record<string, unknown> | undefined) : undefined
        if (a === undefined) return fail(res, 44003, 'empty news data')
        const title = String(a['title'] ?? '')
        const content = String(a['content'] ?? '')
        if ([...title].length > 32 || title === '') return fail(res, 45003, 'title size out of limit')
        if ([...String(a['digest'] ?? '')].length > 128) return fail(res, 45004, 'description size out of limit')
        if ([...content].length >= 20_000 || Buffer.byteLength(content) >= MB) return fail(res, 45002, 'content size out of limit')
        if (!materials.has(String(a['thumb_media_id'] ?? ''))) return fail(res, 40007, 'invalid media_id')
        for (const m of content.matchAll(/<img[^>]* src="([^"]*)"/g)) {
          const src = (m[1] ?? '').replace(/&amp;/g, '&')
          if (!imageUrls.has(src)) return fail(res, 45166, `invalid content: image not from uploadimg (${src.slice(0, 40)})`)
        }
        stats.drafts += 1
        stats.draftsByTitle[title] = (stats.draftsByTitle[title] ?? 0) + 1
        const hash = createHash('sha256').update(content).digest('hex').slice(0, 16)
        stats.draftsByContent[hash] = (stats.draftsByContent[hash] ?? 0) + 1
        const mediaId = `DRAFT_${seq++}_${randomBytes(6).toString('hex')}`
        drafts.set(mediaId, { mediaId, article: a, createdAt: Date.now() })
        return ok({ media_id: mediaId })
      }
      case 'draft/batchget': {
        const b = parsed()
        const offset = Number(b['offset'] ?? 0)
        const count = Number(b['count'] ?? 0)
        if (!(count >= 1 && count <= 20)) return fail(res, 40097, 'invalid args: count')
        const all = [...drafts.values()].reverse()
        const page = all.slice(offset, offset + count)
        const noContent = Number(b['no_content'] ?? 0) === 1
        return ok({
          total_count: all.length,
          item_count: page.length,
          item: page.map((d) => {
            const { content, ...rest } = d.article
            return { media_id: d.mediaId, content: { news_item: [noContent ? rest : { ...rest, content }] }, update_time: Math.floor(d.createdAt / 1000) }
          }),
        })
      }
      case 'freepublish/submit': {
        const mediaId = String(parsed()['media_id'] ?? '')
        const draft = drafts.get(mediaId)
        if (draft === undefined) return fail(res, 40007, 'invalid media_id')
        stats.submits += 1
        const title = String(draft.article['title'] ?? '')
        stats.submitsByTitle[title] = (stats.submitsByTitle[title] ?? 0) + 1
        const id = String(2247483000 + seq++)
        publishes.set(id, { id, draft, submittedAt: Date.now(), polls: 0, status: 1 })
        return ok({ errcode: 0, errmsg: 'ok', publish_id: id, msg_data_id: Number(id) + 1 })
      }
      case 'freepublish/get': {
        const id = String(parsed()['publish_id'] ?? '')
        const p = publishes.get(id)
        if (p === undefined) return fail(res, 53600, 'invalid publish_id')
        p.polls += 1
        publishState(p)
        if (p.deleted === true) return ok({ publish_id: id, publish_status: 5 })
        if (p.status === 0) return ok({ publish_id: id, publish_status: 0, article_id: p.articleId, article_detail: { count: 1, item: [{ idx: 1, article_url: p.url }] }, fail_idx: [] })
        return ok({ publish_id: id, publish_status: p.status, ...(p.status >= 2 && p.status <= 4 ? { fail_idx: [1] } : {}) })
      }
      case 'freepublish/batchget': {
        const b = parsed()
        const offset = Number(b['offset'] ?? 0)
        const count = Number(b['count'] ?? 0)
        if (!(count >= 1 && count <= 20)) return fail(res, 40097, 'invalid args: count')
        const done = [...publishes.values()]
          .map(publishState)
          .filter((p) => p.status === 0 && p.deleted !== true)
          .reverse()
        const page = done.slice(offset, offset + count)
        return ok({
          total_count: done.length,
          item_count: page.length,
          item: page.map((p) => {
            const { content: _c, ...rest } = p.draft.article
            return { article_id: p.articleId, content: { news_item: [{ ...rest, url: p.url, is_deleted: false }] }, update_time: Math.floor(p.submittedAt / 1000) }
          }),
        })
      }
      default:
        return json(res, { errcode: 48001, errmsg: `api unauthorized ${rid()}` })
    }
  }

  const server = createServer((req, res) => {
    inFlight += 1
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight)
    handle(req, res)
      .catch((error: unknown) => {
        res.writeHead(500)
        res.end(String(error))
      })
      .finally(() => {
        inFlight -= 1
      })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`

  return {
    url: base,
    appId,
    secret,
    stats,
    drafts: () => [...drafts.values()].reverse(),
    published: () =>
      [...publishes.values()]
        .map(publishState)
        .filter((p) => p.status === 0 && p.deleted !== true)
        .map((p) => ({ title: String(p.draft.article['title']), url: p.url ?? '', thumbMediaId: String(p.draft.article['thumb_media_id']), articleId: p.articleId ?? '' })),
    setFaults(next) {
      faults = { ...faults, ...next }
      if (next.inject !== undefined) injected.push(...next.inject.map((f) => ({ ...f, times: f.times ?? 1 })))
      if (next.storm !== undefined) stormState = next.storm.seed
      if (next.lose !== undefined) lose.push(...next.lose.map((f) => ({ ...f, times: f.times ?? 1 })))
      if (next.lossStorm !== undefined) lossState = next.lossStorm.seed
    },
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, 0)
    },
    currentToken: () => current,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

export { publicationIds, seededRandom, titleOf, writeSchedulerProject } from './project.js'
export type { SchedulerProjectOptions } from './project.js'
