/**
 * A chart's SVG rasterised by sharp (librsvg). librsvg finds fonts through fontconfig, which knows
 * no font that is not installed on the system: before the first chart of a process, a fonts.conf
 * listing the folders of the shipped faces goes into FONTCONFIG_FILE (fontconfig reads it once, at
 * its start), and each face is also registered with the running fontconfig the way the kiosk's
 * text is (sharp's `fontfile`), for a process whose fontconfig started before.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { lazyRequire } from '@gongkai/core/internal'
import type { FontFace, FontSet } from '@gongkai/fonts'
import type Sharp from 'sharp'
import type { Chart } from './detect.js'
import { escapeXml } from './format.js'
import { chartSvg } from './svg.js'
import type { ChartStyle } from './svg.js'

const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')
// Called like sharp itself; the library is required on the first call.
const sharp = ((...args: Parameters<typeof Sharp>) => loadSharp()(...args)) as typeof Sharp

const ready = new WeakMap<FontSet, Promise<void>>()

function facesOf(fonts: FontSet): FontFace[] {
  return [fonts.sans, fonts.sansBold, ...(fonts.fallback === undefined ? [] : [fonts.fallback])]
}

/**
 * The fonts.conf that lists the folders of `fonts` (and includes the system's, so that nothing
 * else in the process loses a font); written once under the temporary folder, named by its content.
 */
export function fontconfigFile(fonts: FontSet): string {
  const dirs = [...new Set(facesOf(fonts).map((f) => dirname(f.path)))]
  const name = createHash('sha256').update(dirs.join('\n')).digest('hex').slice(0, 12)
  const dir = join(tmpdir(), `gongkai-fontconfig-${name}`)
  const file = join(dir, 'fonts.conf')
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true })
    const body = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
      '<fontconfig>',
      ...dirs.map((d) => `  <dir>${escapeXml(d)}</dir>`),
      `  <cachedir>${escapeXml(join(dir, 'cache'))}</cachedir>`,
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      '</fontconfig>',
      '',
    ].join('\n')
    // Written whole under a temporary name first: two processes starting at once never read half a file.
    const part = `${file}.${process.pid}`
    writeFileSync(part, body)
    renameSync(part, file)
  }
  return file
}

/** Makes the faces of `fonts` known to librsvg, once per font set. */
export function prepareChartFonts(fonts: FontSet): Promise<void> {
  let p = ready.get(fonts)
  if (p === undefined) {
    p = (async () => {
      process.env['FONTCONFIG_FILE'] ??= fontconfigFile(fonts)
      for (const f of facesOf(fonts)) {
        await sharp({ text: { text: '国', font: `${f.family} 12`, fontfile: f.path, rgba: true } })
          .raw()
          .toBuffer()
      }
    })()
    ready.set(fonts, p)
  }
  return p
}

/** A chart as PNG, drawn with the shipped sans face (the style's font list is put behind it). */
export async function chartPng(chart: Chart, style: ChartStyle, fonts: FontSet): Promise<Buffer> {
  await prepareChartFonts(fonts)
  const family = [`'${fonts.sans.family}'`, ...(fonts.fallback === undefined ? [] : [`'${fonts.fallback.family}'`]), style.fontFamily].join(', ')
  const svg = chartSvg(chart, { ...style, fontFamily: family })
  // Level 6: level 9 takes seven times as long (about 370 ms against 50 ms for a slide-sized chart) for a few per cent.
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer()
}
