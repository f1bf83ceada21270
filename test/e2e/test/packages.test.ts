/** Each public package packs what an embedder needs and nothing else (scripts/check-packages.mjs). */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types
import { packProblems } from '../../../scripts/check-packages.mjs'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const check = packProblems as (dir: string) => { name: string; files: string[]; problems: string[] }

describe('npm pack', () => {
  it.each(['core', 'store-sqlite', 'store-postgres', 'fonts', 'typeset', 'chart', 'check', 'website', 'wechat', 'noticeboard', 'kiosk', 'scheduler', 'console', 'cli'])(
    '@gongkai/%s ships dist, types, README and LICENSE only',
    (p) => {
      const r = check(join(root, 'packages', p))
      expect(r.problems).toEqual([])
      expect(r.files.some((f) => f.endsWith('.d.ts'))).toBe(true)
      expect(r.files.filter((f) => /(^|\/)(src|test)\/|\.map$|tsbuildinfo/.test(f))).toEqual([])
    },
  )

  it('catches a stray file, a missing licence and missing types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-pack-'))
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stray', version: '1.0.0', files: ['dist', 'notes.txt'] }))
    writeFileSync(join(dir, 'README.md'), '# stray\n')
    writeFileSync(join(dir, 'notes.txt'), 'internal\n')
    writeFileSync(join(dir, 'dist/index.js'), 'export {}\n')
    cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'))
    const r = check(dir)
    expect(r.problems).toEqual(['stray: 不应发布的文件 notes.txt', 'stray: 缺少 dist/index.d.ts', 'stray: package.json 没有 license'])
  })
})

describe('the solution tsconfig', () => {
  it('references every workspace that has a tsconfig, so `tsc -b` at the root builds them all', async () => {
    const { readFileSync, existsSync, readdirSync } = await import('node:fs')
    const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces
      .flatMap((w) => (w.endsWith('/*') ? readdirSync(join(root, w.slice(0, -2))).map((d) => `${w.slice(0, -2)}/${d}`) : [w]))
      .filter((w) => existsSync(join(root, w, 'tsconfig.json')))
    // tsconfig.json may carry comments: drop whole-line ones before parsing.
    const text = readFileSync(join(root, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')
    const solution = JSON.parse(text) as { files: unknown[]; references: { path: string }[] }
    expect(solution.files).toEqual([])
    expect(solution.references.map((r) => r.path).sort()).toEqual(workspaces.sort())
  })
})
