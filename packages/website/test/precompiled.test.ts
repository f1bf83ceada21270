/** The built-in templates ship precompiled: the file is current, taken only for the text it was made from, and renders what compiling at run time renders. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain script, without types.
import { precompiledSource } from '../scripts/precompile-templates.mjs'
import { PRECOMPILED } from '../src/precompiled.js'
import { BUILTIN_TEMPLATES, loadTemplates } from '../src/templates.js'

const temps: string[] = []
afterAll(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Page data that reaches most branches of the layout and the publication page. */
const data = {
  site: { title: '青川县生态环境局政府信息公开', baseUrl: 'https://www.qingchuan.gov.cn/hbj/gk/' },
  title: '关于开展入河排污口排查整治的通知',
  root: '../',
  noindex: true,
  refreshTo: 'p/a.html',
  publication: { id: '2026-zfxx-001', title: '关于开展入河排污口排查整治的通知', published: '2026-11-20', body: '<p>正文。</p>' },
  latest: [{ title: '甲', url: 'p/a.html', published: '2026-11-20' }],
}

describe('precompiled templates', () => {
  it('src/precompiled.ts is what the script writes from templates/ now (run `npm run precompile -w @gongkai/website` after editing a template)', () => {
    expect(readFileSync(new URL('../src/precompiled.ts', import.meta.url), 'utf8')).toBe((precompiledSource as () => string)())
  })

  it('holds every built-in template, and renders exactly what the same templates compiled at run time render', () => {
    expect(Object.keys(PRECOMPILED)).toContain('layout.hbs')
    expect(Object.keys(PRECOMPILED)).toContain('pages/publication.hbs')
    // A theme with the same files: a theme's templates are always compiled at run time.
    const theme = mkdtempSync(join(tmpdir(), 'gongkai-same-theme-'))
    temps.push(theme)
    cpSync(BUILTIN_TEMPLATES, theme, { recursive: true, filter: (src) => !src.includes('static') })
    const shipped = loadTemplates(undefined)
    const compiled = loadTemplates(theme)
    for (const page of ['home', 'publication', 'catalog', 'item', 'column', 'search', 'withdrawn', 'adjustments', 'validity'] as const) {
      const html = shipped.page(page, data)
      expect(html.length, page).toBeGreaterThan(200)
      expect(html, page).toBe(compiled.page(page, data))
    }
  })

  it('is not taken for a built-in whose text changed since: that one is compiled from its text', () => {
    const before = PRECOMPILED['layout.hbs']
    expect(before).toBeDefined()
    const spec = before?.spec as Record<string, unknown>
    // The spec as if made from other text: its hash no longer matches the file, so it is not used.
    ;(PRECOMPILED as Record<string, unknown>)['layout.hbs'] = { hash: 'not-the-text', spec: { ...spec, main: () => 'precompiled, stale' } }
    try {
      expect(loadTemplates(undefined).page('home', data)).not.toContain('precompiled, stale')
      ;(PRECOMPILED as Record<string, unknown>)['layout.hbs'] = { hash: before?.hash, spec: { ...spec, main: () => 'precompiled, current' } }
      expect(loadTemplates(undefined).page('home', data)).toBe('precompiled, current')
    } finally {
      ;(PRECOMPILED as Record<string, unknown>)['layout.hbs'] = before
    }
  })
})
