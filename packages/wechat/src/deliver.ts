/**
 * Delivery as a recorded state machine, one publication revision at a time:
 *
 *   img:<sha> (each inline image) → thumb_media_id → draft_intent → draft_media_id
 *   → submit_intent → publish_id → final_status (+ URL)
 *
 * Each step is written to the ledger before the next begins, so a process killed anywhere resumes
 * from the last recorded step. The two calls that create something visible (draft/add and
 * freepublish/submit) are preceded by an intent step; on resume, an intent without its result is
 * reconciled with the platform instead of repeating the call:
 * - draft: `draft/batchget` is searched for a draft that carries this delivery's cover media id
 *   (uploaded for this revision only) and title; found → adopted, not found → created.
 * - submit: `freepublish/batchget` is searched (polling, since publishing takes time) for an
 *   article with that cover media id; found → delivered with its URL, never found → failed with
 *   `wechat/submit-unconfirmed` for the operator to check. Never submitted a second time.
 */
import { randomUUID } from 'node:crypto'
import type { Artifact, DeliverContext, DeliveryKey, DeliveryRecord, DeliveryResult, DeliveryUnit, Ledger, Receipt } from '@gongkai/core'
import { GongkaiError } from '@gongkai/core'
import { mapLimit } from '@gongkai/core/internal'
import type { UploadFile } from './api/client.js'
import { WechatClient, abortedError, isAborted, sleep } from './api/client.js'
import { WechatApiError } from './api/errors.js'
import type { ResolvedWechatOptions } from './options.js'
import type { DraftPayload } from './render/draft.js'
import { bindDraft } from './render/draft.js'
import { FILES } from './render/render.js'

/** The channel id, in ledger keys. */
export const CHANNEL = 'wechat'

/** Ledger step names. */
export const STEPS = {
  image: (sha: string) => `img:${sha}`,
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
  return error instanceof WechatApiError && error.kind !== 'ambiguous'
}

class StopBatch extends GongkaiError {
  constructor(readonly error: WechatApiError) {
    super(error.code, error.message)
  }
}

function text(a: Artifact): string {
  return typeof a.data === 'string' ? a.data : Buffer.from(a.data).toString('utf8')
}

function bytes(a: Artifact): Uint8Array {
  return typeof a.data === 'string' ? new Uint8Array(Buffer.from(a.data, 'utf8')) : a.data
}

/** Whether another revision of the publication already went out (or may have): then this one is only reported. */
export function blockingRevision(records: readonly DeliveryRecord[], revision: string): DeliveryRecord | undefined {
  return records.find((r) => {
    if (r.revision === revision) return false
    if (r.state === 'delivered' || r.state === 'withdrawn') return true
    const final = r.steps[STEPS.final]
    const failedForGood = final !== undefined && ['2', '3', '4'].includes(final)
    return !failedForGood && (r.steps[STEPS.publish] !== undefined || intentState(r.steps, STEPS.submitIntent).unresolved)
  })
}

interface UnitOutcome {
  readonly result: DeliveryResult
}

/** Delivers units to the official account. */
export async function deliverWechat(units: readonly DeliveryUnit[], ctx: DeliverContext, options: ResolvedWechatOptions): Promise<Receipt> {
  const client = new WechatClient(options, { kv: ctx.kv, env: ctx.env, now: ctx.now, ...(ctx.signal === undefined ? {} : { signal: ctx.signal }) })
  const holder = `wechat:${process.pid}:${randomUUID()}`
  let stopped: WechatApiError | undefined
  const results = await mapLimit(units, options.concurrency, async (unit): Promise<DeliveryResult> => {
    const p = unit.disclosure.publication
    const key: DeliveryKey = { publication: p.id, revision: unit.disclosure.revision, channel: CHANNEL }
    const base = { publication: p.id, revision: key.revision, channel: CHANNEL } as const
    if (stopped !== undefined) return { ...base, state: 'pending', error: { code: stopped.code, message: '本批推送已停止，留待下次' } }
    if (ctx.signal?.aborted === true) return { ...base, state: 'pending', error: { code: 'wechat/aborted', message: abortedError().message } }
    try {
      return (await deliverOne(unit, key, client, holder, ctx, options)).result
    } catch (error) {
      if (error instanceof StopBatch) {
        stopped ??= error.error
        const pending = error.error.kind === 'quota'
        const message = error.error.hint === undefined || pending ? error.error.message : `${error.error.message}。${error.error.hint}`
        return { ...base, state: pending ? 'pending' : 'failed', error: { code: error.error.code, message } }
      }
      throw error
    }
  })
  return { channel: CHANNEL, results, ...(stopped === undefined ? {} : { stopped: { code: stopped.code, message: stopped.message } }) }
}

