/** The standard catalog with its dynamic-adjustment log (动态调整). */
import type { Adjustment, CatalogItem } from '../model.js'

/** Where an item stands on a given day. */
export type ItemStatus = 'in-force' | 'not-yet-added' | 'cancelled' | 'delegated' | 'unknown'

const ENDS: ReadonlySet<Adjustment['kind']> = new Set(['cancel', 'delegate'])
const STARTS: ReadonlySet<Adjustment['kind']> = new Set(['add', 'assume'])

/**
 * 政务公开事项标准目录. `items` lists every item ever kept, with every amendment applied;
 * `at(date)` gives the catalog in force on a day: items added or assumed later are absent,
 * items cancelled or delegated on or before that day are absent, amendments up to that day apply.
 */
export class Catalog {
  readonly items: readonly CatalogItem[]
  /** The adjustment log, oldest first. */
  readonly adjustments: readonly Adjustment[]
  readonly #byCode: ReadonlyMap<string, CatalogItem>
  readonly #base: readonly CatalogItem[]

  constructor(items: readonly CatalogItem[], adjustments: readonly Adjustment[] = []) {
    this.#base = items
    this.adjustments = [...adjustments].sort((a, b) => a.date.localeCompare(b.date))
    this.items = items.map((item) => applyAmendments(item, this.adjustments, undefined))
    this.#byCode = new Map(this.items.map((i) => [i.code, i]))
  }

  /** The item with this code (latest values), whether or not it is in force. */
  get(code: string): CatalogItem | undefined {
    return this.#byCode.get(code)
  }

  /** Where the item stands on `date` (YYYY-MM-DD). */
  status(code: string, date: string): ItemStatus {
    if (!this.#byCode.has(code)) return 'unknown'
    let status: ItemStatus = 'in-force'
    const own = this.adjustments.filter((a) => a.code === code)
    // An item whose first adjustment is an add/assume did not exist before it.
    const first = own[0]
    if (first !== undefined && STARTS.has(first.kind) && date < first.date) return 'not-yet-added'
    for (const a of own) {
      if (a.date > date) break
      if (STARTS.has(a.kind) || a.kind === 'retain') status = 'in-force'
      else if (a.kind === 'cancel') status = 'cancelled'
      else if (a.kind === 'delegate') status = 'delegated'
    }
    return status
  }

  /** The adjustment that ended the item on or before `date`, if any. */
  endedBy(code: string, date: string): Adjustment | undefined {
    let ended: Adjustment | undefined
    for (const a of this.adjustments) {
      if (a.code !== code || a.date > date) continue
      if (ENDS.has(a.kind)) ended = a
      else if (STARTS.has(a.kind) || a.kind === 'retain') ended = undefined
    }
    return ended
  }

  /** The catalog as it stood on `date` (YYYY-MM-DD). */
  at(date: string): Catalog {
    const inForce = this.#base.filter((item) => this.status(item.code, date) === 'in-force').map((item) => applyAmendments(item, this.adjustments, date))
    // Amendments up to the day are already applied; re-applying them is harmless.
    return new Catalog(
      inForce,
      this.adjustments.filter((a) => a.date <= date),
    )
  }

  /** 一级事项 in catalog order, each once. */
  categories(): string[] {
    return [...new Set(this.items.map((i) => i.category))]
  }
}

function applyAmendments(item: CatalogItem, log: readonly Adjustment[], until: string | undefined): CatalogItem {
  let result = item
  for (const a of log) {
    if (a.code !== item.code || a.kind !== 'amend' || a.changes === undefined) continue
    if (until !== undefined && a.date > until) break
    result = { ...result, ...a.changes }
  }
  return result
}
