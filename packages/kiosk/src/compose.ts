/** Layers to a PNG: one SVG of the background and rectangles (no text in it), text and images composited on top. */
import type { OverlayOptions } from 'sharp'
import type { SlideGeometry } from './geometry.js'
import type { Layer } from './layers.js'
import type Sharp from 'sharp'
import { lazyRequire } from '@gongkai/core/internal'

const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')
// Called like sharp itself; the library is required on the first call.
const sharp = ((...args: Parameters<typeof Sharp>) => loadSharp()(...args)) as typeof Sharp

function rectsSvg(g: SlideGeometry, layers: readonly Layer[], background: string | undefined): Buffer {
  const rects = layers
    .filter((l) => l.type === 'rect')
    .map((r) => `<rect x="${r.x}" y="${r.y}" width="${Math.max(0, r.width)}" height="${Math.max(0, r.height)}" fill="${r.fill}"/>`)
    .join('')
  const fill = background === undefined ? '' : `<rect width="100%" height="100%" fill="${background}"/>`
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" shape-rendering="crispEdges">${fill}${rects}</svg>`)
}

function overlaysOf(layers: readonly Layer[]): OverlayOptions[] {
  const overlays: OverlayOptions[] = []
  for (const l of layers) {
    if (l.type === 'image') overlays.push({ input: l.data, left: Math.round(l.x), top: Math.round(l.y) })
    else if (l.type === 'text' && l.to > l.from) {
      const { image } = l
      const input = l.from === 0 && l.to === image.height ? image.data : image.data.subarray(l.from * image.width * 4, l.to * image.width * 4)
      overlays.push({ input, raw: { width: image.width, height: l.to - l.from, channels: 4 }, left: Math.round(l.x), top: Math.round(l.y) })
    }
  }
  return overlays
}

/**
 * Encodes a slide. `draft`: fast compression, for a slide that `addLayers` finishes later (the
 * page count is known only when the last page is laid out).
 */
export async function composeSlide(g: SlideGeometry, background: string, layers: readonly Layer[], options: { draft?: boolean } = {}): Promise<Buffer> {
  return sharp(rectsSvg(g, layers, background))
    .composite(overlaysOf(layers))
    .png({ compressionLevel: options.draft === true ? 1 : 6, adaptiveFiltering: false })
    .toBuffer()
}

/** Draws more layers over an encoded slide and encodes it for good. */
export async function addLayers(g: SlideGeometry, png: Buffer, layers: readonly Layer[]): Promise<Buffer> {
  return sharp(png)
    .composite([{ input: rectsSvg(g, layers, undefined), left: 0, top: 0 }, ...overlaysOf(layers)])
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer()
}
