/** The options of `noticeboard(options)`, checked at once. */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { OptionsError } from '@gongkai/core'
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

/** Checks a paper size; throws OptionsError naming the option. */
export function checkPaper(value: unknown, option = 'paper'): Paper {
  if (value === undefined) return 'A4'
  if (value === 'A4' || value === 'A3') return value
  const up = typeof value === 'string' ? value.toUpperCase() : undefined
  if (up === 'A4' || up === 'A3') return up
  throw new OptionsError('noticeboard/bad-paper', `noticeboard 选项 ${option} 应为 A4 或 A3，而不是“${String(value)}”`, { hint: '公示栏打印稿默认 A4；A3 为 A4 版式等比放大' })
}

/** Checks a fallback font path; throws OptionsError naming the option. */
export function checkFallbackFont(value: unknown, option = 'fallbackFont'): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isAbsolute(value) || !/\.(?:ttf|otf|ttc)$/i.test(value)) {
    throw new OptionsError('noticeboard/bad-fallback-font', `noticeboard 选项 ${option} 应为 TTF 或 OTF 字体文件的绝对路径，而不是“${String(value)}”`, {
      hint: '例如 /usr/share/fonts/truetype/hanazono/HanaMinB.ttf（Debian 软件包 fonts-hanazono）；不支持 woff2',
    })
  }
  if (!existsSync(value) || !statSync(value).isFile()) {
    throw new OptionsError('noticeboard/missing-fallback-font', `找不到 noticeboard 选项 ${option} 指定的字体文件：${value}`, {
      hint: '请安装该字体（如 apt-get install fonts-hanazono），或删除这一项',
    })
  }
  return value
}

/** Checks noticeboard options; throws OptionsError naming the option. */
export function resolveNoticeboardOptions(options: unknown): ResolvedNoticeboardOptions {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new OptionsError('noticeboard/options', 'noticeboard 的选项应为一个对象', { hint: '例如 noticeboard({ paper: "A4" })' })
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) {
      throw new OptionsError('noticeboard/unknown-option', `noticeboard 不认识选项 ${key}`, { hint: `可用的选项：${[...KNOWN].join('、')}` })
    }
  }
  return { paper: checkPaper(o['paper']), fallbackFont: checkFallbackFont(o['fallbackFont']) }
}
