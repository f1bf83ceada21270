/**
 * The kiosk channel: options checked at once, slides measured (sizes, safe margins, the table's
 * header on every slide, the QR code), glyphs reported, the playlist and the player, delivery to
 * a folder and to a kiosk host on 127.0.0.1.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { OptionsError } from '@gongkai/core'
import { createMemoryKv, createMemoryLedger } from '@gongkai/core/internal'
import type { Artifact, DeliverContext, DeliveryEvent, Disclosure, ReleaseView } from '@gongkai/core'
import jsQR from 'jsqr'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { kiosk } from '../src/index.js'
import { escapeMarkup } from '../src/markup.js'
import { PLAYLIST_GLOBAL } from '../src/playlist.js'
import type { Playlist } from '../src/playlist.js'
import { NOW, sample } from './fixtures/sample.js'

const T = 120_000

async function pixels(png: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}
const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))

describe('options', () => {
  it('throws OptionsError naming the option', () => {
    const bad: [unknown, string][] = [
      [{ orientation: 'square' }, 'kiosk/bad-orientation'],
      [{ slideSeconds: 1 }, 'kiosk/bad-slide-seconds'],
      [{ theme: { background: 'blue' } }, 'kiosk/bad-theme-background'],
      [{ theme: { background: '#777777', foreground: '#888888' } }, 'kiosk/bad-theme-foreground'],
      [{ theme: { logo: '/nonexistent/logo.png' } }, 'kiosk/bad-theme-logo'],
      [{ hosts: [{ url: 'ftp://x' }] }, 'kiosk/bad-hosts[0]-url'],
      [{ times: [{ from: '25:00', until: '06:00' }] }, 'kiosk/bad-times[0]'],
      [{ target: 'relative/dir' }, 'kiosk/bad-target'],
      [{ colour: 1 }, 'kiosk/unknown-option'],
    ]
    for (const [options, code] of bad) {
      let error: unknown
      try {
        kiosk(options as never)
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(OptionsError)
      expect((error as OptionsError).code).toBe(code)
      expect((error as OptionsError).message).toMatch(/kiosk/)
    }
    const k = kiosk({ orientation: 'landscape', slideSeconds: 20, theme: { background: '#000000', foreground: '#FFFFFF', accent: '#ffd200' } })
    expect(k.geometry.width).toBe(1920)
    expect(k.options.theme.foreground).toBe('#ffffff')
    expect(k.deliver).toBeUndefined()
  })

  it('escapes Pango markup', () => {
    expect(escapeMarkup('a & <b> "c"')).toBe('a &amp; &lt;b&gt; &quot;c&quot;')
  })
})

describe.each(['portrait', 'landscape'] as const)('slides (%s)', (orientation) => {
  const k = kiosk({ orientation })
  const { disclosures, ctx } = sample({ fallback: true })
  const g = k.geometry

  it('are PNGs of the screen size with no text outside the safe margins', { timeout: T }, async () => {
    for (const d of disclosures) {
      const set = await k.renderSlides(d, ctx)
      expect(set.slides.length).toBeGreaterThanOrEqual(2)
      for (const [i, s] of set.slides.entries()) {
        const meta = await sharp(s.png).metadata()
        expect([meta.format, meta.width, meta.height]).toEqual(['png', g.width, g.height])
        for (const b of s.textBoxes) {
          expect(b.x, `${d.publication.id}-${i + 1}`).toBeGreaterThanOrEqual(g.safe.x)
          expect(b.y).toBeGreaterThanOrEqual(g.safe.y)
          expect(b.x + b.width).toBeLessThanOrEqual(g.safe.x + g.safe.width)
          expect(b.y + b.height).toBeLessThanOrEqual(g.safe.y + g.safe.height)
          // Nothing over the band the player's clock takes.
          const overClock = b.x < g.clock.x + g.clock.width && b.x + b.width > g.clock.x && b.y < g.clock.y + g.clock.height && b.y + b.height > g.clock.y
          expect(overClock).toBe(false)
        }
        // Measured on the pixels too: outside the safe box, only the background colour.
        const { data, width, height } = await pixels(s.png)
        const bg = hex(k.options.theme.background)
        let stray = 0
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            if (x >= g.safe.x && x < g.safe.x + g.safe.width && y >= g.safe.y && y < g.safe.y + g.safe.height) continue
            const o = (y * width + x) * 3
            if (data[o] !== bg[0] || data[o + 1] !== bg[1] || data[o + 2] !== bg[2]) stray++
          }
        }
        expect(stray, `${d.publication.id}-${i + 1}`).toBe(0)
      }
    }
  })

  it('are the same bytes for the same input, paths slides/<id>-<n>.png', { timeout: T }, async () => {
    const d = disclosures[0] as Disclosure
    const a = await k.render(d, ctx)
    const b = await k.render(d, ctx)
    expect(a.map((x) => x.path)).toEqual(a.map((_, i) => `slides/${d.publication.id}-${i + 1}.png`))
    expect(a.every((x, i) => Buffer.compare(Buffer.from(x.data as Uint8Array), Buffer.from(b[i]?.data as Uint8Array)) === 0)).toBe(true)
  })

  it('put a QR code to the web page on the title slide', { timeout: T }, async () => {
    const d = disclosures[0] as Disclosure
    const [title] = (await k.renderSlides(d, ctx)).slides
    const { data, info } = await sharp(title?.png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const qr = jsQR(new Uint8ClampedArray(data), info.width, info.height)
    expect(qr?.data).toBe(`https://www.qingchuan.gov.cn/hbj/gk/p/${d.publication.id}.html`)
  })
})

describe('tables', () => {
  it('repeat the header row on every slide they take', { timeout: T }, async () => {
    const k = kiosk({ orientation: 'landscape' })
    const { disclosures, ctx } = sample()
    const d = disclosures.find((x) => x.publication.id === '2026-hp-012') as Disclosure
    const { slides } = await k.renderSlides(d, ctx)
    expect(slides.length).toBeGreaterThan(3)
    const accent = hex(k.options.theme.accent)
    // The header row is a band in the accent colour across the content width; the slide after the
    // opening paragraph starts with it at the top of the content box.
    const headerRows = async (png: Buffer) => {
      const { data, width } = await pixels(png)
      const g = k.geometry
      let rows = 0
      for (let y = g.content.y; y < g.content.y + g.content.height; y++) {
        const o = (y * width + g.content.x + 4) * 3
        const o2 = (y * width + g.content.x + g.content.width - 6) * 3
        if (data[o] === accent[0] && data[o + 1] === accent[1] && data[o + 2] === accent[2] && data[o2] === accent[0] && data[o2 + 2] === accent[2]) rows++
      }
      return rows
    }
    for (const s of slides.slice(1)) expect(await headerRows(s.png)).toBeGreaterThan(30)
  })
})

describe('glyphs', () => {
  it('reports characters no font has, and uses the configured fallback font', { timeout: T }, async () => {
    const k = kiosk()
    const without = sample()
    await k.render(without.disclosures[0] as Disclosure, without.ctx)
    const missing = without.ctx.diagnostics.find((d) => d.code === 'kiosk/missing-glyph')
    expect(missing?.message).toContain('𠀾')
    expect(missing?.file).toBe('publications/2026-xzcf-007.md')
    expect(missing?.hint).toMatch(/fonts\.fallback/)
    const withFallback = sample({ fallback: true })
    await kiosk().render(withFallback.disclosures[0] as Disclosure, withFallback.ctx)
    expect(withFallback.ctx.diagnostics.filter((d) => d.code === 'kiosk/missing-glyph')).toEqual([])
  })
})

function assembled(artifacts: Artifact[]): { playlist: Playlist; html: string; js: string } {
  const get = (p: string) => String(artifacts.find((a) => a.path === p)?.data)
  return { playlist: JSON.parse(get('playlist.json')) as Playlist, html: get('index.html'), js: get('playlist.js') }
}

describe('playlist and player', () => {
  it('orders by priority then date, with windows from the notice period, config and rules', { timeout: T }, async () => {
    const { disclosures, ctx } = sample({ now: new Date('2026-01-10T02:00:00Z') })
    const k = kiosk({ slideSeconds: 15, showDays: 10, rules: [{ items: ['HB-ZFXX-003'], priority: 5, days: [1, 2, 3, 4, 5], times: [{ from: '22:00', until: '06:00' }], slideSeconds: 8 }] })
    const { playlist, html, js } = assembled((await k.assemble?.(disclosures, ctx)) ?? [])
    expect(playlist.body).toBe('青川县生态环境局')
    expect(playlist.timezone).toBe('Asia/Shanghai')
    expect(playlist.version).toMatch(/^[0-9a-f]{12}$/)
    const order = [...new Set(playlist.slides.map((s) => s.publication))]
    expect(order).toEqual(['2026-jgzn-001', '2026-xzcf-007', '2026-hp-012'])
    const first = playlist.slides[0]
    expect(first).toMatchObject({
      src: 'slides/2026-jgzn-001-1.png',
      durationSeconds: 8,
      priority: 5,
      from: '2026-01-05',
      until: '2026-01-14',
      days: [1, 2, 3, 4, 5],
      times: [{ from: '22:00', until: '06:00' }],
    })
    const xzcf = playlist.slides.find((s) => s.publication === '2026-xzcf-007')
    expect(xzcf).toMatchObject({ from: '2026-11-26', until: '2026-12-03', durationSeconds: 15, priority: 0 })
    expect(xzcf?.days).toBeUndefined()
    // The slide counts match what render makes.
    for (const d of disclosures) {
      const n = (await k.render(d, ctx)).length
      expect(playlist.slides.filter((s) => s.publication === d.publication.id).length).toBe(n)
    }
    expect(js.startsWith(`window.${PLAYLIST_GLOBAL} = {`)).toBe(true)
    // Self-contained: no network address in the player.
    expect(html).not.toMatch(/(src|href)=["']?https?:|url\(["']?https?:|@import/)
    expect(html).toContain('<html lang="zh-CN">')
    // The empty-state screen is an image set with the project's fonts, like the slides.
    const art = (await k.assemble?.(disclosures, ctx))?.find((a) => a.path === 'empty.png')
    const meta = await sharp(art?.data as Uint8Array).metadata()
    expect([meta.width, meta.height]).toEqual([1080, 1920])
    expect(html).toContain('src="empty.png"')
  })

  it('leaves out what has ended or is not yet published', { timeout: T }, async () => {
    const { disclosures, ctx } = sample()
    const { playlist } = assembled((await kiosk().assemble?.(disclosures, ctx)) ?? [])
    expect([...new Set(playlist.slides.map((s) => s.publication))]).toEqual(['2026-xzcf-007', '2026-hp-012'])
  })
})

function deliverContext(over: Partial<DeliverContext> & Pick<DeliverContext, 'assembled'>): DeliverContext & { events: DeliveryEvent[] } {
  const events: DeliveryEvent[] = []
  return { config: sample().config, ledger: createMemoryLedger(), kv: createMemoryKv(), env: {}, now: () => NOW, log: (e) => void events.push(e), events, ...over }
}

/** A release as the hub hands it to deliver: exactly these artifacts' files, held in memory. */
function releaseOf(artifacts: readonly Artifact[]): ReleaseView {
  const bytes = new Map(artifacts.map((a) => [a.path, typeof a.data === 'string' ? Buffer.from(a.data, 'utf8') : Buffer.from(a.data)]))
  const read = (path: string) => {
    const data = bytes.get(path)
    if (data === undefined) throw new Error(`not in the release: ${path}`)
    return data
  }
  return {
    id: '0123456789abcdef',
    manifestHash: 'f'.repeat(64),
    files: artifacts.map((a) => ({
      path: a.path,
      size: read(a.path).length,
      sha256: createHash('sha256').update(read(a.path)).digest('hex'),
      mediaType: a.mediaType,
      publications: a.publication === undefined ? [] : [a.publication],
    })),
    read: async (path) => new Uint8Array(read(path)),
    copyTo: async (path, dest) => {
      mkdirSync(dirname(dest), { recursive: true })
      writeFileSync(dest, read(path))
    },
  }
}

