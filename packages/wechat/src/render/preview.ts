/**
 * The preview page: the exact article HTML in a phone-width frame, under the title and author
 * line the platform draws, with the cover as the two crops readers will see (share card and
 * square). The page itself may use a `<style>`: only the article must live without one.
 */
import { escapeHtml } from './escape.js'

/** What the preview shows. */
export interface PreviewInput {
  readonly title: string
  /** 作者, empty when it would repeat the account's name. */
  readonly author: string
  readonly account: string
  readonly date: string
  readonly digest: string
  readonly articleHtml: string
  /** Relative file names next to preview.html. */
  readonly cover: string
  readonly sourceUrl: string
  /** A 预览稿 (see `isPreview`): the page opens with a banner saying it must not be sent. */
  readonly preview?: boolean
}

/**
 * What a 预览稿 article opens with, inline-styled as the platform wants: the article itself says
 * so, and so would a copy pasted into the editor by hand.
 */
export const PREVIEW_ARTICLE_BANNER =
  '<section style="margin:0 0 16px;padding:10px 12px;border:2px solid #d81e06;border-radius:4px;background:#fff3f0;color:#b01a04;font-size:15px;line-height:1.6;text-align:center;"><strong>预览稿</strong>：未经保密审查，不得群发或转发</section>'

/** Renders preview.html. */
export function renderPreview(i: PreviewInput): string {
  const t = escapeHtml(i.title)
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>微信预览：${t}</title>
<style>
body{margin:0;padding:24px 12px;background:#e9ecef;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;color:#333}
.row{display:flex;flex-wrap:wrap;gap:28px;justify-content:center;align-items:flex-start}
.phone{width:375px;background:#fff;border:10px solid #1b1b1b;border-radius:34px;overflow:hidden;box-shadow:0 6px 24px rgba(0,0,0,.2)}
.bar{height:28px;background:#ededed;font-size:12px;line-height:28px;text-align:center;color:#555}
.screen{height:720px;overflow-y:auto;padding:20px 16px 40px}
.title{margin:0 0 12px;font-size:22px;line-height:1.4;font-weight:700;color:#1a1a1a}
.by{margin:0 0 22px;font-size:15px;color:#888}.by b{font-weight:400;color:#576b95}
.source{margin:28px 0 0;font-size:14px;color:#576b95}
.side{width:360px;font-size:14px}
.side h2{font-size:15px;margin:0 0 8px;color:#555}
.card{background:#fff;border-radius:8px;padding:12px;margin:0 0 20px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.wide{width:100%;aspect-ratio:2.35/1;object-fit:cover;display:block;border-radius:4px}
.sq{display:flex;gap:10px;align-items:center}
.sq img{width:72px;height:72px;object-fit:cover;border-radius:4px;flex:none}
.digest{color:#888;font-size:13px;margin:6px 0 0;line-height:1.5}
.preview-banner{max-width:760px;margin:0 auto 20px;padding:12px 16px;background:#fff3cd;color:#5c3c00;border:2px solid #d81e06;border-radius:6px;font-size:16px;text-align:center}
</style>
</head>
<body>
${i.preview === true ? '<div class="preview-banner" role="note"><strong>预览稿</strong>：本文未经保密审查，仅供内部预览，不得群发、转发或粘贴到公众号后台。</div>\n' : ''}<div class="row">
<div class="phone"><div class="bar">${escapeHtml(i.account)}</div><div class="screen">
<h1 class="title">${t}</h1>
<p class="by">${i.author === '' || i.author === i.account ? '' : `${escapeHtml(i.author)} `}<b>${escapeHtml(i.account)}</b> ${escapeHtml(i.date)}</p>
<div id="js_content">${i.articleHtml}</div>
<p class="source">阅读原文</p>
</div></div>
<div class="side">
<h2>分享卡片（2.35:1 裁切）</h2>
<div class="card"><img class="wide" src="${escapeHtml(i.cover)}" alt="封面"><p><b>${t}</b></p><p class="digest">${escapeHtml(i.digest)}</p></div>
<h2>消息列表（1:1 裁切）</h2>
<div class="card sq"><div><b>${t}</b><p class="digest">${escapeHtml(i.digest)}</p></div><img src="${escapeHtml(i.cover)}" alt="封面方图"></div>
<h2>阅读原文</h2>
<div class="card">${escapeHtml(i.sourceUrl)}</div>
</div>
</div>
</body>
</html>
`
}
