/**
 * `gongkai verify` and `gongkai ledger` as operators run them (whole processes, GONGKAI_NOW set):
 * a delivered site with a changed, an added and a removed file, repaired; spam shown only to a
 * crawler over HTTP; the schedule task posting to a webhook; an emptied, replaced or corrupt ledger
 * refused with the way back, and rebuilt.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordLedgerIdentity, saveDelivered } from '@gongkai/hub'
import { objectPath } from '@gongkai/hub/internal'
import { releaseIdOf, saveRelease, sha256Of } from '@gongkai/hub/internal'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')

function gongkai(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', ...NOW_ENV } })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => done({ code, out, err }))
  })
}

const PAGES: Record<string, { text: string; publications: string[] }> = {
  'index.html': { text: '<!doctype html><html lang="zh-CN"><title>青川县生态环境局 政务公开</title></html>\n', publications: [] },
  'p/hjxx-001.html': { text: '<!doctype html><html lang="zh-CN"><title>通知</title><p>正文</p></html>\n', publications: ['hjxx-001'] },
  'p/hjxx-002.html': { text: '<!doctype html><html lang="zh-CN"><title>决定书</title><p>正文</p></html>\n', publications: ['hjxx-002'] },
  'style.css': { text: 'body{font-size:18px}\n', publications: [] },
}

let dir: string
let target: string
let release: string
let hooks: { body: string }[]
let hookServer: Server
let hookUrl: string

/** The example project with a website target, delivered once (by hand: objects, manifest, delivered.json, the target folder). */
beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'gongkai-verify-'))
  dir = join(base, 'bureau')
  target = join(base, 'www', 'gk')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
  hooks = []
  hookServer = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      hooks.push({ body })
      res.writeHead(200).end('{"errcode":0}')
    })
  })
  await new Promise<void>((done) => hookServer.listen(0, '127.0.0.1', done))
  const port = (hookServer.address() as { port: number }).port
  hookUrl = `http://127.0.0.1:${port}/hook`
  const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
  const patched = config
    .replace('  website: {}\n', `  website:\n    target: ${target}\n`)
    .replace('schedules:\n', `schedules:\n  - id: verify-site\n    task: verify\n    cron: "0 * * * *"\n    options: { webhook: "${hookUrl}" }\n`)
  expect(patched).not.toBe(config)
  writeFileSync(join(dir, 'gongkai.config.yaml'), patched)

  const files = Object.entries(PAGES)
    .map(([path, f]) => ({ path, size: Buffer.byteLength(f.text), sha256: sha256Of(f.text), mediaType: 'text/html', publications: f.publications }))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
  const publications = [
    { id: 'hjxx-001', revision: 'sha256:r1', title: '通知', file: 'publications/hjxx-001.md', reviewed: true },
    { id: 'hjxx-002', revision: 'sha256:r2', title: '决定书', file: 'publications/hjxx-002.md', reviewed: true },
  ]
  for (const f of Object.values(PAGES)) {
    mkdirSync(dirname(objectPath(dir, sha256Of(f.text))), { recursive: true })
    writeFileSync(objectPath(dir, sha256Of(f.text)), f.text)
  }
  release = releaseIdOf('website', files, publications)
  const saved = await saveRelease(dir, { format: 'gongkai-release/1', id: release, channel: 'website', createdAt: '2026-11-30T01:00:00.000Z', preview: false, files, publications }, undefined)
  await saveDelivered(dir, { channel: 'website', release, manifestHash: saved.manifestHash, target, deliveredAt: '2026-11-30T01:30:00.000Z', files: files.map((f) => f.path) })
  putSite()
})
afterAll(async () => {
  await new Promise<void>((done) => hookServer.close(() => done()))
})

/** The target as the delivery left it. */
function putSite(): void {
  rmSync(target, { recursive: true, force: true })
  for (const [path, f] of Object.entries(PAGES)) {
    mkdirSync(dirname(join(target, path)), { recursive: true })
    writeFileSync(join(target, path), f.text)
  }
}

/** A changed page, a stray script and a removed stylesheet. */
function tamper(): void {
  writeFileSync(join(target, 'p/hjxx-001.html'), PAGES['p/hjxx-001.html']!.text.replace('正文', '正文<a href="https://bet.example">澳门博彩</a>'))
  writeFileSync(join(target, 'shell.php'), '<?php eval($_POST[1]);')
  unlinkSync(join(target, 'style.css'))
}

