/** The noticeboard channel (公示栏): one print-ready PDF per publication, `<id>.pdf`. */
import type { Artifact, Channel, Disclosure, RenderContext } from '@gongkai/core'
import { codeVersion, isPreview } from '@gongkai/core/internal'
import { fontsFingerprint } from '@gongkai/fonts/internal'
import type { Paper } from './layout/geometry.js'
import { bookFor } from './fonts.js'
import type { NoticeboardOptions } from './options.js'
import { resolveNoticeboardOptions } from './options.js'
import type { Diagnostic } from '@gongkai/core'
import { createDocument, finishDocument, loadImages, planClosing, setWithPlan } from './render/render-sheet.js'

// Where lines break is @gongkai/typeset's code: its version is part of what this channel renders,
// so that a change there reaches the render cache too.
const TYPESET = import.meta.resolve('@gongkai/typeset')

/** What `renderSheet` returns. */
export interface RenderedSheet {
  readonly pdf: Uint8Array
  readonly pages: number
}

/** Options of `renderSheet`. */
export interface RenderSheetOptions {
  readonly paper?: Paper
  readonly fallbackFont?: string
}

/** Renders one publication as a GB/T 9704 PDF; content problems (missing glyphs, images) go to `ctx.report`. */
export async function renderSheet(d: Disclosure, ctx: Pick<RenderContext, 'config' | 'readAsset' | 'report' | 'preview'>, options: RenderSheetOptions = {}): Promise<RenderedSheet> {
  const fallback = options.fallbackFont ?? ctx.config.fonts.fallback
  const book = bookFor({ ...ctx.config.fonts, ...(fallback === undefined ? {} : { fallback }) }, ctx.report, ctx.config, ctx.config.fontPlaces)
  const images = await loadImages(d, (p) => ctx.readAsset(p))
  const p = d.publication
  const open = () => {
    const doc = createDocument(p.title, ctx.config.body.name, p.published ?? p.written ?? p.formed)
    book.register(doc)
    return doc
  }
  const held: Diagnostic[] = []
  const setup = {
    book,
    paper: options.paper ?? 'A4',
    baseUrl: ctx.config.site.baseUrl,
    organ: ctx.config.body.name,
    ...(ctx.config.body.phone === undefined ? {} : { phone: ctx.config.body.phone }),
    images,
    report: (x: Diagnostic) => void held.push(x),
    preview: isPreview(d, ctx),
  }
  // Set straight away; only a sheet whose signature went to a page of its own is set again, to a plan.
  let doc = open()
  let result = setWithPlan(doc, d, setup, undefined)
  const plan = planClosing(d, setup, result)
  if (plan !== undefined) {
    held.length = 0
    doc = open()
    result = setWithPlan(doc, d, setup, plan)
  }
  for (const x of held) ctx.report(x)
  return { pdf: await finishDocument(doc), pages: result.pages }
}

/** The noticeboard channel. Checks its options at once (`paper`, `fallbackFont`). */
export function noticeboard(options: NoticeboardOptions = {}): Channel {
  const resolved = resolveNoticeboardOptions(options)
  return {
    id: 'noticeboard',
    limits: { size: resolved.paper, imageFormats: ['png', 'jpeg'] },
    fingerprint: JSON.stringify([codeVersion(import.meta.url), codeVersion(TYPESET), fontsFingerprint(resolved.fallbackFont), resolved]),
    async render(d, ctx): Promise<Artifact[]> {
      const { pdf } = await renderSheet(d, ctx, {
        paper: resolved.paper,
        ...(resolved.fallbackFont === undefined ? {} : { fallbackFont: resolved.fallbackFont }),
      })
      return [{ channel: 'noticeboard', publication: d.publication.id, path: `${d.publication.id}.pdf`, data: pdf, mediaType: 'application/pdf' }]
    },
  }
}
