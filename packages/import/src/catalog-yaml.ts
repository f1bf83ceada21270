/** Writes catalog items (and the adjustment log) as catalog.yaml text, readable and in Chinese. */
import { Document, isMap, isSeq, visit } from 'yaml'
import type { Adjustment, CatalogItem, TimeLimit } from '@gongkai/core'
import { parseTimeLimit } from '@gongkai/core'

/** Options of `catalogToYaml`. */
export interface CatalogYamlOptions {
  /** A comment written at the top of the file, e.g. where the catalog was imported from. */
  readonly comment?: string
}

/**
 * catalog.yaml text in the format of docs/project-folder.md: elements in the fixed order,
 * `timeLimit` as its original words (a mapping only when the words would not parse back to
 * the same rule), channels and levels as short flow lists, a blank line between items.
 */
export function catalogToYaml(items: readonly CatalogItem[], adjustments: readonly Adjustment[] = [], options: CatalogYamlOptions = {}): string {
  const data: Record<string, unknown> = { items: items.map(itemToPlain) }
  if (adjustments.length > 0) data['adjustments'] = adjustments.map(adjustmentToPlain)
  const doc = new Document(data)
  if (options.comment !== undefined)
    doc.commentBefore = options.comment
      .split('\n')
      .map((l) => ` ${l}`)
      .join('\n')
  visit(doc, {
    Pair(_, pair) {
      const name = (pair.key as { value?: unknown } | null)?.value
      const key = typeof name === 'string' ? name : ''
      if ((key === 'channels' || key === 'level') && isSeq(pair.value)) pair.value.flow = true
      if (key === 'changes' && isMap(pair.value)) pair.value.flow = true
    },
  })
  for (const key of ['items', 'adjustments']) {
    const seq = doc.get(key, true)
    if (isSeq(seq))
      seq.items.forEach((node, i) => {
        if (i > 0 && isMap(node)) node.spaceBefore = true
      })
  }
  const adjustmentsNode = doc.contents !== null && isMap(doc.contents) ? doc.contents.items[1] : undefined
  if (adjustmentsNode !== undefined) (adjustmentsNode.key as { spaceBefore?: boolean }).spaceBefore = true
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false })
}

function itemToPlain(item: CatalogItem): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: item.code,
    name: item.name,
    category: item.category,
  }
  if (item.subcategory !== undefined) out['subcategory'] = item.subcategory
  out['basis'] = [...item.basis]
  out['content'] = item.content
  out['owner'] = item.owner
  out['timeLimit'] = timeLimitToPlain(item.timeLimit)
  out['channels'] = [...item.channels]
  out['audience'] = item.audience
  out['mode'] = item.mode
  out['level'] = [...item.level]
  if (item.notes !== undefined) out['notes'] = item.notes
  return out
}

/** The words when they parse back to the same rule; otherwise the mapping form of project-folder.md. */
function timeLimitToPlain(limit: TimeLimit): unknown {
  if (limit.text !== '' && JSON.stringify(parseTimeLimit(limit.text)) === JSON.stringify(limit)) return limit.text
  const text = limit.text === '' ? {} : { text: limit.text }
  switch (limit.kind) {
    case 'working-days':
      return { workingDays: limit.days, from: limit.from, ...text }
    case 'calendar-days':
      return { calendarDays: limit.days, from: limit.from, ...text }
    case 'realtime':
      return { realtime: true, ...text }
    case 'long-term':
      return { longTerm: true, ...text }
    case 'annual':
      return { annual: `${String(limit.month).padStart(2, '0')}-${String(limit.day).padStart(2, '0')}`, ...text }
    case 'unknown':
      return limit.text
  }
}

function adjustmentToPlain(a: Adjustment): Record<string, unknown> {
  const out: Record<string, unknown> = { date: a.date, kind: a.kind, code: a.code, reason: a.reason }
  if (a.basis !== undefined) out['basis'] = a.basis
  if (a.to !== undefined) out['to'] = a.to
  if (a.changes !== undefined) {
    const changes: Record<string, unknown> = { ...a.changes }
    if (a.changes.timeLimit !== undefined) changes['timeLimit'] = timeLimitToPlain(a.changes.timeLimit)
    out['changes'] = changes
  }
  return out
}
