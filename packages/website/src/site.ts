/**
 * The site's pages as data and HTML: one publication page, one item page, and the whole-collection
 * pages (home, catalog directory, adjustments, columns, search page, feed, sitemap); the search
 * index itself is search-index.ts.
 * Pure: same input, same bytes. Shared by the channel (render/assemble) and the incremental builder.
 */
import type { Catalog, CatalogItem, ColumnConfig, Correction, Disclosure, ProjectConfig, Publication, ValidityStatus, WithdrawMode } from '@gongkai/core'
import { effectiveValidity, formatChineseDate, isReviewed, toPlainText, withdrawalInForce } from '@gongkai/core'
import { holdFor } from '@gongkai/core/internal'
import { ADJUSTMENT_LABELS, AUDIENCE_LABELS, channelsText, dateIn, escapeXml, hashOf, KIND_LABELS, LEVEL_LABELS, MODE_LABELS, offsetIn, STAGE_LABELS } from './format.js'
import { assetPathOf, encodePath, renderBody } from './html/to-html.js'
import { absoluteUrl, columnPath, itemPath, publicationPath, rootOf, SITE_PATHS, VALIDITY_PAGES, validityPath } from './paths.js'
import type { Templates } from './templates.js'

/** What lists, feeds and the search index need of a publication: small, cached between builds. */
export interface Entry {
  readonly id: string
  /** Revision + 索引号: changes whenever the entry or the page changes. */
  readonly rev: string
  readonly title: string
  readonly path: string
  readonly item: string
  readonly itemName: string
  readonly category: string
  readonly kind: Publication['kind']
  /** 发布日期 shown (YYYY-MM-DD). */
  readonly date: string
  readonly indexNo: string
  readonly docNumber: string
  readonly summary: string
  readonly tags: readonly string[]
  /** A 预览稿 (see `isPreview`): listed on the preview site's pages, never in its feed, sitemap or search index. */
  readonly preview?: boolean
  /** The withdrawal in force on the build's day (`withdrawalInForce`): `notice` stays listed, marked; `remove` and `redirect` leave every list. */
  readonly withdrawn?: { readonly on: string; readonly reason: string; readonly mode: WithdrawMode }
  /** 更新日期 (YYYY-MM-DD): the latest correction or the withdrawal, when later than `date`; the feed's `updated` and the sitemap's `lastmod`. */
  readonly updated?: string
  /** 有效性 on the build's day (`effectiveValidity`), when the publication has one. */
  readonly validity?: ValidityStatus
}

/** Whether an entry has left the lists (withdrawn with `remove` or `redirect`): its URL answers with a short page, nothing links to it. */
export function isGone(e: Entry): boolean {
  return e.withdrawn !== undefined && e.withdrawn.mode !== 'notice'
}

/** What a publication page needs besides the disclosure, all taken on the build's day. */
export interface PageFacts {
  /** The build's instant: withdrawals and 有效性 are taken on its day in the project's timezone. */
  readonly now: Date
  /** A 预览稿: bannered and noindex. */
  readonly preview?: boolean
  /** Another listed publication by id (a redirect's target, a `validity.by`). */
  readonly find?: (id: string) => Publication | undefined
  /** The publications withdrawn in favour of this one (`mode: redirect`, `to` this id), in force on the day. */
  readonly replaces?: readonly Publication[]
}

/** The built-in 专栏, present on every site; a config column with the same id overrides its title. */
export const STANDARD_COLUMN: ColumnConfig = {
  id: 'standard',
  title: '政务公开标准化规范化',
  description: '按照基层政务公开标准化规范化要求，集中公开本单位的政务公开事项标准目录、目录动态调整情况和各事项下的公开信息。',
}

/** Options for `createSite`. */
export interface SiteOptions {
  readonly config: ProjectConfig
  readonly templates: Templates
  readonly latestCount: number
  readonly feedCount: number
  readonly columnCount: number
}