async function deliverOne(unit: DeliveryUnit, key: DeliveryKey, client: WechatClient, holder: string, ctx: DeliverContext, options: ResolvedWechatOptions): Promise<UnitOutcome> {
  const { ledger } = ctx
  const p = unit.disclosure.publication
  const base = { publication: key.publication, revision: key.revision, channel: CHANNEL } as const
  const log = (level: 'info' | 'warn' | 'error', message: string, code?: string) => ctx.log({ level, message, publication: p.id, ...(code === undefined ? {} : { code }) })

  const others = await ledger.list({ channel: CHANNEL, publication: p.id })
  const blocking = blockingRevision(others, key.revision)
  if (blocking !== undefined) {
    const message = `《${p.title}》已在微信发表过另一版本（${blocking.revision}），内容变化后不会自动重发`
    log('warn', message, 'wechat/revision-changed')
    return {
      result: {
        ...base,
        state: 'skipped',
        ...(blocking.url === undefined ? {} : { url: blocking.url }),
        error: { code: 'wechat/revision-changed', message: `${message}：微信已发表的文章不能修改，如需更正请在公众号后台处理或另发更正说明` },
      },
    }
  }

  let record = await ledger.open(key)
  if (record.state === 'delivered' || record.state === 'withdrawn') return { result: { ...base, state: 'skipped', ...(record.url === undefined ? {} : { url: record.url }) } }
  const final = record.steps[STEPS.final]
  if (final !== undefined && ['2', '3', '4'].includes(final)) {
    return { result: { ...base, state: 'failed', error: record.error ?? { code: `wechat/publish-${final}`, message: PUBLISH_STATUS[Number(final)] ?? '发表失败' } } }
  }
  if (!(await ledger.claim(key, holder, options.claimTtlMs))) {
    return { result: { ...base, state: 'pending', error: { code: 'wechat/busy', message: '另一个进程正在推送这篇文章' } } }
  }

  const fail = async (error: { code: string; message: string }) => {
    await ledger.setState(key, 'failed', { error })
    log('error', error.message, error.code)
    return { result: { ...base, state: 'failed' as const, error } }
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

    // 1. Inline images, each once (its sha names the step).
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

    // 2. Cover as permanent material: its media id marks this delivery's draft and article.
    let thumb = steps[STEPS.thumb]
    if (thumb === undefined) {
      const body = await client.call('material/add_material', { file: { name: FILES.cover, data: bytes(coverArtifact), mediaType: 'image/jpeg' }, query: { type: 'image' } }, 'safe')
      thumb = await step(STEPS.thumb, String(body['media_id']))
      if (typeof body['url'] === 'string') await step(STEPS.thumbUrl, body['url'])
    }

    // 3. Draft, exactly once.
    let draft = steps[STEPS.draft]
    const draftIntent = intentState(steps, STEPS.draftIntent)
    if (draft === undefined && draftIntent.unresolved) {
      draft = await findDraft(client, thumb, title)
      if (draft !== undefined) log('info', '找到上次中断时已建好的草稿，直接使用')
    }
    if (draft === undefined) {
      const attempt = draftIntent.attempt + 1
      // An intent is recorded only for a call about to be sent: stopped before it, nothing is in doubt.
      if (ctx.signal?.aborted === true) throw abortedError()
      await step(intentStep(STEPS.draftIntent, attempt), ctx.now().toISOString())
      const bound = bindDraft(payload, urls, thumb)
      for (let tries = 0; draft === undefined; tries++) {
        try {
          draft = String((await client.call('draft/add', { json: bound }, 'unsafe'))['media_id'])
        } catch (error) {
          if (definitelyRefused(error)) await step(intentStep(STEPS.draftIntent, attempt, true), ctx.now().toISOString())
          if (!(error instanceof WechatApiError) || error.kind !== 'ambiguous' || tries >= options.retry.attempts) throw error
          // The answer was lost: the draft may exist. Drafts are made synchronously, so a look finds it.
          draft = await findDraft(client, thumb, title)
        }
      }
    }
    draft = await step(STEPS.draft, draft)

    // 4. Submit, never twice.
    let publishId = steps[STEPS.publish]
    if (publishId === undefined) {
      const submitIntent = intentState(steps, STEPS.submitIntent)
      if (submitIntent.unresolved) return await reconcileSubmit(client, key, thumb, ctx, options, fail)
      const attempt = submitIntent.attempt + 1
      if (ctx.signal?.aborted === true) throw abortedError()
      await step(intentStep(STEPS.submitIntent, attempt), ctx.now().toISOString())
      try {
        const body = await client.call('freepublish/submit', { json: { media_id: draft } }, 'unsafe')
        publishId = await step(STEPS.publish, String(body['publish_id']))
      } catch (error) {
        if (definitelyRefused(error)) {
          await step(intentStep(STEPS.submitIntent, attempt, true), ctx.now().toISOString())
          throw error
        }
        if (error instanceof WechatApiError && error.kind === 'ambiguous') return await reconcileSubmit(client, key, thumb, ctx, options, fail)
        throw error
      }
      log('info', '已提交发表，等待微信平台处理')
    }

    // 5. Poll until a final status.
    for (let poll = 0; poll < options.maxPolls; poll++) {
      if (poll > 0) await sleep(options.pollIntervalMs, ctx.signal)
      const body = await client.call('freepublish/get', { json: { publish_id: publishId } }, 'safe')
      const status = Number(body['publish_status'])
      if (status === 1) continue
      await step(STEPS.final, String(status))
      if (status === 0) {
        const detail = body['article_detail'] as { item?: { article_url?: string }[] } | undefined
        const url = detail?.item?.[0]?.article_url
        if (typeof body['article_id'] === 'string') await step(STEPS.articleId, body['article_id'])
        await ledger.setState(key, 'delivered', url === undefined ? {} : { url })
        log('info', '已在微信公众号发表')
        return { result: { ...base, state: 'delivered', ...(url === undefined ? {} : { url }) } }
      }
      const reason = PUBLISH_STATUS[status] ?? `未知状态 ${status}`
      if (status === 5 || status === 6) {
        const error = { code: `wechat/publish-${status}`, message: `微信文章${reason}` }
        await ledger.setState(key, 'withdrawn', { error })
        log('warn', error.message, error.code)
        return { result: { ...base, state: 'withdrawn', error } }
      }
      const failIdx = Array.isArray(body['fail_idx']) ? `（失败文章序号 ${(body['fail_idx'] as unknown[]).join('、')}）` : ''
      return await fail({ code: `wechat/publish-${status}`, message: `微信发表失败：${reason}${failIdx}` })
    }
    await ledger.release(key, holder)
    log('info', '微信平台仍在处理，下次推送时继续查询')
    return { result: { ...base, state: 'pending', error: { code: 'wechat/publishing', message: '微信平台仍在发表中，下次推送时继续查询结果' } } }
  } catch (error) {
    if (isAborted(error)) {
      // Stopped, not failed: every step done so far is recorded, and the next push goes on from
      // there (a submit whose answer was cut off is looked up, never sent again).
      await ledger.release(key, holder)
      log('warn', '推送已取消，下次推送时从已完成的步骤继续', 'wechat/aborted')
      return { result: { ...base, state: 'pending', error: { code: 'wechat/aborted', message: abortedError().message } } }
    }
    if (error instanceof WechatApiError) {
      if (error.kind === 'quota') {
        await ledger.release(key, holder)
        log('warn', error.message, error.code)
        throw new StopBatch(error)
      }
      if (error.kind === 'config') {
        await fail({ code: error.code, message: error.hint === undefined ? error.message : `${error.message}。${error.hint}` })
        throw new StopBatch(error)
      }
      return await fail({ code: error.code, message: error.message })
    }
    await ledger.release(key, holder).catch(() => undefined)
    throw error
  }
}

