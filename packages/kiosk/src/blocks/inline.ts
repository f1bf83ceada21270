/** Inline mdast (phrasing content) to Pango markup: bold kept, links as their text, notes as [n]. */
import type { FontSet } from '@gongkai/fonts'
import type { PhrasingContent } from 'mdast'
import { toMarkup } from '../markup.js'

/** Inline nodes as escaped markup; runs the primary face lacks go to the fallback face. */
export function inlineMarkup(nodes: readonly PhrasingContent[], fonts: FontSet, missing: Set<string>, bold = false): string {
  const face = bold ? fonts.sansBold : fonts.sans
  const text = (s: string) => toMarkup(s, fonts, face, missing)
  let out = ''
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out += text(node.value)
        break
      case 'strong':
        out += bold ? inlineMarkup(node.children, fonts, missing, true) : `<b>${inlineMarkup(node.children, fonts, missing, true)}</b>`
        break
      case 'delete':
        out += `<s>${inlineMarkup(node.children, fonts, missing, bold)}</s>`
        break
      case 'emphasis':
      case 'link':
      case 'linkReference':
        // Italic Chinese reads badly from a distance; a link cannot be followed on a screen.
        out += inlineMarkup(node.children, fonts, missing, bold)
        break
      case 'break':
        out += '\n'
        break
      case 'footnoteReference':
        out += text(`[${node.label ?? node.identifier}]`)
        break
      case 'image':
      case 'imageReference':
        out += text(`〔图片${node.alt ? `：${node.alt}` : ''}，请扫码查看〕`)
        break
      case 'html':
        // Raw HTML is refused when the body is parsed (markdown/raw-html): none of it reaches a screen.
        break
      default:
        break
    }
  }
  return out
}
