/**
 * link / linkReference: links to mp.weixin.qq.com stay links (the only ones the platform lets a
 * reader open); every other link keeps its text, gains a superscript number and is listed under
 * 引用链接 at the end. mailto and tel show the address instead.
 */
import type { Link, LinkReference } from 'mdast'
import { toPlainText } from '@gongkai/core'
import { escapeHtml } from '../escape.js'
import type { RenderState } from '../state.js'
import { normalizeLabel } from '../state.js'
import { STYLE } from '../theme.js'

/** True for URLs the platform lets readers open inside WeChat. */
export function isWechatUrl(url: string): boolean {
  return /^https?:\/\/mp\.weixin\.qq\.com(?:[/?#]|$)/i.test(url)
}

function absolute(url: string, base: string): string {
  try {
    return new URL(url, base).href
  } catch {
    return url
  }
}

function render(url: string | undefined, node: Link | LinkReference, state: RenderState): string {
  const inner = state.all(node)
  if (url === undefined || url === '') return inner
  if (url.startsWith('#')) return inner
  if (isWechatUrl(url)) return `<a href="${escapeHtml(url)}" style="${STYLE.a}">${inner}</a>`
  const mail = /^(mailto|tel):(.*)$/i.exec(url)
  if (mail !== null) {
    const address = decodeURIComponent(mail[2] ?? '')
    const text = toPlainText(node)
    return text.includes(address) ? inner : `${inner}（${escapeHtml(address)}）`
  }
  const href = absolute(url, state.baseUrl)
  let n = state.links.findIndex((l) => l.url === href) + 1
  if (n === 0) {
    state.links.push({ url: href, title: toPlainText(node).trim() || href })
    n = state.links.length
  }
  return `<span style="${STYLE.ref}">${inner}</span><sup style="${STYLE.sup}">[${n}]</sup>`
}

/** Renders a link. */
export function link(node: Link, state: RenderState): string {
  return render(node.url, node, state)
}

/** Renders a reference-style link through its definition. */
export function linkReference(node: LinkReference, state: RenderState): string {
  return render(state.definitions.get(normalizeLabel(node.identifier))?.url, node, state)
}
