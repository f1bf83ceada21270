/** `gongkai push [DIR] --channel wechat [--dry-run]`: deliver what is due, and say what happened. */
import type { DeliveryResult, Project, Store } from '@gongkai/core'
import { planPush } from '@gongkai/hub'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { CHANNEL_IDS, channelChoices, channelName, createChannels, noTargetError, openProject, openStore, renderContext, report } from '../project.js'
import { fitLabel, table } from '../ui.js'
import { pushChannels } from './tasks.js'

const USAGE = `用法：gongkai push [目录] --channel <渠道> [--release 版本号] [--dry-run] [--json]

把最近一次 gongkai build 生成的发布版本推送到渠道（wechat、website、kiosk）：只发布版本清单中的文件，
不重新生成；其中已通过保密审查、已到发布时间、尚未发布的公开信息记入台账。
中断后再次运行会从台账记录处继续，不会重复发布。
已撤回（withdrawn 已到日期）的不再发布：公众号上已发表的删除（只删一次，记入台账），网站和大屏
推送新的发布版本时撤下。已发表的公众号文章有更正时，配置 channels.wechat.corrections: notice
则另发一篇链接原文的“更正说明”（每条更正只发一次）。
  --channel  要推送的渠道（逗号分隔）
  --release  推送指定的发布版本（默认：最新的；只推送一个渠道时可用）
  --dry-run  只列出将要推送什么，不推送
  --json     以 JSON 输出结果`

/** Says which channels have nowhere to deliver to, and how to give them a target. */
function sayNoTarget(ids: readonly string[], io: Io): void {
  const error = noTargetError(ids)
  io.err(`错误：${error.message} [${error.code}]`)
  if (error.hint !== undefined) io.err(`提示：${error.hint}`)
}

const STATE: Record<DeliveryResult['state'], string> = { delivered: '已发布', failed: '失败', pending: '待下次', skipped: '已发布（跳过）', withdrawn: '已撤回' }

/** How a result is named in the table: a 更正说明 article says so. */
function stateLabel(x: DeliveryResult): string {
  if (!x.revision.startsWith('correction-')) return STATE[x.state]
  return x.state === 'delivered' ? '已发布更正说明' : x.state === 'skipped' ? '更正说明已发布（跳过）' : `更正说明${STATE[x.state]}`
}

async function dryRun(project: Project, ids: readonly string[], store: Store, io: Io, releases: Readonly<Record<string, string>> | undefined): Promise<number> {
  const all = await createChannels(project, ids)
  const noTarget = all.filter((c) => c.deliver === undefined).map((c) => c.id)
  const channels = all.filter((c) => c.deliver !== undefined)
  const now = io.now()
  const plan = await planPush({ channels, project, ctx: renderContext(project, now), ledger: store.ledger, now, ...(releases === undefined ? {} : { releases }) })
  const rows: string[][] = []
  for (const c of plan.channels) {
    if (c.refused !== undefined) rows.push([channelName(c.channel), '—', '—', c.refused])
    if (c.release !== undefined) io.out(`${channelName(c.channel)}：发布版本 ${c.release.id}（生成于 ${c.release.createdAt}，${c.release.files} 个文件）`)
    // A long title is cut (the id names the publication) so the table fits a terminal.
    for (const r of c.rows) rows.push([channelName(c.channel), r.publication, fitLabel(r.title, 40), r.what])
  }
  report(plan.problems, io, { limit: 30 })
  if (channels.length > 0) {
    io.out(table(['渠道', '编号', '标题', '将会'], rows))
    io.out(`预演：将推送 ${plan.going} 篇（未实际推送）。`)
  }
  if (noTarget.length > 0) {
    sayNoTarget(noTarget, io)
    return EXIT.content
  }
  return EXIT.ok
}

