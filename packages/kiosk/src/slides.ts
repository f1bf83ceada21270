/**
 * A publication's slides: a title slide (item, title, issuing body, date, QR code to its web page)
 * and the body paginated by measurement. Every slide carries the header (logo, issuing body),
 * the footer (item name, page count n/N) and nothing outside the safe margins.
 */
import type { Disclosure, ProjectConfig } from '@gongkai/core'
import type { FontFace, FontSet } from '@gongkai/fonts'
import { advanceOf } from '@gongkai/fonts/internal'
import { breakTitle } from '@gongkai/typeset'
import type QRCodeModule from 'qrcode'
import { toBlocks } from './blocks/index.js'
import { chartLayers } from './chart-slide.js'
import { addLayers, composeSlide } from './compose.js'
import type { Box, SlideGeometry } from './geometry.js'
import { boxOf, whole } from './layers.js'
import type { Layer, TextLayer } from './layers.js'
import { limitBlocks, MAX_SLIDES } from './limits.js'
import { escapeMarkup, toMarkup } from './markup.js'
import { paginate } from './paginate.js'
import type { Palette } from './paginate.js'
import { renderText } from './text.js'
import { PLAYER_TEXT } from './player.js'
import { formatChineseDate } from '@gongkai/core'
import type Sharp from 'sharp'
import { lazyRequire } from '@gongkai/core/internal'

const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')
const loadQr = lazyRequire<typeof QRCodeModule>(import.meta.url, 'qrcode')
// Called like sharp itself; the library is required on the first call.
const sharp = ((...args: Parameters<typeof Sharp>) => loadSharp()(...args)) as typeof Sharp

/** One rendered slide, with the boxes of its text for the safe-margin check. */
export interface RenderedSlide {
  readonly png: Buffer
  readonly textBoxes: readonly Box[]
}

/** What `renderSlides` needs besides the disclosure. */
export interface SlideSetup {
  readonly geometry: SlideGeometry
  readonly fonts: FontSet
  readonly palette: Palette
  /** The logo scaled to the header, when the theme has one. */
  readonly logo: { readonly data: Buffer; readonly width: number; readonly height: number } | undefined
  readonly config: ProjectConfig
}

/** What the kiosk limits (limits.ts) left out of a publication's slides. */
export interface SlideCut {
  /** The body ran past `MAX_SLIDES`: the 1-based file line of the first block not shown. */
  readonly slides: boolean
  readonly line: number | undefined
  /** Table rows left out past `MAX_TABLE_ROWS`, and the line of the first table that lost rows. */
  readonly rows: number
  readonly rowsLine: number | undefined
  /** Table columns left out, and table cells cut short. */
  readonly columns: number
  readonly cells: number
}

/** The slides of one disclosure and the characters no font could draw. */
export interface SlideSet {
  readonly slides: readonly RenderedSlide[]
  readonly missing: readonly string[]
  /** Present when the limits cut the body; the last slide then says so, with the QR code. */
  readonly cut?: SlideCut
  /** The title slide's title as set, one entry per line (chosen by the shared title breaker). */
  readonly titleLines: readonly string[]
}

/** The web page of a publication (the website channel's documented path). */
export function pageUrlOf(config: ProjectConfig, id: string): string {
  const base = config.site.baseUrl.endsWith('/') ? config.site.baseUrl : `${config.site.baseUrl}/`
  return `${base}p/${encodeURIComponent(id)}.html`
}

/** Scales the theme's logo to the header band once. */
export async function loadLogo(path: string, g: SlideGeometry): Promise<SlideSetup['logo']> {
  const { data, info } = await sharp(path)
    .resize({ height: g.header.height - 20, width: Math.round(g.header.width / 4), fit: 'inside' })
    .png()
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

async function oneLine(setup: SlideSetup, text: string, width: number, size: number, colour: string, bold: boolean, missing: Set<string>): Promise<TextLayer['image']> {
  const face = bold ? setup.fonts.sansBold : setup.fonts.sans
  const spec = { width, size, colour, bold, spacing: setup.geometry.spacing(size) }
  const full = await renderText(setup.fonts, { ...spec, markup: toMarkup(text, setup.fonts, face, missing) })
  if (full.cuts.length === 0) return full
  // A label that wraps (a long item name in the footer) is shortened with an ellipsis to one line.
  const chars = [...text]
  let lo = 1
  let hi = chars.length - 1
  let best = await renderText(setup.fonts, { ...spec, markup: toMarkup(`${chars[0] ?? ''}…`, setup.fonts, face, missing) })
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const img = await renderText(setup.fonts, { ...spec, markup: toMarkup(`${chars.slice(0, mid).join('')}…`, setup.fonts, face, missing) })
    if (img.cuts.length === 0) {
      best = img
      lo = mid + 1
    } else hi = mid - 1
  }
  return best
}

