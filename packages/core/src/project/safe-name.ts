/** Ids and codes become file names and URL parts: only a safe alphabet is allowed. */

/** `[A-Za-z0-9][A-Za-z0-9_-]*`: what ids and item codes may be. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

/** Why a name is not safe, in Chinese; undefined when it is safe. */
export function unsafeReason(name: string): string | undefined {
  if (SAFE_NAME.test(name)) return undefined
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return '含有控制字符'
  if (name.includes('..')) return '含有“..”'
  if (/[/\\]/.test(name)) return '含有斜杠'
  if (/\s/.test(name)) return '含有空格'
  if (/^[-_]/.test(name)) return '以连字符或下划线开头'
  return '含有字母、数字、连字符（-）和下划线（_）以外的字符'
}

/** True when a project-relative path stays inside the project: relative, POSIX, no `..`, no control characters. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) return false
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return false
  return !path.split('/').some((part) => part === '..')
}
