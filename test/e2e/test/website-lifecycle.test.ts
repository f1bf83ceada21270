/**
 * Issue 15 on the website, through the hub and the CLI: a correction of a release re-renders its
 * interpretation and response and nothing else besides the lists (renders counted through the
 * render cache); withdrawals and corrections made with `gongkai withdraw` / `gongkai correct`,
 * built, pushed to a target folder and verified with `gongkai verify` after each change, a removed
 * page's attachment gone from the target.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRenderContext } from '@gongkai/core'
import type { AssemblePart, Channel, Publication } from '@gongkai/core'
import { buildRelease } from '@gongkai/hub'
import { website } from '@gongkai/website'
import { afterAll, describe, expect, it } from 'vitest'
import { catalog, config, fixtureDisclosures, NOW, publications } from '../../../packages/website/test/fixtures/small.js'
import { makeProject } from '../../../packages/website/test/helpers.js'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const temps: string[] = []
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})

/** The website channel with every publication render and every assemble part render recorded (by id, by the paths it made). */
function counted(): { channel: Channel; pages: string[]; parts: string[][] } {
  const inner = website()
  const pages: string[] = []
  const parts: string[][] = []
  const channel: Channel = {
    ...inner,
    async render(d, ctx) {
      pages.push(d.publication.id)
      return inner.render(d, ctx)
    },
    assembleParts(all, ctx, summaries) {
      return inner.assembleParts!(all, ctx, summaries).map((part): AssemblePart => ({
        key: part.key,
        async render(partCtx) {
          const artifacts = await part.render(partCtx)
          parts.push(artifacts.map((a) => a.path))
          return artifacts
        },
      }))
    },
  }
  return { channel, pages, parts }
}

describe('render cache: a correction of a release', () => {
  it('re-renders the release, its interpretation and its response, and besides them only the lists', async () => {
    const projectDir = makeProject()
    temps.push(projectDir)
    const build = async (list: readonly Publication[]) => {
      const c = counted()
      const disclosures = fixtureDisclosures(list)
      const ctx = createRenderContext({ config, catalog, all: disclosures, now: NOW, projectDir })
      const summary = await buildRelease({ channels: [c.channel], disclosures, ctx, projectDir, outDir: join(projectDir, 'out') })
      expect(summary.channels['website']?.release).toBeDefined()
      return {
        pages: [...c.pages].sort(),
        parts: c.parts.map((p) => (p.includes('index.html') ? 'lists' : p.some((x) => x.startsWith('search/')) ? 'search' : p.length === 1 ? p[0] : 'other')).sort(),
      }
    }
    // A later revision of 2026-hj-001, there from the start (a new publication takes a 索引号 serial and so re-numbers others).
    const target = {
      ...publications.find((p) => p.id === '2026-hj-001')!,
      id: '2026-hj-009',
      title: '2026年3月环境空气质量状况（修订）',
      source: { file: 'publications/2026-hj-009.md', bodyLine: 10 },
    }
    const start = [...publications, target]
    const first = await build(start)
    expect(first.pages.length).toBe(start.filter((p) => p.review !== undefined).length)
    // Nothing changed: nothing renders.
    expect(await build(start)).toEqual({ pages: [], parts: [] })

    const corrected = start.map((p) => (p.id === '2026-zc-001' ? { ...p, corrections: [{ on: '2026-04-15', note: '更正了表格中的目标值' }] } : p))
    const again = await build(corrected)
    expect(again.pages).toEqual(['2026-hy-001', '2026-jd-001', '2026-zc-001'])
    // The lists (home, directory, columns, feed, sitemap) and the release's item page: nothing else. The search
    // index is kept: it is keyed by its records, and a correction note changes none of them.
    expect(again.parts).toEqual(['items/HB-ZFXX-001.html', 'lists'])
    const page = readFileSync(join(projectDir, 'out/website/p/2026-jd-001.html'), 'utf8')
    expect(page).toContain('（已更正，2026年4月15日）')

    // Withdrawing the response (notice) re-renders it and the release that lists it, not the interpretation.
    const withdrawn = corrected.map((p) => (p.id === '2026-hy-001' ? { ...p, withdrawn: { on: '2026-04-18', reason: '回应内容已过时', mode: 'notice' as const } } : p))
    expect((await build(withdrawn)).pages).toEqual(['2026-hy-001', '2026-zc-001'])

    // A redirect: the old page and its target re-render (each shows the other), nothing else of the publications.
    const redirected = withdrawn.map((p) => (p.id === '2026-hj-001' ? { ...p, withdrawn: { on: '2026-04-19', reason: '以修订版为准', mode: 'redirect' as const, to: '2026-hj-009' } } : p))
    expect((await build(redirected)).pages).toEqual(['2026-hj-001', '2026-hj-009'])
    // The target's title changes: the redirect page, which shows it, renders again.
    const renamed = redirected.map((p) => (p.id === '2026-hj-009' ? { ...p, title: '2026年3月环境空气质量状况（修订版）' } : p))
    expect((await build(renamed)).pages).toEqual(['2026-hj-001', '2026-hj-009'])
  }, 60_000)

  it('an expiry reached re-renders the page on that day without an edit', async () => {
    const projectDir = makeProject()
    temps.push(projectDir)
    const list = publications.map((p) => (p.id === '2026-hp-003' ? { ...p, expires: '2026-04-21' } : p))
    const build = async (now: Date) => {
      const c = counted()
      const disclosures = fixtureDisclosures(list)
      const ctx = createRenderContext({ config, catalog, all: disclosures, now, projectDir })
      await buildRelease({ channels: [c.channel], disclosures, ctx, projectDir, outDir: join(projectDir, 'out') })
      return [...c.pages].sort()
    }
    await build(NOW)
    expect(await build(new Date('2026-04-20T12:00:00Z'))).toEqual([])
    expect(await build(new Date('2026-04-20T16:00:00Z'))).toEqual(['2026-hp-003'])
    expect(readFileSync(join(projectDir, 'out/website/p/2026-hp-003.html'), 'utf8')).toContain('<dt>有效性</dt><dd><span class="validity validity-ended">失效</span>（2026年4月21日起）</dd>')
  }, 60_000)
})

