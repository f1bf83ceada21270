/** The website channel: `website(options)` returns a Channel (render, assemble, deliver). */
import { createHash } from 'node:crypto'
import type { Artifact, AssemblePart, Channel, Diagnostic, Disclosure, ProjectConfig, Publication, RenderContext } from '@gongkai/core'
import { effectiveValidity, reviewLevelsOf, withdrawalInForce } from '@gongkai/core'
import { codeVersion, isPreview } from '@gongkai/core/internal'
import { chartCodeVersion } from '@gongkai/chart/internal'
import { dateIn } from './format.js'
import { deliverSite } from './deliver.js'
import { resolveWebsiteOptions } from './options.js'
import type { ResolvedWebsiteOptions, WebsiteOptions } from './options.js'
import { buildSearchIndex, searchIndexKey } from './search-index.js'
import type { SearchFile } from './search-index.js'
import type { Entry, Site } from './site.js'
import { compareEntries, createSite, isGone, isPublic } from './site.js'
import { loadTemplates } from './templates.js'

const HTML = 'text/html; charset=utf-8'

/** A part's key: its pieces hashed, so a long list of publications stays a short string. */
function keyOf(...parts: readonly string[]): string {
  const h = createHash('sha256')
  for (const p of parts) h.update(p).update('\u0000')
  return h.digest('hex')
}

function mediaTypeOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''
  const types: Record<string, string> = {
    html: HTML,
    css: 'text/css; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    json: 'application/json',
    xml: 'application/xml',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    webp: 'image/webp',
    pdf: 'application/pdf',
    doc: 'application/msword',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xls: 'application/vnd.ms-excel',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }
  return types[ext] ?? 'application/octet-stream'
}

/** The website channel, with the options it resolved. */
export interface WebsiteChannel extends Channel {
  readonly options: ResolvedWebsiteOptions
  /** Theme files refused or decoded from another encoding when the channel was made (`assemble` reports them too). */
  readonly diagnostics: readonly Diagnostic[]
  /** The cache key of `searchIndex`: changes only when what is indexed of the listed publications changes. */
  searchKey(all: readonly Disclosure[], ctx: RenderContext): string
  /** The search index alone (`search/…`), for a caller that caches it by `searchKey`. */
  searchIndex(all: readonly Disclosure[], ctx: RenderContext): Promise<Artifact[]>
}

/**
 * The government website channel. Options are checked at once (OptionsError names the option)
 * and the templates (with the theme's overrides) are compiled here, once.
 */
