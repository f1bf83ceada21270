/**
 * The WeChat article in headless Chromium at a phone's width (375 px, the platform's 16 px margins):
 * each bold label of the example's penalty decision shares its line with the start of its value and
 * keeps its natural width (not spread out by justification as `统 一 社 会 信 用 代 码 ：`); a body's own
 * closing signature is set right, the issuing body centred over the date.
 * A screenshot goes to $TMPDIR/gongkai-e2e-website/ for a person to look at.
 */
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRenderContext, loadProject } from '@gongkai/core'
import { wechat } from '@gongkai/wechat'
import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { browserSuite, CHROME_ARGS, chromePath } from '../support/browser.js'
import { EXAMPLE_DIR } from '../support/example-site.js'
import { NOW } from '../support/now.js'

// A list item's paragraph: the hanging indent that holds its marker (the editor keeps inline styles only).
const LIST_ITEM = 'text-indent:-1.5em;'
// Wider than this between two characters on one line is letter-spacing a reader sees (the theme's own 0.5 px is in both measures).
const MAX_GAP_EM = 0.3

const [suite, suiteName] = browserSuite('WeChat article in Chromium at 375 px')

suite(suiteName, { timeout: 120_000 }, () => {
  let browser: Browser
  const articles = new Map<string, string>()
  const withLists = new Map<string, string>()
  const shots = join(tmpdir(), 'gongkai-e2e-website')

  beforeAll(async () => {
    const project = await loadProject(EXAMPLE_DIR, { workers: false })
    const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: EXAMPLE_DIR, now: new Date(NOW) })
    const channel = wechat(project.config.channels['wechat'] ?? {})
    for (const d of project.disclosures) {
      const article = (await channel.render(d, ctx)).find((a) => a.path.endsWith('/article.html'))
      const html = String(article?.data)
      if (['2026-xzcf-001', '2026-xzcf-004', '2026-hjxx-006'].includes(d.publication.id)) articles.set(d.publication.id, html)
      if (html.includes(LIST_ITEM)) withLists.set(d.publication.id, html)
    }
    if (!articles.has('2026-xzcf-001')) throw new Error('example: no 2026-xzcf-001')
    mkdirSync(shots, { recursive: true })
    browser = await chromium.launch({ executablePath: chromePath, args: CHROME_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
  })

  function open(html: string) {
    return browser.newPage({ viewport: { width: 375, height: 800 } }).then(async (page) => {
      await page.setContent(
        `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="margin:0;padding:0 16px">${html}</body></html>`,
      )
      return page
    })
  }

  it('never letter-spaces a line of a list item', async () => {
    let items = 0
    let lines = 0
    const spread: string[] = []
    for (const [id, html] of withLists) {
      const page = await open(html)
      const found = await page.evaluate((selector) => {
        // Each character's left edge, in the item as set and in a copy on one unjustified line: the difference between two neighbours on one line is what justification added.
        const lefts = (root: Element): { ch: string; left: number; top: number }[] => {
          const out: { ch: string; left: number; top: number }[] = []
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
            const text = node.textContent ?? ''
            for (let i = 0; i < text.length; i++) {
              const range = document.createRange()
              range.setStart(node, i)
              range.setEnd(node, i + 1)
              const rect = range.getClientRects()[0]
              if (rect !== undefined && text[i]?.trim() !== '') out.push({ ch: text[i] ?? '', left: rect.left, top: rect.top })
            }
          }
          return out
        }
        const out: { text: string; line: string; gap: number; lines: number }[] = []
        for (const item of document.querySelectorAll(`p[style*="${selector}"]`)) {
          const em = parseFloat(getComputedStyle(item).fontSize)
          const copy = item.cloneNode(true) as HTMLElement
          copy.style.cssText += ';position:absolute;left:0;top:0;width:max-content;white-space:nowrap;text-align:left;'
          item.parentElement?.appendChild(copy)
          const set = lefts(item)
          const natural = lefts(copy)
          copy.remove()
          if (set.length !== natural.length) throw new Error(`${item.textContent}: ${set.length} characters set, ${natural.length} on one line`)
          let widest = { line: '', gap: 0 }
          let line = { text: set[0]?.ch ?? '', gap: 0 }
          let count = 1
          for (let i = 0; i + 1 < set.length; i++) {
            const a = set[i] as { ch: string; left: number; top: number }
            const b = set[i + 1] as { ch: string; left: number; top: number }
            if (Math.abs(b.top - a.top) > 2) {
              if (line.gap > widest.gap) widest = { line: line.text, gap: line.gap }
              line = { text: b.ch, gap: 0 }
              count += 1
              continue
            }
            line.text += b.ch
            line.gap = Math.max(line.gap, (b.left - a.left - ((natural[i + 1]?.left ?? 0) - (natural[i]?.left ?? 0))) / em)
          }
          if (line.gap > widest.gap) widest = { line: line.text, gap: line.gap }
          out.push({ text: item.textContent ?? '', line: widest.line, gap: widest.gap, lines: count })
        }
        return out
      }, LIST_ITEM)
      spread.push(...found.filter((f) => f.gap >= MAX_GAP_EM).map((f) => `${id} «${f.line}» spread ${f.gap.toFixed(2)} em between two characters`))
      items += found.length
      lines += found.reduce((n, f) => n + f.lines, 0)
      if (id === '2026-xzcf-001') {
        await page.locator(`p[style*="${LIST_ITEM}"]`).nth(1).scrollIntoViewIfNeeded()
        await page.screenshot({ path: join(shots, 'wechat-article-list-375.png') })
      }
      await page.close()
    }
    expect(spread).toEqual([])
    // The example's lists, several of them over more than one line at this width.
    expect(withLists.has('2026-xzcf-001')).toBe(true)
    expect(lines).toBeGreaterThan(items)
  })

  it('keeps each label on the line of its value, at its natural width', async () => {
    let labels = 0
    for (const [id, html] of articles) {
      const page = await open(html)
      const found = await page.evaluate(() => {
        const out: { label: string; labelTop: number; valueTop: number; width: number; natural: number }[] = []
        for (const strong of document.querySelectorAll('p > strong')) {
          const label = strong.textContent ?? ''
          // A label is bold text followed by its colon: `**地址**：…`.
          const next = strong.nextSibling
          if (next?.nodeType !== Node.TEXT_NODE || !/^\s*[：:]/.test(next.textContent ?? '')) continue
          const text = next.textContent ?? ''
          const start = text.search(/[^\s：:]/)
          if (start < 0) continue
          const value = document.createRange()
          value.setStart(next, start)
          value.setEnd(next, start + 1)
          const labelBox = strong.getClientRects()[0] as DOMRect
          const probe = document.createElement('strong')
          probe.textContent = label
          probe.style.whiteSpace = 'nowrap'
          strong.parentElement?.appendChild(probe)
          const natural = probe.getBoundingClientRect().width
          probe.remove()
          out.push({ label, labelTop: labelBox.top, valueTop: (value.getClientRects()[0] as DOMRect).top, width: strong.getBoundingClientRect().width, natural })
        }
        return out
      })
      for (const f of found) {
        expect(Math.abs(f.valueTop - f.labelTop), `${id} ${f.label}: its value starts on another line`).toBeLessThan(2)
        expect(f.width, `${id} ${f.label}: spread to ${Math.round(f.width)} px from ${Math.round(f.natural)} px`).toBeLessThan(f.natural + 2)
      }
      labels += found.length
      if (id === '2026-xzcf-001') {
        expect(found.map((f) => f.label)).toEqual(expect.arrayContaining(['当事人', '统一社会信用代码', '法定代表人', '地址']))
        await page.screenshot({ path: join(shots, 'wechat-article-375.png') })
      }
      await page.close()
    }
    expect(labels).toBeGreaterThanOrEqual(8)
  })

  it('sets the body’s own signature right, four characters in, the issuing body centred over the date', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } })
    await page.setContent(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="margin:0;padding:0 16px">${articles.get('2026-xzcf-001') ?? ''}</body></html>`)
    const m = await page.evaluate(() => {
      const span = [...document.querySelectorAll('p > span')].find((s) => s.textContent?.startsWith('青川县生态环境局')) as HTMLElement
      const lines = [...span.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => {
          const r = document.createRange()
          r.selectNodeContents(n)
          const b = r.getBoundingClientRect()
          return { text: n.textContent ?? '', left: b.left, right: b.right }
        })
      const em = parseFloat(getComputedStyle(span).fontSize)
      return { lines, em, right: (document.querySelector('section') as HTMLElement).getBoundingClientRect().right }
    })
    expect(m.lines.map((l) => l.text)).toEqual(['青川县生态环境局', '2026年11月9日'])
    const [name, date] = m.lines
    if (name === undefined || date === undefined) throw new Error('no signature')
    expect(Math.max(name.right, date.right)).toBeCloseTo(m.right - 4 * m.em, 0)
    expect((name.left + name.right) / 2).toBeCloseTo((date.left + date.right) / 2, 0)
    await page.close()
  })
})
