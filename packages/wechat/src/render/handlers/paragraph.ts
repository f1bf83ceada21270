/**
 * paragraph: a `<p>`; a paragraph of images only becomes centred figures. Lines of labels and
 * values (`**统一社会信用代码**：91510822MA6XV2R36H`, address blocks, a closing signature) are set
 * left, not justified: a justified label whose long value wrapped to the next line is spread
 * across the whole line (`统 一 社 会 信 用 代 码 ：`). The value may break anywhere, so it
 * starts on its label's line.
 */
import type { Paragraph, PhrasingContent } from 'mdast'
import { toPlainText } from '@gongkai/core'
import type { RenderState } from '../state.js'
import { STYLE } from '../theme.js'
import { figure } from './image.js'

// Up to this many characters, a label line is a field (a name and its value), not prose that opens with a bold lead.
const FIELD_LINE = 48

/** Whether inline content opens with a bold label: `**地址**：…` or `**地址：**…`. */
function opensWithLabel(children: readonly PhrasingContent[]): boolean {
  const [first, second] = children
  if (first?.type !== 'strong') return false
  return /[：:]\s*$/.test(toPlainText(first)) || (second?.type === 'text' && /^\s*[：:]/.test(second.value))
}

/** Lines set left: several short lines held by hard breaks, or one short label-and-value line. */
export function isFieldLines(node: Paragraph): boolean {
  if (node.children.some((c) => c.type === 'break')) return true
  return opensWithLabel(node.children) && [...toPlainText(node).trim()].length <= FIELD_LINE
}

/** Renders a paragraph. */
export function paragraph(node: Paragraph, state: RenderState): string {
  const visible = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
  if (visible.length > 0 && visible.every((c) => c.type === 'image' || c.type === 'imageReference')) {
    return visible.map((c) => figure(c, state)).join('')
  }
  const inner = state.all(node)
  return inner === '' ? '' : `<p style="${isFieldLines(node) ? STYLE.fields : STYLE.p}">${inner}</p>`
}
