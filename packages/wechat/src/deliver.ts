/**
 * Delivery as a recorded state machine, per publication revision, several at once:
 *
 *   img:<sha> (each inline image) → thumb_intent → thumb_media_id → draft_intent → draft_media_id
 *   → submit_intent → publish_id → final_status (+ URL)
 *
 * Each step is written to the ledger before the next begins, so a process killed anywhere resumes
 * from the last recorded step. The three creating calls (material/add_material, draft/add,
 * freepublish/submit) are preceded by an intent step. An intent without its result (the process
 * died, or the answer was lost: 5xx, an HTML page, a timeout, a reset, JSON without a success's
 * fields) has an unknown outcome and is reconciled with the platform's lists before any resend:
 * - cover: `material/batchget_material` is searched for the file name, which carries a marker of
 *   this publication and revision; found → adopted, certainly absent → uploaded again.
 * - draft: `draft/batchget` is searched for a draft with this delivery's cover media id (uploaded
 *   for this revision only) and title; found → adopted, certainly absent → created.
 * - submit: `freepublish/batchget` is searched, for as long as a publish may take, for an article
 *   with that cover; found → delivered. Absence proves nothing (publishing, or failed), so it is
 *   never submitted again: the record becomes `unknown` (需核实).
 * When a list cannot be read for good (48001 …) the record becomes `unknown` as well. A later push
 * looks an `unknown` record up again first; the operator checks 公众号后台 → 草稿箱/发表记录, and a
 * draft published there by hand is found and recorded by the next push.
 */
import { createHash } from 'node:crypto'
import type { Artifact, DeliverContext, DeliveryKey, DeliveryRecord, DeliveryResult, DeliveryUnit, Receipt } from '@gongkai/core'
import { GongkaiError } from '@gongkai/core'
import { mapLimit } from '@gongkai/core/internal'
import type { UploadFile } from './api/client.js'
import { WechatClient, abortedError, isAborted, sleep } from './api/client.js'
import { WechatApiError } from './api/errors.js'
import { RateLimiter } from './api/rate.js'
import { Heartbeat, isDeadHolder, newHolder } from './claim.js'
import { PlatformLists } from './lists.js'
import type { ResolvedWechatOptions } from './options.js'
import type { DraftPayload } from './render/draft.js'
import { bindDraft } from './render/draft.js'
import { FILES, titleOf } from './render/render.js'
import { bindOriginal, correctionFile, correctionRevision, isCorrectionRevision } from './render/correction.js'

/** The channel id, in ledger keys. */
export const CHANNEL = 'wechat'

/** Ledger step names. */
export const STEPS = {
  image: (sha: string) => `img:${sha}`,
  thumbIntent: 'thumb_intent',
  thumb: 'thumb_media_id',
  thumbUrl: 'thumb_url',
  draftIntent: 'draft_intent',
  draft: 'draft_media_id',
  submitIntent: 'submit_intent',
  publish: 'publish_id',
  articleId: 'article_id',
  final: 'final_status',
} as const

/** What publish_status 2–6 mean, in Chinese. */
export const PUBLISH_STATUS: Readonly<Record<number, string>> = {
  2: '原创声明校验失败',
  3: '常规失败',
  4: '平台审核不通过',
  5: '发表成功后已被用户删除',
  6: '发表成功后已被系统封禁',
}

/**
 * Intent steps are numbered per attempt (`draft_intent`, `draft_intent#2`, …). An attempt the
 * platform definitely refused (an errcode, HTTP 500–503, quota) gets `<intent>_refused[#n]`, so
 * the next run may try again; an attempt without either result is unresolved and reconciled.
 */
export function intentStep(name: string, attempt: number, refused = false): string {
  return `${name}${refused ? '_refused' : ''}${attempt === 1 ? '' : `#${attempt}`}`
}

