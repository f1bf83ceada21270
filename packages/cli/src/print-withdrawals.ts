/**
 * The noticeboard's 撤回 in the ledger: a withdrawn sheet is listed under 今日撤下 by the first print
 * run on or after its withdrawal, and recorded then (channel `noticeboard`, state `withdrawn`, the
 * day listed); a later day's run does not list it again, a second run on the same day still does.
 */
import type { Ledger } from '@gongkai/core'

/** The channel id in the ledger. */
const CHANNEL = 'noticeboard'
/** Ledger steps of a noticeboard withdrawal. */
export const LISTED_STEPS = { on: 'listed_on', at: 'withdrawn_at' } as const

/** Ids whose withdrawal a run before `day` already listed. */
export async function listedBefore(ledger: Ledger, day: string): Promise<Set<string>> {
  const records = await ledger.list({ channel: CHANNEL, state: 'withdrawn' })
  return new Set(records.filter((r) => (r.steps[LISTED_STEPS.on] ?? day) < day).map((r) => r.publication))
}

/** Records each withdrawn sheet the run on `day` listed; one already recorded keeps its first day. */
export async function recordListed(ledger: Ledger, day: string, now: Date, sheets: readonly { readonly id: string; readonly revision: string; readonly reason: string }[]): Promise<void> {
  for (const s of sheets) {
    const key = { publication: s.id, revision: s.revision, channel: CHANNEL }
    const record = await ledger.open(key)
    await ledger.recordStep(key, LISTED_STEPS.on, day)
    await ledger.recordStep(key, LISTED_STEPS.at, now.toISOString())
    if (record.state !== 'withdrawn') await ledger.setState(key, 'withdrawn', { error: { code: 'noticeboard/withdrawn', message: `列入 ${day} 的张贴清单“今日撤下”：${s.reason}` } })
  }
}
