/**
 * 链接可用: every internal link (href, src) of the built site and, with `--url`, of the live one;
 * external links only when asked, a few at a time, each with a timeout.
 */
import type { CheckContext } from '../context.js'
import { finding, pagePlace, pageSource, sourceAt } from '../context.js'
import { attr, elements, lineAt } from '../html.js'
import { fetchUrl, internalLinks, isExternal, pooled } from '../site.js'
import type { Site } from '../site.js'
import type { Finding, IndicatorResult } from '../types.js'
import { INDICATOR_NAMES } from '../types.js'

async function siteLinks(ctx: CheckContext, site: Site): Promise<{ findings: Finding[]; checked: number }> {
  const base = site.kind === 'http' ? new URL(site.root) : undefined
  const uses: { page: (typeof site.pages)[number]; raw: string; path: string; line?: number }[] = []
  for (const page of site.pages) for (const l of internalLinks(page, base)) uses.push({ page, raw: l.raw, path: l.path, ...(l.line === undefined ? {} : { line: l.line }) })
  const targets = [...new Set(uses.map((u) => u.path))]
  const answers = new Map<string, Awaited<ReturnType<Site['exists']>>>()
  const results = await pooled(targets, ctx.settings.concurrency, (t) => site.exists(t))
  targets.forEach((t, i) => answers.set(t, results[i] as Awaited<ReturnType<Site['exists']>>))
  const findings: Finding[] = []
  for (const u of uses) {
    const a = answers.get(u.path)
    if (a === undefined || a.ok) continue
    const why = site.kind === 'folder' ? '目标文件不在生成的网站中' : a.status === 0 ? `无法访问（${a.error ?? '无响应'}）` : `网站回应 HTTP ${a.status ?? ''}`
    const { source, ...who } = pageSource(ctx, u.page.path)
    const fix =
      site.kind === 'folder'
        ? `改正${source === undefined ? '公开信息正文' : sourceAt(ctx, source, u.raw.split('/').pop() ?? '')}中的链接，或把文件放进 assets/ 后重新生成网站`
        : '重新推送网站（gongkai push --channel website），或检查服务器配置'
    findings.push(finding('links/broken', `链接“${u.raw}”不可用：${why}`, fix, pagePlace(ctx, site, u.page, { ...(u.line === undefined ? {} : { line: u.line }), note: `链接 ${u.raw}` }), who))
  }
  return { findings, checked: uses.length }
}

async function externalLinks(ctx: CheckContext, site: Site): Promise<{ findings: Finding[]; checked: number }> {
  const base = new URL(ctx.project.config.site.baseUrl)
  const uses: { page: (typeof site.pages)[number]; url: string; line: number }[] = []
  for (const page of site.pages)
    for (const a of elements(page, 'a')) {
      const href = attr(a, 'href')
      if (href === undefined || !isExternal(href, base)) continue
      if (ctx.settings.exclude.some((r) => r.test(href))) continue
      uses.push({ page, url: new URL(href, base).href, line: a.startIndex === null ? 1 : lineAt(page.html, a.startIndex) })
    }
  const urls = [...new Set(uses.map((u) => u.url))]
  const got = await pooled(urls, ctx.settings.concurrency, async (url) => {
    const head = await fetchUrl(url, { timeoutMs: ctx.settings.timeoutMs, method: 'HEAD' })
    return head.status === 405 || head.status === 501 ? fetchUrl(url, { timeoutMs: ctx.settings.timeoutMs }) : head
  })
  const status = new Map(urls.map((u, i) => [u, got[i]]))
  const findings: Finding[] = []
  for (const u of uses) {
    const f = status.get(u.url)
    if (f === undefined || (f.status >= 200 && f.status < 400)) continue
    findings.push(
      finding(
        'links/external',
        `外部链接 ${u.url} 不可用：${f.status === 0 ? (f.error ?? '无响应') : `HTTP ${f.status}`}`,
        '改正或删去该链接；外部网站改版时应更新链接地址',
        pagePlace(ctx, site, u.page, { line: u.line, note: `链接 ${u.url}` }),
      ),
    )
  }
  return { findings, checked: urls.length }
}

/** Runs the indicator. */
export async function links(ctx: CheckContext): Promise<IndicatorResult> {
  const findings: Finding[] = []
  const parts: string[] = []
  if (ctx.built !== undefined) {
    const r = await siteLinks(ctx, ctx.built)
    findings.push(...r.findings)
    parts.push(`生成的网站 ${r.checked} 个内部链接中 ${r.findings.length} 个不可用`)
  }
  if (ctx.live !== undefined) {
    const r = await siteLinks(ctx, ctx.live)
    findings.push(...r.findings)
    parts.push(`线上网站 ${ctx.live.pages.length} 个页面的 ${r.checked} 个内部链接中 ${r.findings.length} 个不可用`)
  }
  const site = ctx.live ?? ctx.built
  if (ctx.external && site !== undefined) {
    const r = await externalLinks(ctx, site)
    findings.push(...r.findings)
    parts.push(`外部链接 ${r.checked} 个中 ${new Set(r.findings.map((f) => f.place.note)).size} 个不可用`)
  } else if (site !== undefined) parts.push('外部链接未检查（加 --external）')
  if (site === undefined) return { id: 'links', name: INDICATOR_NAMES.links, status: 'skipped', veto: false, summary: '没有生成的网站（先运行 gongkai build），也没有给出 --url', findings }
  return { id: 'links', name: INDICATOR_NAMES.links, status: findings.length === 0 ? 'pass' : 'fail', veto: false, summary: parts.join('；'), findings }
}