/** The latest attempt of an intent (0 when none) and whether its outcome is unknown. */
export function intentState(steps: Readonly<Record<string, string>>, name: string): { attempt: number; unresolved: boolean } {
  let attempt = 0
  while (steps[intentStep(name, attempt + 1)] !== undefined) attempt++
  return { attempt, unresolved: attempt > 0 && steps[intentStep(name, attempt, true)] === undefined }
}

/** True when an error proves the platform did not carry the call out. */
function definitelyRefused(error: unknown): boolean {
  return error instanceof WechatApiError && error.kind !== 'ambiguous' && error.kind !== 'down'
}

/** True for a lost answer to a creating call. */
function isAmbiguous(error: unknown): boolean {
  return error instanceof WechatApiError && error.kind === 'ambiguous'
}

class StopBatch extends GongkaiError {
  constructor(
    readonly error: WechatApiError,
    /** True for the one publication that met the error first and failed with it; the rest stay pending. */
    readonly failed = false,
  ) {
    super(error.code, error.message)
  }
}

/** Reconciliation could not tell whether a creating call was carried out. */
class CannotTell extends GongkaiError {
  constructor(
    readonly what: 'cover' | 'draft' | 'submit',
    readonly why: string,
  ) {
    super('wechat/needs-check', why)
  }
}

/** The name the cover is uploaded under: a marker of this publication and revision, which the material library keeps. */
export function coverName(key: DeliveryKey): string {
  return `gk-${createHash('sha256').update(`${key.publication}\u0000${key.revision}`).digest('hex').slice(0, 20)}.jpg`
}

/** One rate limiter per process: every delivery call together keeps to the per-minute limits. */
const RATE = new RateLimiter()

function text(a: Artifact): string {
  return typeof a.data === 'string' ? a.data : Buffer.from(a.data).toString('utf8')
}

function bytes(a: Artifact): Uint8Array {
  return typeof a.data === 'string' ? new Uint8Array(Buffer.from(a.data, 'utf8')) : a.data
}

/** Whether another revision of the publication already went out (or may have): then this one is only reported. */
export function blockingRevision(records: readonly DeliveryRecord[], revision: string): DeliveryRecord | undefined {
  // A 更正说明 is an article of its own: it neither blocks nor is blocked by the publication's revisions.
  if (isCorrectionRevision(revision)) return undefined
  return records.find((r) => {
    if (r.revision === revision || isCorrectionRevision(r.revision)) return false
    if (r.state === 'delivered' || r.state === 'withdrawn') return true
    const final = r.steps[STEPS.final]
    const failedForGood = final !== undefined && ['2', '3', '4'].includes(final)
    return !failedForGood && (r.steps[STEPS.publish] !== undefined || intentState(r.steps, STEPS.submitIntent).unresolved)
  })
}

/** Delivers units to the official account, `concurrency` at a time; on the signal no new publication starts and the ones in flight finish their creating calls. */
export async function deliverWechat(units: readonly DeliveryUnit[], ctx: DeliverContext, options: ResolvedWechatOptions): Promise<Receipt> {
  const client = new WechatClient(options, { kv: ctx.kv, env: ctx.env, now: ctx.now, rate: RATE })
  const holder = newHolder()
  const lists = new PlatformLists(client)
  const heartbeat = new Heartbeat(ctx.ledger, holder, options.claimTtlMs)
  let stopped: WechatApiError | undefined
  const run: Run = { client, holder, lists, heartbeat, ctx, options }
  let results: DeliveryResult[]
  try {
    const perUnit = await mapLimit(units, options.concurrency, async (unit): Promise<DeliveryResult | DeliveryResult[]> => {
      const p = unit.disclosure.publication
      const base = { publication: p.id, revision: unit.disclosure.revision, channel: CHANNEL } as const
      if (run.stop !== undefined) stopped ??= run.stop
      if (stopped !== undefined)
        return { ...base, state: 'pending', error: { code: stopped.code, message: stopped.kind === 'quota' ? '今日微信接口调用次数已用完，留待明天推送' : '本次推送已停止，留待下次' } }
      if (ctx.signal?.aborted === true) return { ...base, state: 'pending', error: { code: 'wechat/aborted', message: abortedError().message } }
      try {
        return await deliverUnit(unit, run)
      } catch (error) {
        if (!(error instanceof StopBatch)) throw error
        stopped ??= error.error
        const e = error.error
        // The first publication that met a wrong secret or whitelist failed; a quota or a breaker leaves it for next time.
        const failed = error.failed
        return { ...base, state: failed ? 'failed' : 'pending', error: { code: e.code, message: failed && e.hint !== undefined ? `${e.message}。${e.hint}` : e.message } }
      }
    })
    results = perUnit.flat()
  } finally {
    heartbeat.stop()
  }
  if (stopped === undefined) return { channel: CHANNEL, results }
  return { channel: CHANNEL, results, stopped: { code: stopped.code, message: stopMessage(stopped, units, results) } }
}

