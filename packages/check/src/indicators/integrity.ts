/**
 * 内容安全与防篡改: the live site against the delivered release (the hub's `verify`, folder or HTTP),
 * and the forbidden words (the spam and gambling names defacers inject, plus the office's own) in
 * the built and live pages. Either is a 严重错误 of the inspection: 单项否决.
 */
import { GongkaiError } from '@gongkai/core'
import { verifyFolder, verifyUrl } from '@gongkai/hub'
import type { VerifyResult } from '@gongkai/hub'
import { findAll } from 'domutils'
import type { CheckContext } from '../context.js'
import { finding, pagePlace } from '../context.js'
import { lineAt, text } from '../html.js'
import type { Page } from '../html.js'
import type { Site } from '../site.js'
import type { Finding, IndicatorResult } from '../types.js'
import { INDICATOR_NAMES } from '../types.js'

const KIND = { changed: '被改动', added: '被新增', removed: '缺失' } as const

/** The forbidden words a page holds, in its text and in the attributes a reader or crawler sees (title, alt, content, href). */
export function forbiddenIn(page: Page, words: readonly string[]): { word: string; line?: number }[] {
  const haystack = [text(page.document)]
  for (const e of findAll(() => true, page.document.children)) for (const k of ['title', 'alt', 'content', 'href', 'aria-label']) if (e.attribs[k] !== undefined) haystack.push(e.attribs[k])
  const all = haystack.join('\n').toLowerCase()
  const raw = page.html.toLowerCase()
  const out: { word: string; line?: number }[] = []
  for (const word of words) {
    const w = word.toLowerCase()
    if (!all.includes(w)) continue
    const at = raw.indexOf(w)
    out.push({ word, ...(at === -1 ? {} : { line: lineAt(page.html, at) }) })
  }
  // 新葡京 inside 澳门新葡京 is the same injection: the longer name is reported.
  return out.filter((h) => !out.some((o) => o.word.length > h.word.length && o.word.toLowerCase().includes(h.word.toLowerCase())))
}

function wordFindings(ctx: CheckContext, site: Site, label: string): Finding[] {
  const out: Finding[] = []
  for (const page of site.pages)
    for (const hit of forbiddenIn(page, ctx.settings.forbiddenWords)) {
      out.push(
        finding(
          'integrity/forbidden-word',
          `${label}页面含有违禁词“${hit.word}”`,
          site === ctx.built ? '删去公开信息中的该词后重新生成网站；若不是本单位写入，检查项目目录是否被改动' : '网站可能被篡改（暗链、挂马）：立即用 gongkai verify --repair 恢复，并排查服务器',
          pagePlace(ctx, site, page, { ...(hit.line === undefined ? {} : { line: hit.line }), note: `“${hit.word}”` }),
          { veto: true },
        ),
      )
    }
  return out
}

function tamperFindings(r: VerifyResult): Finding[] {
  return r.differences.map((d) => {
    const where = r.mode === 'http' ? { url: d.url ?? new URL(d.path, r.target.endsWith('/') ? r.target : `${r.target}/`).href } : { file: `${r.target}/${d.path}` }
    const seen = d.agents !== undefined && d.agents.length === 1 ? (d.agents[0] === 'crawler' ? '（只有搜索引擎爬虫看到，常见的暗链注入）' : '（只有浏览器看到）') : ''
    const status = d.status === undefined ? '' : `，网站回应 HTTP ${d.status}`
    return finding(
      'integrity/tampered',
      `线上文件 ${d.path} ${KIND[d.kind]}，与 ${r.release} 发布版本不一致${status}${seen}`,
      '用 gongkai verify --repair 恢复发布版本，并排查是谁改动了网站',
      { ...where, note: `发布版本 ${r.release}` },
      { veto: true },
    )
  })
}

/** Runs the indicator; `liveFolder` is where the website was delivered (a live folder on this machine), when it was. */
export async function integrity(ctx: CheckContext, live: { readonly folder?: Site; readonly url?: string }): Promise<IndicatorResult> {
  const findings: Finding[] = []
  const parts: string[] = []
  let verified = false
  try {
    const r =
      live.url !== undefined
        ? await verifyUrl(ctx.project.dir, 'website', live.url, { concurrency: ctx.settings.concurrency, timeoutMs: ctx.settings.timeoutMs })
        : await verifyFolder(ctx.project.dir, 'website')
    verified = true
    findings.push(...tamperFindings(r))
    parts.push(`线上网站与发布版本 ${r.release} 比对 ${r.checked} 个文件：${r.differences.length === 0 ? '一致' : `${r.differences.length} 处不一致`}`)
  } catch (cause) {
    if (!(cause instanceof GongkaiError)) throw cause
    parts.push(`未核验线上网站：${cause.message}`)
  }
  const sites: [Site, string][] = []
  if (ctx.built !== undefined) sites.push([ctx.built, '生成的网站'])
  if (ctx.live !== undefined) sites.push([ctx.live, '线上网站'])
  else if (live.folder !== undefined) sites.push([live.folder, '线上网站'])
  for (const [site, label] of sites) findings.push(...wordFindings(ctx, site, label))
  const words = findings.filter((f) => f.rule === 'integrity/forbidden-word').length
  parts.push(`${ctx.settings.forbiddenWords.length} 个违禁词在${sites.map(([s, l]) => `${l} ${s.pages.length} 个页面`).join('、') || '（无页面）'}中${words === 0 ? '未出现' : `出现 ${words} 处`}`)
  const status = findings.length > 0 ? 'fail' : verified || sites.length > 0 ? 'pass' : 'skipped'
  return { id: 'integrity', name: INDICATOR_NAMES.integrity, status, veto: findings.some((f) => f.veto), summary: parts.join('；'), findings }
}
