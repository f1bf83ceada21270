/** The pages to inspect: a built site folder read from disk, or a live site fetched over HTTP. */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, posix, relative, sep } from 'node:path'
import { attr, elements, parsePage } from './html.js'
import type { Page } from './html.js'

/** What one HTTP request came back with. */
export interface Fetched {
  readonly url: string
  /** HTTP status, or 0 when the request failed (refused, timed out). */
  readonly status: number
  readonly error?: string
  readonly body?: string
  readonly type?: string
}

/** A set of pages and a way to ask whether a site-relative path exists. */
export interface Site {
  readonly kind: 'folder' | 'http'
  /** The folder or the base URL. */
  readonly root: string
  readonly pages: readonly Page[]
  /** Whether a site-relative path (no query, no fragment) is there; for HTTP its status. */
  exists(path: string): Promise<{ readonly ok: boolean; readonly status?: number; readonly error?: string }>
}

async function walk(dir: string, base: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) await walk(full, base, out)
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(relative(base, full).split(sep).join('/'))
  }
}

/** Reads every `.html` file of a built site folder. */
export async function folderSite(folder: string): Promise<Site> {
  const files: string[] = []
  await walk(folder, folder, files)
  const all = new Set(files)
  const pages: Page[] = []
  for (const f of files.filter((f) => f.endsWith('.html')).sort()) pages.push(parsePage(f, await readFile(join(folder, f), 'utf8')))
  return {
    kind: 'folder',
    root: folder,
    pages,
    async exists(path) {
      if (all.has(path)) return { ok: true }
      if (path === '' || path.endsWith('/')) return { ok: all.has(`${path}index.html`) }
      // A link to a folder of the site that holds an index page.
      const s = await stat(join(folder, path)).catch(() => undefined)
      return { ok: s?.isDirectory() === true && all.has(`${path}/index.html`) }
    },
  }
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order. */
export async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i] as T)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  return out
}

/** GET (or HEAD) one URL with a timeout; never throws. */
export async function fetchUrl(url: string, options: { readonly timeoutMs: number; readonly method?: 'GET' | 'HEAD'; readonly body?: boolean }): Promise<Fetched> {
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { 'user-agent': 'gongkai-check/0.1 (+self-inspection)' },
    })
    const type = response.headers.get('content-type') ?? undefined
    const body = options.body === true && response.ok ? await response.text() : undefined
    if (body === undefined) await response.body?.cancel()
    return { url, status: response.status, ...(type === undefined ? {} : { type }), ...(body === undefined ? {} : { body }) }
  } catch (cause) {
    const e = cause as { name?: string; cause?: { code?: string }; message?: string }
    const error = e.name === 'TimeoutError' ? `${options.timeoutMs} 毫秒内无响应` : (e.cause?.code ?? e.message ?? String(cause))
    return { url, status: 0, error }
  }
}

/** Site-relative paths of the internal links of a page (href and src), resolved against the page. */
export function internalLinks(page: Page, base?: URL): { path: string; raw: string; tag: string; line?: number }[] {
  const out: { path: string; raw: string; tag: string; line?: number }[] = []
  for (const tag of ['a', 'link', 'img', 'script', 'source', 'iframe']) {
    for (const e of elements(page, tag)) {
      const raw = attr(e, tag === 'a' || tag === 'link' ? 'href' : 'src')
      if (raw === undefined) continue
      const path = resolveInternal(page.path, raw, base)
      if (path !== undefined) out.push({ path, raw, tag, ...(e.startIndex === null ? {} : { line: lineNumber(page.html, e.startIndex) }) })
    }
  }
  return out
}

function lineNumber(html: string, offset: number): number {
  let n = 1
  for (let i = html.indexOf('\n'); i !== -1 && i < offset; i = html.indexOf('\n', i + 1)) n++
  return n
}

/** True for an http(s) link that leaves the site. */
export function isExternal(raw: string, base?: URL): boolean {
  if (!/^https?:\/\//i.test(raw) && !raw.startsWith('//')) return false
  if (base === undefined) return true
  const u = new URL(raw, base)
  return !(u.origin === base.origin && u.pathname.startsWith(base.pathname))
}

/** A link as a site-relative path, or undefined for fragments, other schemes and external links. */
export function resolveInternal(from: string, raw: string, base?: URL): string | undefined {
  const link = raw.trim()
  if (link === '' || link.startsWith('#') || /^(?:mailto|tel|data|javascript|sms):/i.test(link)) return undefined
  if (/^https?:\/\//i.test(link) || link.startsWith('//')) {
    if (base === undefined || isExternal(link, base)) return undefined
    const u = new URL(link, base)
    return decodeURI(u.pathname.slice(base.pathname.length))
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return undefined
  const clean = link.split(/[?#]/)[0] ?? ''
  if (clean === '') return undefined
  let path: string
  try {
    path = decodeURI(clean)
  } catch {
    path = clean
  }
  const joined = path.startsWith('/') ? (base === undefined ? path.slice(1) : path.slice(base.pathname.length)) : posix.join(posix.dirname(from), path)
  const normal = posix.normalize(joined)
  return normal === '.' ? '' : normal.startsWith('./') ? normal.slice(2) : normal
}

/** Fetches a live site: index.html, then every internal page it links to, breadth first, up to `maxPages`. */
export async function httpSite(baseUrl: string, options: { readonly concurrency: number; readonly timeoutMs: number; readonly maxPages: number }): Promise<Site> {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  const statuses = new Map<string, Fetched>()
  const pages: Page[] = []
  let frontier = ['index.html']
  const seen = new Set(frontier)
  while (frontier.length > 0 && pages.length < options.maxPages) {
    const batch = frontier.slice(0, options.maxPages - pages.length)
    frontier = []
    const got = await pooled(batch, options.concurrency, (p) => fetchUrl(new URL(encodeURI(p), base).href, { timeoutMs: options.timeoutMs, body: true }))
    batch.forEach((p, i) => {
      const f = got[i] as Fetched
      statuses.set(p, f)
      if (f.body === undefined || !(f.type ?? 'text/html').includes('html')) return
      const page = parsePage(p, f.body)
      pages.push(page)
      for (const link of internalLinks(page, base)) {
        // A folder's address is its index page: fetched once, under the one name.
        const path = link.path === '' || link.path.endsWith('/') ? `${link.path}index.html` : link.path
        if (seen.has(path) || !path.endsWith('.html')) continue
        seen.add(path)
        frontier.push(path)
      }
    })
  }
  return {
    kind: 'http',
    root: base.href,
    pages,
    async exists(path) {
      let f = statuses.get(path)
      if (f === undefined) {
        f = await fetchUrl(new URL(encodeURI(path), base).href, { timeoutMs: options.timeoutMs, method: 'HEAD' })
        // Some servers refuse HEAD: ask again with GET before calling the link broken.
        if (f.status === 405 || f.status === 501) f = await fetchUrl(f.url, { timeoutMs: options.timeoutMs })
        statuses.set(path, f)
      }
      return { ok: f.status >= 200 && f.status < 400, status: f.status, ...(f.error === undefined ? {} : { error: f.error }) }
    },
  }
}
