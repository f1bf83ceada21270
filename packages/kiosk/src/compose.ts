/** Layers to a PNG: one SVG of the background and rectangles (no text in it), text and images composited on top. */
import sharp from 'sharp'
import type { OverlayOptions } from 'sharp'
import type { SlideGeometry } from './geometry.js'
import type { Layer } from './layers.js'

/** Encodes a slide. */
export async function composeSlide(g: SlideGeometry, background: string, layers: readonly Layer[]): Promise<Buffer> {
  const rects = layers
    .filter((l) => l.type === 'rect')
    .map((r) => `<rect x="${r.x}" y="${r.y}" width="${Math.max(0, r.width)}" height="${Math.max(0, r.height)}" fill="${r.fill}"/>`)
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="${background}"/>${rects}</svg>`
  const overlays: OverlayOptions[] = []
  for (const l of layers) {
    if (l.type === 'image') overlays.push({ input: l.data, left: Math.round(l.x), top: Math.round(l.y) })
    else if (l.type === 'text' && l.to > l.from) {
      const { image } = l
      const input = l.from === 0 && l.to === image.height ? image.data : image.data.subarray(l.from * image.width * 4, l.to * image.width * 4)
      overlays.push({ input, raw: { width: image.width, height: l.to - l.from, channels: 4 }, left: Math.round(l.x), top: Math.round(l.y) })
    }
  }
  return sharp(Buffer.from(svg)).composite(overlays).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer()
}
