import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../src/diagnostics.js'
import { showInvisible, stripInvisible } from '../src/invisible.js'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'

const fixture = fileURLToPath(new URL('./fixtures/valid/', import.meta.url))
const ESC = '\u001b'

/** A copy of the valid fixture with `edit(text)` applied to some of its files. */
function project(edits: Record<string, (text: string) => string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'gongkai-invisible-')), 'p')
  cpSync(fixture, dir, { recursive: true })
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')))
  return dir
}

describe('invisible characters in YAML text fields', () => {
  it('a title with ESC colour codes (written raw) is cleaned, with one warning at the first one', async () => {
    const dir = project({ 'publications/2026-xk-001.md': (t) => t.replace('title: 某项目环评审批结果', `title: ${ESC}[31m红${ESC}[0m某项目环评审批结果`) })
    const p = await loadProject(dir)
    expect(p.publications.find((x) => x.id === '2026-xk-001')?.title).toBe('[31m红[0m某项目环评审批结果')
    const found = p.diagnostics.filter((d) => d.code.endsWith('/invisible-character'))
    expect(found).toMatchObject([{ code: 'publication/invisible-character', severity: 'warning', file: 'publications/2026-xk-001.md', line: 4, column: 8, subject: '2026-xk-001' }])
    expect(found[0]?.message).toContain('“title”（标题）')
    expect(found[0]?.message).toContain('U+001B')
    expect(found[0]?.hint).toContain('可能是从其他软件粘贴时带入的')
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('the same written as escapes in double quotes, pointed at the escape', async () => {
    const text = (file: string) => ({ file, text: readFileSync(join(fixture, file), 'utf8') })
    const publication = text('publications/2026-xk-001.md')
    const result = validateProject({
      config: text('gongkai.config.yaml'),
      catalog: text('catalog.yaml'),
      publications: [{ file: publication.file, text: publication.text.replace('title: 某项目环评审批结果', 'title: "某项目\\e[31m环评\\u202e审批结果"') }],
    })
    expect(result.publications[0]?.title).toBe('某项目[31m环评审批结果')
    expect(result.diagnostics.filter((d) => d.code === 'publication/invisible-character')).toMatchObject([{ file: 'publications/2026-xk-001.md', line: 4, column: 12 }])
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('catalog and config fields too, bidi overrides and a stray BOM among them; one warning per field', async () => {
    const dir = project({
      'catalog.yaml': (t) => t.replace('name: 行政处罚决定', 'name: 行政\u202e处罚\u202e决定').replace('name: 规划计划', 'name: \ufeff规划计划'),
      'gongkai.config.yaml': (t) => t.replace('title: 测试县生态环境局政府信息公开', `title: 测试县${ESC}生态环境局政府信息公开`),
    })
    const p = await loadProject(dir)
    expect(p.catalog.items.map((i) => i.name).slice(0, 2)).toEqual(['行政处罚决定', '规划计划'])
    expect(p.config.site.title).toBe('测试县生态环境局政府信息公开')
    const found = p.diagnostics.filter((d) => d.code.endsWith('/invisible-character')).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)
    expect(found.sort()).toEqual(['catalog.yaml:16:11 catalog/invisible-character', 'catalog.yaml:3:13 catalog/invisible-character', 'gongkai.config.yaml:5:13 config/invisible-character'])
  })

  it('channel options too, in the options the channels receive', async () => {
    const dir = project({
      'gongkai.config.yaml': (t) =>
        t.replace('wechat: { appId: wx0123456789abcdef, secretEnv: GONGKAI_WECHAT_SECRET }', 'wechat: { appId: wx0123456789abcdef, secretEnv: GONGKAI_WECHAT_SECRET, author: "测试\\e[1m局" }'),
    })
    const p = await loadProject(dir)
    expect(p.config.channels['wechat']?.['author']).toBe('测试[1m局')
    expect(p.diagnostics.filter((d) => d.code === 'config/invisible-character')).toMatchObject([{ file: 'gongkai.config.yaml', line: 14, message: expect.stringContaining('“wechat.author”') }])
  })

  it('an id or a path is not cleaned into another name: the control character in it stays an error', async () => {
    const dir = project({ 'publications/2026-xk-001.md': (t) => t.replace('id: 2026-xk-001', `id: "2026-xk\\e-001"`) })
    const p = await loadProject(dir)
    expect(p.publications.map((x) => x.id)).not.toContain('2026-xk-001')
    expect(p.diagnostics.filter((d) => d.file === 'publications/2026-xk-001.md').map((d) => d.code)).toEqual(['publication/unsafe-id'])
  })

  it('keeps line breaks and tabs in multi-line fields, makes them a space in one-line fields', () => {
    expect(stripInvisible('第一行\n\t第二行', true)).toEqual({ text: '第一行\n\t第二行' })
    expect(stripInvisible('关于\n通知', false)).toEqual({ text: '关于 通知', found: '\n' })
    expect(stripInvisible(`a${ESC}\u0085\u2066b\u2069\ufeff`, true)).toEqual({ text: 'ab', found: ESC })
  })
})

describe('what reaches the terminal', () => {
  it('formatDiagnostic shows control characters as signs, never raw', () => {
    const line = formatDiagnostic({ code: 'x/y', severity: 'warning', message: `字段“ti${ESC}[2Jtle”\u202e无法识别`, hint: `删去\r`, file: `publications/${ESC}a.md`, line: 3 })
    // eslint-disable-next-line no-control-regex -- the assertion is that none is there
    expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(line).toContain('ti␛[2Jtle')
    expect(line).toContain('<U+202E>')
    expect(line).toContain('publications/␛a.md:3')
    expect(showInvisible('a\tb\nc\u0007')).toBe('a\tb\nc␇')
  })
})