/** One sentence on why the push stopped, and for the quota which publications wait until tomorrow. */
function stopMessage(e: WechatApiError, units: readonly DeliveryUnit[], results: readonly DeliveryResult[]): string {
  if (e.kind !== 'quota') return e.hint === undefined ? e.message : `${e.message}。${e.hint}`
  const titles = results.flatMap((r, i) => (r.state === 'pending' ? [`《${units[i]?.disclosure.publication.title ?? r.publication}》`] : []))
  return `今日微信接口调用次数已用完（错误码 45009），其余 ${titles.length} 篇留待明天（次数零点重置后）再推送：${titles.join('、')}`
}

interface Run {
  /** Set by the first error that stops the whole delivery call. */
  stop?: WechatApiError
  readonly client: WechatClient
  readonly holder: string
  readonly lists: PlatformLists
  readonly heartbeat: Heartbeat
  readonly ctx: DeliverContext
  readonly options: ResolvedWechatOptions
}

/**
 * The 更正说明 articles of a corrected publication whose original went out at `original`: each
 * correction is delivered as an article of its own, keyed in the ledger by its own revision
 * (`correction-…`), through the same recorded steps as any article, so it goes out once.
 */
async function deliverCorrections(unit: DeliveryUnit, original: string, run: Run): Promise<DeliveryResult[]> {
  const p = unit.disclosure.publication
  const dir = `${p.id}/`
  const cover = unit.artifacts.find((a) => a.path === dir + FILES.cover)
  const results: DeliveryResult[] = []
  for (const c of p.corrections ?? []) {
    const revision = correctionRevision(c)
    const payload = unit.artifacts.find((a) => a.path === dir + correctionFile(c))
    const base = { publication: p.id, revision, channel: CHANNEL } as const
    if (payload === undefined || cover === undefined) {
      results.push({ ...base, state: 'failed', error: { code: 'wechat/missing-artifact', message: `缺少更正说明（${c.on}）的成品，请先重新生成（gongkai build）` } })
      continue
    }
    const bound = bindOriginal(JSON.parse(text(payload)) as DraftPayload, original)
    const draft: Artifact = { channel: CHANNEL, publication: p.id, path: dir + FILES.draft, data: JSON.stringify(bound), mediaType: 'application/json' }
    results.push(await deliverOne({ disclosure: { ...unit.disclosure, revision }, artifacts: [draft, cover] }, run))
  }
  return results
}

/** One unit: its article, or (corrected after it went out, with `corrections: notice`) its 更正说明 articles. */
async function deliverUnit(unit: DeliveryUnit, run: Run): Promise<DeliveryResult | DeliveryResult[]> {
  const p = unit.disclosure.publication
  if (run.options.corrections === 'notice' && (p.corrections?.length ?? 0) > 0) {
    const others = await run.ctx.ledger.list({ channel: CHANNEL, publication: p.id })
    const blocking = blockingRevision(others, unit.disclosure.revision)
    if (blocking?.state === 'delivered' && blocking.url !== undefined) return await deliverCorrections(unit, blocking.url, run)
  }
  return await deliverOne(unit, run)
}

