/**
 * Search rows: the bytes a visitor's browser fetches for one Chinese query on the search page, and
 * the time to build the search index (the website channel's `searchIndex`), at two sizes.
 *
 * The larger size is made from the corpus's own publications: each is cloned with a new id, title
 * number and 索引号 and keeps its parsed body, so the indexed text (title, item, 索引号, the body's
 * first 120 characters) has the corpus's distribution while nothing is re-parsed or written to disk.
 * The bytes are counted in Chromium from the moment search.html is requested until the answer is
 * shown (HTML, CSS, scripts, the index's header, shards and records; a fresh browser for each size).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { createRenderContext } from '@gongkai/core'
import type { Artifact, Disclosure } from '@gongkai/core'
import { website } from '@gongkai/website'
import { CHROME_ARGS } from '../types.js'
import type { BenchContext, BenchRow } from '../types.js'

const QUERY = '大气污染'
const TARGET_BYTES = 300 * 1024

/** The corpus grown (or cut) to `count` publications, as described above. */
function scaled(all: readonly Disclosure[], count: number): Disclosure[] {
  const out: Disclosure[] = []
  for (let i = 0; i < count; i++) {
    const d = all[i % all.length] as Disclosure
    if (i < all.length) {
      out.push(d)
      continue
    }
    const id = `s${String(i + 1).padStart(7, '0')}`
    out.push({ ...d, publication: { ...d.publication, id, title: d.publication.title.replace(/第\d+号/, `第${i + 1}号`) }, indexNo: d.indexNo.replace(/-\d+$/, `-${String(i + 1).padStart(6, '0')}`) })
  }
  return out
}

function write(dir: string, artifacts: readonly Artifact[]): void {
  for (const a of artifacts) {
    const path = join(dir, a.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, a.data)
  }
}

/** Serves a folder on 127.0.0.1, counting nothing: the browser counts what it received. */
function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', json: 'application/json' }
  const server = createServer((req, res) => {
    const path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname))
    try {
      const body = readFileSync(path)
      res.writeHead(200, { 'content-type': types[/\.([a-z]+)$/.exec(path)?.[1] ?? ''] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((done) => server.close(() => done())) })),
  )
}

/** Bytes the search page fetches to answer QUERY, and what the page then said. */
async function measureQuery(chromium: string, dir: string): Promise<{ bytes: number; search: number; requests: number; status: string }> {
  const { chromium: browserType } = await import('playwright-core')
  const server = await serve(dir)
  const browser = await browserType.launch({ executablePath: chromium, args: [...CHROME_ARGS] })
  try {
    const page = await browser.newPage()
    const sizes: Promise<{ path: string; bytes: number }>[] = []
    page.on('response', (r) => sizes.push(r.body().then((b) => ({ path: new URL(r.url()).pathname, bytes: b.length }))))
    await page.goto(`${server.url}search.html?q=${encodeURIComponent(QUERY)}`)
    // A string: this package is compiled without the DOM's types.
    await page.waitForFunction("/找到/.test(document.getElementById('search-status')?.textContent ?? '')", undefined, { timeout: 120_000 })
    await page.waitForLoadState('networkidle')
    const status = (await page.locator('#search-status').textContent()) ?? ''
    const all = await Promise.all(sizes)
    return {
      bytes: all.reduce((n, s) => n + s.bytes, 0),
      search: all.filter((s) => s.path.startsWith('/search/')).reduce((n, s) => n + s.bytes, 0),
      requests: all.length,
      status,
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

/** Builds the index at each size, serves the site's search page with it and queries it in Chromium. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const { corpus } = ctx
  const sizes = ctx.quick ? [1_000, 10_000] : [10_000, 100_000]
  const rows: BenchRow[] = []
  const ch = website({})
  const page = createRenderContext({ config: corpus.config, catalog: corpus.catalog, all: corpus.disclosures, projectDir: corpus.projectDir })
  // The search page and its scripts, from the site as assemble makes it (the corpus as it is).
  const shell = (await ch.assemble?.(corpus.disclosures, page)) ?? []
  const pageFiles = shell.filter((a) => a.path === 'search.html' || a.path.startsWith('static/'))
  for (const n of sizes) {
    const all = scaled(corpus.disclosures, n)
    const rctx = createRenderContext({ config: corpus.config, catalog: corpus.catalog, all, projectDir: corpus.projectDir })
    ctx.log(`search index, ${n} publications`)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    // A fresh channel: nothing reused from an earlier bundle.
    const bundle = await website({}).searchIndex(all, rctx)
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const dir = join(ctx.workDir, `site-${n}`)
    write(dir, [...pageFiles, ...bundle])
    const bundleBytes = bundle.reduce((s, a) => s + (typeof a.data === 'string' ? Buffer.byteLength(a.data) : a.data.byteLength), 0)
    const head = JSON.parse(new TextDecoder().decode(bundle.find((a) => a.path === 'search/head.json')?.data as Uint8Array)) as { shards: number }
    rows.push({
      group: 'search',
      name: `build the search index, ${n} publications (in-process)`,
      value: seconds,
      unit: 's',
      note: `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU (the wall time waits for a shared machine's cores); list entries included. ${bundle.length} files (${head.shards} shards of character pairs, ${Math.ceil(n / 8)} record chunks), ${(bundleBytes / 1e6).toFixed(1)} MB in all; this process peaked at ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (corpus included).`,
    })
    if (ctx.chromium === undefined) {
      ctx.log('no Chromium: the bytes-per-query row is skipped')
      rows.push({
        group: 'search',
        name: `bytes for one Chinese query, ${n} publications`,
        value: Number.NaN,
        unit: 'KB',
        target: '≤ 300 KB',
        note: 'skipped: no Chromium at CHROME_PATH or /usr/bin/chromium',
      })
      continue
    }
    const q = await measureQuery(ctx.chromium, dir)
    rows.push({
      group: 'search',
      name: `bytes for one Chinese query (${QUERY}), ${n} publications`,
      value: q.bytes / 1024,
      unit: 'KB',
      baseline: { name: 'search-index.json (before)', value: (n * 500) / 1024 },
      ratio: q.bytes / (n * 500),
      target: '≤ 300 KB',
      pass: q.bytes <= TARGET_BYTES,
      note: `${q.requests} requests from opening search.html?q=${QUERY} to the answer, ${(q.search / 1024).toFixed(0)} KB of them the index's (head, the query's shards, the records shown); page said “${q.status}”. Baseline: the old search-index.json, which every visitor fetched first, at the 5.0 MB per 10,000 publications measured before.`,
    })
  }
  return rows
}
