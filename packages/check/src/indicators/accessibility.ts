/**
 * 无障碍与适老化: what can be checked on the HTML without a browser (lang, title, heading order, alt
 * text, table headers, the theme colours' contrast), and axe-core in Chromium where it is present.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findAll } from 'domutils'
import type { CheckContext } from '../context.js'
import { finding, pagePlace, pageSource, sourceAt } from '../context.js'
import { contrastRatio, rootColours } from '../contrast.js'
import { attr, elements, lineOf, text } from '../html.js'
import type { Page } from '../html.js'
import type { Site } from '../site.js'
import type { Finding, IndicatorResult } from '../types.js'
import type * as PlaywrightModule from 'playwright-core'

type Playwright = typeof PlaywrightModule
import { INDICATOR_NAMES } from '../types.js'

/** WCAG AA for body text. */
const AA = 4.5

function pageFindings(ctx: CheckContext, site: Site, page: Page): Finding[] {
  const found: Finding[] = []
  const { source, ...who } = pageSource(ctx, page.path)
  // A problem in a publication's page falls to its department, and its fix is made in its file.
  const out = {
    push: (f: Finding) => found.push({ ...f, ...who, ...(source === undefined || f.rule === 'accessibility/lang' || f.rule === 'accessibility/title' ? {} : { fix: `${source}：${f.fix}` }) }),
  }
  const at = (e: Parameters<typeof lineOf>[1], note: string) => {
    const line = lineOf(page, e)
    return pagePlace(ctx, site, page, { ...(line === undefined ? {} : { line }), note })
  }
  const html = elements(page, 'html')[0]
  const lang = html === undefined ? undefined : attr(html, 'lang')
  if (lang === undefined || !/^zh\b/i.test(lang))
    out.push(finding('accessibility/lang', `页面没有声明中文语言（lang=${lang === undefined ? '无' : `“${lang}”`}）`, '页面根元素应为 <html lang="zh-CN">；重新生成网站', pagePlace(ctx, site, page)))
  const title = elements(page, 'title')[0]
  if (title === undefined || text(title) === '') out.push(finding('accessibility/title', '页面没有标题（<title>）', '重新生成网站；自定义模板要写 <title>', pagePlace(ctx, site, page)))
  let previous = 0
  for (const h of findAll((e) => /^h[1-6]$/.test(e.name), page.document.children)) {
    const level = Number(h.name.slice(1))
    if (previous === 0 && level !== 1) out.push(finding('accessibility/heading-order', `页面第一个标题是 h${level}，不是 h1`, '每个页面以一个一级标题开始', at(h, `“${text(h).slice(0, 20)}”`)))
    else if (previous !== 0 && level > previous + 1)
      out.push(
        finding(
          'accessibility/heading-order',
          `标题层级从 h${previous} 跳到 h${level}（“${text(h).slice(0, 20)}”）`,
          `正文中的标题逐级使用：${'#'.repeat(previous + 1)} 之后才能用 ${'#'.repeat(level)}`,
          at(h, `“${text(h).slice(0, 20)}”`),
        ),
      )
    previous = level
  }
  for (const img of elements(page, 'img')) {
    if ((attr(img, 'alt') ?? '').trim() !== '') continue
    // An empty alt is right only for an image marked as decoration; a picture in a publication says something.
    const role = attr(img, 'role')
    if (role === 'presentation' || role === 'none' || attr(img, 'aria-hidden') === 'true') continue
    const src = attr(img, 'src') ?? ''
    const name = src.split('/').pop() ?? ''
    const where = source === undefined ? '' : `在 ${sourceAt(ctx, source, name)} `
    found.push({ ...finding('accessibility/alt', `图片 ${src} 没有替代文字（alt）`, `${where}把图片写成 ![图片说明](…/${name})，说明图片的内容`, at(img, `图片 ${src}`)), ...who })
  }
  for (const table of elements(page, 'table')) {
    if (findAll((e) => e.name === 'th', table.children).length > 0) continue
    out.push(finding('accessibility/table-header', '表格没有表头（<th>）', 'Markdown 表格的第一行是表头：写上每一列的名称', at(table, '表格')))
  }
  return found
}

