/**
 * deliverAll: for each channel with a `deliver`, picks the publications that are due (reviewed,
 * `publishAt` reached, item names the channel), renders them and hands them over. What is held
 * back comes back as data, with the reason, so `gongkai status` can say why.
 */
import type { Artifact, Channel, DeliverContext, DeliveryResult, DeliveryUnit, Receipt, RenderContext } from '../channel.js'
import { ERRORS } from '../errors-data.js'
import type { Diagnostic } from '../diagnostics.js'
import { OptionsError } from '../diagnostics.js'
import type { Disclosure } from '../model.js'
import { mapLimit } from '../pool.js'
import { renderFailure, renderWith, safeArtifacts, scopedContext } from './fan-out.js'
import { checkLimits } from './preflight.js'
import { holdReason } from './select.js'

/** Why a publication did not go to a channel in this run. */
export type SkipReason = 'unreviewed' | 'scheduled' | 'delivered' | 'preflight' | 'render-failed'

/** One publication not handed to a channel, and why. */
export interface SkippedDelivery {
  readonly publication: string
  readonly channel: string
  readonly revision: string
  readonly reason: SkipReason
  /** For `scheduled`: when it becomes due. */
  readonly publishAt?: string
  /** The reason in Chinese, for operators. */
  readonly message: string
}

/** Options for `deliverAll`. */
export interface DeliverAllOptions {
  readonly channels: readonly Channel[]
  readonly disclosures: readonly Disclosure[]
  /** For rendering (and `assemble`) before delivery. */
  readonly ctx: RenderContext
  /** Everything deliver needs except `assembled` and `withheld`, which the hub fills in per channel. */
  readonly deliverContext: Omit<DeliverContext, 'assembled' | 'withheld'>
  /** What counts as due: `publishAt` ≤ now. */
  readonly now: Date
  /** Renders at once; default 4. */
  readonly concurrency?: number
  /**
   * A channel with no `assemble` (one push per publication, like WeChat) is rendered and
   * delivered this many publications at a time: a kill loses at most one batch of rendering, and
   * after a stop (quota, a misconfigured account, `deliverContext.signal`) the rest is neither
   * rendered nor handed over but returned `pending`. Default 8.
   */
  readonly batch?: number
  /**
   * Leave out, without rendering, publications the ledger already has as delivered with the same
   * revision; default true. The channel's own ledger check stays the guard against doubles.
   */
  readonly skipDelivered?: boolean
}

