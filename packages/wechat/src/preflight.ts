/**
 * The WeChat checks that the hub's declared-limit check cannot make: the rendered article's size
 * (inline styles count), remote or missing images, an empty title. Title, digest and plain-text
 * length are declared in `WECHAT_LIMITS` and checked by the hub.
 */
import type { ChannelLimits, Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import type { ResolvedWechatOptions } from './options.js'
import { renderArticle } from './render/article.js'
import { prepareCharts } from './render/charts.js'
import { imageUrls, isRemote } from './render/images.js'
import type { PreparedImage } from './render/state.js'
import { titleOf } from './render/render.js'

/** The platform's limits, as data. */
export const WECHAT_LIMITS = {
  titleMaxChars: 32,
  titleField: 'wechatTitle',
  digestMaxChars: 128,
  contentMaxChars: 20_000,
  contentMaxBytes: 1024 * 1024,
  imageMaxBytes: 10 * 1024 * 1024,
  size: '375',
} as const satisfies ChannelLimits

/** An uploaded image URL is about this long (mmbiz.qpic.cn); local names are shorter. */
const UPLOADED_URL_CHARS = 120

/** Checks one disclosure for WeChat. */
export async function preflightWechat(d: Disclosure, ctx: RenderContext, options: ResolvedWechatOptions): Promise<Diagnostic[]> {
  const p = d.publication
  const out: Diagnostic[] = []
  const place = (field?: string) => ({ file: p.source.file, ...(field === undefined ? {} : (p.source.fields?.[field] ?? {})), subject: p.id })
  if (titleOf(p).trim() === '') out.push({ code: 'wechat/empty-title', severity: 'error', message: '微信标题不能为空', hint: '请填写 title 或 wechatTitle', ...place('wechatTitle') })
  const urls = imageUrls(d.tree)
  const fake = new Map<string, PreparedImage>()
  for (const { url, line, column } of urls) {
    if (isRemote(url)) {
      out.push({
        code: 'wechat/remote-image',
        severity: 'error',
        message: `微信文章不能引用外部图片“${url}”`,
        hint: '请把图片下载到项目的 assets/ 目录，用相对路径引用；发布时会上传到微信平台',
        file: p.source.file,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
        subject: p.id,
      })
      continue
    }
    fake.set(url, { file: 'img-0000000000000000.jpg', data: new Uint8Array(), mediaType: 'image/jpeg', sha: '0' })
  }
  const charts = await prepareCharts(d.tree)
  const { html } = renderArticle(d, ctx.config, fake, options.sourceUrl, charts)
  const uploads = fake.size + [...charts.values()].flat().length
  const chars = [...html].length + uploads * UPLOADED_URL_CHARS
  const bytes = Buffer.byteLength(html, 'utf8') + uploads * UPLOADED_URL_CHARS
  if (chars >= WECHAT_LIMITS.contentMaxChars) {
    out.push({
      code: 'wechat/content-too-long',
      severity: 'error',
      message: `微信正文排版后约 ${chars} 个字符（含排版代码），平台要求少于 ${WECHAT_LIMITS.contentMaxChars} 个`,
      hint: '请精简正文（大表格最占篇幅），或只发要点、全文放在网站上由“阅读原文”链接',
      ...place(),
    })
  } else if (bytes >= WECHAT_LIMITS.contentMaxBytes) {
    out.push({ code: 'wechat/content-too-large', severity: 'error', message: `微信正文排版后约 ${bytes} 字节，平台要求小于 1 MB`, hint: '请精简正文', ...place() })
  }
  return out
}
