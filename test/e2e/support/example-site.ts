/**
 * The example project's website, built in-process as `gongkai build` builds it (through the hub,
 * into a release), at the whole-process tests' instant: for the tests that read the whole site
 * (vnu over every page, the catalog directory's layout in Chromium).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRenderContext, loadProject } from '@gongkai/core'
import type { Project } from '@gongkai/core'
import { buildRelease } from '@gongkai/hub'
import { website } from '@gongkai/website'
import { NOW } from './now.js'

/** examples/county-bureau */
export const EXAMPLE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../examples/county-bureau')

/** A built example site: its folder, the loaded project, and `remove` for afterAll. */
export interface ExampleSite {
  readonly dir: string
  readonly project: Project
  /** Pages as site paths (`index.html`, `p/2026-xzcf-001.html`, …), sorted. */
  readonly pages: readonly string[]
  remove(): void
}

function walk(dir: string, root: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name)
    if (e.isDirectory()) walk(full, root, out)
    else out.push(relative(root, full).split('\\').join('/'))
  }
  return out
}

/** Builds the example's website into a temporary folder; the render cache never goes into the example. */
export async function buildExampleSite(): Promise<ExampleSite> {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-e2e-example-site-'))
  const project = await loadProject(EXAMPLE_DIR)
  const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: EXAMPLE_DIR, now: new Date(NOW) })
  const built = await buildRelease({ channels: [website({ projectDir: EXAMPLE_DIR })], disclosures: project.disclosures, ctx, projectDir: work, outDir: join(work, 'out') })
  if (built.channels['website']?.release === undefined) throw new Error(`example site not built: ${JSON.stringify(built.diagnostics.filter((d) => d.severity === 'error'))}`)
  const dir = join(work, 'out', 'website')
  const pages = walk(dir, dir, [])
    .filter((p) => p.endsWith('.html'))
    .sort()
  return { dir, project, pages, remove: () => rmSync(work, { recursive: true, force: true }) }
}
