/**
 * The import graph, read from every packages/*\/src/**\/*.ts: no import circle inside a package, and
 * the layers hold (core and typeset import no package of ours; fonts, import, hub and the stores import core;
 * chart imports core and fonts; a channel imports core, fonts, typeset and chart, never another channel;
 * the CLI sits on top). A package that is
 * not in the layer table fails until it is added. The checker is tried on planted faults first.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkImportGraph, importsOf, layerViolation } from '../support/import-graph.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** A tiny repository: `files` maps paths under it to their text. */
function plant(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-graph-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

/** The npm packages that installing `name` (a workspace package) brings, found as Node resolves them from node_modules. */
function installs(name: string): Set<string> {
  const seen = new Set<string>()
  const dirOf = (dep: string, from: string): string | undefined => {
    for (let d = from; ; d = dirname(d)) {
      const candidate = join(d, 'node_modules', dep)
      if (existsSync(join(candidate, 'package.json'))) return candidate
      if (dirname(d) === d) return undefined
    }
  }
  const start = dirOf(name, root)
  const queue = start === undefined ? [] : [start]
  const visited = new Set<string>()
  while (queue.length > 0) {
    const dir = queue.shift()!
    if (visited.has(dir)) continue
    visited.add(dir)
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      seen.add(dep)
      const found = dirOf(dep, dir)
      if (found !== undefined) queue.push(found)
    }
  }
  return seen
}

describe('the import graph checker', () => {
  it('reads static, dynamic, re-exported and type-only imports, not ones in comments or strings', () => {
    const edges = importsOf(
      [
        "import type { A } from '@gongkai/website'",
        "import { type B } from './b.js'",
        "import { c, type C } from './c.js'",
        "export { d } from 'gongkai/x'",
        "export type { E } from './e.js'",
        "import './side.js'",
        "const f = await import('@gongkai/kiosk')",
        "type G = import('./g.js').G",
        "// import x from '@gongkai/nope'",
        'const s = "import y from \'@gongkai/nope2\'"',
      ].join('\n'),
    )
    expect(edges).toEqual([
      { specifier: '@gongkai/website', typeOnly: true },
      { specifier: './b.js', typeOnly: true },
      { specifier: './c.js', typeOnly: false },
      { specifier: 'gongkai/x', typeOnly: false },
      { specifier: './e.js', typeOnly: true },
      { specifier: './side.js', typeOnly: false },
      { specifier: '@gongkai/kiosk', typeOnly: false },
      { specifier: './g.js', typeOnly: true },
    ])
  })

  it('names the layer an import breaks', () => {
    expect(layerViolation('core', '@gongkai/fonts')).toBe('core 不能引用本项目的其他包（引用了 fonts）')
    expect(layerViolation('wechat', '@gongkai/website')).toBe('wechat 只能引用 core、fonts、typeset、chart（引用了 website）')
    expect(layerViolation('kiosk', '@gongkai/scheduler/internal')).toBe('kiosk 只能引用 core、fonts、typeset、chart（引用了 scheduler）')
    expect(layerViolation('typeset', '@gongkai/core')).toBe('typeset 不能引用本项目的其他包（引用了 core）')
    expect(layerViolation('kiosk', '@gongkai/wechat')).toBe('kiosk 只能引用 core、fonts、typeset、chart（引用了 wechat）')
    expect(layerViolation('hub', '@gongkai/fonts')).toBe('hub 只能引用 core（引用了 fonts）')
    expect(layerViolation('import', '@gongkai/website')).toBe('import 只能引用 core（引用了 website）')
    expect(layerViolation('scheduler', 'gongkai')).toBe('scheduler 只能引用 core（引用了 cli）')
    expect(layerViolation('store-sqlite', '@gongkai/hub')).toBe('store-sqlite 只能引用 core（引用了 hub）')
    expect(layerViolation('fonts', '@gongkai/test-wechat-server')).toBe('fonts 只能引用 core（引用了 test-wechat-server）')
    expect(layerViolation('dashboard', '@gongkai/core')).toMatch(/不在分层表中/)
    expect(layerViolation('chart', '@gongkai/kiosk')).toBe('chart 只能引用 core、fonts（引用了 kiosk）')
    for (const [from, to] of [
      ['website', '@gongkai/core'],
      ['kiosk', '@gongkai/chart'],
      ['wechat', '@gongkai/chart'],
      ['website', '@gongkai/fonts/internal'],
      ['noticeboard', '@gongkai/typeset'],
      ['wechat', '@gongkai/typeset'],
      ['import', '@gongkai/core/internal'],
      ['hub', '@gongkai/core'],
      ['cli', '@gongkai/website'],
      ['cli', '@gongkai/hub'],
      ['core', 'unified'],
      ['core', 'node:fs'],
    ] as const) {
      expect(layerViolation(from, to), `${from} → ${to}`).toBeUndefined()
    }
  })

  it('finds a planted circle, a crossed layer, a reach into another package and an unknown package', () => {
    const dir = plant({
      'packages/core/src/a.ts': "import { b } from './b.js'\nexport const a = () => b\n",
      'packages/core/src/b.ts': "import { c } from './deep/c.js'\nexport const b = 1\n",
      'packages/core/src/deep/c.ts': "import { a } from '../a.js'\nexport const c = a\n",
      'packages/core/src/self.ts': "export { x } from './self.js'\nexport const x = 1\n",
      // A type-only circle is erased at run time: not a circle when loading.
      'packages/core/src/t1.ts': "import type { T2 } from './t2.js'\nexport type T1 = T2 | 1\n",
      'packages/core/src/t2.ts': "import { one } from './t1.js'\nexport type T2 = 2\nexport const two = one\n",
      'packages/website/src/index.ts': "import { wechat } from '@gongkai/wechat'\nimport { Diagnostic } from '@gongkai/core'\nexport { wechat, Diagnostic }\n",
      'packages/kiosk/src/index.ts': "export { x } from '../../core/src/a.js'\n",
      'packages/dashboard/src/index.ts': 'export const y = 1\n',
      'packages/cli/src/index.ts': "import { website } from '@gongkai/website'\nimport { kiosk } from '@gongkai/kiosk'\nexport { website, kiosk }\n",
    })
    expect(checkImportGraph(dir).problems).toEqual([
      'packages/core: 循环引用 packages/core/src/a.ts → packages/core/src/b.ts → packages/core/src/deep/c.ts → packages/core/src/a.ts',
      'packages/core: 循环引用 packages/core/src/self.ts → packages/core/src/self.ts',
      'packages/dashboard: 不在分层表中：先在 LAYERS 里写明它可以引用哪些包',
      "packages/kiosk/src/index.ts 引用 '../../core/src/a.js'：越出了本包的 src（引用别的包请用包名）",
      "packages/website/src/index.ts 引用 '@gongkai/wechat'：website 只能引用 core、fonts、chart（引用了 wechat）",
    ])
  })

  it('finds the circle the sheet renderer had: a handler importing the registry that imports it', () => {
    const dir = plant({
      'packages/noticeboard/src/render/blocks.ts': "import { paragraph } from './blocks/paragraph.js'\nexport const HANDLERS = { paragraph }\nexport function setText() {}\n",
      'packages/noticeboard/src/render/blocks/paragraph.ts': "import type { Handler } from '../state.js'\nimport { setText } from '../blocks.js'\nexport const paragraph: Handler = () => setText()\n",
      'packages/noticeboard/src/render/state.ts': 'export type Handler = () => void\n',
    })
    expect(checkImportGraph(dir).problems).toEqual([
      'packages/noticeboard: 循环引用 packages/noticeboard/src/render/blocks.ts → packages/noticeboard/src/render/blocks/paragraph.ts → packages/noticeboard/src/render/blocks.ts',
    ])
  })
})

