/**
 * Messages about content (a catalog row, a front-matter field, a Markdown node), each with a place,
 * a stable code and a hint, in the manner of vfile messages. Misuse of the API throws `GongkaiError`.
 */
import { ERRORS, errorData } from './errors-data.js'
import type { ErrorData } from './errors-data.js'
import { showInvisible } from './invisible.js'

/** How serious a message is: errors stop delivery, warnings do not. */
export type Severity = 'error' | 'warning' | 'info'

/** One message about content, pointing at where the problem is. */
export interface Diagnostic {
  /** Stable code, e.g. `publication/unknown-item`. Codes never change meaning. */
  readonly code: string
  readonly severity: Severity
  /** What is wrong, in Chinese, for operators. */
  readonly message: string
  /** What to do about it, in Chinese. */
  readonly hint?: string
  /** Project-relative POSIX path. */
  readonly file?: string
  /** 1-based. */
  readonly line?: number
  /** 1-based. */
  readonly column?: number
  /** The publication or item concerned, when there is one. */
  readonly subject?: string
}

/** Options for `GongkaiError`. */
export interface GongkaiErrorOptions {
  /** Overrides the catalogue's hint. */
  readonly hint?: string
  readonly cause?: unknown
}

/** The parameters an entry's message takes. */
export type ErrorParams<E extends ErrorData> = E['message'] extends (...params: infer P) => string ? P : []

/** An entry's message with its parameters filled in (the title when it has none). */
export function errorMessage<E extends ErrorData>(entry: E, ...params: ErrorParams<E>): string {
  const m = entry.message as string | ((...p: ErrorParams<E>) => string) | undefined
  return typeof m === 'function' ? m(...params) : (m ?? entry.title)
}

/**
 * The one base error: a stable `code` from the catalogue (`ERRORS`), its Chinese `title`, a
 * message and a hint. Build it from an entry, `GongkaiError.from(ERRORS.ProjectNotFound, dir)`,
 * or give the code and a message; the title and default hint then come from the catalogue.
 */
export class GongkaiError extends Error {
  readonly code: string
  readonly title: string
  readonly hint: string | undefined

  constructor(entry: ErrorData | string, message?: string, options: GongkaiErrorOptions = {}) {
    const data = typeof entry === 'string' ? errorData(entry) : entry
    const code = typeof entry === 'string' ? entry : entry.code
    const title = data?.title ?? message ?? code
    super(message ?? (typeof data?.message === 'string' ? data.message : title), options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'GongkaiError'
    this.code = code
    this.title = title
    this.hint = options.hint ?? data?.hint
  }

  /** The error of a catalogue entry, its message filled in with `params`. */
  static from<T extends GongkaiError, E extends ErrorData>(this: new (entry: ErrorData, message?: string) => T, entry: E, ...params: ErrorParams<E>): T {
    return new this(entry, errorMessage(entry, ...params))
  }
}

/** Bad options given to a factory or function: thrown at once, naming the option. */
export class OptionsError extends GongkaiError {
  constructor(entry: ErrorData | string, message?: string, options: GongkaiErrorOptions = {}) {
    super(entry, message, options)
    this.name = 'OptionsError'
  }
}

/** Content that cannot become a disclosure: every error (and warning) found, as `diagnostics`. */
export class DisclosureError extends GongkaiError {
  readonly diagnostics: readonly Diagnostic[]

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    super(ERRORS.DisclosureInvalid, errorMessage(ERRORS.DisclosureInvalid, errors.map((d) => `${d.message} [${d.code}]`).join('；')))
    this.name = 'DisclosureError'
    this.diagnostics = diagnostics
  }
}

/**
 * Formats a diagnostic as one line: `file:line:column 错误 message [code]`, plus the hint. Control
 * characters quoted from content are shown as signs (ESC → ␛), never written raw to a terminal.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`} `
  const label = d.severity === 'error' ? '错误' : d.severity === 'warning' ? '警告' : '提示'
  const hint = d.hint === undefined ? '' : `\n    提示：${showInvisible(d.hint)}`
  return `${showInvisible(where)}${label} ${showInvisible(d.message)} [${d.code}]${hint}`
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
