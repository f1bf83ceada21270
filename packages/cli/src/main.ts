/** `gongkai`: dispatches to a subcommand and turns every error into a message and an exit code. */
import { GongkaiError } from '@gongkai/core'
import { showInvisible } from '@gongkai/core/internal'
import type { Command, Io } from './command.js'
import { buildCommand } from './commands/build.js'
import { checkCommand } from './commands/check.js'
import { consoleCommand } from './commands/console.js'
import { correctCommand } from './commands/correct.js'
import { importCommand } from './commands/import.js'
import { importDocCommand } from './commands/import-doc.js'
import { initCommand } from './commands/init.js'
import { ledgerCommand } from './commands/ledger.js'
import { migrateCommand } from './commands/migrate.js'
import { pushCommand } from './commands/push.js'
import { reportCommand } from './commands/report.js'
import { letterCommand } from './commands/letter.js'
import { printCommand } from './commands/print.js'
import { runCommand, scheduleCommand } from './commands/schedule.js'
import { statusCommand } from './commands/status.js'
import { userCommand } from './commands/user.js'
import { validateCommand } from './commands/validate.js'
import { verifyCommand } from './commands/verify.js'
import { withdrawCommand } from './commands/withdraw.js'
import { clockFromEnv } from './clock.js'
import { EXIT, UsageError } from './errors.js'

/** Every subcommand, in the order `gongkai help` lists them. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  validateCommand,
  importCommand,
  importDocCommand,
  buildCommand,
  printCommand,
  pushCommand,
  verifyCommand,
  checkCommand,
  withdrawCommand,
  correctCommand,
  statusCommand,
  reportCommand,
  letterCommand,
  ledgerCommand,
  migrateCommand,
  scheduleCommand,
  runCommand,
  consoleCommand,
  userCommand,
]

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'gongkai：政务公开标准目录与多渠道发布工具',
    '',
    '用法：gongkai <命令> [目录] [选项]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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
    io.out(help())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.out('gongkai 0.1.0')
    return EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) {
    io.err(`不认识的命令：${name}`)
    io.err(help())
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
