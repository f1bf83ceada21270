/**
 * The site's Handlebars templates: built-ins in the package's templates/ folder, each replaceable
 * by a file at the same relative path in the operator's theme folder. Compiled once, with the
 * channel's own `Handlebars.create()`; a template error names the file and the line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { Diagnostic } from '@gongkai/core'
import { decodeText, resolveProjectFileSync } from '@gongkai/core/internal'
import Handlebars from 'handlebars'
import { hashOf } from './format.js'
import { registerTemplateHelpers } from './helpers.js'
import { PRECOMPILED } from './precompiled.js'

/** The built-in templates folder (packages/website/templates). */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url))

/** Page templates, by name (`pages/<name>.hbs`). */
export type PageName = 'home' | 'catalog' | 'item' | 'publication' | 'withdrawn' | 'adjustments' | 'column' | 'search' | 'validity'
const PAGES: readonly PageName[] = ['home', 'catalog', 'item', 'publication', 'withdrawn', 'adjustments', 'column', 'search', 'validity']

// Bump when the renderer's code changes what it writes, so that caches built by older code are dropped.
const RENDERER_VERSION = 'website-3'

/** Compiled templates plus the static files (built-in and theme) the pages link to. */
export interface Templates {
  /** Hash of every template, static file and theme file: part of every cache key. */
  readonly hash: string
  /** Renders a page into the layout. */
  page(name: PageName, data: Record<string, unknown>): string
  /** Static files to write: `static/site.css`, `static/theme/<file>`, … */
  readonly statics: ReadonlyMap<string, Uint8Array>
  /** Theme stylesheets, as site paths, linked on every page after the built-in one. */
  readonly themeCss: readonly string[]
  /** Theme files refused (outside the project, unreadable text) or decoded from another encoding, each naming the file. */
  readonly diagnostics: readonly Diagnostic[]
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...listFiles(full))
    else out.push(full)
  }
  return out
}

const posix = (p: string) => p.split(sep).join('/')

// Theme files that are text: decoded (a GBK stylesheet or template is read right, with a warning) and published as UTF-8.
const THEME_TEXT = /\.(?:hbs|css|js|mjs)$/i

/**
 * The files of a theme folder, as paths relative to it with their real paths. Each is resolved
 * through `resolveProjectFileSync`, so a symlinked file or folder whose real path leaves the
 * project (`theme/extra.css -> /etc/passwd`, `theme -> /srv/other`) is refused with a diagnostic
 * naming it and the rest of the theme still loads. `root` is the project folder (without one, the
 * theme folder itself); `shown` names files in messages (`theme/extra.css`).
 */
function themeFiles(themeDir: string, root: string, shown: (abs: string) => string, diagnostics: Diagnostic[]): { rel: string; real: string; file: string }[] {
  const out: { rel: string; real: string; file: string }[] = []
  const refuse = (abs: string, why: 'outside' | 'unsafe', message: string) => {
    const file = shown(abs)
    diagnostics.push({
      code: why === 'outside' ? 'file/outside-project' : 'file/unsafe-path',
      severity: 'error',
      message: `主题文件 ${file} ${message}，没有读取，也不会发布`,
      hint: '主题目录中只能放项目目录之内的文件：请把文件本身复制到 theme/ 中，而不是链接到目录外',
      file,
      line: 1,
      column: 1,
    })
  }
  const check = (abs: string): string | undefined => {
    const rel = posix(relative(root, abs))
    if (rel === '') return abs
    const where = resolveProjectFileSync(root, rel)
    if (where.ok) return where.path
    if (where.reason !== 'missing') refuse(abs, where.reason, where.message)
    return undefined
  }
  const realTheme = check(themeDir)
  if (realTheme === undefined) return out
  // Real folders already walked: a symlink inside the theme to one of its parents would loop.
  const seen = new Set<string>([realTheme])
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, entry.name)
      const real = check(abs)
      if (real === undefined) continue
      const stat = statSync(real)
      if (stat.isDirectory()) {
        if (seen.has(real)) continue
        seen.add(real)
        walk(abs)
      } else if (stat.isFile()) {
        out.push({ rel: posix(relative(themeDir, abs)), real, file: shown(abs) })
      }
    }
  }
  walk(themeDir)
  return out
}

function lineOf(error: unknown): number | undefined {
  const e = error as { lineNumber?: unknown; hash?: { line?: unknown }; message?: unknown }
  if (typeof e.lineNumber === 'number') return e.lineNumber
  if (typeof e.hash?.line === 'number') return e.hash.line + 1
  const m = typeof e.message === 'string' ? /on line (\d+)/.exec(e.message) : null
  return m === null ? undefined : Number(m[1])
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (
    message
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-1)[0] ?? message
  )
}

/**
 * Loads and compiles the templates once. Theme files outside `projectDir` (default: the theme
 * folder) are refused and listed in `diagnostics`. Throws GongkaiError `website/template-syntax` naming file and line.
 */