/** Header: logo and issuing body on the left; the right part stays free for the player's clock. */
async function header(setup: SlideSetup, missing: Set<string>): Promise<Layer[]> {
  const g = setup.geometry
  const layers: Layer[] = []
  let x = g.header.x
  if (setup.logo !== undefined) {
    layers.push({ type: 'image', data: setup.logo.data, x, y: g.header.y + Math.round((g.header.height - setup.logo.height) / 2), width: setup.logo.width, height: setup.logo.height })
    x += setup.logo.width + 24
  }
  const width = g.clock.x - 24 - x
  const name = await renderText(setup.fonts, {
    markup: toMarkup(setup.config.body.name, setup.fonts, setup.fonts.sansBold, missing),
    width,
    size: g.size.header,
    bold: true,
    colour: setup.palette.foreground,
    spacing: 4,
  })
  layers.push(whole(name, x, g.header.y + Math.max(0, Math.round((g.header.height - name.height) / 2))))
  layers.push({ type: 'rect', x: g.header.x, y: g.header.y + g.header.height, width: g.header.width, height: 6, fill: setup.palette.accent })
  return layers
}

/** The diagonal mark and the corner label of a 预览稿 slide. */
export const PREVIEW_MARK = { text: '预览稿', label: '预览稿', colour: '#d81e06', opacity: 0.4, size: 340 } as const

/**
 * Footer: a rule, the item name on the left and `n/N` on the right. A preview's footer opens with
 * a red 预览稿 label in its corner, in the band kept for labels, so it covers no slide text.
 */
async function footer(setup: SlideSetup, d: Disclosure, n: number, total: number, missing: Set<string>, preview: boolean): Promise<Layer[]> {
  const g = setup.geometry
  const size = g.size.small
  const count = await renderText(setup.fonts, { markup: escapeMarkup(`${n}/${total}`), width: 300, size, bold: true, colour: setup.palette.accent, spacing: 0 })
  const badge = preview ? await renderText(setup.fonts, { markup: escapeMarkup(PREVIEW_MARK.label), width: 400, size, bold: true, colour: '#ffffff', spacing: 0 }) : undefined
  const pad = Math.round(size / 3)
  const labelX = g.footer.x + (badge === undefined ? 0 : badge.width + 2 * pad + 24)
  const label = await oneLine(setup, `${d.item.name}　${d.item.code}`, g.footer.x + g.footer.width - count.width - 48 - labelX, size, setup.palette.foreground, false, missing)
  const top = g.footer.y + 20
  const mid = top + Math.round((g.footer.height - 20 - Math.max(count.height, label.height)) / 2)
  const corner: Layer[] =
    badge === undefined
      ? []
      : [{ type: 'rect', x: g.footer.x, y: mid - pad / 2, width: badge.width + 2 * pad, height: badge.height + pad, fill: PREVIEW_MARK.colour }, whole(badge, g.footer.x + pad, mid)]
  return [
    { type: 'rect', x: g.footer.x, y: g.footer.y, width: g.footer.width, height: 3, fill: setup.palette.foreground },
    ...corner,
    whole(label, labelX, mid),
    whole(count, g.footer.x + g.footer.width - count.width, mid),
  ]
}

/** 预览稿 along the slide's diagonal, translucent and drawn over everything, so the text shows through it. */
async function previewMark(setup: SlideSetup): Promise<TextLayer> {
  const g = setup.geometry
  const image = await renderText(setup.fonts, { markup: escapeMarkup(PREVIEW_MARK.text), width: g.width * 2, size: PREVIEW_MARK.size, bold: true, colour: PREVIEW_MARK.colour, spacing: 0 })
  const angle = (Math.atan2(g.height, g.width) * 180) / Math.PI
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .rotate(-angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true })
  for (let i = 3; i < data.length; i += 4) data[i] = Math.round(data[i]! * PREVIEW_MARK.opacity)
  return whole({ data, width: info.width, height: info.height, cuts: [] }, (g.width - info.width) / 2, (g.height - info.height) / 2)
}