async function deliverOne(unit: DeliveryUnit, run: Run): Promise<DeliveryResult> {
  const { client, holder, lists, ctx, options } = run
  const { ledger } = ctx
  const p = unit.disclosure.publication
  const key: DeliveryKey = { publication: p.id, revision: unit.disclosure.revision, channel: CHANNEL }
  const base = { publication: key.publication, revision: key.revision, channel: CHANNEL } as const
  const log = (level: 'info' | 'warn' | 'error', message: string, code?: string) => ctx.log({ level, message, publication: p.id, ...(code === undefined ? {} : { code }) })

  const others = await ledger.list({ channel: CHANNEL, publication: p.id })
  const blocking = blockingRevision(others, key.revision)
  if (blocking !== undefined) {
    const message = `《${p.title}》已在微信发表过另一版本（${blocking.revision}），内容变化后不会自动重发`
    log('warn', message, 'wechat/revision-changed')
    return {
      ...base,
      state: 'skipped',
      ...(blocking.url === undefined ? {} : { url: blocking.url }),
      error: { code: 'wechat/revision-changed', message: `${message}：微信已发表的文章不能修改，如需更正请在公众号后台处理或另发更正说明` },
    }
  }

  let record = await ledger.open(key)
  if (record.state === 'delivered' || record.state === 'withdrawn') return { ...base, state: 'skipped', ...(record.url === undefined ? {} : { url: record.url }) }
  const final = record.steps[STEPS.final]
  if (final !== undefined && ['2', '3', '4'].includes(final)) {
    return { ...base, state: 'failed', error: record.error ?? { code: `wechat/publish-${final}`, message: PUBLISH_STATUS[Number(final)] ?? '发表失败' } }
  }
  const wasRunning = record.state === 'running'
  const wasUnknown = record.state === 'unknown'
  if (!(await ledger.claim(key, holder, options.claimTtlMs, { takeOver: isDeadHolder }))) {
    return { ...base, state: 'pending', error: { code: 'wechat/busy', message: '另一个进程正在推送这篇文章（它停止后租约在几十秒内失效，之后可再推送）' } }
  }
  run.heartbeat.add(key)
  if (wasRunning) log('warn', '上次推送中断：从台账记录的步骤接着推送，已发出的调用先在平台上核对', 'wechat/resumed')

  const fail = async (error: { code: string; message: string }): Promise<DeliveryResult> => {
    await ledger.setState(key, 'failed', { error })
    log('error', error.message, error.code)
    return { ...base, state: 'failed', error }
  }
  try {
    record = (await ledger.get(key)) ?? record
    const steps = { ...record.steps }
    const step = async (name: string, value: string) => {
      steps[name] = await ledger.recordStep(key, name, value)
      return steps[name]
    }
    const dir = `${p.id}/`
    const draftArtifact = unit.artifacts.find((a) => a.path === dir + FILES.draft)
    const coverArtifact = unit.artifacts.find((a) => a.path === dir + FILES.cover)
    if (draftArtifact === undefined || coverArtifact === undefined) {
      return await fail({ code: 'wechat/missing-artifact', message: '缺少 draft.json 或 cover.jpg，请先重新生成' })
    }
    const payload = JSON.parse(text(draftArtifact)) as DraftPayload
    const title = payload.articles[0].title

    // 1. Inline images, each once (its sha names the step). uploadimg makes nothing a reader sees: sent again when in doubt.
    const urls = new Map<string, string>()
    for (const a of unit.artifacts) {
      const m = /\/(img-([0-9a-f]+)\.(?:jpg|png))$/.exec(a.path)
      if (m === null) continue
      const [, file = '', sha = ''] = m
      let url = steps[STEPS.image(sha)]
      if (url === undefined) {
        const body = await client.call('media/uploadimg', { file: { name: file, data: bytes(a), mediaType: a.mediaType } satisfies UploadFile }, 'safe')
        url = await step(STEPS.image(sha), String(body['url']))
      }
      urls.set(file, url)
    }

    // 2. Cover as permanent material, under a name that marks this delivery: its media id then marks the draft and the article.
    const name = coverName(key)
    let thumb = steps[STEPS.thumb]
    if (thumb === undefined) {
      const intent = intentState(steps, STEPS.thumbIntent)
      let since = 0
      if (intent.unresolved) thumb = await lookUp('cover', () => lists.material(name, since).then((m) => m?.mediaId))
      if (thumb === undefined) {
        const attempt = intent.attempt + 1
        await step(intentStep(STEPS.thumbIntent, attempt), ctx.now().toISOString())
        for (let tries = 0; thumb === undefined; tries++) {
          try {
            const body = await client.call('material/add_material', { file: { name, data: bytes(coverArtifact), mediaType: 'image/jpeg' }, query: { type: 'image' } }, 'unsafe')
            thumb = String(body['media_id'])
            if (typeof body['url'] === 'string') await step(STEPS.thumbUrl, body['url'])
          } catch (error) {
            if (definitelyRefused(error)) await step(intentStep(STEPS.thumbIntent, attempt, true), ctx.now().toISOString())
            if (!isAmbiguous(error) || tries >= options.retry.attempts) throw error
            since = performance.now()
            log('warn', `上传封面时${(error as WechatApiError).message}：先在素材库中核对`, 'wechat/unknown-outcome')
            thumb = await lookUp('cover', () => lists.material(name, since).then((m) => m?.mediaId))
          }
        }
      }
      thumb = await step(STEPS.thumb, thumb)
    }

    // 3. Draft, exactly once.
    let draft = steps[STEPS.draft]
    const draftIntent = intentState(steps, STEPS.draftIntent)
    if (draft === undefined && draftIntent.unresolved) {
      draft = await lookUp('draft', () => lists.draft(thumb, title, 0))
      if (draft !== undefined) log('info', '找到上次中断时已建好的草稿，直接使用')
    }
    if (draft === undefined) {
      const attempt = draftIntent.attempt + 1
      await step(intentStep(STEPS.draftIntent, attempt), ctx.now().toISOString())
      const bound = bindDraft(payload, urls, thumb)
      for (let tries = 0; draft === undefined; tries++) {
        try {
          draft = String((await client.call('draft/add', { json: bound }, 'unsafe'))['media_id'])
        } catch (error) {
          if (definitelyRefused(error)) await step(intentStep(STEPS.draftIntent, attempt, true), ctx.now().toISOString())
          if (!isAmbiguous(error) || tries >= options.retry.attempts) throw error
          // The answer was lost: the draft may exist. Drafts are made synchronously, so a scan begun now finds it.
          const since = performance.now()
          log('warn', `建草稿时${(error as WechatApiError).message}：先在草稿箱中核对`, 'wechat/unknown-outcome')
          draft = await lookUp('draft', () => lists.draft(thumb, title, since))
          if (draft !== undefined) log('info', '草稿已在草稿箱中，直接使用')
        }
      }
    }
    draft = await step(STEPS.draft, draft)

    // 4. Submit, never twice.
    let publishId = steps[STEPS.publish]
    if (publishId === undefined) {
      const submitIntent = intentState(steps, STEPS.submitIntent)
      if (submitIntent.unresolved) return await reconcileSubmit(run, key, title, thumb, wasUnknown ? 1 : options.maxPolls)
      const attempt = submitIntent.attempt + 1
      await step(intentStep(STEPS.submitIntent, attempt), ctx.now().toISOString())
      try {
        const body = await client.call('freepublish/submit', { json: { media_id: draft } }, 'unsafe')
        publishId = await step(STEPS.publish, String(body['publish_id']))
      } catch (error) {
        if (definitelyRefused(error)) {
          await step(intentStep(STEPS.submitIntent, attempt, true), ctx.now().toISOString())
          throw error
        }
        if (isAmbiguous(error)) {
          log('warn', `提交发表时${(error as WechatApiError).message}：在已发表文章中核对，不会再次提交`, 'wechat/unknown-outcome')
          return await reconcileSubmit(run, key, title, thumb, options.maxPolls)
        }
        throw error
      }
      log('info', '已提交发表，等待微信平台处理')
    }

    // 5. Poll until a final status, from a short first wait, doubling. On the signal, stop polling: the next push goes on.
    for (let poll = 0, wait = options.pollIntervalMs; poll < options.maxPolls; poll++, wait = Math.min(options.pollMaxMs, wait * 2)) {
      if (poll > 0 || ctx.signal?.aborted === true) await sleep(wait, ctx.signal)
      const body = await client.call('freepublish/get', { json: { publish_id: publishId } }, 'safe')
      const status = Number(body['publish_status'])
      if (!Number.isInteger(status) || status < 0 || status > 6) {
        throw new WechatApiError('transient', 'wechat/incomplete-answer', `微信平台返回的发表状态无法识别（freepublish/get：${String(body['publish_status'])}）`, { api: 'freepublish/get' })
      }
      if (status === 1) continue
      if (status === 0) {
        const detail = body['article_detail'] as { item?: { article_url?: string }[] } | undefined
        const url = detail?.item?.[0]?.article_url
        await step(STEPS.final, '0')
        if (typeof body['article_id'] === 'string') await step(STEPS.articleId, body['article_id'])
        await ledger.setState(key, 'delivered', url === undefined ? {} : { url })
        log('info', '已在微信公众号发表')
        return { ...base, state: 'delivered', ...(url === undefined ? {} : { url }) }
      }
      await step(STEPS.final, String(status))
      const reason = PUBLISH_STATUS[status] ?? `未知状态 ${status}`
      if (status === 5 || status === 6) {
        const error = { code: `wechat/publish-${status}`, message: `微信文章${reason}` }
        await ledger.setState(key, 'withdrawn', { error })
        log('warn', error.message, error.code)
        return { ...base, state: 'withdrawn', error }
      }
      const failIdx = Array.isArray(body['fail_idx']) ? `（失败文章序号 ${(body['fail_idx'] as unknown[]).join('、')}）` : ''
      return await fail({ code: `wechat/publish-${status}`, message: `微信发表失败：${reason}${failIdx}` })
    }
    await ledger.release(key, holder)
    log('info', '微信平台仍在处理，下次推送时继续查询')
    return { ...base, state: 'pending', error: { code: 'wechat/publishing', message: '微信平台仍在发表中，下次推送时继续查询结果' } }
  } catch (error) {
    if (isAborted(error)) {
      // Stopped, not failed: every step done so far is recorded, and the next push goes on from there.
      await ledger.release(key, holder)
      log('warn', '推送已取消，下次推送时从已完成的步骤继续', 'wechat/aborted')
      return { ...base, state: 'pending', error: { code: 'wechat/aborted', message: abortedError().message } }
    }
    if (error instanceof CannotTell) return await needsCheck(run, key, titleOf(p), error)
    if (error instanceof WechatApiError) {
      if (error.kind === 'quota' || error.kind === 'down' || isAmbiguous(error) || (error.kind === 'config' && run.stop !== undefined)) {
        // Nothing failed for good: an intent left unresolved is looked up first by the next push.
        await ledger.release(key, holder)
        log('warn', error.message, error.code)
        if (isAmbiguous(error)) return { ...base, state: 'pending', error: { code: error.code, message: `${error.message}；下次推送会先核对，不会重复发表` } }
        // The first publication to meet the breaker counts as failed (a later push tries it again), so the push ends non-zero.
        if (error.kind === 'down' && run.stop === undefined) {
          run.stop = error
          await fail({ code: error.code, message: error.message })
          throw new StopBatch(error, true)
        }
        run.stop ??= error
        throw new StopBatch(run.stop)
      }
      if (error.kind === 'config') {
        run.stop = error
        await fail({ code: error.code, message: error.hint === undefined ? error.message : `${error.message}。${error.hint}` })
        throw new StopBatch(error, true)
      }
      const result = await fail({ code: error.code, message: error.message })
      if (client.down) {
        run.stop ??= new WechatApiError('down', 'wechat/platform-down', `微信平台连续多次没有正常应答，已停止本次推送（最近一次：${error.message}）`, { api: error.api, hint: '其余文章留待下次推送' })
        throw new StopBatch(run.stop, true)
      }
      return result
    }
    await ledger.release(key, holder).catch(() => undefined)
    throw error
  } finally {
    run.heartbeat.delete(key)
  }
}

