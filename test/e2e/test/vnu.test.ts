/**
 * The Nu HTML Checker (vnu, the W3C validator) over every page and stylesheet of the example's
 * built site, in one run of the checker: no error and no warning (a table column's alignment is a
 * class, not the obsolete `align` of GFM table cells). Needs Java: under CI a missing `java` or vnu
 * jar fails; elsewhere the suite is skipped and says why.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExampleSite } from '../support/example-site.js'
import type { ExampleSite } from '../support/example-site.js'

const require = createRequire(import.meta.url)

function findJar(): string | undefined {
  try {
    const jar = String(require('vnu-jar') as string)
    return existsSync(jar) ? jar : undefined
  } catch {
    return undefined
  }
}

const jar = findJar()
const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0
const missing = jar === undefined ? 'the vnu-jar package' : !java ? 'Java (java on PATH; Debian: default-jre-headless)' : undefined
if (missing !== undefined && process.env['CI'] === 'true') throw new Error(`CI: ${missing} not found: the Nu HTML Checker cannot run`)
const suite = missing === undefined ? describe : describe.skip
const name = missing === undefined ? 'Nu HTML Checker over the example site' : `Nu HTML Checker over the example site (skipped: ${missing} not found)`

interface VnuMessage {
  readonly type: 'error' | 'info' | 'non-document-error'
  readonly subType?: 'warning' | 'fatal' | 'io' | 'schema' | 'internal'
  readonly url?: string
  readonly lastLine?: number
  readonly message: string
}

suite(name, { timeout: 180_000 }, () => {
  let site: ExampleSite
  let messages: VnuMessage[] = []
  let files: string[] = []

  beforeAll(async () => {
    site = await buildExampleSite()
    files = [...site.pages, 'static/site.css', 'static/print.css'].map((p) => join(site.dir, p))
    // One JVM for every file: starting vnu costs more than checking a page.
    const { stdout, stderr } = await promisify(execFile)('java', ['-Xss4m', '-jar', jar ?? '', '--format', 'json', '--exit-zero-always', '--also-check-css', ...files], { maxBuffer: 64 << 20 })
    const out = (stderr.trim() === '' ? stdout : stderr).trim()
    messages = (JSON.parse(out) as { messages: VnuMessage[] }).messages
  })

  afterAll(() => site?.remove())

  const shown = (m: VnuMessage) => `${(m.url ?? '').slice((m.url ?? '').indexOf('/website/') + 1)}:${m.lastLine ?? 0} ${m.message}`

  it('checks every page of the example site (home, catalog, items, publications, columns, search)', () => {
    expect(site.pages.length).toBeGreaterThanOrEqual(100)
    expect(site.pages).toEqual(expect.arrayContaining(['index.html', 'catalog.html', 'adjustments.html', 'search.html', 'p/2026-xzcf-001.html', 'items/HB-XZCF-001.html', 'columns/standard.html']))
    expect(messages.filter((m) => m.type === 'non-document-error').map(shown)).toEqual([])
  })

  it('finds no error on any page or stylesheet (headings never skip a level)', () => {
    expect(messages.filter((m) => m.type === 'error').map(shown)).toEqual([])
  })

  it('finds no warning on any page or stylesheet (table cells carry no obsolete align)', () => {
    expect(messages.filter((m) => m.type === 'info' && m.subType === 'warning').map(shown)).toEqual([])
  })
})
