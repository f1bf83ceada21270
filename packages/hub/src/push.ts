/**
 * One push of the channels' releases, as `gongkai push`, the scheduler's push tasks and the
 * console's confirm button all run it: the ledger is checked first (an emptied or replaced ledger
 * would let everything go out again), then exactly the release is delivered, then the project
 * remembers the ledger it delivered with.
 */
import type { Channel, DeliveryEvent, Diagnostic, Project, RenderContext, Store } from '@gongkai/core'
import { deliverRelease } from './deliver.js'
import type { DeliverResult } from './deliver.js'
import { checkLedger, recordLedgerIdentity } from './ledger-guard.js'

/** Options of `pushRelease`. */
export interface PushReleaseOptions {
  readonly project: Project
  /** The channels to push; those without `deliver` have no target and are returned in `noTarget`. */
  readonly channels: readonly Channel[]
  readonly store: Store
  readonly ctx: RenderContext
  readonly now: Date
  /** The clock the channels stamp with. */
  readonly clock: () => Date
  /** Where secrets are read from (names come from the config). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The ledger as the operator knows it (a file or a database), for the guard's messages. */
  readonly ledgerFile?: string
  readonly releases?: Readonly<Record<string, string>>
  readonly signal?: AbortSignal
  readonly log?: (event: DeliveryEvent) => void
  /** Runs after the ledger check and before delivery (the scheduler builds here); its messages join the result's. */
  readonly prepare?: (channels: readonly Channel[]) => Promise<readonly Diagnostic[]>
}

/** What a push did; `interrupted` when the signal stopped it before every publication was tried. */
export interface PushResult extends DeliverResult {
  readonly interrupted: boolean
  /** Channels named that have nowhere to deliver to (no `target` in the config): nothing was pushed to them. */
  readonly noTarget: readonly string[]
}

/** Delivers each channel's release (the latest, or the one named): every due publication in it, never re-rendered. */
export async function pushRelease(options: PushReleaseOptions): Promise<PushResult> {
  const { project, store } = options
  const deliverable = options.channels.filter((c) => c.deliver !== undefined)
  const noTarget = options.channels.filter((c) => c.deliver === undefined).map((c) => c.id)
  const diagnostics: Diagnostic[] = []
  if (deliverable.length > 0)
    await checkLedger(project.dir, store.ledger, { channels: deliverable.map((c) => c.id), now: options.now, ...(options.ledgerFile === undefined ? {} : { ledgerFile: options.ledgerFile }) })
  if (options.prepare !== undefined && deliverable.length > 0) diagnostics.push(...(await options.prepare(deliverable)))
  const result = await deliverRelease({
    channels: deliverable,
    disclosures: project.disclosures,
    ctx: options.ctx,
    projectDir: project.dir,
    now: options.now,
    ...(options.releases === undefined ? {} : { releases: options.releases }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    // WeChat 32 at a time (its own concurrency and per-minute limits apply inside a batch: a batch
    // of 8 spent most of its time waiting for its slowest publish to be polled to its end). The
    // signal stays with the hub: the batch in flight is published, polled to its end and recorded,
    // so a SIGTERM waits for at most one batch and leaves none half done.
    batch: 32,
    deliverContext: {
      config: project.config,
      ledger: store.ledger,
      kv: store.kv,
      projectDir: project.dir,
      env: options.env,
      now: options.clock,
      log: options.log ?? (() => {}),
    },
  })
  await recordLedgerIdentity(project.dir, store.ledger, options.clock())
  const interrupted = options.signal?.aborted === true && result.receipts.some((r) => r.results.some((x) => x.state === 'pending'))
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics], interrupted, noTarget }
}