/** A rendered page with the project assets it refers to. */
export interface RenderedPage {
  readonly path: string
  readonly html: string
  readonly assets: readonly string[]
}

/** Whether a publication may be listed and delivered: reviewed (保密审查) and past its publishAt. */
export function isPublic(p: Publication, now: Date, reviewLevels: readonly string[]): boolean {
  // The hub's one rule, so the site lists exactly what delivery lets out.
  return holdFor({ reviewed: isReviewed(p, reviewLevels), publishAt: p.publishAt }, now) === undefined
}

/** Newest first: by 发布日期, then id. */
export function compareEntries(a: Entry, b: Entry): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

const SAFE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\0\\]+$/

/** The site's renderer for one configuration and one set of templates. */
export interface Site {
  /** Hash of the configuration and templates: part of every cache key. */
  readonly hash: string
  readonly templates: Templates
  /** The list entry of a disclosure on the day `now` falls on; `preview`: the entry of a 预览稿. */
  entryOf(d: Disclosure, now: Date, preview?: boolean): Entry
  /**
   * The page of one publication; `known` says which publication ids have pages (for cross links).
   * A withdrawal in force shapes it: `notice` keeps the page under a 已撤回 note, `remove` and
   * `redirect` replace it with a short page (without attachments).
   */
  renderPublication(d: Disclosure, known: (id: string) => boolean, facts: PageFacts): RenderedPage
  /** The page of one catalog item with its publications (newest first). */
  renderItem(item: CatalogItem, catalog: Catalog, today: string, entries: readonly Entry[]): RenderedPage
  /** Every whole-collection page and file (items excluded), from the entries (newest first). */
  renderCollection(catalog: Catalog, today: string, entries: readonly Entry[]): RenderedPage[]
  /** Project assets every page refers to (the 党政机关网站标识). */
  readonly siteAssets: readonly string[]
  /** The columns of the site: the built-in 专栏 first, then the config's. */
  readonly columns: readonly ColumnConfig[]
}

