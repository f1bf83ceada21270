/** Ids and codes become file names and URL parts: only a safe alphabet is allowed. */

/** `[A-Za-z0-9][A-Za-z0-9_-]*`: what ids and item codes may be. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

/**
 * The longest id or item code. Names become file names (`p/<id>.html`, `<id>-01.png`, `items/<code>.html`)
 * and most file systems allow 255 bytes a name; ids are ASCII, so 100 leaves room for every suffix a
 * channel adds, and real ids (`2026-xzcf-007`, `HB-XZCF-001`) stay under 30.
 */
export const MAX_NAME_LENGTH = 100

/** Why a name is not safe, in Chinese; undefined when it is safe. */
export function unsafeReason(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `长度为 ${name.length} 个字符，超过 ${MAX_NAME_LENGTH} 个字符的上限`
  if (SAFE_NAME.test(name)) return undefined
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return '含有控制字符'
  if (name.includes('..')) return '含有“..”'
  if (/[/\\]/.test(name)) return '含有斜杠'
  if (/\s/.test(name)) return '含有空格'
  if (/^[-_]/.test(name)) return '以连字符或下划线开头'
  return '含有字母、数字、连字符（-）和下划线（_）以外的字符'
}

/** Offset of the first control character (line break, tab, …) in a text, or -1. */
export function controlCharAt(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.search(/[\u0000-\u001f\u007f]/)
}

/** Why a project-relative path is not one (in Chinese, to follow the path in a message); undefined when it stays inside the project. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') return '是空的'
  const control = controlCharAt(path)
  if (control !== -1)
    return `第 ${control + 1} 个字符是控制字符（${path.charCodeAt(control) === 10 ? '换行' : path.charCodeAt(control) === 9 ? 'Tab' : `U+${path.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}`}），文件名中不能有`
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return '是绝对路径，不在项目目录中'
  if (path.includes('\\')) return '用了反斜杠“\\”，请改用“/”'
  if (path.split('/').some((part) => part === '..')) return '含有“..”，会超出项目目录'
  return undefined
}

/** True when a project-relative path stays inside the project: relative, POSIX, no `..`, no control characters. */
export function isSafeRelativePath(path: string): boolean {
  return unsafePathReason(path) === undefined
}