export function website(options: WebsiteOptions = {}): WebsiteChannel {
  const resolved = resolveWebsiteOptions(options)
  const templates = loadTemplates(resolved.themeDir, resolved.projectDir)
  const sites = new WeakMap<ProjectConfig, Site>()
  const knownSets = new WeakMap<readonly Disclosure[], Set<string>>()
  const siteFor = (config: ProjectConfig) => {
    let site = sites.get(config)
    if (site === undefined) {
      site = createSite({ config, templates, ...resolved })
      sites.set(config, site)
    }
    return site
  }
  const listed = (all: readonly Disclosure[], ctx: Pick<RenderContext, 'config' | 'now'>) =>
    resolved.preview ? [...all] : all.filter((d) => isPublic(d.publication, ctx.now, reviewLevelsOf(ctx.config)))
  // Per collection: the listed publications by id, and what each replaces (redirects to it in force on the day).
  const relationSets = new WeakMap<readonly Disclosure[], { byId: Map<string, Publication>; into: Map<string, Publication[]> }>()
  const relationsFor = (ctx: RenderContext) => {
    let r = relationSets.get(ctx.all)
    if (r === undefined) {
      r = { byId: new Map(), into: new Map() }
      for (const d of listed(ctx.all, ctx)) {
        const p = d.publication
        r.byId.set(p.id, p)
        const w = withdrawalInForce(p, ctx.now, ctx.config.timezone)
        if (w?.mode === 'redirect' && w.to !== undefined) r.into.set(w.to, [...(r.into.get(w.to) ?? []), p])
      }
      relationSets.set(ctx.all, r)
    }
    return r
  }
  const knownFor = (ctx: RenderContext) => {
    let known = knownSets.get(ctx.all)
    if (known === undefined) {
      known = new Set(listed(ctx.all, ctx).map((d) => d.publication.id))
      knownSets.set(ctx.all, known)
    }
    return known
  }
  const entriesOf = (all: readonly Disclosure[], ctx: RenderContext): Entry[] => {
    const site = siteFor(ctx.config)
    return listed(all, ctx)
      .map((d) => site.entryOf(d, ctx.now, isPreview(d, ctx)))
      .filter((e) => e.preview !== true && !isGone(e))
      .sort(compareEntries)
  }
  // The last index built, by key: a watch loop or a second assemble in one process reuses it.
  let lastSearch: { key: string; files: SearchFile[] } | undefined
  const searchFor = (entries: readonly Entry[]): SearchFile[] => {
    const key = searchIndexKey(entries)
    if (lastSearch?.key !== key) lastSearch = { key, files: buildSearchIndex(entries) }
    return lastSearch.files
  }
  const searchArtifacts = (files: readonly SearchFile[]): Artifact[] => files.map((f) => ({ channel: 'website', path: f.path, data: f.data, mediaType: mediaTypeOf(f.path) }))

  const readAssets = async (paths: readonly string[], ctx: RenderContext, publication?: string): Promise<Artifact[]> => {
    const out: Artifact[] = []
    for (const path of paths) {
      try {
        const data = await ctx.readAsset(path)
        out.push({ channel: 'website', ...(publication === undefined ? {} : { publication }), path, data, mediaType: mediaTypeOf(path) })
      } catch {
        ctx.report({
          code: 'website/asset-missing',
          severity: 'warning',
          message: `找不到文件“${path}”，网站上的链接将失效`,
          hint: '附件和图片应放在项目的 assets/ 目录下，用相对路径引用',
          ...(publication === undefined ? {} : { subject: publication }),
        })
      }
    }
    return out
  }

  const channel: WebsiteChannel = {
    id: 'website',
    options: resolved,
    diagnostics: templates.diagnostics,
    // A web page has no hard limits; a very long title still reads badly in lists and tabs.
    limits: { titleMaxChars: 200 },
    // Where the site is delivered does not shape a page; everything else resolved does.
    fingerprint: createHash('sha256')
      .update(codeVersion(import.meta.url))
      .update(chartCodeVersion())
      .update(templates.hash)
      .update(JSON.stringify({ ...resolved, target: undefined }))
      .digest('hex'),

    async render(d, ctx) {
      const site = siteFor(ctx.config)
      const known = knownFor(ctx)
      const relations = relationsFor(ctx)
      const id = d.publication.id
      const page = site.renderPublication(d, (q) => known.has(q) || q === id, {
        now: ctx.now,
        preview: isPreview(d, ctx),
        find: (q) => relations.byId.get(q),
        replaces: relations.into.get(id) ?? [],
      })
      const assets = page.assets.filter((a) => !site.siteAssets.includes(a))
      return [{ channel: 'website', publication: id, path: page.path, data: page.html, mediaType: HTML }, ...(await readAssets(assets, ctx, id))]
    },

    summarize(d, ctx) {
      return siteFor(ctx.config).entryOf(d, ctx.now, isPreview(d, ctx))
    },

    assembleParts(all, ctx, summaries) {
      const site = siteFor(ctx.config)
      const today = dateIn(ctx.now, ctx.config.timezone)
      const shown = listed(all, ctx)
      const byItem = new Map<string, Disclosure[]>()
      for (const d of shown) {
        const list = byItem.get(d.item.code)
        if (list === undefined) byItem.set(d.item.code, [d])
        else list.push(d)
      }
      // What a list shows of a publication changes with its revision and 索引号, and with the withdrawal and 有效性 in force on the day.
      const stateOf = (p: Publication) =>
        p.withdrawn === undefined && p.validity === undefined && p.expires === undefined && p.corrections === undefined
          ? ''
          : `${withdrawalInForce(p, ctx.now, ctx.config.timezone)?.mode ?? ''}:${effectiveValidity(p, ctx.now, ctx.config.timezone) ?? ''}:${(p.corrections ?? []).filter((c) => c.on <= today).length}`
      const stamp = (list: readonly Disclosure[]) => list.map((d) => `${d.publication.id}:${d.revision}:${d.indexNo}:${stateOf(d.publication)}${isPreview(d, ctx) ? ':preview' : ''}`).join('\n')
      const entriesFor = (list: readonly Disclosure[]): Entry[] =>
        list.map((d) => (summaries?.get(d.publication.id) as Entry | undefined) ?? site.entryOf(d, ctx.now, isPreview(d, ctx))).sort(compareEntries)
      // The lists and the search index both need every entry: made once, when the first of them renders.
      let every: Entry[] | undefined
      const everyEntry = () => (every ??= entriesFor(shown))
      let indexed: Entry[] | undefined
      const searchable = () => (indexed ??= everyEntry().filter((e) => e.preview !== true && !isGone(e)))
      const catalog = ctx.catalog
      const collectionKey = keyOf('collection', today, JSON.stringify(catalog.items), JSON.stringify(catalog.adjustments), stamp(shown))
      const parts: AssemblePart[] = [
        {
          key: collectionKey,
          async render() {
            return site.renderCollection(catalog, today, everyEntry()).map((p) => ({ channel: 'website', path: p.path, data: p.html, mediaType: mediaTypeOf(p.path) }))
          },
        },
        ...catalog.items.map((item): AssemblePart => ({
          key: keyOf(
            'item',
            JSON.stringify(item),
            catalog.status(item.code, today),
            JSON.stringify(catalog.endedBy(item.code, today) ?? null),
            JSON.stringify(catalog.adjustments.filter((a) => a.code === item.code)),
            stamp(byItem.get(item.code) ?? []),
          ),
          async render() {
            const page = site.renderItem(item, catalog, today, entriesFor(byItem.get(item.code) ?? []))
            return [{ channel: 'website', path: page.path, data: page.html, mediaType: mediaTypeOf(page.path) }]
          },
        })),
        {
          // The index is a function of the records it holds, in order (searchIndexKey): an edit that leaves every
          // record as it was (a sentence deep in a body) keeps it, where keying it by revisions rebuilt it from every entry.
          key: keyOf('search', searchIndexKey(searchable())),
          async render() {
            return searchArtifacts(searchFor(searchable()))
          },
        },
        {
          // The site's own files: a theme file left out is part of what the site lacks, so it is reported here.
          key: keyOf('statics', templates.hash),
          async render(partCtx) {
            for (const d of templates.diagnostics) partCtx.report(d)
            const artifacts: Artifact[] = []
            for (const [path, data] of site.templates.statics) artifacts.push({ channel: 'website', path, data, mediaType: mediaTypeOf(path) })
            artifacts.push(...(await readAssets(site.siteAssets, partCtx)))
            return artifacts
          },
        },
      ]
      return parts
    },

    async assemble(all, ctx) {
      const out: Artifact[] = []
      for (const part of channel.assembleParts!(all, ctx)) out.push(...(await part.render(ctx)))
      return out
    },

    searchKey(all, ctx) {
      return searchIndexKey(entriesOf(all, ctx))
    },

    searchIndex(all, ctx) {
      return Promise.resolve(searchArtifacts(searchFor(entriesOf(all, ctx))))
    },
  }
  const target = resolved.target
  if (target !== undefined) {
    return { ...channel, deliver: (units, ctx) => deliverSite(target, units, ctx) }
  }
  return channel
}
