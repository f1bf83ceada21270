/**
 * Errors are one catalogue: every code a package throws is in ERRORS with a Chinese title, and no
 * package throws a plain Error. Reads every packages/*\/src/**\/*.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { GongkaiError, OptionsError } from '../src/diagnostics.js'
import { ERRORS, errorData } from '../src/errors-data.js'
import type { ErrorData } from '../src/errors-data.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
/** Strings of browser JavaScript that run in the kiosk's player page, not in Node. */
const BROWSER_SCRIPTS = new Set(['packages/kiosk/src/player.ts'])
/** The base class itself. */
const BASE = 'packages/core/src/diagnostics.ts'

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* tsFiles(full)
    else if (name.endsWith('.ts')) yield full
  }
}

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = []
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', pkg, 'src')
    if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue
    for (const f of tsFiles(src)) out.push({ file: relative(root, f).split('\\').join('/'), text: readFileSync(f, 'utf8') })
  }
  return out
}

/** Plain errors constructed in a source text, by line. */
export function plainErrors(text: string): string[] {
  const found: string[] = []
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '')
    if (/\bnew\s+(?:Error|TypeError|RangeError|SyntaxError)\s*\(/.test(code) || /\bextends\s+Error\b/.test(code)) found.push(`${i + 1}: ${line.trim()}`)
  })
  return found
}

/** The code argument of every error constructed: `'literal'`, or `` `template-${…}` `` as its head and `*`. */
export function thrownCodes(text: string): string[] {
  const codes: string[] = []
  const arg = "(?:'([^']*)'|`([^`$]*)(\\$\\{)?)"
  const patterns = [
    new RegExp(String.raw`new\s+(?:GongkaiError|OptionsError|StopBatch)\s*\(\s*` + arg, 'g'),
    new RegExp(String.raw`new\s+WechatApiError\s*\(\s*[^,]+,\s*` + arg, 'g'),
    new RegExp(String.raw`super\s*\(\s*` + arg, 'g'),
  ]
  // Built from an entry: `new GongkaiError(ERRORS.Name, …)` or `GongkaiError.from(ERRORS.Name, …)`.
  for (const m of text.matchAll(/(?:new\s+\w+Error|\.from)\s*\(\s*ERRORS\.(\w+)/g)) {
    const entry = (ERRORS as Record<string, ErrorData | undefined>)[m[1] ?? '']
    codes.push(entry === undefined ? `ERRORS.${m[1]}` : entry.code)
  }
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      if (m[1] !== undefined) codes.push(m[1])
      else if (m[2] !== undefined) codes.push(m[3] === undefined ? m[2] : `${m[2]}*`)
    }
  }
  return codes
}

/** Why a thrown code is not in the catalogue, or undefined. */
function missing(code: string): string | undefined {
  if (code.endsWith('*')) {
    const head = code.slice(0, -1)
    return Object.values(ERRORS).some((e: ErrorData) => e.family === true && head.startsWith(e.code)) ? undefined : `${code}: no family entry`
  }
  return (Object.values(ERRORS) as ErrorData[]).some((e) => e.code === code) ? undefined : `${code}: not in ERRORS`
}

describe('errors: one catalogue', () => {
  const all = sources()

  it('no package throws a plain Error (browser-script strings aside)', () => {
    const problems = all.filter((s) => !BROWSER_SCRIPTS.has(s.file) && s.file !== BASE).flatMap((s) => plainErrors(s.text).map((p) => `${s.file}:${p}`))
    expect(problems).toEqual([])
  })

  it('the checks see what they look for', () => {
    expect(plainErrors("if (x) throw new Error('boom')\nthrow new TypeError(`t`)\nclass A extends Error {}\n// throw new Error('comment')")).toHaveLength(3)
    expect(
      thrownCodes(
        "new GongkaiError('a/b', 'm')\nnew OptionsError(`kiosk/bad-${x}`, m)\nnew WechatApiError('quota', 'wechat/quota', m, {})\nGongkaiError.from(ERRORS.StoreFile)\nnew OptionsError(ERRORS.Nope, m)",
      ),
    ).toEqual(['store/file', 'ERRORS.Nope', 'a/b', 'kiosk/bad-*', 'wechat/quota'])
    expect(missing('ERRORS.Nope')).toBeDefined()
    expect(missing('a/b')).toBeDefined()
    expect(missing('kiosk/bad-*')).toBeUndefined()
  })

  it('every code given to GongkaiError, OptionsError or WechatApiError is in ERRORS', () => {
    const used = all.flatMap((s) => thrownCodes(s.text).map((code) => ({ file: s.file, code })))
    expect(used.length).toBeGreaterThan(50)
    expect(used.map((u) => (missing(u.code) === undefined ? undefined : `${u.file}: ${missing(u.code)}`)).filter((x) => x !== undefined)).toEqual([])
  })

  it('each entry: a unique area/kebab-name code, a Chinese title, Chinese hints', () => {
    const entries = Object.entries(ERRORS) as [string, ErrorData][]
    const codes = entries.map(([, e]) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const [name, e] of entries) {
      expect(name, e.code).toMatch(/^[A-Z][A-Za-z]+$/)
      expect(e.code, name).toMatch(e.family === true ? /^[a-z]+\/[a-z-]+-$/ : /^[a-z]+\/[a-z][a-zA-Z]*(?:-[a-z0-9]+)*$/)
      expect(e.title, name).toMatch(/\p{Script=Han}/u)
      if (e.hint !== undefined) expect(e.hint, name).toMatch(/\p{Script=Han}/u)
    }
  })

  it('GongkaiError takes its title and hint from the entry, and its message parameters', () => {
    const e = GongkaiError.from(ERRORS.ProjectNotFound, '/tmp/x')
    expect(e).toMatchObject({ code: 'project/not-found', title: '找不到项目目录', message: '找不到项目目录“/tmp/x”', hint: '请检查路径；可用 gongkai init 新建项目', name: 'GongkaiError' })
    const o = OptionsError.from(ERRORS.StoreFile)
    expect(o).toBeInstanceOf(OptionsError)
    expect(o).toMatchObject({ code: 'store/file', message: '缺少台账文件路径', name: 'OptionsError' })
    const legacy = new OptionsError('kiosk/bad-slide-seconds', 'kiosk 选项 slideSeconds 应为 3 到 600 之间的整数')
    expect(legacy.title).toBe('kiosk 的选项取值不对')
    expect(errorData('wechat/errcode-40007')?.title).toBe('微信平台拒绝了调用')
  })
})