describe('gongkai verify', () => {
  it('says the site is as delivered, with the release and when it was delivered (Beijing time), exit 0', async () => {
    putSite()
    const r = await gongkai(['verify', dir])
    expect(r.code, r.err + r.out).toBe(0)
    expect(r.out).toContain(`对照发布版本 ${release}（2026-11-30 09:30:00 +08:00 投递`)
    expect(r.out).toContain('一致：4 个文件与发布版本逐字节相同。')
  })

  it('names a changed, an added and a removed file in a table, exit 1; --repair restores the release', async () => {
    putSite()
    tamper()
    const r = await gongkai(['verify', dir])
    expect(r.code, r.err).toBe(1)
    const rows = r.out.split('\n').filter((l) => /^(改动|新增|缺失)\s/.test(l))
    expect(rows.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['缺失 style.css', '改动 p/hjxx-001.html', '新增 shell.php'])
    expect(r.out).toContain('不一致：共 3 处（改动 1、新增 1、缺失 1），共核验 4 个文件。')

    const json = await gongkai(['verify', dir, '--json'])
    expect(json.code).toBe(1)
    expect((JSON.parse(json.out) as { found: { differences: { kind: string; path: string }[] } }).found.differences.map((d) => `${d.kind} ${d.path}`)).toEqual([
      'removed style.css',
      'changed p/hjxx-001.html',
      'added shell.php',
    ])

    const repaired = await gongkai(['verify', dir, '--repair'])
    expect(repaired.code, repaired.err).toBe(1)
    expect(repaired.out).toContain(`已恢复：发布版本 ${release} 的 4 个文件已整体替换到`)
    for (const [path, f] of Object.entries(PAGES)) expect(readFileSync(join(target, path), 'utf8')).toBe(f.text)
    expect(existsSync(join(target, 'shell.php'))).toBe(false)
    const again = await gongkai(['verify', dir, '--target', target])
    expect(again.code, again.out).toBe(0)
  })

  it('over --url, catches spam served only to the search crawler, and says added files cannot be listed', async () => {
    putSite()
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').replace(/^\/gk\//, '') || 'index.html'
      const file = join(target, path)
      if (!existsSync(file)) return void res.writeHead(404).end()
      let body = readFileSync(file, 'utf8')
      if ((req.headers['user-agent'] ?? '').includes('Baiduspider')) body = body.replace('</html>', '<a href="https://bet.example">澳门博彩</a></html>')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/gk/`
      const r = await gongkai(['verify', dir, '--url', url])
      expect(r.code, r.err).toBe(1)
      const rows = r.out.split('\n').filter((l) => l.startsWith('改动'))
      // The three pages, and the home page once more by the site's folder address.
      expect(rows).toHaveLength(4)
      for (const row of rows) expect(row).toContain('只有搜索引擎爬虫看到')
      expect(rows.filter((row) => row.includes(`按目录地址 ${url} 取回的首页`))).toHaveLength(1)
      expect(r.out).not.toContain('style.css')
      expect(r.out).toContain('通过 HTTP 无法列出网站上被新增的文件')
      const misuse = await gongkai(['verify', dir, '--url', url, '--repair'])
      expect(misuse.code).toBe(2)
    } finally {
      await new Promise<void>((done) => server.close(() => done()))
    }
  })

  it('the schedule task verify posts the difference to the webhook on 127.0.0.1, and nothing when the site is as delivered', async () => {
    putSite()
    const quiet = await gongkai(['run', dir, 'verify-site'])
    expect(quiet.code, quiet.err + quiet.out).toBe(0)
    expect(hooks).toHaveLength(0)
    tamper()
    const r = await gongkai(['run', dir, 'verify-site'])
    expect(r.code, r.err + r.out).toBe(0)
    expect(hooks).toHaveLength(1)
    const posted = JSON.parse(hooks[0]!.body) as { msgtype: string; text: string; report: { found: { release: string; differences: { kind: string; path: string }[] } } }
    expect(posted.msgtype).toBe('markdown')
    expect(posted.text).toContain('政府网站核验发现不一致')
    expect(posted.report.found.release).toBe(release)
    expect(posted.report.found.differences.map((d) => `${d.kind} ${d.path}`)).toEqual(['removed style.css', 'changed p/hjxx-001.html', 'added shell.php'])
    expect(r.out).toContain('不一致：改动 1、新增 1、缺失 1，已通知 webhook')
    putSite()
  })
})

describe('gongkai ledger', () => {
  const ledgerFile = () => join(dir, '.gongkai', 'ledger.sqlite')

  /** The ledger a push would leave: both pages and one WeChat article delivered, and the project's mark. */
  async function pushedLedger(): Promise<void> {
    for (const f of [ledgerFile(), `${ledgerFile()}-wal`, `${ledgerFile()}-shm`, join(dir, '.gongkai', 'ledger-id.json')]) rmSync(f, { force: true })
    const store = openSqliteStore(ledgerFile())
    try {
      for (const [publication, revision, channel] of [
        ['hjxx-001', 'sha256:r1', 'website'],
        ['hjxx-002', 'sha256:r2', 'website'],
        ['hjxx-001', 'sha256:r1', 'wechat'],
      ] as const) {
        await store.ledger.open({ publication, revision, channel })
        await store.ledger.setState({ publication, revision, channel }, 'delivered')
      }
      await recordLedgerIdentity(dir, store.ledger, new Date('2026-11-30T01:30:00Z'))
    } finally {
      await store.close()
    }
  }

  it('check passes for the ledger the project delivered with', async () => {
    await pushedLedger()
    const r = await gongkai(['ledger', 'check', dir])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('正常：就是本项目投递政府网站、微信公众号时所用的台账')
  })

  it('refuses a ledger emptied to 0 bytes with the way back in Chinese; rebuild restores the website and keeps WeChat refused until accepted', async () => {
    await pushedLedger()
    truncateSync(ledgerFile(), 0)
    const r = await gongkai(['ledger', 'check', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain('是空的，但本项目此前已向政府网站、微信公众号投递过')
    expect(r.err).toContain('[ledger/empty]')
    expect(r.err).toMatch(/提示：.*gongkai ledger rebuild/)

    const rebuilt = await gongkai(['ledger', 'rebuild', dir])
    expect(rebuilt.code, rebuilt.err).toBe(1)
    expect(rebuilt.out).toMatch(/政府网站\s+已重建\s+2\s+发布版本/)
    expect(rebuilt.out).toMatch(/微信公众号\s+未恢复\s+0/)
    const store = openSqliteStore(ledgerFile())
    try {
      const rows = await store.ledger.list({ channel: 'website', state: 'delivered' })
      expect(rows.map((x) => [x.publication, x.url, x.release?.id])).toEqual([
        ['hjxx-001', 'https://www.qingchuan.gov.cn/hbj/gk/p/hjxx-001.html', release],
        ['hjxx-002', 'https://www.qingchuan.gov.cn/hbj/gk/p/hjxx-002.html', release],
      ])
    } finally {
      await store.close()
    }
    const wechat = await gongkai(['ledger', 'check', dir])
    expect(wechat.code).toBe(1)
    expect(wechat.err).toContain('[ledger/unrecovered]')
    const accepted = await gongkai(['ledger', 'rebuild', dir, '--channel', 'wechat', '--accept-new-ledger'])
    expect(accepted.code, accepted.err + accepted.out).toBe(0)
    expect((await gongkai(['ledger', 'check', dir])).code).toBe(0)
  })

  it('refuses a deleted ledger, and the check creates no file in its place', async () => {
    await pushedLedger()
    rmSync(ledgerFile())
    const r = await gongkai(['ledger', 'check', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain('[ledger/empty]')
    expect(existsSync(ledgerFile())).toBe(false)
  })

  it('refuses a ledger replaced by another ledger file', async () => {
    await pushedLedger()
    const other = join(dirname(dir), 'other.sqlite')
    const o = openSqliteStore(other)
    await o.ledger.open({ publication: 'x', revision: 'y', channel: 'website' })
    await o.ledger.setState({ publication: 'x', revision: 'y', channel: 'website' }, 'delivered')
    await o.close()
    writeFileSync(ledgerFile(), readFileSync(other))
    const r = await gongkai(['ledger', 'check', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain('不是本项目上次投递时所用的台账')
    expect(r.err).toContain('[ledger/replaced]')
  })

  it('refuses a corrupt ledger with a clear message, not SQLite’s stack', async () => {
    await pushedLedger()
    writeFileSync(ledgerFile(), Buffer.alloc(16_384, 0x5a))
    const r = await gongkai(['ledger', 'check', dir])
    expect(r.code).toBe(1)
    expect(r.err).toContain('已损坏或不是 gongkai 的台账')
    expect(r.err).toContain('[store/corrupt]')
    expect(r.err).not.toMatch(/SqliteError|SQLITE_|at .*\.js:\d+/)
  })
})
