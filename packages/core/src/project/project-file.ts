/**
 * The one way into the project folder: every file gongkai reads from it (config, catalog,
 * calendar, publications, attachments, images) goes through here, so a symlink that leads out of
 * the folder, an oversized file or a file in another encoding is caught in one place and channels
 * only ever get checked paths.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { isAbsolute, join, posix, relative, sep } from 'node:path'
import type { Diagnostic } from '../diagnostics.js'
import { decodeText } from './decode-text.js'
import { unsafePathReason } from './safe-name.js'

const MB = 1024 * 1024

/**
 * The largest file of each kind that is read. The longest documents a county office publishes (a
 * 政府工作报告, a budget with its tables) are 30,000–100,000 characters, 100–300 KB in UTF-8: 2 MB
 * is seven times that, while a 50 MB file (a pasted export, a log) would take gigabytes to render
 * as slides. A county catalog of 26 domains is about 1,000 items, under 2 MB; 32 MB leaves room for
 * a province's. A config or a calendar of a few hundred lines is a few KB.
 */
export const FILE_SIZE_LIMITS = { publication: 2 * MB, catalog: 32 * MB, config: 1 * MB, calendar: 1 * MB } as const

/** Where a project-relative path leads. */
export type ProjectFile =
  | { readonly ok: true; /** Real absolute path, inside the project. */ readonly path: string }
  | { readonly ok: false; readonly reason: 'unsafe' | 'missing' | 'outside'; /** In Chinese, to follow the path in a message. */ readonly message: string }

// Not cached: a long-running scheduler must see a project folder moved or relinked.
function realRoot(root: string): string {
  return realpathSync(root)
}

/** True when `real` is `root` or inside it. */
export function isInside(root: string, real: string): boolean {
  const rel = relative(root, real)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

function judge(root: string, rel: string, real: string): ProjectFile {
  return isInside(root, real) ? { ok: true, path: real } : { ok: false, reason: 'outside', message: `是指向项目目录之外（${real}）的符号链接` }
}

function checked(rel: string): ProjectFile | undefined {
  const why = unsafePathReason(rel)
  return why === undefined ? undefined : { ok: false, reason: 'unsafe', message: why }
}

/**
 * Resolves a project-relative POSIX path to its real path, following symlinks, and refuses it when
 * the real path is outside the project's real folder (or it is not a relative path, or missing).
 */
export async function resolveProjectFile(projectDir: string, rel: string): Promise<ProjectFile> {
  const bad = checked(rel)
  if (bad !== undefined) return bad
  let root: string
  let real: string
  try {
    root = realRoot(projectDir)
    real = await realpath(join(projectDir, ...rel.split('/')))
  } catch {
    return { ok: false, reason: 'missing', message: '不存在' }
  }
  return judge(root, rel, real)
}

/** `resolveProjectFile`, synchronously. */
export function resolveProjectFileSync(projectDir: string, rel: string): ProjectFile {
  const bad = checked(rel)
  if (bad !== undefined) return bad
  let root: string
  let real: string
  try {
    root = realRoot(projectDir)
    real = realpathSync(join(projectDir, ...rel.split('/')))
  } catch {
    return { ok: false, reason: 'missing', message: '不存在' }
  }
  return judge(root, rel, real)
}

/** What reading a text file of the project gave: its text (absent when refused) and the messages. */
export interface ProjectText {
  readonly text?: string
  /** True when the file does not exist (nothing is reported then: the caller knows whether it must). */
  readonly missing?: boolean
  readonly diagnostics: Diagnostic[]
}

/**
 * Reads a text file of the project: refused when larger than `limit` bytes (checked before reading,
 * reported with `codes.tooLarge`), decoded by `decodeText`. Synchronous: for thousands of small files
 * open + fstat + read is what readFileSync does, without a trip through the thread pool per call.
 * `abs` must already be checked (see `resolveProjectFile`).
 */
export function readProjectTextSync(abs: string, file: string, limit: number, codes: { readonly tooLarge: string; readonly unreadable: string }): ProjectText {
  let fd: number
  try {
    fd = openSync(abs, 'r')
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true, diagnostics: [] }
    return { diagnostics: [unreadable(codes.unreadable, file, cause)] }
  }
  try {
    const size = fstatSync(fd).size
    if (size > limit) {
      return {
        diagnostics: [
          {
            code: codes.tooLarge,
            severity: 'error',
            message: `文件有 ${formatSize(size)}，超过 ${formatSize(limit)} 的上限，没有读取`,
            hint: '公开信息正文通常不过几百 KB：请确认没有误把导出数据、日志或图片粘进文件；大的表格和扫描件请作为附件放在 assets/ 下',
            file,
            line: 1,
            column: 1,
          },
        ],
      }
    }
    const buf = Buffer.allocUnsafe(size)
    let read = 0
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read)
      if (n === 0) break
      read += n
    }
    return decodeText(read === size ? buf : buf.subarray(0, read), file)
  } catch (cause) {
    return { diagnostics: [unreadable(codes.unreadable, file, cause)] }
  } finally {
    closeSync(fd)
  }
}

function unreadable(code: string, file: string, cause: unknown): Diagnostic {
  return { code, severity: 'error', message: `无法读取文件：${cause instanceof Error ? cause.message : String(cause)}`, hint: '请检查文件权限', file }
}

/** `2.0 MB`, `512 KB`. */
export function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/** What a URL in a publication body refers to. */
export type BodyUrl =
  | { readonly kind: 'remote' }
  | { readonly kind: 'project'; /** Project-relative POSIX path. */ readonly path: string }
  | { readonly kind: 'outside'; /** In Chinese, to follow the URL in a message. */ readonly reason: string }

/**
 * Resolves a body link or image URL written in `file` (a project-relative path) the way channels
 * read it: `assets/x.png` and `/assets/x.png` from the project folder, other relative paths from
 * the file's folder (`../../assets/x.png`). Web addresses, `#anchors` and empty URLs are `remote`.
 * A path that leaves the project (`../../../x`, `/tmp/x`) is `outside`.
 */
export function resolveBodyUrl(url: string, file: string): BodyUrl {
  if (url === '' || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return { kind: 'remote' }
  let path = url.split(/[?#]/)[0] ?? ''
  try {
    path = decodeURI(path)
  } catch {
    return { kind: 'outside', reason: '含有无法解读的 % 转义' }
  }
  if (path.startsWith('/')) {
    if (path.startsWith('/assets/')) path = path.slice(1)
    else return { kind: 'outside', reason: '是绝对路径，不在项目目录中' }
  }
  if (path.includes('\\')) return { kind: 'outside', reason: '用了反斜杠“\\”，请改用“/”' }
  const plain = path.replace(/^(?:\.\/)+/, '')
  const joined = plain.startsWith('assets/') ? plain : posix.join(posix.dirname(file), path)
  const normal = posix.normalize(joined)
  if (normal === '..' || normal.startsWith('../')) return { kind: 'outside', reason: '超出了项目目录' }
  const why = unsafePathReason(normal)
  return why === undefined ? { kind: 'project', path: normal } : { kind: 'outside', reason: why }
}
