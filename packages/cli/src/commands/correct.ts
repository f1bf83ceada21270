/** `gongkai correct DIR ID --note …`: adds a 更正说明 to the publication's `corrections`, keeping the rest of the file as it was. */
import type { Command } from '../command.js'
import { parse, text } from '../command.js'
import { UsageError } from '../errors.js'
import { openProject } from '../project.js'
import { beforeFormed, dayOf, findPublication, refuse, writeAndValidate } from '../publication-edit.js'

const USAGE = `用法：gongkai correct [目录] <编号> --note <更正说明> [--on <日期>]

为一篇公开信息添加一条更正说明：写入它的文件的 corrections 列表（其余内容、注释和正文原样保留），再检查项目。
正文请另行修改；更正说明会按日期显示在页面上。
  --note  更正说明（必填），例如“更正了第三段的处罚金额”
  --on    更正日期，写作 YYYY-MM-DD；默认为今天（按项目时区）`

/** The `correct` command. */
export const correctCommand: Command = {
  name: 'correct',
  summary: '为一篇公开信息添加更正说明（写入 corrections）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { note: { type: 'string' }, on: { type: 'string' } }, USAGE, 2)
    const [dir, id] = args.positionals.length === 1 ? [undefined, args.positionals[0]] : args.positionals
    if (id === undefined) throw new UsageError('缺少要更正的公开信息编号', USAGE)
    const note = text(args, 'note')?.trim()
    if (note === undefined || note === '') throw new UsageError('缺少更正说明：请写 --note <更正说明>', USAGE)
    const project = await openProject(dir, io)
    const on = dayOf(text(args, 'on'), project, io, USAGE)
    const p = findPublication(project, id, 'correct')
    if (!('source' in p)) return refuse([p], io)
    const early = beforeFormed(p, on, '更正日期', 'correct')
    if (early !== undefined) return refuse([early], io)
    const count = (p.corrections?.length ?? 0) + 1
    return writeAndValidate(project, p, { kind: 'append', key: 'corrections', item: { on, note } }, io, `已为“${p.id}”添加第 ${count} 条更正说明（${on}）：写入 ${p.source.file}。`)
  },
}
