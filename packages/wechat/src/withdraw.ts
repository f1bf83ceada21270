/**
 * Withdrawal on the platform, for the lifecycle's 撤回: `freepublish/delete` takes the article down,
 * `draft/delete` removes its draft. Each is recorded as a step before the record becomes
 * `withdrawn`, and a step already recorded is not sent again; an id the platform no longer knows
 * counts as already deleted, so calling it twice, or again after a crash, does no harm.
 */
import type { DeliverContext, DeliveryKey } from '@gongkai/core'
import { WechatClient } from './api/client.js'
import { WechatApiError } from './api/errors.js'
import { CHANNEL, STEPS } from './deliver.js'
import { PlatformLists } from './lists.js'
import type { ResolvedWechatOptions } from './options.js'

/** Ledger steps of a withdrawal. */
export const WITHDRAW_STEPS = { article: 'article_deleted', draft: 'draft_deleted' } as const

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
}

/** True when the platform says the id is unknown: deleted before. */
function alreadyGone(error: unknown): boolean {
  return error instanceof WechatApiError && (error.errcode === 40007 || error.errcode === 53600)
}

/** Takes a WeChat delivery down: deletes the published article and its draft; idempotent and recorded. */
export async function withdrawArticle(key: Omit<DeliveryKey, 'channel'>, ctx: WithdrawContext, options: ResolvedWechatOptions, reason = '已撤回'): Promise<WithdrawResult> {
  const k: DeliveryKey = { ...key, channel: CHANNEL }
  const record = await ctx.ledger.get(k)
  const base = { publication: k.publication, revision: k.revision }
  if (record === undefined || (record.steps[STEPS.draft] === undefined && record.steps[STEPS.publish] === undefined)) return { ...base, state: 'nothing', deleted: 0 }
  const client = new WechatClient(options, { kv: ctx.kv, env: ctx.env, now: ctx.now })
  let deleted = 0
  const steps = { ...record.steps }
  let articleId = steps[STEPS.articleId]
  const thumb = steps[STEPS.thumb]
  if (articleId === undefined && thumb !== undefined && steps[STEPS.publish] !== undefined) articleId = (await new PlatformLists(client).published(thumb, 0))?.articleId
  if (articleId !== undefined && steps[WITHDRAW_STEPS.article] === undefined) {
    try {
      await client.call('freepublish/delete', { json: { article_id: articleId, index: 0 } }, 'safe')
      deleted++
    } catch (error) {
      if (!alreadyGone(error)) throw error
    }
    await ctx.ledger.recordStep(k, WITHDRAW_STEPS.article, ctx.now().toISOString())
  }
  const draft = steps[STEPS.draft]
  if (draft !== undefined && steps[WITHDRAW_STEPS.draft] === undefined) {
    try {
      await client.call('draft/delete', { json: { media_id: draft } }, 'safe')
      deleted++
    } catch (error) {
      if (!alreadyGone(error)) throw error
    }
    await ctx.ledger.recordStep(k, WITHDRAW_STEPS.draft, ctx.now().toISOString())
  }
  if (record.state !== 'withdrawn') await ctx.ledger.setState(k, 'withdrawn', { error: { code: 'wechat/withdrawn', message: `已从公众号删除：${reason}` } })
  ctx.log?.({ level: 'info', message: deleted > 0 ? '已从公众号删除文章和草稿' : '公众号上已没有这篇文章，台账已记为撤回', publication: k.publication })
  return { ...base, state: 'withdrawn', deleted }
}
