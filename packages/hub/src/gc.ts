/**
 * Keeps `.gongkai/` from growing without end: old manifests are dropped (the latest, the
 * delivered and a few recent ones stay, for `push --release` and verify), then every object no
 * kept manifest and no render cache entry refers to. Called holding the build lock.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cacheDir, objectPath, releasesDir, stateDir } from './release.js'

/** How many recent manifests of a channel are kept besides its latest and its delivered one. */
const KEEP_RELEASES = 10

function readIds(dir: string, name: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>)[field]
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/** Where the object count of the last collection is kept. */
const MARK = 'gc.json'

/**
 * Drops old manifests and unreferenced objects once the store has grown by a quarter since the
 * last time (reading every kept manifest costs more than a rebuild's own work); returns how many
 * objects were removed. Never throws.
 */
export function collectGarbage(projectDir: string, objects: ReadonlySet<string>): number {
  const mark = join(cacheDir(projectDir), MARK)
  let last: number
  try {
    last = Number((JSON.parse(readFileSync(mark, 'utf8')) as { objects?: unknown }).objects) || 0
  } catch {
    last = 0
  }
  if (objects.size < last * 1.25 + 500) return 0
  const removed = collect(projectDir, objects)
  try {
    writeFileSync(mark, `${JSON.stringify({ objects: objects.size - removed })}\n`)
  } catch {
    // Without the mark the next build collects again: slower, never wrong.
  }
  return removed
}

function collect(projectDir: string, objects: ReadonlySet<string>): number {
  const referenced = new Set<string>()
  try {
    let channels: string[] = []
    try {
      channels = readdirSync(join(stateDir(projectDir), 'releases'))
    } catch {
      channels = []
    }
    for (const channel of channels) {
      const dir = releasesDir(projectDir, channel)
      const keep = new Set([readIds(dir, 'latest.json', 'id'), readIds(dir, 'delivered.json', 'release')].filter((x): x is string => x !== undefined))
      const manifests = readdirSync(dir)
        .filter((n) => /^[0-9a-f]{16}\.json$/.test(n))
        .map((n) => ({ n, at: statSync(join(dir, n)).mtimeMs }))
        .sort((a, b) => b.at - a.at)
      manifests.forEach((m, i) => {
        const id = m.n.slice(0, 16)
        if (i >= KEEP_RELEASES && !keep.has(id)) {
          rmSync(join(dir, m.n), { force: true })
          return
        }
        try {
          for (const f of (JSON.parse(readFileSync(join(dir, m.n), 'utf8')) as { files?: { sha256?: string }[] }).files ?? []) if (typeof f.sha256 === 'string') referenced.add(f.sha256)
        } catch {
          // An unreadable manifest keeps nothing alive; verify and push report it.
        }
      })
    }
    const renders = join(cacheDir(projectDir), 'renders')
    for (const name of readdirSync(renders)) {
      if (!name.endsWith('.json')) continue
      const index = JSON.parse(readFileSync(join(renders, name), 'utf8')) as { entries?: Record<string, { files?: { sha256?: string }[] }> }
      for (const entry of Object.values(index.entries ?? {})) for (const f of entry.files ?? []) if (typeof f.sha256 === 'string') referenced.add(f.sha256)
    }
  } catch {
    // Without a full picture of what is referenced, nothing is removed.
    return 0
  }
  let removed = 0
  for (const sha of objects) {
    if (referenced.has(sha)) continue
    rmSync(objectPath(projectDir, sha), { force: true })
    removed++
  }
  return removed
}
