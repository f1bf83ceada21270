/** Imported items merged into an existing catalog.yaml, keeping the operator's own text. */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import type { CatalogItem } from '@gongkai/core'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { catalogToYaml } from './catalog-yaml.js'

/** What `mergeCatalogYaml` did. */
export interface CatalogMergeResult {
  /** The new catalog.yaml text. */
  readonly text: string
  /** Codes appended from the import. */
  readonly added: readonly string[]
  /** Imported codes the catalog already had: left as the operator wrote them. */
  readonly kept: readonly string[]
}

/**
 * Appends imported items whose codes the catalog does not have yet. Items already there, their
 * comments and formatting stay exactly as written: the operator's edits win over a re-import.
 */
export function mergeCatalogYaml(existing: string, items: readonly CatalogItem[]): CatalogMergeResult {
  // Widened from Document.Parsed: an empty document is given a new map below.
  const doc: Document = parseDocument(existing)
  const broken = doc.errors[0]
  if (broken !== undefined) {
    const at = broken.linePos?.[0]
    throw new GongkaiError(ERRORS.CatalogYamlSyntax, `catalog.yaml${at === undefined ? '' : ` 第 ${at.line} 行第 ${at.col} 列`}不是有效的 YAML，无法并入：${broken.message.split('\n')[0]}`, {
      cause: broken,
    })
  }
  // An empty file (or one of comments only) takes the imported items; a scalar or a list at the top cannot hold `items:`.
  const contents = doc.contents
  if (contents === null) doc.contents = doc.createNode({})
  else if (!isMap(contents)) {
    const what = isSeq(contents) ? '一个列表' : '一个单独的值'
    const at = contents.range === undefined || contents.range === null ? undefined : lineCol(existing, contents.range[0])
    throw new GongkaiError(ERRORS.CatalogNotMapping, `catalog.yaml${at === undefined ? '' : ` 第 ${at.line} 行第 ${at.col} 列`}是${what}，而不是“items: …”这样的映射，无法并入导入的事项`)
  }
  let seq = doc.get('items', true)
  if (seq === undefined || (isScalar(seq) && seq.value === null)) {
    doc.set('items', doc.createNode([]))
    seq = doc.get('items', true)
  }
  if (!isSeq(seq)) throw new GongkaiError(ERRORS.CatalogItemsNotList, 'catalog.yaml 的 items 不是列表，无法并入导入的事项')
  const have = new Set(seq.items.map((n) => codeOf(isMap(n) ? n.get('code') : undefined)))
  const fresh = items.filter((i) => !have.has(i.code))
  const kept = items.filter((i) => have.has(i.code)).map((i) => i.code)
  if (fresh.length > 0) {
    // The new items in catalogToYaml's layout (element order, flow lists), taken node by node.
    const rendered = parseDocument(catalogToYaml(fresh)).get('items', true)
    if (isSeq(rendered)) {
      if (seq.flow === true) seq.flow = false
      for (const node of rendered.items) {
        if (isMap(node) && seq.items.length > 0) node.spaceBefore = true
        seq.items.push(node)
      }
    }
  }
  return { text: doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false }), added: fresh.map((i) => i.code), kept }
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, col: offset - before.lastIndexOf('\n') }
}

// An unquoted code YAML reads as a number (`code: 101`) still names the item; a list or map there names none.
function codeOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}
