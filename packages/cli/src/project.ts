/** Opening a project for a command: load, report, channels, store, calendar, render context. */
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { ChannelOptionsError, createRenderContext, ERRORS, formatDiagnostic, GongkaiError, loadCalendar, loadProject } from '@gongkai/core'
import { placeOfOption, sortDiagnostics } from '@gongkai/core/internal'
import type { Channel, Diagnostic, LoadProjectOptions, OptionProblem, Project, RenderContext, Store, WorkdayCalendar } from '@gongkai/core'
import type { Io } from './command.js'
import { UsageError } from './errors.js'
import { openProjectStore } from './store.js'

/** The channels gongkai renders, in the order builds run them. */
export const CHANNEL_IDS = ['website', 'wechat', 'noticeboard', 'kiosk'] as const

/** What operators read for each channel, in every table and message of every command. */
export const CHANNEL_NAMES: Readonly<Record<string, string>> = { website: '政府网站', wechat: '微信公众号', noticeboard: '公示栏', kiosk: '办事大厅屏' }

/** A channel's Chinese name (its id when it has none). */
export function channelName(id: string): string {
  return CHANNEL_NAMES[id] ?? id
}

/** Where a channel that copies files is told its destination: the config key and an example. */
const TARGET_KEYS: Readonly<Record<string, { key: string; example: string; also?: string }>> = {
  website: { key: 'target', example: '/var/www/gk' },
  kiosk: { key: 'target', example: '/srv/kiosk', also: '或用 hosts 列出各台终端的接收地址' },
}

/** Whether the config gives the channel somewhere to deliver to (WeChat always has its platform). */
export function hasTarget(project: Project, id: string): boolean {
  const raw = project.config.channels[id] as Record<string, unknown> | undefined
  if (TARGET_KEYS[id] === undefined) return true
  const target = raw?.['target']
  const hosts = id === 'kiosk' ? raw?.['hosts'] : undefined
  return (typeof target === 'string' && target.trim() !== '') || (Array.isArray(hosts) && hosts.length > 0)
}

/** The problem of a push to a channel with no target: what to set, and an example in YAML. */
export function noTargetError(ids: readonly string[]): GongkaiError {
  const names = ids.map(channelName).join('、')
  const examples = ids.map((id) => {
    const t = TARGET_KEYS[id] ?? { key: 'target', example: '/path' }
    return `channels.${id}.${t.key}${t.also === undefined ? '' : `（${t.also}）`}，例如：\n      channels:\n        ${id}:\n          ${t.key}: ${t.example}`
  })
  return new GongkaiError(ERRORS.PushNoTarget, `${names}未配置发布目标，没有推送任何内容`, { hint: `请在 gongkai.config.yaml 中设置 ${examples.join('\n    以及 ')}` })
}

/** The ids a `--channel` flag takes, each with its Chinese name, for usage hints. */
export function channelChoices(ids: readonly string[] = CHANNEL_IDS): string {
  return ids.map((id) => `${id}（${channelName(id)}）`).join('、')
}

/** Loads the project folder (default: the current folder). Throws when there is no project there. */
export async function openProject(dirArg: string | undefined, io: Io, options: Pick<LoadProjectOptions, 'stats'> = {}): Promise<Project> {
  const dir = resolve(io.cwd, dirArg ?? '.')
  if (!existsSync(join(dir, 'gongkai.config.yaml')) && existsSync(dir)) {
    throw new GongkaiError('project/no-config', `“${dirArg ?? '.'}”不是 gongkai 项目目录（缺少 gongkai.config.yaml）`, {
      hint: '请指定项目目录，例如 gongkai build examples/county-bureau；或用 gongkai init 新建项目',
    })
  }
  return loadProject(dir, options)
}

/** How many places of a repeated problem are named before the rest are counted. */
const PLACES_SHOWN = 3

