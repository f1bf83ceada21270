/** What an operator reads from the real process: usage errors, channel targets, scheduler log times. */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')

function gongkai(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV, ...env }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

let bureau: string
beforeAll(() => {
  bureau = join(mkdtempSync(join(tmpdir(), 'gongkai-operator-')), 'bureau')
  cpSync(join(root, 'examples/county-bureau'), bureau, { recursive: true, filter: (src) => !src.includes('/out') && !src.includes('.gongkai') })
})

describe('gongkai for operators', () => {
  it('print --on 2026-13-45 is a usage error: exit 2, in Chinese, naming the flag and its form', () => {
    const r = gongkai(['print', bureau, '--on', '2026-13-45'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('用法错误：--on 应为 YYYY-MM-DD 格式的真实日期，例如 --on 2026-11-26，不能是“2026-13-45”')
  })

  it('push --channel website with no target exits 1 and says which key to set', () => {
    const r = gongkai(['push', bureau, '--channel', 'website'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('政府网站未配置发布目标')
    expect(r.err).toContain('channels.website.target')
    expect(r.out).not.toContain('渠道')
  })

  it('scheduler log lines carry the project timezone, whatever TZ the machine has', () => {
    const r = gongkai(['run', bureau, 'deadlines'], { TZ: 'America/Los_Angeles' })
    expect(r.code, r.err).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^2026-11-30 10:00:\d\d \+08:00 /)
  })
})
