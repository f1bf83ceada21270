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
