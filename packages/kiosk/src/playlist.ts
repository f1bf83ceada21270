/** The playlist the player reads: every slide with its duration, date window and optional day and time windows. */
import { createHash } from 'node:crypto'
import type { Disclosure, ProjectConfig } from '@gongkai/core'
import type { Box } from './geometry.js'
import type { ResolvedKioskOptions, TimeWindow } from './options.js'

/** One slide in the playlist. */
export interface PlaylistSlide {
  /** Path relative to index.html: `slides/<id>-<n>.png`. */
  readonly src: string
  readonly durationSeconds: number
  /** Publication id. */
  readonly publication: string
  /** The publication's revision: the player adds it to the image URL so a changed slide is fetched again. */
  readonly revision: string
  /** Higher plays first. */
  readonly priority: number
  /** First and last day on screen (inclusive, `YYYY-MM-DD` in the playlist's timezone). */
  readonly from: string
  readonly until: string
  /** Days of the week, 1 (Monday) to 7 (Sunday); absent: every day. */
  readonly days?: readonly number[]
  /** Times of day `HH:MM`; `from` after `until` runs past midnight; absent: all day. */
  readonly times?: readonly TimeWindow[]
}

/** playlist.json (and the global that playlist.js sets). */
export interface Playlist {
  /** Changes whenever anything the player shows changes (a hash of the rest). */
  readonly version: string
  /** The build's day (YYYY-MM-DD, project timezone): date windows are applied as of it. */
  readonly generatedAt: string
  /** The issuing body, for the empty-state screen. */
  readonly body: string
  /** IANA timezone the date and time windows are in. */
  readonly timezone: string
  readonly orientation: 'portrait' | 'landscape'
  readonly width: number
  readonly height: number
  readonly refreshSeconds: number
  readonly theme: { readonly background: string; readonly foreground: string; readonly accent: string }
  /** Where the player draws its clock over a slide (slide pixels). */
  readonly clock: Box
  readonly slides: readonly PlaylistSlide[]
}

/** The global that playlist.js assigns, for players opened from file://. */
export const PLAYLIST_GLOBAL = '__gongkaiKioskPlaylist'

function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

/** The rule values that apply to a disclosure: channel defaults, then matching rules in order. */
export function scheduleOf(d: Disclosure, options: ResolvedKioskOptions): Omit<PlaylistSlide, 'src' | 'publication' | 'revision'> {
  let priority = 0
  let days = options.days
  let times = options.times
  let showDays = options.showDays
  let seconds = options.slideSeconds
  for (const r of options.rules) {
    const match =
      (r.publications === undefined || r.publications.includes(d.publication.id)) &&
      (r.items === undefined || r.items.includes(d.item.code)) &&
      (r.categories === undefined || r.categories.includes(d.item.category))
    if (!match) continue
    priority = r.priority ?? priority
    days = r.days ?? days
    times = r.times ?? times
    showDays = r.showDays ?? showDays
    seconds = r.slideSeconds ?? seconds
  }
  const p = d.publication
  const from = p.noticePeriod?.from ?? p.published ?? p.formed
  const until = p.noticePeriod?.until ?? addDays(from, showDays - 1)
  return { durationSeconds: seconds, priority, from, until, ...(days === undefined ? {} : { days }), ...(times === undefined ? {} : { times }) }
}

/** Builds the playlist: ordered by priority (high first), then date (newest first), then id and slide. */
export function buildPlaylist(
  entries: readonly { readonly disclosure: Disclosure; readonly count: number }[],
  options: ResolvedKioskOptions,
  config: ProjectConfig,
  geometry: { readonly width: number; readonly height: number; readonly clock: Box },
  now: Date,
): Playlist {
  const sorted = entries
    .map((e) => ({ ...e, schedule: scheduleOf(e.disclosure, options) }))
    .sort(
      (a, b) =>
        b.schedule.priority - a.schedule.priority ||
        b.schedule.from.localeCompare(a.schedule.from) ||
        (a.disclosure.publication.id < b.disclosure.publication.id ? -1 : a.disclosure.publication.id > b.disclosure.publication.id ? 1 : 0),
    )
  const slides: PlaylistSlide[] = []
  for (const e of sorted) {
    const { schedule } = e
    for (let n = 1; n <= e.count; n++) {
      slides.push({
        src: `slides/${e.disclosure.publication.id}-${n}.png`,
        durationSeconds: schedule.durationSeconds,
        publication: e.disclosure.publication.id,
        revision: e.disclosure.revision,
        priority: schedule.priority,
        from: schedule.from,
        until: schedule.until,
        ...(schedule.days === undefined ? {} : { days: schedule.days }),
        ...(schedule.times === undefined ? {} : { times: schedule.times }),
      })
    }
  }
  const rest = {
    body: config.body.name,
    timezone: config.timezone,
    orientation: options.orientation,
    width: geometry.width,
    height: geometry.height,
    refreshSeconds: options.refreshSeconds,
    theme: { background: options.theme.background, foreground: options.theme.foreground, accent: options.theme.accent },
    clock: geometry.clock,
    slides,
  }
  const version = createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 12)
  // The day, not the instant: the playlist depends on the date (windows), and a rebuild on the same
  // day must give the same bytes so unchanged files keep their mtime and hosts are not re-sent.
  const generatedAt = new Intl.DateTimeFormat('en-CA', { timeZone: config.timezone }).format(now)
  return { version, generatedAt, ...rest }
}

/** playlist.js: the same playlist as a script that sets a global (file:// blocks fetch). */
export function playlistScript(json: string): string {
  return `window.${PLAYLIST_GLOBAL} = ${json.replace(/</g, '\\u003c')};\n`
}
