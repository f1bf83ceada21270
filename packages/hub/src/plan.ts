/**
 * The plan of a push: for each channel, the release that would be delivered and, per publication,
 * what the push would do with it and why (held for review, scheduled, already out, withdrawn,
 * edited since the build). Pure reading of the project, the releases and the ledger: nothing is
 * sent. `gongkai push --dry-run` prints it as a table; the console shows the same rows before its
 * confirm button, so both say the same thing in the same words.
 */
import { createHash } from 'node:crypto'
import type { Channel, Diagnostic, Ledger, Project, RenderContext } from '@gongkai/core'
import { describeMissingReview, reviewLevelsOf, withdrawalInForce } from '@gongkai/core'
import { holdFor } from '@gongkai/core/internal'
import { preflight } from './preflight.js'
import { readRelease } from './release.js'

/** What a push would do with one publication on one channel. */
export type PlanAction = 'send' | 'resume' | 'correction' | 'skip' | 'hold' | 'withdraw'

/** One row of the plan. */
export interface PlanRow {
  readonly publication: string
  /** The title as the channel shows it (the WeChat title when the publication sets one). */
  readonly title: string
  readonly action: PlanAction
  /** What operators read: `将发布`, `不发布：未通过保密审查`, … */
  readonly what: string
  /** How many items this row sends (a correction row may send several notices). */
  readonly going: number
}

/** The plan of one channel. */
export interface ChannelPlan {
  readonly channel: string
  /** The release that would be delivered, when there is one that may be. */
  readonly release?: { readonly id: string; readonly createdAt: string; readonly files: number }
  /** Why nothing goes to this channel at all (no release, a preview release). */
  readonly refused?: string
  readonly rows: readonly PlanRow[]
}

/** The whole plan. */
export interface PushPlan {
  readonly channels: readonly ChannelPlan[]
  /** How many items the push would send. */
  readonly going: number
  /** The channels' preflight messages (an error holds its publication back). */
  readonly problems: readonly Diagnostic[]
}

/** Options of `planPush`. */
export interface PlanPushOptions {
  /** The channels to push, each with a `deliver` (one without has no target: say so before calling). */
  readonly channels: readonly Channel[]
  readonly project: Project
  readonly ctx: RenderContext
  readonly ledger: Ledger
  readonly now: Date
  /** A release id per channel; default each channel's latest. */
  readonly releases?: Readonly<Record<string, string>>
}

/** The ledger revision of a 更正说明 article, as @gongkai/wechat keys it (`correctionRevision` there; copied so that a plan does not load the channel; takedown.test.ts checks they agree). */
export function correctionRevision(c: { readonly on: string; readonly note: string }): string {
  return `correction-${createHash('sha256').update(`${c.on}\u0000${c.note}`).digest('hex').slice(0, 16)}`
}

const STALE = '不发布：生成之后内容有改动，请先运行 gongkai build'

