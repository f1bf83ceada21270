/**
 * 要素完整: each catalog item with its elements, each publication page with its metadata block, each
 * page's footer with the identification codes (政府网站发展指引), and items that name a channel on
 * which nothing of theirs was ever delivered.
 */
import { reviewLevelsOf, withdrawalInForce } from '@gongkai/core'
import { holdReason } from '@gongkai/core/internal'
import type { CatalogItem } from '@gongkai/core'
import type { CheckContext } from '../context.js'
import { finding, itemLine, pagePlace } from '../context.js'
import { definitionList } from '../html.js'
import type { Site } from '../site.js'
import type { Finding, IndicatorResult } from '../types.js'
import { INDICATOR_NAMES } from '../types.js'

/** The metadata every disclosure page opens with, as the shared government-site block names them. */
export const METADATA = ['索引号', '发布机构', '成文日期', '发布日期'] as const

/** The footer's identification entries, and the config key each comes from. */
export const FOOTER = [
  ['主办单位', 'site.sponsor'],
  ['网站标识码', 'site.siteCode'],
  ['ICP备案号', 'site.icp'],
  ['公安机关备案号', 'site.police'],
] as const

/** Channels whose deliveries the ledger records (the noticeboard is printed, not delivered). */
const DELIVERED_CHANNELS = ['website', 'wechat', 'kiosk'] as const
const CHANNEL_NAMES: Record<string, string> = { website: '政府网站', wechat: '微信公众号', kiosk: '办事大厅屏' }

/** The elements of an item that are missing or not understood, in Chinese. */
export function missingElements(item: CatalogItem): string[] {
  const out: string[] = []
  if (item.name.trim() === '') out.push('事项名称')
  if (item.basis.length === 0) out.push('公开依据')
  if (item.content.trim() === '') out.push('公开内容')
  if (item.owner.trim() === '') out.push('公开主体')
  if (item.timeLimit.kind === 'unknown') out.push('公开时限')
  if (item.channels.length === 0) out.push('公开渠道')
  return out
}

function metadataFindings(ctx: CheckContext, site: Site): Finding[] {
  const out: Finding[] = []
  const byId = new Map(ctx.project.disclosures.map((d) => [d.publication.id, d]))
  for (const page of site.pages.filter((p) => /^p\/[^/]+\.html$/.test(p.path))) {
    const id = page.path.slice(2, -5)
    const d = byId.get(id)
    // A removed or redirected publication's page is the short 已撤回 page in its place, with no metadata block to check.
    const withdrawal = d === undefined ? undefined : withdrawalInForce(d.publication, ctx.now, ctx.project.config.timezone)
    if (withdrawal !== undefined && withdrawal.mode !== 'notice') continue
    const meta = definitionList(page, 'meta')
    const missing = METADATA.filter((k) => (meta.get(k) ?? '') === '')
    if (missing.length === 0) continue
    out.push(
      finding(
        'completeness/metadata',
        `公开信息页面缺少${missing.join('、')}`,
        d === undefined ? '重新生成网站（gongkai build）' : `在 ${d.publication.source.file} 中补充相应字段（如成文日期 written、发布日期 published），再重新生成网站`,
        pagePlace(ctx, site, page),
        {
          ...(d === undefined ? {} : { owner: d.item.owner, item: d.item.code, publication: id }),
        },
      ),
    )
  }
  return out
}

function footerFindings(ctx: CheckContext, site: Site): Finding[] {
  const out: Finding[] = []
  const pages = site.pages.filter((p) => !p.path.startsWith('search/'))
  for (const [label, key] of FOOTER) {
    const lacking = pages.filter((p) => (definitionList(p, 'footer-info').get(label) ?? '') === '')
    const first = lacking[0]
    if (first === undefined) continue
    out.push(
      finding(
        'completeness/footer',
        `${lacking.length} 个页面的页脚缺少${label}（共 ${pages.length} 个页面）`,
        `在 gongkai.config.yaml 中填写 ${key}，再重新生成网站`,
        pagePlace(ctx, site, first, { note: lacking.length > 1 ? `等 ${lacking.length} 个页面` : '该页面' }),
      ),
    )
  }
  return out
}

