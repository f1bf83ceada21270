/** Renders a batch of publication pages into a folder, writing only files whose bytes changed. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Disclosure } from '@gongkai/core'
import { hashOf } from './format.js'
import type { Site } from './site.js'

/** The outcome for one page. */
export interface PageResult {
  readonly path: string
  /** Hash of the bytes now on disk. */
  readonly out: string
  readonly written: boolean
  readonly assets: readonly string[]
}

/** Writes a file, creating its folder once per build. */
export function createWriter(outDir: string): (path: string, data: string | Uint8Array) => void {
  const made = new Set<string>()
  return (path, data) => {
    const full = join(outDir, path)
    const dir = dirname(full)
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    writeFileSync(full, data)
  }
}

/** Renders the pages; `previous` holds the hashes of the bytes already on disk. */
export function renderPages(
  site: Site,
  disclosures: readonly Disclosure[],
  known: (id: string) => boolean,
  previous: (path: string) => string | undefined,
  write: (path: string, data: string) => void,
): PageResult[] {
  const results: PageResult[] = []
  for (const d of disclosures) {
    const page = site.renderPublication(d, known)
    const out = hashOf(page.html)
    const written = previous(page.path) !== out
    if (written) write(page.path, page.html)
    results.push({ path: page.path, out, written, assets: page.assets })
  }
  return results
}

/** The form a disclosure travels in: only what a page needs. */
export function slimForWorker(d: Disclosure): unknown {
  const link = (p: Disclosure['publication']) => ({ id: p.id, title: p.title, kind: p.kind, formed: p.formed, published: p.published, publishAt: p.publishAt })
  return {
    ...d,
    publication: { ...d.publication, body: '' },
    links: {
      ...(d.links.release === undefined ? {} : { release: link(d.links.release) }),
      interpretations: d.links.interpretations.map(link),
      responses: d.links.responses.map(link),
    },
  }
}

/** JSON.stringify replacer that drops source positions. */
export function dropPositions(key: string, value: unknown): unknown {
  return key === 'position' ? undefined : value
}
