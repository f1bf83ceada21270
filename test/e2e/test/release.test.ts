/**
 * Releases through the CLI as operators run it, on a copy of the example project: what a build
 * renders again (its `--json` counts), when the render cache must miss, and what `push` ships
 * (exactly a stored release: never a stray file, never a re-render, never a preview).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW, NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/bin/gongkai.js')
const CHANNELS = ['website', 'wechat', 'noticeboard', 'kiosk'] as const

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

interface ChannelSummary {
  readonly publications: number
  readonly rendered: number
  readonly cached: number
  readonly written: number
  readonly release?: { readonly id: string; readonly changed: boolean }
}
interface Built {
  readonly channels: Record<string, ChannelSummary>
}
interface Manifest {
  readonly id: string
  readonly preview: boolean
  readonly files: readonly { path: string; size: number; sha256: string; publications: readonly string[] }[]
  readonly publications: readonly { id: string; revision: string; publishAt?: string }[]
}
interface Pushed {
  readonly releases: Record<string, { id: string }>
  readonly skipped: readonly { publication: string; channel: string; reason: string }[]
  readonly receipts: readonly { channel: string; stopped?: { code: string }; results: readonly { publication: string; state: string }[] }[]
}

let dir: string
let site: string
let hall: string
/** Renders a channel does besides its publications: its whole-collection output (0 or 1), from the cold build. */
const assembles: Record<string, number> = {}

async function build(...args: string[]): Promise<Built> {
  const r = await gongkai(['build', dir, '--json', ...args])
  expect(r.code, r.err + r.out.slice(0, 2000)).toBe(0)
  return JSON.parse(r.out) as Built
}

