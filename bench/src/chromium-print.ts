/**
 * The Chromium baseline as a whole process: `node chromium-print.js DIR OUT CHROME` starts headless
 * Chromium, prints every `.html` file in DIR to `OUT/<name>.pdf` from one page, closes it and
 * prints `{"sheets":N,"ms":N}` on stdout.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROME_ARGS } from './types.js'

const [dir, out, executablePath] = process.argv.slice(2)
if (dir === undefined || out === undefined || executablePath === undefined) throw new Error('用法：node chromium-print.js 源目录 输出目录 Chromium路径')
const t0 = performance.now()
mkdirSync(out, { recursive: true })
const browser = await chromium.launch({ executablePath, args: [...CHROME_ARGS] })
let sheets = 0
try {
  const page = await browser.newPage()
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    await page.goto(pathToFileURL(join(dir, name)).href)
    writeFileSync(join(out, name.replace(/\.html$/, '.pdf')), await page.pdf({ preferCSSPageSize: true }))
    sheets++
  }
} finally {
  await browser.close()
}
process.stdout.write(JSON.stringify({ sheets, ms: performance.now() - t0 }))
