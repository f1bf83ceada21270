/** footnoteReference: a circled number (①②…), distinct from the [n] of 引用链接; notes follow under 注释. */
import type { FootnoteReference } from 'mdast'
import type { RenderState } from '../state.js'
import { normalizeLabel } from '../state.js'
import { STYLE } from '../theme.js'

/** ① to ⑳, then (21), (22)… */
export function noteMark(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`
}

/** Renders a footnote reference. */
export function footnoteReference(node: FootnoteReference, state: RenderState): string {
  const label = normalizeLabel(node.identifier)
  if (!state.footnoteDefinitions.has(label)) return ''
  let n = state.footnotes.get(label)
  if (n === undefined) {
    n = state.footnotes.size + 1
    state.footnotes.set(label, n)
  }
  return `<sup style="${STYLE.sup}">${noteMark(n)}</sup>`
}
