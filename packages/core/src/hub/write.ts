/** Writing artifacts under OUT/<channel>/: only inside that folder, and only when the bytes changed. */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

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
