/**
 * deliverRelease: each channel's latest release (or one named by id) is handed to the channel as
 * it was built: never rendered again, and never a file that is not in its manifest. Which of its
 * publications go out follows one rule (`holdReason`: reviewed, `publishAt` reached) applied to
 * the release's own record of them; what is held back comes back as data, with the reason.
 */
import type { Channel, DeliverContext, DeliveryResult, DeliveryUnit, Diagnostic, Disclosure, Ledger, Receipt, ReleaseView, RenderContext, TakeDownUnit } from '@gongkai/core'
import { ERRORS, GongkaiError, OptionsError, isReviewed, reviewLevelsOf, withdrawalInForce } from '@gongkai/core'
import { holdFor, holdReason } from '@gongkai/core/internal'
import { checkOne } from './preflight.js'
import type { Release, ReleaseFile, ReleasePublication } from './release.js'
import { copyReleaseFile, readRelease, readReleaseFile, saveDelivered } from './release.js'

/** Why a publication did not go to a channel in this run. */
export type SkipReason = 'unreviewed' | 'scheduled' | 'delivered' | 'preflight' | 'stale' | 'not-built' | 'withdrawn'

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

/** Options for `deliverRelease`. */
export interface DeliverOptions {
  readonly channels: readonly Channel[]
  /** The project as loaded now: WeChat articles are sent with their disclosure, and only when it is the revision the release holds. */
  readonly disclosures: readonly Disclosure[]
  /** For the channels' preflight checks. */
  readonly ctx: RenderContext
  /** The project folder whose `.gongkai/` holds the releases. */
  readonly projectDir: string
  /** Everything deliver needs except what the hub fills in per channel (`assembled`, `withheld`, `release`). */
  readonly deliverContext: Omit<DeliverContext, 'assembled' | 'withheld' | 'release'>
  /** What counts as due: `publishAt` ≤ now. */
  readonly now: Date
  /** A release id per channel id; default each channel's latest. */
  readonly releases?: Readonly<Record<string, string>>
  /**
   * A channel with no `assemble` (one push per publication, like WeChat) gets this many
   * publications per `deliver` call; after a stop (quota, a misconfigured account, the signal)
   * the rest is returned `pending`. Default 32.
   */
  readonly batch?: number
  /**
   * Stops handing over more batches once aborted (the rest stays pending). Checked by the hub
   * only; pass `deliverContext.signal` as well to let the channels see it.
   */
  readonly signal?: AbortSignal
}

/** What `deliverRelease` returns. */
export interface DeliverResult {
  /** One receipt per channel that was called. */
  readonly receipts: readonly Receipt[]
  readonly skipped: readonly SkippedDelivery[]
  /** Channels given that have no `deliver` (nothing to push). */
  readonly undeliverable: readonly string[]
  /** The release delivered per channel. */
  readonly releases: Readonly<Record<string, { readonly id: string; readonly manifestHash: string; readonly createdAt: string }>>
  readonly diagnostics: readonly Diagnostic[]
}

function skipMessage(reason: SkipReason, p: ReleasePublication): string {
  switch (reason) {
    case 'unreviewed':
      return '尚未通过保密审查，不发布'
    case 'scheduled':
      return `定时发布时间 ${p.publishAt ?? ''} 未到`
    case 'delivered':
      return '这一版本已经发布过'
    case 'preflight':
      return '不符合该渠道的要求，未发布（见检查结果）'
    case 'stale':
      return '生成之后内容有改动：先运行 gongkai build 生成新的发布版本，再推送'
    case 'not-built':
      return '不在已生成的发布版本中：先运行 gongkai build，再推送'
    case 'withdrawn':
      return '已撤回，不再发布'
  }
}

