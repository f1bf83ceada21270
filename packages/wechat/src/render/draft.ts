/** The exact `draft/add` payload, written as draft.json with image URLs and the cover still local. */

/** Placeholder for the cover's media id until it is uploaded. */
export const LOCAL_THUMB = 'local:cover.jpg'

/** One article of a `draft/add` request (field names are the platform's). */
export interface DraftArticle {
  readonly article_type: 'news'
  readonly title: string
  readonly author: string
  readonly digest: string
  readonly content: string
  readonly content_source_url: string
  readonly thumb_media_id: string
  readonly need_open_comment: 0 | 1
  readonly only_fans_can_comment: 0 | 1
}

/** The `draft/add` request body. */
export interface DraftPayload {
  readonly articles: readonly [DraftArticle]
}

/** Builds the payload. */
export function buildDraft(a: Omit<DraftArticle, 'article_type' | 'thumb_media_id' | 'only_fans_can_comment'>): DraftPayload {
  return { articles: [{ article_type: 'news', ...a, thumb_media_id: LOCAL_THUMB, only_fans_can_comment: 0 }] }
}

/**
 * The payload with each local image file name replaced by its platform URL and the cover by its
 * media id. Only `src="file"` attributes are touched.
 */
export function bindDraft(payload: DraftPayload, imageUrls: ReadonlyMap<string, string>, thumbMediaId: string): DraftPayload {
  const [a] = payload.articles
  const content = a.content.replace(/ src="([^"]+)"/g, (whole, file: string) => {
    const url = imageUrls.get(file)
    return url === undefined ? whole : ` src="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`
  })
  return { articles: [{ ...a, content, thumb_media_id: thumbMediaId }] }
}
