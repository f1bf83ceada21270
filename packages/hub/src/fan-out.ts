/** Fan-out: one disclosure rendered to every channel its catalog item names, failures isolated. */
import type { Artifact, Channel, Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import { GongkaiError } from '@gongkai/core'
import { channelsFor, isSafeArtifactPath } from '@gongkai/core/internal'

/** What one channel made of one disclosure. */
export interface ChannelRender {
  readonly channel: string
  /** Empty when the render failed (see `diagnostics`). */
  readonly artifacts: readonly Artifact[]
  readonly ok: boolean
}

/** What `fanOut` returns. */
export interface FanOutResult {
  readonly publication: string
  /** One entry per channel rendered, in the order the channels were given. */
  readonly renders: readonly ChannelRender[]
  /** Render failures and what the channels reported, each with the publication as subject. */
  readonly diagnostics: readonly Diagnostic[]
}

/** A RenderContext whose `report` tags messages with the publication and collects them. */
export function scopedContext(ctx: RenderContext, d: Disclosure | undefined, sink: Diagnostic[], all: readonly Disclosure[] = ctx.all): RenderContext {
  const file = d?.publication.source.file
  const subject = d?.publication.id
  return {
    config: ctx.config,
    catalog: ctx.catalog,
    all,
    now: ctx.now,
    ...(ctx.preview === undefined ? {} : { preview: ctx.preview }),
    readAsset: (path) => ctx.readAsset(path),
    report(diagnostic) {
      const tagged = { ...(file === undefined ? {} : { file }), ...(subject === undefined ? {} : { subject }), ...diagnostic }
      sink.push(tagged)
      ctx.report(tagged)
    },
  }
}

/** The Chinese names operators know the rendered channels by; other ids are shown as written. */
const CHANNEL_LABELS: Readonly<Record<string, string>> = { website: '政府网站', wechat: '微信公众号', noticeboard: '公示栏', kiosk: '办事大厅屏' }
/** Long titles are cut in the message: the id and file already say which publication it is. */
const TITLE_SHOWN = 30

/**
 * Why a render failed, as a Diagnostic naming the channel (in Chinese) and the publication. A
 * library's own error text (often English, e.g. sharp's) follows as the cause, not as the message.
 */
export function renderFailure(channel: string, d: Disclosure | undefined, cause: unknown, phase: 'render' | 'assemble' = 'render'): Diagnostic {
  const name = CHANNEL_LABELS[channel] === undefined ? `渠道 ${channel}` : `${CHANNEL_LABELS[channel]}（${channel}）`
  const why = cause instanceof GongkaiError ? `${cause.message} [${cause.code}]` : `程序出错，原因：${cause instanceof Error ? cause.message : String(cause)}`
  let what = '汇总内容'
  if (d !== undefined) {
    const chars = [...d.publication.title]
    const title = chars.length > TITLE_SHOWN ? `${chars.slice(0, TITLE_SHOWN).join('')}…` : d.publication.title
    what = `公开信息 ${d.publication.id}“${title}”，这一篇没有成品`
  }
  return {
    code: phase === 'render' ? 'render/failed' : 'render/assemble-failed',
    severity: 'error',
    message: `${name}未能生成${what}：${why}`,
    hint: cause instanceof GongkaiError && cause.hint !== undefined ? cause.hint : '其他信息照常生成；请根据提示修改这条信息，或把这段输出告诉维护人员',
    ...(d === undefined ? {} : { file: d.publication.source.file, subject: d.publication.id }),
  }
}

/** Keeps the artifacts whose paths stay inside the channel folder; reports the others. */
export function safeArtifacts(channel: string, artifacts: readonly Artifact[], d: Disclosure | undefined, sink: Diagnostic[]): Artifact[] {
  const kept: Artifact[] = []
  for (const a of artifacts) {
    if (isSafeArtifactPath(a.path)) {
      kept.push(a)
      continue
    }
    sink.push({
      code: 'render/unsafe-path',
      severity: 'error',
      message: `渠道 ${channel} 生成的文件路径“${String(a.path).slice(0, 80)}”会写到输出目录之外，已拒绝`,
      hint: '这是渠道程序的问题，请告诉维护人员',
      ...(d === undefined ? {} : { file: d.publication.source.file, subject: d.publication.id }),
    })
  }
  return kept
}

/** Renders with one channel, turning a throw into a Diagnostic. */
export async function renderWith(channel: Channel, d: Disclosure, ctx: RenderContext, sink: Diagnostic[]): Promise<ChannelRender> {
  try {
    const artifacts = await channel.render(d, scopedContext(ctx, d, sink))
    return { channel: channel.id, artifacts: safeArtifacts(channel.id, artifacts, d, sink), ok: true }
  } catch (cause) {
    sink.push(renderFailure(channel.id, d, cause))
    return { channel: channel.id, artifacts: [], ok: false }
  }
}

/**
 * Renders one disclosure to every channel its item names (item.channels ∩ `channels`), the
 * channels side by side. One channel's failure is a Diagnostic; the others still render.
 */
export async function fanOut(d: Disclosure, channels: readonly Channel[], ctx: RenderContext): Promise<FanOutResult> {
  const diagnostics: Diagnostic[] = []
  const renders = await Promise.all(channelsFor(d, channels).map((c) => renderWith(c, d, ctx, diagnostics)))
  return { publication: d.publication.id, renders, diagnostics }
}
