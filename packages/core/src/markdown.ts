/**
 * The one Markdown parse. A frozen processor (CommonMark + GFM tables, footnotes, strikethrough,
 * with emphasis rules fit for Chinese); raw HTML never survives it and dangerous link schemes are
 * neutralised, so no channel has to.
 */
import type { Nodes, Parent, Root } from 'mdast'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { Diagnostic } from './diagnostics.js'
import { INVISIBLE } from './invisible.js'

/**
 * The frozen parser every channel shares. Call `markdownProcessor()` for a copy to extend.
 * CommonMark alone leaves `**当事人：**某公司` as literal asterisks (a run after full-width
 * punctuation and before a Han character cannot close); the CJK-friendly extensions fix that for
 * `**` and `~~`, as offices write them.
 */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly).use(remarkCjkFriendlyGfmStrikethrough).freeze()

/** Extensions of mdast-util-from-markdown, as remark plugins collect them (nested lists allowed). */
type FromMarkdownExtensions = readonly (FromMarkdownExtensions | { readonly transforms?: readonly ((tree: Root) => unknown)[] })[]

/** The from-markdown extensions without the GFM autolink-literal transform (the one transform of that name). */
function withoutLiteralTransform(list: FromMarkdownExtensions): FromMarkdownExtensions {
  return list.map((e) => {
    if (Array.isArray(e)) return withoutLiteralTransform(e as FromMarkdownExtensions)
    const x = e as { readonly transforms?: readonly ((tree: Root) => unknown)[] }
    if (x.transforms === undefined || !x.transforms.some((t) => t.name === 'transformGfmAutolinkLiterals')) return x
    return { ...x, transforms: x.transforms.filter((t) => t.name !== 'transformGfmAutolinkLiterals') }
  })
}

/**
 * The same parser without GFM's autolink-literal pass, for bodies where it can find nothing. That
 * pass runs four regular expressions (one with a look-behind) over every text of every body: a
 * sixth of a cold build at 10,000 publications, where almost no body has a bare address. Exported
 * for tests only.
 */
export const literalFreeProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkCjkFriendly)
  .use(remarkCjkFriendlyGfmStrikethrough)
  .use(function dropLiteralTransform(this: { data(key: string): unknown; data(key: string, value: unknown): void }) {
    const list = this.data('fromMarkdownExtensions')
    if (Array.isArray(list)) this.data('fromMarkdownExtensions', withoutLiteralTransform(list as FromMarkdownExtensions))
  })
  .freeze()

/**
 * What the autolink-literal pass looks for (`http://`, `https://`, `www.`, `@`), or what can make
 * it appear in a text though not in the source (a character reference `&…;`, a backslash escape
 * such as `http:\/\/`). A body with none of these gives the same tree without the pass.
 */
const LITERAL_CANDIDATE = /[@&\\]|https?:\/\/|www\./i

/** Whether the autolink-literal pass may change the tree of this body. */
export function mayHoldLiteralLinks(markdown: string): boolean {
  return LITERAL_CANDIDATE.test(markdown)
}

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
  // eslint-disable-next-line no-control-regex -- we look for control characters on purpose
  const compact = url.replace(/[\u0000-\u0020\u007f]+/g, '')
  if (/^[a-z][a-z0-9+.-]*:/i.test(compact)) return /^(?:https?|mailto|tel):/i.test(compact)
  return SAFE_SCHEMES.test(compact) || compact === ''
}

/**
 * The deepest nesting of quotes, lists, footnotes and inline marks (emphasis, strong, strikethrough,
 * links) a body may have. Government documents go five levels deep at most (一、（一）1.（1）①, with a
 * quote or two around them); 32 leaves six times that, keeps every tree a few hundred frames deep
 * for the channels' renderers, and stops a file of 4,000 `>` or 10,000 `- ` before it reaches the parser.
 */
export const MAX_NESTING = 32

/** Node types that open one nesting level. */
const NESTING = new Set(['blockquote', 'list', 'footnoteDefinition', 'emphasis', 'strong', 'delete', 'link', 'linkReference'])

/** Where and how deep a body nests: a body line for `estimateNesting`, the tree's own (file) line for `measureNesting`. */
export interface Nesting {
  readonly depth: number
  readonly line: number
  readonly column: number
}

/**
 * Characters no channel can show and that change nothing when dropped: C0 and C1 controls (tab and
 * line breaks aside), bidirectional overrides and isolates, and a byte-order mark inside the text.
 */
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g')

