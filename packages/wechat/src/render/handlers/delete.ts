/** delete (GFM strikethrough). */
import type { Delete } from 'mdast'
import type { RenderState } from '../state.js'

/** Renders struck-through text. */
export function del(node: Delete, state: RenderState): string {
  return `<span style="text-decoration:line-through;">${state.all(node)}</span>`
}
