/**
 * The article HTML: a root section with inline styles only, the metadata block, the body through
 * the handler registry, then 注释, 附件, related publications and 引用链接.
 */
import type { Definition, FootnoteDefinition, Nodes, Parent, Table } from 'mdast'
import type { Disclosure, ProjectConfig, Publication } from '@gongkai/core'
import { escapeHtml } from './escape.js'
import { noteMark } from './handlers/footnote-reference.js'
import { HANDLERS } from './handlers/index.js'
import type { PreparedChart } from './charts.js'
import type { LinkReference, PreparedImage, RenderState } from './state.js'
import { normalizeLabel } from './state.js'
import { STYLE } from './theme.js'
import { findBodySignature, formatChineseDate, toPlainText } from '@gongkai/core'

/** What the article render produced besides the HTML. */
export interface ArticleHtml {
  readonly html: string
  readonly links: readonly LinkReference[]
  readonly footnotes: number
}

/** The 阅读原文 URL of a publication (the website's page by default). */
export function sourceUrlOf(id: string, config: ProjectConfig, pattern: string | undefined): string {
  if (pattern !== undefined) return pattern.replaceAll('{id}', encodeURIComponent(id))
  const base = config.site.baseUrl.endsWith('/') ? config.site.baseUrl : `${config.site.baseUrl}/`
  return `${base}p/${encodeURIComponent(id)}.html`
}

function collect(tree: Parent): { definitions: Map<string, Definition>; footnotes: Map<string, FootnoteDefinition> } {
  const definitions = new Map<string, Definition>()
  const footnotes = new Map<string, FootnoteDefinition>()
  const walk = (node: Nodes) => {
    if (node.type === 'definition') definitions.set(normalizeLabel(node.identifier), node)
    else if (node.type === 'footnoteDefinition') footnotes.set(normalizeLabel(node.identifier), node)
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c)
  }
  walk(tree as Nodes)
  return { definitions, footnotes }
}

/** Charts by table node, as `prepareCharts` makes them. */
type Charts = ReadonlyMap<Table, readonly PreparedChart[]>

function createState(d: Disclosure, images: ReadonlyMap<string, PreparedImage>, charts: Charts, baseUrl: string, compact: boolean): RenderState {
  const { definitions, footnotes } = collect(d.tree)
  const state: RenderState = {
    definitions,
    footnoteDefinitions: footnotes,
    footnotes: new Map(),
    links: [],
    images,
    charts,
    baseUrl,
    compact,
    depth: 0,
    one(node) {
      const handler = HANDLERS[node.type]
      if (handler !== undefined) return handler(node as never, state)
      return 'children' in node ? state.all(node) : ''
    },
    all(node) {
      let out = ''
      for (const child of node.children as Nodes[]) out += state.one(child)
      return out
    },
  }
  return state
}

function metaBlock(d: Disclosure, config: ProjectConfig): string {
  const p = d.publication
  const rows: string[] = [`索引号：${escapeHtml(d.indexNo)}`, `发布机构：${escapeHtml(config.body.name)}`]
  if (p.docNumber !== undefined) rows.push(`文　　号：${escapeHtml(p.docNumber)}`)
  rows.push(`成文日期：${formatChineseDate(p.written ?? p.formed)}`)
  if (p.noticePeriod !== undefined) rows.push(`公示期：${formatChineseDate(p.noticePeriod.from)}至${formatChineseDate(p.noticePeriod.until)}`)
  return `<section style="${STYLE.meta}">${rows.join('<br>')}</section>`
}

function relation(label: string, pubs: readonly Publication[], state: RenderState, url: (id: string) => string): string {
  if (pubs.length === 0) return ''
  const items = pubs.map((p) => {
    state.links.push({ url: url(p.id), title: p.title })
    return `《${escapeHtml(p.title)}》<sup style="${STYLE.sup}">[${state.links.length}]</sup>`
  })
  return `<p style="${STYLE.p}">${label}：${items.join('、')}</p>`
}

/** Above this many characters the article is rendered again with compact tables. */
const COMPACT_ABOVE = 17_000

