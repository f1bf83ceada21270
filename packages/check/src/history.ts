/**
 * Every check run kept in the project's store (its key-value table: no migration, and the
 * PostgreSQL store has the same one), one summary per day, so that trends read back what was found
 * then instead of recomputing a past that the ledger and the pages no longer show.
 */
import type { KeyValueStore } from '@gongkai/core'
import type { CheckReport, IndicatorId, OwnerDeadlines, RuleId } from './types.js'

/** What is kept of one run. */
export interface CheckRun {
  readonly format: 'gongkai-check-run/1'
  readonly on: string
  /** When it ran (ISO). */
  readonly at: string
  readonly vetoed: boolean
  readonly indicators: readonly { readonly id: IndicatorId; readonly status: string; readonly veto: boolean; readonly findings: number }[]
  /** Findings by rule, and by owner within a rule (`''` for the site as a whole). */
  readonly rules: Readonly<Partial<Record<RuleId, Readonly<Record<string, number>>>>>
  readonly deadlines: readonly OwnerDeadlines[]
  readonly freshness: CheckReport['freshness']
}

const INDEX = 'check/runs'
const key = (on: string) => `check/run/${on}`

/** The summary of a report that is kept. */
export function summarizeRun(report: CheckReport, at: Date): CheckRun {
  const rules: Partial<Record<RuleId, Record<string, number>>> = {}
  for (const i of report.indicators)
    for (const f of i.findings) {
      const byOwner = (rules[f.rule] ??= {})
      byOwner[f.owner ?? ''] = (byOwner[f.owner ?? ''] ?? 0) + 1
    }
  return {
    format: 'gongkai-check-run/1',
    on: report.on,
    at: at.toISOString(),
    vetoed: report.vetoed,
    indicators: report.indicators.map((i) => ({ id: i.id, status: i.status, veto: i.veto, findings: i.findings.length })),
    rules,
    deadlines: report.deadlines,
    freshness: report.freshness,
  }
}

/** Keeps a run (a later run of the same day replaces the earlier one). */
export async function saveCheckRun(kv: KeyValueStore, report: CheckReport, at: Date): Promise<CheckRun> {
  const run = summarizeRun(report, at)
  await kv.set(key(run.on), JSON.stringify(run))
  const days = new Set(JSON.parse((await kv.get(INDEX)) ?? '[]') as string[])
  days.add(run.on)
  await kv.set(INDEX, JSON.stringify([...days].sort()))
  return run
}

/** The runs kept for days in [`from`, `to`], in order. */
export async function listCheckRuns(kv: KeyValueStore, from = '0000-00-00', to = '9999-99-99'): Promise<CheckRun[]> {
  const days = (JSON.parse((await kv.get(INDEX)) ?? '[]') as string[]).filter((d) => d >= from && d <= to)
  const out: CheckRun[] = []
  for (const d of days) {
    const raw = await kv.get(key(d))
    if (raw === undefined) continue
    const run = JSON.parse(raw) as CheckRun
    if (run.format === 'gongkai-check-run/1') out.push(run)
  }
  return out
}
