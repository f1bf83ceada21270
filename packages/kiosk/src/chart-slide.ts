/**
 * A chart slide: the chart of a numeric series drawn for two metres (axis labels at the least body
 * size, thick lines in bright colours on the theme's background), and a QR code that opens the web
 * page at the table, where every reading and the columns the chart leaves out are.
 */
import { CHART_FONTS, chartPng, LIGHT_STYLE } from '@gongkai/chart'
import type { ChartStyle } from '@gongkai/chart'
import type QRCodeModule from 'qrcode'
import type Sharp from 'sharp'
import { lazyRequire } from '@gongkai/core/internal'
import type { ChartBlock } from './blocks/index.js'
import type { Box } from './geometry.js'
import { whole } from './layers.js'
import type { Layer } from './layers.js'
import { toMarkup } from './markup.js'
import { renderText } from './text.js'
import type { SlideSetup } from './slides.js'

const loadQr = lazyRequire<typeof QRCodeModule>(import.meta.url, 'qrcode')
const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')

/** Series colours on a dark theme: bright, told apart by hue and lightness (and by marker and dash in the chart). */
const ON_DARK = ['#ffd200', '#5ad1ff', '#ff8a80', '#9be564'] as const

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

/** Relative luminance (WCAG) of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** `a` mixed into `b` by `t` (0: b, 1: a). */
function mix(a: string, b: string, t: number): string {
  const x = channels(a)
  const y = channels(b)
  return `#${x
    .map((c, i) =>
      Math.round(c * t + (y[i] ?? 0) * (1 - t))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** The web page of the publication at the table (the website's anchor `#table-n`). */
export function tableUrlOf(pageUrl: string, table: number): string {
  return `${pageUrl}#table-${table}`
}

/** The layers of one chart slide inside `box` (the content box, or what a heading above leaves). */
export async function chartLayers(setup: SlideSetup, block: ChartBlock, box: Box, pageUrl: string, missing: Set<string>): Promise<Layer[]> {
  const g = setup.geometry
  const p = setup.palette
  const portrait = g.orientation === 'portrait'
  const qrSide = Math.round(g.qr * 0.7)
  const qrPng = await loadQr().toBuffer(tableUrlOf(pageUrl, block.table), { type: 'png', errorCorrectionLevel: 'M', margin: 3, width: qrSide, color: { dark: '#000000ff', light: '#ffffffff' } })
  const qw = (await loadSharp()(qrPng).metadata()).width ?? qrSide
  const note = `完整数据表${block.other.length > 0 ? `（含${block.other.join('、')}）` : ''}请用手机扫码查看`
  const gap = 32
  const captionWidth = portrait ? box.width - qw - gap : qw
  const caption = await renderText(setup.fonts, {
    markup: toMarkup(note, setup.fonts, setup.fonts.sans, missing),
    width: captionWidth,
    size: g.size.minBody,
    colour: p.foreground,
    spacing: g.spacing(g.size.minBody),
  })
  // Portrait: the chart over a strip with the QR code and its note; landscape: the QR code in a column on the right.
  const chartBox = portrait
    ? { x: box.x, y: box.y, width: box.width, height: box.height - Math.max(qw, caption.height) - gap }
    : { x: box.x, y: box.y, width: box.width - qw - gap, height: box.height }
  const dark = luminance(p.background) < 0.4
  const style: ChartStyle = {
    ...LIGHT_STYLE,
    width: chartBox.width,
    height: chartBox.height,
    fontSize: g.size.minBody,
    fontFamily: CHART_FONTS,
    background: p.background,
    foreground: p.foreground,
    grid: mix(p.foreground, p.background, 0.3),
    colours: dark ? ON_DARK : LIGHT_STYLE.colours,
    stroke: 6,
    title: true,
    id: `table-${block.table}-chart`,
  }
  const png = await chartPng(block.chart, style, setup.fonts)
  const layers: Layer[] = [{ type: 'image', data: png, x: chartBox.x, y: chartBox.y, width: chartBox.width, height: chartBox.height }]
  if (portrait) {
    const top = box.y + box.height - Math.max(qw, caption.height)
    layers.push({ type: 'image', data: qrPng, x: box.x, y: top, width: qw, height: qw })
    layers.push(whole(caption, box.x + qw + gap, top + Math.max(0, Math.round((qw - caption.height) / 2))))
  } else {
    const x = box.x + box.width - qw
    const top = box.y + Math.max(0, Math.round((box.height - qw - 16 - caption.height) / 2))
    layers.push({ type: 'image', data: qrPng, x, y: top, width: qw, height: qw })
    layers.push(whole(caption, x, top + qw + 16))
  }
  return layers
}
