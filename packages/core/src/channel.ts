/** The contract every channel adapter implements, and what the hub hands it. */
import type { Catalog } from './catalog/catalog.js'
import type { ProjectConfig } from './config.js'
import type { Diagnostic } from './diagnostics.js'
import type { Disclosure, Withdrawal } from './model.js'
import type { DeliveryKey, DeliveryState, JobStore, KeyValueStore, Ledger } from './store.js'

/** One rendered output: a file (path relative to the channel's output folder) or a payload. */
export interface Artifact {
  /** The channel that made it. */
  readonly channel: string
  /** The publication it belongs to; absent for whole-collection outputs (index, playlist). */
  readonly publication?: string
  /** POSIX path relative to OUT/<channel>/, e.g. `p/2026-001.html`. Never absolute, never `..`. */
  readonly path: string
  readonly data: Uint8Array | string
  /** e.g. `text/html; charset=utf-8`, `application/pdf`, `image/png`. */
  readonly mediaType: string
}

/**
 * Limits a channel declares as data, so the hub can report what cannot go to it before anything
 * is pushed. Every field is optional: absent means no limit.
 */
export interface ChannelLimits {
  /** Characters in a title. */
  readonly titleMaxChars?: number
  /** The field the channel shows as the title when a publication sets it (WeChat: `wechatTitle`), else `title`; the title limit applies to it. */
  readonly titleField?: 'wechatTitle'
  /** Characters in a digest or summary. */
  readonly digestMaxChars?: number
  /** Characters in the rendered content. */
  readonly contentMaxChars?: number
  /** Bytes of the rendered content. */
  readonly contentMaxBytes?: number
  /** Image formats accepted for inline images (`jpeg`, `png`, …). */
  readonly imageFormats?: readonly string[]
  /** Bytes of one inline image. */
  readonly imageMaxBytes?: number
  /** Paper or screen size, for information (`A4`, `1080x1920`). */
  readonly size?: string
}

/** What a channel's render and assemble receive besides the disclosure. */
export interface RenderContext {
  readonly config: ProjectConfig
  readonly catalog: Catalog
  /** Every disclosure of the build, for cross links and listings. */
  readonly all: readonly Disclosure[]
  /** Reads a project-relative asset (images, attachments). Throws GongkaiError `asset/missing`. */
  readAsset(path: string): Promise<Uint8Array>
  /** Reports a content problem (missing glyph, image too large, …) without stopping the build. */
  report(diagnostic: Diagnostic): void
  /** The build's clock; channels never read the wall clock themselves. */
  readonly now: Date
  /** A preview build (`gongkai build --preview`): its unreviewed disclosures render marked 预览稿 (see `isPreview`). */
  readonly preview?: boolean
}

/** One publication ready to deliver: its disclosure and the artifacts its render made. */
export interface DeliveryUnit {
  readonly disclosure: Disclosure
  readonly artifacts: readonly Artifact[]
}

/** One publication whose 撤回 is in force (`withdrawalInForce`), for a channel to take down. */
export interface TakeDownUnit {
  /** The publication as loaded now, `withdrawn` set. */
  readonly disclosure: Disclosure
  readonly withdrawal: Withdrawal
}

/** A line of progress or a problem during delivery; never contains secrets. */
export interface DeliveryEvent {
  readonly level: 'info' | 'warn' | 'error'
  readonly message: string
  readonly publication?: string
  readonly code?: string
}

/** One file of the release being delivered (the hub's manifest entry). */
export interface ReleaseEntry {
  /** POSIX path relative to the channel's folder. */
  readonly path: string
  readonly size: number
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string
  readonly mediaType: string
  /** The publications the file comes from; empty for whole-collection files. */
  readonly publications: readonly string[]
}

/**
 * The release a delivery ships: exactly these files, nothing else. Channels that put a folder in
 * place (website, kiosk) copy `files`; bytes come from the hub, checked against their SHA-256.
 */
export interface ReleaseView {
  readonly id: string
  /** Hex SHA-256 of the release manifest, recorded in the ledger with each delivery. */
  readonly manifestHash: string
  /** The files to ship: the release's files less those of publications not yet due. */
  readonly files: readonly ReleaseEntry[]
  /** The bytes of one of `files`. */
  read(path: string): Promise<Uint8Array>
  /** Copies one of `files` to an absolute destination, creating its folder. */
  copyTo(path: string, dest: string): Promise<void>
}

