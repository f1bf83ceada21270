/** `gongkai push --channel wechat` as an operator runs it, against the local WeChat test server. */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const SECRET = 'e2e-secret-do-not-print'

// Async, not spawnSync: the test server runs in this process and must keep answering.
function gongkai(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', ...NOW_ENV, GONGKAI_WECHAT_SECRET: SECRET } })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => done({ code, out, err }))
  })
}

let server: WechatServer
let dir: string
beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1 })
  dir = join(mkdtempSync(join(tmpdir(), 'gongkai-push-')), 'bureau')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
  const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
  // Point the example at the local server, with fast polls.
  const patched = config.replace(/(\n {2}wechat:\n)/, `$1    apiBase: ${server.url}\n    pollIntervalMs: 20\n    retry: { attempts: 3, baseMs: 10, maxMs: 50 }\n`)
  expect(patched).not.toBe(config)
  writeFileSync(join(dir, 'gongkai.config.yaml'), patched.replace(/\n {4}apiBase: https:\/\/api\.weixin\.qq\.com[^\n]*/, ''))
})

afterAll(async () => {
  await server?.close()
})

/** push ships the release build made: build the channel first, as the README tells operators. */
async function build(project: string): Promise<void> {
  const r = await gongkai(['build', project, '--channel', 'wechat'])
  expect(r.code, r.err + r.out).toBe(0)
}

describe('gongkai push --channel wechat', () => {
  it('--dry-run lists what would go and pushes nothing', async () => {
    // Before a build there is no release: nothing would go, and the dry run says to build.
    const unbuilt = await gongkai(['push', dir, '--channel', 'wechat', '--dry-run'])
    expect(unbuilt.out).toContain('不推送：还没有生成发布版本（先运行 gongkai build）')
    expect(unbuilt.out).toContain('预演：将推送 0 篇')
    await build(dir)
    const r = await gongkai(['push', dir, '--channel', 'wechat', '--dry-run'])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/^微信公众号：发布版本 [0-9a-f]{16}/m)
    expect(r.out).toMatch(/预演：将推送 [1-9]\d* 篇/)
    expect(r.out).toContain('不发布：未通过保密审查')
    expect(r.out).toContain('等待定时发布')
    expect(server.stats.drafts).toBe(0)
  })

  it('pushes every due publication once, prints a table, and a second push sends nothing', async () => {
    const first = await gongkai(['push', dir, '--channel', 'wechat'])
    expect(first.code, first.err + first.out).toBe(0)
    expect(first.out).toContain('已发布')
    expect(first.out).toMatch(/^微信公众号：推送的发布版本 [0-9a-f]{16}/m)
    const drafts = server.stats.drafts
    expect(drafts).toBeGreaterThan(20)
    expect(server.stats.submits).toBe(drafts)
    for (const n of Object.values(server.stats.submitsByTitle)) expect(n).toBe(1)
    expect(first.out + first.err).not.toContain(SECRET)

    const second = await gongkai(['push', dir, '--channel', 'wechat'])
    expect(second.code, second.err).toBe(0)
    expect(server.stats.drafts).toBe(drafts)
    expect(second.out).toMatch(/此前已发布，未重复推送/)

    const status = await gongkai(['status', dir])
    expect(status.out).toMatch(/微信公众号\s+\d+/)
  })

  it('stops on the daily quota and leaves the rest pending', async () => {
    // A fresh copy whose ledger is empty, and a server that allows two drafts today.
    const other = join(mkdtempSync(join(tmpdir(), 'gongkai-push-')), 'bureau')
    cpSync(dir, other, { recursive: true, filter: (src) => !src.includes('.gongkai') && !/\/out(\/|$)/.test(src.slice(dir.length)) })
    await build(other)
    const before = server.stats.drafts
    server.setFaults({ quota: { 'draft/add': before + 2 } })
    const r = await gongkai(['push', other, '--channel', 'wechat'])
    server.setFaults({ quota: {} })
    expect(r.out).toContain('提前停止')
    expect(r.out).toContain('待下次')
    expect(server.stats.drafts - before).toBe(2)
  })
})