function undeliveredFindings(ctx: CheckContext): Finding[] {
  const out: Finding[] = []
  const levels = reviewLevelsOf(ctx.project.config)
  for (const channel of DELIVERED_CHANNELS) {
    const items = ctx.project.catalog.items.filter((i) => (i.channels as readonly string[]).includes(channel))
    if (items.length === 0) continue
    const delivered = ctx.records.filter((r) => r.channel === channel && r.state === 'delivered')
    if (delivered.length === 0) {
      const configured = ctx.project.config.channels[channel]
      const why =
        configured === undefined
          ? `gongkai.config.yaml 中没有 channels.${channel}`
          : channel !== 'wechat' && configured['target'] === undefined && configured['hosts'] === undefined
            ? `channels.${channel} 没有配置发布目标`
            : '从未推送'
      out.push(
        finding(
          'completeness/undelivered',
          `${items.length} 个事项指定在${CHANNEL_NAMES[channel] ?? channel}公开，但台账中该渠道没有任何发布记录（${why}）`,
          `配置 channels.${channel} 并运行 gongkai push --channel ${channel}`,
          { file: 'gongkai.config.yaml', note: `channels.${channel}` },
        ),
      )
      continue
    }
    const done = new Set(delivered.map((r) => r.publication))
    for (const item of items) {
      const due = ctx.project.disclosures.filter(
        (d) => d.item.code === item.code && d.publication.withdrawn === undefined && d.publication.formed <= ctx.on && holdReason(d, ctx.now, levels) === undefined,
      )
      if (due.length === 0 || due.some((d) => done.has(d.publication.id))) continue
      const line = itemLine(ctx.catalogText, item.code)
      out.push(
        finding(
          'completeness/undelivered',
          `事项 ${item.code}“${item.name}”指定在${CHANNEL_NAMES[channel] ?? channel}公开，${due.length} 条应公开的信息在该渠道都没有发布`,
          `${item.owner}：推送到${CHANNEL_NAMES[channel] ?? channel}（gongkai push --channel ${channel}），或在目录中改正公开渠道`,
          { file: 'catalog.yaml', ...(line === undefined ? {} : { line }) },
          { owner: item.owner, item: item.code },
        ),
      )
    }
  }
  return out
}

/** Runs the indicator. */
export function completeness(ctx: CheckContext): IndicatorResult {
  const findings: Finding[] = []
  for (const item of ctx.project.catalog.items) {
    const missing = missingElements(item)
    if (missing.length === 0) continue
    const line = itemLine(ctx.catalogText, item.code)
    findings.push(
      finding(
        'completeness/item',
        `事项 ${item.code}“${item.name}”缺少要素：${missing.join('、')}`,
        `${item.owner || '目录维护人'}：在 catalog.yaml 中补全该事项的${missing.join('、')}`,
        { file: 'catalog.yaml', ...(line === undefined ? {} : { line }) },
        { owner: item.owner, item: item.code },
      ),
    )
  }
  const site = ctx.live ?? ctx.built
  if (site !== undefined) findings.push(...metadataFindings(ctx, site), ...footerFindings(ctx, site))
  findings.push(...undeliveredFindings(ctx))
  const summary = `${ctx.project.catalog.items.length} 个事项${site === undefined ? '' : `、${site.pages.filter((p) => p.path.startsWith('p/')).length} 个公开信息页面`}：${findings.length === 0 ? '要素齐全' : `${findings.length} 处不全`}`
  return { id: 'completeness', name: INDICATOR_NAMES.completeness, status: findings.length === 0 ? 'pass' : 'fail', veto: false, summary, findings }
}