/**
 * A lookup in a list: the platform refusing the list for good (48001, …) means nobody can tell
 * from here; a list that is only unavailable for now leaves the intent for the next push.
 */
async function lookUp<T>(what: 'cover' | 'draft' | 'submit', find: () => Promise<T>): Promise<T> {
  try {
    return await find()
  } catch (error) {
    if (error instanceof WechatApiError && (error.kind === 'rejected' || error.kind === 'config')) throw new CannotTell(what, error.message)
    throw error
  }
}

const WHERE = { cover: '素材库（图片）', draft: '草稿箱', submit: '发表记录' } as const
const DID = { cover: '上传封面', draft: '建草稿', submit: '提交发表' } as const

/** Records `unknown` (需核实): it may be live; never resent on its own. */
async function needsCheck(run: Run, key: DeliveryKey, title: string, why: CannotTell): Promise<DeliveryResult> {
  const error = {
    code: 'wechat/needs-check',
    message: `需核实：《${title}》上次${DID[why.what]}时平台的应答丢失，${why.why}，无法确认是否已经${why.what === 'submit' ? '发表' : '建好'}，可能已经发表。为避免重复发表，不会自动重发。请登录公众号后台 → ${WHERE[why.what]}（及发表记录）查看；下次推送会先再核对一次，在后台手动发表的草稿也会被找到并记入台账`,
  }
  await run.ctx.ledger.setState(key, 'unknown', { error })
  run.ctx.log({ level: 'error', message: error.message, publication: key.publication, code: error.code })
  return { publication: key.publication, revision: key.revision, channel: CHANNEL, state: 'failed', error }
}

