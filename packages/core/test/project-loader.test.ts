/** createProjectLoader: a reload after publication files changed re-reads only them, and gives what a full load gives. */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createProjectLoader, loadProject } from '../src/project/load.js'
import type { Project } from '../src/project/load.js'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau/', import.meta.url))
const FILE = 'publications/zfxx/2026-zfxx-007.md'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-loader-'))
  dirs.push(dir)
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes('.gongkai') && !src.endsWith('/out') })
  return dir
}

/** What a project says, without the lazily parsed trees: ids, revisions, bodies, every message. */
const facts = (p: Project) => ({
  publications: p.publications.map((x) => [x.source.file, x.id, x.title, x.body]),
  disclosures: p.disclosures.map((d) => [d.publication.id, d.revision, d.indexNo, d.links.interpretations.map((x) => x.id), d.links.responses.map((x) => x.id)]),
  diagnostics: p.diagnostics,
  requests: p.requests.length,
})

describe('createProjectLoader', () => {
  it('re-reads only the publication file that changed, and the project is the one a full load makes', async () => {
    const dir = makeProject()
    const loader = createProjectLoader(dir)
    const first = await loader.load()
    // Every file, those that give no publication among them.
    expect(loader.reread).toBeGreaterThanOrEqual(first.publications.length)
    writeFileSync(join(dir, FILE), `${readFileSync(join(dir, FILE), 'utf8')}\n补充一句说明。\n`)
    const again = await loader.reload([FILE])
    expect(loader.reread).toBe(1)
    expect(again.disclosures.find((d) => d.publication.id === '2026-zfxx-007')?.publication.body).toContain('补充一句说明。')
    expect(facts(again)).toEqual(facts(await loadProject(dir, { cache: false })))
    // Its tree is the new body's.
    const tree = JSON.stringify(again.disclosures.find((d) => d.publication.id === '2026-zfxx-007')?.tree)
    expect(tree).toContain('补充一句说明。')
  })

  it('follows a file saved by rename, a new file, a removed one and one made invalid, with their messages', async () => {
    const dir = makeProject()
    const loader = createProjectLoader(dir)
    await loader.load()
    // Saved as editors do: a temporary file renamed over the old one.
    writeFileSync(join(dir, `${FILE}.tmp`), readFileSync(join(dir, FILE), 'utf8').replace(/^title: .*$/m, 'title: 改过的标题'))
    renameSync(join(dir, `${FILE}.tmp`), join(dir, FILE))
    const copy = 'publications/zfxx/2026-zfxx-099.md'
    writeFileSync(join(dir, copy), readFileSync(join(dir, FILE), 'utf8').replace(/^id: .*$/m, 'id: 2026-zfxx-099'))
    const gone = 'publications/zfxx/2026-zfxx-001.md'
    unlinkSync(join(dir, gone))
    const broken = 'publications/hjxx/2026-hjxx-001.md'
    writeFileSync(join(dir, broken), readFileSync(join(dir, broken), 'utf8').replace(/^item: .*$/m, 'item: HB-NONE-999'))
    const again = await loader.reload([FILE, copy, gone, broken])
    expect(loader.reread).toBe(3)
    const ids = again.disclosures.map((d) => d.publication.id)
    expect(ids).toContain('2026-zfxx-099')
    expect(ids).not.toContain('2026-zfxx-001')
    expect(ids).not.toContain('2026-hjxx-001')
    expect(again.diagnostics.some((d) => d.file === broken && d.code === 'publication/unknown-item' && d.line !== undefined)).toBe(true)
    expect(facts(again)).toEqual(facts(await loadProject(dir, { cache: false })))
  })

  it('loads everything again when the catalog, the config or a file outside publications/ changed', async () => {
    const dir = makeProject()
    const loader = createProjectLoader(dir)
    await loader.load()
    const files = loader.reread
    writeFileSync(join(dir, 'catalog.yaml'), readFileSync(join(dir, 'catalog.yaml'), 'utf8').replace(/^(\s*)name: (.*)$/m, '$1name: $2（改）'))
    const again = await loader.reload(['catalog.yaml', FILE])
    expect(loader.reread).toBe(files)
    expect(facts(again)).toEqual(facts(await loadProject(dir, { cache: false })))
    await loader.reload(['gongkai.config.yaml'])
    expect(loader.reread).toBe(files)
    await loader.reload(['requests'])
    expect(loader.reread).toBe(files)
    await loader.reload(['publications/zfxx'])
    expect(loader.reread).toBe(files)
  })
})
