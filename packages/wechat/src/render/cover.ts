/**
 * The cover: 1410 × 600 JPEG (2.35:1, the share card), composed so that the centre 600 × 600
 * square (the 1:1 crop of chat lists and the account's home) holds everything that must be
 * read: the title and the issuing body. The wide wings carry only ornament. Text is set by
 * sharp's Pango `text` input with the packaged CJK font, so no system font is needed.
 */
import type { Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import type { FontSet } from '@gongkai/fonts'
import sharp from 'sharp'

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

async function textImage(markup: string, fontfile: string, font: string, width: number, spacing: number): Promise<{ data: Buffer; width: number; height: number }> {
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

/**
 * A wrap width that gives lines of even length (十三个字 → 7 + 6, not 8 + 5). Half-width
 * characters count as half an em.
 */
function balancedWidth(title: string, size: number): number {
  const ems = [...title].reduce((n, c) => n + (/[\u0020-\u007e]/.test(c) ? 0.55 : 1), 0)
  const perLine = Math.floor(SQUARE.inner / size)
  const lines = Math.max(1, Math.ceil(ems / perLine))
  return Math.min(SQUARE.inner, Math.ceil((ems / lines) * size + size * 0.6))
}

/** Draws the cover for a title and an issuing body. Same input, same bytes. */
export async function drawCover(title: string, body: string, fonts: FontSet): Promise<Uint8Array> {
  const size = titleSize([...title].length)
  const white = (s: string) => `<span foreground="#ffffff">${escapeMarkup(s)}</span>`
  const gold = (s: string) => `<span foreground="${BG.gold}">${escapeMarkup(s)}</span>`
  const head = await textImage(gold('政 务 公 开'), fonts.sans.path, `${fonts.sans.family} 24`, SQUARE.inner, 0)
  const titleImg = await textImage(white(title), fonts.sansBold.path, `${fonts.sansBold.family} Bold ${size}`, balancedWidth(title, size), Math.round(size * 0.3))
  const bodyImg = await textImage(gold(body), fonts.serifBold.path, `${fonts.serifBold.family} Bold 30`, SQUARE.inner, 0)
  const ruleGap = 26
  const blockHeight = titleImg.height + ruleGap * 2 + 3 + bodyImg.height
  const top = Math.max(96, Math.round((COVER_SIZE.height - blockHeight) / 2) + 10)
  const centerX = (w: number) => Math.round(SQUARE.left + (SQUARE.size - w) / 2)
  const ruleY = top + titleImg.height + ruleGap
  const rule = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="3"><rect width="120" height="3" fill="${BG.gold}"/></svg>`)
  const jpeg = await sharp(await background(), { raw: { width: COVER_SIZE.width, height: COVER_SIZE.height, channels: 3 } })
    .composite([
      { input: head.data, left: centerX(head.width), top: 40 },
      { input: titleImg.data, left: centerX(titleImg.width), top },
      { input: rule, left: centerX(120), top: ruleY },
      { input: bodyImg.data, left: centerX(bodyImg.width), top: ruleY + 3 + ruleGap },
    ])
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
