/** The website theme folder as operators fill it: nothing outside the project is read or published, and text in GBK is read right. */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const fixture = join(root, 'packages/core/test/fixtures/valid')
const iconv = createRequire(join(root, 'packages/core/package.json'))('iconv-lite') as { encode(text: string, encoding: string): Buffer }
const marker = 'SECRET-4c1e-outside-the-project'

function gongkai(args: readonly string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** The valid fixture in a fresh folder, inside a parent that holds a file and a folder the project must not publish. */
function project(): { dir: string; parent: string } {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-e2e-theme-'))
  const dir = join(parent, 'project')
  cpSync(fixture, dir, { recursive: true })
  writeFileSync(join(parent, 'secret.txt'), `root:x:0:0:${marker}:/root:/bin/bash\n`)
  mkdirSync(join(parent, 'elsewhere', 'partials'), { recursive: true })
  writeFileSync(join(parent, 'elsewhere', 'outside.css'), `body { --leak: "${marker}" }\n`)
  writeFileSync(join(parent, 'elsewhere', 'partials', 'footer.hbs'), `<footer>${marker}</footer>\n`)
  return { dir, parent }
}

/** Every file under OUT with its text. */
function outFiles(dir: string): { path: string; text: string }[] {
  const out = join(dir, 'out')
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ path: join(e.parentPath, e.name), text: readFileSync(join(e.parentPath, e.name)).toString('latin1') }))
}

describe('website theme files', () => {
  it('refuses a theme file that links out of the project, publishes the rest, and says so in validate and build', () => {
    const { dir, parent } = project()
    mkdirSync(join(dir, 'theme'))
    writeFileSync(join(dir, 'theme', 'site-extra.css'), 'body { font-size: 20px }\n')
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'theme', 'extra.css'))
    const v = gongkai(['validate', dir])
    expect(v.code).toBe(1)
    expect(v.err).toMatch(/theme\/extra\.css:1:1 错误 主题文件 theme\/extra\.css 是指向项目目录之外（.*secret\.txt）的符号链接.*\[file\/outside-project\]/)
    const b = gongkai(['build', dir, '--channel', 'website'])
    expect(b.err).toMatch(/theme\/extra\.css:1:1 错误 主题文件 theme\/extra\.css 是指向项目目录之外.*\[file\/outside-project\]/)
    expect(b.code).toBe(1)
    expect(existsSync(join(dir, 'out', 'website', 'static', 'theme', 'extra.css'))).toBe(false)
    expect(readFileSync(join(dir, 'out', 'website', 'static', 'theme', 'site-extra.css'), 'utf8')).toBe('body { font-size: 20px }\n')
    const index = readFileSync(join(dir, 'out', 'website', 'index.html'), 'utf8')
    expect(index).toContain('static/theme/site-extra.css')
    expect(index).not.toContain('static/theme/extra.css')
    for (const f of outFiles(dir)) expect(f.text.includes(marker), f.path).toBe(false)
  })

  it('reads nothing from a theme folder that is itself a symlink out of the project', () => {
    const { dir, parent } = project()
    symlinkSync(join(parent, 'elsewhere'), join(dir, 'theme'))
    const v = gongkai(['validate', dir])
    expect(v.code).toBe(1)
    expect(v.err).toMatch(/theme:1:1 错误 主题文件 theme 是指向项目目录之外（.*elsewhere）的符号链接.*\[file\/outside-project\]/)
    const b = gongkai(['build', dir, '--channel', 'website'])
    expect(b.err).toMatch(/\[file\/outside-project\]/)
    expect(existsSync(join(dir, 'out', 'website', 'index.html')), b.out + b.err).toBe(true)
    expect(existsSync(join(dir, 'out', 'website', 'static', 'theme'))).toBe(false)
    for (const f of outFiles(dir)) expect(f.text.includes(marker), f.path).toBe(false)
  })

  it('refuses a symlinked folder inside the theme that leads out, and follows one that stays inside', () => {
    const { dir, parent } = project()
    mkdirSync(join(dir, 'theme'))
    mkdirSync(join(dir, 'shared-css'))
    writeFileSync(join(dir, 'shared-css', 'print.css'), '@media print { nav { display: none } }\n')
    symlinkSync(join(dir, 'shared-css'), join(dir, 'theme', 'inside'))
    symlinkSync(join(parent, 'elsewhere'), join(dir, 'theme', 'outside'))
    const b = gongkai(['build', dir, '--channel', 'website'])
    expect(b.err).toMatch(/theme\/outside:1:1 错误 .*\[file\/outside-project\]/)
    expect(readFileSync(join(dir, 'out', 'website', 'static', 'theme', 'inside', 'print.css'), 'utf8')).toContain('@media print')
    for (const f of outFiles(dir)) expect(f.text.includes(marker), f.path).toBe(false)
  })

  it('reads a GBK theme stylesheet and template with a warning and publishes them as UTF-8', () => {
    const { dir } = project()
    mkdirSync(join(dir, 'theme', 'partials'), { recursive: true })
    writeFileSync(join(dir, 'theme', 'gbk.css'), iconv.encode('/* 适老化：放大字号 */\nbody::after { content: "本局依法公开" }\n', 'gbk'))
    const footer = readFileSync(join(root, 'packages/website/templates/partials/footer.hbs'), 'utf8')
    writeFileSync(join(dir, 'theme', 'partials', 'footer.hbs'), iconv.encode(footer.replace(/<footer([^>]*)>/, '<footer$1><p>主办单位：测试县生态环境局（主题）</p>'), 'gbk'))
    const b = gongkai(['build', dir, '--channel', 'website'])
    expect(b.code, b.err).toBe(0)
    expect(b.err).toMatch(/theme\/gbk\.css:1:1 警告 文件不是 UTF-8 编码，已按 GBK\/GB18030 编码读取 \[file\/encoding\]/)
    // The CLI groups the same warning: the second file is named in the group's places.
    expect(b.err).toContain('theme/partials/footer.hbs:1:1')
    expect(readFileSync(join(dir, 'out', 'website', 'static', 'theme', 'gbk.css'), 'utf8')).toContain('content: "本局依法公开"')
    expect(readFileSync(join(dir, 'out', 'website', 'index.html'), 'utf8')).toContain('主办单位：测试县生态环境局（主题）')
  })
})
