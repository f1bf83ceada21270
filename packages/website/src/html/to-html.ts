/**
 * mdast (parsed once by core) → safe HTML: remark-rehype, rehype-sanitize (clobberPrefix '' so
 * footnote links keep working), then our page adjustments, then rehype-stringify.
 */
import { chartSvg, detectSeries, LIGHT_STYLE } from '@gongkai/chart'
import type { SeriesTable } from '@gongkai/chart'
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import type { Nodes, Root } from 'mdast'
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
  // Raw nodes are only the chart SVGs we add after sanitising (sanitize drops any from the body).
  .use(rehypeStringify, { allowDangerousHtml: true })
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

/** The series of each table of a body, in the order the HTML has them (footnotes last, as remark-rehype sets them). */
function seriesOf(tree: Root): (SeriesTable | undefined)[] {
  const out: (SeriesTable | undefined)[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'table') out.push(detectSeries(node))
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c)
  }
  for (const n of tree.children) if (n.type !== 'footnoteDefinition') walk(n)
  for (const n of tree.children) if (n.type === 'footnoteDefinition') walk(n)
  return out
}

/** A chart over its table: inline SVG (role img, title and desc) in a figure whose caption points to the table. */
function chartFigure(series: SeriesTable, n: number): Element[] {
  return series.charts.map((chart, k) => {
    const id = `table-${n}-chart-${k + 1}`
    const svg = chartSvg(chart, { ...LIGHT_STYLE, id }).replace('<svg ', `<svg style="display:block;width:100%;max-width:${LIGHT_STYLE.width}px;height:auto" `)
    const first = chart.labels[0] ?? ''
    const last = chart.labels[chart.labels.length - 1] ?? ''
    return {
      type: 'element',
      tagName: 'figure',
      // The figure's default side margins would narrow the chart on a phone; site.css may style `.chart` further.
      properties: { className: ['chart'], id, style: 'margin:1.5em 0' },
      children: [
        { type: 'raw', value: svg } as unknown as ElementContent,
        { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: `图：${chart.title}，${first}至${last}（逐项数据见下表）` }] },
      ],
    }
  })
}

/**
 * Renders a publication body. `root` is the relative prefix from the page to the site root;
 * headings move one level down (the page title is the only h1), tables get a focusable wrapper
 * so that phones can scroll them by touch and keyboard, with the anchor `#table-n` (the kiosk's
 * chart slides link to it); a table that is a numeric series gets its charts above it.
 */
export function renderBody(tree: Root, root: string): BodyHtml {
  const series = seriesOf(tree)
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
        const found = series[tables - 1]
        const figures = found === undefined ? [] : chartFigure(found, tables)
        children[i] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-wrap'], id: `table-${tables}`, tabIndex: 0, role: 'region', ariaLabel: `表格 ${tables}` },
          children: [node],
        }
        children.splice(i, 0, ...figures)
        i += figures.length
      }
      visit(node)
    }
  }
  visit(hast)
  return { html: processor.stringify(hast), assets: [...assets] }
}
