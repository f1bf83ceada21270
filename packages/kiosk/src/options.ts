/** The options of `kiosk(options)`, checked at once: bad options throw one OptionsError listing every problem. */
import { existsSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { optionReader, showValue } from '@gongkai/core/internal'
import type { OptionProblems } from '@gongkai/core/internal'
import type { OptionProblem } from '@gongkai/core'

/** Portrait 1080×1920 (default) or landscape 1920×1080. */
export type Orientation = 'portrait' | 'landscape'

/** A time-of-day window, `HH:MM` in the project's timezone; `from` after `until` runs overnight. */
export interface TimeWindow {
  readonly from: string
  readonly until: string
}

/** When and how prominently a group of publications plays; later matching rules override earlier ones. */
export interface KioskRule {
  /** Publication ids this rule applies to. */
  readonly publications?: readonly string[]
  /** Catalog item codes. */
  readonly items?: readonly string[]
  /** 一级事项 (category) names. */
  readonly categories?: readonly string[]
  /** Higher plays first; default 0. */
  readonly priority?: number
  /** Days of the week, 1 (Monday) to 7 (Sunday). */
  readonly days?: readonly number[]
  /** Times of day; overnight windows allowed (22:00–06:00). */
  readonly times?: readonly TimeWindow[]
  /** Days a publication without a 公示期 stays on screen from its 发布日期; default from the channel. */
  readonly showDays?: number
  /** Seconds per slide. */
  readonly slideSeconds?: number
}

/** The slide theme: colours `#rrggbb` and an optional logo image (absolute path, PNG/JPEG/SVG). */
export interface KioskTheme {
  readonly background?: string
  readonly foreground?: string
  readonly accent?: string
  readonly logo?: string
}

/** A kiosk host that accepts the player's files over HTTP. */
export interface KioskHost {
  /** Base URL; each file goes to `url + path` (e.g. `http://10.0.0.5:8080/kiosk/`). */
  readonly url: string
  /** `PUT` (default) or `POST`. */
  readonly method?: 'PUT' | 'POST'
}

/** Options of the kiosk channel (`channels.kiosk` in gongkai.config.yaml). */
export interface KioskOptions {
  readonly orientation?: Orientation
  /** Seconds each slide stays on screen; default 12 (3 to 600). */
  readonly slideSeconds?: number
  readonly theme?: KioskTheme
  /** Days a publication without 公示期 stays in the playlist after its 发布日期; default 30. */
  readonly showDays?: number
  /** Default days of the week (1–7) for every slide. */
  readonly days?: readonly number[]
  /** Default times of day for every slide. */
  readonly times?: readonly TimeWindow[]
  readonly rules?: readonly KioskRule[]
  /** Seconds between the player's re-reads of playlist.json; default 60 (5 to 3600). */
  readonly refreshSeconds?: number
  /** Absolute folder that `deliver` replaces atomically with the player and its slides. */
  readonly target?: string
  /** Kiosk hosts that receive every file over HTTP. */
  readonly hosts?: readonly KioskHost[]
  /** Retries per file for hosts; default 3. */
  readonly retries?: number
  /** First wait before a retry, in ms, doubled each time (at most 30 s); default 1000. */
  readonly retryDelayMs?: number
  /** Absolute fallback font for characters the Noto fonts lack (default: the config's `fonts.fallback`). */
  readonly fallbackFont?: string
}

/** Options with defaults applied. */
export interface ResolvedKioskOptions {
  readonly orientation: Orientation
  readonly slideSeconds: number
  readonly theme: { readonly background: string; readonly foreground: string; readonly accent: string; readonly logo: string | undefined }
  readonly showDays: number
  readonly days: readonly number[] | undefined
  readonly times: readonly TimeWindow[] | undefined
  readonly rules: readonly KioskRule[]
  readonly refreshSeconds: number
  readonly target: string | undefined
  readonly hosts: readonly { readonly url: string; readonly method: 'PUT' | 'POST' }[]
  readonly retries: number
  readonly retryDelayMs: number
  readonly fallbackFont: string | undefined
}

const KNOWN = ['orientation', 'slideSeconds', 'theme', 'showDays', 'days', 'times', 'rules', 'refreshSeconds', 'target', 'hosts', 'retries', 'retryDelayMs', 'fallbackFont']
const COLOUR = /^#[0-9a-fA-F]{6}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0)
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** Records a problem at `option`; the code is derived from the path (theme.foreground → kiosk/bad-theme-foreground). */
function fail(problems: OptionProblems, option: string, message: string, hint?: string): void {
  problems.add(option, `kiosk/bad-${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/\./g, '-')}`, `kiosk 选项 ${option} ${message}`, hint)
}

function integer(o: Record<string, unknown>, name: string, min: number, max: number, fallback: number, problems: OptionProblems, prefix = ''): number {
  const v = o[name]
  if (v === undefined) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(problems, `${prefix}${name}`, `应为 ${min} 到 ${max} 之间的整数，而不是“${showValue(v)}”`)
    return fallback
  }
  return v
}

