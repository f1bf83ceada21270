/** One self-inspection: every indicator over the project, its built site, the ledger and (with a URL) the live site. */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { ERRORS, OptionsError } from '@gongkai/core'
import type { DeliveryRecord, Diagnostic, Project, WorkdayCalendar } from '@gongkai/core'
import { readDelivered } from '@gongkai/hub'
import type { CheckContext } from './context.js'
import { dayOf } from './context.js'
import { accessibility } from './indicators/accessibility.js'
import { completeness } from './indicators/completeness.js'
import { deadlines } from './indicators/deadlines.js'
import { freshness } from './indicators/freshness.js'
import { integrity } from './indicators/integrity.js'
import { links } from './indicators/links.js'
import { readCheckSettings } from './settings.js'
import { folderSite, httpSite } from './site.js'
import type { Site } from './site.js'
import type { CheckReport } from './types.js'

/** Options of `runCheck`. */
export interface RunCheckOptions {
  readonly project: Project
  readonly calendar: WorkdayCalendar
  /** Every ledger record (`store.ledger.list()`). */
  readonly records: readonly DeliveryRecord[]
  /** The clock's instant; the day checked is its day in the project's timezone unless `on` is given. */
  readonly now: Date
  /** The day to check, `YYYY-MM-DD` (`--on`). */
  readonly on?: string
  /** The built site folder; default `out/website` in the project. */
  readonly siteDir?: string
  /** The live site's base URL (`--url`). */
  readonly url?: string
  /** Check external links (`--external`, or `check.links.external`). */
  readonly external?: boolean
  /** Run axe in Chromium when it is found (default true). */
  readonly browser?: boolean
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** The report and the problems of the `check:` settings. */
export interface RunCheckResult {
  readonly report: CheckReport
  readonly diagnostics: readonly Diagnostic[]
}

function label(projectDir: string, path: string): string {
  const rel = relative(projectDir, path)
  return rel.startsWith('..') ? path : rel.split(sep).join('/')
}

/** The last second of a day in a timezone, as epoch milliseconds (the zone's offset read at that instant). */
function endOfDay(day: string, timezone: string): number {
  const utc = Date.parse(`${day}T23:59:59Z`)
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utc))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return utc - (shown - utc)
}

/** Runs every indicator. */
export async function runCheck(options: RunCheckOptions): Promise<RunCheckResult> {
  const { project } = options
  const diagnostics: Diagnostic[] = []
  const settings = readCheckSettings(project.config, diagnostics)
  const on = options.on ?? dayOf(options.now.toISOString(), project.config.timezone)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`))) throw new OptionsError(ERRORS.CheckBadDay, `自查日期应为 YYYY-MM-DD 格式的日期，不能是“${on}”`)
  // A past day is checked as of its end: what had gone out by then.
  const now = options.on === undefined ? options.now : new Date(Math.min(options.now.getTime(), endOfDay(on, project.config.timezone)))
  const siteDir = options.siteDir ?? join(project.dir, 'out', 'website')
  const built: Site | undefined = existsSync(join(siteDir, 'index.html')) ? await folderSite(siteDir) : undefined
  const live = options.url === undefined ? undefined : await httpSite(options.url, settings)
  const delivered = await readDelivered(project.dir, 'website').catch(() => undefined)
  const liveFolder = live === undefined && delivered !== undefined && existsSync(join(delivered.target, 'index.html')) ? await folderSite(delivered.target) : undefined
  const catalogText = await readFile(join(project.dir, 'catalog.yaml'), 'utf8').catch(() => undefined)
  const ctx: CheckContext = {
    project,
    settings,
    on,
    now,
    past: on < dayOf(options.now.toISOString(), project.config.timezone),
    calendar: options.calendar,
    records: options.records.filter((r) => r.deliveredAt === undefined || dayOf(r.deliveredAt, project.config.timezone) <= on),
    ...(built === undefined ? {} : { built }),
    builtLabel: label(project.dir, siteDir),
    ...(live === undefined ? {} : { live }),
    external: options.external === true || settings.external,
    ...(catalogText === undefined ? {} : { catalogText }),
  }
  const fresh = freshness(ctx)
  const dl = deadlines(ctx)
  const indicators = [
    fresh.result,
    dl.result,
    completeness(ctx),
    await links(ctx),
    await integrity(ctx, { ...(liveFolder === undefined ? {} : { folder: liveFolder }), ...(options.url === undefined ? {} : { url: options.url }) }),
    await accessibility(ctx, { browser: options.browser !== false, ...(options.env === undefined ? {} : { env: options.env }) }),
  ]
  const report: CheckReport = {
    on,
    body: project.config.body.name,
    site: { ...(built === undefined ? {} : { folder: ctx.builtLabel }), ...(options.url === undefined ? {} : { url: options.url }) },
    indicators,
    vetoed: indicators.some((i) => i.veto),
    deadlines: dl.owners,
    freshness: fresh.figures,
  }
  return { report, diagnostics }
}
