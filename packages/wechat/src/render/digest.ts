/** The digest (摘要): the operator's summary, or the body's opening cut at a sentence end. */
import type { Nodes, Root } from 'mdast'
import { toPlainText } from '@gongkai/core'

/** The platform's limit, in characters. */
export const DIGEST_MAX = 128

const SENTENCE_END = /[。！？!?；;]/u
const CLAUSE_END = /[，、,：:]/u

function openingText(tree: Root): string {
  const parts: string[] = []
  let length = 0
  for (const node of tree.children as Nodes[]) {
    if (node.type !== 'paragraph' && node.type !== 'blockquote' && node.type !== 'list') continue
    const text = toPlainText(node).replace(/\s+/g, ' ').trim()
    if (text === '') continue
    parts.push(text)
    length += [...text].length
    if (length > DIGEST_MAX * 2) break
  }
  return parts.join('')
}

/**
 * Cuts text to at most `max` characters: after the last sentence end that fits; failing that,
 * at the last clause mark with an ellipsis; failing that, hard with an ellipsis.
 */
export function cutAtSentence(text: string, max = DIGEST_MAX): string {
  const chars = [...text.trim()]
  if (chars.length <= max) return chars.join('')
  let sentence = -1
  let clause = -1
  for (let i = 0; i < max; i++) {
    const c = chars[i] ?? ''
    if (SENTENCE_END.test(c)) sentence = i
    else if (CLAUSE_END.test(c) && i < max - 1) clause = i
  }
  // A sentence end too near the start would make a uselessly short digest.
  if (sentence >= max / 4) return chars.slice(0, sentence + 1).join('')
  if (clause >= max / 4) return `${chars.slice(0, clause).join('')}…`
  return `${chars.slice(0, max - 1).join('')}…`
}

/** The digest of a publication: `summary` as written (preflight checks its length), else derived. */
export function digestOf(summary: string | undefined, tree: Root): string {
  if (summary !== undefined && summary.trim() !== '') return summary.trim()
  return cutAtSentence(openingText(tree))
}
