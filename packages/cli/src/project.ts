/** Opening a project for a command: load, report, channels, store, calendar, render context. */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { createRenderContext, formatDiagnostic, GongkaiError, loadCalendar, loadProject } from '@gongkai/core'
import { sortDiagnostics } from '@gongkai/core/internal'
import type { Channel, Diagnostic, Project, RenderContext, Store, WorkdayCalendar } from '@gongkai/core'
import { openSqliteStore } from '@gongkai/store-sqlite'
import type { Io } from './command.js'
import { UsageError } from './errors.js'

/** The channels gongkai renders, in the order builds run them. */
export const CHANNEL_IDS = ['website', 'wechat', 'noticeboard', 'kiosk'] as const

/** Loads the project folder (default: the current folder). Throws when there is no project there. */
export async function openProject(dirArg: string | undefined, io: Io): Promise<Project> {
  const dir = resolve(io.cwd, dirArg ?? '.')
  if (!existsSync(join(dir, 'gongkai.config.yaml')) && existsSync(dir)) {
    throw new GongkaiError('project/no-config', `“${dirArg ?? '.'}”不是 gongkai 项目目录（缺少 gongkai.config.yaml）`, {
      hint: '请指定项目目录，例如 gongkai build examples/county-bureau；或用 gongkai init 新建项目',
    })
  }
  return loadProject(dir)
}

/** Prints diagnostics, errors first, and returns how many errors and warnings there were. */
export function report(diagnostics: readonly Diagnostic[], io: Io, options: { warnings?: boolean; limit?: number } = {}): { errors: number; warnings: number } {
  const sorted = sortDiagnostics([...diagnostics])
  const errors = sorted.filter((d) => d.severity === 'error')
  const warnings = sorted.filter((d) => d.severity === 'warning')
  const shown = [...errors, ...(options.warnings === false ? [] : warnings)]
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  for (const d of shown.slice(0, limit)) io.err(formatDiagnostic(d))
  if (shown.length > limit) io.err(`……另有 ${shown.length - limit} 条，完整列表请运行 gongkai validate`)
  return { errors: errors.length, warnings: warnings.length }
}

function abs(project: Project, path: unknown): unknown {
  return typeof path === 'string' && path !== '' && !isAbsolute(path) ? resolve(project.dir, path) : path
}

/** The config's `fonts.fallback`, made absolute, for channels that take a `fallbackFont` option. */
function fallback(project: Project, raw: Record<string, unknown>): void {
  if (raw['fallbackFont'] !== undefined) raw['fallbackFont'] = abs(project, raw['fallbackFont'])
  else if (project.config.fonts.fallback !== undefined && existsSync(resolve(project.dir, project.config.fonts.fallback))) raw['fallbackFont'] = resolve(project.dir, project.config.fonts.fallback)
}

/** A channel's settings from the config with project-relative paths made absolute. */
export function channelOptions(project: Project, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const raw = { ...(project.config.channels[id] ?? {}) } as Record<string, unknown>
  switch (id) {
    case 'website': {
      if (raw['target'] !== undefined) raw['target'] = abs(project, raw['target'])
      const theme = raw['themeDir'] === undefined ? join(project.dir, 'theme') : abs(project, raw['themeDir'])
      if (typeof theme === 'string' && existsSync(theme)) raw['themeDir'] = theme
      else delete raw['themeDir']
      break
    }
    case 'noticeboard':
      fallback(project, raw)
      break
    case 'kiosk': {
      fallback(project, raw)
      const theme = raw['theme']
      if (theme !== null && typeof theme === 'object' && 'logo' in theme) raw['theme'] = { ...theme, logo: abs(project, (theme as { logo: unknown }).logo) }
      if (raw['target'] !== undefined) raw['target'] = abs(project, raw['target'])
      break
    }
    default:
      break
  }
  return { ...raw, ...extra }
}

/** Parses `--channel a,b`: known ids only. */
export function parseChannelList(value: string | undefined): string[] {
  if (value === undefined) return [...CHANNEL_IDS]
  const ids = value.split(/[,，]/).map((s) => s.trim()).filter(Boolean)
  for (const id of ids) {
    if (!(CHANNEL_IDS as readonly string[]).includes(id)) throw new UsageError(`不认识的渠道“${id}”`, `可用的渠道：${CHANNEL_IDS.join('、')}`)
  }
  return ids
}

// Each channel is imported only when a command uses it: a one-sheet `gongkai print` should not
// pay for sharp, got and Handlebars (together about 0.9 s of a cold start).
const FACTORIES: Record<string, () => Promise<(options: Record<string, unknown>) => Channel>> = {
  website: async () => (await import('@gongkai/website')).website,
  wechat: async () => (await import('@gongkai/wechat')).wechat,
  noticeboard: async () => (await import('@gongkai/noticeboard')).noticeboard,
  kiosk: async () => (await import('@gongkai/kiosk')).kiosk,
}

/** Builds the channels named (options from the config); a bad option is a content error naming the config key. */
export async function createChannels(project: Project, ids: readonly string[], extra: { preview?: boolean } = {}): Promise<Channel[]> {
  const out: Channel[] = []
  for (const id of ids) {
    const load = FACTORIES[id]
    if (load === undefined) continue
    const factory = await load()
    try {
      out.push(factory(channelOptions(project, id, id === 'website' && extra.preview === true ? { preview: true } : {})))
    } catch (error) {
      if (error instanceof GongkaiError) {
        throw new GongkaiError(error.code, `gongkai.config.yaml 中 channels.${id} 的设置有误：${error.message}`, { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error })
      }
      throw error
    }
  }
  return out
}

/** The render context of a project: assets read from the project folder. */
export function renderContext(project: Project, now: Date): RenderContext & { readonly diagnostics: Diagnostic[] } {
  return createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now })
}

/** The project's ledger and job store (created on first use). */
export function openStore(project: Project): Store {
  return openSqliteStore(resolve(project.dir, project.config.ledger))
}

/** The working-day calendar: packaged, plus the project's calendar file when there is one. */
export function projectCalendar(project: Project): WorkdayCalendar {
  const file = project.config.calendar
  if (file === undefined) return loadCalendar()
  const path = resolve(project.dir, file)
  return existsSync(path) ? loadCalendar(readFileSync(path, 'utf8'), relative(project.dir, path)) : loadCalendar()
}

/** The OUT folder: `--out` or DIR/out. */
export function outDirOf(project: Project, io: Io, out: string | undefined): string {
  return out === undefined ? join(project.dir, 'out') : resolve(io.cwd, out)
}

/** A path as the operator would type it: relative to where they stand when that is shorter. */
export function shown(io: Io, path: string): string {
  const rel = relative(io.cwd, path)
  return rel === '' ? '.' : rel.startsWith('..') && rel.length > path.length ? path : rel
}
