/**
 * Preflight: what cannot go to a channel, found before anything is rendered or pushed. Each
 * channel's declared `limits` are checked here the same way for every channel; then the
 * channel's own `preflight` runs.
 */
import type { Nodes } from 'mdast'
import type { Channel, Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import { toPlainText } from '@gongkai/core'
import { channelsFor, mapLimit } from '@gongkai/core/internal'

const chars = (s: string) => [...s].length

function place(d: Disclosure, field?: string): Pick<Diagnostic, 'file' | 'line' | 'column' | 'subject'> {
  const p = d.publication
  const pos = field === undefined ? undefined : p.source.fields?.[field]
  return { file: p.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: p.id }
}

function imagesOf(node: Nodes, out: { url: string; line?: number; column?: number }[] = []) {
  if (node.type === 'image' && node.url !== '') {
    const start = node.position?.start
    out.push({ url: node.url, ...(start === undefined ? {} : { line: start.line, column: start.column }) })
  }
  if ('children' in node) for (const child of node.children as Nodes[]) imagesOf(child, out)
  return out
}

const EXT_FORMAT: Readonly<Record<string, string>> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', gif: 'gif', webp: 'webp', svg: 'svg', bmp: 'bmp' }

function formatOf(url: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)(?:[?#].*)?$/.exec(url)?.[1]?.toLowerCase()
  return ext === undefined ? undefined : (EXT_FORMAT[ext] ?? ext)
}

/** A project-relative asset path from a body image URL (`../../assets/x.png` or `assets/x.png`), or undefined for remote ones. */
function assetPath(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('/')) return undefined
  const i = url.indexOf('assets/')
  return i === -1 ? undefined : url.slice(i).replace(/[?#].*$/, '')
}

/** Checks one disclosure against one channel's declared limits. */
export async function checkLimits(channel: Channel, d: Disclosure, ctx: RenderContext): Promise<Diagnostic[]> {
  const limits = channel.limits
  const p = d.publication
  const out: Diagnostic[] = []
  const on = `（${channel.id}）`
  if (limits.titleMaxChars !== undefined) {
    // A channel that shows its own title field (WeChat's `wechatTitle`) when set: that is the title its limit is about.
    const useShort = limits.titleField === 'wechatTitle' && p.wechatTitle !== undefined
    const title = useShort ? (p.wechatTitle ?? p.title) : p.title
    const n = chars(title)
    if (n > limits.titleMaxChars) {
      out.push({
        code: 'preflight/title-too-long',
        severity: 'error',
        message: `${useShort ? '微信标题' : '标题'}有 ${n} 个字，超过渠道${on}上限 ${limits.titleMaxChars} 个字`,
        hint: limits.titleField === 'wechatTitle' && !useShort ? `请加一个不超过 ${limits.titleMaxChars} 个字的 wechatTitle` : `请缩短到 ${limits.titleMaxChars} 个字以内`,
        ...place(d, useShort ? 'wechatTitle' : 'title'),
      })
    }
  }
  if (limits.digestMaxChars !== undefined && p.summary !== undefined && chars(p.summary) > limits.digestMaxChars) {
    out.push({
      code: 'preflight/digest-too-long',
      severity: 'error',
      message: `摘要有 ${chars(p.summary)} 个字，超过渠道${on}上限 ${limits.digestMaxChars} 个字`,
      hint: `请把 summary 缩短到 ${limits.digestMaxChars} 个字以内`,
      ...place(d, 'summary'),
    })
  }
  if (limits.contentMaxChars !== undefined || limits.contentMaxBytes !== undefined) {
    // The plain text is a lower bound of the rendered content: over it is surely over.
    const text = toPlainText(d.tree)
    const n = chars(text)
    const bytes = Buffer.byteLength(text, 'utf8')
    if (limits.contentMaxChars !== undefined && n > limits.contentMaxChars) {
      out.push({
        code: 'preflight/content-too-long',
        severity: 'error',
        message: `正文有 ${n} 个字，超过渠道${on}上限 ${limits.contentMaxChars} 个字`,
        hint: '请精简正文，或把全文作为附件、正文只写要点',
        ...place(d),
      })
    } else if (limits.contentMaxBytes !== undefined && bytes > limits.contentMaxBytes) {
      out.push({
        code: 'preflight/content-too-large',
        severity: 'error',
        message: `正文有 ${bytes} 字节，超过渠道${on}上限 ${limits.contentMaxBytes} 字节`,
        hint: '请精简正文，或把全文作为附件',
        ...place(d),
      })
    }
  }
  if (limits.imageFormats !== undefined || limits.imageMaxBytes !== undefined) {
    const formats = limits.imageFormats
    const images = imagesOf(d.tree)
    if (p.cover !== undefined) images.push({ url: p.cover })
    for (const img of images) {
      const where = img.line === undefined ? place(d, 'cover') : { file: p.source.file, line: img.line, column: img.column ?? 1, subject: p.id }
      const format = formatOf(img.url)
      if (formats !== undefined && (format === undefined || !formats.includes(format))) {
        out.push({
          code: 'preflight/image-format',
          severity: 'error',
          message: `图片“${img.url}”的格式${format === undefined ? '无法识别' : ` ${format} `}不被渠道${on}接受`,
          hint: `请转换为 ${formats.join('、')} 格式`,
          ...where,
        })
        continue
      }
      const asset = limits.imageMaxBytes === undefined ? undefined : assetPath(img.url)
      if (asset === undefined || limits.imageMaxBytes === undefined) continue
      const data = await ctx.readAsset(asset).catch(() => undefined)
      if (data !== undefined && data.byteLength > limits.imageMaxBytes) {
        out.push({
          code: 'preflight/image-too-large',
          severity: 'error',
          message: `图片“${img.url}”有 ${(data.byteLength / 1024 / 1024).toFixed(1)} MB，超过渠道${on}上限 ${(limits.imageMaxBytes / 1024 / 1024).toFixed(1)} MB`,
          hint: '请压缩图片后再发布',
          ...where,
        })
      }
    }
  }
  return out
}

/** One disclosure on one channel: its declared limits, then its own `preflight` (a throw is reported too). */
export async function checkOne(c: Channel, d: Disclosure, ctx: RenderContext): Promise<Diagnostic[]> {
  const out = await checkLimits(c, d, ctx)
  if (c.preflight !== undefined) {
    try {
      out.push(...(await c.preflight(d, ctx)).map((x) => ({ ...x, subject: x.subject ?? d.publication.id, file: x.file ?? d.publication.source.file })))
    } catch (cause) {
      out.push({
        code: 'preflight/failed',
        severity: 'error',
        message: `渠道 ${c.id} 检查时出错：${cause instanceof Error ? cause.message : String(cause)}`,
        hint: '这是程序问题，请把这条信息告诉维护人员',
        ...place(d),
      })
    }
  }
  return out
}

/** Checks every disclosure against every channel its item names (of those given), with `checkOne`. */
export async function preflight(channels: readonly Channel[], disclosures: readonly Disclosure[], ctx: RenderContext): Promise<Diagnostic[]> {
  const pairs = disclosures.flatMap((d) => channelsFor(d, channels).map((c) => [d, c] as const))
  const found = await mapLimit(pairs, 8, async ([d, c]) => checkOne(c, d, ctx))
  return found.flat()
}
