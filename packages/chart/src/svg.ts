/**
 * A chart as SVG: scales and paths from d3-scale and d3-shape, laid out for reading at a distance
 * (large labels, thick lines, a marker shape and a dash pattern per series so that colour is not
 * the only difference), with `<title>` and `<desc>` for screen readers. The same markup is inlined
 * on the website and rasterised by sharp for slides and WeChat images.
 */
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale'
import { line, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3-shape'
import type { SymbolType } from 'd3-shape'
import { describeChart } from './describe.js'
import type { Chart } from './detect.js'
import { escapeXml, formatValue, textWidth } from './format.js'

/** How a chart is drawn: size, type and colours. */
export interface ChartStyle {
  readonly width: number
  readonly height: number
  /** Axis labels and legend, px; the title is 1.15 times this. */
  readonly fontSize: number
  /** CSS font-family list; the first family should be one the renderer has (Noto Sans SC ships with @gongkai/fonts). */
  readonly fontFamily: string
  readonly background: string
  readonly foreground: string
  /** Grid lines. */
  readonly grid: string
  /** Series colours, in order (then repeated). */
  readonly colours: readonly string[]
  /** Line width, px. */
  readonly stroke: number
  /** Draw the title above the plot (off where a caption says it). */
  readonly title: boolean
  /** Prefix of the ids of `<title>` and `<desc>`, unique on a page. */
  readonly id: string
}

/** The font families a chart names: the shipped face first, then what phones and PCs have. */
export const CHART_FONTS = "'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

/** Dark text on white, for the website and WeChat: colours from the Okabe–Ito set, told apart with colour-blindness too. */
export const LIGHT_STYLE: ChartStyle = {
  width: 960,
  height: 540,
  fontSize: 22,
  fontFamily: CHART_FONTS,
  background: '#ffffff',
  foreground: '#1a1a1a',
  grid: '#d0d0d0',
  colours: ['#0b5cad', '#d55e00', '#009e73', '#7a3e9d'],
  stroke: 3,
  title: true,
  id: 'chart',
}

const SHAPES: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond]
const DASHES: readonly string[] = ['', '18 8', '6 6', '18 6 4 6']

const r1 = (n: number) => Math.round(n * 10) / 10

/** Which labels of the x axis to print so that none overlaps: every k-th, the last one always. `span` is the distance from the first label's centre to the last's. */
function tickIndices(labels: readonly string[], span: number, size: number): number[] {
  const n = labels.length
  if (n <= 1) return n === 1 ? [0] : []
  const widest = Math.max(...labels.map((l) => textWidth(l, size)))
  const pitch = span / (n - 1)
  const step = Math.max(1, Math.ceil((widest + size) / pitch))
  const out: number[] = []
  for (let i = 0; i < n; i += step) out.push(i)
  const last = n - 1
  // The last label replaces the one before it when they would touch.
  if (out[out.length - 1] !== last) {
    if ((last - (out[out.length - 1] ?? 0)) * pitch < widest + size) out.pop()
    out.push(last)
  }
  return out
}

