/** Chinese labels and small formatting helpers shared by the views. */
import { createHash } from 'node:crypto'
import { RECORDED_CHANNELS } from '@gongkai/core'
import type { AdjustmentKind, Audience, CatalogItem, DisclosureMode, Level, PublicationKind, Stage } from '@gongkai/core'

/** 发布 / 解读 / 回应 */
export const KIND_LABELS: Readonly<Record<PublicationKind, string>> = { release: '发布', interpretation: '政策解读', response: '回应关切' }
/** 五公开 */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = { decision: '决策公开', execution: '执行公开', management: '管理公开', service: '服务公开', result: '结果公开' }
/** 公开方式 */
export const MODE_LABELS: Readonly<Record<DisclosureMode, string>> = { proactive: '主动公开', 'on-request': '依申请公开' }
/** 公开对象 */
export const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = { public: '全社会', specific: '特定群体' }
/** 公开层级 */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = { county: '县级', township: '乡级' }
/** 动态调整 kinds */
export const ADJUSTMENT_LABELS: Readonly<Record<AdjustmentKind, string>> = { add: '新增', cancel: '取消', delegate: '下放', assume: '承接', retain: '保留', amend: '变更' }

const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  website: '政府网站',
  wechat: '两微一端',
  noticeboard: '公示栏',
  kiosk: '电子屏',
  ...RECORDED_CHANNELS,
}

/** The Chinese label of a channel id (unknown ids are shown as written). */
export function channelLabel(id: string): string {
  return CHANNEL_LABELS[id] ?? id
}

/** The 公开渠道和载体 of an item as one line. */
export function channelsText(item: CatalogItem): string {
  return item.channels.map(channelLabel).join('、')
}

/** Characters XML 1.0 does not allow at all, not even as references: most C0 controls, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

/**
 * Escapes text for XML (feed, sitemap). Characters XML 1.0 forbids are dropped: the loader already
 * takes them out of content, and one that got through must not make the whole feed unreadable.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'))
}

/** A short hex hash of some strings (cache keys and content hashes). */
export function hashOf(...parts: readonly (string | Uint8Array)[]): string {
  const h = createHash('sha1')
  for (const p of parts) {
    h.update(p)
    h.update('\u0000')
  }
  return h.digest('hex').slice(0, 20)
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()
const offsetFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function dateIn(instant: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, f)
  }
  return f.format(instant)
}

/** The UTC offset (`+08:00`) of a timezone at an instant, for RFC 3339 dates in the feed. */
export function offsetIn(instant: Date, timeZone: string): string {
  let f = offsetFormats.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    offsetFormats.set(timeZone, f)
  }
  const name = f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name)
  return m === null ? 'Z' : `${m[1]}:${m[2] ?? '00'}`
}