export function loadTemplates(themeDir: string | undefined, projectDir?: string): Templates {
  const hb = Handlebars.create()
  registerTemplateHelpers(hb)

  const sources = new Map<string, { file: string; text: string }>()
  // Templates the theme replaced or added (relative paths).
  const theme = new Set<string>()
  const statics = new Map<string, Uint8Array>()
  const themeCss: string[] = []
  const hashParts: string[] = [RENDERER_VERSION]
  const diagnostics: Diagnostic[] = []
  // Built-ins whose text is the one `src/precompiled.ts` was made from (a theme's never is).
  const precompiled = new Set<string>()
  for (const file of listFiles(BUILTIN_TEMPLATES)) {
    const rel = posix(relative(BUILTIN_TEMPLATES, file))
    const bytes = readFileSync(file)
    hashParts.push(rel, hashOf(bytes))
    if (rel.endsWith('.hbs')) {
      sources.set(rel, { file, text: bytes.toString('utf8') })
      if (PRECOMPILED[rel]?.hash === hashOf(bytes)) precompiled.add(rel)
    } else if (rel.startsWith('static/')) statics.set(rel, new Uint8Array(bytes))
  }
  if (themeDir !== undefined) {
    if (!existsSync(themeDir)) {
      throw new GongkaiError(ERRORS.WebsiteThemeMissing, `找不到主题目录“${themeDir}”`, { hint: '请检查 website 的 themeDir 选项；不需要主题时不要设置它' })
    }
    const base = projectDir ?? dirname(themeDir)
    for (const { rel, real, file } of themeFiles(themeDir, projectDir ?? themeDir, (abs) => posix(relative(base, abs)), diagnostics)) {
      let bytes: Uint8Array = readFileSync(real)
      hashParts.push(rel, hashOf(bytes))
      let text: string | undefined
      if (THEME_TEXT.test(rel)) {
        const decoded = decodeText(bytes, file)
        diagnostics.push(...decoded.diagnostics)
        if (decoded.text === undefined) continue
        text = decoded.text
        if (decoded.encoding !== 'UTF-8') bytes = Buffer.from(text, 'utf8')
      }
      if (rel.endsWith('.hbs')) {
        sources.set(rel, { file: join(themeDir, ...rel.split('/')), text: text ?? '' })
        theme.add(rel)
        precompiled.delete(rel)
      } else {
        // Anything else in the theme (CSS, images, fonts) is published under static/theme/.
        const path = `static/theme/${rel}`
        statics.set(path, new Uint8Array(bytes))
        if (rel.endsWith('.css')) themeCss.push(path)
      }
    }
  }

  const parse = (rel: string) => {
    const source = sources.get(rel)
    if (source === undefined) throw new GongkaiError(ERRORS.WebsiteTemplateMissing, `缺少模板文件 ${rel}`)
    try {
      return { source, ast: hb.parse(source.text) }
    } catch (cause) {
      const line = lineOf(cause)
      throw new GongkaiError(ERRORS.WebsiteTemplateSyntax, `模板文件 ${source.file}${line === undefined ? '' : ` 第 ${line} 行`}有语法错误：${firstLine(cause)}`, {
        hint: '请检查 {{#if}}/{{#each}} 是否成对闭合、花括号是否完整',
        cause,
      })
    }
  }
  // A theme's template is checked at load, so its syntax error stops the build before anything is
  // rendered; the shipped ones are taken precompiled (parsing and compiling them was ~90 ms of
  // every fresh process that renders a page), or else parsed on first use, once, the tree handed
  // to compile.
  const compile = (rel: string) => {
    let parsed = theme.has(rel) ? parse(rel) : undefined
    let template: HandlebarsTemplateDelegate | undefined
    const spec = precompiled.has(rel) ? PRECOMPILED[rel]?.spec : undefined
    return (data: Record<string, unknown>): string => {
      if (template === undefined) {
        if (spec !== undefined) template = hb.template(spec)
        else {
          parsed ??= parse(rel)
          template = hb.compile(parsed.ast)
        }
      }
      try {
        return template(data)
      } catch (cause) {
        const line = lineOf(cause)
        const file = sources.get(rel)?.file ?? rel
        throw new GongkaiError(ERRORS.WebsiteTemplateRender, `模板文件 ${file}${line === undefined ? '' : ` 第 ${line} 行`}渲染出错：${firstLine(cause)}`, {
          hint: '请检查模板中引用的局部模板（partial）和辅助函数（helper）名称',
          cause,
        })
      }
    }
  }

  for (const rel of sources.keys()) {
    if (!rel.startsWith('partials/')) continue
    const name = rel.slice('partials/'.length, -'.hbs'.length)
    const render = compile(rel)
    hb.registerPartial(name, (data: Record<string, unknown>) => render(data))
  }
  const layout = compile('layout.hbs')
  const pages = new Map(PAGES.map((name) => [name, compile(`pages/${name}.hbs`)]))

  return {
    hash: hashOf(...hashParts),
    statics,
    themeCss,
    diagnostics,
    page(name, data) {
      const render = pages.get(name)
      if (render === undefined) throw new GongkaiError(ERRORS.WebsiteTemplateMissing, `缺少模板文件 pages/${name}.hbs`)
      return layout({ ...data, content: render(data) })
    },
  }
}
