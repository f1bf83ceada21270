/**
 * Reconciliation reads the platform's own lists: the material library, the draft box and the
 * published articles, each paged through from the newest. Scans are shared: every lookup that
 * needs a list as it stands after some moment waits for one scan begun after that moment, so 64
 * publications whose answers were lost together cost one pass over each list, not 64.
 */
import type { WechatClient } from './api/client.js'

/** A published article as the list shows it. */
export interface PublishedArticle {
  readonly articleId: string
  readonly url: string | undefined
  readonly deleted: boolean
}

type Item = Record<string, unknown>
interface Scan {
  readonly started: number
  readonly index: Promise<Map<string, unknown>>
}

const PAGE = 20

/** The key of a draft: its cover's media id (uploaded for one delivery only) and its title. */
export function draftKey(thumb: string, title: string): string {
  return `${thumb}\u0000${title}`
}

/** Lookups in the platform's lists for one delivery call. */
export class PlatformLists {
  readonly #client: WechatClient
  readonly #scans = new Map<string, Scan>()

  constructor(client: WechatClient) {
    this.#client = client
  }

  /** The media id of the permanent image named `name`, or undefined when the whole library lacks it. */
  async material(name: string, since: number): Promise<{ mediaId: string; url: string | undefined } | undefined> {
    const index = await this.#index('material/batchget_material', since, (item, add) => {
      if (typeof item['name'] === 'string' && typeof item['media_id'] === 'string') add(item['name'], { mediaId: item['media_id'], url: typeof item['url'] === 'string' ? item['url'] : undefined })
    })
    return index.get(name) as { mediaId: string; url: string | undefined } | undefined
  }

  /** The media id of the draft with this cover and title, or undefined when the whole draft box lacks it. */
  async draft(thumb: string, title: string, since: number): Promise<string | undefined> {
    const index = await this.#index('draft/batchget', since, (item, add) => {
      const news = (item['content'] as { news_item?: Item[] } | undefined)?.news_item ?? []
      for (const n of news) if (typeof item['media_id'] === 'string') add(draftKey(String(n['thumb_media_id']), String(n['title'])), item['media_id'])
    })
    return index.get(draftKey(thumb, title)) as string | undefined
  }

  /** The published article with this cover, or undefined when no published article has it. */
  async published(thumb: string, since: number): Promise<PublishedArticle | undefined> {
    const index = await this.#index('freepublish/batchget', since, (item, add) => {
      const news = (item['content'] as { news_item?: Item[] } | undefined)?.news_item ?? []
      for (const n of news) {
        if (typeof item['article_id'] !== 'string') continue
        add(String(n['thumb_media_id']), { articleId: item['article_id'], url: typeof n['url'] === 'string' ? n['url'] : undefined, deleted: n['is_deleted'] === true } satisfies PublishedArticle)
      }
    })
    return index.get(thumb) as PublishedArticle | undefined
  }

  /** An index of the whole list from a scan begun at or after `since` (monotonic ms). */
  #index(api: string, since: number, read: (item: Item, add: (key: string, value: unknown) => void) => void): Promise<Map<string, unknown>> {
    const current = this.#scans.get(api)
    if (current !== undefined && current.started >= since) return current.index
    const started = performance.now()
    const index = this.#scan(api, read)
    const scan = { started, index }
    this.#scans.set(api, scan)
    // A failed scan is not kept: the next lookup tries again.
    index.catch(() => {
      if (this.#scans.get(api) === scan) this.#scans.delete(api)
    })
    return index
  }

  /** Pages forward from the newest: an item made before the scan began only moves to later pages, so none is missed. */
  async #scan(api: string, read: (item: Item, add: (key: string, value: unknown) => void) => void): Promise<Map<string, unknown>> {
    const index = new Map<string, unknown>()
    const add = (key: string, value: unknown) => {
      if (!index.has(key)) index.set(key, value)
    }
    await pageThrough(this.#client, api, (item) => read(item, add))
    return index
  }
}

/** Hands every item of a whole list to `read`, page by page from the newest; a page that cannot be read throws. */
export async function pageThrough(client: WechatClient, api: string, read: (item: Record<string, unknown>) => void): Promise<void> {
  for (let offset = 0; ; offset += PAGE) {
    const json = { ...(api === 'material/batchget_material' ? { type: 'image' } : { no_content: 1 }), offset, count: PAGE }
    const body = await client.call(api, { json }, 'safe')
    const items = Array.isArray(body['item']) ? (body['item'] as Item[]) : []
    for (const item of items) read(item)
    if (items.length === 0 || offset + items.length >= Number(body['total_count'])) return
  }
}