function manifest(channel: string, id?: string): Manifest {
  const folder = join(dir, '.gongkai', 'releases', channel)
  const wanted = id ?? (JSON.parse(readFileSync(join(folder, 'latest.json'), 'utf8')) as { id: string }).id
  return JSON.parse(readFileSync(join(folder, `${wanted}.json`), 'utf8')) as Manifest
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/** Every file under a folder as `path size sha256`, sorted. */
function listTree(folder: string): string[] {
  const real = realpathSync(folder)
  return readdirSync(real, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => {
      const full = join(e.parentPath, e.name)
      const data = readFileSync(full)
      return `${relative(real, full)} ${data.byteLength} ${sha256(data)}`
    })
    .sort()
}
/** What a push at NOW ships of a release: every file but those of publications whose publishAt is still ahead. */
function shipped(m: Manifest): string[] {
  const ahead = new Set(m.publications.filter((p) => p.publishAt !== undefined && Date.parse(p.publishAt) > Date.parse(NOW)).map((p) => p.id))
  return m.files
    .filter((f) => f.publications.length === 0 || f.publications.some((id) => !ahead.has(id)))
    .map((f) => `${f.path} ${f.size} ${f.sha256}`)
    .sort()
}

/** A publication file of the project by id. */
function publicationFile(id: string): string {
  const found = readdirSync(join(dir, 'publications'), { recursive: true, withFileTypes: true }).find((e) => e.name === `${id}.md`)
  if (found === undefined) throw new Error(`no publication ${id}`)
  return join(found.parentPath, found.name)
}
/** The catalog items of the copied project (each has an item page on the site). */
function catalogItems(): number {
  return [...readFileSync(join(dir, 'catalog.yaml'), 'utf8').matchAll(/^ {2}- code: /gm)].length
}
function editBody(id: string, line: string): void {
  const file = publicationFile(id)
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${line}\n`)
}

beforeAll(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-release-'))
  dir = join(parent, 'bureau')
  site = join(parent, 'site')
  hall = join(parent, 'hall')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
  // Website and kiosk targets, so push has somewhere to put them.
  const config = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
  const patched = config.replace(/\n {2}website: \{\}\n/, `\n  website: { target: ${site} }\n`).replace(/\n {2}kiosk:\n/, `\n  kiosk:\n    target: ${hall}\n`)
  expect(patched).not.toBe(config)
  writeFileSync(join(dir, 'gongkai.config.yaml'), patched)
  const cold = await build()
  for (const c of CHANNELS) {
    const s = cold.channels[c]
    expect(s?.cached, c).toBe(0)
    // The whole-collection output's pieces: the website's item pages, lists, search index and own files; one or none elsewhere.
    assembles[c] = (s?.rendered ?? 0) - (s?.publications ?? 0)
    expect(assembles[c], c).toBe(c === 'website' ? catalogItems() + 3 : c === 'kiosk' ? 1 : 0)
  }
})
afterAll(() => {
  if (dir !== undefined) rmSync(dirname(dir), { recursive: true, force: true })
})

describe('gongkai build: what is rendered again', () => {
  it('renders nothing when nothing changed, in a fresh process', async () => {
    const again = await build()
    for (const c of CHANNELS) expect(again.channels[c], c).toMatchObject({ rendered: 0, written: 0, release: { changed: false } })
  })

  it("a one-publication change renders that publication's artifacts again on every channel, and each channel's assemble; nothing else", async () => {
    // A publication that every channel carries.
    const everywhere = manifest('website').publications.find((p) => CHANNELS.every((c) => manifest(c).publications.some((q) => q.id === p.id)))?.id
    expect(everywhere).toBeDefined()
    const before = Object.fromEntries(CHANNELS.map((c) => [c, manifest(c)]))
    editBody(everywhere!, '（本条信息于发布后补充了联系电话。）')
    const after = await build()
    for (const c of CHANNELS) {
      const s = after.channels[c]!
      // The website renders again its page and the pieces that list it (its item page, the lists), not the others; not
      // the search index either, whose records (title, item, 文号, 索引号, tags, summary) a sentence at the end of a body leaves as they were.
      const pieces = c === 'website' ? 2 : assembles[c]!
      expect({ c, rendered: s.rendered, cached: s.cached }).toEqual({ c, rendered: 1 + pieces, cached: s.publications - 1 + (assembles[c]! - pieces) })
      // Every file that changed comes from that publication or from the whole collection.
      const old = new Map(before[c]!.files.map((f) => [f.path, f.sha256]))
      const changed = manifest(c).files.filter((f) => old.get(f.path) !== f.sha256)
      expect(changed.length, c).toBeGreaterThan(0)
      for (const f of changed) expect(f.publications.length === 0 || f.publications.includes(everywhere!), `${c} ${f.path}`).toBe(true)
      if (c === 'website') expect(changed.filter((f) => f.path.startsWith('search/'))).toEqual([])
    }

    // A new title is in its search record: the index is rendered again, and its files change.
    const file = publicationFile(everywhere!)
    const text = readFileSync(file, 'utf8')
    const retitled = text.replace(/^title: ("?)(.*?)("?)$/m, 'title: $1$2（修订）$3')
    expect(retitled).not.toBe(text)
    writeFileSync(file, retitled)
    const site = before['website']!
    const again = await build()
    expect(again.channels['website']).toMatchObject({ rendered: 1 + 3 })
    const old = new Map(site.files.map((f) => [f.path, f.sha256]))
    expect(manifest('website').files.some((f) => f.path === 'search/head.json' && old.get(f.path) !== f.sha256)).toBe(true)
  })

  it('an asset image replaced under the same name renders again the pages that embed it, and only those', async () => {
    const image = join(dir, 'assets/images/2026-10-aqi.png')
    const embedding = '2026-hjxx-001'
    const other = readFileSync(join(dir, 'assets/images/open-day-2026.png'))
    expect(sha256(other)).not.toBe(sha256(readFileSync(image)))
    writeFileSync(image, other)
    const after = await build()
    // Kiosk slides show no body image: their cached slides stand. The lists and indexes do not show it either.
    const shows = new Set(['website', 'wechat', 'noticeboard'])
    for (const c of CHANNELS) {
      const carries = manifest(c).publications.some((p) => p.id === embedding)
      expect({ c, rendered: after.channels[c]!.rendered }).toEqual({ c, rendered: carries && shows.has(c) ? 1 : 0 })
    }
    expect(['website', 'wechat', 'kiosk'].every((c) => manifest(c).publications.some((p) => p.id === embedding))).toBe(true)
    // The site now carries the new bytes.
    expect(manifest('website').files.some((f) => f.sha256 === sha256(other) && f.publications.includes(embedding))).toBe(true)
  })

  it('a changed channel option renders that channel again, and only it; a schedule change renders nothing', async () => {
    const file = join(dir, 'gongkai.config.yaml')
    const config = readFileSync(file, 'utf8')
    const slower = config.replace('slideSeconds: 12', 'slideSeconds: 15')
    expect(slower).not.toBe(config)
    writeFileSync(file, slower)
    const after = await build()
    for (const c of CHANNELS) {
      const s = after.channels[c]!
      expect({ c, rendered: s.rendered }).toEqual({ c, rendered: c === 'kiosk' ? s.publications + assembles[c]! : 0 })
    }
    writeFileSync(file, slower.replace('cron: "30 8 * * *"', 'cron: "45 8 * * *"'))
    const scheduled = await build()
    for (const c of CHANNELS) expect({ c, rendered: scheduled.channels[c]!.rendered }).toEqual({ c, rendered: 0 })
  })

  it('a changed config field the pages show renders every publication again', async () => {
    const file = join(dir, 'gongkai.config.yaml')
    const config = readFileSync(file, 'utf8')
    writeFileSync(file, config.replace('phone: 0839-7202345', 'phone: 0839-7202346'))
    // One channel is enough to show it, and keeps the other caches warm for the tests below.
    const after = await build('--channel', 'website')
    expect(after.channels['website']).toMatchObject({ rendered: after.channels['website']!.publications + assembles['website']!, cached: 0 })
    expect(manifest('website').files.some((f) => f.path === 'index.html')).toBe(true)
    const index = readFileSync(join(dir, 'out/website/index.html'), 'utf8')
    expect(index).toContain('0839-7202346')
    writeFileSync(file, config)
    await build()
  })

  it('a deleted .gongkai/cache/ rebuilds the same release ids, byte for byte', async () => {
    const ids = Object.fromEntries(CHANNELS.map((c) => [c, manifest(c).id]))
    const trees = Object.fromEntries(CHANNELS.map((c) => [c, listTree(join(dir, 'out', c))]))
    rmSync(join(dir, '.gongkai', 'cache'), { recursive: true })
    const cold = await build()
    for (const c of CHANNELS) {
      expect(cold.channels[c], c).toMatchObject({ cached: 0, written: 0, release: { id: ids[c], changed: false } })
      expect(listTree(join(dir, 'out', c)), c).toEqual(trees[c])
    }
  })
})

describe('gongkai push: exactly a release', () => {
  async function push(...args: string[]): Promise<{ code: number | null; result: Pushed; err: string }> {
    const r = await gongkai(['push', dir, '--channel', 'website', '--json', ...args])
    let result: Pushed
    try {
      result = JSON.parse(r.out) as Pushed
    } catch {
      throw new Error(`push printed no JSON (exit ${String(r.code)}): ${r.err}${r.out}`)
    }
    return { code: r.code, result, err: r.err }
  }

  it('never ships a stray file put in out/website/ or in out/.releases/', async () => {
    const built = manifest('website')
    const tree = resolve(join(dir, 'out'), readlinkSync(join(dir, 'out', 'website')))
    expect(basename(tree)).toBe(built.id)
    writeFileSync(join(dir, 'out/website/stray.html'), '<p>博彩</p>')
    writeFileSync(join(tree, 'p', 'stray-in-release.html'), '<p>博彩</p>')
    const { code, result, err } = await push()
    expect(code, err).toBe(0)
    expect(result.releases['website']?.id).toBe(built.id)
    expect(listTree(site)).toEqual(shipped(built))
    // Not a vacuous check: this release holds a publication not yet due, whose page stays out too.
    expect(shipped(built).length).toBeLessThan(built.files.length)
    expect(existsSync(join(site, 'stray.html'))).toBe(false)
    expect(existsSync(join(site, 'p', 'stray-in-release.html'))).toBe(false)
    // The site is a copy, not links into the build: an edit in OUT/ cannot reach it.
    expect(lstatSync(join(site, 'index.html')).isSymbolicLink()).toBe(false)
  })

  it('never ships a stray file to the kiosk folder either: only slides the release holds', async () => {
    const built = manifest('kiosk')
    writeFileSync(join(dir, 'out/kiosk/stray.png'), 'not a slide')
    const r = await gongkai(['push', dir, '--channel', 'kiosk', '--json'])
    expect(r.code, r.err).toBe(0)
    const inRelease = new Set(built.files.map((f) => `${f.path} ${f.size} ${f.sha256}`))
    const live = listTree(hall)
    expect(live.length).toBeGreaterThan(3)
    expect(live.filter((x) => !inRelease.has(x))).toEqual([])
    expect(existsSync(join(hall, 'stray.png'))).toBe(false)
  })

  it('after a publication changed but before build, ships the release as built and names the changed one as stale', async () => {
    const built = manifest('website')
    const changed = built.publications[0]!.id
    editBody(changed, '（发布后又作了修改，尚未重新生成。）')
    const { code, result, err } = await push()
    // Nothing failed: the changed publication waits for the next build, which the operator is told to run.
    expect(code, err).toBe(0)
    expect(result.releases['website']?.id).toBe(built.id)
    expect(result.skipped.filter((s) => s.reason === 'stale').map((s) => s.publication)).toEqual([changed])
    expect(listTree(site)).toEqual(shipped(built))
  })

  it('push --release <older id> ships that older release', async () => {
    const older = manifest('website')
    const rebuilt = await build('--channel', 'website')
    const newer = rebuilt.channels['website']!.release!.id
    expect(newer).not.toBe(older.id)
    const latest = await push()
    expect(latest.code, latest.err).toBe(0)
    expect(listTree(site)).toEqual(shipped(manifest('website', newer)))
    const back = await push('--release', older.id)
    expect(back.code, back.err).toBe(0)
    expect(back.result.releases['website']?.id).toBe(older.id)
    expect(listTree(site)).toEqual(shipped(older))
  })

  it('refuses a preview release, and the live site stays as it was', async () => {
    const live = listTree(site)
    await gongkai(['build', dir, '--preview', '--channel', 'website'])
    expect(manifest('website').preview).toBe(true)
    const { code, result } = await push()
    expect(code).not.toBe(0)
    expect(result.receipts.map((r) => r.stopped?.code)).toEqual(['release/preview'])
    expect(listTree(site)).toEqual(live)
  })
})
