/**
 * The Typst baseline of the noticeboard row: a plain GB/T 9704-like Typst document per
 * publication (A4, top margin 37 mm, binding margin 28 mm, type area 156 × 225 mm, 22 lines of
 * 28 characters, the issuing body in red over a red rule, a centred title, sans level-1 headings,
 * tables, the signature and page numbers "— 1 —" 7 mm below the type area), set in the same Noto
 * TTF files that `@gongkai/fonts` resolves, given to Typst as font paths. It has no QR code:
 * Typst has none built in and its packages come from the network (the sheet's QR costs gongkai
 * about 4% of a whole-process build).
 */
import { createRequire } from 'node:module'
import { formatChineseDate, toPlainText } from '@gongkai/core'
import type { Disclosure } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import type { Nodes, RootContent } from 'mdast'

const require = createRequire(import.meta.url)

/** The npm package of the Typst compiler (a native build per platform, Linux x64 among them). */
export const TYPST_PACKAGE = '@myriaddreamin/typst-ts-node-compiler'

/** The font files both typesetters use: the shipped Noto serif and sans, regular and bold. */
export function typstFontPaths(): string[] {
  const f = resolveFonts()
  return [f.serif.path, f.serifBold.path, f.sans.path, f.sansBold.path]
}

/** The installed compiler's version, or undefined when the package (or its native build for this platform) cannot be loaded. */
export function typstVersion(): string | undefined {
  try {
    const pkg = require(`${TYPST_PACKAGE}/package.json`) as { version: string }
    // Loading the entry point loads the native build: a package without one for this platform fails here.
    require(TYPST_PACKAGE)
    return pkg.version
  } catch {
    return undefined
  }
}

/** Where Typst is missing: a notice, or a failure when CI=true (the row would silently lose its baseline). */
export function typstMissing(env: Readonly<Record<string, string | undefined>>): string {
  const notice = `未安装 ${TYPST_PACKAGE}（或没有本平台的原生构建）：Typst 对照行跳过（安装：npm ci）`
  if (env['CI'] === 'true') throw new Error(`${notice}；CI=true 时不能跳过`)
  return notice
}

/** A Typst string literal: the text is data, never markup. */
export function typstString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`
}

const str = (node: Nodes) => typstString(toPlainText(node))

function block(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      // Level 1 in sans (黑体), deeper levels in bold serif (楷体 is not shipped), as the sheet does.
      return node.depth <= 2 ? `#par(text(font: "Noto Sans SC", ${str(node)}))` : `#par(text(weight: 700, ${str(node)}))`
    case 'paragraph':
      return `#par(${str(node)})`
    case 'list':
      return node.children.map((item, i) => `#par(${typstString(`${node.ordered === true ? `${(node.start ?? 1) + i}.` : '•'} ${toPlainText(item)}`)})`).join('\n')
    case 'blockquote':
      return `#pad(left: 2em, ${node.children.map((c) => `par(${str(c)})`).join(' + ')})`
    case 'table': {
      const [head, ...rows] = node.children
      const cols = Math.max(1, ...node.children.map((r) => r.children.length))
      const header = (head?.children ?? []).map((c) => `text(font: "Noto Sans SC", ${str(c)})`)
      const cells = rows.flatMap((r) => r.children.map(str))
      // The header row repeats on each page a table runs onto, as the sheet's does.
      return `#{ set text(size: 12pt); set par(first-line-indent: 0pt, leading: 5.4pt, justify: false); table(columns: ${cols}, inset: 4pt, stroke: 0.6pt, table.header(${header.join(', ')}), ${cells.join(', ')}) }`
    }
    case 'thematicBreak':
      return '#line(length: 100%, stroke: 0.6pt)'
    default:
      return toPlainText(node) === '' ? '' : `#par(${str(node)})`
  }
}

/** One publication as a Typst document. */
export function typstSource(d: Disclosure, organ: string): string {
  const p = d.publication
  const date = formatChineseDate(p.written ?? p.formed)
  const body = d.tree.children.map(block).filter((b) => b !== '')
  return [
    // 225 mm / 22 lines = 28.99 pt; 156 mm / 28 characters = 15.79 pt (3号 is 16 pt).
    '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm), footer-descent: 7mm,',
    '  footer: context { let n = counter(page).get().first(); align(if calc.odd(n) { right } else { left }, text(size: 14pt, font: "Noto Serif SC", [— #n —])) })',
    '#set text(font: "Noto Serif SC", size: 15.79pt, lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em)',
    '#set par(leading: 13.2pt, spacing: 13.2pt, justify: true, first-line-indent: (amount: 2em, all: true))',
    `#align(center, text(fill: rgb("#c8161d"), size: 30pt, weight: 700, ${typstString(organ)}))`,
    `#block(width: 100%, inset: (bottom: 4pt), stroke: (bottom: 1.2pt + rgb("#c8161d")), text(size: 12pt, font: "Noto Sans SC", grid(columns: (1fr, auto), ${typstString(`事项名称：${d.item.name}`)}, ${typstString(`事项编码：${d.item.code}`)})))`,
    '#v(28.99pt)',
    `#align(center, par(first-line-indent: 0pt, text(size: 22pt, weight: 700, ${typstString(p.title)})))`,
    '#v(28.99pt)',
    ...body,
    '#v(28.99pt)',
    `#align(right, pad(right: 4em, par(first-line-indent: 0pt, ${typstString(organ)} + linebreak() + ${typstString(date)})))`,
    ...(p.noticePeriod === undefined
      ? []
      : [
          `#v(28.99pt)\n#block(width: 100%, inset: 10pt, stroke: 1.2pt, text(size: 14pt, font: "Noto Sans SC", par(first-line-indent: 0pt, ${typstString(`公示期：${formatChineseDate(p.noticePeriod.from)}至${formatChineseDate(p.noticePeriod.until)}`)})))`,
        ]),
    '',
  ].join('\n')
}