function days(v: unknown, name: string, problems: OptionProblems): readonly number[] | undefined {
  if (v === undefined) return undefined
  if (!Array.isArray(v) || v.length === 0 || v.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 7)) {
    fail(problems, name, `应为星期几的列表（1 表示星期一，7 表示星期日），而不是“${showValue(v)}”`, '例如 days: [1, 2, 3, 4, 5]')
    return undefined
  }
  return [...new Set(v as number[])].sort()
}

function times(v: unknown, name: string, problems: OptionProblems): readonly TimeWindow[] | undefined {
  if (v === undefined) return undefined
  if (!Array.isArray(v) || v.length === 0) {
    fail(problems, name, '应为时段列表', '例如 times: [{ from: "08:30", until: "17:30" }]；跨夜可写 { from: "22:00", until: "06:00" }')
    return undefined
  }
  const out: TimeWindow[] = []
  ;(v as unknown[]).forEach((w, i) => {
    const r = w as Record<string, unknown> | null
    if (r === null || typeof r !== 'object' || typeof r['from'] !== 'string' || typeof r['until'] !== 'string' || !TIME.test(r['from']) || !TIME.test(r['until']) || r['from'] === r['until']) {
      fail(problems, `${name}[${i}]`, `应为 { from: "HH:MM", until: "HH:MM" }，而不是“${showValue(w)}”`, '例如 { from: "08:30", until: "17:30" }；跨夜可写 { from: "22:00", until: "06:00" }')
      return
    }
    out.push({ from: r['from'], until: r['until'] })
  })
  return out
}

function strings(v: unknown, name: string, problems: OptionProblems): readonly string[] | undefined {
  if (v === undefined) return undefined
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
    fail(problems, name, `应为文字列表，而不是“${showValue(v)}”`)
    return undefined
  }
  return v as string[]
}

