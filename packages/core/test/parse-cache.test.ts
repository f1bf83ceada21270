import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { parserVersion } from '../src/cache/parse-cache.js'
import { shiftPositions } from '../src/markdown.js'
import { loadProject } from '../src/project/load.js'
import type { Project } from '../src/project/load.js'

const VALID = fileURLToPath(new URL('./fixtures/valid/', import.meta.url))

/** A body that exercises every node type the cache must carry, and both Markdown warnings. */
const RICH = `## 一、基本情况

正文有**加粗**、*强调*、~~删除~~和\`代码\`，还有[链接](https://www.example.gov.cn/a "标题")、<https://www.example.gov.cn/b>
和![图片](assets/a.png)。硬换行在这里\\
下一行。[^1]

<div>不允许的 HTML</div>

[危险链接](javascript:alert(1)) 与 [引用][ref]。

| 监测点位 | 浓度 | 优良 |
| :--- | ---: | :---: |
| 点位1 | 28 | 是 |

- [x] 已完成
- [ ] 未完成

1. 第一项
2. 第二项

> 引用一段话。

\`\`\`text
代码块
\`\`\`

---

[ref]: https://www.example.gov.cn/ref "参考"
[^1]: 脚注内容。
`

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A fresh project folder: the valid fixture plus publications with rich bodies. */
function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-parse-cache-'))
  dirs.push(dir)
  cpSync(VALID, dir, { recursive: true, filter: (src) => !src.includes('.gongkai') })
  const front = (id: string, extra: string[] = []) =>
    ['---', `id: ${id}`, 'item: HB-ZFXX-003', `title: 测试${id}`, 'kind: release', 'stage: result', 'formed: 2026-02-10', ...extra, '---', ''].join('\n')
  writeFileSync(join(dir, 'publications', 'rich-a.md'), `${front('rich-a')}\n${RICH}`)
  // The same body again, lower in its file: same cache entry, diagnostics on other lines.
  writeFileSync(join(dir, 'publications', 'rich-b.md'), `${front('rich-b', ['summary: 摘要', 'tags: [甲, 乙]', 'docNumber: 测环〔2026〕1号'])}\n${RICH}`)
  writeFileSync(join(dir, 'publications', 'plain.md'), `${front('plain')}\n第一段。\n\n<span>行内 HTML</span>\n`)
  return dir
}

const cacheDir = (dir: string) => join(dir, '.gongkai', 'parse-cache')
const shards = (dir: string) =>
  readdirSync(cacheDir(dir))
    .filter((f) => f.endsWith('.json'))
    .sort()

/** The parts of a project a cache could change: trees, diagnostics with their places, publications. */
const essence = (p: Project) => ({
  disclosures: p.disclosures,
  diagnostics: p.diagnostics,
  publications: p.publications,
})

/** Reads one shard file: its entries by key. */
function readShard(file: string): Record<string, { t: unknown; d: unknown[] }> {
  const text = readFileSync(file, 'utf8')
  const [head, ...rest] = text.split('\n')
  const payload = rest.join('\n')
  const [format, version, bytes, sha] = (head ?? '').split(' ')
  expect(format).toBe('gongkai-parse-cache/1')
  expect(version).toBe(parserVersion())
  expect(Number(bytes)).toBe(Buffer.byteLength(payload))
  expect(sha).toBe(createHash('sha256').update(payload).digest('hex'))
  return JSON.parse(payload) as Record<string, { t: unknown; d: unknown[] }>
}

/** Writes a shard back with a header that checks out. */
function writeShard(file: string, entries: unknown): void {
  const payload = JSON.stringify(entries)
  const sha = createHash('sha256').update(payload).digest('hex')
  writeFileSync(file, `gongkai-parse-cache/1 ${parserVersion()} ${Buffer.byteLength(payload)} ${sha}\n${payload}`)
}

