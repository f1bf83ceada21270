/** The options of `noticeboard(options)`, checked at once: every problem is listed in one OptionsError. */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { OptionProblems, optionReader, showValue } from '@gongkai/core/internal'
import type { OptionProblem } from '@gongkai/core'
import type { Paper } from './layout/geometry.js'

/** Options of the noticeboard channel (`channels.noticeboard` in gongkai.config.yaml, plus what code passes). */
export interface NoticeboardOptions {
  /** `A4` (default) or `A3` (the A4 layout scaled by √2). */
  readonly paper?: Paper
  /** Absolute path of a TTF/OTF for characters the packaged fonts lack; default the config's `fonts.fallback`. */
  readonly fallbackFont?: string
}

/** Options with defaults applied. */
export interface ResolvedNoticeboardOptions {
  readonly paper: Paper
  readonly fallbackFont: string | undefined
}

const KNOWN = new Set(['paper', 'fallbackFont'])

function readPaper(value: unknown, option: string, problems: OptionProblems): Paper {
  if (value === undefined) return 'A4'
  if (value === 'A4' || value === 'A3') return value
  const up = typeof value === 'string' ? value.toUpperCase() : undefined
  if (up === 'A4' || up === 'A3') return up
  problems.add(option, 'noticeboard/bad-paper', `noticeboard 选项 ${option} 应为 A4 或 A3，而不是“${showValue(value)}”`, '公示栏打印稿默认 A4；A3 为 A4 版式等比放大；写 paper: A4，不要写成列表')
  return 'A4'
}

function readFallbackFont(value: unknown, option: string, problems: OptionProblems): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isAbsolute(value) || !/\.(?:ttf|otf|ttc)$/i.test(value)) {
    problems.add(
      option,
      'noticeboard/bad-fallback-font',
      `noticeboard 选项 ${option} 应为 TTF 或 OTF 字体文件的绝对路径，而不是“${showValue(value)}”`,
      '例如 /usr/share/fonts/truetype/hanazono/HanaMinB.ttf（Debian 软件包 fonts-hanazono）；不支持 woff2',
    )
    return undefined
  }
  if (!existsSync(value) || !statSync(value).isFile()) {
    problems.add(option, 'noticeboard/missing-fallback-font', `找不到 noticeboard 选项 ${option} 指定的字体文件：${value}`, '请安装该字体（如 apt-get install fonts-hanazono），或删除这一项')
    return undefined
  }
  return value
}

/** Checks a paper size; throws OptionsError naming the option. */
export function checkPaper(value: unknown, option = 'paper'): Paper {
  const problems = new OptionProblems('noticeboard')
  const paper = readPaper(value, option, problems)
  problems.throwIfAny()
  return paper
}

/** Checks a fallback font path; throws OptionsError naming the option. */
export function checkFallbackFont(value: unknown, option = 'fallbackFont'): string | undefined {
  const problems = new OptionProblems('noticeboard')
  const font = readFallbackFont(value, option, problems)
  problems.throwIfAny()
  return font
}

function read(options: unknown, problems: OptionProblems): ResolvedNoticeboardOptions {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    problems.add('', 'noticeboard/options', 'noticeboard 的选项应为一个对象', '例如 noticeboard({ paper: "A4" })')
    return { paper: 'A4', fallbackFont: undefined }
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) problems.add(key, 'noticeboard/unknown-option', `noticeboard 不认识选项 ${key}`, `可用的选项：${[...KNOWN].join('、')}`)
  }
  return { paper: readPaper(o['paper'], 'paper', problems), fallbackFont: readFallbackFont(o['fallbackFont'], 'fallbackFont', problems) }
}

const reader = optionReader('noticeboard', read)

/** Every problem of noticeboard options, each with its option path; empty when they are good. */
export function checkNoticeboardOptions(options: unknown): OptionProblem[] {
  return reader.check(options)
}

/** Checks noticeboard options; throws an OptionsError (a ChannelOptionsError) listing every problem. */
export function resolveNoticeboardOptions(options: unknown): ResolvedNoticeboardOptions {
  return reader.resolve(options)
}