describe('deliver', () => {
  it('replaces the folder atomically and records each publication', { timeout: T }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'gongkai-kiosk-'))
    try {
      const target = join(root, 'kiosk')
      const k = kiosk({ target })
      const { disclosures, ctx } = sample()
      const units = await Promise.all(disclosures.slice(0, 2).map(async (d) => ({ disclosure: d, artifacts: await k.render(d, ctx) })))
      const dc = deliverContext({ assembled: (await k.assemble?.(disclosures, ctx)) ?? [] })
      writeFileSync(join(root, 'marker'), '')
      const receipt = await k.deliver?.(units, dc)
      expect(receipt?.results.map((r) => r.state)).toEqual(['delivered', 'delivered'])
      const playlist = JSON.parse(readFileSync(join(target, 'playlist.json'), 'utf8')) as Playlist
      for (const s of playlist.slides) expect(existsSync(join(target, s.src)), s.src).toBe(true)
      expect(existsSync(join(target, 'index.html'))).toBe(true)
      // A second run with nothing new ships the release again, whole: the slides come from it, and no temporary folder is left.
      const release = releaseOf([...units.flatMap((u) => u.artifacts), ...dc.assembled])
      const again = await k.deliver?.([], { ...dc, release })
      expect(again?.stopped).toBeUndefined()
      for (const s of playlist.slides) expect(existsSync(join(target, s.src)), s.src).toBe(true)
      expect(readdirSync(root).sort()).toEqual(['kiosk', 'marker'])
      // Without a release, only what is handed over goes: the slides already in the folder are not picked up again.
      const bare = deliverContext({ assembled: dc.assembled })
      const alone = await k.deliver?.([], bare)
      expect(alone?.stopped).toBeUndefined()
      expect(existsSync(join(target, 'playlist.json'))).toBe(true)
      for (const s of playlist.slides) expect(existsSync(join(target, s.src)), s.src).toBe(false)
      expect(bare.events.filter((e) => e.code === 'kiosk/slide-missing')).toHaveLength(new Set(playlist.slides.map((s) => s.src)).size)
      // Nor is a file lying in the folder that the release does not hold.
      writeFileSync(join(target, 'stray.png'), 'x')
      await k.deliver?.([], { ...dc, release })
      expect(existsSync(join(target, 'stray.png'))).toBe(false)
      expect(readdirSync(join(target, 'slides')).sort()).toEqual([...new Set(playlist.slides.map((s) => s.src.replace(/^slides\//, '')))].sort())
      const rec = await dc.ledger.get({ publication: '2026-xzcf-007', revision: (disclosures[0] as Disclosure).revision, channel: 'kiosk' })
      expect(rec?.state).toBe('delivered')
      expect(rec?.steps['folder']).toBe(target)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('sends every file to a kiosk host with retries, the playlist last', { timeout: T }, async () => {
    const received: { method: string; path: string; bytes: number; type: string | undefined }[] = []
    let failures = 2
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        if (failures > 0) {
          failures--
          res.writeHead(503).end('busy')
          return
        }
        received.push({ method: req.method ?? '', path: req.url ?? '', bytes: Buffer.concat(chunks).length, type: req.headers['content-type'] })
        res.writeHead(201).end()
      })
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hall/`
      const k = kiosk({ hosts: [{ url }], retries: 3, retryDelayMs: 5 })
      const { disclosures, ctx } = sample()
      const d = disclosures[0] as Disclosure
      const units = [{ disclosure: d, artifacts: await k.render(d, ctx) }]
      const dc = deliverContext({ assembled: (await k.assemble?.([d], ctx)) ?? [] })
      const receipt = await k.deliver?.(units, dc)
      expect(receipt?.results[0]).toMatchObject({ state: 'delivered', url: `${url}index.html` })
      const paths = received.map((r) => r.path)
      expect(paths.slice(-3)).toEqual(['/hall/index.html', '/hall/playlist.js', '/hall/playlist.json'])
      expect(paths.filter((p) => p.startsWith('/hall/slides/')).length).toBe(units[0]?.artifacts.length)
      expect(received.every((r) => r.method === 'PUT' && r.bytes > 0)).toBe(true)
      expect(received.find((r) => r.path.endsWith('.png'))?.type).toBe('image/png')
      const rec = await dc.ledger.get({ publication: d.publication.id, revision: d.revision, channel: 'kiosk' })
      expect(rec?.steps[`host:${url}`]).toBe('ok')
      // Unchanged slides are not sent again, though the release holds them all.
      received.length = 0
      await k.deliver?.([], { ...dc, release: releaseOf([...units.flatMap((u) => u.artifacts), ...dc.assembled]) })
      expect(received.map((r) => r.path)).toEqual(['/hall/index.html', '/hall/playlist.js', '/hall/playlist.json'])
    } finally {
      server.close()
    }
  })

  it('records a failure when the host keeps refusing', { timeout: T }, async () => {
    const server = createServer((_req, res) => res.writeHead(500).end())
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const k = kiosk({ hosts: [{ url }], retries: 1, retryDelayMs: 1 })
      const { disclosures, ctx } = sample()
      const d = disclosures[0] as Disclosure
      const dc = deliverContext({ assembled: (await k.assemble?.([d], ctx)) ?? [] })
      const receipt = await k.deliver?.([{ disclosure: d, artifacts: await k.render(d, ctx) }], dc)
      expect(receipt?.results[0]?.state).toBe('failed')
      expect(receipt?.results[0]?.error?.code).toBe('kiosk/host-failed')
      expect(receipt?.results[0]?.error?.message).toContain('HTTP 500')
      expect((await dc.ledger.get({ publication: d.publication.id, revision: d.revision, channel: 'kiosk' }))?.state).toBe('failed')
    } finally {
      server.close()
    }
  })
})
