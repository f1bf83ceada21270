/** The kiosk channel: `kiosk(options)` returns a Channel (render slides, assemble the player, deliver). */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { Artifact, Channel, Disclosure, ProjectConfig, RenderContext } from '@gongkai/core'
import { withdrawalInForce } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import { fontsFingerprint } from '@gongkai/fonts/internal'
import { codeVersion, isPreview } from '@gongkai/core/internal'
import { chartCodeVersion } from '@gongkai/chart/internal'
import type { FontSet } from '@gongkai/fonts'
import { deliverKiosk } from './deliver.js'
import { geometryOf } from './geometry.js'
import type { SlideGeometry } from './geometry.js'
import { resolveKioskOptions } from './options.js'
import type { KioskOptions, ResolvedKioskOptions } from './options.js'
import { MAX_CELL_CHARS, MAX_SLIDES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits.js'
import { EMPTY_IMAGE, playerHtml } from './player.js'
import { buildPlaylist, playlistScript } from './playlist.js'
import type { Playlist } from './playlist.js'
import { countSlides, loadLogo, renderEmpty, renderSlides } from './slides.js'
import type { SlideSet, SlideSetup } from './slides.js'

// Where lines break is @gongkai/typeset's code: its version is part of what this channel renders,
// so that a change there reaches the render cache too.
const TYPESET = import.meta.resolve('@gongkai/typeset')

/** The kiosk channel, with the options it resolved and its slide geometry. */
export interface KioskChannel extends Channel {
  readonly options: ResolvedKioskOptions
  readonly geometry: SlideGeometry
  /** Renders a disclosure's slides with their measured text boxes (what `render` encodes as artifacts). */
  renderSlides(d: Disclosure, ctx: RenderContext): Promise<SlideSet>
  /** The playlist `assemble` writes. */
  playlist(all: readonly Disclosure[], ctx: RenderContext): Promise<Playlist>
}

/** The slide path of a publication's n-th slide (1-based). */
export function slidePath(id: string, n: number): string {
  return `slides/${id}-${n}.png`
}

function todayIn(timezone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** The logo file's size and mtime (or absent): part of what shapes every slide. */
function logoStamp(resolved: ResolvedKioskOptions): string {
  const logo = resolved.theme.logo
  if (logo === undefined) return ''
  try {
    const s = statSync(logo)
    return `${s.size}:${s.mtimeMs}`
  } catch {
    return 'absent'
  }
}

/**
 * The service-hall kiosk channel. Options are checked at once (OptionsError names the option);
 * the logo is read and the fonts resolved on first render.
 */
export function kiosk(options: KioskOptions = {}): KioskChannel {
  const resolved = resolveKioskOptions(options)
  const geometry = geometryOf(resolved.orientation)
  const palette = { background: resolved.theme.background, foreground: resolved.theme.foreground, accent: resolved.theme.accent }
  let logo: Promise<SlideSetup['logo']> | undefined
  const setups = new WeakMap<ProjectConfig, Promise<SlideSetup>>()
  const counts = new Map<string, number>()
  const fontsReported = new WeakSet<ProjectConfig>()
  const empties = new Map<string, Promise<Buffer>>()

  const fontsFor = (ctx: RenderContext): FontSet => {
    const fallback = resolved.fallbackFont ?? ctx.config.fonts.fallback
    if (fallback !== undefined && isAbsolute(fallback) && existsSync(fallback)) return resolveFonts({ fallback })
    if (fallback !== undefined && !fontsReported.has(ctx.config)) {
      fontsReported.add(ctx.config)
      ctx.report({
        code: 'kiosk/fallback-font-missing',
        severity: 'warning',
        message: `找不到后备字体“${fallback}”，自助终端幻灯片不使用后备字体`,
        hint: '请在 gongkai.config.yaml 的 fonts.fallback 中写字体文件的绝对路径，例如 /usr/share/fonts/truetype/hanazono/HanaMinB.ttf',
        file: 'gongkai.config.yaml',
      })
    }
    return resolveFonts()
  }
  const setupFor = (ctx: RenderContext): Promise<SlideSetup> => {
    let s = setups.get(ctx.config)
    if (s === undefined) {
      const fonts = fontsFor(ctx)
      if (logo === undefined) logo = resolved.theme.logo === undefined ? Promise.resolve(undefined) : loadLogo(resolved.theme.logo, geometry)
      s = logo.then((l) => ({ geometry, fonts, palette, logo: l, config: ctx.config }))
      setups.set(ctx.config, s)
    }
    return s
  }
  const countKey = (d: Disclosure, config: ProjectConfig) => `${d.publication.id}@${d.revision}@${config.body.name}@${config.site.baseUrl}`

  const slidesOf = async (d: Disclosure, ctx: RenderContext): Promise<SlideSet> => {
    const set = await renderSlides(d, await setupFor(ctx), { preview: isPreview(d, ctx) })
    counts.set(countKey(d, ctx.config), set.slides.length)
    if (set.missing.length > 0) {
      ctx.report({
        code: 'kiosk/missing-glyph',
        severity: 'warning',
        message: `字符“${set.missing.join('')}”在自助终端字体中没有字形，幻灯片上可能显示为方框`,
        hint: '请在 gongkai.config.yaml 中设置 fonts.fallback，指向含这些字符的字体（如 Debian fonts-hanazono 的 HanaMinB.ttf），或改用常用字',
        file: d.publication.source.file,
        subject: d.publication.id,
      })
    }
    if (set.cut !== undefined) {
      const p = d.publication
      const what = [
        ...(set.cut.slides ? [`正文超过 ${MAX_SLIDES} 页幻灯片，只显示前 ${set.slides.length - 2} 页正文`] : []),
        ...(set.cut.rows > 0 ? [`表格共超过 ${MAX_TABLE_ROWS} 行，略去 ${set.cut.rows} 行`] : []),
        ...(set.cut.columns > 0 ? [`表格超过 ${MAX_TABLE_COLUMNS} 列，略去 ${set.cut.columns} 列`] : []),
        ...(set.cut.cells > 0 ? [`${set.cut.cells} 个单元格超过 ${MAX_CELL_CHARS} 字，已截短`] : []),
      ]
      const line = set.cut.slides ? set.cut.line : (set.cut.rowsLine ?? set.cut.line)
      ctx.report({
        code: 'kiosk/too-long',
        severity: 'warning',
        message: `“${p.title}”在自助终端上未完整显示：${what.join('；')}。最后一页提示观众扫码查看全文`,
        hint: '网站、公众号和公示栏照常发布全文；大屏只适合要点，可另写一条简短的信息供大屏轮播',
        file: p.source.file,
        ...(line === undefined ? {} : { line, column: 1 }),
        subject: p.id,
      })
    }
    return set
  }

  const playlistOf = async (all: readonly Disclosure[], ctx: RenderContext): Promise<Playlist> => {
    const setup = await setupFor(ctx)
    const today = todayIn(ctx.config.timezone, ctx.now)
    const entries: { disclosure: Disclosure; count: number }[] = []
    for (const d of all) {
      const p = d.publication
      // Not yet due (定时发布) or past its window: not in the playlist at all.
      if (p.publishAt !== undefined && Date.parse(p.publishAt) > ctx.now.getTime()) continue
      // 撤回 in force: gone from the playlist, so the player drops its slides at its next refresh.
      if (withdrawalInForce(p, ctx.now, ctx.config.timezone) !== undefined) continue
      let count = counts.get(countKey(d, ctx.config))
      if (count === undefined) {
        try {
          count = await countSlides(d, setup)
        } catch (cause) {
          // One publication whose slides cannot be made stays out of the playlist; the player and the others still go out.
          ctx.report({
            code: 'kiosk/not-in-playlist',
            severity: 'error',
            message: `“${p.title}”的幻灯片无法生成，未列入自助终端轮播：${cause instanceof Error ? cause.message : String(cause)}`,
            hint: '其他公开信息照常轮播；请把这段输出报告给维护者',
            file: p.source.file,
            subject: p.id,
          })
          continue
        }
        counts.set(countKey(d, ctx.config), count)
      }
      entries.push({ disclosure: d, count })
    }
    const playlist = buildPlaylist(entries, resolved, ctx.config, geometry, ctx.now)
    return { ...playlist, slides: playlist.slides.filter((s) => s.until >= today) }
  }

  const channel: KioskChannel = {
    id: 'kiosk',
    limits: { imageFormats: ['png', 'jpeg'], size: `${geometry.width}x${geometry.height}` },
    // Where slides are delivered shapes none of them; the logo file does, so its size and mtime count; so do the typesetting and chart code.
    fingerprint: JSON.stringify([
      codeVersion(import.meta.url),
      codeVersion(TYPESET),
      chartCodeVersion(),
      fontsFingerprint(resolved.fallbackFont),
      { ...resolved, target: undefined, hosts: undefined },
      logoStamp(resolved),
    ]),
    options: resolved,
    geometry,
    renderSlides: slidesOf,
    playlist: playlistOf,
    async render(d, ctx) {
      // A withdrawn publication has no slides to ship: the kiosk target never gets them.
      if (withdrawalInForce(d.publication, ctx.now, ctx.config.timezone) !== undefined) return []
      const set = await slidesOf(d, ctx)
      return set.slides.map((s, i): Artifact => ({ channel: 'kiosk', publication: d.publication.id, path: slidePath(d.publication.id, i + 1), data: s.png, mediaType: 'image/png' }))
    },
    async assemble(all, ctx) {
      const playlist = await playlistOf(all, ctx)
      const json = `${JSON.stringify(playlist, null, 2)}\n`
      let empty = empties.get(playlist.body)
      if (empty === undefined) {
        empty = setupFor(ctx).then((setup) => renderEmpty(setup))
        empties.set(playlist.body, empty)
      }
      return [
        { channel: 'kiosk', path: 'index.html', data: playerHtml(playlist), mediaType: 'text/html; charset=utf-8' },
        { channel: 'kiosk', path: EMPTY_IMAGE, data: await empty, mediaType: 'image/png' },
        { channel: 'kiosk', path: 'playlist.json', data: json, mediaType: 'application/json' },
        { channel: 'kiosk', path: 'playlist.js', data: playlistScript(json.trim()), mediaType: 'text/javascript; charset=utf-8' },
      ]
    },
  }
  if (resolved.target !== undefined || resolved.hosts.length > 0) {
    return { ...channel, deliver: (units, ctx) => deliverKiosk(units, ctx, resolved) }
  }
  return channel
}