/** Width of text in the face at `size` px, from the font's advances (a glyph it lacks counts one em). */
function measureIn(face: FontFace, size: number): (text: string) => number {
  return (text) => {
    let w = 0
    for (const ch of text) w += (advanceOf(face, ch.codePointAt(0) ?? 0) ?? 1) * size
    return w
  }
}

/**
 * The title in lines chosen by @gongkai/typeset's title breaker (whole words and names, balanced),
 * handed to Pango one per `\n`: Pango's own wrapping broke 月 / 报 and 2026年11 / 月25日.
 */
async function titleText(setup: SlideSetup, text: string, width: number, size: number, missing: Set<string>): Promise<{ image: TextLayer['image']; lines: readonly string[]; whole: boolean }> {
  const face = setup.fonts.sansBold
  const { lines, whole } = breakTitle(text, { measure: measureIn(face, size), maxWidth: width, em: size, keep: [setup.config.body.name] })
  const image = await renderText(setup.fonts, {
    markup: lines.map((l) => toMarkup(l, setup.fonts, face, missing)).join('\n'),
    // Half an em of slack so that Pango's rounding never rewraps a line measured to fit.
    width: width + Math.round(size / 2),
    size,
    bold: true,
    colour: setup.palette.foreground,
    spacing: setup.geometry.spacing(size) * 0.6,
  })
  return { image, lines, whole }
}

/**
 * The catalog path above the title (category · subcategory · item) in lines that break only at
 * its separators; a part wider than the line goes through the title breaker, so no line ends
 * inside a word (Pango's own wrapping set 环境影响 / 评价受理情况).
 */
export function labelLines(parts: readonly string[], measure: (text: string) => number, width: number, em: number, keep: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const part of parts) {
    const joined = line === '' ? part : `${line} · ${part}`
    if (measure(joined) <= width) {
      line = joined
      continue
    }
    if (line !== '') lines.push(`${line} ·`)
    if (measure(part) <= width) line = part
    else {
      const broken = breakTitle(part, { measure, maxWidth: width, em, keep: [keep] }).lines
      lines.push(...broken.slice(0, -1))
      line = broken.at(-1) ?? ''
    }
  }
  if (line !== '') lines.push(line)
  return lines
}

