/**
 * mdast (parsed once by core) → safe HTML: remark-rehype, rehype-sanitize (clobberPrefix '' so
 * footnote links keep working), then our page adjustments, then rehype-stringify.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import type { Root } from 'mdast'
import remarkRehype from 'remark-rehype'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'

const processor = unified()
  .use(remarkRehype, {
    footnoteLabel: '注释',
    footnoteBackLabel: (referenceIndex: number) => `返回正文第 ${referenceIndex + 1} 处引用`,
  })
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: '' })
  .use(rehypeStringify)
  .freeze()

/** The body HTML and the project assets (`assets/…`) it refers to. */
export interface BodyHtml {
  readonly html: string
  readonly assets: readonly string[]
}

/**
 * Turns a project-relative or file-relative reference (`../../assets/x.png`, `./assets/x.png`,
 * `/assets/x.png`) into the project path `assets/x.png`; anything else gives undefined.
 */
export function assetPathOf(url: string): string | undefined {
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#') || url.startsWith('//')) return undefined
  let path = url.split(/[?#]/)[0] ?? ''
  try {
    path = decodeURI(path)
  } catch {
    return undefined
  }
  path = path.replace(/^(?:\.{1,2}\/|\/)+/, '')
  if (!path.startsWith('assets/') || path.split('/').includes('..')) return undefined
  return path
}

/** Encodes a site path for an href, keeping slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

/**
 * Renders a publication body. `root` is the relative prefix from the page to the site root;
 * headings move one level down (the page title is the only h1), tables get a focusable wrapper
 * so that phones can scroll them by touch and keyboard.
 */
export function renderBody(tree: Root, root: string): BodyHtml {
  const hast = processor.runSync(tree)
  const assets = new Set<string>()
  let tables = 0
  const visit = (parent: HastRoot | Element): void => {
    const children = parent.children as (RootContent | ElementContent)[]
    for (let i = 0; i < children.length; i++) {
      const node = children[i]
      if (node === undefined || node.type !== 'element') continue
      const tag = node.tagName
      if (/^h[1-6]$/.test(tag)) node.tagName = `h${Math.min(6, Number(tag[1]) + 1)}`
      const attr = tag === 'img' ? 'src' : tag === 'a' ? 'href' : undefined
      if (attr !== undefined) {
        const value = node.properties[attr]
        // Core blanks unsafe URLs; a link to nowhere is left as its text.
        if (value === '' && tag === 'a') delete node.properties['href']
        const asset = typeof value === 'string' ? assetPathOf(value) : undefined
        if (asset !== undefined) {
          assets.add(asset)
          node.properties[attr] = root + encodePath(asset)
        }
        if (tag === 'img') node.properties['loading'] = 'lazy'
      }
      if (tag === 'table') {
        tables++
        children[i] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: `表格 ${tables}` },
          children: [node],
        }
      }
      visit(node)
    }
  }
  visit(hast)
  return { html: processor.stringify(hast), assets: [...assets] }
}
