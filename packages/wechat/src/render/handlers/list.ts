/**
 * list / listItem: drawn as paragraphs with text markers (•, ◦, 1.), because the WeChat editor
 * re-styles `<ul>`/`<ol>` unpredictably. The marker hangs in the left padding.
 */
import type { List, ListItem } from 'mdast'
import type { RenderState } from '../state.js'
import { STYLE } from '../theme.js'

const BULLETS = ['•', '◦', '▪'] as const

function marker(list: List, index: number, item: ListItem, depth: number): string {
  if (item.checked === true) return '☑'
  if (item.checked === false) return '☐'
  if (list.ordered === true) return `${(list.start ?? 1) + index}.`
  return BULLETS[Math.min(depth, BULLETS.length - 1)] ?? '•'
}

/** Renders a list. */
export function list(node: List, state: RenderState): string {
  const depth = state.depth
  state.depth += 1
  const indent = 1.5 + depth * 1.5
  const items = node.children.map((item, i) => {
    const mark = marker(node, i, item, depth)
    const [first, ...rest] = item.children
    const head = first?.type === 'paragraph' ? state.all(first) : first === undefined ? '' : state.one(first)
    const tail = rest.map((c) => state.one(c)).join('')
    return `<p style="${STYLE.li}padding-left:${indent}em;text-indent:-1.5em;"><span style="${STYLE.marker}display:inline-block;width:1.5em;text-indent:0;">${mark}</span>${head}</p>${tail}`
  })
  state.depth -= 1
  const out = items.join('')
  return depth === 0 ? `<section style="margin:0 0 16px;">${out}</section>` : out
}
