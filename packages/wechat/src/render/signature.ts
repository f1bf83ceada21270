/**
 * A body that ends with its own signature: the issuing body's name (one or more lines) and the
 * date it was written (成文日期), as official documents close, e.g. `青川县生态环境局  \n2026年11月9日`.
 *
 * > **Note**: a stand-in for core's `findBodySignature` (branch sheets), with the same name and
 * > the fields the article reads: once that lands, this file goes and article.ts imports it from `@gongkai/core`.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast'

/** The signature a body ends with: where it starts in `tree.children`, and the top-level nodes that hold it. */
export interface BodySignature {
  readonly start: number
  readonly nodes: readonly RootContent[]
}

// 2026年11月9日, 二〇二六年十一月九日; spaces between the parts are tolerated.
const DATE = /^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/
// What the names of Chinese public bodies end with, a seal mark (（印）, （盖章）) allowed after them.
const BODY = /(?:局|委员会|委|人民政府|政府|办公室|办|厅|部|院|所|中心|站|队|公司|会|处|科|镇|乡|街道|社区|领导小组|指挥部|管委会)(?:[（(](?:印|章|盖章)[)）])?$/
// Sentence punctuation: a line with any is prose, not a name.
const PROSE = /[。，；：！？、,;:!?]/

function clean(text: string): string {
  return text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
}

/** The text lines of a paragraph's inline content, split at hard and soft line breaks. */
function linesOf(children: readonly PhrasingContent[]): string[] | undefined {
  const lines: string[] = ['']
  const add = (nodes: readonly PhrasingContent[]): boolean => {
    for (const n of nodes) {
      if (n.type === 'break') lines.push('')
      else if (n.type === 'text') {
        const parts = n.value.split('\n')
        lines[lines.length - 1] += parts[0] ?? ''
        for (const p of parts.slice(1)) lines.push(p)
      } else if (n.type === 'strong' || n.type === 'emphasis') {
        if (!add(n.children)) return false
      } else return false
    }
    return true
  }
  if (!add(children)) return undefined
  return lines.map(clean).filter((l) => l !== '')
}

const isBody = (line: string, bodyName: string | undefined) => line === bodyName || (line.length <= 40 && !PROSE.test(line) && BODY.test(line))

// Blocks that render nothing where they stand: a signature is the last of the others.
const SILENT = new Set<RootContent['type']>(['definition', 'footnoteDefinition', 'html', 'yaml'])

/**
 * Finds the signature a body ends with: its last paragraph is one or more body-name lines over a
 * date line, or a paragraph of body names followed by a paragraph holding only the date.
 * `bodyName` (the config's issuing body) is recognised whatever it ends with.
 */
export function findBodySignature(tree: Root, bodyName?: string): BodySignature | undefined {
  let last = tree.children.length - 1
  while (last >= 0 && SILENT.has(tree.children[last]?.type ?? 'html')) last--
  const node = tree.children[last]
  if (node?.type !== 'paragraph') return undefined
  const lines = linesOf(node.children)
  if (lines === undefined || lines.length === 0 || !DATE.test(lines[lines.length - 1] ?? '')) return undefined
  const names = lines.slice(0, -1)
  if (names.length > 0) return names.length <= 3 && names.every((l) => isBody(l, bodyName)) ? { start: last, nodes: [node] } : undefined
  const before = tree.children[last - 1]
  if (before?.type !== 'paragraph') return undefined
  const above = linesOf(before.children)
  return above !== undefined && above.length > 0 && above.length <= 3 && above.every((l) => isBody(l, bodyName)) ? { start: last - 1, nodes: [before, node] } : undefined
}
