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
  /** Reads a secret (a password) without echo; absent: the process's stdin. Tests set it. */
  readonly readSecret?: (prompt: string) => Promise<string>
}

/** One subcommand of `gongkai`. */
export interface Command {
  readonly name: string
  /** One line, Chinese. */
  readonly summary: string
  /** Usage lines, Chinese. */
  readonly usage: string
  /** Subcommands (`report assess`): `--help` after one of them is its own usage, which the command prints. */
  readonly subcommands?: readonly Command[]
  run(argv: readonly string[], io: Io): Promise<number>
}

type Options = NonNullable<ParseArgsConfig['options']>

/** Parsed flags and positionals. */
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  readonly positionals: readonly string[]
}

/** parseArgs with Chinese messages; unknown flags and more positionals than `maxPositionals` (default one, the folder) are usage errors. */
export function parse(argv: readonly string[], options: Options, usage: string, maxPositionals = 1): Parsed {
  let parsed: Parsed
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
    parsed = { values: values as Parsed['values'], positionals }
  } catch (error) {
    throw new UsageError(argumentProblem(error, options, usage), usage)
  }
  const extra = parsed.positionals.slice(maxPositionals)
  if (extra.length > 0) {
    // `gongkai build a b` would silently build a alone; a stray word is more likely a flag without its dashes.
    throw new UsageError(`多余的参数：${extra.map((e) => `“${e}”`).join('、')}（这个命令只接受${maxPositionals === 1 ? '一个' : ` ${maxPositionals} 个`}位置参数，见下方用法）`, usage)
  }
  return parsed
}

/** The usage line that explains a flag (`  --on  日期……`), trimmed, or nothing. */
function usageLine(usage: string, name: string): string | undefined {
  return usage
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(`--${name} `) || l === `--${name}`)
    ?.replace(/\s{2,}/, '：')
}

/** parseArgs' English error, said in Chinese: which flag, and what it expects. */
function argumentProblem(error: unknown, options: Options, usage: string): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown }).code
  const name = /'--?([^' =<]+)/.exec(message)?.[1]
  const known = Object.keys(options).map((o) => `--${o}`)
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && name !== undefined) {
    return `不认识的参数 ${message.includes(`'--${name}`) ? '--' : '-'}${name}${known.length === 0 ? '（这个命令不带参数）' : `（可用的参数：${known.join('、')}）`}`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name !== undefined) {
    const spec = options[name]
    if (spec?.type === 'boolean') return `参数 --${name} 是开关，不带取值：写 --${name} 即可`
    const line = usageLine(usage, name)
    return line === undefined ? `参数 --${name} 缺少取值，请写成 --${name} <取值>` : `参数 --${name} 缺少取值。${line}`
  }
  return `参数有误：${message}`
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
