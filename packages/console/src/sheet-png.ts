/**
 * The sheet's pages as PNG images, drawn from the release's own PDF with pdf.js on
 * @napi-rs/canvas (no system tools, so it runs on the office's Windows PC too): the page shows
 * the sheet itself, not a download. Pages are kept by the PDF's SHA-256, so each is drawn once.
 */
import { createCanvas } from '@napi-rs/canvas'
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** 96 dpi: an A4 page is about 794 px wide, sharp on an office screen and small to send. */
const SCALE = 96 / 72
const LIMIT = 64

const pageCounts = new Map<string, number>()
const pngs = new Map<string, Buffer>()

async function open(pdf: Uint8Array) {
  // pdf.js takes the buffer over: hand it a copy.
  return getDocument({ data: new Uint8Array(pdf), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, useSystemFonts: false }).promise
}

/** How many pages the PDF with this SHA-256 has. */
export async function sheetPageCount(sha256: string, pdf: Uint8Array): Promise<number> {
  const known = pageCounts.get(sha256)
  if (known !== undefined) return known
  const doc = await open(pdf)
  try {
    pageCounts.set(sha256, doc.numPages)
    return doc.numPages
  } finally {
    await doc.destroy()
  }
}

/** Page `n` (1-based) of the PDF as PNG bytes; undefined when it has no such page. */
export async function sheetPagePng(sha256: string, pdf: Uint8Array, n: number): Promise<Buffer | undefined> {
  const key = `${sha256}:${n}`
  const hit = pngs.get(key)
  if (hit !== undefined) return hit
  const doc = await open(pdf)
  try {
    if (!Number.isInteger(n) || n < 1 || n > doc.numPages) return undefined
    const page = await doc.getPage(n)
    const viewport = page.getViewport({ scale: SCALE })
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
    const context = canvas.getContext('2d')
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    await page.render({ canvasContext: context, viewport, canvas: canvas as never }).promise
    const png = canvas.toBuffer('image/png')
    if (pngs.size >= LIMIT) pngs.delete(pngs.keys().next().value as string)
    pngs.set(key, png)
    return png
  } finally {
    await doc.destroy()
  }
}
