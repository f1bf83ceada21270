/**
 * Ledger integrity: a project that has delivered before must push against the same ledger. A
 * ledger emptied to 0 bytes or deleted is recreated as a new, empty one by the store; one copied
 * over from elsewhere holds another project's rows. Either way it would answer "never delivered"
 * for every publication, and the push would deliver all of them again, WeChat included.
 *
 * The project remembers which ledger it delivered with in `.gongkai/ledger-id.json` (beside the
 * releases, not in `.gongkai/cache/`, which is safe to delete): the ledger's identity (made with
 * the file, see `Ledger.identity`) and the channels it recorded deliveries for. The
 * `delivered.json` of each channel proves earlier deliveries too, for a project that has no such
 * file yet.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { Channel, DeliverContext, DeliveryKey, DeliveryState, Ledger, ReleaseRef } from '@gongkai/core'
import type { Release } from './release.js'
import { listReleaseIds, readDelivered, readRelease, stateDir, writeAtomic } from './release.js'

/** What `.gongkai/ledger-id.json` holds. */
export interface LedgerMark {
  readonly format: 'gongkai-ledger-id/1'
  /** `Ledger.identity()` of the ledger the project delivers with. */
  readonly identity: string
  /** Channels that have had deliveries recorded, sorted. */
  readonly channels: readonly string[]
  /** Channels whose records were lost with an earlier ledger and not rebuilt: pushing to them is refused. */
  readonly unrecovered: readonly string[]
  readonly recordedAt: string
}

/** The result of `checkLedger`. */
export interface LedgerCheck {
  readonly identity: string
  /** Channels this project has delivered to before. */
  readonly delivered: readonly string[]
  /** `new`: nothing delivered yet; `known`: the ledger the project delivered with; `adopted`: recorded now for the first time. */
  readonly state: 'new' | 'known' | 'adopted'
}

/** Options of `checkLedger`. */
export interface CheckLedgerOptions {
  /** The channels about to be pushed (refusals for an unrecovered channel name only these). Default: all. */
  readonly channels?: readonly string[]
  /** The ledger file as the operator knows it, for messages. */
  readonly ledgerFile?: string
  readonly now?: Date
}

/** The channels whose records can be rebuilt from `delivered.json` and the manifests. */
export const REBUILT_FROM_RELEASES: readonly string[] = ['website', 'kiosk']

const NAMES: Readonly<Record<string, string>> = { website: '政府网站', wechat: '微信公众号', noticeboard: '公示栏', kiosk: '办事大厅屏' }
const named = (ids: readonly string[]) => ids.map((id) => NAMES[id] ?? id).join('、')

/** Where the project keeps the identity of its ledger. */
export function ledgerMarkPath(projectDir: string): string {
  return join(stateDir(projectDir), 'ledger-id.json')
}

/** The project's ledger mark, or undefined when it has none yet. */
export async function readLedgerMark(projectDir: string): Promise<LedgerMark | undefined> {
  const file = ledgerMarkPath(projectDir)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  let mark: LedgerMark
  try {
    mark = JSON.parse(text) as LedgerMark
  } catch {
    mark = { format: undefined } as unknown as LedgerMark
  }
  if (mark.format !== 'gongkai-ledger-id/1' || typeof mark.identity !== 'string' || !Array.isArray(mark.channels) || !Array.isArray(mark.unrecovered)) {
    throw new GongkaiError(ERRORS.LedgerMarkCorrupt, `台账标识文件 ${file} 已损坏，无法确认台账是否就是上次投递所用的那一个`, {
      hint: '若能从备份或版本库中取回这个文件，请放回原处；否则运行 gongkai ledger rebuild 重新核对并记下台账标识',
    })
  }
  return mark
}

async function writeMark(projectDir: string, mark: Omit<LedgerMark, 'format'>): Promise<LedgerMark> {
  const full: LedgerMark = {
    format: 'gongkai-ledger-id/1',
    identity: mark.identity,
    channels: [...new Set(mark.channels)].sort(),
    unrecovered: [...new Set(mark.unrecovered)].sort(),
    recordedAt: mark.recordedAt,
  }
  await writeAtomic(ledgerMarkPath(projectDir), `${JSON.stringify(full, null, 1)}\n`)
  return full
}

