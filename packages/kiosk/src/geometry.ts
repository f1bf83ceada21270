/** Slide sizes, safe margins and type sizes for each orientation. Pixels throughout. */
import type { Orientation } from './options.js'

/** A rectangle in slide pixels. */
export interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Everything the slide layout needs to know about the screen. */
export interface SlideGeometry {
  readonly orientation: Orientation
  readonly width: number
  readonly height: number
  /** No text, logo or rule outside this box (a screen's bezel and overscan eat the edges). */
  readonly safe: Box
  /** The band at the top: logo and the issuing body on the left, the player's clock on the right. */
  readonly header: Box
  /** Where the player draws its clock over the slide (kept free of slide text). */
  readonly clock: Box
  /** Body text area of a content slide. */
  readonly content: Box
  /** The band at the bottom: item name and page count. */
  readonly footer: Box
  /** Type sizes in px; body text is never below `minBody`. */
  readonly size: {
    readonly body: number
    readonly heading: number
    readonly table: number
    readonly small: number
    readonly header: number
    readonly title: number
    readonly minTitle: number
    readonly minBody: number
  }
  /** Extra space between lines, in px, per size (half an em reads well from two metres). */
  spacing(size: number): number
  /** Side of the QR code on the title slide. */
  readonly qr: number
}

/** The geometry of a 1080×1920 portrait or 1920×1080 landscape slide. */
export function geometryOf(orientation: Orientation): SlideGeometry {
  const portrait = orientation === 'portrait'
  const width = portrait ? 1080 : 1920
  const height = portrait ? 1920 : 1080
  const mx = portrait ? 72 : 96
  const my = portrait ? 56 : 40
  const headerH = portrait ? 130 : 110
  const footerH = portrait ? 100 : 84
  const safe = { x: mx, y: my, width: width - 2 * mx, height: height - 2 * my }
  const header = { x: mx, y: my, width: width - 2 * mx, height: headerH }
  const clockW = portrait ? 380 : 460
  const clock = { x: width - mx - clockW, y: my + 10, width: clockW, height: headerH - 20 }
  const footer = { x: mx, y: height - my - footerH, width: width - 2 * mx, height: footerH }
  const gap = portrait ? 44 : 32
  const contentTop = header.y + header.height + gap
  const content = { x: mx, y: contentTop, width: width - 2 * mx, height: footer.y - gap - contentTop }
  return {
    orientation,
    width,
    height,
    safe,
    header,
    clock,
    content,
    footer,
    size: { body: 44, heading: 50, table: 40, small: 40, header: 44, title: 68, minTitle: 48, minBody: 40 },
    spacing: (size) => Math.round(size * 0.5),
    qr: portrait ? 440 : 400,
  }
}