describe('the import graph of packages/*/src', () => {
  const report = checkImportGraph(root)

  it('reads every package with sources, and their files', () => {
    const names = report.packages.map((p) => p.name)
    for (const name of ['core', 'fonts', 'typeset', 'chart', 'import', 'website', 'wechat', 'noticeboard', 'kiosk', 'scheduler', 'store-sqlite', 'cli']) expect(names).toContain(name)
    const noticeboard = report.packages.find((p) => p.name === 'noticeboard')
    expect(noticeboard?.files.some((f) => f.endsWith('render/blocks/paragraph.ts'))).toBe(true)
    // The registry still reaches its handlers: the graph is read, not empty.
    expect(noticeboard?.edges.get(join(root, 'packages/noticeboard/src/render/blocks.ts'))).toContain(join(root, 'packages/noticeboard/src/render/blocks/paragraph.ts'))
  })

  it('has no import circle inside a package and keeps the layers', () => {
    expect(report.problems).toEqual([])
  })

  it('installing core, fonts or a channel does not install the spreadsheet reader; import does', () => {
    for (const name of ['@gongkai/core', '@gongkai/fonts', '@gongkai/chart', '@gongkai/website', '@gongkai/wechat', '@gongkai/noticeboard', '@gongkai/kiosk']) {
      const deps = installs(name)
      expect(deps.size, name).toBeGreaterThan(3)
      expect(deps.has('exceljs'), name).toBe(false)
      expect(deps.has('@gongkai/import'), name).toBe(false)
    }
    expect(installs('@gongkai/import').has('exceljs')).toBe(true)
  })
})