/** Channels with a `delivered.json`: delivered before, whatever the ledger says. */
export async function deliveredChannels(projectDir: string): Promise<string[]> {
  const names = await readdir(join(stateDir(projectDir), 'releases')).catch(() => [] as string[])
  const out: string[] = []
  for (const name of names.sort()) if ((await readDelivered(projectDir, name).catch(() => undefined)) !== undefined) out.push(name)
  return out
}

async function recordedChannels(ledger: Ledger): Promise<Set<string>> {
  // A withdrawn record went out first: a channel whose deliveries were all withdrawn still delivered with this ledger.
  const [delivered, withdrawn] = await Promise.all([ledger.list({ state: 'delivered' }), ledger.list({ state: 'withdrawn' })])
  return new Set([...delivered, ...withdrawn].map((r) => r.channel))
}

function recovery(wechat: boolean): string {
  return [
    '恢复办法：若原来的台账文件还在（备份、回收站、另一台机器），把它放回原处后再推送；',
    `否则在项目目录运行 gongkai ledger rebuild，从 .gongkai/releases/ 中的投递记录重建${named(REBUILT_FROM_RELEASES)}的台账`,
    wechat ? '；微信公众号的记录由 gongkai ledger rebuild 从公众号平台的素材库、草稿箱和发表记录重建（平台的列表读不到时，先在公众号后台核对已发布的文章）' : '',
    '。重建之前不会推送任何内容。',
  ].join('')
}

/**
 * Refuses (throws `ledger/replaced`, `ledger/empty` or `ledger/unrecovered`) when the ledger is
 * not the one the project delivered with, or lost the records of a channel that delivered before.
 * Call it after opening the store and before anything is sent; a corrupt file is refused earlier,
 * by the store's own check on open. When the ledger holds deliveries and the project has no mark
 * yet, the mark is written (`adopted`).
 */
export async function checkLedger(projectDir: string, ledger: Ledger, options: CheckLedgerOptions = {}): Promise<LedgerCheck> {
  const identity = await ledger.identity()
  const mark = await readLedgerMark(projectDir)
  const fromFiles = await deliveredChannels(projectDir)
  const history = [...new Set([...(mark?.channels ?? []), ...fromFiles])].sort()
  const file = options.ledgerFile === undefined ? '台账文件' : `台账文件 ${options.ledgerFile} `
  if (mark !== undefined && mark.identity !== identity) {
    const rows = await recordedChannels(ledger)
    const wechat = history.includes('wechat')
    if (rows.size === 0) {
      throw new GongkaiError(ERRORS.LedgerEmpty, `${file}是空的，但本项目此前已向${named(history)}投递过：台账可能被清空或删除后重建了。为免重复发布，没有推送任何内容。`, { hint: recovery(wechat) })
    }
    throw new GongkaiError(ERRORS.LedgerReplaced, `${file}不是本项目上次投递时所用的台账（被换成了另一个台账文件）。为免重复发布或漏发，没有推送任何内容。`, { hint: recovery(wechat) })
  }
  if (mark !== undefined) {
    const wanted = options.channels ?? history
    const blocked = mark.unrecovered.filter((c) => wanted.includes(c))
    if (blocked.length > 0) {
      throw new GongkaiError(ERRORS.LedgerUnrecovered, `${named(blocked)}的台账记录随原台账丢失，尚未恢复：现在推送会把已发布的内容再发一遍，所以没有推送。`, {
        hint: blocked.includes('wechat')
          ? '运行 gongkai ledger rebuild --channel wechat，从公众号平台的素材库、草稿箱和发表记录重建；平台的列表读不到时，先在公众号后台（草稿箱、发表记录）核对，再加 --accept-new-ledger 表示接受以空白台账继续推送'
          : `运行 gongkai ledger rebuild --channel ${blocked.join(',')} 从投递记录重建`,
      })
    }
  }
  const rows = await recordedChannels(ledger)
  if (mark === undefined) {
    const lost = fromFiles.filter((c) => !rows.has(c))
    if (lost.length > 0) {
      throw new GongkaiError(
        ERRORS.LedgerEmpty,
        `本项目此前已向${named(lost)}投递过（见 .gongkai/releases/${lost[0] ?? ''}/delivered.json），但${file}中没有这些投递记录：台账可能被清空、删除或替换了。为免重复发布，没有推送任何内容。`,
        {
          hint: recovery(history.includes('wechat')),
        },
      )
    }
    if (rows.size === 0) return { identity, delivered: history, state: 'new' }
    await writeMark(projectDir, { identity, channels: [...history, ...rows], unrecovered: [], recordedAt: (options.now ?? new Date()).toISOString() })
    return { identity, delivered: [...new Set([...history, ...rows])].sort(), state: 'adopted' }
  }
  return { identity, delivered: history, state: 'known' }
}