const BLANK = /^[ \t]*$/
const FENCE = /^(`{3,}|~{3,})/
const FOOTNOTE_MARK = /^\[\^[^\]\s]{1,999}\]:/
const SPACE = /\s/u
const PUNCT = /[\p{P}\p{S}]/u

/**
 * An upper bound on how deep a body nests, from a scan of its lines, without parsing: micromark
 * and the GFM transforms recurse once per level, so 4,000 `>` overflow the stack (and take seconds)
 * inside the parser, where no later check could catch it. Per line: the `>`, list and footnote
 * markers at its start plus half its indentation (a nested list needs two columns a level); per
 * paragraph: the emphasis and strikethrough delimiters still open. Fenced code is skipped.
 */
export function estimateNesting(markdown: string): Nesting {
  let best: Nesting = { depth: 0, line: 1, column: 1 }
  // The place is where the estimate first passes the limit, as measureNesting gives it.
  let past: { line: number; column: number } | undefined
  let fence: string | undefined
  let open: Record<string, number> = { '*': 0, _: 0, '~': 0 }
  let line = 0
  for (let start = 0; start <= markdown.length;) {
    let end = markdown.indexOf('\n', start)
    if (end === -1) end = markdown.length
    // Files saved on Windows end their lines with CR LF.
    const text = markdown.charCodeAt(end - 1) === 13 ? markdown.slice(start, end - 1) : markdown.slice(start, end)
    start = end + 1
    line++
    if (BLANK.test(text)) {
      open = { '*': 0, _: 0, '~': 0 }
      if (end === markdown.length) break
      continue
    }
    // The container prefix: markers and the whitespace before and between them.
    let i = 0
    let cols = 0
    let markers = 0
    for (;;) {
      const c = text[i]
      if (c === ' ') {
        cols++
        i++
      } else if (c === '\t') {
        cols += 4
        i++
      } else if (c === '>') {
        markers++
        i++
        if (text[i] === ' ') i++
      } else if ((c === '-' || c === '+' || c === '*') && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
        markers++
        i += 2
      } else if (c !== undefined && c >= '0' && c <= '9') {
        const m = /^\d{1,9}[.)](?=[ \t]|$)/.exec(text.slice(i, i + 11))
        if (m === null) break
        markers++
        i += m[0].length + 1
      } else if (c === '[' && text[i + 1] === '^') {
        const m = FOOTNOTE_MARK.exec(text.slice(i, i + 1005))
        if (m === null) break
        markers++
        i += m[0].length
      } else break
    }
    const rest = text.slice(i)
    const f = FENCE.exec(rest)
    if (fence !== undefined) {
      if (f !== null && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length && BLANK.test(rest.slice(f[1]?.length ?? 0))) fence = undefined
      continue
    }
    if (f !== null) fence = f[1]
    const block = markers === 0 ? 0 : markers + Math.floor(cols / 2)
    if (block > best.depth) best = { depth: block, line, column: 1 }
    if (block > MAX_NESTING && past === undefined) past = { line, column: 1 }
    if (f !== null) continue
    // Delimiter runs: a run that can close takes back what is open, one that can open adds to it.
    for (let k = 0; k < rest.length;) {
      const c = rest[k] as string
      if (c !== '*' && c !== '_' && c !== '~') {
        k++
        continue
      }
      let j = k
      while (rest[j] === c) j++
      const before = k === 0 ? ' ' : (rest[k - 1] as string)
      const after = j >= rest.length ? ' ' : (rest[j] as string)
      const ws = (x: string) => SPACE.test(x)
      const pu = (x: string) => PUNCT.test(x)
      const left = !ws(after) && (!pu(after) || ws(before) || pu(before))
      const right = !ws(before) && (!pu(before) || ws(after) || pu(after))
      const len = j - k
      // What a run closes it does not open again; the rest of it may open.
      const taken = right ? Math.min(open[c] ?? 0, len) : 0
      open[c] = (open[c] ?? 0) - taken + (left ? len - taken : 0)
      const inline = (open['*'] ?? 0) + (open['_'] ?? 0) + (open['~'] ?? 0)
      if (block + inline > best.depth) best = { depth: block + inline, line, column: i + k + 1 }
      if (block + inline > MAX_NESTING && past === undefined) past = { line, column: i + k + 1 }
      k = j
    }
  }
  return past === undefined ? best : { depth: best.depth, ...past }
}

/** The deepest nesting of a parsed tree, found without recursion; the place is where it passes `limit`. */
export function measureNesting(tree: Nodes, limit = MAX_NESTING): Nesting {
  let depth = 0
  let at: Nodes | undefined
  const stack: [Nodes, number][] = [[tree, 0]]
  while (stack.length > 0) {
    const [node, d0] = stack.pop() as [Nodes, number]
    const d = NESTING.has(node.type) ? d0 + 1 : d0
    if (d > depth) depth = d
    if (d === limit + 1 && at === undefined) at = node
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, d])
  }
  const start = at?.position?.start
  return { depth, line: start?.line ?? 1, column: start?.column ?? 1 }
}

/** `found.line` is a file line; the scan's (`estimateNesting`) are body lines, shifted here. */
function tooDeep(found: Nesting, source: BodySource, estimated: boolean): Diagnostic {
  return {
    code: 'publication/too-deep',
    severity: 'error',
    message: `正文嵌套过深：引用（>）、列表（-、1.）、脚注或加粗、删除线等标记${found.depth > MAX_NESTING ? `${estimated ? '约' : ''}嵌套 ${found.depth} 层，` : '的嵌套'}超过上限 ${MAX_NESTING} 层，这条信息不会发布`,
    hint: '公文的层次（一、（一）1.（1）①）用不到这么多层：请检查这一行是否误输入或误粘贴了成串的“>”“-”“*”等符号',
    file: source.file,
    line: estimated ? found.line + source.bodyLine - 1 : found.line,
    column: found.column,
  }
}

/**
 * Moves every position of a tree down by `lines` (the lines of the file before the body), each
 * into a new object: plugins may share a point between nodes. Columns need nothing: the body
 * starts a line. Offsets stay counted from the body's start (no channel reads them).
 */
export function shiftPositions(tree: Nodes, lines: number): void {
  if (lines === 0) return
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    const p = node.position
    if (p !== undefined) node.position = { start: { ...p.start, line: p.start.line + lines }, end: { ...p.end, line: p.end.line + lines } }
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
}

/**
 * Parses a publication body once. Positions in the tree are the file's lines (the body's start
 * is `source.bodyLine`), so no consumer adds an offset again. Raw HTML nodes are dropped (their text, if any, is not kept)
 * and links or images with unsafe URLs lose the URL; each is reported as a warning with its
 * place in the file. A body nested deeper than `MAX_NESTING` gives an empty tree and a
 * `publication/too-deep` error: nothing downstream recurses deeper than that.
 */
export function parseBody(markdown: string, source: BodySource): { tree: Root; diagnostics: Diagnostic[] } {
  // The scan over-counts (indentation as levels, delimiters that never pair): past twice the limit
  // the parser is not given the body; up to it, the tree says exactly how deep it goes.
  const estimate = estimateNesting(markdown)
  if (estimate.depth > 2 * MAX_NESTING) return { tree: { type: 'root', children: [] }, diagnostics: [tooDeep(estimate, source, true)] }
  let tree: Root
  try {
    tree = (mayHoldLiteralLinks(markdown) ? markdownProcessor : literalFreeProcessor).parse(markdown)
  } catch (cause) {
    // The scan is a bound for the constructs it knows; any other nesting that overflows the parser is the same error.
    if (!(cause instanceof RangeError)) throw cause
    return { tree: { type: 'root', children: [] }, diagnostics: [tooDeep(estimate, source, true)] }
  }
  shiftPositions(tree, source.bodyLine - 1)
  const nesting = measureNesting(tree)
  if (nesting.depth > MAX_NESTING) return { tree: { type: 'root', children: [] }, diagnostics: [tooDeep(nesting, source, false)] }
  const diagnostics: Diagnostic[] = []
  const place = (node: Nodes) => {
    const start = node.position?.start
    return start === undefined ? { file: source.file } : { file: source.file, line: start.line, column: start.column }
  }
  let invisible = false
  const strip = (node: Nodes, text: string): string => {
    if (!INVISIBLE.test(text)) return text
    if (!invisible) {
      invisible = true
      const ch = INVISIBLE.exec(text)?.[0] ?? ''
      diagnostics.push({
        code: 'markdown/invisible-character',
        severity: 'warning',
        message: `正文中有不可见的控制字符（如 U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}），已删除`,
        hint: '多半是从网页、Word 或 PDF 复制时带入的：删除后各渠道显示不变；打印稿和大屏上它们原本会成为方框或“〓”',
        ...place(node),
      })
    }
    return text.replace(INVISIBLE_ALL, '')
  }
  // Recursion is bounded here: the tree is at most MAX_NESTING levels deep (a few nodes each).
  const clean = (parent: Parent) => {
    const kept: typeof parent.children = []
    for (const child of parent.children) {
      if (child.type === 'text' || child.type === 'inlineCode' || child.type === 'code') child.value = strip(child, child.value)
      if ((child.type === 'image' || child.type === 'imageReference') && typeof child.alt === 'string') child.alt = strip(child, child.alt)
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

/** The plain text of a tree or node (no markup), for digests, search and measuring. Iterative: any depth. */
export function toPlainText(node: Nodes): string {
  const leaf = (n: Nodes): string | undefined => {
    if ('value' in n && typeof n.value === 'string') return n.type === 'html' ? '' : n.value
    if (n.type === 'break') return '\n'
    return 'children' in n ? undefined : ''
  }
  const separator = (n: Nodes) => (n.type === 'root' || n.type === 'list' || n.type === 'table' || n.type === 'blockquote' ? '\n' : n.type === 'tableRow' ? '\t' : '')
  const first = leaf(node)
  if (first !== undefined) return first
  // Each frame: a parent, the index of its next child, and the texts of the children done.
  const stack: { node: Nodes & { children: Nodes[] }; next: number; parts: string[] }[] = [{ node: node as Nodes & { children: Nodes[] }, next: 0, parts: [] }]
  for (;;) {
    const top = stack[stack.length - 1] as (typeof stack)[number]
    if (top.next < top.node.children.length) {
      const child = top.node.children[top.next++] as Nodes
      const text = leaf(child)
      if (text === undefined) stack.push({ node: child as Nodes & { children: Nodes[] }, next: 0, parts: [] })
      else top.parts.push(text)
      continue
    }
    stack.pop()
    const text = top.parts.join(separator(top.node))
    const parent = stack[stack.length - 1]
    if (parent === undefined) return text
    parent.parts.push(text)
  }
}