/** The title slide's own layers (inside the content box), and the title's lines. */
async function titleLayers(setup: SlideSetup, d: Disclosure, missing: Set<string>): Promise<{ layers: Layer[]; lines: readonly string[] }> {
  const g = setup.geometry
  const p = d.publication
  const box = g.content
  const portrait = g.orientation === 'portrait'
  const qrSide = g.qr
  const qrPng = await loadQr().toBuffer(pageUrlOf(setup.config, p.id), { type: 'png', errorCorrectionLevel: 'M', margin: 3, width: qrSide, color: { dark: '#000000ff', light: '#ffffffff' } })
  const qrMeta = await sharp(qrPng).metadata()
  const qw = qrMeta.width ?? qrSide
  const caption = await renderText(setup.fonts, { markup: escapeMarkup('手机扫码查看全文'), width: qw + 200, size: g.size.small, colour: setup.palette.foreground, spacing: 0 })
  const qrBlock = qw + 16 + caption.height
  const textWidth = portrait ? box.width : box.width - qw - 80
  const room = portrait ? box.height - qrBlock - 48 : box.height

  const parts = [d.item.category, d.item.subcategory, d.item.name].filter((s): s is string => s !== undefined && s !== '')
  const label = await renderText(setup.fonts, {
    markup: labelLines(parts, measureIn(setup.fonts.sans, g.size.body), textWidth, g.size.body, setup.config.body.name)
      .map((l) => toMarkup(l, setup.fonts, setup.fonts.sans, missing))
      .join('\n'),
    // Half an em of slack so that Pango's rounding never rewraps a line measured to fit.
    width: textWidth + Math.round(g.size.body / 2),
    size: g.size.body,
    colour: setup.palette.accent,
    spacing: g.spacing(g.size.body),
  })
  const kind = p.kind === 'interpretation' ? '【政策解读】' : p.kind === 'response' ? '【回应关切】' : ''
  const meta = [
    `发布机构：${setup.config.body.name}`,
    `发布日期：${formatChineseDate(p.published ?? p.formed)}`,
    ...(p.docNumber === undefined ? [] : [`发文字号：${p.docNumber}`]),
    ...(p.noticePeriod === undefined ? [] : [`公示期间：${formatChineseDate(p.noticePeriod.from)}至${formatChineseDate(p.noticePeriod.until)}`]),
  ]
  const metaImg = await renderText(setup.fonts, {
    markup: meta.map((m) => toMarkup(m, setup.fonts, setup.fonts.sans, missing)).join('\n'),
    width: textWidth,
    size: g.size.body,
    colour: setup.palette.foreground,
    spacing: g.spacing(g.size.body),
  })
  // The title shrinks toward its minimum only when the slide cannot hold it at full size, or
  // when a name or a number would have to be split at that size; failing both, the largest that fits.
  const need = (t: { height: number }) => label.height + 28 + t.height + 48 + metaImg.height
  let set = await titleText(setup, `${kind}${p.title}`, textWidth, g.size.title, missing)
  let fallback = need(set.image) <= room ? set : undefined
  for (let size = g.size.title - 6; (need(set.image) > room || !set.whole) && size >= g.size.minTitle; size -= 6) {
    set = await titleText(setup, `${kind}${p.title}`, textWidth, size, missing)
    if (need(set.image) <= room) fallback ??= set
  }
  if (!(set.whole && need(set.image) <= room) && fallback !== undefined) set = fallback
  const title = set.image
  const layers: Layer[] = []
  let y = box.y + (portrait ? 16 : Math.max(0, Math.round((box.height - need(title)) / 2)))
  layers.push(whole(label, box.x, y))
  y += label.height + 28
  layers.push(whole(title, box.x, y))
  y += title.height + 48
  layers.push({ type: 'rect', x: box.x, y: y - 26, width: 120, height: 6, fill: setup.palette.accent })
  layers.push(whole(metaImg, box.x, y))
  const qx = portrait ? box.x + Math.round((box.width - qw) / 2) : box.x + box.width - qw
  const qy = portrait ? box.y + box.height - qrBlock : box.y + Math.round((box.height - qrBlock) / 2)
  layers.push({ type: 'image', data: qrPng, x: qx, y: qy, width: qw, height: qw })
  layers.push(whole(caption, qx + Math.round((qw - caption.width) / 2), qy + qw + 16))
  return { layers, lines: set.lines }
}

/** The closing slide of a cut publication: what was left out and where to read it, with the QR code. */
async function noticeLayers(setup: SlideSetup, d: Disclosure, missing: Set<string>): Promise<Layer[]> {
  const g = setup.geometry
  const box = g.content
  const url = pageUrlOf(setup.config, d.publication.id)
  const qrPng = await loadQr().toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 3, width: g.qr, color: { dark: '#000000ff', light: '#ffffffff' } })
  const qw = (await sharp(qrPng).metadata()).width ?? g.qr
  const heading = await renderText(setup.fonts, {
    markup: escapeMarkup('全文较长，屏幕上只显示前面部分'),
    width: box.width,
    size: g.size.heading,
    bold: true,
    colour: setup.palette.accent,
    align: 'centre',
    spacing: g.spacing(g.size.heading),
  })
  const body = await renderText(setup.fonts, {
    markup: toMarkup('请用手机扫描下方二维码，或访问本机关政府信息公开网站，查看全文。', setup.fonts, setup.fonts.sans, missing),
    width: box.width,
    size: g.size.body,
    colour: setup.palette.foreground,
    align: 'centre',
    spacing: g.spacing(g.size.body),
  })
  const total = heading.height + 40 + body.height + 56 + qw
  let y = box.y + Math.max(0, Math.round((box.height - total) / 2))
  const layers: Layer[] = [whole(heading, box.x + Math.round((box.width - heading.width) / 2), y)]
  y += heading.height + 40
  layers.push(whole(body, box.x + Math.round((box.width - body.width) / 2), y))
  y += body.height + 56
  layers.push({ type: 'image', data: qrPng, x: box.x + Math.round((box.width - qw) / 2), y, width: qw, height: qw })
  return layers
}

const textBoxesOf = (layers: readonly Layer[]) => layers.filter((l): l is TextLayer => l.type === 'text').map(boxOf)

/**
 * Renders every slide of a disclosure, within the kiosk limits. Each page is encoded as soon as
 * it is laid out, so a build holds one page's pixels at a time; the footer with `n/N` is drawn
 * over the encoded slides once the last page is known.
 */
