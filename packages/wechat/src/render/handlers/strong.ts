/** strong: bold. */
import type { Strong } from 'mdast'
import type { RenderState } from '../state.js'

/** Renders strong text. */
export function strong(node: Strong, state: RenderState): string {
  return `<strong>${state.all(node)}</strong>`
}
