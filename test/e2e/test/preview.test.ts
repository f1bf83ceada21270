/**
 * `gongkai build --preview` as an operator runs it: the unreviewed publication (2026-ggfw-005 of the
 * example) says 预览稿 on all four channels, a push after it ships nothing of the preview, and a
 * real build after it carries no mark anywhere.
 */
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { DomUtils, parseDocument } from 'htmlparser2'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const SECRET = 'e2e-secret-do-not-print'
const PREVIEW = '2026-ggfw-005'
const REVIEWED = '2026-ggfw-003'
const T = 240_000

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

interface Built {
  readonly channels: Record<string, { readonly publications: number; readonly rendered: number; readonly cached: number; readonly release?: { readonly id: string } }>
}
interface Pushed {
  readonly receipts: readonly { channel: string; stopped?: { code: string; message: string }; results: readonly unknown[] }[]
}

let server: WechatServer
let dir: string
let out: string
let site: string
let title: string
/** Publications per channel in the preview build (the unreviewed one among them). */
const previewed: Record<string, number> = {}
beforeAll(async () => {
  server = await startWechatServer({ appId: 'wx5f3c2a9b8e7d6c41', secret: SECRET, publishingPolls: 1 })
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-preview-'))
  dir = join(parent, 'bureau')
  out = join(dir, 'out')
  site = join(parent, 'site')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
  // Seven publications (one unreviewed) keep the builds short; none of them links to the others.
  for (const folder of readdirSync(join(dir, 'publications'))) if (folder !== 'ggfw') rmSync(join(dir, 'publications', folder), { recursive: true })
  const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
  const patched = config
    .replace(/(\n {2}wechat:\n)/, `$1    apiBase: ${server.url}\n    pollIntervalMs: 20\n    retry: { attempts: 3, baseMs: 10, maxMs: 50 }\n`)
    .replace(/\n {2}website: \{\}\n/, `\n  website: { target: ${site} }\n`)
  expect(patched).not.toBe(config)
  writeFileSync(join(dir, 'gongkai.config.yaml'), patched.replace(/\n {4}apiBase: https:\/\/api\.weixin\.qq\.com[^\n]*/, ''))
  title = /^title: (.+)$/m.exec(readFileSync(join(dir, 'publications/ggfw', `${PREVIEW}.md`), 'utf8'))![1]!
  expect(readFileSync(join(dir, 'publications/ggfw', `${PREVIEW}.md`), 'utf8')).not.toMatch(/^review:/m)
}, T)

afterAll(async () => {
  await server?.close()
})

async function build(...args: string[]): Promise<Built> {
  const r = await gongkai(['build', dir, '--json', ...args])
  expect(r.code, r.err + r.out.slice(0, 2000)).toBe(0)
  return JSON.parse(r.out) as Built
}

const html = (path: string) => parseDocument(readFileSync(join(out, path), 'utf8'))
const notes = (doc: ReturnType<typeof parseDocument>) => DomUtils.findAll((e) => e.attribs['role'] === 'note', doc.children).map((e) => DomUtils.textContent(e))
const robots = (doc: ReturnType<typeof parseDocument>) => DomUtils.findAll((e) => e.name === 'meta' && e.attribs['name'] === 'robots', doc.children).map((e) => e.attribs['content'])
const pdfText = (path: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, path), '-'], { encoding: 'utf8' }).replace(/\s/g, '')
/** Pixels of a kiosk slide where red stands out over the dark blue theme (the mark and its label). */
function reddish(path: string): number {
  const png = PNG.sync.read(readFileSync(join(out, path)))
  let n = 0
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > png.data[i + 2]! + 20 && png.data[i + 1]! < 120) n++
  return n
}
/** A reviewed publication that the channel's output holds (the first by name). */
function otherIn(channel: string): string {
  const id = readdirSync(join(out, channel === 'kiosk' ? 'kiosk/slides' : channel))
    .map((f) => /^(2026-[a-z]+-\d{3})/.exec(f)?.[1])
    .find((f) => f !== undefined && f !== PREVIEW)
  expect(id, channel).toBeDefined()
  return id!
}
/** Every text file of a channel's output (HTML, XML, JSON) joined. */
function texts(channel: string): string {
  const folder = join(out, channel)
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(html|xml|json)$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n')
}

