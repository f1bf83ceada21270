/**
 * What the browser tests share: finding Debian's Chromium (a missing browser fails under CI, never
 * a silent skip), the flags it needs on a closed network as root, and a static server on 127.0.0.1.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { describe } from 'vitest'

/** Chromium at CHROME_PATH or /usr/bin/chromium, if installed. */
export const chromePath = [process.env['CHROME_PATH'], '/usr/bin/chromium'].find((p) => p !== undefined && p !== '' && existsSync(p))
if (chromePath === undefined && process.env['CI'] === 'true') throw new Error('CI: Chromium not found (set CHROME_PATH or install /usr/bin/chromium)')

/** Without the background-networking flags Chromium keeps dialling out and is refused, many times a second. */
export const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** `describe`, or `describe.skip` with the reason in the suite's name when there is no Chromium. */
export function browserSuite(name: string): [typeof describe | typeof describe.skip, string] {
  return chromePath === undefined ? [describe.skip, `${name} (skipped: no Chromium at CHROME_PATH or /usr/bin/chromium)`] : [describe, name]
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
}

/** Serves a folder on 127.0.0.1 (a free port); `noStore` sends `cache-control: no-store`. */
export function serveStatic(root: string, options: { noStore?: boolean } = {}): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '')
    if (path.endsWith('/')) path += 'index.html'
    const file = join(root, path)
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...(options.noStore === true ? { 'cache-control': 'no-store' } : {}) }).end(readFileSync(file))
  })
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)))
}
