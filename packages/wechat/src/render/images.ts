/**
 * Inline images made ready for `media/uploadimg` (JPEG or PNG, under 1 MB) at render time, so the
 * preview shows exactly what will be uploaded and delivery reads nothing from the project.
 */
import { createHash } from 'node:crypto'
import type { Nodes, Root } from 'mdast'
import type { Diagnostic, Disclosure, RenderContext } from '@gongkai/core'
import type { PreparedImage } from './state.js'
import { normalizeLabel } from './state.js'
import type Sharp from 'sharp'
import { lazyRequire } from '@gongkai/core/internal'

const loadSharp = lazyRequire<typeof Sharp>(import.meta.url, 'sharp')
// Called like sharp itself; the library is required on the first call.
const sharp = ((...args: Parameters<typeof Sharp>) => loadSharp()(...args)) as typeof Sharp

/** The platform's limit for one inline image. */
export const IMAGE_MAX_BYTES = 1024 * 1024
/** Wider images are scaled down: a phone shows about 1080 px at most. */
const MAX_WIDTH = 1080

/** Image URLs of a tree (inline and reference-style), each once, with where it stands. */
export function imageUrls(tree: Root): { url: string; line?: number; column?: number }[] {
  const defs = new Map<string, string>()
  const found: { url: string; line?: number; column?: number }[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'definition') defs.set(normalizeLabel(node.identifier), node.url)
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c)
  }
  walk(tree)
  const seen = new Set<string>()
  const collect = (node: Nodes) => {
    let url: string | undefined
    if (node.type === 'image') url = node.url
    else if (node.type === 'imageReference') url = defs.get(normalizeLabel(node.identifier))
    if (url !== undefined && url !== '' && !seen.has(url)) {
      seen.add(url)
      const start = node.position?.start
      found.push({ url, ...(start === undefined ? {} : { line: start.line, column: start.column }) })
    }
    if ('children' in node) for (const c of node.children as Nodes[]) collect(c)
  }
  collect(tree)
  return found
}

/** True for an image URL that points outside the project. */
export function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')
}

/** The project-relative asset path of a body image URL (`../../assets/x.png` → `assets/x.png`). */
export function assetPathOf(url: string): string {
  const clean = url.replace(/[?#].*$/, '')
  const i = clean.indexOf('assets/')
  return i === -1 ? clean.replace(/^(?:\.\.?\/)+/, '') : clean.slice(i)
}

/** Converts or shrinks an image to JPEG/PNG under `maxBytes`; PNG and JPEG already fine are kept byte for byte. */
export async function fitImage(data: Uint8Array, maxBytes = IMAGE_MAX_BYTES): Promise<{ data: Uint8Array; mediaType: 'image/jpeg' | 'image/png' }> {
  const meta = await sharp(data).metadata()
  const width = meta.width ?? MAX_WIDTH
  if ((meta.format === 'jpeg' || meta.format === 'png') && data.byteLength < maxBytes && width <= MAX_WIDTH * 2) {
    return { data, mediaType: meta.format === 'png' ? 'image/png' : 'image/jpeg' }
  }
  const resize = { width: Math.min(width, MAX_WIDTH), withoutEnlargement: true }
  // Charts and screenshots (few colours, sharp edges) stay PNG when that fits; photos become JPEG.
  if (meta.format === 'png' || meta.format === 'gif' || meta.hasAlpha === true) {
    const png = await sharp(data, { animated: false }).resize(resize).png({ compressionLevel: 9, palette: true }).toBuffer()
    if (png.byteLength < maxBytes) return { data: new Uint8Array(png), mediaType: 'image/png' }
  }
  for (const quality of [85, 75, 65, 50]) {
    const jpeg = await sharp(data, { animated: false }).resize(resize).flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true }).toBuffer()
    if (jpeg.byteLength < maxBytes) return { data: new Uint8Array(jpeg), mediaType: 'image/jpeg' }
  }
  const small = await sharp(data, { animated: false }).resize({ width: 640, withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 50 }).toBuffer()
  return { data: new Uint8Array(small), mediaType: 'image/jpeg' }
}

/** Prepares every usable inline image; the others are reported and left as their alt text. */
export async function prepareImages(d: Disclosure, ctx: RenderContext): Promise<Map<string, PreparedImage>> {
  const out = new Map<string, PreparedImage>()
  const p = d.publication
  for (const img of imageUrls(d.tree)) {
    const where: Pick<Diagnostic, 'file' | 'line' | 'column' | 'subject'> = {
      file: p.source.file,
      ...(img.line === undefined ? {} : { line: img.line }),
      ...(img.column === undefined ? {} : { column: img.column }),
      subject: p.id,
    }
    if (isRemote(img.url)) {
      ctx.report({
        code: 'wechat/remote-image',
        severity: 'error',
        message: `微信文章不能引用外部图片“${img.url}”`,
        hint: '请把图片下载到项目的 assets/ 目录，用相对路径引用；发布时会上传到微信平台',
        ...where,
      })
      continue
    }
    let bytes: Uint8Array
    try {
      bytes = await ctx.readAsset(assetPathOf(img.url))
    } catch {
      ctx.report({ code: 'wechat/image-missing', severity: 'error', message: `找不到图片“${img.url}”`, hint: '图片应放在项目的 assets/ 目录下', ...where })
      continue
    }
    let fitted: Awaited<ReturnType<typeof fitImage>>
    try {
      fitted = await fitImage(bytes)
    } catch {
      ctx.report({ code: 'wechat/image-unreadable', severity: 'error', message: `图片“${img.url}”无法识别`, hint: '请另存为 JPG 或 PNG 格式', ...where })
      continue
    }
    const sha = createHash('sha256').update(fitted.data).digest('hex').slice(0, 16)
    const ext = fitted.mediaType === 'image/png' ? 'png' : 'jpg'
    out.set(img.url, { file: `img-${sha}.${ext}`, data: fitted.data, mediaType: fitted.mediaType, sha })
  }
  return out
}
