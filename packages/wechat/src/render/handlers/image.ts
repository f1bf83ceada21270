/**
 * image / imageReference: the prepared local file (uploaded and rewritten at delivery), with the
 * alt text as caption. An image that could not be prepared leaves its alt text in brackets.
 */
import type { Image, ImageReference } from 'mdast'
import { escapeHtml } from '../escape.js'
import type { RenderState } from '../state.js'
import { normalizeLabel } from '../state.js'
import { STYLE } from '../theme.js'

function urlOf(node: Image | ImageReference, state: RenderState): string | undefined {
  if (node.type === 'image') return node.url
  return state.definitions.get(normalizeLabel(node.identifier))?.url
}

function tag(node: Image | ImageReference, state: RenderState): string | undefined {
  const url = urlOf(node, state)
  const prepared = url === undefined ? undefined : state.images.get(url)
  if (prepared === undefined) return undefined
  return `<img src="${escapeHtml(prepared.file)}" alt="${escapeHtml(node.alt ?? '')}" style="${STYLE.img}">`
}

/** Renders an image inline (inside text). */
export function image(node: Image | ImageReference, state: RenderState): string {
  return tag(node, state) ?? escapeHtml(node.alt ? `［图：${node.alt}］` : '')
}

/** Renders an image standing alone as a centred figure with its caption. */
export function figure(node: Image | ImageReference, state: RenderState): string {
  const img = tag(node, state)
  const alt = node.alt ?? ''
  if (img === undefined) return alt === '' ? '' : `<p style="${STYLE.caption}">［图：${escapeHtml(alt)}］</p>`
  const caption = alt === '' ? '' : `<p style="${STYLE.caption}">${escapeHtml(alt)}</p>`
  return `<section style="${STYLE.figure}">${img}${caption}</section>`
}