/**
 * Renders a disclosure's article HTML. `images` maps body image URLs to their prepared files,
 * `charts` the tables that are numeric series to their chart images. An article too long with the
 * full theme is rendered again with compact tables.
 */
export function renderArticle(d: Disclosure, config: ProjectConfig, images: ReadonlyMap<string, PreparedImage>, sourceUrlPattern: string | undefined, charts: Charts = new Map()): ArticleHtml {
  const full = renderWith(d, config, images, charts, sourceUrlPattern, false)
  return full.html.length <= COMPACT_ABOVE ? full : renderWith(d, config, images, charts, sourceUrlPattern, true)
}

function renderWith(d: Disclosure, config: ProjectConfig, images: ReadonlyMap<string, PreparedImage>, charts: Charts, sourceUrlPattern: string | undefined, compact: boolean): ArticleHtml {
  const state = createState(d, images, charts, config.site.baseUrl, compact)
  const p = d.publication
  const url = (id: string) => sourceUrlOf(id, config, sourceUrlPattern)
  const parts: string[] = [metaBlock(d, config)]
  const release = d.links.release
  if (release !== undefined) parts.push(relation(p.kind === 'interpretation' ? '本文解读' : '本文回应', [release], state, url))
  // A body that ends with its own signature (issuing body over 成文日期) is signed once: there, set right as GB/T 9704 does, and not again at the end.
  const signature = findBodySignature(d.tree, config.body.name)
  if (signature === undefined) parts.push(state.all(d.tree))
  else {
    const end = signature.start + signature.nodes.length
    parts.push(state.all({ ...d.tree, children: d.tree.children.filter((_, i) => i < signature.start || i >= end) }))
    const lines = signature.nodes.flatMap((n) => toPlainText(n).split('\n')).map((l) => l.trim())
    parts.push(
      `<p style="${STYLE.signature}"><span style="${STYLE.signatureLines}">${lines
        .filter((l) => l !== '')
        .map(escapeHtml)
        .join('<br>')}</span></p>`,
    )
  }

  if (state.footnotes.size > 0) {
    parts.push(`<p style="${STYLE.sectionTitle}">注释</p>`)
    // Notes referenced inside notes get numbers as they are rendered: loop until none is new.
    const done = new Set<string>()
    for (let again = true; again;) {
      again = false
      for (const [label, n] of [...state.footnotes]) {
        if (done.has(label)) continue
        done.add(label)
        again = true
        const def = state.footnoteDefinitions.get(label)
        const inner = def === undefined ? '' : def.children.map((c) => (c.type === 'paragraph' ? state.all(c) : state.one(c))).join(' ')
        parts.push(`<p style="${STYLE.note}">${noteMark(n)} ${inner}</p>`)
      }
    }
  }
  if (p.kind === 'release') {
    const related = relation('政策解读', d.links.interpretations, state, url) + relation('回应关切', d.links.responses, state, url)
    if (related !== '') parts.push(related)
  }
  if (p.attachments.length > 0) {
    parts.push(`<p style="${STYLE.sectionTitle}">附件</p>`)
    p.attachments.forEach((a, i) => parts.push(`<p style="${STYLE.note}">${i + 1}. ${escapeHtml(a.title)}</p>`))
    parts.push(`<p style="${STYLE.note}">附件请点击文末“阅读原文”，在${escapeHtml(config.site.title)}查看和下载。</p>`)
  }
  if (signature === undefined) parts.push(`<p style="${STYLE.end}">${escapeHtml(config.body.name)}<br>${formatChineseDate(p.published ?? p.written ?? p.formed)}</p>`)
  if (state.links.length > 0) {
    parts.push(`<p style="${STYLE.sectionTitle}">引用链接</p>`)
    state.links.forEach((l, i) => parts.push(`<p style="${STYLE.note}">[${i + 1}] ${escapeHtml(l.title)}：<span style="${STYLE.ref}">${escapeHtml(l.url)}</span></p>`))
  }
  const html = `<section style="${STYLE.root}">${parts.join('')}</section>`
  return { html, links: state.links, footnotes: state.footnotes.size }
}
