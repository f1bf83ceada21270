/**
 * 更正说明 articles: a published WeChat article's text cannot be edited, so each correction of a
 * publication (`corrections: [{ on, note }]`) becomes a short article of its own that links to the
 * original. Rendered with the publication (pure, into the release); the original article's URL is
 * known only after delivery, so the payload carries a placeholder that delivery binds.
 */
import { createHash } from 'node:crypto'
import type { Correction, Publication } from '@gongkai/core'
import { formatChineseDate } from '@gongkai/core'
import type { DraftPayload } from './draft.js'
import { buildDraft } from './draft.js'
import { escapeHtml } from './escape.js'
import { COLORS, STYLE } from './theme.js'

/** Placeholder for the original article's URL until delivery knows it. */
export const ORIGINAL_URL = 'gongkai:original-article-url'

/** Ledger revisions of 更正说明 articles start so; the rest is a hash of the correction. */
export const CORRECTION_REVISION = 'correction-'

/** The platform's title limit, in characters. */
const TITLE_MAX = 32
/** The platform's digest limit, in characters. */
const DIGEST_MAX = 128

/** The ledger revision of one correction's article: the same note on the same day is the same article. */
export function correctionRevision(c: Correction): string {
  return CORRECTION_REVISION + createHash('sha256').update(`${c.on}\u0000${c.note}`).digest('hex').slice(0, 16)
}

/** The file of one correction's payload inside OUT/wechat/<id>/. */
export function correctionFile(c: Correction): string {
  return `${correctionRevision(c)}.json`
}

/** True for a ledger revision that is a 更正说明 article, not a revision of the publication. */
export function isCorrectionRevision(revision: string): boolean {
  return revision.startsWith(CORRECTION_REVISION)
}

function cut(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** The title: 更正说明 and the original's title, cut to the platform's 32 characters. */
export function correctionTitle(title: string): string {
  return cut(`更正说明：${title}`, TITLE_MAX)
}

/** A title inside 《》: its own 《》 become 〈〉, as nested title marks are written. */
function quoted(title: string): string {
  return `《${title.replace(/《/g, '〈').replace(/》/g, '〉')}》`
}

/**
 * The draft payload of one correction's article; `ORIGINAL_URL` stands for the original article's
 * link. `title` is the WeChat title (the article's own title says 更正说明 and it); the text names
 * the publication by its full title.
 */
export function correctionDraft(p: Publication, c: Correction, title: string, author: string, body: string, sourceUrl: string): DraftPayload {
  const published = p.published ?? p.formed
  const link = `<a href="${ORIGINAL_URL}" style="${STYLE.a}">${escapeHtml(title)}</a>`
  const content = [
    `<section style="${STYLE.root}">`,
    `<p style="${STYLE.p}">本号于${formatChineseDate(published)}发布的${escapeHtml(quoted(p.title))}一文，现更正如下：</p>`,
    `<p style="${STYLE.quote}">${escapeHtml(c.note)}</p>`,
    `<p style="${STYLE.p}">原文：${link}</p>`,
    `<p style="${STYLE.p}">特此更正。</p>`,
    `<p style="margin:24px 0 0;text-align:right;color:${COLORS.text};">${escapeHtml(body)}<br>${formatChineseDate(c.on)}</p>`,
    '</section>',
  ].join('')
  return buildDraft({ title: correctionTitle(title), author, digest: cut(`更正：${c.note}`, DIGEST_MAX), content, content_source_url: sourceUrl, need_open_comment: 0 })
}

/** The payload with the original article's URL in place of the placeholder. */
export function bindOriginal(payload: DraftPayload, url: string): DraftPayload {
  const [a] = payload.articles
  const safe = escapeHtml(url)
  return { articles: [{ ...a, content: a.content.split(ORIGINAL_URL).join(safe) }] }
}