describe('parse cache', () => {
  it('gives the same disclosures and diagnostics (same places) cold, warm and with the cache off', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    expect(existsSync(join(dir, '.gongkai'))).toBe(false)
    const cold = await loadProject(dir)
    // 7 publications, 6 different bodies (rich-a and rich-b share theirs).
    const entries = shards(dir).flatMap((f) => Object.keys(readShard(join(cacheDir(dir), f))))
    expect(entries).toHaveLength(6)
    const warm = await loadProject(dir)
    expect(essence(cold)).toStrictEqual(essence(off))
    expect(essence(warm)).toStrictEqual(essence(off))

    // The warnings were found in the body, and keep their file lines when they come from the cache.
    const where = (p: Project) => p.diagnostics.filter((d) => d.code.startsWith('markdown/')).map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.subject}`)
    expect(where(warm)).toEqual([
      'publications/plain.md:12:1 markdown/raw-html plain',
      'publications/plain.md:12:14 markdown/raw-html plain',
      'publications/rich-a.md:16:1 markdown/raw-html rich-a',
      'publications/rich-a.md:18:1 markdown/unsafe-url rich-a',
      'publications/rich-b.md:19:1 markdown/raw-html rich-b',
      'publications/rich-b.md:21:1 markdown/unsafe-url rich-b',
    ])
    // Two files with one body still get two trees, as two parses would.
    const a = warm.disclosures.find((d) => d.publication.id === 'rich-a')
    const b = warm.disclosures.find((d) => d.publication.id === 'rich-b')
    expect(a?.tree).not.toBe(b?.tree)
    // Positions are each file's own lines: rich-b's body starts three lines lower.
    const lowered = structuredClone(a?.tree)
    if (lowered !== undefined) shiftPositions(lowered, 3)
    expect(b?.tree).toStrictEqual(lowered)
    expect(b?.tree.children[0]?.position?.start.line).toBe(13)
    const types = new Set<string>()
    const walk = (n: { type: string; children?: unknown[] }) => {
      types.add(n.type)
      for (const c of n.children ?? []) walk(c as { type: string })
    }
    if (a !== undefined) walk(a.tree)
    expect([...types].sort()).toEqual(
      [
        'blockquote',
        'break',
        'code',
        'definition',
        'delete',
        'emphasis',
        'footnoteDefinition',
        'footnoteReference',
        'heading',
        'image',
        'inlineCode',
        'link',
        'linkReference',
        'list',
        'listItem',
        'paragraph',
        'root',
        'strong',
        'table',
        'tableCell',
        'tableRow',
        'text',
        'thematicBreak',
      ].sort(),
    )
  })

  it('really reads the tree from the cache on the next load', async () => {
    const dir = makeProject()
    await loadProject(dir)
    // Change one text in a cache entry (with a valid header): the next load must show it.
    let changed = 0
    for (const f of shards(dir)) {
      const file = join(cacheDir(dir), f)
      const entries = readShard(file)
      const text = JSON.stringify(entries)
      if (!text.includes('审批结果。')) continue
      writeShard(file, JSON.parse(text.replace('审批结果。', '缓存里的文字。')))
      changed++
    }
    expect(changed).toBe(1)
    const p = await loadProject(dir)
    const d = p.disclosures.find((x) => x.publication.id === '2026-xk-001')
    expect(JSON.stringify(d?.tree)).toContain('缓存里的文字。')
  })

  it('ignores a corrupt, truncated or foreign cache file and rewrites it', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    await loadProject(dir)
    const files = shards(dir)
    expect(files.length).toBeGreaterThanOrEqual(3)
    const [f1, f2, f3] = files.map((f) => join(cacheDir(dir), f))
    const whole = readFileSync(f1 as string)
    writeFileSync(f1 as string, whole.subarray(0, Math.floor(whole.length / 2)))
    // A flipped character inside a string is still valid JSON: the checksum catches it.
    writeFileSync(f2 as string, readFileSync(f2 as string, 'utf8').replace(/"type":"root"/, '"type":"rooт"'))
    writeFileSync(f3 as string, 'not a cache at all')
    writeFileSync(join(cacheDir(dir), 'ff.json.tmp-1-deadbeef'), 'half')
    const p = await loadProject(dir)
    expect(essence(p)).toStrictEqual(essence(off))
    // Every shard reads back cleanly again.
    for (const f of shards(dir)) readShard(join(cacheDir(dir), f))
    expect(shards(dir)).toEqual(files)
    // An entry of the wrong shape inside a valid file is a miss too.
    writeShard(f1 as string, Object.fromEntries(Object.keys(readShard(f1 as string)).map((k) => [k, { t: { type: 'root' }, d: 'x' }])))
    expect(essence(await loadProject(dir))).toStrictEqual(essence(off))
    readShard(f1 as string)
  })

  it('drops entries no longer used and puts the cache beside a configured ledger', async () => {
    const dir = makeProject()
    const config = join(dir, 'gongkai.config.yaml')
    writeFileSync(config, `${readFileSync(config, 'utf8')}ledger: state/gk.sqlite\n`)
    await loadProject(dir)
    expect(existsSync(join(dir, '.gongkai'))).toBe(false)
    const where = join(dir, 'state', 'parse-cache')
    const count = () => readdirSync(where).flatMap((f) => Object.keys(readShard(join(where, f)))).length
    expect(count()).toBe(6)
    rmSync(join(dir, 'publications', 'plain.md'))
    rmSync(join(dir, 'publications', 'rich-b.md'))
    await loadProject(dir)
    // rich-b's body is still rich-a's: only plain's entry goes.
    expect(count()).toBe(5)
    writeFileSync(join(dir, 'publications', '2026-xk-001.md'), readFileSync(join(dir, 'publications', '2026-xk-001.md'), 'utf8').replace('审批结果。', '改过的审批结果。'))
    const p = await loadProject(dir)
    expect(count()).toBe(5)
    expect(JSON.stringify(p.disclosures.find((x) => x.publication.id === '2026-xk-001')?.tree)).toContain('改过的审批结果。')
  })

  it('survives loads that write the cache at the same time', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    const all = await Promise.all([loadProject(dir), loadProject(dir), loadProject(dir)])
    for (const p of all) expect(essence(p)).toStrictEqual(essence(off))
    expect(readdirSync(cacheDir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([])
    for (const f of shards(dir)) readShard(join(cacheDir(dir), f))
    expect(essence(await loadProject(dir))).toStrictEqual(essence(off))
  })

  it('with the cache off, neither reads nor writes it', async () => {
    const dir = makeProject()
    await loadProject(dir)
    for (const f of shards(dir)) writeFileSync(join(cacheDir(dir), f), 'garbage')
    const before = shards(dir).map((f) => readFileSync(join(cacheDir(dir), f), 'utf8'))
    const p = await loadProject(dir, { cache: false })
    expect(p.disclosures).toHaveLength(7)
    expect(shards(dir).map((f) => readFileSync(join(cacheDir(dir), f), 'utf8'))).toEqual(before)
  })
})
