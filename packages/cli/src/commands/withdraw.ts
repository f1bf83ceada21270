/** `gongkai withdraw DIR ID --reason …`: writes `withdrawn` into the publication's file, keeping the rest of it as it was. */
import type { Diagnostic } from '@gongkai/core'
import { didYouMean } from '@gongkai/core/internal'
import type { Command } from '../command.js'
import { parse, text } from '../command.js'
import { UsageError } from '../errors.js'
import { openProject } from '../project.js'
import { beforeFormed, dayOf, findPublication, placeOfField, refuse, writeAndValidate } from '../publication-edit.js'

const USAGE = `用法：gongkai withdraw [目录] <编号> --reason <原因> [--mode notice|remove|redirect --to <编号>] [--on <日期>]

撤回一篇公开信息：在它的文件里写入 withdrawn 字段（其余内容、注释和正文原样保留），再检查项目。
各渠道在下次生成和推送时按撤回方式处理。
  --reason  撤回原因（必填），会显示在已撤回页面上
  --mode    撤回方式：notice 保留页面并标注“已撤回”（默认）；remove 撤下页面，只留简短的撤回说明；
            redirect 跳转到替代它的公开信息（须同时写 --to）
  --to      替代它的公开信息的编号（仅 --mode redirect）
  --on      撤回日期，写作 YYYY-MM-DD；默认为今天（按项目时区）`

const MODES = ['notice', 'remove', 'redirect'] as const

/** The `withdraw` command. */
export const withdrawCommand: Command = {
  name: 'withdraw',
  summary: '撤回一篇公开信息（写入 withdrawn）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { reason: { type: 'string' }, mode: { type: 'string' }, to: { type: 'string' }, on: { type: 'string' } }, USAGE, 2)
    const [dir, id] = args.positionals.length === 1 ? [undefined, args.positionals[0]] : args.positionals
    if (id === undefined) throw new UsageError('缺少要撤回的公开信息编号', USAGE)
    const reason = text(args, 'reason')?.trim()
    if (reason === undefined || reason === '') throw new UsageError('缺少撤回原因：请写 --reason <原因>', USAGE)
    const modeText = text(args, 'mode') ?? 'notice'
    const mode = MODES.find((m) => m === modeText)
    if (mode === undefined) {
      const near = didYouMean(modeText, MODES)
      throw new UsageError(`撤回方式不能是“${modeText}”${near === undefined ? '' : `（是否想写“${near}”？）`}，可选：notice、remove、redirect`, USAGE)
    }
    const to = text(args, 'to')
    if (mode === 'redirect' && to === undefined) throw new UsageError('--mode redirect 须同时写 --to <替代它的公开信息编号>', USAGE)
    if (mode !== 'redirect' && to !== undefined) throw new UsageError('--to 只用于 --mode redirect', USAGE)
    const project = await openProject(dir, io)
    const on = dayOf(text(args, 'on'), project, io, USAGE)
    const p = findPublication(project, id, 'withdraw')
    if (!('source' in p)) return refuse([p], io)

    const problems: Diagnostic[] = []
    if (p.withdrawn !== undefined) {
      problems.push({
        code: 'withdraw/already-withdrawn',
        severity: 'error',
        message: `“${p.id}”已于 ${p.withdrawn.on} 撤回（${p.withdrawn.reason}）`,
        hint: '要改撤回方式或原因，请直接编辑这个字段',
        ...placeOfField(p, 'withdrawn'),
      })
    }
    // Withdrawing the target of another's redirect would send its readers to a withdrawn page.
    for (const from of project.publications) {
      if (from.withdrawn?.mode !== 'redirect' || from.withdrawn.to !== p.id) continue
      problems.push({
        code: 'withdraw/redirect-target',
        severity: 'error',
        message: `“${from.id}”撤回后跳转到“${p.id}”：撤回它，读者会跳到一个已撤回的页面`,
        hint: `请先把“${from.id}”的 withdrawn.to 改为仍然有效的公开信息`,
        ...placeOfField(from, 'withdrawn.to'),
      })
    }
    const early = beforeFormed(p, on, '撤回日期', 'withdraw')
    if (early !== undefined) problems.push(early)
    if (to !== undefined) {
      const target = project.publications.find((x) => x.id === to)
      if (target === undefined || target.id === p.id) {
        const near = didYouMean(
          to,
          project.publications.filter((x) => x.id !== p.id && x.withdrawn === undefined).map((x) => x.id),
        )
        problems.push({
          code: 'withdraw/unknown-redirect',
          severity: 'error',
          message: target === undefined ? `要跳转到的公开信息“${to}”不存在` : '不能跳转到它自己',
          hint: near === undefined ? '--to 写替代它的另一条公开信息的编号' : `是否想写“${near}”？`,
        })
      } else if (target.withdrawn !== undefined) {
        problems.push({
          code: 'withdraw/redirect-to-withdrawn',
          severity: 'error',
          message: `要跳转到的“${to}”已于 ${target.withdrawn.on} 撤回，读者会跳到一个已撤回的页面`,
          hint: target.withdrawn.mode === 'redirect' && target.withdrawn.to !== undefined ? `请改为 --to ${target.withdrawn.to}` : '--to 应指向仍然有效的公开信息',
          ...placeOfField(target, 'withdrawn'),
        })
      }
    }
    if (problems.length > 0) return refuse(problems, io)

    const value = { on, reason, mode, ...(to === undefined ? {} : { to }) }
    const label = { notice: '保留页面并标注已撤回', remove: '撤下页面', redirect: `跳转到 ${to ?? ''}` }[mode]
    return writeAndValidate(project, p, { kind: 'set', key: 'withdrawn', value }, io, `已撤回“${p.id}”（${on}，${label}）：写入 ${p.source.file}。下次生成和推送时各渠道按此处理。`)
  },
}