/** What `deliverAll` returns. */
export interface DeliverAllResult {
  /** One receipt per channel that was called (render failures appended as `failed` results). */
  readonly receipts: readonly Receipt[]
  readonly skipped: readonly SkippedDelivery[]
  /** Channels given that have no `deliver` (nothing to push). */
  readonly undeliverable: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

function skipMessage(reason: SkipReason, d: Disclosure): string {
  switch (reason) {
    case 'unreviewed':
      return '尚未通过保密审查（缺少 review），不发布'
    case 'scheduled':
      return `定时发布时间 ${d.publication.publishAt ?? ''} 未到`
    case 'delivered':
      return '这一版本已经发布过'
    case 'preflight':
      return '不符合该渠道的要求，未发布（见检查结果）'
    case 'render-failed':
      return '生成失败，未发布（见错误信息）'
  }
}

/**
 * Delivers every due publication to every channel its item names (of `channels`), channel by
 * channel. A channel whose `deliver` throws gets a receipt with `stopped`; the others go on.
 */
export async function deliverAll(options: DeliverAllOptions): Promise<DeliverAllResult> {
  const { channels, disclosures, ctx, deliverContext, now } = options
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new OptionsError(ERRORS.OptionsNow, 'deliverAll 需要当前时间（now）', { hint: '传入 new Date()' })
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const skipDelivered = options.skipDelivered ?? true
  const receipts: Receipt[] = []
  const skipped: SkippedDelivery[] = []
  const undeliverable: string[] = []
  const diagnostics: Diagnostic[] = []

  for (const channel of channels) {
    if (channel.deliver === undefined) {
      undeliverable.push(channel.id)
      continue
    }
    const mine = disclosures.filter((d) => (d.item.channels as readonly string[]).includes(channel.id))
    const due: Disclosure[] = []
    const withheld: string[] = []
    const skip = (d: Disclosure, reason: SkipReason) =>
      skipped.push({
        publication: d.publication.id,
        channel: channel.id,
        revision: d.revision,
        reason,
        ...(reason === 'scheduled' && d.publication.publishAt !== undefined ? { publishAt: d.publication.publishAt } : {}),
        message: skipMessage(reason, d),
      })
    for (const d of mine) {
      const held = holdReason(d, now)
      if (held === undefined) due.push(d)
      else {
        withheld.push(d.publication.id)
        skip(d, held)
      }
    }

    const channelCtx: RenderContext = {
      config: ctx.config,
      catalog: ctx.catalog,
      all: due,
      now: ctx.now,
      readAsset: (path) => ctx.readAsset(path),
      report: (d) => ctx.report(d),
    }
    const toSend: Disclosure[] = []
    for (const d of due) {
      if (skipDelivered) {
        const record = await deliverContext.ledger.get({ publication: d.publication.id, revision: d.revision, channel: channel.id })
        if (record?.state === 'delivered') {
          skip(d, 'delivered')
          continue
        }
      }
      const problems = await checkLimits(channel, d, channelCtx)
      if (channel.preflight !== undefined) {
        try {
          problems.push(...(await channel.preflight(d, channelCtx)))
        } catch (cause) {
          problems.push({
            code: 'preflight/failed',
            severity: 'error',
            message: `渠道 ${channel.id} 检查时出错：${cause instanceof Error ? cause.message : String(cause)}`,
            file: d.publication.source.file,
            subject: d.publication.id,
          })
        }
      }
      diagnostics.push(...problems)
      if (problems.some((p) => p.severity === 'error')) skip(d, 'preflight')
      else toSend.push(d)
    }

    const failed: DeliveryResult[] = []
    const renderUnits = async (list: readonly Disclosure[]) => {
      const rendered = await mapLimit(list, concurrency, async (d) => {
        const r = await renderWith(channel, d, channelCtx, diagnostics)
        if (!r.ok) {
          skip(d, 'render-failed')
          failed.push({ publication: d.publication.id, revision: d.revision, channel: channel.id, state: 'failed', error: { code: 'render/failed', message: '生成失败' } })
          return undefined
        }
        return { disclosure: d, artifacts: r.artifacts } satisfies DeliveryUnit
      })
      return rendered.filter((u): u is DeliveryUnit => u !== undefined)
    }

    if (channel.assemble === undefined) {
      const receipt = await deliverInBatches(channel, toSend, Math.max(1, options.batch ?? 8), renderUnits, failed, { ...deliverContext, assembled: [], withheld })
      // Nothing new: the channel was left alone and has nothing to report.
      if (receipt.results.length > 0 || receipt.stopped !== undefined) receipts.push(receipt)
      continue
    }
    const units = await renderUnits(toSend)

    let assembled: Artifact[] = []
    if (channel.assemble !== undefined) {
      try {
        assembled = safeArtifacts(channel.id, await channel.assemble(due, scopedContext(channelCtx, undefined, diagnostics)), undefined, diagnostics)
      } catch (cause) {
        diagnostics.push(renderFailure(channel.id, undefined, cause, 'assemble'))
      }
    }
    try {
      const receipt = await channel.deliver(units, { ...deliverContext, assembled, withheld })
      receipts.push(failed.length === 0 ? receipt : { ...receipt, results: [...receipt.results, ...failed] })
    } catch (cause) {
      const error = { code: 'deliver/failed', message: `渠道 ${channel.id} 投递失败：${cause instanceof Error ? cause.message : String(cause)}` }
      deliverContext.log({ level: 'error', message: error.message, code: error.code })
      receipts.push({
        channel: channel.id,
        results: [...units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: channel.id, state: 'failed' as const, error })), ...failed],
        stopped: error,
      })
    }
  }
  return { receipts, skipped, undeliverable, diagnostics }
}

/**
 * Renders and delivers a per-publication channel batch by batch, into one receipt. After a stop
 * (the channel's `stopped`, a throw, or the signal) nothing more is rendered or handed over.
 */
async function deliverInBatches(
  channel: Channel,
  toSend: readonly Disclosure[],
  batch: number,
  renderUnits: (list: readonly Disclosure[]) => Promise<DeliveryUnit[]>,
  failed: readonly DeliveryResult[],
  context: DeliverContext,
): Promise<Receipt> {
  const results: DeliveryResult[] = []
  let stopped: { code: string; message: string } | undefined
  let next = 0
  while (next < toSend.length) {
    if (context.signal?.aborted === true) {
      stopped = { code: 'deliver/aborted', message: '推送已取消，其余的下次推送时继续' }
      break
    }
    const slice = toSend.slice(next, next + batch)
    next += slice.length
    const units = await renderUnits(slice)
    if (units.length === 0) continue
    try {
      const receipt = await channel.deliver!(units, context)
      results.push(...receipt.results)
      if (receipt.stopped !== undefined) {
        stopped = receipt.stopped
        break
      }
    } catch (cause) {
      stopped = { code: 'deliver/failed', message: `渠道 ${channel.id} 投递失败：${cause instanceof Error ? cause.message : String(cause)}` }
      context.log({ level: 'error', message: stopped.message, code: stopped.code })
      results.push(...units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: channel.id, state: 'failed' as const, error: stopped! })))
      break
    }
  }
  // Never rendered nor handed over: still to do.
  const rest = toSend
    .slice(next)
    .map((d) => ({
      publication: d.publication.id,
      revision: d.revision,
      channel: channel.id,
      state: 'pending' as const,
      error: { code: stopped?.code ?? 'deliver/stopped', message: '本批推送已停止，留待下次' },
    }))
  return { channel: channel.id, results: [...results, ...rest, ...failed], ...(stopped === undefined ? {} : { stopped }) }
}