/** Finds the draft that carries this delivery's cover media id and title, in the draft box. */
async function findDraft(client: WechatClient, thumb: string, title: string): Promise<string | undefined> {
  for (let offset = 0; ; offset += 20) {
    const body = await client.call('draft/batchget', { json: { offset, count: 20, no_content: 1 } }, 'safe')
    const items = (body['item'] ?? []) as { media_id?: string; content?: { news_item?: { title?: string; thumb_media_id?: string }[] } }[]
    for (const item of items) {
      if (item.content?.news_item?.some((n) => n.thumb_media_id === thumb && n.title === title) === true && item.media_id !== undefined) return item.media_id
    }
    const total = Number(body['total_count'] ?? 0)
    if (items.length === 0 || offset + items.length >= total) return undefined
  }
}

/** Finds the published article that carries this delivery's cover media id. */
async function findPublished(client: WechatClient, thumb: string): Promise<{ articleId: string; url: string | undefined } | undefined> {
  for (let offset = 0; ; offset += 20) {
    const body = await client.call('freepublish/batchget', { json: { offset, count: 20, no_content: 1 } }, 'safe')
    const items = (body['item'] ?? []) as { article_id?: string; content?: { news_item?: { thumb_media_id?: string; url?: string }[] } }[]
    for (const item of items) {
      const hit = item.content?.news_item?.find((n) => n.thumb_media_id === thumb)
      if (hit !== undefined && item.article_id !== undefined) return { articleId: item.article_id, url: hit.url }
    }
    const total = Number(body['total_count'] ?? 0)
    if (items.length === 0 || offset + items.length >= total) return undefined
  }
}

