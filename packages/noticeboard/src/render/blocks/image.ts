/** A figure: the image scaled into the type area (never upscaled past 96 dpi), centred, with its alt text below. */
import type { Image } from 'mdast'
import { setText } from '../set-text.js'
import type { Frame, RenderState } from '../state.js'
import { STYLES } from '../state.js'

interface Opened {
  readonly width: number
  readonly height: number
}

/** Sets an image as a figure, or a bracketed note where it cannot be printed. */
export function setImage(node: Image, state: RenderState, frame: Frame): void {
  const sheet = state.sheet
  const loaded = state.images.get(node.url)
  const alt = node.alt ?? ''
  const note = (reason: string) => {
    sheet.snap()
    setText([{ text: `［图：${alt || node.url}］`, style: STYLES.small }], state, frame, { style: STYLES.small, align: 'center', indent: 0 })
    state.warn('noticeboard/image', `图片“${node.url}”无法打印：${reason}`, '公示栏打印稿只能放入项目 assets/ 目录下的 PNG 或 JPEG 图片', node)
  }
  if (loaded === undefined || !loaded.ok) return note(loaded?.reason ?? '未读取')
  let image: Opened
  try {
    image = (sheet.doc as unknown as { openImage(src: Buffer): Opened }).openImage(Buffer.from(loaded.data.buffer, loaded.data.byteOffset, loaded.data.byteLength))
  } catch {
    return note('不是 PNG 或 JPEG 格式')
  }
  const captionPitch = STYLES.small.size * 1.5
  const maxW = frame.width
  const maxH = sheet.g.height - sheet.g.pitch - captionPitch
  // Pixels at 96 dpi: a small picture keeps its size, a large one is fitted into the type area.
  const natural = { w: image.width * 0.75, h: image.height * 0.75 }
  const k = Math.min(1, maxW / natural.w, maxH / natural.h)
  const w = natural.w * k
  const h = natural.h * k
  sheet.snap()
  sheet.ensure(h + (alt === '' ? 0 : captionPitch))
  sheet.doc.image(image as unknown as Buffer, frame.left + (frame.width - w) / 2, sheet.y, { width: w, height: h })
  sheet.y += h
  if (alt !== '') setText([{ text: alt, style: STYLES.small }], state, frame, { style: STYLES.small, align: 'center', indent: 0, pitch: captionPitch })
  sheet.snap()
}
