/**
 * The example's built site laid out in headless Chromium. The catalog directory: at a desktop
 * width (1280 px) the ten columns fit the window, with no horizontal scroll; at a phone width (390 px)
 * each item is a card whose every field is visible with its label; item codes always on one line.
 * A publication whose body ends with its own signature sets it as GB/T 9704 does. A body table's
 * columns are set as the Markdown aligned them (`--:` numbers right, `:-:` centred).
 * Screenshots go to $TMPDIR/gongkai-e2e-website/ for a person to look at.
 */
import { mkdirSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath, serveStatic } from '../support/browser.js'
import { buildExampleSite } from '../support/example-site.js'
import type { ExampleSite } from '../support/example-site.js'

const [suite, suiteName] = browserSuite('site layout in Chromium')

/** What the page reports of its layout, measured in the browser. */
interface Layout {
  readonly viewport: number
  readonly scrollWidth: number
  readonly wrap: { readonly scrollWidth: number; readonly clientWidth: number; readonly right: number }
  readonly headers: readonly { readonly text: string; readonly left: number; readonly right: number; readonly visible: boolean }[]
  /** Per item: the code's line boxes, and each field with its label, box and whether it has text. */
  readonly rows: readonly {
    readonly code: string
    readonly codeLines: number
    readonly fields: readonly {
      readonly label: string
      readonly shownLabel: string
      readonly text: string
      readonly left: number
      readonly right: number
      readonly top: number
      readonly width: number
      readonly height: number
      readonly display: string
    }[]
  }[]
}

function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const table = document.getElementById('catalog-table') as HTMLTableElement
    const wrap = table.parentElement as HTMLElement
    const box = (e: Element) => e.getBoundingClientRect()
    const headers = [...table.tHead!.rows[0]!.cells].map((c) => ({ text: c.textContent ?? '', left: box(c).left, right: box(c).right, visible: box(c).width > 1 }))
    const rows = [...table.tBodies[0]!.rows]
      .filter((r) => !r.hidden)
      .map((r) => {
        const codeCell = r.querySelector('.code') as HTMLElement
        const range = document.createRange()
        range.selectNodeContents(codeCell)
        // One line box per line of text: a code broken at its hyphens has two or three.
        const lines = new Set([...range.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)))
        return {
          code: codeCell.textContent ?? '',
          codeLines: lines.size,
          fields: [...r.cells].map((c) => {
            const b = box(c)
            const label = getComputedStyle(c, '::before').content
            return {
              label: c.getAttribute('data-label') ?? '',
              shownLabel: label === 'none' || label === 'normal' ? '' : label.replace(/^"|"$/g, ''),
              text: (c.textContent ?? '').trim(),
              left: b.left,
              right: b.right,
              top: b.top,
              width: b.width,
              height: b.height,
              display: getComputedStyle(c).display,
            }
          }),
        }
      })
    return {
      viewport: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      wrap: { scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, right: box(wrap).right },
      headers,
      rows,
    }
  })
}

