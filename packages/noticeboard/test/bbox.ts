/** Words and their boxes as poppler reads them back (`pdftotext -bbox`), and the ruled lines of a page's drawing operators. */
import { contentStreams, wordPages } from './pdf-tools.js'

/** One word (poppler's unit: a run without spaces) in points from the page's top left. */
export interface Word {
  readonly text: string
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

/** Every page's words, in poppler's reading order (the one parser of `pdftotext -bbox` in pdf-tools). */
export function words(path: string): Word[][] {
  return wordPages(path).map((page) => page.map((w) => ({ text: w.text, x0: w.xMin, y0: w.yMin, x1: w.xMax, y1: w.yMax })))
}

/** Words grouped into lines by their vertical centre (within 3 pt), top to bottom, each line's text joined. */
export function lines(page: readonly Word[]): { text: string; y0: number; y1: number; x0: number; x1: number }[] {
  const sorted = [...page].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0)
  const out: { text: string; y0: number; y1: number; x0: number; x1: number; words: Word[] }[] = []
  for (const w of sorted) {
    const c = (w.y0 + w.y1) / 2
    const last = out.at(-1)
    if (last !== undefined && Math.abs((last.y0 + last.y1) / 2 - c) < 3) {
      last.words.push(w)
      last.x0 = Math.min(last.x0, w.x0)
      last.x1 = Math.max(last.x1, w.x1)
    } else out.push({ text: '', y0: w.y0, y1: w.y1, x0: w.x0, x1: w.x1, words: [w] })
  }
  return out.map(({ words: ws, ...l }) => ({
    ...l,
    text: ws
      .sort((a, b) => a.x0 - b.x0)
      .map((w) => w.text)
      .join(''),
  }))
}

/** Horizontal strokes (`x y m x2 y l`, a width, a colour, `S`) of each page with their stroke colour as `r g b` (0–1, two decimals), in points from the top left. */
export function strokes(pdf: Uint8Array): { x0: number; x1: number; y: number; color: string }[][] {
  return contentStreams(pdf).map(({ ops }) => {
    const out: { x0: number; x1: number; y: number; color: string }[] = []
    for (const m of ops.matchAll(/([\d.-]+) ([\d.-]+) m\s+([\d.-]+) ([\d.-]+) l\s+[\d.]+ w\s+(?:\/DeviceRGB CS\s+)?([\d.]+) ([\d.]+) ([\d.]+) (?:SCN|RG)/g)) {
      if (Math.abs(Number(m[2]) - Number(m[4])) > 0.01) continue
      out.push({ x0: Number(m[1]), x1: Number(m[3]), y: Number(m[2]), color: [m[5], m[6], m[7]].map((v) => Number(v).toFixed(2)).join(' ') })
    }
    return out
  })
}