/**
 * Writes down, after a push, that the project delivers with this ledger and to which channels,
 * so that the next push can tell a replaced or emptied ledger. Does nothing while the ledger
 * holds no delivery; never overwrites the mark of another ledger (that is `rebuildLedger`'s job).
 */
export async function recordLedgerIdentity(projectDir: string, ledger: Ledger, now: Date = new Date()): Promise<LedgerMark | undefined> {
  const identity = await ledger.identity()
  const mark = await readLedgerMark(projectDir)
  if (mark !== undefined && mark.identity !== identity) return mark
  const rows = await recordedChannels(ledger)
  if (rows.size === 0 && mark === undefined) return undefined
  const channels = [...new Set([...(mark?.channels ?? []), ...rows, ...(await deliveredChannels(projectDir))])].sort()
  if (mark !== undefined && channels.join(',') === mark.channels.join(',')) return mark
  return writeMark(projectDir, { identity, channels, unrecovered: mark?.unrecovered ?? [], recordedAt: now.toISOString() })
}

/** Options of `rebuildLedger`. */
export interface RebuildLedgerOptions {
  /** Channels to rebuild. Default: every channel delivered to before. */
  readonly channels?: readonly string[]
  /** The URL recorded for a publication's delivery (the website's page address). */
  readonly urlOf?: (channel: string, publication: string) => string | undefined
  /**
   * Channels the operator accepts to push with no records (after checking the platform by hand):
   * they are no longer refused, and whatever is due may be sent again.
   */
  readonly accept?: readonly string[]
  /**
   * Channels with a `recover` method (WeChat), and what it needs besides the ledger: their records
   * are rebuilt from the platform's own lists for the publications of their latest release.
   */
  readonly recover?: { readonly channels: readonly Channel[]; readonly context: Omit<DeliverContext, 'ledger' | 'assembled' | 'withheld' | 'release'> }
  readonly now?: Date
}

/** One publication of a channel rebuilt from the platform: what was found there and the record written. */
export interface RecoveredPublication {
  readonly publication: string
  /** The revision found on the platform (an earlier one when only that went out), else the release's. */
  readonly revision: string
  /** The title the channel shows. */
  readonly title: string
  /** What the platform holds, in Chinese. */
  readonly found: string
  /** The state written; absent when nothing was written (the next push delivers it). */
  readonly recorded?: DeliveryState
  readonly url?: string
}

/** What one channel's rebuild did. */
export interface RebuiltChannel {
  readonly channel: string
  /** `rebuilt` from delivered.json and its manifest; `accepted` by the operator where that was not possible (the reason says why); `unrecovered` otherwise. */
  readonly outcome: 'rebuilt' | 'accepted' | 'unrecovered'
  readonly release?: string
  /** Ledger records written as delivered; for a channel rebuilt from its platform, the records it holds after (a step, delivered or withdrawn). */
  readonly records: number
  readonly reason?: string
  /** For a channel rebuilt from the platform (`recover`): each publication of its release. */
  readonly publications?: readonly RecoveredPublication[]
}