/**
 * A submit whose answer was lost: look for the article among what has been published, for as
 * long as a publish may take (backing off); never submit again.
 */
async function reconcileSubmit(run: Run, key: DeliveryKey, title: string, thumb: string, polls: number): Promise<DeliveryResult> {
  const { ctx, options, lists } = run
  const base = { publication: key.publication, revision: key.revision, channel: CHANNEL } as const
  // The look-up can take minutes when the submit never reached the platform: say so before waiting.
  let longest = 0
  for (let poll = 1, wait = Math.min(options.pollMaxMs, options.pollIntervalMs * 2); poll < polls; poll++, wait = Math.min(options.pollMaxMs, wait * 2)) longest += wait
  ctx.log({ level: 'info', message: `上次提交发表后没有收到应答：在已发表文章中核对（最多 ${polls} 次，约 ${Math.max(1, Math.ceil(longest / 1000))} 秒），不会再次提交`, publication: key.publication })
  for (let poll = 0, wait = options.pollIntervalMs; poll < polls; poll++, wait = Math.min(options.pollMaxMs, wait * 2)) {
    // On the signal the look-up stops at the next wait: the intent stays unresolved, and the next push looks again.
    if (poll > 0) await sleep(wait, ctx.signal)
    const since = performance.now()
    const found = await lookUp('submit', () => lists.published(thumb, since))
    if (found !== undefined) {
      await ctx.ledger.recordStep(key, STEPS.articleId, found.articleId)
      await ctx.ledger.recordStep(key, STEPS.final, '0')
      await ctx.ledger.setState(key, 'delivered', found.url === undefined ? {} : { url: found.url })
      ctx.log({ level: 'info', message: '上次提交的发表已完成，已补记结果', publication: key.publication })
      return { ...base, state: 'delivered', ...(found.url === undefined ? {} : { url: found.url }) }
    }
  }
  return needsCheck(run, key, title, new CannotTell('submit', `在已发表文章中查了 ${polls} 次仍没有找到（可能仍在发表、发表失败，或未提交成功）`))
}
