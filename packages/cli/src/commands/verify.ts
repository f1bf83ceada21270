/** `gongkai verify [DIR] [--channel website] [--target PATH | --url URL] [--repair] [--json]`: is what is live what was delivered? */
import { resolve } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { repairFolder, verifyFolder, verifyUrl } from '@gongkai/hub'
import type { RepairResult, VerifyDifference, VerifyResult } from '@gongkai/hub'
import { zonedTime } from '@gongkai/scheduler/internal'
import type { TaskRunner } from '@gongkai/scheduler'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { channelName, report, shown } from '../project.js'
import { configuredTarget, openConfig } from '../project-config.js'
import type { ProjectSettings } from '../project-config.js'
import { fitLabel, table } from '../ui.js'

const USAGE = `用法：gongkai verify [目录] [--channel website] [--target 目录 | --url 网址] [--repair] [--json]

核验（防篡改）：把线上的网站目录或网站本身，与上次投递的发布版本逐个文件比对，
列出被改动、新增和缺失的文件。有任何不一致时退出码为 1（用 --repair 恢复后也是 1，表示发现过篡改）。
  --channel  要核验的渠道：website（默认）或 kiosk
  --target   要核验的目录（默认：gongkai.config.yaml 中该渠道的 target）
  --url      改为通过 HTTP 核验这个网址下的网站：每个文件以浏览器和搜索引擎爬虫（百度）各取一次
  --repair   把上次投递的发布版本整体恢复到目标目录，再核验一次（不能与 --url 同用）
  --json     以 JSON 输出结果`

/** The channels verify knows how to compare: those delivered as a folder of files. */
const VERIFIABLE = ['website', 'kiosk'] as const

const KIND = { changed: '改动', added: '新增', removed: '缺失' } as const

/** What a verify run was asked to do. */
interface VerifyRequest {
  readonly channel: string
  readonly target?: string
  readonly url?: string
  readonly repair: boolean
}

/** What a verify run found, and what the repair did. */
interface VerifyOutcome {
  readonly found: VerifyResult
  readonly repair?: RepairResult
}

function note(d: VerifyDifference): string {
  const parts: string[] = []
  if (d.url !== undefined) parts.push(`按目录地址 ${d.url} 取回的首页`)
  if (d.symlink !== undefined) parts.push(`符号链接，指向 ${d.symlink}`)
  if (d.status !== undefined) parts.push(`网站回应 HTTP ${d.status}`)
  if (d.kind === 'changed' && d.actual !== undefined && d.expected !== undefined)
    parts.push(d.actual.size === d.expected.size ? `内容不同（同为 ${d.expected.size} 字节）` : `大小 ${d.expected.size} → ${d.actual.size} 字节`)
  if (d.kind === 'added') parts.push('不在投递的发布版本中')
  if (d.agents !== undefined && d.agents.length === 1) parts.push(d.agents[0] === 'crawler' ? '只有搜索引擎爬虫看到（常见的暗链注入）' : '只有浏览器看到')
  return parts.join('；')
}

function counts(r: VerifyResult): string {
  const n = (k: VerifyDifference['kind']) => r.differences.filter((d) => d.kind === k).length
  return `改动 ${n('changed')}、新增 ${n('added')}、缺失 ${n('removed')}`
}

/** The outcome as operators read it: the release, when it was delivered, a table of differences. */
function describe(o: VerifyOutcome, project: ProjectSettings, io: Io): string[] {
  const r = o.found
  const when = zonedTime(new Date(r.deliveredAt), project.config.timezone)
  const where = r.mode === 'http' ? `网站 ${r.target}（HTTP）` : `目录 ${shown(io, r.target)}`
  const lines = [`核验${channelName(r.channel)}：${where}`, `对照发布版本 ${r.release}（${when} 投递，清单 sha256 ${r.manifestHash.slice(0, 12)}…）`]
  if (r.differences.length === 0) lines.push(`一致：${r.checked} 个文件与发布版本逐字节相同。`)
  else {
    lines.push(
      table(
        ['结果', '文件', '说明'],
        r.differences.map((d) => [KIND[d.kind], fitLabel(d.path, 60), note(d)]),
      ),
    )
    lines.push(`不一致：共 ${r.differences.length} 处（${counts(r)}），共核验 ${r.checked} 个文件。`)
  }
  if (r.mode === 'http') lines.push('注意：通过 HTTP 无法列出网站上被新增的文件；要查新增文件，请在服务器上用 --target 核验网站目录。')
  if (o.repair !== undefined) {
    const after = o.repair.after
    lines.push(
      after.differences.length === 0
        ? `已恢复：发布版本 ${r.release} 的 ${o.repair.restored} 个文件已整体替换到 ${shown(io, o.repair.target)}，再次核验一致。`
        : `恢复后仍不一致（${counts(after)}）：请检查是否有其他程序在改写 ${shown(io, o.repair.target)}。`,
    )
  }
  return lines
}