describe('gongkai build --preview', () => {
  it(
    'marks the unreviewed publication on all four channels, and only it',
    async () => {
      const built = await build('--preview')
      for (const c of ['website', 'wechat', 'noticeboard', 'kiosk']) previewed[c] = built.channels[c]?.publications ?? 0
      for (const c of ['website', 'wechat', 'noticeboard', 'kiosk']) expect(previewed[c], c).toBeGreaterThan(1)

      // Website: a banner (role="note") at the top, noindex; not in the sitemap, the feed or the search index.
      const page = html(`website/p/${PREVIEW}.html`)
      expect(notes(page).join('')).toContain('预览稿')
      expect(robots(page)).toEqual(['noindex'])
      const body = DomUtils.findOne((e) => e.name === 'body', page.children)!
      const first = body.children.filter((n) => n.type === 'tag')
      expect(first.findIndex((e) => (e as { attribs: Record<string, string> }).attribs['role'] === 'note')).toBeLessThanOrEqual(1)
      const real = html(`website/p/${REVIEWED}.html`)
      expect(notes(real).join('')).not.toContain('预览稿')
      expect(robots(real)).toEqual([])
      const sitemap = readFileSync(join(out, 'website/sitemap.xml'), 'utf8')
      expect(sitemap).toContain(`p/${REVIEWED}.html`)
      expect(sitemap).not.toContain(PREVIEW)
      const feed = readFileSync(join(out, 'website/feed.xml'), 'utf8')
      expect(feed).not.toContain(PREVIEW)
      expect(feed).not.toContain(title)
      const search = readdirSync(join(out, 'website/search'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
      expect(search.length).toBeGreaterThan(0)
      expect(search.join('')).not.toContain(PREVIEW)
      // The preview site still lists it, so the operator sees where it will stand.
      const home = html('website/index.html')
      const entry = DomUtils.findAll((e) => e.name === 'li' && DomUtils.findOne((a) => a.name === 'a' && a.attribs['href'] === `p/${PREVIEW}.html`, e.children) !== null, home.children)
      expect(entry.map((e) => DomUtils.textContent(e))).toEqual([expect.stringContaining('预览稿')])

      // WeChat: the preview page has a banner, the article opens with one.
      expect(notes(html(`wechat/${PREVIEW}/preview.html`)).join('')).toContain('预览稿')
      expect(readFileSync(join(out, `wechat/${PREVIEW}/article.html`), 'utf8')).toMatch(/^<section[^>]*><strong>预览稿<\/strong>/)
      expect(notes(html(`wechat/${otherIn('wechat')}/preview.html`))).toEqual([])
      expect(readFileSync(join(out, `wechat/${otherIn('wechat')}/article.html`), 'utf8')).not.toContain('预览稿')

      // Noticeboard: the warning in the text of the sheet; none on a reviewed one.
      expect(pdfText(`noticeboard/${PREVIEW}.pdf`)).toContain('预览稿（未经保密审查，不得张贴）')
      expect(pdfText(`noticeboard/${otherIn('noticeboard')}.pdf`)).not.toContain('预览稿')

      // Kiosk: the red mark and label over the blue theme, on every slide of the preview only.
      const slides = (id: string) => readdirSync(join(out, 'kiosk/slides')).filter((f) => f.startsWith(`${id}-`))
      expect(slides(PREVIEW).length).toBeGreaterThan(0)
      for (const f of slides(PREVIEW)) expect(reddish(`kiosk/slides/${f}`), f).toBeGreaterThan(50_000)
      for (const f of slides(otherIn('kiosk'))) expect(reddish(`kiosk/slides/${f}`), f).toBeLessThan(5_000)
    },
    T,
  )

  it(
    'is never pushed: the latest release and the preview release named by id are refused, nothing reaches WeChat or the site',
    async () => {
      const r = await gongkai(['push', dir, '--channel', 'wechat,website', '--json'])
      expect(r.code).not.toBe(0)
      const pushed = JSON.parse(r.out) as Pushed
      expect(pushed.receipts.map((x) => `${x.channel} ${x.stopped?.code ?? ''} ${x.results.length}`)).toEqual(['wechat release/preview 0', 'website release/preview 0'])
      expect(pushed.receipts[0]?.stopped?.message).toMatch(/预览稿.*不能发布/)
      const id = (JSON.parse(readFileSync(join(dir, '.gongkai/releases/wechat/latest.json'), 'utf8')) as { id: string }).id
      const named = await gongkai(['push', dir, '--channel', 'wechat', '--release', id])
      expect(named.code).not.toBe(0)
      expect(named.out).toContain(`发布版本 ${id} 是预览稿`)
      expect(server.stats.drafts).toBe(0)
      expect(existsSync(join(site, 'p', `${PREVIEW}.html`))).toBe(false)
    },
    T,
  )

  it(
    'leaves no mark in a real build after it, which reuses the reviewed renders only; that build pushes without the unreviewed one',
    async () => {
      const built = await build()
      for (const c of ['wechat', 'noticeboard', 'kiosk']) {
        expect(built.channels[c]?.publications, c).toBe(previewed[c]! - 1)
        // The reviewed publications were not marked in the preview: their renders are reused as they are.
        expect(built.channels[c]?.cached, c).toBeGreaterThanOrEqual(previewed[c]! - 1)
      }
      for (const c of ['website', 'wechat']) expect(texts(c), c).not.toContain('预览稿')
      for (const f of readdirSync(join(out, 'noticeboard')).filter((f) => f.endsWith('.pdf'))) expect(pdfText(`noticeboard/${f}`), f).not.toContain('预览稿')
      for (const f of readdirSync(join(out, 'kiosk/slides'))) expect(reddish(`kiosk/slides/${f}`), f).toBeLessThan(5_000)
      expect(existsSync(join(out, `wechat/${PREVIEW}`))).toBe(false)
      expect(readFileSync(join(out, 'website/sitemap.xml'), 'utf8')).not.toContain(PREVIEW)

      const r = await gongkai(['push', dir, '--channel', 'wechat', '--json'])
      expect(r.code, r.err + r.out.slice(0, 2000)).toBe(0)
      expect(server.stats.drafts).toBeGreaterThan(0)
      expect(server.stats.draftsByTitle[title]).toBeUndefined()
      for (const d of server.drafts()) expect(String(d.article['content'])).not.toContain('预览稿')
    },
    T,
  )
})