/** What `rebuildLedger` did, and the mark it left. */
export interface RebuildLedgerResult {
  readonly identity: string
  readonly channels: readonly RebuiltChannel[]
  readonly mark: LedgerMark
}

/**
 * Rebuilds the ledger's delivery records of the website and the kiosk from what their last
 * delivery put in place (`delivered.json` and its manifest: each publication with a file shipped
 * is recorded as delivered, with the release), and those of a channel given in `recover` (WeChat)
 * from the platform's own lists, then records this ledger as the project's. A channel that could
 * not be rebuilt stays refused unless listed in `accept`.
 */
export async function rebuildLedger(projectDir: string, ledger: Ledger, options: RebuildLedgerOptions = {}): Promise<RebuildLedgerResult> {
  const now = options.now ?? new Date()
  const identity = await ledger.identity()
  const mark = await readLedgerMark(projectDir)
  const fromFiles = await deliveredChannels(projectDir)
  const history = [...new Set([...(mark?.channels ?? []), ...fromFiles])].sort()
  const targets = options.channels ?? history
  const accept = new Set(options.accept ?? [])
  const rows = await recordedChannels(ledger)
  const out: RebuiltChannel[] = []
  // What cannot be rebuilt the operator may accept; what can is rebuilt, accepted or not.
  const giveUp = (c: RebuiltChannel & { outcome: 'unrecovered' }): void => {
    out.push(accept.has(c.channel) ? { ...c, outcome: 'accepted' } : c)
  }
  for (const channel of targets) {
    const recoverer = options.recover?.channels.find((c) => c.id === channel && c.recover !== undefined)
    if (recoverer !== undefined && options.recover !== undefined) {
      const r = await recoverFromPlatform(projectDir, ledger, recoverer, options.recover.context)
      if (r.outcome === 'unrecovered') giveUp({ ...r, outcome: 'unrecovered' })
      else out.push(r)
      continue
    }
    if (!REBUILT_FROM_RELEASES.includes(channel)) {
      giveUp({ channel, outcome: 'unrecovered', records: 0, reason: `${NAMES[channel] ?? channel}的记录无法从本机的投递记录重建` })
      continue
    }
    const delivered = await readDelivered(projectDir, channel)
    if (delivered === undefined) {
      giveUp({ channel, outcome: 'unrecovered', records: 0, reason: `没有 .gongkai/releases/${channel}/delivered.json，不知道上次投递了什么` })
      continue
    }
    const release = await readRelease(projectDir, channel, delivered.release)
    if (release === undefined || release.manifestHash !== delivered.manifestHash) {
      giveUp({
        channel,
        outcome: 'unrecovered',
        release: delivered.release,
        records: 0,
        reason: `上次投递的发布版本 ${delivered.release} 的清单${release === undefined ? '已不存在' : '与投递时不符'}`,
      })
      continue
    }
    const shipped = new Set(delivered.files)
    const withFiles = new Set(release.manifest.files.filter((f) => shipped.has(f.path)).flatMap((f) => f.publications))
    let records = 0
    for (const p of release.manifest.publications) {
      if (!withFiles.has(p.id)) continue
      const key = { publication: p.id, revision: p.revision, channel }
      const record = await ledger.open(key)
      if (record.state === 'delivered') continue
      const url = options.urlOf?.(channel, p.id)
      await ledger.setState(key, 'delivered', { ...(url === undefined ? {} : { url }), release: { id: release.manifest.id, manifestHash: release.manifestHash } })
      records++
    }
    out.push({ channel, outcome: 'rebuilt', release: release.manifest.id, records })
  }
  const settled = new Set(out.filter((c) => c.outcome !== 'unrecovered').map((c) => c.channel))
  // Under the same ledger only what was marked lost stays lost; under a new one, every channel
  // that delivered before lost its records, unless this ledger still has some of them.
  const lost = mark !== undefined && mark.identity === identity ? mark.unrecovered : history.filter((c) => mark !== undefined || !rows.has(c))
  const unrecovered = lost.filter((c) => !settled.has(c))
  const written = await writeMark(projectDir, { identity, channels: [...history, ...settled, ...(await recordedChannels(ledger))], unrecovered, recordedAt: now.toISOString() })
  return { identity, channels: out, mark: written }
}

