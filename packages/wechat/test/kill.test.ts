import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiPath, WechatServer } from '@gongkai/test-wechat-server'
import { startWechatServer } from '@gongkai/test-wechat-server'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const CHILD = fileURLToPath(new URL('./fixtures/push-child.mjs', import.meta.url))
const SECRET = 'kill-test-secret'
let server: WechatServer | undefined

beforeAll(() => {
  // The child runs the built package: build it (and the store) from these sources first.
  execFileSync('npx', ['tsc', '-b', 'packages/wechat', 'packages/store-sqlite'], { cwd: ROOT, stdio: 'inherit' })
}, 180_000)

afterEach(async () => {
  await server?.close()
  server = undefined
})

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [CHILD], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => void (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => void (err += c.toString()))
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  return { child, exited, out: () => out, err: () => err }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** The child's exit; a child still running after `ms` is killed and its log goes into the failure. */
async function exitWithin(p: ReturnType<typeof start>, ms: number, extra: () => string = () => '') {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill('SIGKILL')
      reject(new Error(`the restarted push did not exit within ${ms} ms; its log:\n${p.err()}\nits output:\n${p.out()}\n${extra()}`))
    }, ms)
  })
  try {
    return await Promise.race([p.exited, late])
  } finally {
    clearTimeout(timer)
  }
}

async function killAndResume(hold: ApiPath, claimTtl = 500) {
  server = await startWechatServer({ secret: SECRET, hold, publishingPolls: 2, publishingMs: 300 })
  const s = server
  const env = { WX_API: s.url, WX_APPID: s.appId, WX_SECRET: SECRET, LEDGER: join(mkdtempSync(join(tmpdir(), 'gk-wx-kill-')), 'ledger.sqlite'), COUNT: '3', CLAIM_TTL: String(claimTtl) }
  const first = start(env)
  // The platform has done the call; its answer never comes; the process dies before recording.
  await until(() => s.stats.held === 1, `${hold} to be held`)
  first.child.kill('SIGKILL')
  expect((await exitWithin(first, 10_000)).signal).toBe('SIGKILL')
  // Past the dead process's lease (when it is short), start again.
  if (claimTtl < 1000) await new Promise((r) => setTimeout(r, 700))
  const second = start(env)
  const { code } = await exitWithin(second, 60_000, () =>
    JSON.stringify({ requests: s.stats.requests, held: s.stats.held, maxInFlight: s.stats.maxInFlight, drafts: s.stats.draftsByTitle, submits: s.stats.submitsByTitle }),
  )
  expect(code, second.err()).toBe(0)
  const receipt = JSON.parse(second.out()) as { results: { publication: string; state: string; url?: string }[] }
  return { s, receipt, log: second.err() }
}

describe('a process killed mid-delivery and started again', () => {
  it('killed between submit and its record: one draft and one submit per publication, delivered', async () => {
    const { s, receipt, log } = await killAndResume('freepublish/submit')
    expect(receipt.results.map((r) => [r.publication, r.state])).toEqual([
      ['k1', 'delivered'],
      ['k2', 'delivered'],
      ['k3', 'delivered'],
    ])
    for (const t of ['中断测试公告k1', '中断测试公告k2', '中断测试公告k3']) {
      expect(s.stats.draftsByTitle[t], t).toBe(1)
      expect(s.stats.submitsByTitle[t], t).toBe(1)
    }
    expect(log).toContain('上次提交的发表已完成')
    expect(receipt.results[0]?.url).toBe(s.published().find((p) => p.title === '中断测试公告k1')?.url)
    // The token survived the restart in the ledger's key-value table.
    expect(s.stats.tokensIssued).toBe(1)
    expect(log).not.toContain(SECRET)
  })

  it('a claim dies with its process: with an hour-long lease, a push restarted at once takes over, saying 上次推送中断', async () => {
    const started = performance.now()
    const { s, receipt, log } = await killAndResume('draft/add', 3_600_000)
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered'])
    expect(Object.values(s.stats.draftsByTitle)).toEqual([1, 1, 1])
    expect(Object.values(s.stats.submitsByTitle)).toEqual([1, 1, 1])
    expect(log).toContain('上次推送中断')
    expect(log).not.toContain('另一个进程')
    expect(performance.now() - started).toBeLessThan(20_000)
  })

  it('killed between draft/add and its record: the draft is adopted, not made twice', async () => {
    const { s, receipt, log } = await killAndResume('draft/add')
    expect(receipt.results.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered'])
    expect(s.stats.drafts).toBe(3)
    expect(s.stats.submits).toBe(3)
    expect(Object.values(s.stats.draftsByTitle)).toEqual([1, 1, 1])
    expect(log).toContain('找到上次中断时已建好的草稿')
  })
})
