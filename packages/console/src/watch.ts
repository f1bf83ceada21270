/**
 * Watching the project folder for the live preview: one non-recursive `fs.watch` per folder.
 * Node 20's `recursive: true` on Linux watches each file by its inode, so after a save that
 * replaces a file (write a temporary, rename it over: what the console, `sed -i` and many editors
 * do) a later in-place write to that file went unnoticed. A folder's own watch reports every
 * change of its entries whatever their inode; folders made later are watched as they appear.
 */
import { readdirSync, watch } from 'node:fs'
import type { FSWatcher } from 'node:fs'
import { join, relative } from 'node:path'

/** Folders whose changes change no publication: the console's builds, the ledger, OUT, version control. */
const SKIP = new Set(['.gongkai', 'out', '.git', 'node_modules'])

/** Calls `changed(relativePath)` on every change under `root`; returns the closer. */
export function watchFolder(root: string, changed: (rel: string) => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>()
  const add = (dir: string) => {
    if (watchers.has(dir)) return
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
      const w = watch(dir, (_event, name) => {
        const rel = relative(root, join(dir, String(name ?? ''))).replaceAll('\\', '/')
        // A new folder (a git pull, an import) is watched from now on.
        if (dir === root && SKIP.has(rel)) return
        add(join(dir, String(name ?? '')))
        changed(rel)
      })
      w.on('error', () => {
        w.close()
        watchers.delete(dir)
      })
      watchers.set(dir, w)
    } catch {
      return
    }
    for (const e of entries) if (e.isDirectory() && !(dir === root && SKIP.has(e.name))) add(join(dir, e.name))
  }
  add(root)
  return {
    close() {
      for (const w of watchers.values()) w.close()
      watchers.clear()
    },
  }
}