/** The ledger as `recover` sees it: a delivery of the release's own revision is recorded with the release; every other method as it is. */
function withRelease(ledger: Ledger, release: Release): Ledger {
  const ref: ReleaseRef = { id: release.manifest.id, manifestHash: release.manifestHash }
  const revisions = new Map(release.manifest.publications.map((p) => [p.id, p.revision]))
  const setState: Ledger['setState'] = (key, state, detail) =>
    ledger.setState(key, state, state === 'delivered' && revisions.get(key.publication) === key.revision ? { ...detail, release: ref } : detail)
  return new Proxy(ledger, {
    get(target, prop, receiver) {
      if (prop === 'setState') return setState
      const value: unknown = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

/**
 * One channel's records from the platform's lists, for every publication of its latest release,
 * and for the earlier revisions of them that stored releases held: an article that went out
 * before a correction must block the corrected revision as delivery does, not be sent again.
 */
async function recoverFromPlatform(projectDir: string, ledger: Ledger, channel: Channel, context: Omit<DeliverContext, 'ledger' | 'assembled' | 'withheld' | 'release'>): Promise<RebuiltChannel> {
  const id = channel.id
  const name = NAMES[id] ?? id
  let release: Release | undefined
  try {
    release = await readRelease(projectDir, id)
  } catch (cause) {
    return { channel: id, outcome: 'unrecovered', records: 0, reason: cause instanceof Error ? cause.message : String(cause) }
  }
  if (release === undefined) return { channel: id, outcome: 'unrecovered', records: 0, reason: `还没有${name}的发布版本，不知道要在平台上核对哪些文章：先运行 gongkai build --channel ${id}，再重建` }
  const latest = release.manifest.publications
  const wanted = new Set(latest.map((p) => p.id))
  const keys = new Map<string, DeliveryKey>(latest.map((p) => [`${p.id}\u0000${p.revision}`, { publication: p.id, revision: p.revision, channel: id }]))
  for (const other of await listReleaseIds(projectDir, id)) {
    if (other === release.manifest.id) continue
    const old = await readRelease(projectDir, id, other).catch(() => undefined)
    for (const p of old?.manifest.publications ?? []) if (wanted.has(p.id)) keys.set(`${p.id}\u0000${p.revision}`, { publication: p.id, revision: p.revision, channel: id })
  }
  let results: Awaited<ReturnType<NonNullable<Channel['recover']>>>
  try {
    results = await channel.recover!([...keys.values()], { ...context, ledger: withRelease(ledger, release), assembled: [] })
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause)
    return { channel: id, outcome: 'unrecovered', release: release.manifest.id, records: 0, reason: `读取${name}平台上的列表失败（${why}），台账未作改动` }
  }
  const publications = latest.map((p): RecoveredPublication => {
    const title = id === 'wechat' ? (p.wechatTitle ?? p.title) : p.title
    const mine = results.filter((r) => r.publication === p.id)
    // The release's revision when anything of it is on the platform, else an earlier one that went out.
    const hit = mine.find((r) => r.revision === p.revision && r.recorded !== undefined) ?? mine.find((r) => r.recorded !== undefined) ?? mine.find((r) => r.revision === p.revision)
    return {
      publication: p.id,
      revision: hit?.revision ?? p.revision,
      title,
      found: hit?.found ?? '平台上没有',
      ...(hit?.recorded === undefined ? {} : { recorded: hit.recorded }),
      ...(hit?.url === undefined ? {} : { url: hit.url }),
    }
  })
  return { channel: id, outcome: 'rebuilt', release: release.manifest.id, records: results.filter((r) => r.recorded !== undefined).length, publications }
}
