/** `gongkai ledger check|rebuild [DIR]`: is the ledger the one this project delivered with, and how to get it back when it is not (WeChat's from the platform's own lists). */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createMemoryStore } from '@gongkai/core'
import type { Channel } from '@gongkai/core'
import { checkLedger, rebuildLedger } from '@gongkai/hub'
import type { RecoveredPublication } from '@gongkai/hub'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { channelName, parseChannelList, shown } from '../project.js'
import { openConfig } from '../project-config.js'
import type { ProjectSettings } from '../project-config.js'
import { openProjectStore, storeLabel } from '../store.js'
import { table } from '../ui.js'

const USAGE = `用法：gongkai ledger check [目录]
      gongkai ledger rebuild [目录] [--channel 渠道] [--accept-new-ledger] [--json]

check    检查台账是否就是本项目上次投递所用的那一个（推送前也会自动检查）。
rebuild  台账被清空、删除、替换或损坏后重建：政府网站和办事大厅屏的投递记录从
         .gongkai/releases/ 中上次投递的发布版本重建；微信公众号的记录从公众号平台的
         素材库、草稿箱和发表记录重建（只读取，不发送）；重建前不会推送任何内容。
         损坏的台账文件请先改名留存（连同 -wal、-shm 文件），再运行 rebuild。
  --channel            只重建这些渠道（逗号分隔；默认：此前投递过的全部渠道）
  --accept-new-ledger  无法重建的渠道（例如读不到微信平台的列表）：已在平台后台核对过，
                       接受以空白台账继续推送（已发布的文章可能被再次发布）
  --json               以 JSON 输出结果`

const OUTCOME = { rebuilt: '已重建', accepted: '已接受空白台账', unrecovered: '未恢复' } as const

/** The record a rebuild from the platform wrote, as the table says it. */
function recordedText(p: RecoveredPublication): string {
  if (p.recorded === undefined) return '未记入：下次推送时发布'
  if (p.recorded === 'delivered') return `已发布${p.url === undefined ? '' : ` ${p.url}`}`
  if (p.recorded === 'withdrawn') return '已撤回：不再推送'
  return '记下已完成的步骤：下次推送接着做，不重复'
}

/** Channels whose records are rebuilt from their platform (WeChat), built from the config alone. */
async function recoverers(project: ProjectSettings, channels: readonly string[] | undefined): Promise<Channel[]> {
  const options = project.config.channels['wechat']
  if (options === undefined || (channels !== undefined && !channels.includes('wechat'))) return []
  const { wechat } = await import('@gongkai/wechat')
  return [wechat(options)]
}

/** The ledger file as the operator would type it, or the database and body. */
function ledgerFile(project: ProjectSettings, io: Io): string {
  return storeLabel(project, (path) => shown(io, path))
}

/** Page URLs for the website's rebuilt records, as delivery records them. */
async function urlOf(project: ProjectSettings): Promise<(channel: string, publication: string) => string | undefined> {
  const { publicationPath } = await import('@gongkai/website')
  const base = project.config.site.baseUrl
  return (channel, publication) => (channel === 'website' && base !== '' && URL.canParse(base) ? new URL(publicationPath(publication), base.endsWith('/') ? base : `${base}/`).href : undefined)
}

/** The `ledger` command. */
export const ledgerCommand: Command = {
  name: 'ledger',
  summary: '检查台账；台账被清空、替换或损坏后从投递记录重建',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { channel: { type: 'string' }, 'accept-new-ledger': { type: 'boolean' }, json: { type: 'boolean' } }, USAGE, 2)
    const [action, dir] = args.positionals
    if (action !== 'check' && action !== 'rebuild') throw new UsageError(action === undefined ? '请写明要做什么：check 或 rebuild' : `不认识的子命令“${action}”：只能是 check 或 rebuild`, USAGE)
    const project = openConfig(dir, io)
    const file = resolve(project.dir, project.config.ledger)
    // A check creates no file: a missing ledger is checked as the empty one a push would create.
    const store = project.config.store === undefined && action === 'check' && !existsSync(file) ? createMemoryStore(io.now) : await openProjectStore(project, io)
    try {
      if (action === 'check') {
        const r = await checkLedger(project.dir, store.ledger, { ledgerFile: ledgerFile(project, io), now: io.now() })
        if (flag(args, 'json')) io.out(JSON.stringify(r, null, 2))
        else if (r.state === 'new') io.out(`台账 ${ledgerFile(project, io)} 可以使用：本项目还没有投递过。`)
        else io.out(`台账 ${ledgerFile(project, io)} 正常：就是本项目投递${r.delivered.map(channelName).join('、')}时所用的台账。`)
        return EXIT.ok
      }
      const channelArg = text(args, 'channel')
      const channels = channelArg === undefined ? undefined : parseChannelList(channelArg)
      const accept = flag(args, 'accept-new-ledger') ? (channels ?? []) : []
      if (flag(args, 'accept-new-ledger') && channels === undefined) throw new UsageError('--accept-new-ledger 须与 --channel 同用，写明接受哪个渠道，例如 --channel wechat --accept-new-ledger', USAGE)
      const r = await rebuildLedger(project.dir, store.ledger, {
        ...(channels === undefined ? {} : { channels }),
        accept,
        urlOf: await urlOf(project),
        recover: { channels: await recoverers(project, channels), context: { config: project.config, kv: store.kv, projectDir: project.dir, env: io.env, now: io.now, log: () => {} } },
        now: io.now(),
      })
      if (flag(args, 'json')) io.out(JSON.stringify(r, null, 2))
      else {
        if (r.channels.length === 0) io.out('本项目还没有投递过，无需重建。')
        else
          io.out(
            table(
              ['渠道', '结果', '记入台账', '说明'],
              r.channels.map((c) => [channelName(c.channel), OUTCOME[c.outcome], String(c.records), c.reason ?? (c.release === undefined ? '' : `发布版本 ${c.release}`)]),
            ),
          )
        for (const c of r.channels) {
          if (c.publications === undefined || c.publications.length === 0) continue
          io.out('')
          io.out(`${channelName(c.channel)}：在平台上逐篇核对（发布版本 ${c.release ?? ''}）`)
          io.out(
            table(
              ['公开信息', '标题', '平台上找到', '记入台账'],
              c.publications.map((p) => [p.publication, p.title, p.found, recordedText(p)]),
            ),
          )
        }
        if (r.mark.unrecovered.length > 0) {
          io.out(`${r.mark.unrecovered.map(channelName).join('、')}仍不能推送：台账中没有它们此前的投递记录。`)
          if (r.mark.unrecovered.includes('wechat'))
            io.out(
              '微信公众号：待平台的列表能读取时再运行 gongkai ledger rebuild --channel wechat；或先在公众号后台（草稿箱、发表记录）核对已发布的文章，再运行 gongkai ledger rebuild --channel wechat --accept-new-ledger。',
            )
        } else io.out(`台账 ${ledgerFile(project, io)} 已记为本项目的台账，可以继续推送。`)
      }
      return r.channels.some((c) => c.outcome === 'unrecovered') ? EXIT.content : EXIT.ok
    } finally {
      await store.close()
    }
  },
}
