/**
 * Review levels (三审三校) through the CLI as operators run it, on a small project whose config
 * asks for 初审 and 复审: a publication with both is built and pushed (website folder, kiosk
 * folder), one with only 初审 is built only with --preview, never pushed, and `status` names the
 * missing 复审.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/bin/gongkai.js')

function gongkai(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', ...NOW_ENV }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => done({ code, out, err }))
  })
}

let dir: string
let site: string
let hall: string

const publication = (id: string, title: string, review: string) => `---
id: ${id}
item: HB-ZFXX-001
title: ${title}
kind: release
stage: result
formed: 2026-11-02
${review}
---

${title}正文。
`

beforeAll(() => {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-levels-'))
  dir = join(parent, 'bureau')
  site = join(parent, 'site')
  hall = join(parent, 'hall')
  mkdirSync(join(dir, 'publications'), { recursive: true })
  writeFileSync(
    join(dir, 'gongkai.config.yaml'),
    `body:
  name: 测试县生态环境局
  orgCode: "008672531"
site:
  title: 测试县生态环境局政府信息公开
  baseUrl: https://www.example.gov.cn/gk/
review:
  levels: [初审, 复审]
channels:
  website: { target: ${site} }
  kiosk: { target: ${hall} }
`,
  )
  writeFileSync(
    join(dir, 'catalog.yaml'),
    `items:
  - code: HB-ZFXX-001
    name: 工作动态
    category: 政府信息
    basis: 《中华人民共和国政府信息公开条例》第二十条
    content: 本机关工作动态
    owner: 办公室
    timeLimit: { workingDays: 20, from: formed }
    channels: [website, kiosk]
    audience: public
    mode: proactive
    level: county
`,
  )
  writeFileSync(join(dir, 'publications', 'both.md'), publication('2026-both', '两级审查都已通过的通知', 'review:\n  初审: { by: 张敏, on: 2026-11-03 }\n  复审: { by: 李强, on: 2026-11-04 }'))
  writeFileSync(join(dir, 'publications', 'first.md'), publication('2026-first', '只过了初审的通知', 'review:\n  初审: { by: 张敏, on: 2026-11-03 }'))
})
afterAll(() => {
  if (dir !== undefined) rmSync(dirname(dir), { recursive: true, force: true })
})

interface Manifest {
  readonly preview: boolean
  readonly publications: readonly { id: string }[]
}
const manifest = (channel: string): Manifest => {
  const folder = join(dir, '.gongkai', 'releases', channel)
  const id = (JSON.parse(readFileSync(join(folder, 'latest.json'), 'utf8')) as { id: string }).id
  return JSON.parse(readFileSync(join(folder, `${id}.json`), 'utf8')) as Manifest
}
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''

describe('review levels: 初审 and 复审 required', () => {
  it('validate reports no problem: a missing level is not an error, only unreviewed', async () => {
    const r = await gongkai(['validate', dir])
    expect(r.code, r.err + r.out).toBe(0)
  })

  it('build --preview renders both; the release is a preview', async () => {
    const r = await gongkai(['build', dir, '--channel', 'website,kiosk', '--preview'])
    expect(r.code, r.err + r.out).toBe(0)
    expect(existsSync(join(dir, 'out/website/p/2026-first.html'))).toBe(true)
    expect(manifest('website')).toMatchObject({ preview: true })
    expect(
      manifest('kiosk')
        .publications.map((p) => p.id)
        .sort(),
    ).toEqual(['2026-both', '2026-first'])
  })

  it('build without --preview renders only the publication with both levels, and says which one it left out', async () => {
    const r = await gongkai(['build', dir, '--channel', 'website,kiosk'])
    expect(r.code, r.err + r.out).toBe(0)
    expect(r.out).toContain('未通过保密审查、未生成的 1 篇：2026-first')
    for (const c of ['website', 'kiosk']) expect(manifest(c), c).toMatchObject({ preview: false, publications: [{ id: '2026-both' }] })
    expect(titleOf(readFileSync(join(dir, 'out/website/p/2026-both.html'), 'utf8'))).toContain('两级审查都已通过的通知')
    expect(existsSync(join(dir, 'out/website/p/2026-first.html'))).toBe(false)
  })

  it('push delivers only that one, to the website folder and the kiosk playlist', async () => {
    const r = await gongkai(['push', dir, '--channel', 'website,kiosk', '--json'])
    expect(r.code, r.err + r.out).toBe(0)
    const pushed = JSON.parse(r.out) as { receipts: { channel: string; results: { publication: string; state: string }[] }[] }
    for (const receipt of pushed.receipts) {
      expect(
        receipt.results.filter((x) => x.state === 'delivered').map((x) => x.publication),
        receipt.channel,
      ).toEqual(['2026-both'])
      expect(
        receipt.results.map((x) => x.publication),
        receipt.channel,
      ).not.toContain('2026-first')
    }
    expect(titleOf(readFileSync(join(site, 'p/2026-both.html'), 'utf8'))).toContain('两级审查都已通过的通知')
    expect(existsSync(join(site, 'p/2026-first.html'))).toBe(false)
    const playlist = JSON.parse(readFileSync(join(hall, 'playlist.json'), 'utf8')) as { slides: { src: string }[] }
    expect(playlist.slides.length).toBeGreaterThan(0)
    expect(
      playlist.slides.every((s) => s.src.startsWith('slides/2026-both-')),
      JSON.stringify(playlist.slides),
    ).toBe(true)
  })

  it('status names the missing 复审 of the publication that lacks it', async () => {
    const r = await gongkai(['status', dir])
    expect(r.code, r.err + r.out).toBe(0)
    // One pending row per channel (the deadline table lists it too, without a reason).
    const pending = r.out.split('\n').filter((l) => l.includes('2026-first') && /^(政府网站|办事大厅屏)/.test(l))
    expect(pending, r.out).toHaveLength(2)
    for (const l of pending) expect(l).toMatch(/2026-first\s+未通过保密审查：缺少复审$/)
    expect(r.out.split('\n').filter((l) => l.includes('2026-both') && l.includes('缺少'))).toEqual([])
  })

  it('a level added to the config after the build holds back what the release took as reviewed', async () => {
    writeFileSync(join(dir, 'publications', 'late.md'), publication('2026-late', '建成后才加了终审的通知', 'review:\n  初审: { by: 张敏, on: 2026-11-03 }\n  复审: { by: 李强, on: 2026-11-04 }'))
    const built = await gongkai(['build', dir, '--channel', 'website'])
    expect(built.code, built.err + built.out).toBe(0)
    expect(manifest('website').publications.map((p) => p.id)).toContain('2026-late')
    const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    writeFileSync(join(dir, 'gongkai.config.yaml'), config.replace('levels: [初审, 复审]', 'levels: [初审, 复审, 终审]'))
    const r = await gongkai(['push', dir, '--channel', 'website', '--json'])
    expect(r.code, r.err + r.out).toBe(0)
    const pushed = JSON.parse(r.out) as { skipped: { publication: string; reason: string }[]; receipts: { results: { publication: string; state: string }[] }[] }
    expect(pushed.skipped.filter((x) => x.publication === '2026-late')).toMatchObject([{ reason: 'unreviewed' }])
    expect(pushed.receipts.flatMap((x) => x.results).filter((x) => x.state === 'delivered')).toEqual([])
    expect(existsSync(join(site, 'p/2026-late.html'))).toBe(false)
    const status = await gongkai(['status', dir])
    expect(status.out).toMatch(/政府网站\s+2026-late\s+未通过保密审查：缺少终审/)
  })
})