export async function renderSlides(d: Disclosure, setup: SlideSetup, options: { readonly preview?: boolean } = {}): Promise<SlideSet> {
  const preview = options.preview === true
  const missing = new Set<string>()
  const g = setup.geometry
  const [head, title] = await Promise.all([header(setup, missing), titleLayers(setup, d, missing)])
  const limited = limitBlocks(toBlocks(d.tree, setup.fonts, missing))
  const drafts: { png: Buffer; textBoxes: Box[] }[] = []
  const draft = async (layers: readonly Layer[]) => {
    const all = [...head, ...layers]
    drafts.push({ png: await composeSlide(g, setup.palette.background, all, { draft: true }), textBoxes: textBoxesOf(all) })
  }
  await draft(title.layers)
  // Title, content, and a closing notice when anything was cut: MAX_SLIDES at most.
  const pageUrl = pageUrlOf(setup.config, d.publication.id)
  const pagination = await paginate(
    limited.blocks,
    g,
    setup.fonts,
    setup.palette,
    (page) => draft(page.layers),
    MAX_SLIDES - 2,
    (block, box) => chartLayers(setup, block, box, pageUrl, missing),
  )
  const cut =
    pagination.cut === undefined && limited.rowsCut + limited.columnsCut + limited.cellsCut === 0
      ? undefined
      : { slides: pagination.cut !== undefined, line: pagination.cut?.line, rows: limited.rowsCut, rowsLine: limited.rowsLine, columns: limited.columnsCut, cells: limited.cellsCut }
  if (cut !== undefined) await draft(await noticeLayers(setup, d, missing))
  const total = drafts.length
  const slides: RenderedSlide[] = []
  const mark = preview ? await previewMark(setup) : undefined
  for (const [i, s] of drafts.entries()) {
    const foot = await footer(setup, d, i + 1, total, missing, preview)
    // The mark is no text box: it lies over the others on purpose.
    slides.push({ png: await addLayers(g, s.png, mark === undefined ? foot : [...foot, mark]), textBoxes: [...s.textBoxes, ...textBoxesOf(foot)] })
    drafts[i] = { png: Buffer.alloc(0), textBoxes: [] }
  }
  return { slides, missing: [...missing], ...(cut === undefined ? {} : { cut }), titleLines: title.lines }
}

/** How many slides a disclosure takes (for the playlist), without encoding them. */
export async function countSlides(d: Disclosure, setup: SlideSetup): Promise<number> {
  const limited = limitBlocks(toBlocks(d.tree, setup.fonts, new Set()))
  const pagination = await paginate(limited.blocks, setup.geometry, setup.fonts, setup.palette, async () => undefined, MAX_SLIDES - 2)
  return 1 + pagination.pages + (pagination.cut !== undefined || limited.rowsCut + limited.columnsCut + limited.cellsCut > 0 ? 1 : 0)
}

/** The player's empty-state screen: the header, then the issuing body and a notice, centred. */
export async function renderEmpty(setup: SlideSetup): Promise<Buffer> {
  const g = setup.geometry
  const missing = new Set<string>()
  const head = await header(setup, missing)
  const box = g.content
  const name = await renderText(setup.fonts, {
    markup: toMarkup(setup.config.body.name, setup.fonts, setup.fonts.sansBold, missing),
    width: box.width,
    size: g.size.title,
    bold: true,
    colour: setup.palette.accent,
    align: 'centre',
    spacing: 12,
  })
  const notice = await renderText(setup.fonts, { markup: escapeMarkup(PLAYER_TEXT.empty), width: box.width, size: g.size.heading, colour: setup.palette.foreground, align: 'centre', spacing: 12 })
  const hint = await renderText(setup.fonts, {
    markup: escapeMarkup(PLAYER_TEXT.hint),
    width: box.width,
    size: g.size.minBody,
    colour: setup.palette.foreground,
    align: 'centre',
    spacing: g.spacing(g.size.minBody),
  })
  const total = name.height + 64 + notice.height + 40 + hint.height
  let y = box.y + Math.round((box.height - total) / 2)
  const layers: Layer[] = [...head]
  for (const [img, after] of [
    [name, 64],
    [notice, 40],
    [hint, 0],
  ] as const) {
    layers.push(whole(img, box.x + Math.round((box.width - img.width) / 2), y))
    y += img.height + after
  }
  return composeSlide(g, setup.palette.background, layers)
}
