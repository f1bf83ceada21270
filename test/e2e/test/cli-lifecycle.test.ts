/**
 * `gongkai withdraw` and `gongkai correct` as operators run them, on a copy of the example bureau:
 * the file keeps its comments, key order and body bytes, the new fields load back, each refusal
 * is positioned and exits 1 without touching a file; `status` lists what was withdrawn and corrected.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadProject } from '@gongkai/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const example = join(root, 'examples/county-bureau')
const iconv = createRequire(join(root, 'packages/core/package.json'))('iconv-lite') as { encode(text: string, encoding: string): Buffer }

function gongkai(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV, ...env }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

let work: string
/** A fresh copy of the example bureau. */
function bureau(name: string): string {
  const dir = join(work, name)
  cpSync(example, dir, { recursive: true, filter: (src) => !src.includes(`${'/'}out`) && !src.includes('.gongkai') })
  return dir
}
const XZCF = 'publications/xzcf/2026-xzcf-002.md'
/** The bytes after the closing `---` line: the body. */
const bodyOf = (bytes: Buffer) => bytes.subarray(bytes.indexOf('\n---', 3) + 4)

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gongkai-lifecycle-'))
})

describe('gongkai withdraw / correct: the file', () => {
  it('adds withdrawn and corrections below the other fields, comments, order and body bytes kept, and they load back', async () => {
    const dir = bureau('write')
    const file = join(dir, XZCF)
    // An operator's comment, a flow list and a trailing comment: re-serialising the YAML would change all three.
    const original = readFileSync(file, 'utf8')
      .replace('review: {', '# 审查意见见纸质台账第 12 页\nreview: {')
      .replace('tags: [行政处罚, 挥发性有机物, 汽车维修]', 'tags: [行政处罚, 挥发性有机物, 汽车维修] # 按主题词表')
    writeFileSync(file, original)
    const before = readFileSync(file)

    const w = gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '当事人已履行，按规定撤下', '--mode', 'remove'], { GONGKAI_NOW: '2026-11-30T23:30:00+00:00' })
    expect(w.err).toBe('')
    expect(w.code).toBe(0)
    expect(w.out).toContain('已撤回“2026-xzcf-002”（2026-12-01，撤下页面）')
    const c1 = gongkai(['correct', dir, '2026-xzcf-002', '--note', '更正了处罚金额', '--on', '2026-11-20'])
    const c2 = gongkai(['correct', dir, '2026-xzcf-002', '--note', '补充: 缴款账户'])
    expect([c1.code, c2.code]).toEqual([0, 0])
    expect(c2.out).toContain('第 2 条更正说明（2026-11-30）')

    const after = readFileSync(file)
    // Only new lines, after the old ones: every line of the old front matter is where it was.
    const added = [
      'withdrawn: { on: 2026-12-01, reason: 当事人已履行，按规定撤下, mode: remove }',
      'corrections:',
      '  - { on: 2026-11-20, note: 更正了处罚金额 }',
      '  - { on: 2026-11-30, note: "补充: 缴款账户" }',
    ]
    const oldLines = original.split('\n')
    const close = oldLines.indexOf('---', 1)
    expect(after.toString('utf8').split('\n')).toEqual([...oldLines.slice(0, close), ...added, ...oldLines.slice(close)])
    expect(Buffer.compare(bodyOf(after), bodyOf(before))).toBe(0)

    const project = await loadProject(dir)
    // The example's own warning (a signed body) is all the file has: no error, no unknown field.
    expect(project.diagnostics.filter((d) => d.file === XZCF).map((d) => d.code)).toEqual(['publication/body-signature'])
    const p = project.publications.find((x) => x.id === '2026-xzcf-002')
    expect(p?.withdrawn).toEqual({ on: '2026-12-01', reason: '当事人已履行，按规定撤下', mode: 'remove' })
    expect(p?.corrections).toEqual([
      { on: '2026-11-20', note: '更正了处罚金额' },
      { on: '2026-11-30', note: '补充: 缴款账户' },
    ])
    expect(p?.tags).toEqual(['行政处罚', '挥发性有机物', '汽车维修'])
  })

  it('keeps a byte-order mark and CRLF line ends, and refuses a GBK file untouched', () => {
    const dir = bureau('encodings')
    const file = join(dir, XZCF)
    const crlf = readFileSync(file, 'utf8').replace(/\n/g, '\r\n')
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]))
    const before = readFileSync(file)
    const r = gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '错发'])
    expect(r.code, r.err).toBe(0)
    const after = readFileSync(file)
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(after.toString('utf8')).toContain('docNumber: 青环罚〔2026〕15号\r\ntags: [行政处罚, 挥发性有机物, 汽车维修]\r\nwithdrawn: { on: 2026-11-30, reason: 错发, mode: notice }\r\n---\r\n')
    expect(after.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n')
    expect(Buffer.compare(bodyOf(after), bodyOf(before))).toBe(0)

    const gbk = join(dir, 'publications/xzcf/2026-xzcf-003.md')
    const gbkBytes = iconv.encode(readFileSync(gbk, 'utf8'), 'gbk')
    writeFileSync(gbk, gbkBytes)
    const refused = gongkai(['correct', dir, '2026-xzcf-003', '--note', '更正'])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('publications/xzcf/2026-xzcf-003.md 是 GBK/GB18030 编码：gongkai 只改写 UTF-8 文件，没有改动它 [edit/not-utf8]')
    expect(refused.err).toContain('另存为 UTF-8')
    expect(Buffer.compare(readFileSync(gbk), gbkBytes)).toBe(0)
  })
})

