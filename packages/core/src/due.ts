/** Which channels a disclosure goes to, and whether it may go out yet: the one rule every channel and the hub follow. */
import type { Channel, RenderContext } from './channel.js'
import type { Disclosure, Publication, ValidityStatus, Withdrawal } from './model.js'
import { isReviewed, reviewLevelsOf } from './review.js'

/** The channels (of those given, in their order) that the disclosure's catalog item names. */
export function channelsFor(d: Disclosure, channels: readonly Channel[]): Channel[] {
  const named = d.item.channels as readonly string[]
  return channels.filter((c) => named.includes(c.id))
}

/** Why a publication is held back from delivery. */
export type HoldReason = 'unreviewed' | 'scheduled'

/** Why a publication with these facts may not go out at `now`, or undefined when it is due. */
export function holdFor(facts: { readonly reviewed: boolean; readonly publishAt?: string | undefined }, now: Date): HoldReason | undefined {
  if (!facts.reviewed) return 'unreviewed'
  if (facts.publishAt !== undefined && Date.parse(facts.publishAt) > now.getTime()) return 'scheduled'
  return undefined
}

/** Why a disclosure may not be delivered at `now`, or undefined when it is due; `levels` are the config's review levels (`reviewLevelsOf`). */
export function holdReason(d: Disclosure, now: Date, levels: readonly string[]): HoldReason | undefined {
  return holdFor({ reviewed: isReviewed(d.publication, levels), publishAt: d.publication.publishAt }, now)
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar day (YYYY-MM-DD) of `now` in `timezone`. */
function dayIn(now: Date, timezone: string): string {
  let f = dayFormats.get(timezone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timezone, f)
  }
  return f.format(now)
}

/**
 * 有效性 on the day `now` falls on in `timezone`: a 失效 or 废止 status counts from its `on` day (有效
 * before it), and `expires` makes the publication 失效 from that day on unless it was already 废止.
 * Undefined when the publication carries neither `validity` nor `expires`.
 */
export function effectiveValidity(facts: Pick<Publication, 'validity' | 'expires'>, now: Date, timezone = 'Asia/Shanghai'): ValidityStatus | undefined {
  const { validity, expires } = facts
  if (validity === undefined && expires === undefined) return undefined
  const today = dayIn(now, timezone)
  const written = validity === undefined || (validity.on !== undefined && validity.on > today) ? '有效' : validity.status
  if (written === '废止') return written
  if (expires !== undefined && expires <= today) return '失效'
  return written
}

/**
 * Whether this render of a disclosure is a 预览稿: a preview build rendering a publication that has
 * not passed 保密审查. Every channel marks such artifacts (sheet, slide, page, article) from this one
 * rule, and the render cache keys on it, so a real build never reuses a marked render.
 */
export function isPreview(d: Disclosure, ctx: Pick<RenderContext, 'preview' | 'config'>): boolean {
  return ctx.preview === true && !isReviewed(d.publication, reviewLevelsOf(ctx.config))
}

/**
 * The withdrawal of a publication when it is in force on the day `now` falls on in `timezone`:
 * `withdrawn.on` today or earlier. A withdrawal dated ahead is not yet in force (undefined), so the
 * publication still goes out until that day. Every channel's take-down follows this one rule.
 */
export function withdrawalInForce(facts: Pick<Publication, 'withdrawn'>, now: Date, timezone = 'Asia/Shanghai'): Withdrawal | undefined {
  const w = facts.withdrawn
  if (w === undefined) return undefined
  return w.on <= dayIn(now, timezone) ? w : undefined
}
