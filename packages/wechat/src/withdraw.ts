/**
 * Withdrawal on the platform, for the lifecycle's 撤回: `freepublish/delete` takes the article down,
 * `draft/delete` removes its draft. Deleting follows the rule of the creating calls in deliver.ts:
 * an intent step is recorded before the call and the platform's answer (its errcode) after it. An
 * intent without an answer (the process was killed, the answer lost) is reconciled with the
 * platform's list of published articles before anything is sent again: an article no longer listed
 * was deleted by that call, so it is recorded and not deleted twice. An id the platform no longer
 * knows (40007, 53600) counts as already deleted. The record becomes `withdrawn` at the end.
 */
import type { DeliverContext, DeliveryKey, DeliveryRecord, DeliveryResult, TakeDownUnit } from '@gongkai/core'
import { WechatClient } from './api/client.js'
import { WechatApiError } from './api/errors.js'
import { CHANNEL, STEPS } from './deliver.js'
import { PlatformLists } from './lists.js'
import type { ResolvedWechatOptions } from './options.js'

/** Ledger steps of a withdrawal: the intent before each deleting call, the time and errcode after it. */
export const WITHDRAW_STEPS = {
  articleIntent: 'article_delete_intent',
  article: 'article_deleted',
  articleAnswer: 'article_delete_errcode',
  draftIntent: 'draft_delete_intent',
  draft: 'draft_deleted',
  draftAnswer: 'draft_delete_errcode',
} as const

/** What withdrawing needs: the ledger, the token cache, the secret's environment and the clock. */
export type WithdrawContext = Pick<DeliverContext, 'ledger' | 'kv' | 'env' | 'now'> & { readonly log?: DeliverContext['log'] }

/** What a withdrawal did. */
export interface WithdrawResult {
  readonly publication: string
  readonly revision: string
  /** `withdrawn`: gone from the account (now or before); `nothing`: never went out, nothing to take down. */
  readonly state: 'withdrawn' | 'nothing'
  /** The platform calls that deleted something this time (0 when it was done before). */
  readonly deleted: number
  /** The article's URL, when it had one. */
  readonly url?: string
  /** What the platform answered, in Chinese (errcode included). */
  readonly answer?: string
}

/** The errcode of an answer that says the id is unknown (deleted before), or undefined for any other error. */
function goneCode(error: unknown): number | undefined {
  return error instanceof WechatApiError && (error.errcode === 40007 || error.errcode === 53600) ? error.errcode : undefined
}

/** True when the record's publication cannot be on the account: it never reached a draft or a submit. */
function neverSent(record: DeliveryRecord): boolean {
  return record.steps[STEPS.draft] === undefined && record.steps[STEPS.publish] === undefined && record.steps[STEPS.submitIntent] === undefined
}

/** True when the platform itself took the article down (publish_status 5 or 6): nothing left to delete. */
function goneByPlatform(record: DeliveryRecord): boolean {
  const final = record.steps[STEPS.final]
  return record.state === 'withdrawn' && (final === '5' || final === '6')
}

/** True when an earlier withdrawal finished: every deleting step it needed has its result. */
function finished(record: DeliveryRecord): boolean {
  if (record.state !== 'withdrawn') return false
  const s = record.steps
  return (s[WITHDRAW_STEPS.articleIntent] === undefined || s[WITHDRAW_STEPS.article] !== undefined) && (s[STEPS.draft] === undefined || s[WITHDRAW_STEPS.draft] !== undefined)
}

