/** One publication → its WeChat artifacts under OUT/wechat/<id>/. Pure: same input, same bytes. */
import type { Artifact, Disclosure, Publication, RenderContext } from '@gongkai/core'
import type { FontSet } from '@gongkai/fonts'
import { resolveFonts } from '@gongkai/fonts'
import type { ResolvedWechatOptions } from '../options.js'
import { renderArticle, sourceUrlOf } from './article.js'
import { prepareCharts } from './charts.js'
import { coverOf } from './cover.js'
import { digestOf } from './digest.js'
import { buildDraft } from './draft.js'
import { correctionDraft, correctionFile } from './correction.js'
import { prepareImages } from './images.js'
import { PREVIEW_ARTICLE_BANNER, renderPreview } from './preview.js'
import { formatChineseDate } from '@gongkai/core'
import { isPreview } from '@gongkai/core/internal'

/** File names inside OUT/wechat/<id>/. */
export const FILES = { article: 'article.html', cover: 'cover.jpg', preview: 'preview.html', draft: 'draft.json' } as const

/** The title the platform shows: `wechatTitle` when given. Never cut: preflight reports a long one. */
export function titleOf(p: Publication): string {
  return p.wechatTitle ?? p.title
}

/**
 * The 作者 field: the option, or none when it would repeat the account's name (the issuing body),
 * which the platform already shows beside it: `青川县生态环境局 青川县生态环境局 2026年11月13日`.
 */
export function authorOf(options: ResolvedWechatOptions, body: string): string {
  const author = options.author ?? ''
  return author === body || author === [...body].slice(0, 16).join('') ? '' : author
}

const fontSets = new Map<string, FontSet>()

/** The font set for a config's fallback, resolved once; a missing fallback file is ignored here (fonts report it). */
export function fontsFor(fallback: string | undefined): FontSet {
  const key = fallback ?? ''
  let set = fontSets.get(key)
  if (set === undefined) {
    try {
      set = resolveFonts(fallback === undefined ? {} : { fallback })
    } catch {
      set = resolveFonts()
    }
    fontSets.set(key, set)
  }
  return set
}

/** Renders article.html, cover.jpg, preview.html, draft.json and the prepared inline images. */
export async function renderWechat(d: Disclosure, ctx: RenderContext, options: ResolvedWechatOptions): Promise<Artifact[]> {
  const p = d.publication
  const dir = `${p.id}/`
  const images = await prepareImages(d, ctx)
  const fonts = fontsFor(ctx.config.fonts.fallback)
  const charts = await prepareCharts(d.tree, fonts)
  const rendered = renderArticle(d, ctx.config, images, options.sourceUrl, charts)
  const marked = isPreview(d, ctx)
  const article = marked ? { ...rendered, html: PREVIEW_ARTICLE_BANNER + rendered.html } : rendered
  const title = titleOf(p)
  const digest = digestOf(p.summary, d.tree)
  const author = authorOf(options, ctx.config.body.name)
  const sourceUrl = sourceUrlOf(p.id, ctx.config, options.sourceUrl)
  const cover = await coverOf(d, title, fonts, ctx)
  const draft = buildDraft({ title, author, digest, content: article.html, content_source_url: sourceUrl, need_open_comment: options.openComment ? 1 : 0 })
  const preview = renderPreview({
    title,
    author,
    account: ctx.config.body.name,
    date: formatChineseDate(p.published ?? p.formed),
    digest,
    articleHtml: article.html,
    cover: FILES.cover,
    sourceUrl,
    preview: marked,
  })
  const base = { channel: 'wechat', publication: p.id } as const
  const out: Artifact[] = [
    { ...base, path: dir + FILES.article, data: article.html, mediaType: 'text/html; charset=utf-8' },
    { ...base, path: dir + FILES.cover, data: cover, mediaType: 'image/jpeg' },
    { ...base, path: dir + FILES.preview, data: preview, mediaType: 'text/html; charset=utf-8' },
    { ...base, path: dir + FILES.draft, data: `${JSON.stringify(draft, null, 2)}\n`, mediaType: 'application/json' },
  ]
  for (const img of [...images.values(), ...[...charts.values()].flat()]) out.push({ ...base, path: dir + img.file, data: img.data, mediaType: img.mediaType })
  // 更正说明, when the office publishes them: one payload per correction, sent only once the original went out.
  if (options.corrections === 'notice' && !marked)
    for (const c of p.corrections ?? []) {
      const payload = correctionDraft(p, c, title, author, ctx.config.body.name, sourceUrl)
      out.push({ ...base, path: dir + correctionFile(c), data: `${JSON.stringify(payload, null, 2)}\n`, mediaType: 'application/json' })
    }
  return out
}
