/** `link`: paper cannot be clicked, so an external address is printed after its text. */
import type { Link } from 'mdast'
import { toPlainText } from '@gongkai/core'
import type { InlineHandler } from '../state.js'

/** Sets the link text, then `（address）` when the address is external and differs from the text. */
export const link: InlineHandler<Link> = (node, state, style, out) => {
  state.inline(node.children, style, out)
  const url = node.url
  if (!/^(?:https?:|mailto:)/i.test(url)) return
  const shown = url.replace(/^mailto:/i, '')
  if (toPlainText(node).trim() === shown) return
  const start = node.position?.start
  out.push({ text: '（', style })
  out.push({ text: shown, style, ...(start === undefined ? {} : { line: start.line }) })
  out.push({ text: '）', style })
}
