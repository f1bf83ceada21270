/** paragraph: a `<p>`; a paragraph of images only becomes centred figures. */
import type { Paragraph } from 'mdast'
import type { RenderState } from '../state.js'
import { STYLE } from '../theme.js'
import { figure } from './image.js'

/** Renders a paragraph. */
export function paragraph(node: Paragraph, state: RenderState): string {
  const visible = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
  if (visible.length > 0 && visible.every((c) => c.type === 'image' || c.type === 'imageReference')) {
    return visible.map((c) => figure(c, state)).join('')
  }
  const inner = state.all(node)
  return inner === '' ? '' : `<p style="${STYLE.p}">${inner}</p>`
}
