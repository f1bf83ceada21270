/** What a slide is made of before it becomes a PNG: text slices, filled rectangles, images. */
import type { Box } from './geometry.js'
import type { TextImage } from './text.js'

/** Rows `[from, to)` of a rendered text block, placed with its top-left at (x, y). */
export interface TextLayer {
  readonly type: 'text'
  readonly image: TextImage
  readonly from: number
  readonly to: number
  readonly x: number
  readonly y: number
}

/** A filled rectangle (rules, table grid, header cells). */
export interface RectLayer {
  readonly type: 'rect'
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly fill: string
}

/** An encoded image (logo, QR code) at (x, y). */
export interface ImageLayer {
  readonly type: 'image'
  readonly data: Buffer
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** One layer of a slide. */
export type Layer = TextLayer | RectLayer | ImageLayer

/** The box a text layer covers on the slide (what the safe-margin check measures). */
export function boxOf(layer: TextLayer): Box {
  return { x: layer.x, y: layer.y, width: layer.image.width, height: layer.to - layer.from }
}

/** A text layer showing a whole rendered block. */
export function whole(image: TextImage, x: number, y: number): TextLayer {
  return { type: 'text', image, from: 0, to: image.height, x: Math.round(x), y: Math.round(y) }
}
