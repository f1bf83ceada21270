/** A list: each item one block with its marker (• or 1.), nested lists indented. */
import type { List, ListItem } from 'mdast'
import type { Block, BlockHandler } from './types.js'

/** List handler. */
export const list: BlockHandler = (node, ctx) => {
  const l = node as List
  const out: Block[] = []
  l.children.forEach((item: ListItem, i) => {
    const marker = l.ordered === true ? `${(l.start ?? 1) + i}. ` : item.checked === true ? '☑ ' : item.checked === false ? '☐ ' : '• '
    let first = true
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        const text = ctx.inline(child.children)
        out.push({ kind: 'text', role: 'item', markup: first ? `${marker}${text}` : text, indent: ctx.depth })
        first = false
      } else out.push(...ctx.blocks(child, ctx.depth + 1))
    }
    if (first) out.push({ kind: 'text', role: 'item', markup: marker.trim(), indent: ctx.depth })
  })
  return out
}
