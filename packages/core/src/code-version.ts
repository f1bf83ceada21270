/**
 * A package's code version for cache keys: a hash of every JavaScript file of the folder tree a
 * module sits in (the package's `dist/`). A version bump is not needed for a change to reach the
 * render cache, in development or after `npm update`.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const versions = new Map<string, string>()

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.json') || entry.name.endsWith('.hbs')) out.push(full)
  }
}

/** The hash of the code under the folder of `moduleUrl` (pass `import.meta.url` of a module at the package's dist root). */
export function codeVersion(moduleUrl: string, extra: readonly string[] = []): string {
  const root = dirname(fileURLToPath(moduleUrl))
  const key = `${root}\u0000${extra.join('\u0000')}`
  const known = versions.get(key)
  if (known !== undefined) return known
  const files: string[] = []
  for (const dir of [root, ...extra]) {
    try {
      walk(dir, files)
    } catch {
      // A folder that cannot be read adds nothing; the version still changes with the rest.
    }
  }
  files.sort()
  const h = createHash('sha256')
  for (const f of files) h.update(f.slice(root.length)).update('\u0000').update(readFileSync(f))
  const version = h.digest('hex').slice(0, 32)
  versions.set(key, version)
  return version
}
