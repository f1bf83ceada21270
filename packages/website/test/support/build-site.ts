/**
 * Builds the site in a test with the channel's own `render` and `assemble`, the way the hub's
 * `buildRelease` calls them (reviewed publications of the channel, one context for all), and
 * writes the files to a folder. The render cache and releases are the hub's, tested there.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Artifact, Channel, Diagnostic, Disclosure, ReleaseEntry, ReleaseView } from '@gongkai/core'
import { fixtureContext } from '../fixtures/small.js'

/** What `buildSite` made. */
export interface BuiltSite {
  /** The folder the files were written to. */
  readonly outDir: string
  /** Each rendered publication with its artifacts, in the order rendered. */
  readonly units: readonly { readonly disclosure: Disclosure; readonly artifacts: readonly Artifact[] }[]
  /** The whole-collection artifacts from `assemble`. */
  readonly assembled: readonly Artifact[]
  /** Publications rendered. */
  readonly publications: number
  /** Everything the channel reported. */
  readonly diagnostics: readonly Diagnostic[]
}

const bytesOf = (a: Artifact) => (typeof a.data === 'string' ? Buffer.from(a.data, 'utf8') : Buffer.from(a.data))

/** Renders every reviewed disclosure whose item names the channel, assembles them, and writes the files to `outDir`. */
export async function buildSite(channel: Channel, disclosures: readonly Disclosure[], outDir: string, projectDir: string): Promise<BuiltSite> {
  // The hub's selection: a publication without 保密审查 is never built, one not yet due is (delivery holds it).
  const list = disclosures.filter((d) => d.publication.review !== undefined && (d.item.channels as readonly string[]).includes(channel.id))
  const ctx = fixtureContext(list, projectDir)
  const units = []
  for (const disclosure of list) units.push({ disclosure, artifacts: await channel.render(disclosure, ctx) })
  const assembled = (await channel.assemble?.(list, ctx)) ?? []
  for (const a of [...units.flatMap((u) => u.artifacts), ...assembled]) {
    const full = join(outDir, ...a.path.split('/'))
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, bytesOf(a))
  }
  return { outDir, units, assembled, publications: units.length, diagnostics: ctx.diagnostics }
}

/**
 * A release as the hub hands it to `deliver`: exactly the built files given (a path once), with
 * their bytes read from the folder they were written to, so a file left there that is not in
 * the release could be picked up only by a channel that reads the folder itself.
 */
export function releaseOf(site: BuiltSite, keep: (a: Artifact) => boolean = () => true): ReleaseView {
  const files = new Map<string, ReleaseEntry>()
  for (const a of [...site.units.flatMap((u) => u.artifacts), ...site.assembled]) {
    if (!keep(a) || files.has(a.path)) continue
    const data = bytesOf(a)
    files.set(a.path, {
      path: a.path,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      mediaType: a.mediaType,
      publications: a.publication === undefined ? [] : [a.publication],
    })
  }
  const find = (path: string) => {
    if (!files.has(path)) throw new Error(`not in the release: ${path}`)
    return join(site.outDir, ...path.split('/'))
  }
  return {
    id: '0123456789abcdef',
    manifestHash: 'f'.repeat(64),
    files: [...files.values()],
    read: async (path) => new Uint8Array(readFileSync(find(path))),
    copyTo: async (path, dest) => {
      const from = find(path)
      mkdirSync(dirname(dest), { recursive: true })
      copyFileSync(from, dest)
    },
  }
}