/** What a push of `channels` would do now, read from the releases and the ledger; sends nothing. */
export async function planPush(options: PlanPushOptions): Promise<PushPlan> {
  const { project, ledger, now, channels } = options
  const problems = await preflight(channels, project.disclosures, options.ctx)
  const blocked = new Set(problems.filter((d) => d.severity === 'error').map((d) => `${d.subject ?? ''}`))
  const byId = new Map(project.disclosures.map((d) => [d.publication.id, d]))
  const levels = reviewLevelsOf(project.config)
  const tz = project.config.timezone
  const plans: ChannelPlan[] = []
  let going = 0
  for (const c of channels) {
    const release = await readRelease(project.dir, c.id, options.releases?.[c.id])
    if (release === undefined) {
      plans.push({ channel: c.id, refused: '不推送：还没有生成发布版本（先运行 gongkai build）', rows: [] })
      continue
    }
    if (release.manifest.preview) {
      plans.push({ channel: c.id, refused: `不推送：发布版本 ${release.manifest.id} 是预览稿`, rows: [] })
      continue
    }
    const rows: PlanRow[] = []
    const row = (publication: string, title: string, action: PlanAction, what: string, n = 0) => {
      rows.push({ publication, title, action, what, going: n })
      going += n
    }
    for (const p of release.manifest.publications) {
      const d = byId.get(p.id)
      const title = p.wechatTitle ?? p.title
      const key = { publication: p.id, revision: p.revision, channel: c.id }
      const record = await ledger.get(key)
      const latest = record ?? (await ledger.latest(p.id, c.id))
      const hold = holdFor(p, now)
      const withdrawal = d === undefined ? undefined : withdrawalInForce(d.publication, now, tz)
      // Withdrawn: never sent anew; what went out is taken down (WeChat) or left out of the next release.
      if (withdrawal !== undefined) {
        const live = (await ledger.list({ channel: c.id, publication: p.id })).filter((r) => r.state === 'delivered')
        row(p.id, title, 'withdraw', live.length === 0 ? '已撤回：不发布' : c.id === 'wechat' ? '已撤回：将从公众号删除' : '已撤回：推送新的发布版本时撤下')
      }
      // Edited since the build: said the way push says it (stale), even when the built revision went out.
      else if (record?.state === 'delivered') row(p.id, title, d !== undefined && d.revision !== p.revision ? 'hold' : 'skip', d !== undefined && d.revision !== p.revision ? STALE : '已发布（跳过）')
      else if (hold === 'unreviewed') row(p.id, title, 'hold', '不发布：未通过保密审查')
      else if (hold === 'scheduled') row(p.id, title, 'hold', `等待定时发布：${p.publishAt ?? ''}`)
      else if (d === undefined || d.revision !== p.revision) row(p.id, title, 'hold', STALE)
      else if (blocked.has(p.id)) row(p.id, title, 'hold', '不发布：预检有错误（见上）')
      else if (latest !== undefined && latest.state === 'delivered') {
        const notices = c.id === 'wechat' && project.config.channels['wechat']?.['corrections'] === 'notice' ? (d.publication.corrections ?? []) : []
        const sent = new Set((await ledger.list({ channel: c.id, publication: p.id })).filter((r) => r.state === 'delivered').map((r) => r.revision))
        const owed = notices.filter((x) => !sent.has(correctionRevision(x)))
        if (notices.length === 0) row(p.id, title, 'hold', '内容有变化：已发布过旧版本，需人工确认后更正')
        else if (owed.length === 0) row(p.id, title, 'skip', '更正说明已发布（跳过）')
        else row(p.id, title, 'correction', `将发布更正说明 ${owed.length} 篇（链接原文）`, owed.length)
      } else if (record !== undefined && record.state !== 'pending') row(p.id, title, 'resume', `将继续：上次停在“${Object.keys(record.steps).pop() ?? record.state}”`)
      else row(p.id, title, 'send', '将发布', 1)
    }
    // What the release does not hold is not pushed either: say why, as the push itself does.
    const inRelease = new Set(release.manifest.publications.map((p) => p.id))
    for (const d of project.disclosures) {
      if (!(d.item.channels as readonly string[]).includes(c.id) || inRelease.has(d.publication.id)) continue
      const missing = describeMissingReview(d.publication, levels)
      const withdrawn = withdrawalInForce(d.publication, now, tz) !== undefined
      const title = d.publication.wechatTitle ?? d.publication.title
      if (withdrawn) row(d.publication.id, title, 'withdraw', '已撤回：不发布')
      else row(d.publication.id, title, 'hold', missing !== '' ? `不发布：${missing}` : '不发布：不在已生成的发布版本中，请先运行 gongkai build')
    }
    plans.push({ channel: c.id, release: { id: release.manifest.id, createdAt: release.manifest.createdAt, files: release.manifest.files.length }, rows })
  }
  return { channels: plans, going, problems }
}
