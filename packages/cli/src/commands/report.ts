/** `gongkai report <子命令>`: the reports an office hands in; each subcommand lives in its own file. */
import type { Command } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { reportAnnualCommand } from './report-annual.js'
import { reportAssessCommand } from './report-assess.js'

/** The subcommands of `report`, in the order its help lists them. */
export const REPORT_SUBCOMMANDS: readonly Command[] = [reportAnnualCommand, reportAssessCommand]

const USAGE = `用法：gongkai report <子命令> [目录] [选项]

${REPORT_SUBCOMMANDS.map((c) => `  ${c.name.padEnd(8)}  ${c.summary}`).join('\n')}

查看子命令的用法：gongkai report <子命令> --help`

/** The `report` command. */
export const reportCommand: Command = {
  name: 'report',
  summary: '生成报告：政府信息公开工作年度报告（annual）、自评报告（assess）',
  usage: USAGE,
  subcommands: REPORT_SUBCOMMANDS,
  async run(argv, io) {
    const [name, ...rest] = argv
    const sub = REPORT_SUBCOMMANDS.find((c) => c.name === name)
    if (sub === undefined) throw new UsageError(name === undefined ? '缺少子命令' : `不认识的子命令：${name}`, USAGE)
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(sub.usage)
      return EXIT.ok
    }
    return sub.run(rest, io)
  },
}