/** Takes a WeChat delivery down: deletes the published article and its draft; idempotent, recorded, safe to resume. */
export async function withdrawArticle(key: Omit<DeliveryKey, 'channel'>, ctx: WithdrawContext, options: ResolvedWechatOptions, reason = '已撤回'): Promise<WithdrawResult> {
  const k: DeliveryKey = { ...key, channel: CHANNEL }
  const record = await ctx.ledger.get(k)
  const base = { publication: k.publication, revision: k.revision }
  if (record === undefined || neverSent(record) || goneByPlatform(record)) return { ...base, state: 'nothing', deleted: 0 }
  const url = record.url === undefined ? {} : { url: record.url }
  if (finished(record)) return { ...base, state: 'withdrawn', deleted: 0, ...url }
  const client = new WechatClient(options, { kv: ctx.kv, env: ctx.env, now: ctx.now })
  const lists = new PlatformLists(client)
  const steps = { ...record.steps }
  const answers: string[] = []
  let deleted = 0
  const thumb = steps[STEPS.thumb]
  // The article as the platform lists it now (also for a record whose submit answer was lost: it may be live).
  const listed = async () => {
    const found = thumb === undefined ? undefined : await lists.published(thumb, performance.now())
    return found?.deleted === true ? undefined : found
  }

  if (steps[WITHDRAW_STEPS.article] === undefined && (steps[STEPS.publish] !== undefined || steps[STEPS.submitIntent] !== undefined)) {
    let articleId = steps[STEPS.articleId]
    const resumed = steps[WITHDRAW_STEPS.articleIntent] !== undefined
    if (articleId === undefined || resumed) {
      const found = await listed()
      if (found === undefined && resumed) answers.push('上次删除时中断，平台上已没有这篇文章')
      articleId = found?.articleId
    }
    if (articleId !== undefined) {
      await ctx.ledger.recordStep(k, WITHDRAW_STEPS.articleIntent, ctx.now().toISOString())
      let errcode = 0
      try {
        await client.call('freepublish/delete', { json: { article_id: articleId, index: 0 } }, 'safe')
        deleted++
      } catch (error) {
        const gone = goneCode(error)
        if (gone === undefined) throw error
        errcode = gone
      }
      await ctx.ledger.recordStep(k, WITHDRAW_STEPS.articleAnswer, String(errcode))
      answers.push(errcode === 0 ? 'freepublish/delete 成功，errcode 0' : `freepublish/delete：平台上已没有这篇文章，errcode ${errcode}`)
    } else if (!resumed) answers.push('平台的已发表文章中没有找到它')
    if (articleId !== undefined || resumed || steps[STEPS.publish] !== undefined) await ctx.ledger.recordStep(k, WITHDRAW_STEPS.article, ctx.now().toISOString())
  }

  const draft = steps[STEPS.draft]
  if (draft !== undefined && steps[WITHDRAW_STEPS.draft] === undefined) {
    // draft/delete of a draft already gone answers 40007: safe to send again after a lost answer.
    await ctx.ledger.recordStep(k, WITHDRAW_STEPS.draftIntent, ctx.now().toISOString())
    let errcode = 0
    try {
      await client.call('draft/delete', { json: { media_id: draft } }, 'safe')
      deleted++
    } catch (error) {
      const gone = goneCode(error)
      if (gone === undefined) throw error
      errcode = gone
    }
    await ctx.ledger.recordStep(k, WITHDRAW_STEPS.draftAnswer, String(errcode))
    await ctx.ledger.recordStep(k, WITHDRAW_STEPS.draft, ctx.now().toISOString())
  }
  const answer = answers.join('；') || '公众号上已没有这篇文章'
  await ctx.ledger.setState(k, 'withdrawn', { error: { code: 'wechat/withdrawn', message: `已从公众号删除：${reason}（${answer}）` } })
  ctx.log?.({ level: 'info', message: deleted > 0 ? `已从公众号删除：${answer}` : `公众号上已没有这篇文章，台账已记为撤回（${answer}）`, publication: k.publication })
  return { ...base, state: 'withdrawn', deleted, ...url, answer }
}

/**
 * The channel's `takeDown`: every record of each withdrawn publication that reached the account
 * (the article, and any 更正说明 sent for it) is withdrawn with `withdrawArticle`. A publication
 * that never went out comes back `skipped` and is never sent; one already withdrawn is `skipped` too.
 */
export async function takeDownWechat(units: readonly TakeDownUnit[], ctx: DeliverContext, options: ResolvedWechatOptions): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = []
  for (const { disclosure: d, withdrawal } of units) {
    const id = d.publication.id
    const records = await ctx.ledger.list({ channel: CHANNEL, publication: id })
    let any = false
    for (const r of records) {
      if (neverSent(r) || goneByPlatform(r) || finished(r)) continue
      if (ctx.signal?.aborted === true) break
      try {
        const done = await withdrawArticle({ publication: id, revision: r.revision }, ctx, options, withdrawal.reason)
        if (done.state === 'nothing') continue
        any = true
        results.push({
          publication: id,
          revision: r.revision,
          channel: CHANNEL,
          state: 'withdrawn',
          ...(done.url === undefined ? {} : { url: done.url }),
          error: { code: 'wechat/withdrawn', message: `已从公众号删除（${done.answer ?? ''}）` },
        })
      } catch (error) {
        // Nothing is marked withdrawn: the intent stays, and the next push reconciles it first.
        any = true
        const e =
          error instanceof WechatApiError ? { code: error.code, message: `撤回时出错：${error.message}；下次推送会先核对，不会重复删除` } : { code: 'wechat/withdraw-failed', message: String(error) }
        ctx.log({ level: 'error', message: e.message, publication: id, code: e.code })
        results.push({ publication: id, revision: r.revision, channel: CHANNEL, state: 'failed', error: e })
      }
    }
    if (!any) results.push({ publication: id, revision: d.revision, channel: CHANNEL, state: 'skipped' })
  }
  return results
}
