import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { loadProject } from '../src/project/load.js'

const VALID = fileURLToPath(new URL('./fixtures/valid/', import.meta.url))

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-catalog-cache-'))
  dirs.push(dir)
  cpSync(VALID, dir, { recursive: true, filter: (src) => !src.includes('.gongkai') })
  return dir
}

const cacheFile = (dir: string) => join(dir, '.gongkai', 'cache', 'catalog.json')
const catalogFile = (dir: string) => join(dir, 'catalog.yaml')

describe('catalog cache', () => {
  it('gives the same catalog and the same placed diagnostics warm as cold and with the cache off', async () => {
    const dir = makeProject()
    // An unknown field: a warning with its line, which a warm load must give at the same place.
    writeFileSync(catalogFile(dir), readFileSync(catalogFile(dir), 'utf8').replace(/^(\s*)- code: (.*)$/m, '$1- code: $2\n$1  colour: 红'))
    const off = await loadProject(dir, { cache: false })
    expect(existsSync(cacheFile(dir))).toBe(false)
    const cold = await loadProject(dir)
    expect(existsSync(cacheFile(dir))).toBe(true)
    const warm = await loadProject(dir)
    const catalogProblems = (p: typeof off) => p.diagnostics.filter((d) => d.file === 'catalog.yaml')
    expect(catalogProblems(off).length).toBeGreaterThan(0)
    expect(catalogProblems(off)[0]?.line).toBeGreaterThan(1)
    for (const p of [cold, warm]) {
      expect(p.catalog.items).toStrictEqual(off.catalog.items)
      expect(p.catalog.adjustments).toStrictEqual(off.catalog.adjustments)
      expect(catalogProblems(p)).toStrictEqual(catalogProblems(off))
      expect(p.disclosures.map((d) => d.item.code)).toStrictEqual(off.disclosures.map((d) => d.item.code))
    }
    // The warm load took the catalog from the cache, not from the YAML: an entry edited in place shows.
    const entry = JSON.parse(readFileSync(cacheFile(dir), 'utf8')) as { data: { items: { name: string }[] } }
    entry.data.items[0]!.name = '只在缓存里的名称'
    writeFileSync(cacheFile(dir), JSON.stringify(entry))
    expect((await loadProject(dir)).catalog.items[0]?.name).toBe('只在缓存里的名称')
  })

  it('reads a changed catalog again, and ignores a cache file that is broken or not its own', async () => {
    const dir = makeProject()
    await loadProject(dir)
    const before = (await loadProject(dir)).catalog.items[0]!
    writeFileSync(catalogFile(dir), readFileSync(catalogFile(dir), 'utf8').replace(`name: ${before.name}`, 'name: 改过的事项名称'))
    expect((await loadProject(dir)).catalog.items[0]?.name).toBe('改过的事项名称')
    const off = await loadProject(dir, { cache: false })
    for (const junk of ['not json', '{"key":"x","data":{"items":[],"adjustments":[],"usable":true},"diagnostics":[]}', '{"key":1}']) {
      writeFileSync(cacheFile(dir), junk)
      const p = await loadProject(dir)
      expect(p.catalog.items).toStrictEqual(off.catalog.items)
      // Rewritten with the catalog's own entry.
      expect(JSON.parse(readFileSync(cacheFile(dir), 'utf8')).data.items).toHaveLength(off.catalog.items.length)
    }
  })
})
