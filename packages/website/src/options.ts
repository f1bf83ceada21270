/** The options of `website(options)`, checked at once: every problem is listed in one OptionsError. */
import { isAbsolute } from 'node:path'
import { optionReader, showValue } from '@gongkai/core/internal'
import type { OptionProblems } from '@gongkai/core/internal'
import type { OptionProblem } from '@gongkai/core'

/** Options of the website channel (`channels.website` in gongkai.config.yaml, plus what code passes). */
export interface WebsiteOptions {
  /** Absolute folder that `deliver` replaces atomically with the built site. Without it there is no `deliver`. */
  readonly target?: string
  /** Absolute theme folder (the project's `theme/`): template overrides and extra CSS. */
  readonly themeDir?: string
  /** Publications on the home page; default 20. */
  readonly latestCount?: number
  /** Entries in feed.xml; default 50. */
  readonly feedCount?: number
  /** Publications on a column page; default 100. */
  readonly columnCount?: number
  /** Also list publications without 保密审查 or before `publishAt` (preview builds); default false. */
  readonly preview?: boolean
}

/** Options with defaults applied. */
export interface ResolvedWebsiteOptions {
  readonly target: string | undefined
  readonly themeDir: string | undefined
  readonly latestCount: number
  readonly feedCount: number
  readonly columnCount: number
  readonly preview: boolean
}

const KNOWN = new Set(['target', 'themeDir', 'latestCount', 'feedCount', 'columnCount', 'preview'])

function read(options: unknown, problems: OptionProblems): ResolvedWebsiteOptions {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    problems.add('', 'website/options', 'website 的选项应为一个对象', '例如 website({ target: "/var/www/gk" })')
    options = {}
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) problems.add(key, 'website/unknown-option', `website 不认识选项 ${key}`, `可用的选项：${[...KNOWN].join('、')}`)
  }
  const path = (name: string): string | undefined => {
    const v = o[name]
    if (v === undefined) return undefined
    if (typeof v !== 'string' || v.trim() === '' || !isAbsolute(v)) {
      problems.add(
        name,
        `website/bad-${name.toLowerCase()}`,
        `website 选项 ${name} 应为绝对路径，而不是“${showValue(v)}”`,
        name === 'target' ? '例如 /var/www/gk；发布时整个网站会原子地替换到这里' : '通常是项目目录下的 theme/ 的绝对路径',
      )
      return undefined
    }
    return v
  }
  const count = (name: string, fallback: number): number => {
    const v = o[name]
    if (v === undefined) return fallback
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 10_000) {
      problems.add(name, 'website/bad-count', `website 选项 ${name} 应为 1 到 10000 之间的整数，而不是“${showValue(v)}”`)
      return fallback
    }
    return v
  }
  const preview = o['preview']
  if (preview !== undefined && typeof preview !== 'boolean') problems.add('preview', 'website/bad-preview', `website 选项 preview 应为 true 或 false，而不是“${showValue(preview)}”`)
  let target = path('target')
  if (target !== undefined && /^\/+$/.test(target)) {
    problems.add('target', 'website/bad-target', 'website 选项 target 不能是根目录 /', '请指定网站专用的目录，例如 /var/www/gk')
    target = undefined
  }
  return {
    target,
    themeDir: path('themeDir'),
    latestCount: count('latestCount', 20),
    feedCount: count('feedCount', 50),
    columnCount: count('columnCount', 100),
    preview: preview === true,
  }
}

const reader = optionReader('website', read)

/** Every problem of website options, each with its option path; empty when they are good. */
export function checkWebsiteOptions(options: unknown): OptionProblem[] {
  return reader.check(options)
}

/** Checks website options; throws an OptionsError (a ChannelOptionsError) listing every problem. */
export function resolveWebsiteOptions(options: unknown): ResolvedWebsiteOptions {
  return reader.resolve(options)
}
