/** `gongkai import … --merge` into a catalog.yaml that an office saved in GBK or UTF-16: the Chinese survives, the file comes back as UTF-8. */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const core = createRequire(join(root, 'packages/core/package.json'))
// Both are @gongkai/core's dependencies: the bytes are written by the decoder the CLI reads them with.
const iconv = core('iconv-lite') as { encode(text: string, encoding: string, options?: { addBOM?: boolean }): Buffer }
const yaml = core('yaml') as { parse(text: string): unknown }
const catalog = readFileSync(join(root, 'packages/core/test/fixtures/valid/catalog.yaml'), 'utf8')
const sheet = join(root, 'packages/import/test/fixtures/import-ecology/catalog.csv')

function gongkai(cwd: string, args: readonly string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** A folder with the spreadsheet and a catalog.yaml holding `bytes`. */
function folder(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-merge-'))
  copyFileSync(sheet, join(dir, 'catalog.csv'))
  writeFileSync(join(dir, 'catalog.yaml'), bytes)
  return dir
}

const names = (text: string) => (yaml.parse(text) as { items: { code: string; name: string }[] }).items.map((i) => `${i.code} ${i.name}`)

describe('gongkai import --merge on a catalog.yaml that is not UTF-8', () => {
  const before = names(catalog)
  const imported = (() => {
    const dir = folder(Buffer.from('items: []\n'))
    const r = gongkai(dir, ['import', 'catalog.csv', '--out', 'catalog.yaml', '--merge'])
    expect(r.code, r.err).toBe(0)
    return names(readFileSync(join(dir, 'catalog.yaml'), 'utf8'))
  })()

  for (const [label, encoding, what, options] of [
    ['GBK', 'gbk', 'GBK/GB18030', {}],
    ['GB18030', 'gb18030', 'GBK/GB18030', {}],
    ['UTF-16LE with a BOM', 'utf16le', 'UTF-16LE', { addBOM: true }],
  ] as const) {
    it(`keeps every Chinese name of a ${label} catalog.yaml and writes it back as UTF-8, saying so`, () => {
      const dir = folder(iconv.encode(catalog, encoding, options))
      const r = gongkai(dir, ['import', 'catalog.csv', '--out', 'catalog.yaml', '--merge'])
      expect(r.code, r.err).toBe(0)
      expect(r.out).toContain(`catalog.yaml 原为 ${what} 编码，已转换为 UTF-8 保存`)
      const bytes = readFileSync(join(dir, 'catalog.yaml'))
      expect(isUtf8(bytes)).toBe(true)
      const text = bytes.toString('utf8')
      expect(text).not.toContain('\ufffd')
      const after = names(text)
      // The operator's items first, as written, then the imported ones the catalog did not have.
      expect(after.slice(0, before.length)).toEqual(before)
      expect(after.slice(before.length)).toEqual(imported.filter((n) => !before.some((b) => b.split(' ')[0] === n.split(' ')[0])))
      expect(after.length).toBeGreaterThan(before.length)
    })
  }

  it('says nothing of a conversion for a UTF-8 catalog.yaml', () => {
    const dir = folder(Buffer.from(catalog))
    const r = gongkai(dir, ['import', 'catalog.csv', '--out', 'catalog.yaml', '--merge'])
    expect(r.code, r.err).toBe(0)
    expect(r.out).not.toContain('转换为 UTF-8')
    expect(names(readFileSync(join(dir, 'catalog.yaml'), 'utf8')).slice(0, before.length)).toEqual(before)
  })

  it('refuses a catalog.yaml in no known encoding at its bad byte and leaves it untouched', () => {
    const bytes = Buffer.concat([Buffer.from('items:\n  - code: HB-1\n    name: '), Buffer.from([0xff, 0xfe, 0xfd, 0x0a])])
    const dir = folder(bytes)
    const r = gongkai(dir, ['import', 'catalog.csv', '--out', 'catalog.yaml', '--merge'])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/catalog\.yaml:3:11 错误 无法识别文件的编码.*\[file\/unknown-encoding\]/)
    expect(r.err).toContain('文件没有改动')
    expect(readFileSync(join(dir, 'catalog.yaml')).equals(bytes)).toBe(true)
  })

  for (const [label, text, what] of [
    ['a scalar', 'just a line of text\n', '一个单独的值'],
    ['a list', '- code: HB-1\n  name: 甲\n', '一个列表'],
  ] as const) {
    it(`refuses a catalog.yaml that is ${label} with catalog/not-a-mapping, not an internal error`, () => {
      const dir = folder(Buffer.from(text))
      const r = gongkai(dir, ['import', 'catalog.csv', '--out', 'catalog.yaml', '--merge'])
      expect(r.code).not.toBe(0)
      expect(r.err).not.toContain('内部错误')
      expect(r.err).toContain(`catalog.yaml 第 1 行第 1 列是${what}`)
      expect(r.err).toContain('catalog/not-a-mapping')
      expect(readFileSync(join(dir, 'catalog.yaml'), 'utf8')).toBe(text)
    })
  }

  it('merges into an empty catalog.yaml (or one of comments only) as into a new one', () => {
    for (const text of ['', '# 本局标准目录\n']) {
      const dir = folder(Buffer.from(text))
      const r = gongkai(dir, ['import', 'catalog.csv', '--out', 'catalog.yaml', '--merge'])
      expect(r.code, r.err).toBe(0)
      const after = readFileSync(join(dir, 'catalog.yaml'), 'utf8')
      expect(names(after)).toEqual(imported)
      if (text !== '') expect(after.startsWith('# 本局标准目录')).toBe(true)
    }
  })
})
