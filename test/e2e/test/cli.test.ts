/** The gongkai command line, run as operators run it: a real process, real folders, exit codes. */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const example = join(root, 'examples/county-bureau')

function gongkai(args: readonly string[], cwd = root, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV, ...env }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

let work: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gongkai-cli-'))
  cpSync(example, join(work, 'bureau'), { recursive: true, filter: (src) => !src.includes(`${'/'}out`) && !src.includes('.gongkai') })
})

describe('gongkai CLI', () => {
  it('prints help and exits 2 on an unknown command or flag', () => {
    expect(gongkai([]).code).toBe(2)
    const unknown = gongkai(['publish'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('不认识的命令：publish')
    const flag = gongkai(['build', '--colour'])
    expect(flag.code).toBe(2)
    expect(flag.err).toContain('--colour')
  })

  it('validates the example bureau with warnings only', () => {
    const r = gongkai(['validate', join(work, 'bureau')])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/检查了 \d+ 个事项、\d+ 篇公开信息：没有错误/)
    expect(r.err).toContain('按上级要求及时公开')
  })

  it('reports a broken publication with file, line and column and exits 1', () => {
    const dir = join(work, 'broken')
    cpSync(join(work, 'bureau'), dir, { recursive: true })
    writeFileSync(
      join(dir, 'publications', 'broken.md'),
      ['---', 'id: broken-1', 'item: HB-NOPE-999', 'title: 测试', 'kind: release', 'stage: result', 'formed: 2026-02-20', '---', '', '正文。', ''].join('\n'),
    )
    writeFileSync(
      join(dir, 'publications', 'broken-date.md'),
      ['---', 'id: broken-2', 'item: HB-XZCF-001', 'title: 测试', 'kind: release', 'stage: result', 'formed: 2026-02-30', '---', '', '正文。', ''].join('\n'),
    )
    // One file with two problems: the impossible date must not hide the unknown item.
    writeFileSync(
      join(dir, 'publications', 'broken-both.md'),
      ['---', 'id: broken-3', 'item: HB-NOPE-998', 'title: 测试', 'kind: release', 'stage: result', 'formed: 2026-13-01', '---', '', '正文。', ''].join('\n'),
    )
    const r = gongkai(['validate', dir])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/publications\/broken-both\.md:3:7 错误 .*HB-NOPE-998/)
    expect(r.err).toMatch(/publications\/broken-both\.md:7:9 错误 .*2026-13-01/)
    // Both files' problems in one report, each at its place.
    expect(r.err).toMatch(/publications\/broken\.md:3:7 错误 .*HB-NOPE-999/)
    expect(r.err).toMatch(/publications\/broken-date\.md:7:9 错误 .*2026-02-30/)
    expect(r.out).toContain('4 个错误')
  })

  it('points a bad cron field at its line and column in the config', () => {
    const dir = join(work, 'bad-cron')
    cpSync(join(work, 'bureau'), dir, { recursive: true })
    const file = join(dir, 'gongkai.config.yaml')
    const lines = readFileSync(file, 'utf8').split('\n')
    const index = lines.findIndex((l) => /cron: "0 9 \* \* \*"/.test(l))
    expect(index).toBeGreaterThan(0)
    lines[index] = lines[index]!.replace('"0 9 * * *"', '"0 25 * * *"')
    writeFileSync(file, lines.join('\n'))
    const column = lines[index]!.indexOf('25') + 1
    const r = gongkai(['validate', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`gongkai.config.yaml:${index + 1}:${column} 错误 计划任务“wechat-morning”：cron 表达式的“时”字段“25”无效`)
  })

  it('says clearly when the folder is not a project', () => {
    const r = gongkai(['validate', tmpdir()])
    expect(r.code).toBe(1)
    expect(r.err).toContain('不是 gongkai 项目目录')
    expect(r.err).not.toMatch(/at .*\.js:\d+/)
  })

  it('builds the example to every channel and prints where everything went', () => {
    const dir = join(work, 'bureau')
    const r = gongkai(['build', dir])
    expect(r.code, r.err).toBe(0)
    for (const label of ['政府网站', '微信公众号', '公示栏', '办事大厅屏']) expect(r.out).toContain(label)
    expect(existsSync(join(dir, 'out/website/index.html'))).toBe(true)
    expect(existsSync(join(dir, 'out/noticeboard/2026-hjxx-003.pdf'))).toBe(true)
    expect(existsSync(join(dir, 'out/kiosk/index.html'))).toBe(true)
    expect(r.out).toContain('未通过保密审查、未生成的 1 篇：2026-ggfw-005')
    // OUT/<channel> is the channel's release, switched in as a whole.
    expect(lstatSync(join(dir, 'out/website')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(dir, 'out/website'))).toMatch(/^\.releases\/website\/[0-9a-f]{16}$/)
    // A second build renders nothing (all from the render cache), changes no file and keeps each release.
    const again = gongkai(['build', dir])
    expect(again.code, again.err).toBe(0)
    expect(again.out).toMatch(/各渠道内容都没有变化，0 个文件有变化，\d+ 个未变/)
    const row = (out: string, label: string) => new RegExp(`^${label}\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\d+)/\\d+\\s+(\\d+)/\\d+\\s+([0-9a-f]{16})`, 'm').exec(out)
    for (const label of ['政府网站', '微信公众号', '公示栏', '办事大厅屏']) {
      const first = row(r.out, label)
      const second = row(again.out, label)
      expect(second?.[1], `${label} renders`).toBe('0')
      expect(second?.[2], `${label} files changed`).toBe('0')
      expect(second?.[3], label).toBe(first?.[3])
    }
    // That build rendered and switched nothing, so it left a stamp: the third says the same, from it, until a file changes.
    expect(readdirSync(join(dir, '.gongkai/cache/stamps')).length).toBe(1)
    const third = gongkai(['build', dir])
    expect({ code: third.code, out: third.out, err: third.err }).toEqual({ code: again.code, out: again.out, err: again.err })
    const config = join(dir, 'gongkai.config.yaml')
    writeFileSync(config, readFileSync(config, 'utf8'))
    const fourth = gongkai(['build', dir])
    expect({ code: fourth.code, out: fourth.out }).toEqual({ code: again.code, out: again.out })
  })

  it("prints the day's noticeboard sheets", () => {
    const dir = join(work, 'bureau')
    const out = join(work, 'sheets.pdf')
    const r = gongkai(['print', dir, '--on', '2026-11-26', '--out', out])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('2026年11月26日张贴')
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-')
    expect(gongkai(['print', dir, '--paper', 'B5']).code).toBe(2)
  })

  it('creates a project with init that validates as it is', () => {
    const dir = join(work, 'new-office')
    const r = gongkai(['init', dir, '--name', '某某县水利局'])
    expect(r.code, r.err).toBe(0)
    const v = gongkai(['validate', dir])
    expect(v.code, v.err).toBe(0)
    expect(gongkai(['init', dir]).code).toBe(2)
  })

  it('imports the national catalog spreadsheet', () => {
    const xlsx = join(root, 'packages/import/test/fixtures/import-ecology/catalog.xlsx')
    const out = join(work, 'imported.yaml')
    const r = gongkai(['import', xlsx, '--out', out])
    expect(r.out).toMatch(/已导入 \d+ 个事项/)
    expect(readFileSync(out, 'utf8')).toContain('code: HB-')
  })

  it('shows status: deadlines by owner, ledger, schedules', () => {
    const r = gongkai(['status', join(work, 'bureau')], root)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('一、公开时限（按科室）')
    expect(r.out).toContain('已超期')
    expect(r.out).toContain('三、计划任务')
    expect(r.out).toContain('wechat-morning')
  })
})