/** The SVG of a chart, standalone (it declares its size, font and background). */
export function chartSvg(chart: Chart, style: ChartStyle = LIGHT_STYLE): string {
  const { width, height, fontSize: fs } = style
  const pad = Math.round(fs * 0.6)
  const parts: string[] = []
  const text = (x: number, y: number, s: string, attrs = '') => `<text x="${r1(x)}" y="${r1(y)}"${attrs}>${escapeXml(s)}</text>`
  let top = pad
  if (style.title) {
    const ts = Math.round(fs * 1.15)
    parts.push(text(pad, top + ts, chart.title, ` font-size="${ts}" font-weight="bold"`))
    top += ts + Math.round(fs * 0.6)
  }

  // Legend: swatch (line, marker) and name, wrapping to more rows when the width runs out.
  if (chart.series.length > 1 || chart.kind === 'line') {
    let x = pad
    const sw = fs * 2.2
    top += fs * 0.2
    chart.series.forEach((s, i) => {
      const w = sw + fs * 0.4 + textWidth(s.name, fs) + fs * 1.2
      if (x + w > width - pad && x > pad) {
        x = pad
        top += fs * 1.5
      }
      const cy = top + fs * 0.5
      const colour = style.colours[i % style.colours.length] ?? style.foreground
      parts.push(
        `<path d="M${r1(x)},${r1(cy)}h${r1(sw)}" stroke="${colour}" stroke-width="${style.stroke}" fill="none"${DASHES[i % DASHES.length] ? ` stroke-dasharray="${DASHES[i % DASHES.length]}"` : ''}/>`,
      )
      parts.push(marker(i, x + sw / 2, cy, fs, colour, style.background))
      parts.push(text(x + sw + fs * 0.4, cy + fs * 0.36, s.name, ` font-size="${fs}"`))
      x += w
    })
    top += fs * 1.6
  }

  // Value axis: nice ticks from zero (readings and counts are read against zero), unit above.
  const all = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined))
  const lo = Math.min(0, ...all)
  const hi = Math.max(...all, lo + 1)
  const unitRow = chart.unit === undefined ? 0 : fs * 1.3
  const plotTop = top + unitRow + fs * 0.5
  const plotBottom = height - pad - fs * 1.4
  // As many value ticks as leave two label heights between them, five at most.
  const y = scaleLinear().domain([lo, hi]).range([plotBottom, plotTop])
  const want = Math.max(2, Math.min(5, Math.floor((plotBottom - plotTop) / (fs * 2))))
  y.nice(want)
  const ticks = y.ticks(want)
  const tickWidth = Math.max(...ticks.map((t) => textWidth(formatValue(t), fs)))
  const left = pad + Math.max(tickWidth, chart.unit === undefined ? 0 : textWidth(chart.unit, fs) * 0.6) + fs * 0.6
  const right = width - pad - fs * 0.6
  if (chart.unit !== undefined) parts.push(text(pad, top + fs, chart.unit, ` font-size="${fs}"`))
  for (const t of ticks) {
    const ty = y(t)
    parts.push(`<path d="M${r1(left)},${r1(ty)}H${r1(right)}" stroke="${t === 0 ? style.foreground : style.grid}" stroke-width="${t === 0 ? 2 : 1}"/>`)
    parts.push(text(left - fs * 0.4, ty + fs * 0.36, formatValue(t), ` font-size="${fs}" text-anchor="end"`))
  }

  // Category axis: every label's position, printed where there is room.
  const n = chart.labels.length
  const band = scaleBand<number>()
    .domain(chart.labels.map((_, i) => i))
    .range([left, right])
    .paddingInner(0.25)
    .paddingOuter(0.15)
  const point = scalePoint<number>()
    .domain(chart.labels.map((_, i) => i))
    .range([left + fs * 0.6, right - fs * 0.6])
  const xOf = (i: number) => (chart.kind === 'bar' ? (band(i) ?? 0) + band.bandwidth() / 2 : (point(i) ?? 0))
  const shown = tickIndices(chart.labels, xOf(n - 1) - xOf(0), fs)
  for (const i of shown) {
    const x = xOf(i)
    const label = chart.labels[i] ?? ''
    // Centred under its tick, moved in where it would pass the edge of the picture.
    const half = textWidth(label, fs) / 2
    const cx = Math.min(Math.max(x, pad + half), width - pad + fs * 0.4 - half)
    parts.push(`<path d="M${r1(x)},${r1(plotBottom)}v${r1(fs * 0.35)}" stroke="${style.foreground}" stroke-width="2"/>`)
    parts.push(text(cx, plotBottom + fs * 1.4, label, ` font-size="${fs}" text-anchor="middle"`))
  }

  // The data.
  const extremes: { x: number; y: number; value: number; colour: string }[] = []
  chart.series.forEach((s, k) => {
    const colour = style.colours[k % style.colours.length] ?? style.foreground
    if (chart.kind === 'bar') {
      s.values.forEach((v, i) => {
        if (v === undefined) return
        const y0 = y(Math.max(0, lo))
        const yv = y(v)
        parts.push(`<rect x="${r1(band(i) ?? 0)}" y="${r1(Math.min(y0, yv))}" width="${r1(band.bandwidth())}" height="${r1(Math.abs(y0 - yv))}" fill="${colour}"/>`)
      })
    } else {
      const path = line<number | undefined>()
        .digits(1)
        .defined((v) => v !== undefined)
        .x((_, i) => xOf(i))
        .y((v) => y(v ?? 0))(s.values)
      const dash = DASHES[k % DASHES.length]
      parts.push(`<path d="${path ?? ''}" fill="none" stroke="${colour}" stroke-width="${style.stroke}" stroke-linejoin="round" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`)
      if (n <= 62) s.values.forEach((v, i) => v !== undefined && parts.push(marker(k, xOf(i), y(v), fs * 0.7, colour, style.background)))
    }
    // The highest reading of each series is written at its point when the chart has room (two series at most).
    if (chart.series.length <= 2) {
      const max = Math.max(...s.values.filter((v): v is number => v !== undefined))
      const i = s.values.indexOf(max)
      if (i >= 0) extremes.push({ x: xOf(i), y: y(max), value: max, colour })
    }
  })
  for (const e of extremes) {
    const label = `最高 ${formatValue(e.value)}`
    const half = textWidth(label, fs) / 2
    const x = Math.min(Math.max(e.x, left + half), right - half)
    // A halo in the background colour first, then the label: it stays readable over a line (no paint-order, which SVG 1.1 validators refuse).
    const attrs = ` font-size="${fs}" font-weight="bold" text-anchor="middle"`
    parts.push(text(x, e.y - fs * 0.7, label, `${attrs} fill="${style.background}" stroke="${style.background}" stroke-width="${Math.round(fs / 6)}" aria-hidden="true"`))
    parts.push(text(x, e.y - fs * 0.7, label, `${attrs} fill="${e.colour}"`))
  }

  const id = escapeXml(style.id)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-family="${escapeXml(style.fontFamily)}" fill="${style.foreground}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(describeChart(chart))}</desc>`,
    `<rect width="${width}" height="${height}" fill="${style.background}"/>`,
    ...parts,
    '</svg>',
  ].join('')
}

function marker(k: number, x: number, y: number, size: number, colour: string, ring: string): string {
  const d = symbol(SHAPES[k % SHAPES.length] ?? symbolCircle, size * size * 0.5).digits(1)() ?? ''
  return `<path transform="translate(${r1(x)},${r1(y)})" d="${d}" fill="${colour}" stroke="${ring}" stroke-width="${Math.max(1, Math.round(size / 10))}"/>`
}
