/**
 * The cover: 1410 × 600 JPEG (2.35:1, the share card), composed so that the centre 600 × 600
 * square (the 1:1 crop of chat lists and the account's home) holds everything that must be
 * read: the title and the issuing body. The wide wings carry only ornament. Text is set by
 * sharp's Pango `text` input with the packaged CJK font, so no system font is needed; the title's
 * lines are chosen by @gongkai/typeset's title breaker (the sheet's and the kiosk's), measured with
 * the font's own advances, and handed to Pango one per `\n`, so that Pango never breaks a word.
 */
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import type { FontFace, FontSet } from '@gongkai/fonts'
import { advanceOf } from '@gongkai/fonts/internal'
import { breakTitle } from '@gongkai/typeset'
import type Sharp from 'sharp'
import { lazyRequire } from '@gongkai/core/internal'

const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')
// Called like sharp itself; the library is required on the first call.
const sharp = ((...args: Parameters<typeof Sharp>) => loadSharp()(...args)) as typeof Sharp

/** Width and height of the cover. */
export const COVER_SIZE = { width: 1410, height: 600 } as const
/** The square that survives the 1:1 crop, and the margin kept inside it. */
const SQUARE = { left: (COVER_SIZE.width - COVER_SIZE.height) / 2, size: COVER_SIZE.height, inner: 500 } as const

const BG = { top: '#8e1616', bottom: '#6e0f0f', gold: '#e9c46a', faint: 'rgba(255,255,255,0.07)' } as const

