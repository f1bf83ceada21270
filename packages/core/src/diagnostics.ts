/**
 * Messages about content (a catalog row, a front-matter field, a Markdown node), each with a place,
 * a stable code and a hint, in the manner of vfile messages. Misuse of the API throws `GongkaiError`.
 */

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
  readonly hint?: string
  readonly cause?: unknown
}

/** The one base error: a stable `code`, a Chinese message and an optional hint. */
export class GongkaiError extends Error {
  readonly code: string
  readonly hint: string | undefined

  constructor(code: string, message: string, options: GongkaiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'GongkaiError'
    this.code = code
    this.hint = options.hint
  }
}

/** Bad options given to a factory or function: thrown at once, naming the option. */
export class OptionsError extends GongkaiError {
  constructor(code: string, message: string, options: GongkaiErrorOptions = {}) {
    super(code, message, options)
    this.name = 'OptionsError'
  }
}

/** Formats a diagnostic as one line: `file:line:column 错误 message [code]`, plus the hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`} `
  const label = d.severity === 'error' ? '错误' : d.severity === 'warning' ? '警告' : '提示'
  const hint = d.hint === undefined ? '' : `\n    提示：${d.hint}`
  return `${where}${label} ${d.message} [${d.code}]${hint}`
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
