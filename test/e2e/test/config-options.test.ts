/**
 * Channel options in gongkai.config.yaml as the CLI reports them: every problem in one run, each at
 * its line and column; and a secret typed into `secretEnv` shown nowhere, stored nowhere.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const example = join(root, 'examples/county-bureau')
// A 32-hex value in the shape of an AppSecret, written where the variable's name belongs.
const SECRET = '3f9a8c1d2e4b5a6978c0d1e2f3a4b5c6'

function gongkai(args: readonly string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr, all: `${r.stdout}\n${r.stderr}` }
}

/** A copy of the example whose config has `edit` applied. */
function project(name: string, edit: (config: string) => string): string {
  const dir = join(work, name)
  cpSync(example, dir, { recursive: true, filter: (src) => !src.includes(`${'/'}out`) && !src.includes('.gongkai') })
  const file = join(dir, 'gongkai.config.yaml')
  const before = readFileSync(file, 'utf8')
  const after = edit(before)
  expect(after).not.toBe(before)
  writeFileSync(file, after)
  return dir
}

/** Every file under a folder, for looking through the ledger and whatever else a command leaves behind. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** The line and column of the first occurrence of `text` in the config, as the CLI prints them. */
function placeOf(config: string, text: string): string {
  const lines = config.split('\n')
  const line = lines.findIndex((l) => l.includes(text))
  return `gongkai.config.yaml:${line + 1}:${(lines[line] ?? '').indexOf(text) + 1}`
}

let work: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gongkai-options-'))
})

describe('channel options in gongkai.config.yaml', () => {
  const bad = (config: string) =>
    config.replace('paper: A4', 'paper: [A4]').replace('slideSeconds: 12', 'slideSeconds: -5').replace('author: 青川县生态环境局', 'author: 青川县生态环境局青川县生态环境局青川县生态环境局')

  it('validate lists every bad option of every channel in one run, each at its line and column, with the rest of the project', () => {
    const dir = project('bad-options', bad)
    const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    const r = gongkai(['validate', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${placeOf(config, '[A4]')} 错误 channels.noticeboard.paper：`)
    expect(r.err).toContain(`${placeOf(config, '-5')} 错误 channels.kiosk.slideSeconds：`)
    expect(r.err).toContain(`${placeOf(config, '青川县生态环境局青川县')} 错误 channels.wechat.author：`)
    // The content checks still ran: the example's known warning is there too.
    expect(r.err).toContain('按上级要求及时公开')
    expect(r.out).toContain('3 个错误')
  })

  it('build stops with all of them at once', () => {
    const dir = project('bad-options-build', bad)
    const r = gongkai(['build', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain('channels.noticeboard.paper')
    expect(r.err).toContain('channels.kiosk.slideSeconds')
    expect(r.err).toContain('channels.wechat.author')
    expect(r.err).toContain('共 3 处错误')
  })

  it('reports several problems inside one channel, nested ones at their own line', () => {
    const dir = project('bad-kiosk', (c) => c.replace('slideSeconds: 12', 'slideSeconds: -5\n    days: [1, 9]\n    orientation: square').replace('    orientation: portrait\n', ''))
    const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    const r = gongkai(['validate', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${placeOf(config, '-5')} 错误 channels.kiosk.slideSeconds`)
    expect(r.err).toContain(`${placeOf(config, '[1, 9]')} 错误 channels.kiosk.days`)
    expect(r.err).toContain(`${placeOf(config, 'square')} 错误 channels.kiosk.orientation`)
  })
})

describe('a secret typed into secretEnv', () => {
  it('is a positioned error that gives only its length, and appears in no output and no file the commands write', () => {
    const dir = project('secret', (c) => c.replace('secretEnv: GONGKAI_WECHAT_SECRET', `secretEnv: ${SECRET}`))
    const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    const v = gongkai(['validate', dir])
    expect(v.code).toBe(1)
    expect(v.err).toContain(`${placeOf(config, SECRET)} 错误 channels.wechat.secretEnv：`)
    expect(v.err).toContain('32 个字符')
    const push = gongkai(['push', dir, '--channel', 'wechat', '--dry-run'])
    expect(push.code).toBe(1)
    expect(push.err).toContain('channels.wechat.secretEnv')
    // A scheduled run records its failure in the job store: that row must not carry the value either.
    const run = gongkai(['run', dir, 'wechat-morning'])
    const status = gongkai(['status', dir])
    for (const r of [v, push, run, status]) expect(r.all).not.toContain(SECRET)
    const written = filesUnder(join(dir, '.gongkai'))
    expect(written.some((f) => f.endsWith('ledger.sqlite'))).toBe(true)
    for (const file of [...written, ...filesUnder(join(dir, 'out'))]) expect(readFileSync(file).includes(SECRET), file).toBe(false)
  })
})
