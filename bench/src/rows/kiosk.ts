/**
 * Kiosk rows: slides per second and bytes per slide, against headless Chromium screenshotting the
 * same slides (same count per publication, same fonts, size and theme) from HTML in the same run.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRenderContext, toPlainText } from '@gongkai/core'
import type { Disclosure } from '@gongkai/core'
import { kiosk } from '@gongkai/kiosk'
import { CHROME_ARGS } from '../types.js'
import type { BenchContext, BenchRow } from '../types.js'

const require = createRequire(import.meta.url)
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function slideHtml(d: Disclosure, body: string, n: number, total: number, organ: string, font: string, fontBold: string): string {
  const p = d.publication
  const main =
    n === 1
      ? `<div class="label">${esc(d.item.category)} · ${esc(d.item.name)}</div><h1>${esc(p.title)}</h1><p class="meta">发布机构：${esc(organ)}<br>发布日期：${esc(p.published ?? p.formed)}</p>`
      : `<p>${esc(body)}</p>`
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@font-face{font-family:S;src:url(${font})}@font-face{font-family:S;font-weight:700;src:url(${fontBold})}
html,body{margin:0;width:1080px;height:1920px;background:#0b3d91;color:#fff;font:44px/1.95 S;overflow:hidden}
header{position:absolute;left:72px;right:72px;top:56px;height:130px;border-bottom:6px solid #ffd200;font-weight:700;display:flex;align-items:center}
main{position:absolute;left:72px;right:72px;top:236px;bottom:300px;overflow:hidden}
p{margin:0;text-indent:2em;text-align:justify}h1{font-size:68px;line-height:1.4;margin:0}.label{color:#ffd200}.meta{text-indent:0}
footer{position:absolute;left:72px;right:72px;bottom:56px;height:100px;border-top:3px solid #fff;display:flex;justify-content:space-between;align-items:center;font-size:40px}
footer b{color:#ffd200}
</style></head><body><header>${esc(organ)}</header><main>${main}</main><footer><span>${esc(d.item.name)}　${esc(d.item.code)}</span><b>${n}/${total}</b></footer></body></html>`
}

/** Slides/s and bytes/slide against Chromium. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.quick ? 8 : 40
  const sample = ctx.corpus.disclosures.filter((d) => d.item.channels.includes('kiosk')).slice(0, n)
  const rctx = createRenderContext({ config: ctx.corpus.config, catalog: ctx.corpus.catalog, all: ctx.corpus.disclosures, projectDir: ctx.corpus.projectDir })
  const k = kiosk()
  // Warm: fonts registered, first Pango layout done.
  if (sample[0] !== undefined) await k.render(sample[0], rctx)
  const counts: number[] = []
  let bytes = 0
  const t0 = performance.now()
  for (const d of sample) {
    const arts = await k.render(d, rctx)
    counts.push(arts.length)
    for (const a of arts) bytes += (a.data as Uint8Array).byteLength
  }
  const seconds = (performance.now() - t0) / 1000
  const slides = counts.reduce((s, c) => s + c, 0)
  const ours = { perSecond: slides / seconds, bytesPerSlide: bytes / slides }
  ctx.log(`kiosk: ${slides} slides from ${sample.length} publications in ${seconds.toFixed(1)} s`)

  let chrome: { perSecond: number; bytesPerSlide: number; slides: number } | undefined
  let note: string
  if (ctx.chromium === undefined) {
    note = 'Chromium not installed: baseline skipped'
    ctx.log(note)
  } else {
    const font = (dir: string, file: string) => pathToFileURL(join(dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), dir, file)).href
    const regular = font('400Regular', 'NotoSansSC_400Regular.ttf')
    const bold = font('700Bold', 'NotoSansSC_700Bold.ttf')
    const dir = join(ctx.workDir, 'kiosk-html')
    mkdirSync(dir, { recursive: true })
    const files: string[] = []
    sample.forEach((d, i) => {
      const total = counts[i] ?? 1
      const text = toPlainText(d.tree).replace(/\s+/g, '')
      const per = Math.ceil(text.length / Math.max(1, total - 1))
      for (let s = 1; s <= total; s++) {
        const file = join(dir, `${d.publication.id}-${s}.html`)
        writeFileSync(file, slideHtml(d, text.slice((s - 2) * per, (s - 1) * per), s, total, ctx.corpus.config.body.name, regular, bold))
        files.push(file)
      }
    })
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({
      executablePath: ctx.chromium,
      args: [...CHROME_ARGS, '--allow-file-access-from-files'],
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } })
      const shoot = async (file: string) => {
        await page.goto(pathToFileURL(file).href)
        await page.evaluate('document.fonts.ready.then(() => true)')
        return page.screenshot({ type: 'png' })
      }
      if (files[0] !== undefined) await shoot(files[0])
      let cbytes = 0
      const c0 = performance.now()
      for (const f of files) cbytes += (await shoot(f)).byteLength
      const cs = (performance.now() - c0) / 1000
      chrome = { perSecond: files.length / cs, bytesPerSlide: cbytes / files.length, slides: files.length }
      note = `Chromium screenshotted the same ${files.length} slides from HTML`
    } finally {
      await browser.close()
    }
  }
  const ratio = chrome === undefined ? undefined : ours.perSecond / chrome.perSecond
  const sizeRatio = chrome === undefined ? undefined : ours.bytesPerSlide / chrome.bytesPerSlide
  const sizeNote = `${sample.length} publications, ${slides} slides 1080×1920${ctx.quick ? ' (quick)' : ''}`
  return [
    {
      group: 'kiosk',
      name: 'slides per second (warm, one process)',
      value: Number(ours.perSecond.toFixed(2)),
      unit: 'slides/s',
      ...(chrome === undefined ? {} : { baseline: { name: 'Chromium screenshot of HTML', value: Number(chrome.perSecond.toFixed(2)) }, ratio: Number((ratio as number).toFixed(2)) }),
      target: '≥ 3× Chromium (ratio = ours / Chromium)',
      ...(ratio === undefined ? {} : { pass: ratio >= 3 }),
      note: `${sizeNote}${note === '' ? '' : `; ${note}`}`,
    },
    {
      group: 'kiosk',
      name: 'bytes per slide (PNG)',
      value: Math.round(ours.bytesPerSlide),
      unit: 'bytes/slide',
      ...(chrome === undefined ? {} : { baseline: { name: 'Chromium screenshot of HTML', value: Math.round(chrome.bytesPerSlide) }, ratio: Number((sizeRatio as number).toFixed(2)) }),
      note: sizeNote,
    },
  ]
}