async function themeFindings(ctx: CheckContext, site: Site): Promise<Finding[]> {
  const out: Finding[] = []
  if (site.kind === 'folder') {
    const css = await readFile(join(site.root, 'static', 'site.css'), 'utf8').catch(() => undefined)
    if (css !== undefined) {
      const colours = rootColours(css)
      for (const name of ['--ink', '--muted', '--link', '--red']) {
        const fg = colours.get(name)
        if (fg === undefined) continue
        for (const [bgName, bg] of [
          ['白色背景', '#ffffff'],
          ['浅色背景 --bg-soft', colours.get('--bg-soft')],
        ] as const) {
          if (bg === undefined) continue
          const ratio = contrastRatio(fg, bg)
          if (ratio !== undefined && ratio < AA)
            out.push(
              finding('accessibility/contrast', `网站配色 ${name}（${fg}）在${bgName}（${bg}）上对比度只有 ${ratio.toFixed(2)}:1（要求至少 ${AA}:1）`, '加深文字颜色或减淡背景', {
                file: `${ctx.builtLabel}/static/site.css`,
                note: name,
              }),
            )
        }
      }
    }
  }
  const theme = ctx.project.config.channels['kiosk']?.['theme'] as Record<string, unknown> | undefined
  if (theme !== undefined && typeof theme['background'] === 'string') {
    for (const [key, need] of [
      ['foreground', AA],
      ['accent', 3],
    ] as const) {
      const fg = theme[key]
      if (typeof fg !== 'string') continue
      const ratio = contrastRatio(fg, theme['background'])
      if (ratio !== undefined && ratio < need)
        out.push(
          finding(
            'accessibility/contrast',
            `办事大厅屏配色 ${key}（${fg}）在背景（${theme['background']}）上对比度只有 ${ratio.toFixed(2)}:1（要求至少 ${need}:1）`,
            `在 gongkai.config.yaml 的 channels.kiosk.theme 中调整 ${key} 或 background`,
            { file: 'gongkai.config.yaml', note: `channels.kiosk.theme.${key}` },
          ),
        )
    }
  }
  return out
}

/** Where Chromium is: `CHROME_PATH`, else Debian's. */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const path = env['CHROME_PATH'] ?? '/usr/bin/chromium'
  return existsSync(path) ? path : undefined
}

interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { readonly target: readonly string[] }[]
}

/**
 * axe-core on a few pages of the built site (home, each column, the first publication, the pages the static checks flagged) in headless
 * Chromium, serious and critical violations only; undefined when playwright-core or axe-core is not installed.
 */
async function axeFindings(ctx: CheckContext, site: Site, chromium: string, flagged: readonly string[]): Promise<Finding[] | undefined> {
  const require = createRequire(import.meta.url)
  let axeSource: string
  let playwright: Playwright
  try {
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
    playwright = await import('playwright-core')
  } catch {
    return undefined
  }
  // A sample of each kind of page, and the pages the static checks flagged (axe says more about them), at most 20.
  const sample = ['index.html', ...ctx.project.config.site.columns.map((c) => `columns/${c.id}.html`), site.pages.find((p) => p.path.startsWith('p/'))?.path, ...flagged]
  const paths = [...new Set(sample)].filter((p): p is string => p !== undefined && site.pages.some((x) => x.path === p)).slice(0, 20)
  const browser = await playwright.chromium.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] })
  const out: Finding[] = []
  try {
    const context = await browser.newContext()
    // Only the site's own files: nothing leaves this machine while the pages are checked.
    await context.route(/^(?!file:)/, (route) => route.abort())
    for (const path of paths) {
      const page = await context.newPage()
      await page.goto(pathToFileURL(join(site.root, path)).href, { waitUntil: 'load' })
      await page.addScriptTag({ content: axeSource })
      // A string, run in the page: this package is compiled without the DOM's types.
      const violations = await page.evaluate<AxeViolation[]>("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)")
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        out.push(
          finding(
            'accessibility/axe',
            `axe：${v.help}（${v.id}，${v.nodes.length} 处）`,
            '按 axe 的说明修改页面或正文',
            pagePlace(ctx, site, path, {
              note: v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join('，'),
            }),
          ),
        )
      await page.close()
    }
  } finally {
    await browser.close()
  }
  return out
}

/** Runs the indicator; `browser` false skips the axe run. */
export async function accessibility(ctx: CheckContext, options: { readonly browser: boolean; readonly env?: Readonly<Record<string, string | undefined>> }): Promise<IndicatorResult> {
  const site = ctx.built ?? ctx.live
  if (site === undefined)
    return { id: 'accessibility', name: INDICATOR_NAMES.accessibility, status: 'skipped', veto: false, summary: '没有生成的网站（先运行 gongkai build），也没有给出 --url', findings: [] }
  const findings: Finding[] = []
  for (const page of site.pages) findings.push(...pageFindings(ctx, site, page))
  findings.push(...(await themeFindings(ctx, site)))
  const parts = [`${site.pages.length} 个页面静态检查（语言、标题、标题层级、替代文字、表头、配色对比度）：${findings.length === 0 ? '未发现问题' : `${findings.length} 处`}`]
  const chromium = options.browser && ctx.built !== undefined ? findChromium(options.env) : undefined
  if (chromium !== undefined && ctx.built !== undefined) {
    const flagged = findings.map((f) => f.place.file?.slice(ctx.builtLabel.length + 1)).filter((p): p is string => p !== undefined && p.endsWith('.html'))
    const axe = await axeFindings(ctx, ctx.built, chromium, flagged)
    if (axe === undefined) parts.push('未运行 axe（没有安装 playwright-core 和 axe-core）')
    else {
      findings.push(...axe)
      parts.push(`axe 在 Chromium 中检查：${axe.length === 0 ? '无严重问题' : `${axe.length} 项严重问题`}`)
    }
  } else parts.push(options.browser ? '未找到 Chromium（CHROME_PATH），未运行 axe' : '未运行 axe（--no-browser）')
  return { id: 'accessibility', name: INDICATOR_NAMES.accessibility, status: findings.length === 0 ? 'pass' : 'fail', veto: false, summary: parts.join('；'), findings }
}
