/**
 * QR codes drawn as a one-bit image mask, one sample per module, inline in the page's content
 * stream: about 150 compressed bytes where one rectangle per run of dark modules took 800.
 * `/I false` (no interpolation) keeps every module edge sharp at any scale and on any printer.
 */
import type QRCodeModule from 'qrcode'
import { lazyRequire } from '@gongkai/core/internal'

const loadQr = lazyRequire<typeof QRCodeModule>(import.meta.url, 'qrcode')

/** Draws a QR code for `text` with its top-left at (x, y), `size` points square (quiet zone not included). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = loadQr().create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const data = qr.modules.data
  const rowBytes = Math.ceil(n / 8)
  let hex = ''
  for (let r = 0; r < n; r++) {
    for (let b = 0; b < rowBytes; b++) {
      let byte = 0
      for (let bit = 0; bit < 8; bit++) {
        const c = b * 8 + bit
        if (c < n && data[r * n + c] !== 0) byte |= 0x80 >> bit
      }
      hex += byte.toString(16).padStart(2, '0')
    }
  }
  const s = round(size)
  // User space runs y down here; the image's first row must land at the top, hence -s and y + s.
  // Decode [1 0]: a 1 bit (a dark module) is painted with the fill colour.
  doc.addContent(['q', '0 0 0 rg', `${s} 0 0 ${-s} ${round(x)} ${round(y + size)} cm`, `BI /W ${n} /H ${n} /IM true /BPC 1 /D [1 0] /I false /F /AHx ID`, `${hex}>`, 'EI', 'Q'].join('\n'))
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
