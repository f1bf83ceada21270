import { readFileSync } from 'node:fs'
import { join } from 'node:path'
/** What every indicator is handed: the project, the settings, the day, the ledger and the pages. */
import type { DeliveryRecord, Project, WorkdayCalendar } from '@gongkai/core'
import type { Page } from './html.js'
import type { CheckSettings } from './settings.js'
import type { Site } from './site.js'
import type { CheckPlace, Finding, RuleId } from './types.js'
import { RULES } from './types.js'

/** The inputs of one run, read once and shared by the indicators. */
export interface CheckContext {
  readonly project: Project
  readonly settings: CheckSettings
  /** The day checked, `YYYY-MM-DD` in the project's timezone. */
  readonly on: string
  /** The instant of the run (the end of \`on\` when a past day is checked). */
  readonly now: Date
  /** True when \`on\` is a day before the clock's: pages are read as they would have been then. */
  readonly past: boolean
  readonly calendar: WorkdayCalendar
  readonly records: readonly DeliveryRecord[]
  /** The built site, when there is one. */
  readonly built?: Site
  /** How the built folder is named in places (`out/website`). */
  readonly builtLabel: string
  /** The live site, with `--url`. */
  readonly live?: Site
  /** Check external links too. */
  readonly external: boolean
  /** catalog.yaml as written, to point at an item's line. */
  readonly catalogText?: string
}

/** Builds a finding of `rule`. */
export function finding(rule: RuleId, message: string, fix: string, place: CheckPlace, extra: { veto?: boolean; owner?: string; item?: string; publication?: string } = {}): Finding {
  return {
    rule,
    code: `check/${rule}`,
    veto: extra.veto ?? false,
    message,
    fix,
    place,
    ...(extra.owner === undefined ? {} : { owner: extra.owner }),
    ...(extra.item === undefined ? {} : { item: extra.item }),
    ...(extra.publication === undefined ? {} : { publication: extra.publication }),
  }
}

/** The place of a page: its file in the built folder, or its URL on the live site. */
export function pagePlace(ctx: CheckContext, site: Site, page: Page | string, extra: { line?: number; note?: string } = {}): CheckPlace {
  const path = typeof page === 'string' ? page : page.path
  const where = site.kind === 'http' ? { url: new URL(encodeURI(path), site.root).href } : { file: `${ctx.builtLabel}/${path}` }
  return { ...where, ...(extra.line === undefined ? {} : { line: extra.line }), ...(extra.note === undefined ? {} : { note: extra.note }) }
}

/** The rule's name, for summaries. */
export function ruleName(rule: RuleId): string {
  return RULES[rule]
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** The day of an instant in a timezone, `YYYY-MM-DD`. */
export function dayOf(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso))
}

/** The line of `code: CODE` in catalog.yaml's text, for places. */
export function itemLine(catalogText: string | undefined, code: string): number | undefined {
  if (catalogText === undefined) return undefined
  const lines = catalogText.split('\n')
  const at = lines.findIndex((l) => new RegExp(`^\\s*-?\\s*code:\\s*["']?${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*(?:#.*)?$`).test(l))
  return at === -1 ? undefined : at + 1
}

/**
 * The publication a page of the site shows (`p/<id>.html`), as the extra fields of a finding: its
 * department, item and id, so that a problem in a page falls to the department that wrote it.
 */
export function pageSource(ctx: CheckContext, path: string): { owner?: string; item?: string; publication?: string; source?: string } {
  const id = /^p\/([^/]+)\.html$/.exec(path)?.[1]
  const d = id === undefined ? undefined : ctx.project.disclosures.find((x) => x.publication.id === id)
  return d === undefined ? {} : { owner: d.item.owner, item: d.item.code, publication: d.publication.id, source: d.publication.source.file }
}

/** `file:line` of the first line of a project file that holds `needle` (a link's file name), or the file alone. */
export function sourceAt(ctx: CheckContext, file: string, needle: string): string {
  let textOf: string
  try {
    textOf = readFileSync(join(ctx.project.dir, file), 'utf8')
  } catch {
    return file
  }
  const at = needle === '' ? -1 : textOf.split('\n').findIndex((l) => l.includes(needle))
  return at === -1 ? file : `${file}:${at + 1}`
}