function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function backgroundSvg(): string {
  const { width: w, height: h } = COVER_SIZE
  const cx = w / 2
  const cy = h / 2
  const rings = [330, 380, 430, 520, 610, 700].map((r) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${BG.faint}" stroke-width="2"/>`).join('')
  const rays = Array.from({ length: 24 }, (_, i) => {
    const a = (i * Math.PI) / 12
    const x = (cx + Math.cos(a) * 900).toFixed(1)
    const y = (cy + Math.sin(a) * 900).toFixed(1)
    return `<line x1="${cx}" y1="${cy}" x2="${x}" y2="${y}" stroke="${BG.faint}" stroke-width="1.5"/>`
  }).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${BG.top}"/><stop offset="1" stop-color="${BG.bottom}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>${rays}${rings}
<rect x="${SQUARE.left}" y="0" width="${SQUARE.size}" height="${h}" fill="${BG.bottom}" opacity="0.55"/>
<rect x="0" y="${h - 14}" width="${w}" height="14" fill="${BG.gold}"/>
<rect x="${SQUARE.left + 80}" y="0" width="${SQUARE.size - 160}" height="6" fill="${BG.gold}"/>
</svg>`
}

let backgroundPixels: Promise<Buffer> | undefined

/** The ornament is the same on every cover: rasterised once per process. */
function background(): Promise<Buffer> {
  backgroundPixels ??= sharp(Buffer.from(backgroundSvg())).removeAlpha().raw().toBuffer()
  return backgroundPixels
}

/** A rendered text or ornament and where it goes on the cover. */
export interface CoverLayer {
  readonly data: Buffer
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
}

/** The cover's layers and the title as it was set (cut with an ellipsis when it could not fit). */
export interface CoverLayout {
  readonly title: string
  readonly titleSize: number
  /** The title's lines as the breaker chose them and Pango set them, top to bottom. */
  readonly titleLines: readonly string[]
  readonly layers: readonly CoverLayer[]
}

interface TextImage {
  readonly data: Buffer
  readonly width: number
  readonly height: number
  /** The lines set, when the text was broken here rather than by Pango. */
  readonly lines?: readonly string[]
  /** False when the measure forced a break inside a word or name: a smaller size is tried first. */
  readonly whole?: boolean
}

async function textImage(markup: string, fontfile: string, font: string, width: number, spacing: number): Promise<TextImage> {
  const { data, info } = await sharp({ text: { text: markup, fontfile, font, width, align: 'centre', rgba: true, dpi: 72, wrap: 'word-char', spacing } })
    .png()
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

function titleSize(chars: number): number {
  if (chars <= 8) return 68
  if (chars <= 14) return 60
  if (chars <= 22) return 54
  return 48
}

/** The smallest title type still read on a phone's share card; below it the title is cut instead. */
const MIN_TITLE_SIZE = 32
const TITLE_STEP = 4
/** Where the title block may start (under 政务公开) and the space kept above the gold band. */
const TITLE_TOP = 96
const BOTTOM_MARGIN = 38
const RULE_GAP = 26
/** The issuing body gets at most two lines of its 30 pt type. */
const BODY_MAX_HEIGHT = 90
const ELLIPSIS = '…'

/** Width of text in the face at `size` px, from the font's advances (a glyph it lacks counts one em). */
function measureIn(face: FontFace, size: number): (text: string) => number {
  return (text) => {
    let w = 0
    for (const ch of text) w += (advanceOf(face, ch.codePointAt(0) ?? 0) ?? 1) * size
    return w
  }
}

/** The title broken into balanced lines of whole words that fit the square, set by Pango line for line. */
async function titleImage(title: string, size: number, body: string, fonts: FontSet, markup: (s: string) => string): Promise<TextImage> {
  const face = fonts.sansBold
  const { lines, whole } = breakTitle(title, { measure: measureIn(face, size), maxWidth: SQUARE.inner, em: size, keep: [body] })
  // Pango gets half an em of slack so that its own rounding never rewraps a line measured to fit;
  // a line wider than the square still fails the box check and the next size is tried.
  const image = await textImage(lines.map(markup).join('\n'), face.path, `${face.family} Bold ${size}`, SQUARE.inner + Math.round(size / 2), Math.round(size * 0.3))
  return { ...image, lines, whole }
}

const CLOSING = /[。！？；，、：）》」』】〕!?;,:)\]]/
const OPENING = /[（《「『【〔([]/
const WORD = /[A-Za-z0-9.\-_]/

/**
 * Where to cut `chars` at or before `n` so the cut falls at a sentence or word boundary: after
 * closing punctuation or a space, before opening punctuation, never inside a Latin word or number.
 * Looks back at most a third of the kept text for punctuation; a title with none is cut at `n`.
 */
export function cutPoint(chars: readonly string[], n: number): number {
  const floor = Math.max(1, Math.ceil((n * 2) / 3))
  for (let i = n; i >= floor; i--) {
    const before = chars[i - 1] ?? ''
    const after = chars[i] ?? ''
    if (CLOSING.test(before) || before === ' ' || OPENING.test(after)) return i
  }
  if (!WORD.test(chars[n - 1] ?? '') || !WORD.test(chars[n] ?? '')) return n
  // Inside a Latin word or a number (PM2.5): cut before it, unless the word is most of the title.
  let i = n - 1
  while (i > 0 && WORD.test(chars[i - 1] ?? '')) i--
  return i >= n / 2 ? i : n
}

/** `chars` kept up to `n`, without trailing punctuation or space, and an ellipsis. */
function cutText(chars: readonly string[], n: number): string {
  return `${chars
    .slice(0, n)
    .join('')
    .replace(/[\s。！？；，、：.!?;,:（《「『【〔([]+$/u, '')}${ELLIPSIS}`
}

/**
 * Sets `text` in a box: each size from `sizes` in turn (largest first), then, at the smallest,
 * the longest cut at a boundary with an ellipsis that fits. Every image returned fits the box.
 */
async function fitText(
  text: string,
  sizes: readonly number[],
  box: { width: number; height: number },
  render: (text: string, size: number) => Promise<TextImage>,
): Promise<{ image: TextImage; text: string; size: number }> {
  const fits = (img: TextImage) => img.width <= box.width && img.height <= box.height
  // The largest size that keeps every word whole; failing that, the largest that fits.
  let split: { image: TextImage; text: string; size: number } | undefined
  for (const size of sizes) {
    const image = await render(text, size)
    if (!fits(image)) continue
    if (image.whole !== false) return { image, text, size }
    split ??= { image, text, size }
  }
  if (split !== undefined) return split
  const size = sizes[sizes.length - 1] ?? MIN_TITLE_SIZE
  const chars = [...text]
  // Binary search over how many characters are kept: at most about log2(length) renders.
  let lo = 0
  let hi = chars.length - 1
  let best: { image: TextImage; text: string } | undefined
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2)
    const candidate = cutText(chars, mid)
    const image = await render(candidate, size)
    if (fits(image)) {
      best = { image, text: candidate }
      lo = mid + 1
    } else hi = mid - 1
  }
  if (best !== undefined) {
    const at = cutPoint(chars, hi)
    if (at < hi) {
      const candidate = cutText(chars, at)
      const image = await render(candidate, size)
      if (fits(image)) return { image, text: candidate, size }
    }
    return { ...best, size }
  }
  // Not even an ellipsis fits (a box made absurdly small): scale the smallest rendering down.
  const image = await render(ELLIPSIS, size)
  return { image: await shrinkInto(image, box), text: ELLIPSIS, size }
}

/** An image made to fit a box (kept as it is when it already does). */
async function shrinkInto(image: TextImage, box: { width: number; height: number }): Promise<TextImage> {
  if (image.width <= box.width && image.height <= box.height) return image
  const { data, info } = await sharp(image.data).resize({ width: box.width, height: box.height, fit: 'inside' }).png().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/**
 * Lays out a cover: 政务公开 at the top, the title in the centre square (shrunk to fit, down to
 * 32 pt, then cut at a boundary with an ellipsis), a gold rule and the issuing body under it.
 * Every layer lies inside the cover, whatever the title's length.
 */
export async function layoutCover(title: string, body: string, fonts: FontSet): Promise<CoverLayout> {
  const white = (s: string) => `<span foreground="#ffffff">${escapeMarkup(s)}</span>`
  const gold = (s: string) => `<span foreground="${BG.gold}">${escapeMarkup(s)}</span>`
  const head = await textImage(gold('政 务 公 开'), fonts.sans.path, `${fonts.sans.family} 24`, SQUARE.inner, 0)
  const bodyFit = await fitText(body, [30], { width: SQUARE.inner, height: BODY_MAX_HEIGHT }, (t) => textImage(gold(t), fonts.serifBold.path, `${fonts.serifBold.family} Bold 30`, SQUARE.inner, 0))
  const bodyImg = bodyFit.image
  const titleBox = { width: SQUARE.inner, height: COVER_SIZE.height - TITLE_TOP - BOTTOM_MARGIN - (RULE_GAP * 2 + 3 + bodyImg.height) }
  const sizes: number[] = []
  for (let size = titleSize([...title].length); size >= MIN_TITLE_SIZE; size -= TITLE_STEP) sizes.push(size)
  const titleFit = await fitText(title, sizes, titleBox, (t, size) => titleImage(t, size, body, fonts, white))
  const titleImg = titleFit.image
  const blockHeight = titleImg.height + RULE_GAP * 2 + 3 + bodyImg.height
  const top = Math.max(TITLE_TOP, Math.round((COVER_SIZE.height - blockHeight) / 2) + 10)
  const centerX = (w: number) => Math.round(SQUARE.left + (SQUARE.size - w) / 2)
  const ruleY = top + titleImg.height + RULE_GAP
  const rule = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="3"><rect width="120" height="3" fill="${BG.gold}"/></svg>`)
  const layer = (img: TextImage, t: number): CoverLayer => ({ data: img.data, left: centerX(img.width), top: t, width: img.width, height: img.height })
  return {
    title: titleFit.text,
    titleSize: titleFit.size,
    titleLines: titleFit.image.lines ?? [titleFit.text],
    layers: [layer(head, 40), layer(titleImg, top), layer({ data: rule, width: 120, height: 3 }, ruleY), layer(bodyImg, ruleY + 3 + RULE_GAP)],
  }
}

/** Draws the cover for a title and an issuing body. Same input, same bytes. */
export async function drawCover(title: string, body: string, fonts: FontSet): Promise<Uint8Array> {
  const { layers } = await layoutCover(title, body, fonts)
  for (const l of layers) {
    // sharp refuses a layer larger than the base; one that strays outside would be cut silently.
    if (l.left < 0 || l.top < 0 || l.left + l.width > COVER_SIZE.width || l.top + l.height > COVER_SIZE.height) {
      throw GongkaiError.from(ERRORS.WechatCoverLayout, `${l.width}×${l.height}，位于 ${l.left},${l.top}`)
    }
  }
  const jpeg = await sharp(await background(), { raw: { width: COVER_SIZE.width, height: COVER_SIZE.height, channels: 3 } })
    .composite(layers.map((l) => ({ input: l.data, left: l.left, top: l.top })))
    .flatten({ background: BG.bottom })
    .jpeg({ quality: 88, chromaSubsampling: '4:4:4' })
    .toBuffer()
  return new Uint8Array(jpeg)
}

/** An operator's cover, made a JPEG of at most 1410 px wide (its own composition is kept). */
export async function fitCover(data: Uint8Array): Promise<Uint8Array> {
  const jpeg = await sharp(data, { animated: false })
    .resize({ width: COVER_SIZE.width, height: COVER_SIZE.width, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 88 })
    .toBuffer()
  return new Uint8Array(jpeg)
}

/** The cover of a disclosure: the operator's when given and readable, else drawn. */
export async function coverOf(d: Disclosure, title: string, fonts: FontSet, ctx: RenderContext): Promise<Uint8Array> {
  const p = d.publication
  if (p.cover !== undefined) {
    const where: Pick<Diagnostic, 'file' | 'line' | 'column' | 'subject'> = { file: p.source.file, ...(p.source.fields?.['cover'] ?? {}), subject: p.id }
    try {
      return await fitCover(await ctx.readAsset(p.cover))
    } catch {
      ctx.report({
        code: 'wechat/cover-unusable',
        severity: 'warning',
        message: `封面图片“${p.cover}”无法使用，已改用自动生成的封面`,
        hint: '请检查 cover 字段的路径，并使用 JPG 或 PNG 图片',
        ...where,
      })
    }
  }
  const missing = fonts.missing(title + ctx.config.body.name, fonts.sansBold)
  if (missing.length > 0) {
    ctx.report({
      code: 'wechat/cover-missing-glyph',
      severity: 'warning',
      message: `封面字体缺少“${missing.join('')}”，这些字在封面上会显示为方框`,
      hint: '请在 wechatTitle 中避开这些字，或在 cover 字段提供封面图片',
      file: p.source.file,
      subject: p.id,
    })
  }
  return drawCover(title, ctx.config.body.name, fonts)
}
