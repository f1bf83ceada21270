/**
 * Delivery: the built site is copied into a sibling temporary folder of the target, completed
 * there, then swapped in with rename(2), so a visitor never sees a half-written site. Each
 * publication is then recorded in the ledger as delivered, with its page URL.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { DeliverContext, DeliveryResult, DeliveryUnit, Receipt } from '@gongkai/core'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { swapDirectory } from '@gongkai/core/internal'
import { CACHE_FILE } from './builder.js'
import { absoluteUrl, publicationPath, SITE_PATHS } from './paths.js'
import { isPublic } from './site.js'

const CHANNEL = 'website'

/** The page URL of a publication: `site.baseUrl` + `p/<id>.html`. */
export function pageUrl(baseUrl: string, id: string): string {
  return absoluteUrl(baseUrl, publicationPath(id))
}

function stamp(now: Date): string {
  return `${now.toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`
}

function listedPages(source: string | undefined, baseUrl: string): Set<string> | undefined {
  if (source === undefined || !existsSync(join(source, SITE_PATHS.sitemap))) return undefined
  const base = absoluteUrl(baseUrl, '')
  const set = new Set<string>()
  for (const m of readFileSync(join(source, SITE_PATHS.sitemap), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)) {
    const url = (m[1] ?? '').replace(/&amp;/g, '&')
    if (url.startsWith(base)) set.add(decodeURI(url.slice(base.length)))
  }
  return set
}

/** Copies OUT/website to `target` atomically and records each deliverable publication in the ledger. */
export async function deliverSite(target: string, units: readonly DeliveryUnit[], ctx: DeliverContext): Promise<Receipt> {
  const now = ctx.now()
  const source = ctx.outDir === undefined ? undefined : join(ctx.outDir, CHANNEL)
  const hasBuild = source !== undefined && existsSync(join(source, 'index.html'))
  const hasAssembled = ctx.assembled.some((a) => a.path === 'index.html')
  if (!hasBuild && !hasAssembled) {
    throw new GongkaiError(ERRORS.WebsiteNotBuilt, '还没有生成网站，无法发布', { hint: '请先运行 gongkai build 生成 OUT/website/，再发布到网站目录' })
  }
  const results: DeliveryResult[] = []
  const deliverable: DeliveryUnit[] = []
  // The hub names what it held back (unreviewed, publishAt not reached): their pages stay out too.
  const withheld = new Set<string>((ctx.withheld ?? []).map((id) => publicationPath(id)))
  for (const u of units) {
    const p = u.disclosure.publication
    if (isPublic(p, now)) {
      deliverable.push(u)
      continue
    }
    withheld.add(publicationPath(p.id))
    const code = p.review === undefined ? 'website/not-reviewed' : 'website/scheduled'
    const message = p.review === undefined ? '尚未通过保密审查，不发布到网站' : `定时发布时间 ${p.publishAt ?? ''} 未到`
    results.push({ publication: p.id, revision: u.disclosure.revision, channel: CHANNEL, state: 'pending', error: { code, message } })
    ctx.log({ level: 'info', message, publication: p.id, code })
  }

  // Pages the build made for publications that are not public (a preview, a hub that rendered
  // everything) are not in the sitemap: they are never copied, whether or not they are in `units`.
  const listed = listedPages(source, ctx.config.site.baseUrl)

  const holder = `website-${process.pid}-${stamp(now)}`
  const claimed: DeliveryUnit[] = []
  for (const u of deliverable) {
    const key = { publication: u.disclosure.publication.id, revision: u.disclosure.revision, channel: CHANNEL }
    const url = pageUrl(ctx.config.site.baseUrl, key.publication)
    const record = await ctx.ledger.open(key)
    if (record.state === 'delivered') {
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
    mkdirSync(parent, { recursive: true })
    if (hasBuild) {
      cpSync(source, staged, {
        recursive: true,
        filter: (src) => {
          const rel = src
            .slice(source.length + 1)
            .split('\\')
            .join('/')
          if (rel === CACHE_FILE || withheld.has(rel)) return false
          return listed === undefined || !/^p\/[^/]+\.html$/.test(rel) || listed.has(rel)
        },
      })
    } else {
      mkdirSync(staged, { recursive: true })
    }
    // Artifacts handed over directly (without a build folder) complete the staged copy.
    for (const a of [...ctx.assembled, ...deliverable.flatMap((u) => u.artifacts)]) {
      if (a.channel !== CHANNEL || a.path.startsWith('/') || a.path.split('/').includes('..') || withheld.has(a.path)) continue
      const full = join(staged, a.path)
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
    await ctx.ledger.setState(key, 'delivered', { url })
    results.push({ ...key, state: 'delivered', url })
  }
  ctx.log({ level: 'info', message: `网站已更新到 ${target}（${claimed.length} 条新发布）` })
  return { channel: CHANNEL, results }
}
