/** Test helpers: a project folder with assets, reading a built site, a link checker. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix, relative, sep } from 'node:path'

// A 1×1 PNG.
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201c0a54c2a0000000049454e44ae426082', 'hex')

/** A temporary project folder holding the fixture's assets. */
export function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-website-'))
  mkdirSync(join(dir, 'assets/2026'), { recursive: true })
  writeFileSync(join(dir, 'assets/2026/plan.pdf'), '%PDF-1.4 test')
  writeFileSync(join(dir, 'assets/photo.png'), PNG)
  writeFileSync(join(dir, 'assets/dzjg.png'), PNG)
  return dir
}

/** Every file of a folder, as POSIX paths relative to it. */
export function listSite(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name)
      if (statSync(full).isDirectory()) walk(full)
      else out.push(relative(dir, full).split(sep).join('/'))
    }
  }
  walk(dir)
  return out.sort()
}

/** The href/src values of an HTML or XML text (our output always quotes attributes with "). */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'))
}

/**
 * Checks every internal link of a built site: relative links in HTML and absolute links under
 * `baseUrl` in XML (feed, sitemap). Returns the broken ones as `page → link`.
 */
export function brokenLinks(dir: string, baseUrl: string): string[] {
  const files = new Set(listSite(dir))
  const broken: string[] = []
  for (const file of files) {
    if (!/\.(html|xml)$/.test(file)) continue
    const text = readFileSync(join(dir, file), 'utf8')
    const links = file.endsWith('.xml') ? [...text.matchAll(/<loc>([^<]*)<\/loc>|href="([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '') : linksOf(text)
    for (const raw of links) {
      let link = raw.replace(/&amp;/g, '&')
      if (link.startsWith(baseUrl)) link = link.slice(baseUrl.length) || 'index.html'
      else if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue
      else if (link.startsWith('#')) link = file + link
      else link = posix.join(dirname(file), link)
      const [path, hash] = link.split('#')
      const target = decodeURI(path === '' || path === undefined ? file : (path.split('?')[0] ?? ''))
      if (!files.has(target)) {
        broken.push(`${file} → ${raw}`)
        continue
      }
      if (hash !== undefined && hash !== '' && target.endsWith('.html')) {
        const html = readFileSync(join(dir, target), 'utf8')
        if (!html.includes(`id="${decodeURIComponent(hash)}"`)) broken.push(`${file} → ${raw} (no #${hash})`)
      }
    }
  }
  return broken
}