/**
 * A submit whose answer was lost: look for the article among what has been published, for as
 * long as a publish may take; never submit again.
 */
async function reconcileSubmit(
  client: WechatClient,
  key: DeliveryKey,
  thumb: string,
  ctx: DeliverContext,
  options: ResolvedWechatOptions,
  fail: (error: { code: string; message: string }) => Promise<UnitOutcome>,
): Promise<UnitOutcome> {
  const ledger: Ledger = ctx.ledger
  const base = { publication: key.publication, revision: key.revision, channel: CHANNEL } as const
  for (let poll = 0; poll < options.maxPolls; poll++) {
    if (poll > 0) await sleep(options.pollIntervalMs, ctx.signal)
    const found = await findPublished(client, thumb)
    if (found !== undefined) {
      await ledger.recordStep(key, STEPS.articleId, found.articleId)
      await ledger.recordStep(key, STEPS.final, '0')
      await ledger.setState(key, 'delivered', found.url === undefined ? {} : { url: found.url })
      ctx.log({ level: 'info', message: '上次提交的发表已完成，已补记结果', publication: key.publication })
      return { result: { ...base, state: 'delivered', ...(found.url === undefined ? {} : { url: found.url }) } }
    }
  }
  return fail({
    code: 'wechat/submit-unconfirmed',
    message: '上次提交发表时连接中断，无法确认是否已提交；为避免重复发表，不会再次提交。请登录公众号后台查看“发表记录”，确认未发表时在后台手动发表该草稿',
  })
}
