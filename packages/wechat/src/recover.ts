/**
 * Recovery after the ledger was lost (`gongkai ledger rebuild --channel wechat`): the records are
 * rebuilt from the platform's own lists before anything is sent, so a push after it sends nothing
 * twice. The three lists are read whole first (material library, draft box, published articles),
 * and only then is anything written: a list that cannot be read leaves the ledger as it was.
 *
 * A delivery is told by its cover: uploaded under `coverName(publication, revision)`, its media id
 * then marks the draft and the article made with it (the same marks delivery reconciles with).
 * - published → `delivered`, with the URL and the steps (cover, draft, article id, final status);
 * - published, then deleted → `withdrawn` (never sent again on its own, as delivery records it);
 * - a draft not published → the cover and draft steps: the next push submits that draft, never a second one;
 * - a cover alone → the cover step: the next push makes the draft with it, never a second upload;
 * - nothing → nothing: the next push delivers it.
 * The list of published articles carries no publish id, so none is recorded: the article id is
 * what withdrawal needs.
 */
import type { DeliverContext, DeliveryKey, DeliveryState } from '@gongkai/core'
import { WechatClient } from './api/client.js'
import { CHANNEL, STEPS, coverName } from './deliver.js'
import { pageThrough } from './lists.js'
import type { ResolvedWechatOptions } from './options.js'

/** What recovery found for one delivery and wrote for it. */
export interface RecoveredDelivery {
  readonly publication: string
  readonly revision: string
  /** What the platform holds, in Chinese. */
  readonly found: string
  /** The state written; absent when nothing was written. */
  readonly recorded?: DeliveryState
  readonly url?: string
}

interface Material {
  readonly mediaId: string
  readonly url: string | undefined
}
interface Draft {
  readonly mediaId: string
  readonly title: string
}
interface Article {
  readonly articleId: string
  readonly url: string | undefined
  readonly deleted: boolean
  readonly title: string
}

type News = { news_item?: Record<string, unknown>[] } | undefined

/** The three lists, whole: covers by file name, drafts and articles by cover media id (newest first). */
async function readLists(client: WechatClient): Promise<{ materials: Map<string, Material[]>; drafts: Map<string, Draft[]>; articles: Map<string, Article[]> }> {
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value])
  const materials = new Map<string, Material[]>()
  await pageThrough(client, 'material/batchget_material', (item) => {
    if (typeof item['name'] === 'string' && typeof item['media_id'] === 'string')
      push(materials, item['name'], { mediaId: item['media_id'], url: typeof item['url'] === 'string' ? item['url'] : undefined })
  })
  const drafts = new Map<string, Draft[]>()
  await pageThrough(client, 'draft/batchget', (item) => {
    if (typeof item['media_id'] !== 'string') return
    for (const n of (item['content'] as News)?.news_item ?? []) push(drafts, String(n['thumb_media_id']), { mediaId: item['media_id'], title: typeof n['title'] === 'string' ? n['title'] : '' })
  })
  const articles = new Map<string, Article[]>()
  await pageThrough(client, 'freepublish/batchget', (item) => {
    if (typeof item['article_id'] !== 'string') return
    for (const n of (item['content'] as News)?.news_item ?? []) {
      push(articles, String(n['thumb_media_id']), {
        articleId: item['article_id'],
        url: typeof n['url'] === 'string' ? n['url'] : undefined,
        deleted: n['is_deleted'] === true,
        title: typeof n['title'] === 'string' ? n['title'] : '',
      })
    }
  })
  return { materials, drafts, articles }
}

/**
 * Rebuilds the WeChat records of `keys` (publication and revision) from the platform's lists and
 * returns, per key, what was found and what was written. Sends nothing. Throws the platform's
 * error (48001, a network failure, …) before writing anything when a list cannot be read.
 */
export async function recoverWechatLedger(
  keys: readonly Omit<DeliveryKey, 'channel'>[],
  ctx: Pick<DeliverContext, 'ledger' | 'kv' | 'env' | 'now'>,
  options: ResolvedWechatOptions,
): Promise<RecoveredDelivery[]> {
  const client = new WechatClient(options, { kv: ctx.kv, env: ctx.env, now: ctx.now })
  const { materials, drafts, articles } = await readLists(client)
  const out: RecoveredDelivery[] = []
  for (const k of keys) {
    const key: DeliveryKey = { publication: k.publication, revision: k.revision, channel: CHANNEL }
    const base = { publication: key.publication, revision: key.revision }
    const existing = await ctx.ledger.get(key)
    if (existing?.state === 'delivered' || existing?.state === 'withdrawn') {
      out.push({ ...base, found: '台账中已有记录，未改动', recorded: existing.state, ...(existing.url === undefined ? {} : { url: existing.url }) })
      continue
    }
    // A cover uploaded twice (an answer lost, the upload sent again) has two media ids: the one an article or a draft carries is this delivery's.
    const covers = materials.get(coverName(key)) ?? []
    const live = covers.flatMap((c) => (articles.get(c.mediaId) ?? []).map((a) => ({ cover: c, article: a })))
    const published = live.find((x) => !x.article.deleted) ?? live[0]
    const cover = published?.cover ?? covers.find((c) => drafts.has(c.mediaId)) ?? covers[0]
    if (cover === undefined) {
      out.push({ ...base, found: '平台上没有（素材库中没有它的封面）' })
      continue
    }
    const draft = drafts.get(cover.mediaId)?.[0]
    await ctx.ledger.open(key)
    await ctx.ledger.recordStep(key, STEPS.thumb, cover.mediaId)
    if (cover.url !== undefined) await ctx.ledger.recordStep(key, STEPS.thumbUrl, cover.url)
    if (draft !== undefined) await ctx.ledger.recordStep(key, STEPS.draft, draft.mediaId)
    if (published !== undefined) {
      const { article } = published
      await ctx.ledger.recordStep(key, STEPS.articleId, article.articleId)
      if (article.deleted) {
        await ctx.ledger.recordStep(key, STEPS.final, '5')
        await ctx.ledger.setState(key, 'withdrawn', { error: { code: 'wechat/publish-5', message: '微信文章发表成功后已被删除' } })
        out.push({ ...base, found: `发表记录中有《${article.title}》，已被删除`, recorded: 'withdrawn' })
        continue
      }
      await ctx.ledger.recordStep(key, STEPS.final, '0')
      await ctx.ledger.setState(key, 'delivered', article.url === undefined ? {} : { url: article.url })
      out.push({ ...base, found: `已发表《${article.title}》`, recorded: 'delivered', ...(article.url === undefined ? {} : { url: article.url }) })
      continue
    }
    const record = await ctx.ledger.get(key)
    out.push({
      ...base,
      found: draft === undefined ? '素材库中有封面，没有草稿' : `草稿箱中有草稿《${draft.title}》，尚未发表`,
      ...(record === undefined ? {} : { recorded: record.state }),
    })
  }
  return out
}
