/** `gongkai`: dispatches to a subcommand and turns every error into a message and an exit code. */
import { GongkaiError } from '@gongkai/core'
import { showInvisible } from '@gongkai/core/internal'
import type { Command, Io } from './command.js'
import { clockFromEnv } from './clock.js'
import { EXIT, UsageError } from './errors.js'

/**
 * Every subcommand's module, in the order `gongkai help` lists them, loaded only when it runs: all
 * of them at once (the console's web server and PDF reader, the spreadsheet and Word readers, the
 * ledgers) were about 0.8 s of CPU before any command began, most of a rebuild with nothing changed.
 */
const COMMAND_MODULES: readonly (readonly [string, () => Promise<Command>])[] = [
  ['init', async () => (await import('./commands/init.js')).initCommand],
  ['validate', async () => (await import('./commands/validate.js')).validateCommand],
  ['import', async () => (await import('./commands/import.js')).importCommand],
  ['import-doc', async () => (await import('./commands/import-doc.js')).importDocCommand],
  ['build', async () => (await import('./commands/build.js')).buildCommand],
  ['print', async () => (await import('./commands/print.js')).printCommand],
  ['push', async () => (await import('./commands/push.js')).pushCommand],
  ['verify', async () => (await import('./commands/verify.js')).verifyCommand],
  ['check', async () => (await import('./commands/check.js')).checkCommand],
  ['withdraw', async () => (await import('./commands/withdraw.js')).withdrawCommand],
  ['correct', async () => (await import('./commands/correct.js')).correctCommand],
  ['status', async () => (await import('./commands/status.js')).statusCommand],
  ['report', async () => (await import('./commands/report.js')).reportCommand],
  ['letter', async () => (await import('./commands/letter.js')).letterCommand],
  ['ledger', async () => (await import('./commands/ledger.js')).ledgerCommand],
  ['migrate', async () => (await import('./commands/migrate.js')).migrateCommand],
  ['schedule', async () => (await import('./commands/schedule.js')).scheduleCommand],
  ['run', async () => (await import('./commands/schedule.js')).runCommand],
  ['console', async () => (await import('./commands/console.js')).consoleCommand],
  ['user', async () => (await import('./commands/user.js')).userCommand],
]

/** The names of every subcommand, in help order. */
export const COMMAND_NAMES: readonly string[] = COMMAND_MODULES.map(([name]) => name)

/** Loads one subcommand by name; undefined for a name that is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const load = COMMAND_MODULES.find(([n]) => n === name)?.[1]
  return load === undefined ? undefined : load()
}

/** Every subcommand, in the order `gongkai help` lists them (loads them all). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_MODULES.map(([, load]) => load()))
}

async function help(): Promise<string> {
  const commands = await loadCommands()
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'gongkai：政务公开标准目录与多渠道发布工具',
    '',
    '用法：gongkai <命令> [目录] [选项]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '查看某个命令的用法：gongkai <命令> --help',
  ].join('\n')
}

/**
 * The default Io: the process's own streams, cwd, environment and clock (`GONGKAI_NOW` sets its start).
 * Every line may quote content (titles, names, file paths): a control character in it is shown as a
 * sign (ESC → ␛), so no file can move the cursor, recolour or clear the operator's terminal.
 */
export function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${showInvisible(line)}\n`),
    err: (line) => process.stderr.write(`${showInvisible(line)}\n`),
    cwd: process.cwd(),
    env: process.env,
    now: clockFromEnv(process.env),
  }
}

/** Runs `gongkai ARGV…` and returns the exit code (0 ok, 1 content errors, 2 usage). */
export async function main(argv: readonly string[], given?: Io): Promise<number> {
  let io: Io
  try {
    io = given ?? processIo()
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(showInvisible(`用法错误：${error.message}\n${error.hint === undefined ? '' : `${error.hint}\n`}`))
    return EXIT.usage
  }
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(await help())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.out('gongkai 0.1.0')
    return EXIT.ok
  }
  const command = await loadCommand(name)
  if (command === undefined) {
    io.err(`不认识的命令：${name}`)
    io.err(await help())
    return EXIT.usage
  }
  const sub = command.subcommands?.some((c) => c.name === rest[0]) === true
  if (!sub && (rest.includes('--help') || rest.includes('-h'))) {
    io.out(command.usage)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`用法错误：${error.message}`)
      if (error.hint !== undefined) io.err(error.hint)
      return EXIT.usage
    }
    if (error instanceof GongkaiError) {
      io.err(`错误：${error.message} [${error.code}]`)
      if (error.hint !== undefined) io.err(`提示：${error.hint}`)
      return EXIT.content
    }
    io.err(`内部错误：${error instanceof Error ? error.message : String(error)}`)
    io.err('这是 gongkai 自身的问题，请把这段输出（设置 GONGKAI_DEBUG=1 可看到详细信息）报告给维护者。')
    if (io.env['GONGKAI_DEBUG'] !== undefined && error instanceof Error && error.stack !== undefined) io.err(error.stack)
    return EXIT.content
  }
}
