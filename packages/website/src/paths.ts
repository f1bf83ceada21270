/**
 * The stable page paths of the site (relative to OUT/website/ and to `site.baseUrl`).
 * Other channels link to `baseUrl + 'p/' + id + '.html'` by convention: these never change.
 */

/** Path of a publication's page: `p/<id>.html`. */
export function publicationPath(id: string): string {
  return `p/${id}.html`
}

/** Path of a catalog item's page: `items/<code>.html`. */
export function itemPath(code: string): string {
  return `items/${code}.html`
}

/** Path of a column's page: `columns/<id>.html`. */
export function columnPath(id: string): string {
  return `columns/${id}.html`
}

/** The whole-collection pages and files, by name. */
export const SITE_PATHS = {
  home: 'index.html',
  catalog: 'catalog.html',
  adjustments: 'adjustments.html',
  search: 'search.html',
  feed: 'feed.xml',
  sitemap: 'sitemap.xml',
} as const

/** The relative prefix from a page back to the site root (`''` or `'../'`). */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1)
}

/** The absolute URL of a site path under `baseUrl` (which ends with a slash). */
export function absoluteUrl(baseUrl: string, path: string): string {
  return (baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`) + (path === 'index.html' ? '' : path)
}

/** The 有效性 list pages, one per status, in the order the site shows them. */
export const VALIDITY_PAGES = [
  { status: '有效', slug: 'valid' },
  { status: '失效', slug: 'expired' },
  { status: '废止', slug: 'repealed' },
] as const

/** Path of the list of publications with one 有效性: `validity/valid.html`, `validity/expired.html`, `validity/repealed.html`. */
export function validityPath(status: '有效' | '失效' | '废止'): string {
  return `validity/${VALIDITY_PAGES.find((v) => v.status === status)?.slug ?? 'valid'}.html`
}