/** What deliver receives besides the units. */
export interface DeliverContext {
  readonly config: ProjectConfig
  readonly ledger: Ledger
  /** Small durable key-value store (token cache, …), shared by every process on the project. */
  readonly kv: KeyValueStore
  /** Whole-collection artifacts from `assemble` (site index, playlist). */
  readonly assembled: readonly Artifact[]
  /**
   * Publication ids of this channel that the hub held back (not reviewed, or `publishAt` still
   * ahead). A channel that copies a whole build folder leaves their files out. Set by `deliverAll`.
   */
  readonly withheld?: readonly string[]
  /** Absolute project folder, when there is one. */
  readonly projectDir?: string
  /** The release being delivered (set by the hub's `deliverRelease`); without it a channel ships `assembled` and the units' artifacts. */
  readonly release?: ReleaseView
  /** Environment to read secrets from (names come from the config); defaults to process.env. */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
  readonly signal?: AbortSignal
  log(event: DeliveryEvent): void
}

/** The outcome for one publication on one channel. */
export interface DeliveryResult {
  readonly publication: string
  readonly revision: string
  readonly channel: string
  /** `pending`: left for a later run (quota, publishAt); `skipped`: already delivered. */
  readonly state: 'delivered' | 'failed' | 'pending' | 'skipped' | 'withdrawn'
  readonly url?: string
  readonly error?: { readonly code: string; readonly message: string }
}

/** What one call to deliver achieved. */
export interface Receipt {
  readonly channel: string
  readonly results: readonly DeliveryResult[]
  /** Set when the channel stopped the batch early (daily quota): the rest stays pending. */
  readonly stopped?: { readonly code: string; readonly message: string }
  /** Where the delivery put the release (an absolute folder, or the platform's name), for verify. */
  readonly target?: string
}

/**
 * One piece of a channel's whole-collection output (a site's item page, its lists), with a key
 * naming everything the piece depends on: the hub renders a piece only when its key is new.
 */
export interface AssemblePart {
  /** Everything the piece depends on besides the channel's fingerprint and the config, as one string (hashed by the hub). */
  readonly key: string
  /** Renders the piece; what it reports goes to `ctx.report`. */
  render(ctx: RenderContext): Promise<Artifact[]>
}

/** A channel adapter. Build one with its factory (`website(options)`), which checks options at once. */
export interface Channel {
  /** `website` | `wechat` | `noticeboard` | `kiosk` | … */
  readonly id: string
  readonly limits: ChannelLimits
  /**
   * What shapes this channel's output besides the disclosure and the context: its options,
   * templates, fonts and code version, as one string. The hub's render cache keys on it; a
   * channel without one is rendered afresh on every build.
   */
  readonly fingerprint?: string
  /** Problems that would stop this disclosure on this channel, found before anything is pushed. */
  preflight?(d: Disclosure, ctx: RenderContext): Diagnostic[] | Promise<Diagnostic[]>
  /** Pure: same input, same bytes. One publication → its artifacts. */
  render(d: Disclosure, ctx: RenderContext): Promise<Artifact[]>
  /** Whole-collection outputs: site index, batch PDF, kiosk playlist. */
  assemble?(all: readonly Disclosure[], ctx: RenderContext): Promise<Artifact[]>
  /**
   * The same outputs as `assemble`, in pieces the hub caches one by one, so that one changed
   * publication re-renders only the pieces that show it. When present, the hub uses it instead of `assemble`.
   */
  assembleParts?(all: readonly Disclosure[], ctx: RenderContext, summaries?: ReadonlyMap<string, unknown>): readonly AssemblePart[]
  /**
   * What the whole-collection output needs of one disclosure (a list entry), as plain JSON. The
   * hub keeps it with the render in its cache and hands every one to `assembleParts` by
   * publication id, so a list is made without reading each body again.
   */
  summarize?(d: Disclosure, ctx: RenderContext): unknown
  /** Side effect: put artifacts in place; resumable and idempotent per ledger key. */
  deliver?(units: readonly DeliveryUnit[], ctx: DeliverContext): Promise<Receipt>
  /**
   * 撤回 on a platform that keeps each item it was sent (WeChat): takes down what went out of each
   * unit, recording the intent before every call and the platform's answer after it, so a killed
   * run resumes without deleting twice. Publications that never went out come back `skipped`.
   * Channels that put a whole release in place (website, kiosk) have none: their next release
   * leaves the publication out or replaces its page, and the hub records that as the withdrawal.
   */
  takeDown?(units: readonly TakeDownUnit[], ctx: DeliverContext): Promise<readonly DeliveryResult[]>
  /**
   * After the ledger was lost (`rebuildLedger`): writes the records of `keys` from the platform's
   * own lists as delivery would have (sends nothing), and says per key what the platform holds
   * (`found`, Chinese) and the state written (`recorded`; absent: nothing written). Throws, having
   * written nothing, when a list cannot be read.
   */
  recover?(
    keys: readonly DeliveryKey[],
    ctx: DeliverContext,
  ): Promise<readonly { readonly publication: string; readonly revision: string; readonly found: string; readonly recorded?: DeliveryState; readonly url?: string }[]>
}

/** Re-exported for channels that keep a job store handy. */
export type { JobStore }
