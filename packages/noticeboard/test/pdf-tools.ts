/** Reading PDFs back with poppler-utils, and decoding QR codes from rasterised pages. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import jsQR from 'jsqr'

/** Writes the PDF to a fresh temporary folder and returns its path. */
export function save(pdf: Uint8Array, name = 'sheet.pdf'): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-nb-'))
  const path = join(dir, name)
  writeFileSync(path, pdf)
  return path
}

/** `pdftotext` of the whole file or one page. */
export function text(path: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  return execFileSync('pdftotext', [...range, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
}

/** `pdfinfo` as a record. */
export function info(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  )
}

/** `pdffonts` rows: name, type, embedded, subset. */
export function fonts(path: string): { name: string; emb: string; sub: string; uni: string }[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
  return out.map((l) => {
    const parts = l.trim().split(/\s+/)
    const n = parts.length
    return { name: parts[0]!, emb: parts[n - 5]!, sub: parts[n - 4]!, uni: parts[n - 3]! }
  })
}

/** A greyscale raster of one page. */
export interface Gray {
  readonly width: number
  readonly height: number
  readonly data: Uint8Array
}

/** Rasterises pages to greyscale (PGM) at `dpi`. */
export function raster(path: string, dpi: number, first?: number, last?: number): Gray[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-nb-r-'))
  const range = [...(first === undefined ? [] : ['-f', String(first)]), ...(last === undefined ? [] : ['-l', String(last)])]
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), ...range, path, join(dir, 'p')])
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const buf = readFileSync(join(dir, f))
      // P5\n<w> <h>\n255\n<data>
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!
      const width = Number(header[1])
      const height = Number(header[2])
      return { width, height, data: new Uint8Array(buf.subarray(header[0].length, header[0].length + width * height)) }
    })
}

/** Decodes a QR code anywhere on a greyscale page. */
export function decodeQr(page: Gray): string | undefined {
  const rgba = new Uint8ClampedArray(page.width * page.height * 4)
  for (let i = 0; i < page.data.length; i++) {
    const v = page.data[i]!
    rgba[i * 4] = v
    rgba[i * 4 + 1] = v
    rgba[i * 4 + 2] = v
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, page.width, page.height)?.data
}

/** Dark pixels (value < threshold) outside the allowed rectangles, in millimetres from the page's top left. */
export function inkOutside(page: Gray, dpi: number, allowed: readonly { x0: number; y0: number; x1: number; y1: number }[], threshold = 200): number {
  const px = (mm: number) => (mm / 25.4) * dpi
  const boxes = allowed.map((a) => ({ x0: px(a.x0), y0: px(a.y0), x1: px(a.x1), y1: px(a.y1) }))
  let count = 0
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      if (page.data[y * page.width + x]! >= threshold) continue
      if (!boxes.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)) count++
    }
  }
  return count
}

/** Each page's content stream, inflated, with its compressed size (pdfkit writes plain objects, one stream per page). */
export function contentStreams(pdf: Uint8Array): { ops: string; compressed: number }[] {
  const src = Buffer.from(pdf).toString('latin1')
  const contents = new Set([...src.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => m[1]!))
  const out: { ops: string; compressed: number }[] = []
  for (const id of contents) {
    const m = new RegExp(`(?:^|\\s)${id} 0 obj\\s*<<([^>]*)>>\\s*stream\\r?\\n`).exec(src)
    if (m === null) throw new Error(`content stream ${id} not found`)
    const length = Number(/\/Length (\d+)/.exec(m[1]!)![1])
    const start = m.index + m[0].length
    const raw = Buffer.from(pdf.subarray(start, start + length))
    out.push({ ops: inflateSync(raw).toString('latin1'), compressed: length })
  }
  return out
}

/** One run of text as `pdftotext -bbox` reports it (a line of Chinese is one word), in points from the page's top left. */
export interface Word {
  readonly page: number
  readonly xMin: number
  readonly yMin: number
  readonly xMax: number
  readonly yMax: number
  readonly text: string
}

/** Every page's words with their boxes, in poppler's reading order; a page without words is an empty list. */
export function wordPages(path: string): Word[][] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
  const pages: Word[][] = []
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
  for (const m of xml.matchAll(/<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === '<page') {
      pages.push([])
      continue
    }
    pages.at(-1)?.push({ page: pages.length, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5]!) })
  }
  return pages
}

/** Every word of the file with its page and box. */
export function words(path: string): Word[] {
  return wordPages(path).flat()
}
