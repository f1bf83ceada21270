/** The shape of a command and the argument parsing every command shares. */
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { UsageError } from './errors.js'

/** Where a command writes: injectable so tests read what operators would see. */
export interface Io {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** The clock; tests set it. */
  readonly now: () => Date
}

/** One subcommand of `gongkai`. */
export interface Command {
  readonly name: string
  /** One line, Chinese. */
  readonly summary: string
  /** Usage lines, Chinese. */
  readonly usage: string
  run(argv: readonly string[], io: Io): Promise<number>
}

type Options = NonNullable<ParseArgsConfig['options']>

/** Parsed flags and positionals. */
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  readonly positionals: readonly string[]
}

/** parseArgs with Chinese messages; unknown flags are usage errors naming the flag. */
export function parse(argv: readonly string[], options: Options, usage: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
    return { values: values as Parsed['values'], positionals }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const flag = /'(-[^']+)'/.exec(message)?.[1]
    throw new UsageError(flag === undefined ? `参数有误：${message}` : `不认识的参数或缺少取值：${flag}`, usage)
  }
}

/** A string flag's value. */
export function text(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name]
  return typeof v === 'string' ? v : undefined
}

/** A boolean flag. */
export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true
}
