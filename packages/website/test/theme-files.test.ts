/** Theme files are read only from inside the project, decoded from the encoding they were saved in. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { loadTemplates } from '../src/templates.js'
import { website } from '../src/website.js'
import { fixtureContext, fixtureDisclosures } from './fixtures/small.js'
import { buildSite } from './support/build-site.js'

// iconv-lite is @gongkai/core's dependency (the decoder the templates use), not this package's.
const iconv = createRequire(fileURLToPath(new URL('../../core/package.json', import.meta.url)))('iconv-lite') as { encode(text: string, encoding: string): Buffer }
const temps: string[] = []
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})
const marker = 'SECRET-9b2d-outside'

/** A project folder with a theme/ holding one good stylesheet and a link to a file outside the project. */
function linkedTheme(): { parent: string; dir: string; theme: string } {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-theme-unit-'))
  temps.push(parent)
  const dir = join(parent, 'project')
  const theme = join(dir, 'theme')
  mkdirSync(theme, { recursive: true })
  writeFileSync(join(parent, 'secret.css'), `/* ${marker} */\n`)
  writeFileSync(join(theme, 'good.css'), 'body { color: #222 }\n')
  symlinkSync(join(parent, 'secret.css'), join(theme, 'extra.css'))
  return { parent, dir, theme }
}

const where = (ds: readonly { file?: string; line?: number; column?: number; code: string }[]) => ds.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.code}`)

describe('theme files', () => {
  it('refuses a theme file whose real path is outside the project and loads the rest', () => {
    const { dir, theme } = linkedTheme()
    const t = loadTemplates(theme, dir)
    expect(where(t.diagnostics)).toEqual(['theme/extra.css:1:1 file/outside-project'])
    expect([...t.statics.keys()].filter((p) => p.startsWith('static/theme/'))).toEqual(['static/theme/good.css'])
    expect(t.themeCss).toEqual(['static/theme/good.css'])
  })

  it('refuses a theme folder that is itself a symlink out of the project', () => {
    const { parent, dir } = linkedTheme()
    const outside = join(parent, 'elsewhere')
    mkdirSync(outside)
    writeFileSync(join(outside, 'a.css'), `/* ${marker} */\n`)
    symlinkSync(outside, join(dir, 'theme2'))
    const t = loadTemplates(join(dir, 'theme2'), dir)
    expect(where(t.diagnostics)).toEqual(['theme2:1:1 file/outside-project'])
    expect(t.themeCss).toEqual([])
  })

  it('the channel lists the problem when made and reports it from assemble; a whole build reports it and publishes none of it', async () => {
    const { dir, theme } = linkedTheme()
    const channel = website({ themeDir: theme, projectDir: dir })
    expect(where(channel.diagnostics)).toEqual(['theme/extra.css:1:1 file/outside-project'])
    const all = fixtureDisclosures()
    const ctx = fixtureContext(all, dir)
    const files = await channel.assemble?.(all, ctx)
    expect(where(ctx.diagnostics.filter((d) => d.code === 'file/outside-project'))).toEqual(['theme/extra.css:1:1 file/outside-project'])
    for (const f of files ?? []) expect(String(typeof f.data === 'string' ? f.data : Buffer.from(f.data).toString('latin1')).includes(marker), f.path).toBe(false)

    const out = join(dir, 'out')
    const result = await buildSite(website({ themeDir: theme, projectDir: dir }), fixtureDisclosures(), out, dir)
    expect(where(result.diagnostics.filter((d) => d.code === 'file/outside-project'))).toEqual(['theme/extra.css:1:1 file/outside-project'])
    for (const e of readdirSync(out, { recursive: true, withFileTypes: true }).filter((x) => x.isFile())) {
      expect(readFileSync(join(e.parentPath, e.name)).toString('latin1').includes(marker), e.name).toBe(false)
    }
  })

  it('decodes a GBK stylesheet with a warning and publishes it as UTF-8', () => {
    const { dir, theme } = linkedTheme()
    writeFileSync(join(theme, 'gbk.css'), iconv.encode('body::after { content: "本局依法公开" }\n', 'gbk'))
    const t = loadTemplates(theme, dir)
    expect(where(t.diagnostics)).toEqual(['theme/extra.css:1:1 file/outside-project', 'theme/gbk.css:1:1 file/encoding'])
    expect(Buffer.from(t.statics.get('static/theme/gbk.css') ?? []).toString('utf8')).toBe('body::after { content: "本局依法公开" }\n')
  })
})
