import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Measured } from '../src/measure.js'
import { countFiles, eleventyConfig, hugoMissing, hugoVersion, rowsOf, runsFrom, series, TARGETS, writeHugoSite } from '../src/rows/cli.js'
import type { Measurements, Series } from '../src/rows/cli.js'
import { parseBuildSummary } from '../src/summary.js'

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
const work = mkdtempSync(join(tmpdir(), 'bench-cli-row-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const ran = (seconds: readonly number[], mb = 200, stdout = '', status = 0): Series => {
  const s = series()
  for (const x of seconds) {
    const m: Measured = { ms: x * 1000, maxRssMb: mb, cpuS: x * 1.5, status, stdout, stderr: status === 0 ? '' : '出错了\n' }
    s.runs.push(m)
    s.summaries.push(parseBuildSummary(stdout))
  }
  return s
}

const measured = (over: Partial<Measurements> = {}): Measurements => ({
  n: 10_000,
  kind: 'whole process, tmpfs',
  quick: false,
  memory: 'gnu-time',
  ours: { cold: ran([8, 7, 9]), none: ran([0.9, 0.8, 1.2]), one: ran([0.6, 0.4, 0.45], 200, '已生成到 out：写入 2 个文件，10050 个未变。'), example: ran([1.4, 1.6, 1.5], 520), exampleCold: ran([9]) },
  elev: { cold: ran([10, 11, 10.5], 300), none: ran([10, 10, 10], 300) },
  hug: { cold: ran([4, 5, 4.5], 100), none: ran([4, 4, 4], 100) },
  elevName: 'Eleventy 3.1.8',
  hugoName: 'Hugo v0.111.3',
  hugoNotice: undefined,
  files: { ours: 10_051, eleventy: 10_000, hugo: 10_000 },
  changed: ['b005001', 'b005098', 'b005195'],
  ...over,
})

const row = (rows: ReturnType<typeof rowsOf>, start: string) => {
  const r = rows.find((x) => x.name.startsWith(start))
  if (r === undefined) throw new Error(`no row ${start}`)
  return r
}

describe('rowsOf', () => {
  it('judges the median against the issue’s targets, with best, samples and both ratios', () => {
    const rows = rowsOf(measured())
    const cold = row(rows, 'cold `gongkai build --channel website`, 10000')
    expect([cold.best, cold.value, cold.samples]).toEqual([7, 8, [8, 7, 9]])
    expect(cold.kind).toBe('whole process, tmpfs')
    expect(cold.baselines?.map((b) => [b.name, b.value, b.ratio])).toEqual([
      ['Eleventy 3.1.8', 10.5, 8 / 10.5],
      ['Hugo v0.111.3', 4.5, 8 / 4.5],
    ])
    // 0.76× Eleventy passes; Hugo's stretch is said, not judged.
    expect(cold.pass).toBe(true)
    expect(cold.note).toContain('stretch ≤ Hugo not met')
    expect(cold.note).toContain('3 runs: 8.00, 7.00, 9.00 s wall, 12.00, 10.50, 13.50 s CPU (user + system)')
    expect(row(rows, 'rebuild, nothing changed').pass).toBe(true)
    expect(row(rows, 'rebuild, nothing changed').value).toBe(0.9)
    const one = row(rows, 'rebuild after one publication changed')
    expect([one.value, one.pass, one.target]).toEqual([0.45, true, `≤ ${TARGETS.oneChangeS} s, only its pages and the lists re-rendered`])
    expect(one.note).toContain('re-rendered n/a; files 2 written / 10050 unchanged')
    expect(one.note).toContain('b005001, b005098, b005195')
    expect(row(rows, 'example project').pass).toBe(true)
    expect(row(rows, 'peak memory, cold build').pass).toBe(true)
    const exMem = row(rows, 'peak memory, example project')
    expect([exMem.value, exMem.pass]).toEqual([520, false])
    expect(row(rows, 'Hugo v0.111.3 CLI, cold').value).toBe(4.5)
    const cpu = row(rows, 'CPU time, cold build')
    expect([cpu.best, cpu.value, cpu.pass]).toEqual([10.5, 12, undefined])
    expect(cpu.baselines?.map((b) => [b.name, b.value, b.ratio])).toEqual([
      ['Eleventy 3.1.8', 15.75, 12 / 15.75],
      ['Hugo v0.111.3', 6.75, 12 / 6.75],
    ])
  })

  it('fails a target whose median misses it, or whose runs failed', () => {
    const rows = rowsOf(measured({ ours: { ...measured().ours, cold: ran([9, 8.5, 8.5]), none: ran([0.5, 0.5, 0.5], 200, '', 1) } }))
    expect(row(rows, 'cold').pass).toBe(false)
    const none = row(rows, 'rebuild, nothing changed')
    expect(none.pass).toBe(false)
    expect(none.note).toContain('3 run(s) failed: exit 1 出错了')
  })

  it('leaves Hugo’s ratios out, with the notice, where Hugo is missing', () => {
    const rows = rowsOf(measured({ hug: { cold: series(), none: series() }, hugoName: 'Hugo', hugoNotice: '未安装 Hugo' }))
    expect(row(rows, 'cold').baselines?.[1]).toEqual({ name: 'Hugo (missing)', value: Number.NaN })
    expect(row(rows, 'cold').note).toContain('stretch ≤ Hugo not measured')
    expect(row(rows, 'Hugo CLI').note).toBe('未安装 Hugo')
  })
})

describe('countFiles', () => {
  it('counts the files of a release switched in by a symlink, and 0 for a missing folder', () => {
    const release = join(work, 'releases', 'r1')
    mkdirSync(join(release, 'p'), { recursive: true })
    writeFileSync(join(release, 'index.html'), '')
    writeFileSync(join(release, 'p', 'a.html'), '')
    mkdirSync(join(work, 'site-out'), { recursive: true })
    symlinkSync(release, join(work, 'site-out', 'website'))
    expect(countFiles(join(work, 'site-out'))).toBe(2)
    expect(countFiles(join(work, 'nothing'))).toBe(0)
  })
})

describe('runsFrom', () => {
  it('is 3 unless GONGKAI_BENCH_RUNS says another count', () => {
    expect(runsFrom({})).toBe(3)
    expect(runsFrom({ GONGKAI_BENCH_RUNS: '5' })).toBe(5)
    expect(() => runsFrom({ GONGKAI_BENCH_RUNS: 'many' })).toThrow(/GONGKAI_BENCH_RUNS/)
    expect(() => runsFrom({ GONGKAI_BENCH_RUNS: '0' })).toThrow(/GONGKAI_BENCH_RUNS/)
  })
})

describe('Hugo missing', () => {
  it('is a notice, and a failure with CI=true', () => {
    expect(hugoMissing({})).toContain('sudo apt-get install -y hugo')
    expect(() => hugoMissing({ CI: 'true' })).toThrow(/CI=true/)
    expect(hugoVersion({ PATH: join(work, 'nothing-here') })).toBeUndefined()
  })
})

describe('the baselines build the same Markdown files into pages', () => {
  const content = join(work, 'publications')
  mkdirSync(content, { recursive: true })
  writeFileSync(
    join(content, 'b000001.md'),
    '---\nid: b000001\nitem: HB-ZFXX-001\ntitle: "关于空气质量的公告"\nkind: release\npublished: 2024-01-02\n---\n\n正文第一段。\n\n## 一、基本情况\n\n- 加强日常监管。\n',
  )

  it('Eleventy: the minimal layout around default Markdown', () => {
    const config = join(work, 'eleventy.config.cjs')
    writeFileSync(config, eleventyConfig())
    const out = join(work, 'eleventy-out')
    const r = spawnSync(process.execPath, [join(repo, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs'), `--config=${config}`, `--input=${content}`, `--output=${out}`, '--quiet'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const html = readFileSync(join(out, 'b000001', 'index.html'), 'utf8')
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('<title>关于空气质量的公告</title>')
    expect(html).toContain('<h2>一、基本情况</h2>')
    expect(html).toContain('<li>加强日常监管。</li>')
  })

  // Skipped only outside CI, where Hugo may not be installed; .ci/run installs it, and with CI=true a missing Hugo fails.
  it.skipIf(hugoVersion() === undefined && process.env['CI'] !== 'true')('Hugo: the same layout, pages only', () => {
    const site = join(work, 'hugo-site')
    writeHugoSite(site)
    const out = join(work, 'hugo-out')
    const r = spawnSync('hugo', ['--source', site, '--contentDir', content, '--destination', out, '--cacheDir', join(work, 'hugo-cache'), '--buildFuture', '--quiet'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const html = readFileSync(join(out, 'b000001', 'index.html'), 'utf8')
    expect(html).toContain('<title>关于空气质量的公告</title>')
    expect(html).toContain('一、基本情况</h2>')
    expect(html).toContain('<li>加强日常监管。</li>')
    expect(spawnSync('find', [out, '-name', '*.html'], { encoding: 'utf8' }).stdout.trim().split('\n')).toHaveLength(1)
  })
})