describe('gongkai withdraw / correct: refusals', () => {
  let dir: string
  let files: Map<string, Buffer>
  beforeAll(() => {
    dir = bureau('refuse')
    expect(gongkai(['withdraw', dir, '2026-xzcf-001', '--reason', '错发', '--mode', 'remove']).code).toBe(0)
  })
  const snapshot = () => new Map(['publications/xzcf/2026-xzcf-001.md', XZCF].map((f) => [f, readFileSync(join(dir, f))]))
  const unchanged = () => {
    for (const [f, bytes] of files) expect(Buffer.compare(readFileSync(join(dir, f)), bytes), f).toBe(0)
  }

  it('an unknown id, with the nearest one', () => {
    files = snapshot()
    const r = gongkai(['withdraw', dir, '2026-xzcf-02', '--reason', '错发'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('错误 项目中没有 id 为“2026-xzcf-02”的公开信息 [withdraw/unknown-id]')
    expect(r.err).toContain('是否想写“2026-xzcf-002”')
    expect(gongkai(['correct', dir, 'nope', '--note', '更正']).err).toContain('[correct/unknown-id]')
    unchanged()
  })

  it('a redirect to a withdrawn publication, at its withdrawn field; to an unknown one', () => {
    files = snapshot()
    const withdrawn = gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '合并', '--mode', 'redirect', '--to', '2026-xzcf-001'])
    expect(withdrawn.code).toBe(1)
    const line =
      readFileSync(join(dir, 'publications/xzcf/2026-xzcf-001.md'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('withdrawn:')) + 1
    expect(withdrawn.err).toContain(`publications/xzcf/2026-xzcf-001.md:${line}:12 错误 要跳转到的“2026-xzcf-001”已于 2026-11-30 撤回，读者会跳到一个已撤回的页面 [withdraw/redirect-to-withdrawn]`)
    const unknown = gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '合并', '--mode', 'redirect', '--to', '2026-xzcf-0003'])
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('要跳转到的公开信息“2026-xzcf-0003”不存在 [withdraw/unknown-redirect]')
    expect(unknown.err).toContain('是否想写“2026-xzcf-003”')
    unchanged()
  })

  it('a date before formation, at the formed field, for both commands', () => {
    files = snapshot()
    const formed =
      readFileSync(join(dir, XZCF), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('formed:')) + 1
    const w = gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '错发', '--on', '2026-11-11'])
    expect(w.code).toBe(1)
    expect(w.err).toContain(`${XZCF}:${formed}:9 错误 撤回日期 2026-11-11 早于“2026-xzcf-002”的信息形成日期 2026-11-12 [withdraw/before-formed]`)
    const c = gongkai(['correct', dir, '2026-xzcf-002', '--note', '更正', '--on', '2026-01-01'])
    expect(c.code).toBe(1)
    expect(c.err).toContain(`${XZCF}:${formed}:9 错误 更正日期 2026-01-01 早于“2026-xzcf-002”的信息形成日期 2026-11-12 [correct/before-formed]`)
    unchanged()
  })

  it('a mode that does not exist, a redirect without --to, a date that is not one: usage, exit 2', () => {
    files = snapshot()
    expect(gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '错发', '--mode', 'delete']).code).toBe(2)
    expect(gongkai(['withdraw', dir, '2026-xzcf-002', '--reason', '错发', '--mode', 'redirect']).err).toContain('--mode redirect 须同时写 --to')
    expect(gongkai(['correct', dir, '2026-xzcf-002', '--note', '更正', '--on', '2026-02-30']).code).toBe(2)
    unchanged()
  })

  it('status counts and lists the withdrawn and the corrected', () => {
    expect(gongkai(['correct', dir, '2026-xzcf-002', '--note', '更正了地址']).code).toBe(0)
    const r = gongkai(['status', dir])
    expect(r.code, r.err).toBe(0)
    // The example itself carries three withdrawals (notice, remove, redirect) and one correction (issue 15).
    expect(r.out).toContain('已撤回（4）：')
    expect(r.out).toMatch(/2026-xzcf-001 .*2026-11-30 +撤下页面 +错发/)
    expect(r.out).toContain('已更正（2）：')
    expect(r.out).toMatch(/2026-xzcf-002 .* 1 +2026-11-30 +更正了地址/)
    const json = JSON.parse(gongkai(['status', dir, '--json']).out) as { withdrawn: { id: string; mode: string }[]; corrected: { id: string; corrections: unknown[] }[] }
    expect(json.withdrawn.map((w) => w.id).sort()).toEqual(['2025-zfxx-001', '2026-hjxx-008', '2026-xzcf-001', '2026-zfxx-012'])
    expect(json.withdrawn.find((w) => w.id === '2026-xzcf-001')).toMatchObject({ id: '2026-xzcf-001', mode: 'remove', on: '2026-11-30' })
    expect(json.corrected.map((c) => c.id).sort()).toEqual(['2026-xzcf-002', '2026-zfxx-007'])
    expect(json.corrected.find((c) => c.id === '2026-xzcf-002')).toMatchObject({ id: '2026-xzcf-002', corrections: [{ on: '2026-11-30', note: '更正了地址' }] })
  })

  it('a redirect goes in with its to; the publication it points at cannot then be withdrawn', () => {
    const ok = gongkai(['withdraw', dir, '2026-xzcf-003', '--reason', '已合并发布', '--mode', 'redirect', '--to', '2026-xzcf-004'])
    expect(ok.code, ok.err).toBe(0)
    const text = readFileSync(join(dir, 'publications/xzcf/2026-xzcf-003.md'), 'utf8')
    expect(text).toContain('withdrawn: { on: 2026-11-30, reason: 已合并发布, mode: redirect, to: 2026-xzcf-004 }\n---\n')
    const line = text.split('\n').findIndex((l) => l.startsWith('withdrawn:')) + 1
    const before = readFileSync(join(dir, 'publications/xzcf/2026-xzcf-004.md'))
    const r = gongkai(['withdraw', dir, '2026-xzcf-004', '--reason', '错发'])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`publications/xzcf/2026-xzcf-003.md:${line}:65 错误 “2026-xzcf-003”撤回后跳转到“2026-xzcf-004”：撤回它，读者会跳到一个已撤回的页面 [withdraw/redirect-target]`)
    expect(Buffer.compare(readFileSync(join(dir, 'publications/xzcf/2026-xzcf-004.md')), before)).toBe(0)
  })
})
