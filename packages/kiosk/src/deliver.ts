/**
 * Delivery: the player, its playlist and every slide it names go to a folder, staged beside it and
 * swapped in with rename(2), and optionally to kiosk hosts over HTTP (got, with retries), slides
 * first and the playlist last, so a screen never reads a playlist whose slides are not there yet.
 * Each publication is recorded in the ledger.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { Artifact, DeliverContext, DeliveryResult, DeliveryUnit, Receipt } from '@gongkai/core'
import { ERRORS, GongkaiError, describeMissingReview, isReviewed, reviewLevelsOf } from '@gongkai/core'
import { swapDirectory } from '@gongkai/core/internal'
import type { Got } from 'got'
import type { ResolvedKioskOptions } from './options.js'

// got (an ES module) is imported when a host is sent to: a build never needs it.
let gotModule: Promise<Got> | undefined
const loadGot = (): Promise<Got> => (gotModule ??= import('got').then((m) => m.default))

const CHANNEL = 'kiosk'
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', json: 'application/json', js: 'text/javascript; charset=utf-8', png: 'image/png' }

function stamp(now: Date): string {
  return `${now.toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
}

interface FileOut {
  readonly path: string
  readonly data: Uint8Array
}

/**
 * The files to deliver: every slide the playlist names, then the player, from the release the
 * hub hands over (`ctx.release`), or, for an embedder calling the channel directly, from
 * `ctx.assembled` and the units' artifacts. Nothing is picked up from a folder on disk.
 */
async function collect(units: readonly DeliveryUnit[], ctx: DeliverContext): Promise<{ files: FileOut[]; missing: string[] }> {
  const bytes = (a: Artifact) => (typeof a.data === 'string' ? Buffer.from(a.data, 'utf8') : a.data)
  const available = new Map<string, () => Promise<Uint8Array>>()
  const release = ctx.release
  if (release !== undefined) for (const f of release.files) available.set(f.path, () => release.read(f.path))
  else for (const a of [...ctx.assembled, ...units.flatMap((u) => u.artifacts)]) if (a.channel === CHANNEL) available.set(a.path, () => Promise.resolve(bytes(a)))
  const player = ['index.html', 'playlist.js', 'playlist.json']
  if (player.some((p) => !available.has(p))) {
    throw new GongkaiError(ERRORS.KioskNotBuilt, '还没有生成自助终端播放页和播放列表，无法投递', { hint: '请先运行 gongkai build，或在投递前调用 kiosk 渠道的 assemble' })
  }
  const playlist = JSON.parse(Buffer.from(await (available.get('playlist.json') as () => Promise<Uint8Array>)()).toString('utf8')) as { slides: { src: string }[] }
  const files: FileOut[] = []
  const missing: string[] = []
  const seen = new Set<string>()
  for (const { src } of playlist.slides) {
    if (seen.has(src)) continue
    seen.add(src)
    const read = available.get(src)
    if (read === undefined) missing.push(src)
    else files.push({ path: src, data: await read() })
  }
  // The playlist goes last: a screen polling a host never sees it before its slides.
  const empty = available.get('empty.png')
  if (empty !== undefined) files.push({ path: 'empty.png', data: await empty() })
  for (const path of player) files.push({ path, data: await (available.get(path) as () => Promise<Uint8Array>)() })
  return { files, missing }
}

function writeFolder(target: string, files: readonly FileOut[], now: Date): void {
  const parent = dirname(resolve(target))
  const tag = stamp(now)
  const staged = join(parent, `.${basename(target)}.tmp-${tag}`)
  try {
    mkdirSync(parent, { recursive: true })
    for (const f of files) {
      const full = join(staged, ...f.path.split('/'))
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, f.data)
    }
    swapDirectory(staged, resolve(target), tag)
  } catch (cause) {
    rmSync(staged, { recursive: true, force: true })
    throw cause
  }
}

