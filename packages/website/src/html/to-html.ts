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
import { findBodySignature } from '@gongkai/core'

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

const HEADING = /^h[1-6]$/

/**
 * The body's headings, in document order, without the 注释 label of the footnote section (an h2
 * beside 附件, set by remark-rehype).
 */
function bodyHeadings(node: HastRoot | Element, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'section' && child.properties['dataFootnotes'] !== undefined) continue
    if (HEADING.test(child.tagName)) out.push(child)
    else bodyHeadings(child, out)
  }
  return out
}

/**
 * Sets the body's headings under the page's one h1: the body's top level becomes h2 (bodies start
 * at `#` or, as most official documents do, at `##`), and no heading goes more than one level
 * below the one before it, since screen-reader users navigate by heading level and a skipped level
 * reads as a missing section (vnu reports it).
 */
function levelHeadings(hast: HastRoot): void {
  const headings = bodyHeadings(hast)
  const depths = headings.map((h) => Number(h.tagName[1]))
  const shift = 2 - Math.min(...depths)
  let previous = 1
  headings.forEach((h, i) => {
    const level = Math.max(2, Math.min(6, (depths[i] ?? 2) + shift, previous + 1))
    h.tagName = `h${level}`
    previous = level
  })
}

/** The inline content of paragraphs as lines, split at `<br>` and at soft line breaks. */
function lineSpans(paragraphs: readonly Element[]): Element[] {
  const lines: ElementContent[][] = [[]]
  for (const p of paragraphs) {
    if ((lines[lines.length - 1] ?? []).length > 0) lines.push([])
    for (const c of p.children) {
      if (c.type === 'element' && c.tagName === 'br') lines.push([])
      else if (c.type === 'text' && c.value.includes('\n')) {
        c.value.split('\n').forEach((part, i) => {
          if (i > 0) lines.push([])
          if (part.trim() !== '') lines[lines.length - 1]?.push({ type: 'text', value: part.trim() })
        })
      } else lines[lines.length - 1]?.push(c)
    }
  }
  return lines.filter((l) => l.length > 0).map((children) => ({ type: 'element', tagName: 'span', properties: {}, children }))
}

/**
 * Sets a signature the body ends with (issuing body over 成文日期) as GB/T 9704 7.3.5 places it:
 * right, with the name centred over the date, one paragraph `p.signature` of one span per line.
 */
function setSignature(tree: Root, hast: HastRoot, bodyName: string | undefined): void {
  const found = findBodySignature(tree, bodyName)
  if (found === undefined) return
  // remark-rehype keeps each block's position: the signature's paragraphs are found by where they start.
  const starts = new Set(found.nodes.map((n) => n.position?.start.offset))
  const at = hast.children.flatMap((c, i) => (c.type === 'element' && c.tagName === 'p' && starts.has(c.position?.start.offset) ? [i] : []))
  if (at.length !== starts.size || starts.has(undefined)) return
  const paragraphs = at.map((i) => hast.children[i] as Element)
  const signature: Element = {
    type: 'element',
    tagName: 'p',
    properties: { className: ['signature'] },
    children: [{ type: 'element', tagName: 'span', properties: {}, children: lineSpans(paragraphs) }],
  }
  hast.children.splice(at[0] ?? 0, (at[at.length - 1] ?? 0) - (at[0] ?? 0) + 1, signature)
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

const cellText = (e: Element): string => e.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? cellText(c) : '')).join('')
const NUMBER = /^[-+]?[\d,，]*\.?\d+%?$/

/**
 * In a table of figures (every cell but the first of each body row a number or empty, as the
 * annual report's tables), header cells say what they head: the head row's `th` are
 * `scope="col"` and the first cell of each row becomes a row header, `th scope="row"`, so a
 * screen reader reads “部分公开，自然人，1” instead of a bare “1”. Other tables are left as written.
 */
function scopeHeaders(table: Element): void {
  const sections = table.children.filter((c): c is Element => c.type === 'element')
  const rows = (name: string) => sections.filter((s) => s.tagName === name).flatMap((s) => s.children.filter((r): r is Element => r.type === 'element' && r.tagName === 'tr'))
  const cells = (tr: Element) => tr.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
  const body = rows('tbody')
  const figures =
    body.length > 0 &&
    body.every((tr) => {
      const [first, ...rest] = cells(tr)
      return first !== undefined && !NUMBER.test(cellText(first).trim()) && rest.length > 0 && rest.every((c) => cellText(c).trim() === '' || NUMBER.test(cellText(c).trim()))
    })
  if (!figures) return
  for (const tr of rows('thead')) for (const th of cells(tr)) if (th.tagName === 'th') th.properties['scope'] = 'col'
  for (const tr of body) {
    const first = cells(tr)[0]
    if (first === undefined) continue
    first.tagName = 'th'
    first.properties['scope'] = 'row'
  }
}

/** Options of `renderBody`. */
export interface RenderBodyOptions {
  /** The issuing body (config `body.name`): a body ending with it over a date ends with its signature. */
  readonly bodyName?: string
}

/**
 * Renders a publication body. `root` is the relative prefix from the page to the site root;
 * headings are set under the page title (the only h1) without skipping a level, a closing
 * signature is set right, tables get a focusable wrapper so that phones can scroll them by touch
 * and keyboard, with the anchor `#table-n` (the kiosk's chart slides link to it); a table that is
 * a numeric series gets its charts above it.
 */
export function renderBody(tree: Root, root: string, options: RenderBodyOptions = {}): BodyHtml {
  const series = seriesOf(tree)
  const hast = processor.runSync(tree)
  levelHeadings(hast)
  setSignature(tree, hast, options.bodyName)
  const assets = new Set<string>()
  let tables = 0
  const visit = (parent: HastRoot | Element): void => {
    const children = parent.children as (RootContent | ElementContent)[]
    for (let i = 0; i < children.length; i++) {
      const node = children[i]
      if (node === undefined || node.type !== 'element') continue
      const tag = node.tagName
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
      // Lines held by hard breaks (a party's name, code and address; a contact block) are not a paragraph to indent: an indent would mark only the first.
      if (tag === 'p' && node.properties['className'] === undefined && node.children.some((c) => c.type === 'element' && c.tagName === 'br')) node.properties['className'] = ['lines']
      // A column's alignment (`--:`) as a class: `align` on a cell is obsolete HTML, and the stylesheet's `td { text-align: left }` outranked it, so numbers never stood right.
      if ((tag === 'td' || tag === 'th') && typeof node.properties['align'] === 'string') {
        node.properties['className'] = [`align-${node.properties['align']}`]
        delete node.properties['align']
      }
      if (tag === 'table') {
        scopeHeaders(node)
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