function gongkai(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true', ...NOW_ENV } })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => done({ code, out, err }))
  })
}

describe('gongkai withdraw / correct → build → push → verify, on the example', () => {
  it('verify passes after each change; a removed page is the short page and its attachment is gone from the target', async () => {
    const base = mkdtempSync(join(tmpdir(), 'gongkai-web-lifecycle-'))
    temps.push(base)
    const dir = join(base, 'bureau')
    const target = join(base, 'www', 'gk')
    cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !/\/(out|\.gongkai)(\/|$)/.test(src.slice(root.length)) })
    const configText = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    const patched = configText.replace('  website: {}\n', `  website:\n    target: ${target}\n`)
    expect(patched).not.toBe(configText)
    writeFileSync(join(dir, 'gongkai.config.yaml'), patched)

    const ship = async () => {
      for (const args of [
        ['build', dir, '--channel', 'website'],
        ['push', dir, '--channel', 'website'],
        ['verify', dir],
      ]) {
        const r = await gongkai(args)
        expect(r.code, `${args.join(' ')}\n${r.out}${r.err}`).toBe(0)
      }
    }
    const page = (id: string) => readFileSync(join(target, 'p', `${id}.html`), 'utf8')
    await ship()
    expect(existsSync(join(target, 'assets/2026/zfxx-005-budget.pdf'))).toBe(true)

    const w = await gongkai(['withdraw', dir, '2026-zfxx-005', '--reason', '预算表中误含个人信息，已撤下', '--mode', 'remove'])
    expect(w.code, w.err).toBe(0)
    await ship()
    expect(page('2026-zfxx-005')).toContain('本文件已于2026年11月30日撤回。撤回原因：预算表中误含个人信息，已撤下')
    expect(page('2026-zfxx-005')).toContain('<meta name="robots" content="noindex">')
    expect(existsSync(join(target, 'assets/2026/zfxx-005-budget.pdf'))).toBe(false)
    expect(readFileSync(join(target, 'sitemap.xml'), 'utf8')).not.toContain('2026-zfxx-005')

    const c = await gongkai(['correct', dir, '2026-zfxx-006', '--note', '决算表第3行金额更正为12.6万元'])
    expect(c.code, c.err).toBe(0)
    await ship()
    expect(page('2026-zfxx-006')).toContain('<li><time datetime="2026-11-30">2026年11月30日</time>：决算表第3行金额更正为12.6万元</li>')

    const r = await gongkai(['withdraw', dir, '2026-hjxx-002', '--reason', '已并入10月月报', '--mode', 'redirect', '--to', '2026-hjxx-001'])
    expect(r.code, r.err).toBe(0)
    await ship()
    expect(page('2026-hjxx-002')).toContain('<meta http-equiv="refresh" content="0; url=../p/2026-hjxx-001.html">')
    expect(page('2026-hjxx-001')).toContain('本文件替代已于2026年11月30日撤回的《青川县2026年9月环境质量月报》。')
  }, 240_000)
})