/** Creates the renderer. Compiles nothing: the templates come compiled. */
export function createSite(options: SiteOptions): Site {
  const { config, templates } = options
  const tz = config.timezone
  const logoAsset = config.site.partyLogo === undefined ? undefined : (assetPathOf(config.site.partyLogo) ?? (SAFE_PATH.test(config.site.partyLogo) ? config.site.partyLogo : undefined))
  const siteInfo = {
    title: config.site.title,
    bodyName: config.body.name,
    sponsor: config.site.sponsor ?? config.body.name,
    address: config.body.address,
    phone: config.body.phone,
    siteCode: config.site.siteCode,
    icp: config.site.icp,
    police: config.site.police,
    partyLogo: logoAsset === undefined ? undefined : encodePath(logoAsset),
    themeCss: templates.themeCss,
  }
  const own = config.site.columns.find((c) => c.id === STANDARD_COLUMN.id)
  const columns: ColumnConfig[] = [{ ...STANDARD_COLUMN, ...own }, ...config.site.columns.filter((c) => c.id !== STANDARD_COLUMN.id)]
  const hash = hashOf(templates.hash, JSON.stringify(config.body), JSON.stringify(config.site), tz, String(options.latestCount), String(options.feedCount), String(options.columnCount))
  // Per-entry pieces of the big lists, kept while the entry object lives (across rebuilds).
  const sitemapLines = new WeakMap<Entry, string>()
  const columnLinks = columns.map((c) => ({ title: c.title, path: columnPath(c.id) }))

  const page = (name: Parameters<Templates['page']>[0], path: string, data: Record<string, unknown>): string =>
    templates.page(name, { root: rootOf(path), site: siteInfo, columns: columnLinks, nav: name, ...data })

  const shownDate = (p: Publication) => p.published ?? (p.publishAt === undefined ? p.formed : dateIn(new Date(p.publishAt), tz))

  // A list marks what a reader must know before opening an entry: withdrawn (notice), no longer in force.
  const entryView = (e: Entry, root: string) => ({
    ...e,
    url: root + e.path,
    kindLabel: KIND_LABELS[e.kind],
    dateText: e.date,
    withdrawnLabel: e.withdrawn === undefined ? undefined : '已撤回',
    validityLabel: e.validity === undefined || e.validity === '有效' ? undefined : e.validity,
  })

  const itemView = (item: CatalogItem, root: string) => ({
    code: item.code,
    name: item.name,
    category: item.category,
    subcategory: item.subcategory ?? '',
    basis: item.basis,
    content: item.content,
    owner: item.owner,
    timeLimit: item.timeLimit.text,
    channels: channelsText(item),
    audience: AUDIENCE_LABELS[item.audience],
    mode: MODE_LABELS[item.mode],
    level: item.level.map((l) => LEVEL_LABELS[l]).join('、'),
    notes: item.notes ?? '',
    url: root + itemPath(item.code),
  })

  const statusLabel = (catalog: Catalog, code: string, today: string): string | undefined => {
    const s = catalog.status(code, today)
    if (s === 'in-force') return undefined
    const ended = catalog.endedBy(code, today)
    if (s === 'cancelled') return `该事项已于${formatChineseDate(ended?.date ?? '')}取消${ended?.reason === undefined ? '' : `（${ended.reason}）`}，以下为历史公开信息。`
    if (s === 'delegated') return `该事项已于${formatChineseDate(ended?.date ?? '')}下放${ended?.to === undefined ? '' : `至${ended.to}`}，以下为历史公开信息。`
    if (s === 'not-yet-added') return '该事项尚未施行。'
    return undefined
  }

  // The corrections in force on a day (one dated later is not yet made), and the latest of them.
  const lastCorrection = (p: Publication, today: string) =>
    (p.corrections ?? []).filter((c) => c.on <= today).reduce<Correction | undefined>((a, c) => (a === undefined || c.on >= a.on ? c : a), undefined)

  /** 更新日期: the latest correction or withdrawal in force on the day of `now`. */
  const updatedOf = (p: Publication, now: Date): string | undefined => {
    if (p.corrections === undefined && p.withdrawn === undefined) return undefined
    const today = dateIn(now, tz)
    const dates = [lastCorrection(p, today)?.on, withdrawalInForce(p, now, tz)?.on].filter((x): x is string => x !== undefined)
    return dates.length === 0 ? undefined : dates.sort().at(-1)
  }

  /** 有效性 as the metadata block shows it: 有效, 失效（2026年7月1日起）, 废止（…起）, with what ended it. */
  const validityView = (p: Publication, now: Date, root: string, known: (id: string) => boolean, find?: (id: string) => Publication | undefined) => {
    const status = effectiveValidity(p, now, tz)
    if (status === undefined) return undefined
    const today = dateIn(now, tz)
    let since: string | undefined
    if (status === '废止') since = p.validity?.on
    else if (status === '失效') {
      const dates = [p.validity?.status === '失效' ? p.validity.on : undefined, p.expires !== undefined && p.expires <= today ? p.expires : undefined].filter((x): x is string => x !== undefined)
      since = dates.sort()[0]
    }
    // What ended it, when the written status is the one in force (not an expiry over a 有效 that names its basis).
    const by = status !== '有效' && p.validity?.status === status ? p.validity.by : undefined
    const byPub = by === undefined ? undefined : find?.(by)
    return {
      status,
      since: since === undefined ? undefined : formatChineseDate(since),
      paren: since !== undefined || by !== undefined,
      ended: status !== '有效',
      // A publication of the site is named by its title (and linked); a document named in words stays as written.
      by: by === undefined ? undefined : byPub === undefined ? { text: by } : { title: byPub.title, url: known(byPub.id) ? root + publicationPath(byPub.id) : undefined },
    }
  }

  const matches = (c: ColumnConfig, e: Entry) => {
    const filtered = c.items !== undefined || c.categories !== undefined || c.tags !== undefined
    if (!filtered) return true
    return (c.items?.includes(e.item) ?? false) || (c.categories?.includes(e.category) ?? false) || (c.tags?.some((t) => e.tags.includes(t)) ?? false)
  }

  return {
    hash,
    templates,
    columns,
    siteAssets: logoAsset === undefined ? [] : [logoAsset],

    entryOf(d, now, preview = false) {
      const p = d.publication
      const text = p.summary ?? toPlainText(d.tree).replace(/\s+/g, ' ').trim()
      const withdrawn = withdrawalInForce(p, now, tz)
      const validity = effectiveValidity(p, now, tz)
      const date = shownDate(p)
      const updated = updatedOf(p, now)
      return {
        id: p.id,
        rev: `${d.revision}:${d.indexNo}`,
        title: p.title,
        path: publicationPath(p.id),
        item: d.item.code,
        itemName: d.item.name,
        category: d.item.category,
        kind: p.kind,
        date,
        indexNo: d.indexNo,
        docNumber: p.docNumber ?? '',
        summary: text.length > 120 ? `${text.slice(0, 120)}…` : text,
        tags: p.tags,
        ...(preview ? { preview: true } : {}),
        ...(withdrawn === undefined ? {} : { withdrawn: { on: withdrawn.on, reason: withdrawn.reason, mode: withdrawn.mode } }),
        ...(updated !== undefined && updated > date ? { updated } : {}),
        ...(validity === undefined ? {} : { validity }),
      }
    },

    renderPublication(d, known, facts) {
      const p = d.publication
      const { now, preview = false } = facts
      const path = publicationPath(p.id)
      const root = rootOf(path)
      const today = dateIn(now, tz)
      const withdrawn = withdrawalInForce(p, now, tz)
      const withdrawnText = withdrawn === undefined ? '' : `本文件已于${formatChineseDate(withdrawn.on)}撤回。撤回原因：${withdrawn.reason}`
      const item = itemView(d.item, root)

      if (withdrawn !== undefined && withdrawn.mode !== 'notice') {
        // The URL keeps answering (links, QR codes and bookmarks point at it), with nothing of the withdrawn text.
        const target = withdrawn.mode === 'redirect' && withdrawn.to !== undefined ? facts.find?.(withdrawn.to) : undefined
        const targetPath = target === undefined || !known(target.id) ? undefined : publicationPath(target.id)
        const html = page('withdrawn', path, {
          pageTitle: `已撤回：${p.title}`,
          title: p.title,
          notice: withdrawnText,
          withdrawnOn: withdrawn.on,
          withdrawnDate: formatChineseDate(withdrawn.on),
          reason: withdrawn.reason,
          item,
          standardColumn: columnPath(STANDARD_COLUMN.id),
          standardTitle: columns[0]?.title ?? STANDARD_COLUMN.title,
          // A static site cannot answer 301: a refresh, a canonical link and a visible link do the redirect.
          redirect: targetPath === undefined ? undefined : { url: root + targetPath, title: target?.title ?? '' },
          refreshTo: targetPath === undefined ? undefined : root + targetPath,
          canonical: targetPath === undefined ? undefined : absoluteUrl(config.site.baseUrl, targetPath),
          noindex: targetPath === undefined || preview,
          preview,
        })
        return { path, html, assets: logoAsset === undefined ? [] : [logoAsset] }
      }

      const body = renderBody(d.tree, root, { bodyName: config.body.name })
      const assets = new Set(body.assets)
      const link = (q: Publication) => {
        const qw = withdrawalInForce(q, now, tz)
        const last = lastCorrection(q, today)
        return {
          title: q.title,
          url: known(q.id) ? root + publicationPath(q.id) : undefined,
          date: shownDate(q),
          kindLabel: KIND_LABELS[q.kind],
          // What a linked page's reader must know before following the link: it was withdrawn, or corrected since.
          state: qw !== undefined ? `已撤回，${formatChineseDate(qw.on)}` : last !== undefined ? `已更正，${formatChineseDate(last.on)}` : undefined,
        }
      }
      const attachments = p.attachments.map((a) => {
        const asset = assetPathOf(a.path) ?? (SAFE_PATH.test(a.path) ? a.path : undefined)
        if (asset !== undefined) assets.add(asset)
        const ext = /\.([A-Za-z0-9]+)$/.exec(a.path)?.[1]?.toUpperCase()
        return { title: a.title, url: asset === undefined ? undefined : root + encodePath(asset), ext }
      })
      const corrections = (p.corrections ?? [])
        .filter((c) => c.on <= today)
        .map((c, i) => ({ ...c, i }))
        // Newest first; two on one day keep the file's order, the later one first.
        .sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : b.i - a.i))
        .map((c) => ({ on: c.on, date: formatChineseDate(c.on), note: c.note }))
      const updated = updatedOf(p, now)
      const replaces = (facts.replaces ?? []).map((q) => ({ title: q.title, date: formatChineseDate(withdrawalInForce(q, now, tz)?.on ?? q.withdrawn?.on ?? '') }))
      const html = page('publication', path, {
        pageTitle: withdrawn === undefined ? p.title : `【已撤回】${p.title}`,
        description: p.summary,
        title: p.title,
        indexNo: d.indexNo,
        category: d.item.subcategory === undefined ? d.item.category : `${d.item.category} / ${d.item.subcategory}`,
        bodyName: config.body.name,
        written: formatChineseDate(p.written ?? p.formed),
        published: formatChineseDate(shownDate(p)),
        updated: updated !== undefined && updated > shownDate(p) ? formatChineseDate(updated) : undefined,
        validity: validityView(p, now, root, known, facts.find),
        docNumber: p.docNumber ?? '',
        item,
        mode: MODE_LABELS[d.item.mode],
        kindLabel: KIND_LABELS[p.kind],
        stage: STAGE_LABELS[p.stage],
        noticePeriod: p.noticePeriod === undefined ? undefined : `${formatChineseDate(p.noticePeriod.from)}至${formatChineseDate(p.noticePeriod.until)}`,
        tags: p.tags,
        withdrawn: withdrawn === undefined ? undefined : { text: withdrawnText, on: withdrawn.on, date: formatChineseDate(withdrawn.on), reason: withdrawn.reason },
        corrections,
        replaces,
        body: body.html,
        attachments,
        release: d.links.release === undefined ? undefined : link(d.links.release),
        releaseLabel: p.kind === 'response' ? '本回应针对的文件' : '本解读对应的文件',
        interpretations: d.links.interpretations.map(link),
        responses: d.links.responses.map(link),
        hasRelated: d.links.release !== undefined || d.links.interpretations.length > 0 || d.links.responses.length > 0,
        preview,
        noindex: preview,
      })
      return { path, html, assets: [...assets, ...(logoAsset === undefined ? [] : [logoAsset])] }
    },

    renderItem(item, catalog, today, all) {
      const entries = all.filter((e) => !isGone(e))
      const path = itemPath(item.code)
      const root = rootOf(path)
      const html = page('item', path, {
        pageTitle: item.name,
        item: itemView(item, root),
        status: statusLabel(catalog, item.code, today),
        adjustments: catalog.adjustments.filter((a) => a.code === item.code).map((a) => ({ date: formatChineseDate(a.date), kind: ADJUSTMENT_LABELS[a.kind], reason: a.reason, basis: a.basis ?? '' })),
        publications: entries.map((e) => entryView(e, root)),
        hasValidity: entries.some((e) => e.validity !== undefined),
        count: entries.length,
      })
      return { path, html, assets: [] }
    },

    renderCollection(catalog, today, all) {
      // A page withdrawn with remove or redirect answers at its URL, and is in no list, feed or sitemap.
      const entries = all.filter((e) => !isGone(e))
      const pages: RenderedPage[] = []
      const add = (path: string, html: string) => pages.push({ path, html, assets: [] })
      const inForce = catalog.items.filter((i) => catalog.status(i.code, today) === 'in-force')
      const byItem = new Map<string, number>()
      for (const e of entries) byItem.set(e.item, (byItem.get(e.item) ?? 0) + 1)
      // 有效性 filter without a script: one list page per status, linked from the directory and every column.
      const withValidity = entries.filter((e) => e.validity !== undefined && e.preview !== true)
      const validityNav = (root: string, current?: string) =>
        withValidity.length === 0
          ? undefined
          : VALIDITY_PAGES.map((v) => ({ status: v.status, url: root + validityPath(v.status), count: withValidity.filter((e) => e.validity === v.status).length, current: v.status === current }))
      const categoriesOf = (items: readonly CatalogItem[], root: string) => {
        const groups = new Map<string, CatalogItem[]>()
        for (const i of items) groups.set(i.category, [...(groups.get(i.category) ?? []), i])
        return [...groups].map(([name, list]) => ({ name, items: list.map((i) => ({ ...itemView(i, root), count: byItem.get(i.code) ?? 0 })) }))
      }

      add(
        SITE_PATHS.home,
        page('home', SITE_PATHS.home, {
          pageTitle: '首页',
          latest: entries.slice(0, options.latestCount).map((e) => entryView(e, '')),
          categories: categoriesOf(inForce, ''),
          columnList: columns.map((c) => ({ title: c.title, description: c.description, url: columnPath(c.id) })),
          total: entries.length,
          itemCount: inForce.length,
        }),
      )

      const owners = [...new Set(inForce.map((i) => i.owner))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
      add(
        SITE_PATHS.catalog,
        page('catalog', SITE_PATHS.catalog, {
          pageTitle: '政务公开事项标准目录',
          items: inForce.map((i) => ({ ...itemView(i, ''), count: byItem.get(i.code) ?? 0 })),
          categories: catalog.categories().filter((c) => inForce.some((i) => i.category === c)),
          owners,
          validityNav: validityNav(''),
          today: formatChineseDate(today),
          count: inForce.length,
        }),
      )

      add(
        SITE_PATHS.adjustments,
        page('adjustments', SITE_PATHS.adjustments, {
          pageTitle: '目录动态调整',
          adjustments: [...catalog.adjustments].reverse().map((a) => {
            const item = catalog.get(a.code)
            const changes =
              a.changes === undefined
                ? ''
                : Object.entries(a.changes)
                    .map(([k, v]) => `${k}：${typeof v === 'object' && v !== null && 'text' in v ? String(v.text) : Array.isArray(v) ? v.join('、') : String(v)}`)
                    .join('；')
            return {
              date: formatChineseDate(a.date),
              kind: ADJUSTMENT_LABELS[a.kind],
              code: a.code,
              name: item?.name ?? '',
              url: item === undefined ? undefined : itemPath(a.code),
              reason: a.reason,
              basis: a.basis ?? '',
              to: a.to ?? '',
              changes,
            }
          }),
        }),
      )

      add(SITE_PATHS.search, page('search', SITE_PATHS.search, { pageTitle: '站内检索' }))

      for (const c of columns) {
        const path = columnPath(c.id)
        const root = rootOf(path)
        const list = entries.filter((e) => matches(c, e))
        const colItems =
          c.items !== undefined || c.categories !== undefined
            ? inForce.filter((i) => (c.items?.includes(i.code) ?? false) || (c.categories?.includes(i.category) ?? false))
            : c.tags === undefined
              ? inForce
              : []
        add(
          path,
          page('column', path, {
            pageTitle: c.title,
            column: c,
            standard: c.id === STANDARD_COLUMN.id,
            validityNav: validityNav(root),
            categories: categoriesOf(colItems, root),
            latest: list.slice(0, options.columnCount).map((e) => entryView(e, root)),
            total: list.length,
          }),
        )
      }

      if (withValidity.length > 0) {
        for (const v of VALIDITY_PAGES) {
          const path = validityPath(v.status)
          const root = rootOf(path)
          const list = withValidity.filter((e) => e.validity === v.status)
          add(
            path,
            page('validity', path, {
              pageTitle: `${v.status}的文件`,
              status: v.status,
              validityNav: validityNav(root, v.status),
              latest: list.map((e) => entryView(e, root)),
              total: list.length,
              today: formatChineseDate(today),
            }),
          )
        }
      }

      // Atom feed: dates are days in the project's timezone.
      const base = config.site.baseUrl
      const stamp = (date: string) => `${date}T00:00:00${offsetIn(new Date(`${date}T12:00:00Z`), tz)}`
      // A 预览稿 is shown on the preview site's pages, but nothing that leaves the site (feed readers, crawlers) gets it.
      const published = entries.filter((e) => e.preview !== true)
      // A feed reader learns of a correction or a withdrawal by the entry's `updated`: the latest change comes first.
      const changed = (e: Entry) => e.updated ?? e.date
      const feedEntries = [...published].sort((a, b) => (changed(a) < changed(b) ? 1 : changed(a) > changed(b) ? -1 : compareEntries(a, b))).slice(0, options.feedCount)
      const feed = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        `  <title>${escapeXml(config.site.title)}</title>`,
        `  <id>${escapeXml(base)}</id>`,
        `  <link href="${escapeXml(base)}"/>`,
        `  <link rel="self" href="${escapeXml(absoluteUrl(base, SITE_PATHS.feed))}"/>`,
        `  <updated>${stamp(feedEntries[0] === undefined ? today : changed(feedEntries[0]))}</updated>`,
        `  <author><name>${escapeXml(config.body.name)}</name></author>`,
        ...feedEntries.map((e) =>
          [
            '  <entry>',
            `    <title>${escapeXml(e.withdrawn === undefined ? e.title : `【已撤回】${e.title}`)}</title>`,
            `    <id>${escapeXml(absoluteUrl(base, e.path))}</id>`,
            `    <link href="${escapeXml(absoluteUrl(base, e.path))}"/>`,
            `    <updated>${stamp(changed(e))}</updated>`,
            ...(e.updated === undefined ? [] : [`    <published>${stamp(e.date)}</published>`]),
            `    <category term="${escapeXml(e.category)}"/>`,
            `    <summary>${escapeXml(e.withdrawn === undefined ? e.summary : `已于${formatChineseDate(e.withdrawn.on)}撤回。撤回原因：${e.withdrawn.reason}`)}</summary>`,
            '  </entry>',
          ].join('\n'),
        ),
        '</feed>',
        '',
      ].join('\n')
      add(SITE_PATHS.feed, feed)

      const entryLoc = (e: Entry) => {
        let line = sitemapLines.get(e)
        if (line === undefined) {
          line = loc(e.path, e.updated ?? e.date)
          sitemapLines.set(e, line)
        }
        return line
      }
      const loc = (path: string, lastmod?: string) => `<url><loc>${escapeXml(absoluteUrl(base, encodePath(path)))}</loc>${lastmod === undefined ? '' : `<lastmod>${lastmod}</lastmod>`}</url>`
      const sitemap = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        loc(SITE_PATHS.home, published[0]?.date),
        loc(SITE_PATHS.catalog),
        loc(SITE_PATHS.adjustments),
        ...columns.map((c) => loc(columnPath(c.id))),
        ...(withValidity.length === 0 ? [] : VALIDITY_PAGES.map((v) => loc(validityPath(v.status)))),
        ...catalog.items.map((i) => loc(itemPath(i.code))),
        ...published.map(entryLoc),
        '</urlset>',
        '',
      ].join('\n')
      add(SITE_PATHS.sitemap, sitemap)

      return pages
    },
  }
}
