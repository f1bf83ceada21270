/**
 * One YAML text (a whole file or a front-matter block) with its line counter, so that every
 * message points at the real line and column of the node it is about.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Document, Node, Pair, YAMLMap } from 'yaml'
import type { Diagnostic, Severity } from '../diagnostics.js'
import { showValue } from '../show-value.js'

/** A text to validate: project-relative POSIX path and content. */
export interface SourceFile {
  readonly file: string
  readonly text: string
}

/** A 1-based place in a file. */
export interface Position {
  readonly line: number
  readonly column: number
}

const YAML_HINTS: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: '同一个字段写了两次，请删除其中一个',
  BAD_INDENT: '请检查缩进：同一层的字段要对齐，用空格缩进，不要用 Tab',
  TAB_AS_INDENT: 'YAML 只能用空格缩进，请把 Tab 换成空格',
  MISSING_CHAR: '请检查这一行：缩进是否与上一行对齐，列表项是否有“- ”，括号和引号是否成对',
  MULTILINE_IMPLICIT_KEY: '字段名和冒号要写在同一行；值里有冒号时请用引号括起来',
  BLOCK_AS_IMPLICIT_KEY: '字段名和冒号要写在同一行；值里有冒号时请用引号括起来',
  UNEXPECTED_TOKEN: '请检查这一行的格式；值里有冒号、井号等符号时请用引号括起来',
}

/** A parsed YAML text and the messages found in it. */
export class YamlSource {
  readonly file: string
  readonly text: string
  readonly doc: Document.Parsed
  readonly diagnostics: Diagnostic[]
  readonly #counter: LineCounter
  readonly #lineOffset: number

  /** `lineOffset`: lines of the file before this text (the front matter's opening `---`). */
  constructor(file: string, text: string, diagnostics: Diagnostic[], lineOffset = 0) {
    this.file = file
    this.text = text
    this.diagnostics = diagnostics
    this.#lineOffset = lineOffset
    this.#counter = new LineCounter()
    // YAML 1.2 core schema: dates stay strings and `on`/`yes` are not booleans.
    this.doc = parseDocument(text, { lineCounter: this.#counter, prettyErrors: false, uniqueKeys: true })
    for (const error of this.doc.errors) {
      this.diagnostics.push({
        code: 'yaml/syntax',
        severity: 'error',
        message: `YAML 格式错误：${firstLine(error.message)}`,
        hint: YAML_HINTS[error.code] ?? '请检查这一行的缩进、冒号和引号',
        ...this.at(error.pos[0]),
      })
    }
  }

  /** True when the text could not be parsed at all. */
  get broken(): boolean {
    return this.doc.errors.length > 0
  }

  /** File, line and column of an offset in the text. */
  at(offset: number): { file: string; line: number; column: number } {
    const pos = this.#counter.linePos(Math.max(0, Math.min(offset, this.text.length)))
    return { file: this.file, line: pos.line + this.#lineOffset, column: pos.col }
  }

  /** File, line and column of a node (its first character), or of the whole text. */
  place(node: Node | Pair | null | undefined): { file: string; line?: number; column?: number } {
    const start = startOf(node)
    return start === undefined ? { file: this.file } : this.at(start)
  }

  /** The position of a node, for `Publication.source.fields`. */
  position(node: Node | Pair | null | undefined): Position | undefined {
    const start = startOf(node)
    if (start === undefined) return undefined
    const { line, column } = this.at(start)
    return { line, column }
  }

  /** Reports a message at a node. */
  report(node: Node | Pair | null | undefined, code: string, severity: Severity, message: string, hint?: string, subject?: string): void {
    this.diagnostics.push({
      code,
      severity,
      message,
      ...(hint === undefined ? {} : { hint }),
      ...this.place(node),
      ...(subject === undefined ? {} : { subject }),
    })
  }

  /** The document's top-level mapping, or undefined (reported) when it is something else. */
  rootMap(code: string, what: string): YAMLMap | undefined {
    const contents = this.doc.contents
    if (isMap(contents)) return contents
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      this.report(undefined, code, 'error', `${what}是空的`, '请按 docs/project-folder.md 中的格式填写')
      return undefined
    }
    if (!this.broken) {
      this.report(contents, code, 'error', `${what}应当是“字段: 值”的形式`, '请按 docs/project-folder.md 中的格式填写')
    }
    return undefined
  }

  /** The original text of a scalar (keeps leading zeros that YAML would read as a number). */
  sourceOf(node: Node): string | undefined {
    if (!isScalar(node)) return undefined
    if (typeof node.value === 'string') return node.value
    if (node.value === null) return undefined
    if (typeof node.source === 'string' && node.source !== '') return node.source
    const range = node.range
    return range === undefined || range === null ? showValue(node.value) : this.text.slice(range[0], range[1])
  }
}

function startOf(node: Node | Pair | null | undefined): number | undefined {
  if (node === null || node === undefined) return undefined
  if ('range' in node && node.range !== undefined && node.range !== null) return node.range[0]
  if ('key' in node) {
    const key = node.key as Node | null
    if (key !== null && typeof key === 'object' && 'range' in key && key.range) return key.range[0]
  }
  return undefined
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message
}

export { isMap, isScalar, isSeq }
