/** Which channels a disclosure goes to, and whether it may go out yet. */
import type { Channel } from '../channel.js'
import type { Disclosure } from '../model.js'

/** The channels (of those given, in their order) that the disclosure's catalog item names. */
export function channelsFor(d: Disclosure, channels: readonly Channel[]): Channel[] {
  const named = d.item.channels as readonly string[]
  return channels.filter((c) => named.includes(c.id))
}

/** Why a publication is held back from delivery. */
export type HoldReason = 'unreviewed' | 'scheduled'

/** Why a disclosure may not be delivered at `now`, or undefined when it is due. */
export function holdReason(d: Disclosure, now: Date): HoldReason | undefined {
  const p = d.publication
  if (p.review === undefined) return 'unreviewed'
  if (p.publishAt !== undefined && Date.parse(p.publishAt) > now.getTime()) return 'scheduled'
  return undefined
}
