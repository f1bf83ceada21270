/** Which channels a disclosure goes to, and whether it may go out yet: the one rule every channel and the hub follow. */
import type { Channel } from './channel.js'
import type { Disclosure } from './model.js'
import { isReviewed } from './review.js'

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