/** The ledger as the channel sees it: each delivery recorded with the release it shipped; every other method as it is. */
function ledgerFor(ledger: Ledger, release: Release): Ledger {
  const ref = { id: release.manifest.id, manifestHash: release.manifestHash }
  const setState: Ledger['setState'] = (key, state, detail) => ledger.setState(key, state, state === 'delivered' ? { ...detail, release: ref } : detail)
  // A proxy, so a method the Ledger interface gains later passes through without being listed here.
  return new Proxy(ledger, {
    get(target, prop, receiver) {
      if (prop === 'setState') return setState
      const value: unknown = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

function viewOf(projectDir: string, release: Release, files: readonly ReleaseFile[]): ReleaseView {
  const byPath = new Map(files.map((f) => [f.path, f]))
  const find = (path: string) => {
    const f = byPath.get(path)
    if (f === undefined) throw new GongkaiError(ERRORS.ReleaseFileMissing, `发布版本 ${release.manifest.id} 中没有文件“${path}”`, { hint: '这是渠道程序的问题，请告诉维护人员' })
    return f
  }
  return {
    id: release.manifest.id,
    manifestHash: release.manifestHash,
    files,
    read: async (path) => readReleaseFile(projectDir, release, find(path)),
    copyTo: async (path, dest) => copyReleaseFile(projectDir, release, find(path), dest),
  }
}

/**
 * Delivers each channel's release. A channel with nothing built, or whose latest release is a
 * preview, gets a receipt with `stopped` and nothing is sent to it; the other channels go on.
 */
export async function deliverRelease(options: DeliverOptions): Promise<DeliverResult> {
  const { channels, disclosures, ctx, deliverContext, now, projectDir } = options
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new OptionsError(ERRORS.OptionsNow, 'deliverRelease 需要当前时间（now）', { hint: '传入 new Date()' })
  const batch = Math.max(1, options.batch ?? 32)
  const receipts: Receipt[] = []
  const skipped: SkippedDelivery[] = []
  const undeliverable: string[] = []
  const diagnostics: Diagnostic[] = []
  const releases: Record<string, { id: string; manifestHash: string; createdAt: string }> = {}
  const byId = new Map(disclosures.map((d) => [d.publication.id, d]))

  for (const channel of channels) {
    if (channel.deliver === undefined) {
      undeliverable.push(channel.id)
      continue
    }
    if (options.signal?.aborted === true) {
      receipts.push({ channel: channel.id, results: [], stopped: { code: 'deliver/aborted', message: '推送已取消，其余的下次推送时继续' } })
      continue
    }
    let release: Release | undefined
    try {
      release = await readRelease(projectDir, channel.id, options.releases?.[channel.id])
    } catch (cause) {
      const error = cause instanceof GongkaiError ? { code: cause.code, message: cause.message } : { code: ERRORS.ReleaseCorrupt.code, message: String(cause) }
      receipts.push({ channel: channel.id, results: [], stopped: error })
      continue
    }
    if (release === undefined) {
      const named = options.releases?.[channel.id]
      const error =
        named === undefined
          ? { code: ERRORS.ReleaseNotBuilt.code, message: '还没有生成发布版本，没有推送任何内容：先运行 gongkai build' }
          : { code: ERRORS.ReleaseUnknown.code, message: `没有发布版本 ${named}` }
      receipts.push({ channel: channel.id, results: [], stopped: error })
      continue
    }
    if (release.manifest.preview) {
      receipts.push({
        channel: channel.id,
        results: [],
        stopped: {
          code: ERRORS.ReleasePreview.code,
          // Named or latest, a preview is refused the same way; the message says which one it was.
          message:
            options.releases?.[channel.id] === undefined
              ? '最新的发布版本是预览稿（--preview），不能发布：去掉 --preview 重新运行 gongkai build'
              : `发布版本 ${release.manifest.id} 是预览稿（gongkai build --preview 生成），不能发布：请推送不带 --preview 生成的发布版本`,
        },
      })
      continue
    }
    const manifest = release.manifest
    releases[channel.id] = { id: manifest.id, manifestHash: release.manifestHash, createdAt: manifest.createdAt }
    const skip = (p: ReleasePublication, reason: SkipReason) =>
      skipped.push({
        publication: p.id,
        channel: channel.id,
        revision: p.revision,
        reason,
        ...(reason === 'scheduled' && p.publishAt !== undefined ? { publishAt: p.publishAt } : {}),
        message: skipMessage(reason, p),
      })

    // 撤回 in force today: never delivered anew; what went out is taken down (see takeDownOn).
    const takeDowns: TakeDownUnit[] = []
    for (const d of disclosures) {
      if (!(d.item.channels as readonly string[]).includes(channel.id)) continue
      const withdrawal = withdrawalInForce(d.publication, now, deliverContext.config.timezone)
      if (withdrawal !== undefined) takeDowns.push({ disclosure: d, withdrawal })
    }
    const withdrawnIds = new Set(takeDowns.map((t) => t.disclosure.publication.id))

    // Publications of the channel that the release does not hold (added or failed since the build).
    const inRelease = new Set(manifest.publications.map((p) => p.id))
    for (const d of disclosures) {
      if (!(d.item.channels as readonly string[]).includes(channel.id) || inRelease.has(d.publication.id) || holdReason(d, now, reviewLevelsOf(deliverContext.config)) === 'unreviewed') continue
      const p = { id: d.publication.id, revision: d.revision, title: d.publication.title, file: d.publication.source.file, reviewed: true }
      skip(p, withdrawnIds.has(d.publication.id) ? 'withdrawn' : 'not-built')
    }

    const withheld = new Set<string>()
    const due: ReleasePublication[] = []
    const ledger = ledgerFor(deliverContext.ledger, release)
    const levels = reviewLevelsOf(deliverContext.config)
    for (const p of manifest.publications) {
      if (withdrawnIds.has(p.id)) {
        skip(p, 'withdrawn')
        continue
      }
      // Reviewed as the config says now: a level added since the build holds back what the release took as reviewed.
      const current = byId.get(p.id)
      const held = holdFor({ reviewed: p.reviewed && (current === undefined || isReviewed(current.publication, levels)), publishAt: p.publishAt }, now)
      if (held !== undefined) {
        withheld.add(p.id)
        skip(p, held)
        continue
      }
      const record = await ledger.get({ publication: p.id, revision: p.revision, channel: channel.id })
      if (record?.state === 'delivered') {
        // Edited since the build: the operator must hear that it needs a build, not that it went out.
        const d = byId.get(p.id)
        skip(p, d !== undefined && d.revision !== p.revision ? 'stale' : 'delivered')
        continue
      }
      due.push(p)
    }
    // Files of publications held back stay out; whole-collection files (built without them) go.
    const shipped = manifest.files.filter((f) => f.publications.length === 0 || f.publications.some((id) => !withheld.has(id)))
    const view = viewOf(projectDir, release, shipped)
    const context: DeliverContext = { ...deliverContext, ledger, assembled: [], withheld: [...withheld], release: view }

    // A unit needs its disclosure as loaded now; one changed since the build waits for the next build.
    const units: DeliveryUnit[] = []
    for (const p of due) {
      const d = byId.get(p.id)
      if (d === undefined || d.revision !== p.revision) {
        skip(p, 'stale')
        continue
      }
      const problems = await checkOne(channel, d, ctx)
      diagnostics.push(...problems)
      if (problems.some((x) => x.severity === 'error')) {
        skip(p, 'preflight')
        continue
      }
      units.push({ disclosure: d, artifacts: [] })
    }

    if (channel.assemble === undefined) {
      // Taking down comes first: a withdrawn article should leave the account before new ones arrive.
      const takenDown = await takeDownOn(channel, takeDowns, context, options.signal)
      const receipt = await deliverInBatches(channel, units, batch, view, context, options.signal)
      receipts.push(takenDown.length === 0 ? receipt : { ...receipt, results: [...takenDown, ...receipt.results] })
      continue
    }
    // A channel that puts the whole release in place is called even with no new publication: the site or the playlist may have changed.
    try {
      const receipt = await channel.deliver(units, context)
      // The release just put in place replaces or leaves out each withdrawn page: that delivery is its withdrawal here.
      const recorded = receipt.stopped === undefined ? await recordReplaced(channel.id, takeDowns, manifest, ledger, now) : []
      receipts.push(recorded.length === 0 ? receipt : { ...receipt, results: [...receipt.results, ...recorded] })
      if (receipt.stopped === undefined && receipt.target !== undefined) {
        await saveDelivered(projectDir, {
          channel: channel.id,
          release: manifest.id,
          manifestHash: release.manifestHash,
          target: receipt.target,
          deliveredAt: now.toISOString(),
          files: shipped.map((f) => f.path),
        })
      }
    } catch (cause) {
      const error = { code: cause instanceof GongkaiError ? cause.code : 'deliver/failed', message: `渠道 ${channel.id} 投递失败：${cause instanceof Error ? cause.message : String(cause)}` }
      deliverContext.log({ level: 'error', message: error.message, code: error.code })
      receipts.push({
        channel: channel.id,
        results: units.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: channel.id, state: 'failed' as const, error })),
        stopped: error,
      })
    }
  }
  return { receipts, skipped, undeliverable, releases, diagnostics }
}

/** Ledger steps of a withdrawal recorded by the hub for a channel that ships whole releases. */
export const WITHDRAWN_STEPS = { at: 'withdrawn_at', release: 'withdrawn_release' } as const

const MODE_LABEL = { notice: '页面保留并标注已撤回', remove: '页面撤下', redirect: '页面跳转' } as const

/**
 * After a whole-release channel (website, kiosk) put a release in place: each withdrawn
 * publication that went out there before, and that this release was built with (its revision is
 * the one withdrawn), is recorded as withdrawn, once: its delivered record gains the time and the
 * release, and its state becomes `withdrawn`. A release built before the withdrawal still shows
 * the old page, so nothing is recorded until a build with it is delivered.
 */
async function recordReplaced(channel: string, takeDowns: readonly TakeDownUnit[], manifest: Release['manifest'], ledger: Ledger, now: Date): Promise<DeliveryResult[]> {
  const built = new Map(manifest.publications.map((p) => [p.id, p.revision]))
  const results: DeliveryResult[] = []
  for (const { disclosure: d, withdrawal } of takeDowns) {
    const id = d.publication.id
    const live = (await ledger.list({ channel, publication: id })).filter((r) => r.state === 'delivered')
    if (live.length === 0) continue
    // kiosk drops the slides from the release altogether; the website keeps a (changed) page built from this revision.
    const inRelease = built.get(id)
    if (inRelease !== undefined && inRelease !== d.revision) continue
    const what = channel === 'website' ? MODE_LABEL[withdrawal.mode] : '已从播放列表撤下'
    const error = { code: `${channel}/withdrawn`, message: `${what}（发布版本 ${manifest.id}）：${withdrawal.reason}` }
    // Every revision that went out is marked (an older one is no more live than the newest); the push reports the publication once.
    for (const r of live) {
      const key = { publication: r.publication, revision: r.revision, channel }
      await ledger.recordStep(key, WITHDRAWN_STEPS.at, now.toISOString())
      await ledger.recordStep(key, WITHDRAWN_STEPS.release, manifest.id)
      await ledger.setState(key, 'withdrawn', { error })
    }
    const newest = live.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a))
    results.push({ publication: id, revision: newest.revision, channel, state: 'withdrawn', ...(newest.url === undefined ? {} : { url: newest.url }), error })
  }
  return results
}

