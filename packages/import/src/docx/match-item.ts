/**
 * Which catalog item a document belongs to, by the words of its title. Chinese has no spaces:
 * `Intl.Segmenter('zh', { granularity: 'word' })` (ICU's dictionary, in Node 20) cuts the title
 * into words; a word counts by how rare it is in the catalog (a word every item has says nothing)
 * and by where the item has it (its name counts most). The score is shown, and only a clear
 * winner is taken: the caller asks for `--item` otherwise, never guessing.
 */
import type { CatalogItem } from '@gongkai/core'

/** One candidate with its score (0 … about 1.5; a whole item name inside the title adds 0.5). */
export interface ItemMatch {
  readonly code: string
  readonly name: string
  readonly score: number
  /** The title's words the item has. */
  readonly words: readonly string[]
}

/** The candidates, best first, and whether the best is clear enough to take. */
export interface ItemMatchResult {
  readonly candidates: readonly ItemMatch[]
  readonly best?: ItemMatch
  readonly clear: boolean
}

/** Below this the best candidate is no match at all. */
export const MIN_SCORE = 0.35
/** The best must lead the next by this much. */
export const MIN_LEAD = 0.15

/** Words of a document's title that name its kind or its issuer, not its subject. */
const STOP = new Set([
  '关于',
  '的',
  '和',
  '与',
  '及',
  '等',
  '对',
  '年',
  '年度',
  '月',
  '号',
  '通知',
  '公告',
  '通告',
  '函',
  '意见',
  '印发',
  '开展',
  '做好',
  '进一步',
  '加强',
  '工作',
  '有关',
  '事项',
  '情况',
  '书',
  '县',
  '局',
  '第',
])

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** The words of `text` that can tell items apart: no numbers, no stop words, none of the issuer's. */
export function titleWords(text: string, organ = ''): string[] {
  const organWords = new Set(segment(organ))
  const out: string[] = []
  for (const w of segment(text.replace(/[〔［[【(（][^〕］\]】)）]*[〕］\]】)）]/g, ' '))) {
    if (/^\d+$/.test(w) || STOP.has(w) || organWords.has(w) || out.includes(w)) continue
    out.push(w)
  }
  return out
}

function segment(text: string): string[] {
  return [...segmenter.segment(text)].filter((s) => s.isWordLike === true).map((s) => s.segment)
}

/** Scores every item of the catalog against a title (cancelled items are left out by the caller). */
export function matchItem(title: string, items: readonly CatalogItem[], organ?: string): ItemMatchResult {
  const words = titleWords(title, organ)
  const texts = items.map((i) => ({ item: i, name: i.name, group: `${i.category ?? ''}${i.subcategory ?? ''}`, content: `${i.content ?? ''}` }))
  const n = Math.max(1, items.length)
  const idf = new Map(words.map((w) => [w, Math.log(1 + n / (1 + texts.filter((t) => t.name.includes(w) || t.group.includes(w) || t.content.includes(w)).length))]))
  const total = [...idf.values()].reduce((a, b) => a + b, 0)
  const candidates = texts
    .map(({ item, name, group, content }): ItemMatch => {
      let raw = 0
      const hit: string[] = []
      for (const w of words) {
        const weight = name.includes(w) ? 1 : group.includes(w) ? 0.6 : content.includes(w) ? 0.4 : 0
        if (weight > 0) hit.push(w)
        raw += weight * (idf.get(w) ?? 0)
      }
      const whole = name.length >= 2 && title.includes(name) ? 0.5 : 0
      return { code: item.code, name: item.name, score: Math.round(((total === 0 ? 0 : raw / total) + whole) * 100) / 100, words: hit }
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
  const [best, second] = candidates
  const clear = best !== undefined && best.score >= MIN_SCORE && (second === undefined || best.score - second.score >= MIN_LEAD)
  return { candidates, ...(best === undefined ? {} : { best }), clear }
}
