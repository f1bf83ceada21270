/** What `gongkai push --channel wechat --dry-run` shows: what would go, and from which step. */
import type { Disclosure, Ledger } from '@gongkai/core'
import { CHANNEL, PUBLISH_STATUS, STEPS, blockingRevision, intentState } from './deliver.js'
import { titleOf } from './render/render.js'

/** What a push would do with one publication. */
export type PlannedAction = 'new' | 'resume' | 'poll' | 'reconcile' | 'skip-delivered' | 'revision-changed' | 'failed'

/** One line of the dry run. */
export interface PlannedDelivery {
  readonly publication: string
  readonly revision: string
  readonly title: string
  readonly action: PlannedAction
  /** True when a push would call the platform for it. */
  readonly goes: boolean
  /** The last step recorded, when there is one. */
  readonly lastStep?: string
  /** What will happen, in Chinese. */
  readonly message: string
}

const ORDER = [STEPS.thumb, STEPS.draftIntent, STEPS.draft, STEPS.submitIntent, STEPS.publish, STEPS.final] as const

/** Lists what a push would do with each disclosure (already filtered to what is due), reading the ledger only. */
export async function planWechat(disclosures: readonly Disclosure[], ledger: Ledger): Promise<PlannedDelivery[]> {
  const out: PlannedDelivery[] = []
  for (const d of disclosures) {
    const p = d.publication
    const base = { publication: p.id, revision: d.revision, title: titleOf(p) }
    const records = await ledger.list({ channel: CHANNEL, publication: p.id })
    const blocking = blockingRevision(records, d.revision)
    if (blocking !== undefined) {
      out.push({ ...base, action: 'revision-changed', goes: false, message: `已发表过另一版本（${blocking.revision}），内容有变化，不会自动重发` })
      continue
    }
    const r = records.find((x) => x.revision === d.revision)
    // An intent the platform refused is not progress: the step before it is where a push resumes.
    const last =
      r === undefined ? undefined : [...ORDER].reverse().find((s) => r.steps[s] !== undefined && !((s === STEPS.draftIntent || s === STEPS.submitIntent) && !intentState(r.steps, s).unresolved))
    const lastStep = last === undefined ? {} : { lastStep: last }
    if (r === undefined || last === undefined) {
      out.push({ ...base, action: r !== undefined && Object.keys(r.steps).length > 0 ? 'resume' : 'new', goes: true, ...lastStep, message: '上传图片和封面，建草稿并发表' })
    } else if (r.state === 'unknown') {
      out.push({ ...base, action: 'reconcile', goes: true, ...lastStep, message: `需核实：${r.error?.message ?? '上次调用的结果不明'}；推送时先在平台上再核对，不会重发` })
    } else if (r.state === 'delivered' || r.state === 'withdrawn') {
      out.push({ ...base, action: 'skip-delivered', goes: false, ...lastStep, message: r.state === 'delivered' ? `已发表：${r.url ?? ''}` : '已发表，后被删除或封禁' })
    } else if (last === STEPS.final) {
      out.push({ ...base, action: 'failed', goes: false, ...lastStep, message: `发表失败（${PUBLISH_STATUS[Number(r.steps[STEPS.final])] ?? r.steps[STEPS.final]}），修改后以新版本重发` })
    } else if (last === STEPS.publish) {
      out.push({ ...base, action: 'poll', goes: true, ...lastStep, message: '已提交发表，继续查询结果' })
    } else if (last === STEPS.submitIntent) {
      out.push({ ...base, action: 'reconcile', goes: true, ...lastStep, message: '上次提交时中断：在已发表文章中核对，不再重复提交' })
    } else {
      out.push({ ...base, action: 'resume', goes: true, ...lastStep, message: `从上次中断处（${last}之后）继续` })
    }
  }
  return out
}
