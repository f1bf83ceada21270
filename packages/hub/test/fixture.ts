/** A delivered website built by hand: a release in the object store and its manifest, copied into a target folder as delivery does. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { objectPath, releaseIdOf, saveDelivered, saveRelease, sha256Of } from '../src/release.js'
import type { Release, ReleaseFile, ReleasePublication } from '../src/release.js'

/** The site's files: two publication pages, the index and a stylesheet. */
export const SITE: Readonly<Record<string, { text: string; publications: string[] }>> = {
  'assets/site.css': { text: 'body{font-size:18px}\n', publications: [] },
  'index.html': { text: '<!doctype html><html lang="zh-CN"><title>政务公开</title><a href="p/hjxx-001.html">通知</a></html>\n', publications: [] },
  'p/hjxx-001.html': { text: '<!doctype html><html lang="zh-CN"><title>关于开展环境执法检查的通知</title><p>正文</p></html>\n', publications: ['hjxx-001'] },
  'p/hjxx-002.html': { text: '<!doctype html><html lang="zh-CN"><title>行政处罚决定书</title><p>正文</p></html>\n', publications: ['hjxx-002'] },
}

/** The clock of the fixture's build and delivery. */
export const DELIVERED_AT = '2026-11-30T02:00:00.000Z'

/** A delivered site. */
export interface DeliveredSite {
  readonly project: string
  readonly target: string
  readonly release: Release
}

/** A project folder with one website release, delivered to `target` (a folder beside it). */
export async function deliveredSite(channel = 'website'): Promise<DeliveredSite> {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-hub-'))
  const project = join(root, 'bureau')
  const target = join(root, 'www', 'gk')
  const files: ReleaseFile[] = Object.entries(SITE)
    .map(([path, f]) => ({ path, size: Buffer.byteLength(f.text), sha256: sha256Of(f.text), mediaType: path.endsWith('.css') ? 'text/css' : 'text/html', publications: f.publications }))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
  const publications: ReleasePublication[] = [
    { id: 'hjxx-001', revision: 'sha256:r1', title: '关于开展环境执法检查的通知', file: 'publications/hjxx-001.md', reviewed: true },
    { id: 'hjxx-002', revision: 'sha256:r2', title: '行政处罚决定书', file: 'publications/hjxx-002.md', reviewed: true },
  ]
  for (const [path, f] of Object.entries(SITE)) {
    const object = objectPath(project, sha256Of(f.text))
    mkdirSync(dirname(object), { recursive: true })
    writeFileSync(object, f.text)
    const live = join(target, ...path.split('/'))
    mkdirSync(dirname(live), { recursive: true })
    writeFileSync(live, f.text)
  }
  const id = releaseIdOf(channel, files, publications)
  const release = await saveRelease(project, { format: 'gongkai-release/1', id, channel, createdAt: '2026-11-30T01:00:00.000Z', preview: false, files, publications }, undefined)
  await saveDelivered(project, { channel, release: id, manifestHash: release.manifestHash, target, deliveredAt: DELIVERED_AT, files: files.map((f) => f.path) })
  return { project, target, release }
}