/** The `push` command. */
export const pushCommand: Command = {
  name: 'push',
  summary: '推送到渠道（公众号、网站、大屏），可先 --dry-run 预演',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { channel: { type: 'string' }, release: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }, USAGE)
    const channelArg = text(args, 'channel')
    if (channelArg === undefined) throw new UsageError(`请用 --channel 指定要推送的渠道，例如 --channel wechat（可推送：${channelChoices(['website', 'wechat', 'kiosk'])}）`, USAGE)
    const ids = channelArg
      .split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean)
    for (const id of ids) {
      if (!(CHANNEL_IDS as readonly string[]).includes(id))
        throw new UsageError(`--channel 中不认识的渠道“${id}”`, `可推送的渠道：${channelChoices(['website', 'wechat', 'kiosk'])}；多个渠道用逗号分隔`)
      if (id === 'noticeboard') throw new UsageError('--channel noticeboard（公示栏）没有在线推送：请用 gongkai print 生成打印稿', USAGE)
    }
    const releaseArg = text(args, 'release')
    if (releaseArg !== undefined && ids.length !== 1) throw new UsageError('--release 只能和一个渠道一起用：每个渠道的发布版本号不同', USAGE)
    if (releaseArg !== undefined && !/^[0-9a-f]{16}$/.test(releaseArg)) throw new UsageError(`--release 的值“${releaseArg}”不是发布版本号（16 位十六进制数，gongkai build 的输出中有）`, USAGE)
    const releases = releaseArg === undefined ? undefined : { [ids[0] as string]: releaseArg }
    const project = await openProject(args.positionals[0], io)
    const loaded = report(
      project.diagnostics.filter((d) => d.severity === 'error'),
      io,
      { limit: 20 },
    )
    const store = await openStore(project, io)
    try {
      if (flag(args, 'dry-run')) return await dryRun(project, ids, store, io, releases)
      const stop = new AbortController()
      const onSignal = () => stop.abort()
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      try {
        const result = await pushChannels(project, ids, store, io, {
          now: io.now(),
          signal: stop.signal,
          ...(releases === undefined ? {} : { releases }),
          log: (e) => {
            if (e.level !== 'info') io.err(`${e.level === 'error' ? '错误' : '注意'}：${e.publication === undefined ? '' : `${e.publication} `}${e.message}`)
          },
        })
        if (flag(args, 'json')) {
          io.out(JSON.stringify(result, null, 2))
        } else {
          report(result.diagnostics, io, { limit: 30 })
          const rows = result.receipts.flatMap((r) =>
            r.results.map((x) => [
              channelName(r.channel),
              x.publication,
              stateLabel(x),
              // A withdrawal says what was done (and the platform's answer); its URL is no longer live.
              x.state === 'withdrawn' && x.error !== undefined ? x.error.message : (x.url ?? (x.error === undefined ? '' : `${x.error.message} [${x.error.code}]`)),
            ]),
          )
          const takenDown = new Set(result.receipts.flatMap((r) => r.results.filter((x) => x.state === 'withdrawn').map((x) => `${r.channel}\u0000${x.publication}`)))
          const held = result.skipped
            .filter((s) => s.reason !== 'delivered' && !(s.reason === 'withdrawn' && takenDown.has(`${s.channel}\u0000${s.publication}`)))
            .map((s) => [channelName(s.channel), s.publication, '未推送', s.message])
          if (result.noTarget.length < ids.length) io.out(table(['渠道', '编号', '结果', '地址或原因'], [...rows, ...held]))
          for (const [id, r] of Object.entries(result.releases)) io.out(`${channelName(id)}：推送的发布版本 ${r.id}（生成于 ${r.createdAt}）`)
          for (const r of result.receipts)
            if (r.stopped !== undefined)
              io.out(`${channelName(r.channel)}${r.results.length === 0 ? '没有推送' : '提前停止'}：${r.stopped.message}${r.results.length === 0 ? '' : '（其余留待下次推送）'}`)
          if (result.interrupted) io.out('已按要求停止：正在推送的一篇已做完并记入台账，其余下次运行 gongkai push 时继续。')
          const already = result.skipped.filter((s) => s.reason === 'delivered').length
          if (already > 0) io.out(`另有 ${already} 篇此前已发布，未重复推送。`)
        }
        if (result.noTarget.length > 0) sayNoTarget(result.noTarget, io)
        // A channel that stopped (nothing built, quota, the account) did not finish: the exit code says so.
        const failed = result.receipts.some((r) => r.stopped !== undefined || r.results.some((x) => x.state === 'failed'))
        return failed || loaded.errors > 0 || result.noTarget.length > 0 ? EXIT.content : EXIT.ok
      } finally {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
    } finally {
      await store.close()
    }
  },
}
