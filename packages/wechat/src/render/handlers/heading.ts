/** heading: levels 1–4 styled; 5 and 6 look like 4. */
import type { Heading } from 'mdast'
import type { RenderState } from '../state.js'
import { STYLE } from '../theme.js'

/** Renders a heading. */
export function heading(node: Heading, state: RenderState): string {
  const level = Math.min(node.depth, 4) as 1 | 2 | 3 | 4
  const style = { 1: STYLE.h1, 2: STYLE.h2, 3: STYLE.h3, 4: STYLE.h4 }[level]
  return `<h${level} style="${style}">${state.all(node)}</h${level}>`
}