suite(suiteName, { timeout: 120_000 }, () => {
  let browser: Browser
  let server: Server
  let base: string
  let site: ExampleSite
  const shots = join(tmpdir(), 'gongkai-e2e-website')

  beforeAll(async () => {
    site = await buildExampleSite()
    server = await serveStatic(site.dir)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    mkdirSync(shots, { recursive: true })
    browser = await chromium.launch({ executablePath: chromePath, args: CHROME_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((ok) => (server === undefined ? ok(undefined) : server.close(ok)))
    site?.remove()
  })

  async function open(width: number, height: number, largeText = false, path = 'catalog.html'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } })
    if (largeText) await page.addInitScript(() => localStorage.setItem('gongkai-large-text', '1'))
    await page.goto(base + path, { waitUntil: 'load' })
    return page
  }

  it('shows every column within a 1280 px window, without horizontal scroll, codes on one line', async () => {
    for (const largeText of [false, true]) {
      const page = await open(1280, 900, largeText)
      const l = await measure(page)
      const why = largeText ? 'large text' : 'normal text'
      expect(l.rows.length, why).toBeGreaterThanOrEqual(40)
      expect(l.scrollWidth, why).toBeLessThanOrEqual(l.viewport)
      // The table's own scroller has nothing to scroll: no column sits beyond the window.
      expect(l.wrap.scrollWidth, why).toBeLessThanOrEqual(l.wrap.clientWidth)
      expect(l.headers.map((h) => h.text)).toEqual(['事项编码', '一级事项', '二级事项', '事项名称', '公开依据', '公开内容（要素）', '公开主体', '公开时限', '公开渠道和载体', '情况说明'])
      for (const h of l.headers) {
        expect(h.visible, `${why}: ${h.text}`).toBe(true)
        expect(h.right, `${why}: ${h.text}`).toBeLessThanOrEqual(Math.min(l.viewport, l.wrap.right) + 0.5)
      }
      expect(
        l.rows.filter((r) => r.codeLines !== 1).map((r) => `${r.code}: ${r.codeLines} lines`),
        why,
      ).toEqual([])
      if (!largeText) await page.screenshot({ path: join(shots, 'catalog-1280.png') })
      await page.close()
    }
  })

  it('shows each item as a card at 390 px: no horizontal scroll, every field visible with its label', async () => {
    const page = await open(390, 844)
    const l = await measure(page)
    expect(l.rows.length).toBeGreaterThanOrEqual(40)
    expect(l.scrollWidth).toBeLessThanOrEqual(390)
    const problems: string[] = []
    for (const r of l.rows) {
      if (r.codeLines !== 1) problems.push(`${r.code}: code on ${r.codeLines} lines`)
      for (const f of r.fields) {
        if (f.text === '') continue
        if (f.display === 'none' || f.width < 1 || f.height < 1) problems.push(`${r.code} ${f.label}: not shown`)
        if (f.left < 0 || f.right > 390) problems.push(`${r.code} ${f.label}: outside the window (${Math.round(f.left)}–${Math.round(f.right)} px)`)
        if (f.shownLabel !== f.label) problems.push(`${r.code} ${f.label}: labelled “${f.shownLabel}”`)
      }
      // All ten fields are labelled in the markup, with the column's own header.
      if (r.fields.map((f) => f.label).join('|') !== l.headers.map((h) => h.text).join('|')) problems.push(`${r.code}: labels ${r.fields.map((f) => f.label).join('、')}`)
      // The item's name heads the card.
      const name = r.fields.find((f) => f.label === '事项名称')
      if (name === undefined || r.fields.some((f) => f !== name && f.text !== '' && f.top < name.top + name.height - 0.5)) problems.push(`${r.code}: the name does not head the card`)
    }
    expect(problems).toEqual([])
    await page.screenshot({ path: join(shots, 'catalog-390.png'), fullPage: false })
    // With the larger text for older readers, the cards still fit the phone.
    const large = await open(390, 844, true)
    const big = await measure(large)
    expect(big.scrollWidth).toBeLessThanOrEqual(390)
    expect(big.rows.flatMap((r) => r.fields.filter((f) => f.text !== '' && (f.right > 390 || f.left < 0 || f.width < 1)).map((f) => `${r.code} ${f.label}`))).toEqual([])
    expect(big.rows.filter((r) => r.codeLines !== 1).map((r) => r.code)).toEqual([])
    await large.close()
    // The owner filter hides whole cards.
    const owner = await page.locator('#catalog-table tbody tr').first().getAttribute('data-owner')
    await page.selectOption('#filter-owner', owner ?? '')
    const shown = await page.locator('#catalog-table tbody tr:visible').count()
    expect(shown).toBeLessThan(l.rows.length)
    expect(await page.locator('#catalog-table tbody tr:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-owner')))).toEqual(Array(shown).fill(owner))
    await page.close()
  })

  it('sets a body’s own closing signature right, the date four characters in, the issuing body centred over it', async () => {
    // 2026-xzcf-001 ends with 青川县生态环境局 / 2026年11月9日; 2026-hjxx-002 ends with a paragraph of prose.
    for (const [width, height] of [
      [1280, 900],
      [390, 844],
    ] as const) {
      const page = await open(width, height, false, 'p/2026-xzcf-001.html')
      const m = await page.evaluate(() => {
        const body = document.querySelector('.body') as HTMLElement
        const lines = [...document.querySelectorAll('.body p.signature > span > span')]
        const b = body.getBoundingClientRect()
        const em = parseFloat(getComputedStyle(document.querySelector('.body p.signature') as Element).fontSize)
        return {
          body: { left: b.left, right: b.right },
          em,
          lines: lines.map((l) => ({ text: l.textContent, ...JSON.parse(JSON.stringify(l.getBoundingClientRect())) })) as { text: string; left: number; right: number; top: number }[],
        }
      })
      const [name, date] = m.lines
      expect(m.lines.map((l) => l.text)).toEqual(['青川县生态环境局', '2026年11月9日'])
      if (name === undefined || date === undefined) throw new Error('no signature lines')
      expect(date.top).toBeGreaterThan(name.top)
      // The longer line ends four characters from the right of the text column; both share one centre line.
      expect(Math.max(name.right, date.right)).toBeCloseTo(m.body.right - 4 * m.em, 0)
      expect((name.left + name.right) / 2).toBeCloseTo((date.left + date.right) / 2, 0)
      expect(name.left).toBeGreaterThan((m.body.left + m.body.right) / 2 - (width < 600 ? m.em * 4 : 0))
      if (width === 1280) await page.screenshot({ path: join(shots, 'publication-signature.png'), fullPage: true })
      await page.close()
    }
    const plain = await open(1280, 900, false, 'p/2026-hjxx-002.html')
    expect(await plain.locator('.body p.signature').count()).toBe(0)
    await plain.close()
  })

  it('sets each column of a body table as its Markdown aligned it: numbers right, grades centred', async () => {
    // 2026-hjxx-002's monitoring table: |---|---|---|:-:|--:|--:|--:|:-:|:-:| (river, section, kind; target grade; three readings; grade, verdict).
    const expected = ['left', 'left', 'left', 'center', 'right', 'right', 'right', 'center', 'center']
    const page = await open(1280, 900, false, 'p/2026-hjxx-002.html')
    const rows = await page.evaluate(() =>
      [...(document.querySelector('.body table') as HTMLTableElement).tBodies[0]!.rows].map((row) =>
        [...row.cells].map((cell) => {
          const style = getComputedStyle(cell)
          const box = cell.getBoundingClientRect()
          const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
          const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight)
          const range = document.createRange()
          range.selectNodeContents(cell)
          const text = range.getBoundingClientRect()
          // Where the text sits in the cell's content box: flush left, centred or flush right, within a pixel.
          const at = Math.abs(text.left - left) < 1 ? 'left' : Math.abs(text.right - right) < 1 ? 'right' : Math.abs((text.left + text.right) / 2 - (left + right) / 2) < 1 ? 'center' : 'elsewhere'
          return { text: cell.textContent ?? '', align: style.textAlign, at }
        }),
      ),
    )
    expect(rows.length).toBeGreaterThanOrEqual(4)
    for (const row of rows) {
      expect(
        row.map((c) => c.align),
        row.map((c) => c.text).join(' | '),
      ).toEqual(expected)
      expect(
        row.map((c) => c.at),
        row.map((c) => c.text).join(' | '),
      ).toEqual(expected)
    }
    await page
      .locator('.body table')
      .first()
      .screenshot({ path: join(shots, 'publication-table-aligned.png') })
    await page.close()
  })
})