async function upload(host: ResolvedKioskOptions['hosts'][number], files: readonly FileOut[], ctx: DeliverContext, options: ResolvedKioskOptions): Promise<number> {
  let sent = 0
  for (const f of files) {
    const hash = createHash('sha256').update(f.data).digest('hex')
    const kvKey = `kiosk:host:${host.url}:${f.path}`
    // An image the host already has (same bytes) is not sent again; the player files always are.
    if (f.path.endsWith('.png') && (await ctx.kv.get(kvKey)) === hash) continue
    const got = await loadGot()
    await got(new URL(f.path, host.url), {
      method: host.method,
      body: Buffer.from(f.data),
      headers: { 'content-type': TYPES[f.path.slice(f.path.lastIndexOf('.') + 1)] ?? 'application/octet-stream', 'x-content-sha256': hash },
      timeout: { request: 30_000 },
      retry: {
        limit: options.retries,
        methods: [host.method],
        statusCodes: [408, 425, 429, 500, 502, 503, 504],
        calculateDelay: ({ attemptCount, computedValue }) => (computedValue === 0 ? 0 : Math.min(options.retryDelayMs * 2 ** (attemptCount - 1), 30_000)),
      },
      ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    })
    await ctx.kv.set(kvKey, hash)
    sent++
  }
  return sent
}

/** Delivers the player to the folder and the hosts, and records each publication in the ledger. */
export async function deliverKiosk(units: readonly DeliveryUnit[], ctx: DeliverContext, options: ResolvedKioskOptions): Promise<Receipt> {
  const now = ctx.now()
  const results: DeliveryResult[] = []
  const holder = `kiosk-${stamp(now)}`
  const claimed: DeliveryUnit[] = []
  for (const u of units) {
    const p = u.disclosure.publication
    const key = { publication: p.id, revision: u.disclosure.revision, channel: CHANNEL }
    const levels = reviewLevelsOf(ctx.config)
    if (!isReviewed(p, levels)) {
      results.push({ ...key, state: 'pending', error: { code: 'kiosk/not-reviewed', message: `${describeMissingReview(p, levels)}，不上屏` } })
      continue
    }
    const record = await ctx.ledger.open(key)
    if (record.state === 'delivered') results.push({ ...key, state: 'skipped' })
    else if (await ctx.ledger.claim(key, holder, 10 * 60_000)) claimed.push(u)
    else results.push({ ...key, state: 'pending', error: { code: 'kiosk/busy', message: '另一个进程正在投递该信息' } })
  }

  const { files, missing } = await collect(units, ctx)
  for (const src of missing) ctx.log({ level: 'warn', code: 'kiosk/slide-missing', message: `播放列表中的 ${src} 找不到，播放时将跳过它；请重新运行 gongkai build` })

  const errors: { code: string; message: string }[] = []
  const steps: [string, string][] = []
  if (options.target !== undefined) {
    try {
      writeFolder(options.target, files, now)
      steps.push(['folder', options.target])
      ctx.log({ level: 'info', message: `自助终端播放目录已更新：${options.target}（${files.length} 个文件）` })
    } catch (cause) {
      errors.push({ code: 'kiosk/folder-failed', message: `写入播放目录“${options.target}”失败：${cause instanceof Error ? cause.message : String(cause)}` })
    }
  }
  for (const host of options.hosts) {
    try {
      const sent = await upload(host, files, ctx, options)
      steps.push([`host:${host.url}`, 'ok'])
      ctx.log({ level: 'info', message: `已发送到自助终端 ${host.url}（${sent} 个文件）` })
    } catch (cause) {
      const status = (cause as { response?: { statusCode?: number } }).response?.statusCode
      errors.push({
        code: 'kiosk/host-failed',
        message: `发送到自助终端 ${host.url} 失败${status === undefined ? '' : `（HTTP ${status}）`}：${cause instanceof Error ? cause.message : String(cause)}`,
      })
    }
  }
  for (const e of errors) ctx.log({ level: 'error', code: e.code, message: e.message })

  const url = options.hosts[0] === undefined ? undefined : `${options.hosts[0].url}index.html`
  for (const u of claimed) {
    const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: CHANNEL }
    for (const [step, value] of steps) await ctx.ledger.recordStep(key, step, value)
    const error = errors[0]
    if (error === undefined) {
      await ctx.ledger.setState(key, 'delivered', url === undefined ? {} : { url })
      results.push({ ...key, state: 'delivered', ...(url === undefined ? {} : { url }) })
    } else {
      await ctx.ledger.setState(key, 'failed', { error })
      results.push({ ...key, state: 'failed', error })
    }
  }
  const first = errors[0]
  const target = options.target === undefined ? undefined : resolve(options.target)
  return { channel: CHANNEL, results, ...(first === undefined ? {} : { stopped: first }), ...(target === undefined ? {} : { target }) }
}
