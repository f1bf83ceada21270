/** Writing artifacts under OUT/<channel>/: only inside that folder, and only when the bytes changed. */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { lstatSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { basename, dirname, join, resolve as resolvePath } from 'node:path'

/** True when an artifact path stays inside its channel folder: relative POSIX, no `..`, no control characters. */
export function isSafeArtifactPath(path: string): boolean {
  if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return false
  return path.split('/').every((part) => part !== '..' && part !== '.' && part !== '')
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0
}

/** True when `file` holds exactly `data` (read only when the sizes agree). */
export async function sameAsWritten(file: string, data: Uint8Array | string): Promise<boolean> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  if ((await stat(file).catch(() => undefined))?.size !== bytes.byteLength) return false
  const old = await readFile(file).catch(() => undefined)
  return old !== undefined && sameBytes(old, bytes)
}

/**
 * Writes `data` to `file` unless it already holds exactly these bytes (so its mtime stays).
 * Writes through a temporary file and a rename, so a reader never sees half a file.
 */
export async function writeIfChanged(file: string, data: Uint8Array | string): Promise<'written' | 'unchanged'> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const size = (await stat(file).catch(() => undefined))?.size
  // Comparing sizes first spares reading every old file when most have changed.
  const old = size === bytes.byteLength ? await readFile(file).catch(() => undefined) : undefined
  if (old !== undefined && sameBytes(old, bytes)) return 'unchanged'
  await mkdir(dirname(file), { recursive: true })
  const tmp = join(dirname(file), `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`)
  await writeFile(tmp, bytes)
  await rename(tmp, file)
  return 'written'
}

/**
 * Puts the folder `staged` in place of `target` (same parent) so a reader never sees half of it:
 * a symlinked target is switched by renaming a new link over it (one atomic step); a plain folder
 * by two renames in a row. `tag` makes the sibling names unique. Used by channels' `deliver`.
 */
export function swapDirectory(staged: string, target: string, tag: string): void {
  let stat: ReturnType<typeof lstatSync> | undefined
  try {
    stat = lstatSync(target)
  } catch {
    stat = undefined
  }
  if (stat === undefined) {
    renameSync(staged, target)
    return
  }
  if (stat.isSymbolicLink()) {
    const old = resolvePath(dirname(target), readlinkSync(target))
    const version = join(dirname(target), `.${basename(target)}.v-${tag}`)
    renameSync(staged, version)
    const link = join(dirname(target), `.${basename(target)}.link-${tag}`)
    symlinkSync(basename(version), link)
    renameSync(link, target)
    if (old !== version && basename(old).startsWith(`.${basename(target)}.v-`)) rmSync(old, { recursive: true, force: true })
    return
  }
  const aside = join(dirname(target), `.${basename(target)}.old-${tag}`)
  renameSync(target, aside)
  try {
    renameSync(staged, target)
  } catch (cause) {
    renameSync(aside, target)
    throw cause
  }
  rmSync(aside, { recursive: true, force: true })
}