/** The folder to compare: `--target`, else the channel's configured target (verify then falls back to where the last delivery went). */
function targetOf(project: ProjectSettings, request: VerifyRequest, io: Io): string | undefined {
  return request.target !== undefined ? resolve(io.cwd, request.target) : configuredTarget(project, request.channel)
}

/** Runs one verify (and repair) of a project. */
async function runVerify(project: ProjectSettings, request: VerifyRequest, io: Io): Promise<VerifyOutcome> {
  if (request.url !== undefined) return { found: await verifyUrl(project.dir, request.channel, request.url) }
  const target = targetOf(project, request, io)
  const where = target === undefined ? {} : { target }
  const found = await verifyFolder(project.dir, request.channel, where)
  if (!request.repair || found.differences.length === 0) return { found }
  return { found, repair: await repairFolder(project.dir, request.channel, where) }
}

function checkChannel(channel: string): void {
  if (!(VERIFIABLE as readonly string[]).includes(channel)) {
    throw new UsageError(`--channel 只能是 website（政府网站）或 kiosk（办事大厅屏），不能是“${channel}”`, '微信公众号和公示栏没有可以逐个文件核验的目录')
  }
}

/** The `verify` command. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: '核验线上网站是否与上次投递的发布版本一致（防篡改），可 --repair 恢复',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { channel: { type: 'string' }, target: { type: 'string' }, url: { type: 'string' }, repair: { type: 'boolean' }, json: { type: 'boolean' } }, USAGE)
    const channel = text(args, 'channel') ?? 'website'
    checkChannel(channel)
    const target = text(args, 'target')
    const url = text(args, 'url')
    if (target !== undefined && url !== undefined) throw new UsageError('--target 和 --url 只能选一个：核验目录，或核验网址', USAGE)
    if (url !== undefined && flag(args, 'repair')) throw new UsageError('--repair 只能恢复目录，不能通过网址恢复：请在服务器上用 --target 指定网站目录', USAGE)
    const project = openConfig(args.positionals[0], io)
    report(
      project.diagnostics.filter((d) => d.severity === 'error'),
      io,
      { limit: 10 },
    )
    const outcome = await runVerify(project, { channel, repair: flag(args, 'repair'), ...(target === undefined ? {} : { target }), ...(url === undefined ? {} : { url }) }, io)
    if (flag(args, 'json')) io.out(JSON.stringify(outcome, null, 2))
    else for (const line of describe(outcome, project, io)) io.out(line)
    return outcome.found.differences.length === 0 ? EXIT.ok : EXIT.content
  },
}

/** Posts a verify's finding to a webhook as JSON `{ msgtype, text, report }`, as the deadline report does; retries twice on network errors and 5xx. */
async function postVerifyReport(url: string, markdown: string, report: VerifyOutcome, options: { timeoutMs?: number; retryDelayMs?: number } = {}): Promise<void> {
  const body = JSON.stringify({ msgtype: 'markdown', text: markdown, report })
  let last: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, (options.retryDelayMs ?? 2000) * attempt))
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) })
      if (response.status < 500) {
        if (!response.ok) last = `HTTP ${response.status}`
        else return
        break
      }
      last = `HTTP ${response.status}`
    } catch (cause) {
      last = cause instanceof Error ? cause.message : String(cause)
    }
  }
  throw new GongkaiError(ERRORS.VerifyWebhookFailed, `核验发现不一致，但通知 webhook ${url} 失败：${String(last)}`, { hint: '检查计划任务 options.webhook 的地址；任务会按计划重试' })
}

/**
 * The schedule task `verify`: options `channel` (default website), `target` or `url`, `repair`
 * (true restores the release), `webhook` (posted to on a difference). A difference is reported,
 * not retried: the job is done once the finding is out.
 */
export function verifyRunner(dir: string, io: Io): TaskRunner {
  return async ({ schedule }) => {
    const options = schedule.options ?? {}
    const channel = typeof options['channel'] === 'string' ? options['channel'] : 'website'
    checkChannel(channel)
    const project = openConfig(dir, io)
    const request: VerifyRequest = {
      channel,
      repair: options['repair'] === true,
      ...(typeof options['target'] === 'string' ? { target: options['target'] } : {}),
      ...(typeof options['url'] === 'string' ? { url: options['url'] } : {}),
    }
    const outcome = await runVerify(project, request, { ...io, out: () => {} })
    const r = outcome.found
    if (r.differences.length === 0) return { summary: `${channelName(channel)}与发布版本 ${r.release} 一致（${r.checked} 个文件）` }
    const lines = describe(outcome, project, io)
    const markdown = `# ${project.config.body.name}：${channelName(channel)}核验发现不一致\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`
    const webhook = options['webhook']
    const posted = typeof webhook === 'string' && webhook !== ''
    if (posted) await postVerifyReport(webhook, markdown, outcome)
    const repaired = outcome.repair === undefined ? '' : outcome.repair.after.differences.length === 0 ? '，已恢复' : '，恢复后仍不一致'
    return { summary: `${channelName(channel)}与发布版本 ${r.release} 不一致：${counts(r)}${repaired}${posted ? '，已通知 webhook' : ''}` }
  }
}