function absolutePath(v: unknown, name: string, hint: string, problems: OptionProblems): string | undefined {
  if (v === undefined) return undefined
  if (typeof v !== 'string' || v.trim() === '' || !isAbsolute(v)) {
    fail(problems, name, `应为绝对路径，而不是“${showValue(v)}”`, hint)
    return undefined
  }
  return v
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function read(options: unknown, problems: OptionProblems): ResolvedKioskOptions {
  if (options === undefined || options === null) options = {}
  if (!isRecord(options)) {
    problems.add('', 'kiosk/options', 'kiosk 的选项应为一个对象', '例如 kiosk({ orientation: "portrait", slideSeconds: 12 })')
    options = {}
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.includes(key)) problems.add(key, 'kiosk/unknown-option', `kiosk 不认识选项 ${key}`, `可用的选项：${KNOWN.join('、')}`)
  }
  let orientation = o['orientation'] ?? 'portrait'
  if (orientation !== 'portrait' && orientation !== 'landscape') {
    fail(problems, 'orientation', `应为 portrait（竖屏 1080×1920）或 landscape（横屏 1920×1080），而不是“${showValue(orientation)}”`)
    orientation = 'portrait'
  }

  let rawTheme = o['theme'] ?? {}
  if (!isRecord(rawTheme)) {
    fail(problems, 'theme', '应为一个对象', '例如 theme: { background: "#0b3d91", foreground: "#ffffff", accent: "#ffd200" }')
    rawTheme = {}
  }
  const t = rawTheme as Record<string, unknown>
  for (const key of Object.keys(t)) {
    if (!['background', 'foreground', 'accent', 'logo'].includes(key)) fail(problems, 'theme', `不认识 ${key}`, '可用：background、foreground、accent、logo')
  }
  const colour = (name: string, fallback: string): string | undefined => {
    const v = t[name]
    if (v === undefined) return fallback
    if (typeof v !== 'string' || !COLOUR.test(v)) {
      fail(problems, `theme.${name}`, `应为 #rrggbb 形式的颜色，而不是“${showValue(v)}”`, '例如 "#0b3d91"')
      return undefined
    }
    return v.toLowerCase()
  }
  const bg = colour('background', '#0b3d91')
  const fgColour = colour('foreground', '#ffffff')
  const acColour = colour('accent', '#ffd200')
  // Contrast is judged only between colours that were written correctly: a bad one is reported once, above.
  if (bg !== undefined && fgColour !== undefined) {
    // Read from two metres by people of every age: WCAG AAA for text (7:1), 4.5:1 for the accent.
    const fg = contrastRatio(fgColour, bg)
    if (fg < 7) fail(problems, 'theme.foreground', `与背景色 ${bg} 的对比度只有 ${fg.toFixed(1)}:1，两米外难以看清`, '文字与背景的对比度至少 7:1，例如深蓝底 #0b3d91 配白字 #ffffff')
  }
  if (bg !== undefined && acColour !== undefined) {
    const ac = contrastRatio(acColour, bg)
    if (ac < 4.5) fail(problems, 'theme.accent', `与背景色 ${bg} 的对比度只有 ${ac.toFixed(1)}:1`, '强调色与背景的对比度至少 4.5:1，例如深蓝底配黄色 #ffd200')
  }
  let logo = absolutePath(t['logo'], 'theme.logo', '徽标图片（PNG、JPEG 或 SVG）的绝对路径', problems)
  if (logo !== undefined && !existsSync(logo)) {
    fail(problems, 'theme.logo', `指向的文件不存在：${logo}`, '请检查徽标图片的路径')
    logo = undefined
  }
  let fallbackFont = absolutePath(o['fallbackFont'], 'fallbackFont', '例如 /usr/share/fonts/truetype/hanazono/HanaMinB.ttf', problems)
  if (fallbackFont !== undefined && !existsSync(fallbackFont)) {
    fail(problems, 'fallbackFont', `指向的文件不存在：${fallbackFont}`)
    fallbackFont = undefined
  }

  let target = absolutePath(o['target'], 'target', '例如 /srv/kiosk；发布时整个播放目录会原子地替换到这里', problems)
  if (target !== undefined && /^\/+$/.test(target)) {
    fail(problems, 'target', '不能是根目录 /', '请指定自助终端专用的目录，例如 /srv/kiosk')
    target = undefined
  }

  let rawHosts = o['hosts'] ?? []
  if (!Array.isArray(rawHosts)) {
    fail(problems, 'hosts', '应为列表', '例如 hosts: [{ url: "http://10.0.0.5:8080/kiosk/" }]')
    rawHosts = []
  }
  const hosts: { url: string; method: 'PUT' | 'POST' }[] = []
  ;(rawHosts as unknown[]).forEach((h, i) => {
    const r = isRecord(h) ? h : undefined
    const url = r?.['url']
    let parsed: URL | undefined
    try {
      parsed = typeof url === 'string' ? new URL(url) : undefined
    } catch {
      parsed = undefined
    }
    // Credentials first, and never repeated: an address that carries a password is not echoed whatever else is wrong with it.
    if ((parsed !== undefined && (parsed.username !== '' || parsed.password !== '')) || (typeof url === 'string' && /\/\/[^/]*@/.test(url))) {
      fail(problems, `hosts[${i}].url`, '不能包含用户名或密码（为安全起见不显示该地址）', '密钥不写进配置文件')
      return
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      fail(problems, `hosts[${i}].url`, `应为 http:// 或 https:// 开头的地址，而不是“${showValue(url)}”`)
      return
    }
    const method = r?.['method'] ?? 'PUT'
    if (method !== 'PUT' && method !== 'POST') {
      fail(problems, `hosts[${i}].method`, `应为 PUT 或 POST，而不是“${showValue(method)}”`)
      return
    }
    hosts.push({ url: parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`, method })
  })

  let rawRules = o['rules'] ?? []
  if (!Array.isArray(rawRules)) {
    fail(problems, 'rules', '应为列表')
    rawRules = []
  }
  const rules: KioskRule[] = []
  ;(rawRules as unknown[]).forEach((r, i) => {
    if (!isRecord(r)) {
      fail(problems, `rules[${i}]`, '应为一个对象')
      return
    }
    const p = `rules[${i}].`
    const priority = r['priority']
    const out: Record<string, unknown> = {}
    if (priority !== undefined && (typeof priority !== 'number' || !Number.isInteger(priority) || Math.abs(priority) > 1000)) fail(problems, `${p}priority`, '应为 -1000 到 1000 之间的整数')
    else if (priority !== undefined) out['priority'] = priority
    const pub = strings(r['publications'], `${p}publications`, problems)
    const items = strings(r['items'], `${p}items`, problems)
    const cats = strings(r['categories'], `${p}categories`, problems)
    if (pub !== undefined) out['publications'] = pub
    if (items !== undefined) out['items'] = items
    if (cats !== undefined) out['categories'] = cats
    const d = days(r['days'], `${p}days`, problems)
    if (d !== undefined) out['days'] = d
    const tm = times(r['times'], `${p}times`, problems)
    if (tm !== undefined) out['times'] = tm
    if (r['showDays'] !== undefined) out['showDays'] = integer(r, 'showDays', 1, 3660, 30, problems, p)
    if (r['slideSeconds'] !== undefined) out['slideSeconds'] = integer(r, 'slideSeconds', 3, 600, 12, problems, p)
    rules.push(out)
  })

  return {
    orientation: orientation as Orientation,
    slideSeconds: integer(o, 'slideSeconds', 3, 600, 12, problems),
    theme: { background: bg ?? '#0b3d91', foreground: fgColour ?? '#ffffff', accent: acColour ?? '#ffd200', logo },
    showDays: integer(o, 'showDays', 1, 3660, 30, problems),
    days: days(o['days'], 'days', problems),
    times: times(o['times'], 'times', problems),
    rules,
    refreshSeconds: integer(o, 'refreshSeconds', 5, 3600, 60, problems),
    target,
    hosts,
    retries: integer(o, 'retries', 0, 10, 3, problems),
    retryDelayMs: integer(o, 'retryDelayMs', 0, 60_000, 1000, problems),
    fallbackFont,
  }
}

const reader = optionReader('kiosk', read)

/** Every problem of kiosk options, each with its option path; empty when they are good. */
export function checkKioskOptions(options: unknown): OptionProblem[] {
  return reader.check(options)
}

/** Checks kiosk options; throws an OptionsError (a ChannelOptionsError) listing every problem. */
export function resolveKioskOptions(options: unknown): ResolvedKioskOptions {
  return reader.resolve(options)
}