/** Hands a per-publication channel its withdrawn publications; a throw fails them (the next push tries again). */
async function takeDownOn(channel: Channel, takeDowns: readonly TakeDownUnit[], context: DeliverContext, signal: AbortSignal | undefined): Promise<DeliveryResult[]> {
  if (channel.takeDown === undefined || takeDowns.length === 0 || signal?.aborted === true) return []
  try {
    return [...(await channel.takeDown(takeDowns, context))].filter((r) => r.state !== 'skipped')
  } catch (cause) {
    const error = { code: cause instanceof GongkaiError ? cause.code : 'deliver/withdraw-failed', message: `渠道 ${channel.id} 撤回失败：${cause instanceof Error ? cause.message : String(cause)}` }
    context.log({ level: 'error', message: error.message, code: error.code })
    return takeDowns.map((t) => ({ publication: t.disclosure.publication.id, revision: t.disclosure.revision, channel: channel.id, state: 'failed' as const, error }))
  }
}

/**
 * Hands a per-publication channel its units batch by batch, each with the artifacts the release
 * holds for it, into one receipt. After a stop (the channel's `stopped`, a throw, or the signal)
 * nothing more is handed over; the rest is `pending`.
 */
async function deliverInBatches(channel: Channel, units: readonly DeliveryUnit[], batch: number, view: ReleaseView, context: DeliverContext, signal: AbortSignal | undefined): Promise<Receipt> {
  const results: DeliveryResult[] = []
  let stopped: { code: string; message: string } | undefined
  let next = 0
  const filesOf = new Map<string, ReleaseView['files'][number][]>()
  for (const f of view.files) for (const id of f.publications) filesOf.set(id, [...(filesOf.get(id) ?? []), f])
  while (next < units.length) {
    if (signal?.aborted === true || context.signal?.aborted === true) {
      stopped = { code: 'deliver/aborted', message: '推送已取消，其余的下次推送时继续' }
      break
    }
    const slice = units.slice(next, next + batch)
    next += slice.length
    let loaded: DeliveryUnit[]
    try {
      loaded = await Promise.all(
        slice.map(async (u) => ({
          disclosure: u.disclosure,
          artifacts: await Promise.all(
            (filesOf.get(u.disclosure.publication.id) ?? []).map(async (f) => ({
              channel: channel.id,
              publication: u.disclosure.publication.id,
              path: f.path,
              data: await view.read(f.path),
              mediaType: f.mediaType,
            })),
          ),
        })),
      )
    } catch (cause) {
      stopped = { code: cause instanceof GongkaiError ? cause.code : 'deliver/failed', message: cause instanceof Error ? cause.message : String(cause) }
      next -= slice.length
      break
    }
    try {
      const receipt = await channel.deliver!(loaded, context)
      results.push(...receipt.results)
      if (receipt.stopped !== undefined) {
        stopped = receipt.stopped
        break
      }
    } catch (cause) {
      stopped = { code: 'deliver/failed', message: `渠道 ${channel.id} 投递失败：${cause instanceof Error ? cause.message : String(cause)}` }
      context.log({ level: 'error', message: stopped.message, code: stopped.code })
      results.push(...loaded.map((u) => ({ publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: channel.id, state: 'failed' as const, error: stopped! })))
      break
    }
  }
  const rest = units.slice(next).map((u) => ({
    publication: u.disclosure.publication.id,
    revision: u.disclosure.revision,
    channel: channel.id,
    state: 'pending' as const,
    error: { code: stopped?.code ?? 'deliver/stopped', message: '本批推送已停止，留待下次' },
  }))
  return { channel: channel.id, results: [...results, ...rest], ...(stopped === undefined ? {} : { stopped }) }
}
