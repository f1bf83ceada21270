import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { summarizePush } from '../src/commands/tasks.js'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

// The example's website has no target (`website: {}`): it is built, never copied anywhere.
describe('a channel with no target', () => {
  it('push says so, with the config key and an example, and exits 1 instead of printing an empty table', async () => {
    const dir = copyExample()
    for (const extra of [[], ['--dry-run']]) {
      const io = fakeIo(dir)
      expect(await main(['push', dir, '--channel', 'website', ...extra], io), io.text()).toBe(1)
      expect(io.stderr).toContain('错误：政府网站未配置发布目标，没有推送任何内容 [push/no-target]')
      const hint = io.stderr.find((l) => l.startsWith('提示：')) ?? ''
      expect(hint).toContain('channels.website.target')
      expect(hint).toMatch(/channels:\n\s+website:\n\s+target: \/var\/www\/gk/)
      expect(io.stdout.join('\n')).not.toContain('渠道')
    }
  })

  it('status shows the channel as 未配置目标, not as waiting', async () => {
    const dir = copyExample()
    const io = fakeIo(dir)
    expect(await main(['status', dir], io), io.text()).toBe(0)
    const out = io.stdout.join('\n')
    expect(out).toMatch(/^政府网站\s+未配置目标\s+0/m)
    expect(out).toMatch(/^办事大厅屏\s+未配置目标\s+0/m)
    const website = out.split('\n').filter((l) => /^政府网站\s+\d{4}-/.test(l))
    expect(website.length).toBeGreaterThan(0)
    for (const l of website) expect(l).toContain('未配置目标：请在 gongkai.config.yaml 中设置 channels.website.target')
  })

  it('with a target set, status names it and the dry run goes ahead', async () => {
    const dir = copyExample()
    const config = join(dir, 'gongkai.config.yaml')
    const site = join(dir, '..', 'site')
    writeFileSync(config, readFileSync(config, 'utf8').replace('  website: {}', `  website:\n    target: ${site}`))
    const status = fakeIo(dir)
    await main(['status', dir], status)
    expect(status.stdout.join('\n')).toMatch(new RegExp(`^政府网站\\s+${site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+0`, 'm'))
    // push ships what build made: before a build there is nothing to go, after it the dry run lists the release.
    const unbuilt = fakeIo(dir)
    await main(['push', dir, '--channel', 'website', '--dry-run'], unbuilt)
    expect(unbuilt.stdout.join('\n')).toContain('不推送：还没有生成发布版本（先运行 gongkai build）')
    const build = fakeIo(dir)
    expect(await main(['build', dir, '--channel', 'website'], build), build.text()).toBe(0)
    const push = fakeIo(dir)
    expect(await main(['push', dir, '--channel', 'website', '--dry-run'], push), push.text()).toBe(0)
    expect(push.stdout.join('\n')).toMatch(/^政府网站：发布版本 [0-9a-f]{16}/m)
    expect(push.stdout.join('\n')).toMatch(/^政府网站\s+2026-\S+\s+.*将发布$/m)
  })

  it('a scheduled push to it says why nothing went out, without retrying', () => {
    const { summary, retry } = summarizePush({ receipts: [], skipped: [], undeliverable: ['website'], diagnostics: [], noTarget: ['website'] })
    expect(summary).toContain('政府网站未配置发布目标（gongkai.config.yaml 的 channels.website.target），未推送')
    expect(retry).toBe(false)
  })
})
