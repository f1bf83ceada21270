/** QR codes drawn as vector rectangles: crisp at any scale and a few hundred bytes. */
import QRCode from 'qrcode'

/** Draws a QR code for `text` with its top-left at (x, y), `size` points square (quiet zone not included). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const data = qr.modules.data
  const cell = size / n
  doc.save()
  // One rectangle per horizontal run of dark modules keeps the content stream short.
  for (let r = 0; r < n; r++) {
    let c = 0
    while (c < n) {
      if (data[r * n + c] === 0) {
        c++
        continue
      }
      const start = c
      while (c < n && data[r * n + c] !== 0) c++
      // A hair of overlap so that viewers do not show seams between rows.
      doc.rect(x + start * cell, y + r * cell, (c - start) * cell, cell + 0.05)
    }
  }
  doc.fillColor('#000000').fill()
  doc.restore()
}
