/**
 * Typed reading of one YAML mapping: each reader reports what is wrong at the node concerned
 * (missing field at the mapping, a bad value at the value) and returns undefined instead of throwing.
 */
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node, Pair, YAMLMap } from 'yaml'
import { didYouMean } from './did-you-mean.js'
import type { Position, YamlSource } from './yaml-source.js'

/** The three kinds of file whose messages carry their own code prefix. */
export type Scope = 'config' | 'catalog' | 'publication'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isRealDate(text: string): boolean {
  const m = DATE.exec(text)
  if (m === null) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** Reads the fields of one mapping, reporting problems with their place. */
export class Fields {
  readonly src: YamlSource
  readonly map: YAMLMap
  readonly scope: Scope
  /** Chinese prefix naming what the mapping is, e.g. `事项“HB-001”`. */
  readonly what: string
  readonly subject: string | undefined
  /** Positions of the values read, by field name (dotted for nested). */
  readonly positions: Record<string, Position> = {}

  constructor(src: YamlSource, map: YAMLMap, scope: Scope, what: string, subject?: string) {
    this.src = src
    this.map = map
    this.scope = scope
    this.what = what
    this.subject = subject
  }

  /** The pair of a key, if present. */
  pair(key: string): Pair<unknown, unknown> | undefined {
    for (const p of this.map.items) if (isScalar(p.key) && String(p.key.value) === key) return p
    return undefined
  }

  /** The value node of a key; undefined when absent or empty (`key:` with nothing after it). */
  node(key: string): Node | undefined {
    const p = this.pair(key)
    if (p === undefined) return undefined
    const v = p.value as Node | null
    if (v === null || (isScalar(v) && v.value === null)) return undefined
    return v
  }

  /** Where a key's value (or the key, when the value is empty) stands. */
  at(key: string): Node | Pair | undefined {
    const p = this.pair(key)
    if (p === undefined) return undefined
    const v = p.value as Node | null
    return v !== null && v.range ? v : p
  }

  report(node: Node | Pair | null | undefined, code: string, message: string, hint?: string, severity: 'error' | 'warning' = 'error'): void {
    this.src.report(node ?? this.map, `${this.scope}/${code}`, severity, message, hint, this.subject)
  }

  /** Reports a missing required field at the mapping (or at its empty key). */
  missing(key: string, label: string, hint?: string): void {
    const p = this.pair(key)
    this.report(p ?? this.map, 'missing-field', `${this.what}缺少必填字段“${key}”（${label}）`, hint ?? `请填写 ${key}`)
  }

  #remember(key: string, node: Node | Pair | undefined): void {
    const pos = this.src.position(node)
    if (pos !== undefined) this.positions[key] = pos
  }

  /** A text value. Numbers are read as written (leading zeros kept). */
  string(key: string, label: string, required = false): string | undefined {
    const node = this.node(key)
    if (node === undefined) {
      if (required) this.missing(key, label)
      return undefined
    }
    this.#remember(key, node)
    if (!isScalar(node)) {
      this.report(node, 'bad-type', `${this.what}的“${key}”（${label}）应当是一段文字`, '不要写成列表或“字段: 值”的形式')
      return undefined
    }
    const text = this.src.sourceOf(node)?.trim()
    if (text === undefined || text === '') {
      if (required) this.missing(key, label)
      return undefined
    }
    return text
  }

  /** A list of texts, or one text (read as a list of one). */
  strings(key: string, label: string, required = false): string[] | undefined {
    const node = this.node(key)
    if (node === undefined) {
      if (required) this.missing(key, label)
      return undefined
    }
    this.#remember(key, node)
    if (isScalar(node)) {
      const text = this.src.sourceOf(node)?.trim()
      return text === undefined || text === '' ? [] : [text]
    }
    if (!isSeq(node)) {
      this.report(node, 'bad-type', `${this.what}的“${key}”（${label}）应当是列表`, `例如 ${key}: [甲, 乙]`)
      return undefined
    }
    const out: string[] = []
    for (const item of node.items as (Node | null)[]) {
      if (item === null) continue
      if (!isScalar(item)) {
        this.report(item, 'bad-type', `${this.what}的“${key}”（${label}）中每一项都应当是一段文字`)
        continue
      }
      const text = this.src.sourceOf(item)?.trim()
      if (text !== undefined && text !== '') out.push(text)
    }
    return out
  }

  /** A `YYYY-MM-DD` date that exists in the calendar. */
  date(key: string, label: string, required = false): string | undefined {
    const text = this.string(key, label, required)
    if (text === undefined) return undefined
    if (!isRealDate(text)) {
      this.report(
        this.at(key),
        'bad-date',
        DATE.test(text) ? `${this.what}的“${key}”（${label}）“${text}”不是真实存在的日期` : `${this.what}的“${key}”（${label}）“${text}”不是日期`,
        '日期写作 YYYY-MM-DD，例如 2026-11-20',
      )
      return undefined
    }
    return text
  }

  /** One value of a closed set; `allowed` maps every accepted spelling (Chinese synonyms too) to the value. */
  choice<T extends string>(key: string, label: string, allowed: Readonly<Record<string, T>>, required = false): T | undefined {
    const text = this.string(key, label, required)
    if (text === undefined) return undefined
    return this.#pick(this.at(key), key, label, text, allowed)
  }

  /** A list of values of a closed set (or one value). */
  choices<T extends string>(key: string, label: string, allowed: Readonly<Record<string, T>>, required = false): T[] | undefined {
    const node = this.node(key)
    const texts = this.strings(key, label, required)
    if (texts === undefined) return undefined
    const out: T[] = []
    texts.forEach((text, i) => {
      const itemNode = node !== undefined && isSeq(node) ? ((node.items[i] as Node | undefined) ?? node) : node
      const v = this.#pick(itemNode, key, label, text, allowed)
      if (v !== undefined && !out.includes(v)) out.push(v)
    })
    return out
  }

  #pick<T extends string>(node: Node | Pair | undefined, key: string, label: string, text: string, allowed: Readonly<Record<string, T>>): T | undefined {
    const v = allowed[text] ?? allowed[text.toLowerCase()]
    if (v !== undefined) return v
    const values = [...new Set(Object.values(allowed))]
    const near = didYouMean(text, Object.keys(allowed))
    this.report(node, 'bad-value', `${this.what}的“${key}”（${label}）不能是“${text}”`, `${near === undefined ? '' : `是否想写“${allowed[near] ?? near}”？`}可选值：${values.join('、')}`)
    return undefined
  }

  /** A nested mapping. */
  mapping(key: string, label: string, required = false): YAMLMap | undefined {
    const node = this.node(key)
    if (node === undefined) {
      if (required) this.missing(key, label)
      return undefined
    }
    this.#remember(key, node)
    if (!isMap(node)) {
      this.report(node, 'bad-type', `${this.what}的“${key}”（${label}）应当是“字段: 值”的形式`, `例如 ${key}: { … }`)
      return undefined
    }
    return node
  }

  /** A yes/no value. */
  bool(key: string, label: string): boolean | undefined {
    const node = this.node(key)
    if (node === undefined) return undefined
    if (isScalar(node) && typeof node.value === 'boolean') return node.value
    const text = isScalar(node) ? this.src.sourceOf(node) : undefined
    if (text === '是') return true
    if (text === '否') return false
    this.report(node, 'bad-type', `${this.what}的“${key}”（${label}）应当是 true 或 false`)
    return undefined
  }

  /** A positive whole number. */
  count(key: string, label: string): number | undefined {
    const node = this.node(key)
    if (node === undefined) return undefined
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value > 0) return node.value
    this.report(node, 'bad-value', `${this.what}的“${key}”（${label}）应当是正整数`)
    return undefined
  }

  /** Warns about every key that is not in `known`, with the nearest known key as a hint. */
  unknown(known: readonly string[]): void {
    for (const p of this.map.items) {
      if (!isScalar(p.key)) {
        this.report(p.key as Node, 'unknown-field', `${this.what}中有无法识别的字段`, undefined, 'warning')
        continue
      }
      const key = String(p.key.value)
      if (known.includes(key)) continue
      const near = didYouMean(key, known)
      this.report(p.key, 'unknown-field', `${this.what}中的字段“${key}”无法识别，已忽略`, near === undefined ? `可用字段：${known.join('、')}` : `是否想写“${near}”？`, 'warning')
    }
  }
}
