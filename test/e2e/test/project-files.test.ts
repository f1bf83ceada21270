/** Files as offices produce them, through the CLI: a GBK publication, symlinks out of the project, one image in two publications. */
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
// iconv-lite is @gongkai/core's dependency: the bytes are written by the decoder the loader uses.
const iconv = createRequire(join(root, 'packages/core/package.json'))('iconv-lite') as { encode(text: string, encoding: string): Buffer }
const png = readFileSync(join(root, 'examples/county-bureau/assets/dzjg.png'))

function gongkai(args: readonly string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const publication = (id: string, title: string, body: string, extra: string[] = []) =>
  ['---', `id: ${id}`, 'item: HB-XZCF-001', `title: ${title}`, 'kind: release', 'stage: result', 'formed: 2026-11-20', 'review: { by: 王五, on: 2026-11-21 }', ...extra, '---', '', body, ''].join('\n')

function project(): { dir: string; parent: string } {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-e2e-files-'))
  const dir = join(parent, 'project')
  cpSync(fixture, dir, { recursive: true })
  mkdirSync(join(dir, 'assets'), { recursive: true })
  return { dir, parent }
}

/** Every file under a folder, with its bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ path: join(e.parentPath, e.name), bytes: readFileSync(join(e.parentPath, e.name)) }))
}

describe('gongkai validate and build on files as offices produce them', () => {
  it('reads a GBK publication with a warning, and refuses bytes in no encoding with an error', () => {
    const { dir } = project()
    writeFileSync(join(dir, 'publications', 'gbk.md'), iconv.encode(publication('2026-gbk-001', '关于某企业环境违法行为的行政处罚决定', '依法予以公开。'), 'gbk'))
    const ok = gongkai(['validate', dir])
    expect(ok.code, ok.err).toBe(0)
    expect(ok.err).toMatch(/publications\/gbk\.md:1:1 警告 文件不是 UTF-8 编码，已按 GBK\/GB18030 编码读取 \[file\/encoding\]/)
    expect(ok.err).toContain('另存为')
    writeFileSync(join(dir, 'publications', 'bad.md'), Buffer.concat([Buffer.from('---\nid: x\n'), Buffer.from([0xff, 0xfe, 0xfd, 0x0a])]))
    const bad = gongkai(['validate', dir])
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/publications\/bad\.md:3:1 错误 无法识别文件的编码/)
  })

  it('builds no file out of a symlink that leads outside the project', () => {
    const { dir, parent } = project()
    const marker = Buffer.from('SECRET-7f3a-do-not-publish')
    writeFileSync(join(parent, 'secret.png'), Buffer.concat([png, marker]))
    writeFileSync(join(parent, 'secret.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), marker]))
    symlinkSync(join(parent, 'secret.png'), join(dir, 'assets', 'leak.png'))
    symlinkSync(join(parent, 'secret.pdf'), join(dir, 'assets', 'leak.pdf'))
    writeFileSync(join(dir, 'publications', 'img.md'), publication('2026-img-001', '图片外链', '正文。\n\n![图](../assets/leak.png)'))
    writeFileSync(join(dir, 'publications', 'att.md'), publication('2026-att-001', '附件外链', '正文。', ['attachments:', '  - { title: 决定书, path: assets/leak.pdf }']))
    const v = gongkai(['validate', dir])
    expect(v.code).toBe(1)
    expect(v.err).toMatch(/publications\/img\.md:13:1 错误 .*符号链接.*\[file\/outside-project\]/)
    expect(v.err).toMatch(/publications\/att\.md:10:25 错误 .*符号链接.*\[file\/outside-project\]/)
    const b = gongkai(['build', dir, '--preview'])
    expect(existsSync(join(dir, 'out', 'website', 'index.html')), b.out + b.err).toBe(true)
    const out = filesUnder(join(dir, 'out'))
    expect(out.length).toBeGreaterThan(0)
    for (const f of out) expect(f.bytes.includes(marker), f.path).toBe(false)
    expect(out.map((f) => f.path).join('\n')).not.toContain('2026-img-001')
  })

  it('shares one image between two publications instead of failing with build/duplicate-path', () => {
    const { dir } = project()
    writeFileSync(join(dir, 'assets', 'shared.png'), png)
    writeFileSync(join(dir, 'publications', 'a.md'), publication('2026-img-a', '甲', '正文。\n\n![图](../assets/shared.png)'))
    writeFileSync(join(dir, 'publications', 'b.md'), publication('2026-img-b', '乙', '正文。\n\n![图](../assets/shared.png)'))
    const b = gongkai(['build', dir])
    expect(b.code, b.out + b.err).toBe(0)
    expect(b.out + b.err).not.toContain('duplicate-path')
    expect(readFileSync(join(dir, 'out', 'website', 'assets', 'shared.png')).equals(png)).toBe(true)
    for (const id of ['2026-img-a', '2026-img-b']) expect(readFileSync(join(dir, 'out', 'website', 'p', `${id}.html`), 'utf8')).toContain('assets/shared.png')
  })
})
