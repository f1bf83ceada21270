/**
 * The one Markdown parse. A frozen processor (CommonMark + GFM tables, footnotes, strikethrough);
 * raw HTML never survives it and dangerous link schemes are neutralised, so no channel has to.
 */
import type { Nodes, Parent, Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { Diagnostic } from './diagnostics.js'

/** The frozen parser every channel shares. Call `markdownProcessor()` for a copy to extend. */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).freeze()

/** Where a body starts in its file, for positions in messages. */
export interface BodySource {
  readonly file: string
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number
}

const SAFE_SCHEMES = /^(?:https?:|mailto:|tel:|#|\/|\.{0,2}\/|[^:/?#]+(?:[/?#]|$))/i

/** True when a URL may be put in an `href` or `src`: http(s), mailto, tel, or relative. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  const compact = url.replace(/[\u0000-\u0020\u007f]+/g, '')
  if (/^[a-z][a-z0-9+.-]*:/i.test(compact)) return /^(?:https?|mailto|tel):/i.test(compact)
  return SAFE_SCHEMES.test(compact) || compact === ''
}

/**
 * Parses a publication body once. Raw HTML nodes are dropped (their text, if any, is not kept)
 * and links or images with unsafe URLs lose the URL; each is reported as a warning with its
 * place in the file.
 */
export function parseBody(markdown: string, source: BodySource): { tree: Root; diagnostics: Diagnostic[] } {
  const tree = markdownProcessor.parse(markdown)
  const diagnostics: Diagnostic[] = []
  const offset = source.bodyLine - 1
  const place = (node: Nodes) => {
    const start = node.position?.start
    return start === undefined ? { file: source.file } : { file: source.file, line: start.line + offset, column: start.column }
  }
  const clean = (parent: Parent) => {
    const kept: typeof parent.children = []
    for (const child of parent.children) {
      if (child.type === 'html') {
        diagnostics.push({
          code: 'markdown/raw-html',
          severity: 'warning',
          message: '正文中的 HTML 代码不会发布，已删除',
          hint: '请改用 Markdown 写法；表格、链接、图片都有对应的 Markdown 语法',
          ...place(child),
        })
        continue
      }
      if ((child.type === 'link' || child.type === 'image' || child.type === 'definition') && !isSafeUrl(child.url)) {
        diagnostics.push({
          code: 'markdown/unsafe-url',
          severity: 'warning',
          message: `链接地址“${child.url.slice(0, 60)}”不安全，已删除`,
          hint: '只允许 http(s)、mailto、tel 和站内相对地址',
          ...place(child),
        })
        child.url = ''
      }
      if ('children' in child) clean(child)
      kept.push(child)
    }
    parent.children = kept
  }
  clean(tree)
  return { tree, diagnostics }
}

/** The plain text of a tree or node (no markup), for digests, search and measuring. */
export function toPlainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value
  if (node.type === 'break') return '\n'
  if ('children' in node) {
    const block = node.type === 'root' || node.type === 'list' || node.type === 'table' || node.type === 'blockquote'
    return (node.children as Nodes[]).map(toPlainText).join(block ? '\n' : node.type === 'tableRow' ? '\t' : '')
  }
  return ''
}
