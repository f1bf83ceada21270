/** emphasis: 楷体-like italics are unreadable in Chinese, so emphasis is set in the accent colour instead. */
import type { Emphasis } from 'mdast'
import type { RenderState } from '../state.js'

/** Renders emphasis. */
export function emphasis(node: Emphasis, state: RenderState): string {
  return `<span style="color:#1f3a68;">${state.all(node)}</span>`
}
