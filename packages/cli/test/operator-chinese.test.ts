import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Diagnostic } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.js'
import { report } from '../src/project.js'
import { copyExample, fakeIo } from './support.js'

const ENGLISH_ID = /^(website|wechat|noticeboard|kiosk)\b/m

/** The example without its fallback font, as on a machine without fonts-hanazono. */
function withoutFallback(dir: string): string {
  const config = join(dir, 'gongkai.config.yaml')
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^fonts:\n(?: {2}.*\n)+/m, ''))
  return dir
}

describe('channel names', () => {
  it('push --dry-run and status name channels in Chinese, as build does', async () => {
    const dir = copyExample()
    const config = join(dir, 'gongkai.config.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace('  website: {}', `  website:\n    target: ${join(dir, '..', 'site')}`))
    const push = fakeIo(dir)
    expect(await main(['push', dir, '--channel', 'website,wechat', '--dry-run'], push), push.text()).toBe(0)
    const table = push.stdout.join('\n')
    expect(table).toContain('政府网站')
    expect(table).toContain('微信公众号')
    expect(table).not.toMatch(ENGLISH_ID)

    const status = fakeIo(dir)
    expect(await main(['status', dir], status), status.text()).toBe(0)
    const out = status.stdout.join('\n')
    const ledger = out.slice(out.indexOf('二、台账'), out.indexOf('三、计划任务'))
    // Machines reading --json keep the ids.
    const json = fakeIo(dir)
    await main(['status', dir, '--json'], json)
    const pending = (JSON.parse(json.stdout.join('\n')) as { pending: string[][] }).pending
    expect(pending.length).toBeGreaterThan(0)
    for (const [id] of pending) expect(['website', 'wechat', 'kiosk']).toContain(id)
    for (const name of ['政府网站', '微信公众号', '办事大厅屏']) expect(ledger).toContain(name)
    expect(ledger).not.toMatch(ENGLISH_ID)
  })
})

describe('usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['an impossible --on date', ['print', '--on', '2026-13-45'], /--on .*YYYY-MM-DD.*2026-11-26.*2026-13-45/],
    ['--on without a value', ['print', '--on'], /--on 缺少取值.*2026-11-26/],
    ['a --paper that is not A4 or A3', ['print', '--paper', 'B5'], /--paper 只能是 A4 或 A3/],
    ['an unknown channel', ['build', '--channel', 'fax'], /--channel 中不认识的渠道“fax”/],
    ['a value on a switch', ['build', '--preview=yes'], /--preview 是开关/],
    ['push without --channel', ['push'], /--channel 指定要推送的渠道，例如 --channel wechat/],
    ['push to the noticeboard', ['push', '--channel', 'noticeboard'], /gongkai print/],
    ['a --poll of zero', ['schedule', '--poll', '0'], /--poll .*例如 --poll 5/],
    ['an unknown flag', ['status', '--bogus'], /不认识的参数 --bogus（可用的参数：--json）/],
    ['an unknown short flag', ['validate', '-x'], /不认识的参数 -x/],
    ['a second folder', ['validate', 'a', 'b'], /多余的参数：“b”/],
    ['a third word for run', ['run', 'a', 'deadlines', 'now'], /多余的参数：“now”/],
  ]
  it.each(cases)('%s exits 2 with a Chinese message naming the flag', async (_, argv, expected) => {
    const io = fakeIo(copyExample())
    expect(await main(argv, io), io.text()).toBe(2)
    expect(io.stderr[0]).toMatch(/^用法错误：/)
    expect(io.stderr[0]).toMatch(expected)
    // No English left from node's parseArgs.
    expect(io.stderr[0]).not.toMatch(/Option|Unknown|argument/)
  })
})

describe('repeated warnings', () => {
  it('are printed once with a count and the first places', () => {
    const repeated: Diagnostic[] = Array.from({ length: 28 }, (_, i) => ({
      code: 'noticeboard/missing-glyph',
      severity: 'warning',
      message: '公示栏打印稿中的字符“𠀾”（U+2003E）没有可用字体，打印时以“〓”代替',
      file: `publications/p-${String(i).padStart(2, '0')}.md`,
      line: 3,
      column: 5,
    }))
    const io = fakeIo('/')
    const counts = report([...repeated, repeated[0]!, { code: 'catalog/x', severity: 'error', message: '另一个问题', file: 'catalog.yaml', line: 1 }], io)
    expect(counts).toEqual({ errors: 1, warnings: 28 })
    expect(io.stderr.filter((l) => l.includes('[noticeboard/missing-glyph]'))).toHaveLength(1)
    expect(io.stderr).toContain('    （同一问题共 28 次：publications/p-00.md:3:5、publications/p-01.md:3:5、publications/p-02.md:3:5 等 28 处）')
    expect(io.stderr[0]).toContain('[catalog/x]')
  })

  it('under a limit, count kinds of problems, not repeats', () => {
    const many: Diagnostic[] = Array.from({ length: 40 }, (_, i) => ({ code: 'a/b', severity: 'warning', message: `问题 ${i % 4}`, file: `f${i}.md` }))
    const io = fakeIo('/')
    report(many, io, { limit: 3 })
    expect(io.stderr.filter((l) => l.includes('[a/b]'))).toHaveLength(3)
    expect(io.stderr.at(-1)).toBe('……另有 1 类问题未列出，完整列表请运行 gongkai validate')
  })
})

describe('validate checks fonts as build would', () => {
  it('reports the Extension B character the noticeboard sheet cannot print, at the same place as build', async () => {
    const dir = withoutFallback(copyExample())
    const io = fakeIo(dir)
    expect(await main(['validate', dir], io), io.text()).toBe(0)
    const line = io.stderr.find((l) => l.includes('[noticeboard/missing-glyph]'))
    expect(line?.split('\n')[0], io.text()).toBe('publications/xzcf/2026-xzcf-002.md:14:15 警告 公示栏打印稿中的字符“𠀾”（U+2003E）没有可用字体，打印时以“〓”代替 [noticeboard/missing-glyph]')
    expect(io.stderr).toContain('    （同一问题共 2 次：publications/xzcf/2026-xzcf-002.md:14:15、publications/xzcf/2026-xzcf-002.md:15:10）')
  })

  it('reports a WeChat cover and kiosk slides that would show boxes', async () => {
    const dir = withoutFallback(copyExample())
    const file = join(dir, 'publications', 'rare.md')
    writeFileSync(
      file,
      [
        '---',
        'id: 2026-rare-001',
        'item: HB-ZFXX-006',
        'title: 关于黄𠀾同志任职的公告',
        'kind: release',
        'stage: result',
        'formed: 2026-11-20',
        'review: { by: 张三, on: 2026-11-21 }',
        '---',
        '',
        '任命黄𠀾为办公室主任😀。',
        '',
      ].join('\n'),
    )
    const io = fakeIo(dir)
    await main(['validate', dir], io)
    const mine = io.stderr.filter((l) => l.startsWith('publications/rare.md'))
    expect(mine.join('\n'), io.text()).toMatch(/publications\/rare\.md:11:4 警告 公示栏打印稿中的字符“𠀾”/)
    expect(mine.join('\n')).toMatch(/publications\/rare\.md:11:\d+ 警告 公示栏打印稿中的字符“😀”/)
    expect(mine.join('\n')).toMatch(/\[wechat\/cover-missing-glyph\]/)
    expect(mine.join('\n')).toMatch(/\[kiosk\/missing-glyph\]/)
  })
})
