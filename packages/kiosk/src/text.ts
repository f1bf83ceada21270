/**
 * Text set by Pango through sharp's `text` input, with the project's font files (no system fonts
 * assumed). Each block is rendered once at its width; its measured size and the blank bands
 * between its lines are what pagination works with, so a line is never cut and never shrunk.
 */
import type { FontSet } from '@gongkai/fonts'
import type Sharp from 'sharp'
import { lazyRequire } from '@gongkai/core/internal'

const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')
// Called like sharp itself; the library is required on the first call.
const sharp = ((...args: Parameters<typeof Sharp>) => loadSharp()(...args)) as typeof Sharp

/** A rendered block of text: raw RGBA pixels and where it may be split between lines. */
export interface TextImage {
  readonly data: Buffer
  readonly width: number
  readonly height: number
  /**
   * Rows where the block may be split, top to bottom: keep rows `[0, end)` on this slide and
   * continue from row `next` (the first inked row of the following line) on the next.
   */
  readonly cuts: readonly { readonly end: number; readonly next: number }[]
}

/** What to render. */
export interface TextSpec {
  /** Pango markup, already escaped (see `toMarkup`). */
  readonly markup: string
  /** Wrap width in px. */
  readonly width: number
  /** Font size in px (rendered at 72 dpi, so points are pixels). */
  readonly size: number
  readonly bold?: boolean
  /** `#rrggbb` */
  readonly colour: string
  readonly align?: 'left' | 'centre' | 'right'
  readonly justify?: boolean
  /** Extra space between lines in px. */
  readonly spacing: number
}

const loaded = new WeakSet<FontSet>()

/**
 * Registers every face of the set with the fontconfig that libvips carries, so that markup can
 * name the bold face and the fallback by family in any later render.
 */
export async function loadFonts(fonts: FontSet): Promise<void> {
  if (loaded.has(fonts)) return
  const faces = [fonts.sans, fonts.sansBold, ...(fonts.fallback === undefined ? [] : [fonts.fallback])]
  for (const f of faces) {
    await sharp({ text: { text: '国', font: `${f.family} 12`, fontfile: f.path, rgba: true } })
      .raw()
      .toBuffer()
  }
  loaded.add(fonts)
}

/** Finds the blank row bands between inked rows of an RGBA image. */
function findCuts(data: Buffer, width: number, height: number): { end: number; next: number }[] {
  const stride = width * 4
  const inked = new Uint8Array(height)
  for (let y = 0; y < height; y++) {
    const row = y * stride
    for (let x = 3; x < stride; x += 4) {
      if ((data[row + x] ?? 0) > 16) {
        inked[y] = 1
        break
      }
    }
  }
  const cuts: { end: number; next: number }[] = []
  let lastInk = -1
  for (let y = 0; y < height; y++) {
    if (inked[y] !== 1) continue
    // A band of at least 4 blank rows after ink: a gap between lines, safe to split at.
    if (lastInk >= 0 && y - lastInk > 4) cuts.push({ end: lastInk + 1, next: y })
    lastInk = y
  }
  return cuts
}

/** Renders markup to raw RGBA at the given width and measures it. */
export async function renderText(fonts: FontSet, spec: TextSpec): Promise<TextImage> {
  await loadFonts(fonts)
  const face = spec.bold === true ? fonts.sansBold : fonts.sans
  // Pango sets nothing for blank text and sharp refuses it (an empty table cell, an empty item):
  // a blank is one line of an invisible character, so it still takes its line's height.
  const blank =
    spec.markup
      .replace(/<[^>]*>/g, '')
      .replace(/&(?:nbsp|#160|#x0*a0);/gi, ' ')
      .trim() === ''
  const markup = blank ? `<span foreground="${spec.colour}">国</span>` : `<span foreground="${spec.colour}">${spec.markup}</span>`
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: `${face.family}${spec.bold === true ? ' Bold' : ''} ${spec.size}`,
      fontfile: face.path,
      width: Math.max(1, Math.floor(spec.width)),
      align: spec.align === 'centre' ? 'centre' : spec.align === 'right' ? 'right' : 'left',
      justify: spec.justify === true,
      spacing: Math.round(spec.spacing),
      rgba: true,
      wrap: 'word-char',
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true })
  if (blank) data.fill(0)
  return { data, width: info.width, height: info.height, cuts: findCuts(data, info.width, info.height) }
}

/** The last cut whose kept part fits in `room` rows, or undefined when not even one line fits. */
export function cutWithin(image: TextImage, from: number, room: number): { end: number; next: number } | undefined {
  let best: { end: number; next: number } | undefined
  for (const c of image.cuts) {
    if (c.end <= from) continue
    if (c.end - from <= room) best = c
    else break
  }
  return best
}
