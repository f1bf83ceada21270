/**
 * Delivery: the release's files (exactly those, nothing else found on disk) are copied into a
 * sibling temporary folder of the target, then swapped in with rename(2), so a visitor never sees
 * a half-written site. Each publication is then recorded in the ledger as delivered, with its URL,
 * or as withdrawn when a withdrawal is in force (its page is the 已撤回 page or the notice).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { DeliverContext, DeliveryResult, DeliveryUnit, Receipt } from '@gongkai/core'
import { ERRORS, GongkaiError, describeMissingReview, isReviewed, reviewLevelsOf, withdrawalInForce } from '@gongkai/core'
import { isSafeArtifactPath, mapLimit, swapDirectory } from '@gongkai/core/internal'
import { absoluteUrl, publicationPath } from './paths.js'
import { isPublic } from './site.js'

const CHANNEL = 'website'

/** The page URL of a publication: `site.baseUrl` + `p/<id>.html`. */
export function pageUrl(baseUrl: string, id: string): string {
  return absoluteUrl(baseUrl, publicationPath(id))
}

function stamp(now: Date): string {
  return `${now.toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`
}

/**
 * Puts the site in `target` atomically and records each unit's publication in the ledger. The
 * files are `ctx.release`'s when the hub delivers a release; without one (an embedder calling the
 * channel directly) they are `ctx.assembled` and the units' artifacts.
 */
export async function deliverSite(target: string, units: readonly DeliveryUnit[], ctx: DeliverContext): Promise<Receipt> {
  const now = ctx.now()
  const release = ctx.release
  const results: DeliveryResult[] = []
  // The hub hands over only what is due; an embedder calling the channel directly may not, and a
  // page without 保密审查 or before its publishAt must not reach the live site either way.
  const withheld = new Set(ctx.withheld ?? [])
  const deliverable: DeliveryUnit[] = []
  for (const u of units) {
    const p = u.disclosure.publication
    const levels = reviewLevelsOf(ctx.config)
    if (isPublic(p, now, levels)) {
      deliverable.push(u)
      continue
    }
    withheld.add(p.id)
    const reviewed = isReviewed(p, levels)
    const code = reviewed ? 'website/scheduled' : 'website/not-reviewed'
    const message = reviewed ? `定时发布时间 ${p.publishAt ?? ''} 未到` : `${describeMissingReview(p, levels)}，不发布到网站`
    results.push({ publication: p.id, revision: u.disclosure.revision, channel: CHANNEL, state: 'pending', error: { code, message } })
    ctx.log({ level: 'info', message, publication: p.id, code })
  }
  const direct = [...ctx.assembled, ...deliverable.flatMap((u) => u.artifacts)].filter(
    (a) => a.channel === CHANNEL && isSafeArtifactPath(a.path) && (a.publication === undefined || !withheld.has(a.publication)),
  )
  const hasIndex = release === undefined ? direct.some((a) => a.path === 'index.html') : release.files.some((f) => f.path === 'index.html')
  if (!hasIndex) throw new GongkaiError(ERRORS.WebsiteNotBuilt, '还没有生成网站，无法发布', { hint: '请先运行 gongkai build 生成网站，再发布到网站目录' })

  const holder = `website-${stamp(now)}`
  const claimed: DeliveryUnit[] = []
  for (const u of deliverable) {
    const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: CHANNEL }
    const url = pageUrl(ctx.config.site.baseUrl, key.publication)
    const record = await ctx.ledger.open(key)
    if (record.state === 'delivered' || record.state === 'withdrawn') {
      results.push({ ...key, state: 'skipped', url })
      continue
    }
    if (await ctx.ledger.claim(key, holder, 10 * 60_000)) claimed.push(u)
    else results.push({ ...key, state: 'pending', url, error: { code: 'website/busy', message: '另一个进程正在发布该信息' } })
  }

  const parent = dirname(resolve(target))
  const tag = stamp(now)
  const staged = join(parent, `.${basename(target)}.tmp-${tag}`)
  try {
    mkdirSync(staged, { recursive: true })
    // A release built under an older config may hold pages this one holds back: they stay off the site too.
    const files = release?.files.filter((f) => f.publications.length === 0 || f.publications.some((id) => !withheld.has(id)))
    if (release !== undefined && files !== undefined) await mapLimit(files, 16, async (f) => release.copyTo(f.path, join(staged, ...f.path.split('/'))))
    else
      for (const a of direct) {
        const full = join(staged, ...a.path.split('/'))
        mkdirSync(dirname(full), { recursive: true })
        writeFileSync(full, a.data)
      }
    swapDirectory(staged, resolve(target), tag)
  } catch (cause) {
    rmSync(staged, { recursive: true, force: true })
    const error = { code: 'website/deliver-failed', message: `复制网站到“${target}”失败：${cause instanceof Error ? cause.message : String(cause)}` }
    for (const u of claimed) {
      const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: CHANNEL }
      await ctx.ledger.setState(key, 'failed', { error })
      results.push({ ...key, state: 'failed', error })
    }
    ctx.log({ level: 'error', message: error.message, code: error.code })
    return { channel: CHANNEL, results, stopped: error }
  }

  for (const u of claimed) {
    const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: CHANNEL }
    const url = pageUrl(ctx.config.site.baseUrl, key.publication)
    // The withdrawn revision went out as its 已撤回 page (or the notice over the text): the ledger says withdrawn, with that URL.
    const state = withdrawalInForce(u.disclosure.publication, now, ctx.config.timezone) === undefined ? 'delivered' : 'withdrawn'
    await ctx.ledger.setState(key, state, { url })
    results.push({ ...key, state, url })
  }
  ctx.log({ level: 'info', message: `网站已更新到 ${target}（${claimed.length} 条新发布${release === undefined ? '' : `，发布版本 ${release.id}`}）` })
  return { channel: CHANNEL, results, target: resolve(target) }
}
