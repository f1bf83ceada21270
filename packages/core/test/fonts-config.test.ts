/** `fonts:` in gongkai.config.yaml names the sheet's body, title and heading files: checked at their lines, relative paths taken in the project folder. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'

const HANAZONO_A = '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf'
const CONFIG = (fonts: string) => `body:\n  name: 青川县生态环境局\n  orgCode: "008672531"\nsite:\n  title: 站\n  baseUrl: https://a.gov.cn/\nfonts:\n${fonts}`
const CATALOG = 'items: []\n'
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function project(fonts: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-fonts-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'gongkai.config.yaml'), CONFIG(fonts))
  writeFileSync(join(dir, 'catalog.yaml'), CATALOG)
  mkdirSync(join(dir, 'publications'))
  return dir
}

describe('fonts in the config', () => {
  it('reads the body, title and heading files with their places', () => {
    const r = validateProject({
      config: { file: 'gongkai.config.yaml', text: CONFIG(`  body: ${HANAZONO_A}\n  title: fonts/xbs.otf\n  heading: /f/simhei.ttf\n`) },
      catalog: { file: 'catalog.yaml', text: CATALOG },
      publications: [],
    })
    expect(r.diagnostics).toEqual([])
    expect(r.config.fonts).toEqual({ body: HANAZONO_A, title: 'fonts/xbs.otf', heading: '/f/simhei.ttf' })
    expect(r.config.fontPlaces).toEqual({ body: { line: 8, column: 9 }, title: { line: 9, column: 10 }, heading: { line: 10, column: 12 } })
  })

  it('refuses a file that is not a TTF, OTF or TTC at its line, and an unknown key', () => {
    const r = validateProject({
      config: { file: 'gongkai.config.yaml', text: CONFIG('  body: /f/fangsong.woff2\n  titel: /f/x.ttf\n') },
      catalog: { file: 'catalog.yaml', text: CATALOG },
      publications: [],
    })
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['config/bad-font', 'error', 8, 9],
      ['config/unknown-field', 'warning', 9, 3],
    ])
    expect(r.diagnostics[0]!.message).toContain('正文字体文件（仿宋）')
    expect(r.config.fonts).toEqual({})
  })

  it('reports a missing file at its line when the project is loaded, and takes a relative path in the project folder', async () => {
    const dir = project('  body: fonts/FangSong_GB2312.ttf\n  title: /nowhere/方正小标宋简体.ttf\n')
    mkdirSync(join(dir, 'fonts'))
    copyFileSync(HANAZONO_A, join(dir, 'fonts', 'FangSong_GB2312.ttf'))
    const p = await loadProject(dir, { cache: false })
    expect(p.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['config/missing-font', 'error', 'gongkai.config.yaml', 9, 10]])
    expect(p.diagnostics[0]!.message).toContain('标题字体文件（小标宋）')
    expect(p.config.fonts.body).toBe(join(dir, 'fonts', 'FangSong_GB2312.ttf'))
  })
})
