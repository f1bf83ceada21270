/**
 * The import direction, enforced: core imports no package of ours; fonts and a store import only
 * core; a channel imports core and fonts, never another channel; nothing imports the CLI (`gongkai`).
 * The same layers as the no-restricted-imports rules in eslint.config.js. Reads every packages/*\/src/**\/*.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const CHANNELS = ['website', 'wechat', 'noticeboard', 'kiosk']

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* tsFiles(full)
    else if (name.endsWith('.ts')) yield full
  }
}

/** Every module specifier: static and dynamic imports, re-exports, `import type` included. */
export function importsOf(source: string): string[] {
  const found: string[] = []
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1] ?? '')
  for (const m of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) found.push(m[1] ?? '')
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] ?? '')
  for (const m of text.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] ?? '')
  return found
}

/** The package of ours a specifier names (`@gongkai/website/x` → `website`, `gongkai` → `cli`). */
function ourPackage(spec: string): string | undefined {
  if (spec === 'gongkai' || spec.startsWith('gongkai/')) return 'cli'
  const m = /^@gongkai\/([^/]+)/.exec(spec)
  return m?.[1]
}

/** Why an import breaks the direction, or undefined when it is allowed. */
export function violation(fromPackage: string, spec: string): string | undefined {
  const to = ourPackage(spec)
  if (to === undefined) return undefined
  if (to === 'cli') return '任何包都不能引用命令行包 gongkai'
  if (to === fromPackage) return undefined
  if (fromPackage === 'core') return 'core 不能引用本项目的其他包'
  if (CHANNELS.includes(fromPackage) && CHANNELS.includes(to)) return '渠道包不能引用另一个渠道包'
  if ((fromPackage === 'fonts' || fromPackage === 'store-sqlite') && to !== 'core') return `${fromPackage} 只能引用 core`
  if (CHANNELS.includes(fromPackage) && to !== 'core' && to !== 'fonts') return '渠道包只能引用 core 和 fonts'
  if (fromPackage === 'scheduler' && to !== 'core') return 'scheduler 只能引用 core'
  return undefined
}

function collect(): string[] {
  const problems: string[] = []
  const packages = join(root, 'packages')
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src')
    let isDir: boolean
    try {
      isDir = statSync(src).isDirectory()
    } catch {
      isDir = false
    }
    if (!isDir) continue
    for (const file of tsFiles(src)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const why = violation(pkg, spec)
        if (why !== undefined) problems.push(`${relative(root, file).split('\\').join('/')} imports '${spec}': ${why}`)
      }
    }
  }
  return problems
}

describe('import direction', () => {
  it('holds in every packages/*/src/**/*.ts', () => {
    expect(collect()).toEqual([])
  })

  it('names the file and the import when it breaks', () => {
    expect(violation('core', '@gongkai/fonts')).toBe('core 不能引用本项目的其他包')
    expect(violation('wechat', '@gongkai/website')).toBe('渠道包不能引用另一个渠道包')
    expect(violation('scheduler', 'gongkai')).toBe('任何包都不能引用命令行包 gongkai')
    expect(violation('website', '@gongkai/core')).toBeUndefined()
    expect(violation('website', '@gongkai/fonts')).toBeUndefined()
    expect(violation('cli', '@gongkai/website')).toBeUndefined()
    expect(violation('fonts', '@gongkai/core')).toBeUndefined()
    expect(violation('fonts', '@gongkai/website')).toBe('fonts 只能引用 core')
    expect(violation('store-sqlite', '@gongkai/fonts')).toBe('store-sqlite 只能引用 core')
    expect(violation('kiosk', '@gongkai/scheduler')).toBe('渠道包只能引用 core 和 fonts')
    expect(violation('scheduler', '@gongkai/wechat')).toBe('scheduler 只能引用 core')
    expect(
      importsOf("import type { A } from '@gongkai/website'\nexport { b } from \"gongkai/x\"\nconst c = await import('@gongkai/kiosk')\nimport './side.js'\n// import x from '@gongkai/nope'"),
    ).toEqual(['@gongkai/website', 'gongkai/x', './side.js', '@gongkai/kiosk'])
  })
})
