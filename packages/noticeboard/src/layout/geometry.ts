/**
 * The GB/T 9704-2012 sheet in points. Everything is laid out on A4; an A3 sheet is the same
 * layout scaled by √2 (A-series sizes share the aspect ratio), so the grid never changes.
 */

/** Paper sizes the channel prints. */
export type Paper = 'A4' | 'A3'

const MM = 72 / 25.4

/** Millimetres to points. */
export function mm(value: number): number {
  return value * MM
}

/** The layout numbers of one sheet (A4 points). */
export interface Geometry {
  readonly pageWidth: number
  readonly pageHeight: number
  /** Left edge of the type area (binding margin 28 mm). */
  readonly left: number
  /** Top edge of the type area (top margin 37 mm). */
  readonly top: number
  /** 156 mm. */
  readonly width: number
  /** 225 mm. */
  readonly height: number
  /** Body font size: 28 characters fill the 156 mm line exactly (≈ 15.8 pt, 3号). */
  readonly bodySize: number
  /** Line pitch: 22 lines fill the 225 mm column exactly. */
  readonly pitch: number
  readonly lines: number
  readonly charsPerLine: number
  /** 2号 */
  readonly titleSize: number
  /** 4号, the page number. */
  readonly folioSize: number
  /** Distance from the type area's lower edge to the top of the page number (7 mm). */
  readonly folioGap: number
  /** Tables, notes and captions: 小四 (12 pt) keeps four columns readable. */
  readonly smallSize: number
}

/** The sheet's geometry (always A4 points; see `paperScale`). */
export const GEOMETRY: Geometry = {
  pageWidth: mm(210),
  pageHeight: mm(297),
  left: mm(28),
  top: mm(37),
  width: mm(156),
  height: mm(225),
  bodySize: mm(156) / 28,
  pitch: mm(225) / 22,
  lines: 22,
  charsPerLine: 28,
  titleSize: 22,
  folioSize: 14,
  folioGap: mm(7),
  smallSize: 12,
}

/** PDF page size in points for the paper. */
export function paperSize(paper: Paper): [number, number] {
  return paper === 'A3' ? [mm(297), mm(420)] : [GEOMETRY.pageWidth, GEOMETRY.pageHeight]
}

/** Factor from the A4 layout to the paper. */
export function paperScale(paper: Paper): number {
  return paper === 'A3' ? mm(297) / mm(210) : 1
}
