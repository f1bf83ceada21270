/**
 * Typed reading of one YAML mapping: each reader reports what is wrong at the node concerned
 * (missing field at the mapping, a bad value at the value) and returns undefined instead of throwing.
 */
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node, Pair, YAMLMap } from 'yaml'
import { codePointName, isDropped, stripInvisible } from '../invisible.js'
import { didYouMean } from './did-you-mean.js'
import type { Position, YamlSource } from './yaml-source.js'

/** The kinds of file whose messages carry their own code prefix. */
export type Scope = 'config' | 'catalog' | 'publication' | 'request' | 'report'

/**
 * How a text field is read: `line` (a title, a name) loses invisible characters and line breaks,
 * `lines` (a description) keeps its line breaks and tabs, `name` (an id, a code, a path) is kept
 * as written, because the check that follows refuses a control character in it with an error.
 */
export type TextForm = 'line' | 'lines' | 'name'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isRealDate(text: string): boolean {
  const m = DATE.exec(text)
  if (m === null) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** YAML's double-quoted escapes (`\\e`, `\\x1b`, `\\u202e`, …). */
const ESCAPE = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', N: '\x85' }

/** The character a double-quoted escape stands for. */
function unescape(escape: string): string {
  const body = escape.slice(1)
  // A backslash at the end of a line joins the lines: it stands for nothing.
  if (body === '\n' || body === '\r') return ''
  if (body.length > 1) return String.fromCodePoint(Number.parseInt(body.slice(1), 16))
  return SHORT_ESCAPES[body] ?? body
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
  /** Fields already warned about invisible characters: one warning per field, not per list item. */
  readonly #warned = new Set<string>()

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

  /**
   * The text of a scalar without invisible characters (controls, bidi overrides, a stray BOM;
   * line breaks and tabs too unless the form is `lines`), warned about once per field at the first one;
   * a `name` is returned as written.
   */
  #text(node: Node, key: string, label: string, form: TextForm): string | undefined {
    const raw = this.src.sourceOf(node)
    if (raw === undefined || form === 'name') return raw?.trim()
    const multiline = form === 'lines'
    const { text, found } = stripInvisible(raw, multiline)
    if (found !== undefined && !this.#warned.has(key)) {
      this.#warned.add(key)
      const at = this.#placeOf(node, multiline)
      const message = `${this.what}的“${key}”（${label}）中有不可见的控制字符（如 ${codePointName(found)}），已删除`
      const hint = '可能是从其他软件粘贴时带入的：请在文件中删去它；发布的内容已不含它'
      if (at === undefined) this.report(node, 'invisible-character', message, hint, 'warning')
      else
        this.src.diagnostics.push({
          code: `${this.scope}/invisible-character`,
          severity: 'warning',
          message,
          hint,
          ...this.src.at(at),
          ...(this.subject === undefined ? {} : { subject: this.subject }),
        })
    }
    return text.trim()
  }

  /** Offset in the YAML text of the first dropped character of a scalar: written as itself, or as an escape in double quotes. */
  #placeOf(node: Node, multiline: boolean): number | undefined {
    const range = node.range
    if (range === undefined || range === null) return undefined
    const written = this.src.text.slice(range[0], range[1])
    const type = (node as { type?: string }).type
    let best = -1
    for (let i = 0; i < written.length; i++) {
      const c = written[i] ?? ''
      // A block scalar's own line breaks are its layout; a quoted or plain one folds them into spaces.
      if (c === '\n' || c === '\r' || c === '\t') continue
      if (isDropped(c, multiline)) {
        best = i
        break
      }
    }
    if (type === 'QUOTE_DOUBLE') {
      for (const m of written.matchAll(ESCAPE)) {
        if (best !== -1 && (m.index ?? 0) > best) break
        if (isDropped(unescape(m[0]), multiline)) {
          best = m.index ?? best
          break
        }
      }
    }
    return best === -1 ? undefined : range[0] + best
  }

  /** A text value. Numbers are read as written (leading zeros kept). `form`: see `TextForm`. */
  string(key: string, label: string, required = false, form: TextForm = 'line'): string | undefined {
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
    const text = this.#text(node, key, label, form)
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
      const text = this.#text(node, key, label, 'line')
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
      const text = this.#text(item, key, label, 'line')
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