const placeOf = (d: Diagnostic) => (d.file === undefined ? undefined : `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`}`)

/**
 * Prints diagnostics, errors first, and returns how many errors and warnings there were.
 * The same problem (code and message) met many times, one per publication or per render, is
 * printed once with its count and its first places; identical reports count once.
 */
export function report(diagnostics: readonly Diagnostic[], io: Io, options: { warnings?: boolean; limit?: number } = {}): { errors: number; warnings: number } {
  const unique = new Map<string, Diagnostic>()
  for (const d of diagnostics) unique.set(JSON.stringify([d.code, d.severity, d.message, d.file, d.line, d.column, d.subject]), d)
  const sorted = sortDiagnostics([...unique.values()])
  const errors = sorted.filter((d) => d.severity === 'error')
  const warnings = sorted.filter((d) => d.severity === 'warning')
  const groups = new Map<string, Diagnostic[]>()
  for (const d of [...errors, ...(options.warnings === false ? [] : warnings)]) {
    const key = `${d.severity}\u0000${d.code}\u0000${d.message}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [d])
    else group.push(d)
  }
  const shown = [...groups.values()]
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  for (const group of shown.slice(0, limit)) {
    io.err(formatDiagnostic(group[0]!))
    if (group.length > 1) {
      const places = [...new Set(group.map(placeOf).filter((p): p is string => p !== undefined))]
      const named = places.length > 1 ? `：${places.slice(0, PLACES_SHOWN).join('、')}${places.length > PLACES_SHOWN ? ` 等 ${places.length} 处` : ''}` : ''
      io.err(`    （同一问题共 ${group.length} 次${named}）`)
    }
  }
  if (shown.length > limit) io.err(`……另有 ${shown.length - limit} 类问题未列出，完整列表请运行 gongkai validate`)
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
      // Theme files are read only from inside the project (a symlink out of it is refused).
      raw['projectDir'] = project.dir
      break
    }
    case 'noticeboard':
      fallback(project, raw)
      break
    case 'kiosk': {
      fallback(project, raw)
      const theme = raw['theme']
      if (theme !== null && typeof theme === 'object' && 'logo' in theme) raw['theme'] = { ...theme, logo: abs(project, theme.logo) }
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
  // Operators read the Chinese names in every table, so they may type them too (--channel 公示栏).
  const byName = new Map(Object.entries(CHANNEL_NAMES).map(([id, name]) => [name, id]))
  const ids = value
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => byName.get(s) ?? s)
  for (const id of ids) {
    if (!(CHANNEL_IDS as readonly string[]).includes(id))
      throw new UsageError(`--channel 中不认识的渠道“${id}”`, `可用的渠道：${channelChoices()}；多个渠道用逗号分隔，例如 --channel website,wechat 或 --channel 政府网站,公示栏`)
  }
  return [...new Set(ids)]
}

// Each channel is imported only when a command uses it: a one-sheet `gongkai print` should not
// pay for sharp, got and Handlebars (together about 0.9 s of a cold start).
const FACTORIES: Record<string, () => Promise<(options: Record<string, unknown>) => Channel>> = {
  website: async () => (await import('@gongkai/website')).website,
  wechat: async () => (await import('@gongkai/wechat')).wechat,
  noticeboard: async () => (await import('@gongkai/noticeboard')).noticeboard,
  kiosk: async () => (await import('@gongkai/kiosk')).kiosk,
}

/** Diagnostics for a channel's option problems, each at its place in gongkai.config.yaml (`channels.<id>.<path>`). */
export function optionDiagnostics(project: Project, id: string, problems: readonly OptionProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const path = p.path === '' ? `channels.${id}` : `channels.${id}${p.path.startsWith('[') ? '' : '.'}${p.path}`
    return { code: p.code, severity: 'error', message: `${path}：${p.message}`, ...(p.hint === undefined ? {} : { hint: p.hint }), ...placeOfOption(project.config, id, p.path) }
  })
}

/**
 * Builds the channels named (options from the config). Every bad option of every channel is
 * reported at once, at its place in the config: into `problems` when given (the channel is then
 * left out), else as one error that lists them all.
 */
export async function createChannels(project: Project, ids: readonly string[], extra: { preview?: boolean; problems?: Diagnostic[] } = {}): Promise<Channel[]> {
  const out: Channel[] = []
  const found: Diagnostic[] = []
  for (const id of ids) {
    const load = FACTORIES[id]
    if (load === undefined) continue
    const factory = await load()
    try {
      out.push(factory(channelOptions(project, id, id === 'website' && extra.preview === true ? { preview: true } : {})))
    } catch (error) {
      if (error instanceof ChannelOptionsError) found.push(...optionDiagnostics(project, id, error.problems))
      else if (error instanceof GongkaiError)
        found.push(...optionDiagnostics(project, id, [{ path: '', code: error.code, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) }]))
      else throw error
    }
  }
  if (found.length > 0) {
    if (extra.problems !== undefined) extra.problems.push(...found)
    else {
      // The list comes first and the count last, where the CLI appends the code.
      throw new GongkaiError(ERRORS.ConfigChannelOptions, `gongkai.config.yaml 中渠道设置有误：\n${found.map((d) => formatDiagnostic(d)).join('\n')}\n共 ${found.length} 处错误`, {
        hint: '改正以上各处后重新运行；gongkai validate 会同时列出项目的其他问题',
      })
    }
  }
  return out
}

/** The render context of a project: assets read from the project folder. */
export function renderContext(project: Project, now: Date): RenderContext & { readonly diagnostics: Diagnostic[] } {
  return createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now })
}

/** The project's ledger and job store (created on first use): the SQLite file, or PostgreSQL when the config names one. */
export function openStore(project: Project, io: Pick<Io, 'env' | 'now'>): Promise<Store> {
  return openProjectStore(project, io)
}

/** The working-day calendar: packaged, plus the project's calendar file when there is one. */
export function projectCalendar(project: Project): WorkdayCalendar {
  const file = project.config.calendar
  if (file === undefined) return loadCalendar()
  // Read, decoded and checked by loadProject (a missing file is reported there, at the config line).
  return project.calendarFile === undefined ? loadCalendar() : loadCalendar(project.calendarFile.text, project.calendarFile.file)
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
