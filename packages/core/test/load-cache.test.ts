import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { loadCacheVersion, openLoadCache } from '../src/cache/load-cache.js'
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
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-load-cache-'))
  dirs.push(dir)
  cpSync(VALID, dir, { recursive: true, filter: (src) => !src.includes('.gongkai') })
  const front = (id: string, extra: string[] = []) =>
    ['---', `id: ${id}`, 'item: HB-ZFXX-003', `title: 测试${id}`, 'kind: release', 'stage: result', 'formed: 2026-02-10', ...extra, '---', ''].join('\n')
  writeFileSync(join(dir, 'publications', 'rich-a.md'), `${front('rich-a')}\n${RICH}`)
  // The same body again, lower in its file: same cache entry, diagnostics on other lines.
  writeFileSync(join(dir, 'publications', 'rich-b.md'), `${front('rich-b', ['summary: 摘要', 'tags: [甲, 乙]', 'docNumber: 测环〔2026〕1号'])}\n${RICH}`)
  writeFileSync(join(dir, 'publications', 'plain.md'), `${front('plain')}\n第一段。\n\n<span>行内 HTML</span>\n`)
  settle(dir)
  return dir
}

/** Dates every publication file an hour back: files changed just before a load are not trusted by the next one. */
function settle(dir: string, rel?: string): void {
  const past = new Date(Date.UTC(2026, 0, 1))
  const files = rel === undefined ? readdirSync(join(dir, 'publications'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')) : [rel]
  for (const f of files) utimesSync(join(dir, 'publications', f), past, past)
}

const cacheFile = (dir: string) => join(dir, '.gongkai', 'cache', 'load.bin')

interface CacheIndex {
  timezone: string
  files: Record<string, [number[], string, { publication?: { title: string }; diagnostics: unknown[] }]>
  trees: Record<string, [number, number, string, unknown[]]>
}

const sha16 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16)

const journalFile = (dir: string) => join(dir, '.gongkai', 'cache', 'load.jnl')

/** The journal's records (each checked), when there is a journal that amends the file whose first line is `head`. */
function readJournal(dir: string, head: string): { files: Record<string, unknown>; trees: Record<string, [number, string, unknown[]]> }[] {
  if (!existsSync(journalFile(dir))) return []
  const bytes = readFileSync(journalFile(dir))
  const first = `gongkai-load-journal/1 ${sha16(Buffer.from(head, 'latin1'))}\n`
  if (bytes.subarray(0, first.length).toString('latin1') !== first) return []
  const records = []
  for (let at = first.length; at < bytes.length;) {
    const nl = bytes.indexOf(0x0a, at)
    const [json, trees, sum] = bytes.subarray(at, nl).toString('latin1').split(' ').map(String)
    const end = nl + 1 + Number(json) + Number(trees)
    expect(sha16(bytes.subarray(nl + 1, end))).toBe(sum)
    records.push(JSON.parse(bytes.subarray(nl + 1, nl + 1 + Number(json)).toString('utf8')) as { files: Record<string, unknown>; trees: Record<string, [number, string, unknown[]]> })
    at = end
  }
  return records
}

/**
 * Reads the cache file, checking its header: the index with the journal's records applied (a tree
 * from the journal is at -1 in the tree bytes), the bodies and the file's tree bytes.
 */
function readCache(dir: string): { index: CacheIndex; bodies: Buffer; trees: Buffer } {
  const whole = readBase(dir)
  const head = readFileSync(cacheFile(dir))
    .subarray(0, readFileSync(cacheFile(dir)).indexOf(0x0a))
    .toString('latin1')
  for (const record of readJournal(dir, head)) {
    for (const [rel, entry] of Object.entries(record.files)) {
      if (entry === null) delete whole.index.files[rel]
      else whole.index.files[rel] = entry as CacheIndex['files'][string]
    }
    for (const [key, [length, sum, d]] of Object.entries(record.trees)) whole.index.trees[key] = [-1, length, sum, d]
  }
  return whole
}

/** Reads the cache file alone, checking its header: the index, the bodies and the tree bytes. */
function readBase(dir: string): { index: CacheIndex; bodies: Buffer; trees: Buffer } {
  const bytes = readFileSync(cacheFile(dir))
  const nl = bytes.indexOf(0x0a)
  const [format, version, indexBytes, bodyBytes, treeBytes, sum] = bytes.subarray(0, nl).toString('latin1').split(' ')
  expect(format).toBe('gongkai-load-cache/4')
  expect(version).toBe(loadCacheVersion())
  const size = Number(indexBytes)
  const raw = bytes.subarray(nl + 1, nl + 1 + size + Number(bodyBytes))
  expect(sha16(raw)).toBe(sum)
  expect(nl + 1 + raw.length + Number(treeBytes)).toBe(bytes.length)
  return { index: JSON.parse(raw.subarray(0, size).toString('utf16le')) as CacheIndex, bodies: raw.subarray(size), trees: bytes.subarray(nl + 1 + raw.length) }
}

/** Writes a cache file whose header checks out. */
function writeCache(dir: string, index: CacheIndex, bodies: Buffer, trees: Buffer): void {
  const raw = Buffer.concat([Buffer.from(JSON.stringify(index), 'utf16le'), bodies])
  const head = `gongkai-load-cache/4 ${loadCacheVersion()} ${raw.length - bodies.length} ${bodies.length} ${trees.length} ${sha16(raw)}\n`
  writeFileSync(cacheFile(dir), Buffer.concat([Buffer.from(head, 'latin1'), raw, trees]))
}

/** The parts of a project a cache could change: trees, diagnostics with their places, publications. */
const essence = (p: Project) => ({
  disclosures: p.disclosures,
  diagnostics: p.diagnostics,
  publications: p.publications,
})

describe('load cache', () => {
  it('gives the same disclosures and diagnostics (same places) cold, warm and with the cache off', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    expect(existsSync(join(dir, '.gongkai'))).toBe(false)
    const cold = await loadProject(dir)
    const { index } = readCache(dir)
    // 7 files, 6 different bodies (rich-a and rich-b share theirs).
    expect(Object.keys(index.files)).toHaveLength(7)
    expect(Object.keys(index.trees)).toHaveLength(6)
    const warm = await loadProject(dir)
    // Read from the cache, the tree is decoded on first use.
    expect(Object.getOwnPropertyDescriptor(warm.disclosures[0], 'tree')?.get).toBeTypeOf('function')
    expect(essence(cold)).toStrictEqual(essence(off))
    expect(essence(warm)).toStrictEqual(essence(off))
    expect(JSON.stringify(warm.disclosures)).toBe(JSON.stringify(off.disclosures))

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
    // Two files with one body get two trees, each with its file's lines.
    const a = warm.disclosures.find((d) => d.publication.id === 'rich-a')
    const b = warm.disclosures.find((d) => d.publication.id === 'rich-b')
    expect(a?.tree).not.toBe(b?.tree)
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

  it('really takes an unchanged file and its tree from the cache on the next load', async () => {
    const dir = makeProject()
    await loadProject(dir)
    // Change a title in the index and a text in a tree (headers that check out): the next load must show both.
    const { index, bodies, trees } = readCache(dir)
    const entry = index.files['publications/2026-xk-001.md']
    if (entry?.[2].publication !== undefined) entry[2].publication.title = '缓存里的标题'
    const tree = index.trees[entry?.[1] ?? '']
    expect(tree).toBeDefined()
    const [at, length] = tree ?? [0, 0]
    const text = trees.subarray(at, at + length).toString('utf8')
    // A text that is its span of the body is stored as 0, and taken from the body.
    expect(text).toContain('"value":0')
    expect(text).not.toContain('审批结果。')
    const changed = Buffer.from(text.replace('"value":0', '"value":"缓存里的文字。"'), 'utf8')
    const rest = Buffer.concat([trees.subarray(0, at), changed, trees.subarray(at + length)])
    for (const t of Object.values(index.trees)) if (t[0] > at) t[0] += changed.length - length
    if (tree !== undefined) {
      tree[1] = changed.length
      tree[2] = sha16(changed)
    }
    // And a body in the one string of bodies (same length: the spans stay).
    const body = Buffer.from(bodies.toString('utf16le').replace('审批结果。', '审批结论。'), 'utf16le')
    writeCache(dir, index, body, rest)
    const p = await loadProject(dir)
    const d = p.disclosures.find((x) => x.publication.id === '2026-xk-001')
    expect(d?.publication.title).toBe('缓存里的标题')
    expect(d?.publication.body).toContain('审批结论。')
    expect(JSON.stringify(d?.tree)).toContain('缓存里的文字。')
  })

  it('keeps only the trees read lately, on a cold load too: each is read back from its stored bytes when asked for again', async () => {
    const dir = makeProject()
    const front = (id: string) => ['---', `id: ${id}`, 'item: HB-ZFXX-003', `title: 测试${id}`, 'kind: release', 'stage: result', 'formed: 2026-02-10', '---', ''].join('\n')
    for (let i = 0; i < 80; i++) writeFileSync(join(dir, 'publications', `many-${i}.md`), `${front(`many-${i}`)}\n第${i}段，有**加粗**。\n`)
    settle(dir)
    for (const pass of ['cold', 'warm']) {
      const p = await loadProject(dir)
      const fresh = await loadProject(dir, { cache: false })
      const first = p.disclosures.find((d) => d.publication.id === 'rich-a')
      const tree = first?.tree
      expect(first?.tree, pass).toBe(tree)
      // Every other tree read once: the first is no longer kept, and reads back equal to a parse.
      for (const d of p.disclosures) expect(d.tree.type).toBe('root')
      expect(first?.tree, pass).not.toBe(tree)
      expect(first?.tree, pass).toEqual(tree)
      expect(
        p.disclosures.map((d) => d.tree),
        pass,
      ).toEqual(fresh.disclosures.map((d) => d.tree))
    }
  })

  it('reads no stored tree until one is asked for, then all of them once', async () => {
    const dir = makeProject()
    settle(dir)
    await loadProject(dir)
    const { index } = readCache(dir)
    const cache = openLoadCache(dir, 'Asia/Shanghai')
    const hits = Object.keys(index.files).map((rel) => cache.file(rel, join(dir, rel)))
    expect(hits.every((h) => h !== undefined)).toBe(true)
    // Every file and its diagnostics, but not one byte of the trees: a build with nothing to render needs none.
    expect(cache.stats.treeBytes).toBe(0)
    const rich = hits.find((h) => h?.publication?.id === 'rich-a')
    expect(rich?.parsed?.tree.children.length).toBeGreaterThan(3)
    expect(cache.stats.treeBytes).toBe(readCache(dir).trees.length)
  })

  it('parses a tree again when the cache file was replaced between the load and the first use of the tree', async () => {
    const dir = makeProject()
    settle(dir)
    await loadProject(dir)
    const p = await loadProject(dir)
    // Another process writes a cache whose trees are elsewhere in the file: this load's offsets point at other bytes.
    const file = join(dir, 'publications', '2026-xk-001.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('审批结果。', '另一个进程改过的审批结果，长了许多许多许多。'))
    settle(dir, '2026-xk-001.md')
    await loadProject(dir)
    const fresh = await loadProject(dir, { cache: false })
    for (const id of ['rich-a', 'rich-b']) {
      expect(JSON.stringify(p.disclosures.find((x) => x.publication.id === id)?.tree)).toBe(JSON.stringify(fresh.disclosures.find((x) => x.publication.id === id)?.tree))
    }
  })

  it('reads a changed file again, and keeps the tree of a body whose front matter alone changed', async () => {
    const dir = makeProject()
    await loadProject(dir)
    const file = join(dir, 'publications', '2026-xk-001.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('审批结果。', '改过的审批结果。'))
    settle(dir, '2026-xk-001.md')
    const rich = join(dir, 'publications', 'rich-a.md')
    writeFileSync(rich, readFileSync(rich, 'utf8').replace('formed: 2026-02-10', 'formed: 2026-02-10\nsummary: 新加的摘要\ndocNumber: 测环〔2026〕2号'))
    settle(dir, 'rich-a.md')
    const before = readCache(dir).index.trees
    const p = await loadProject(dir)
    expect(JSON.stringify(p.disclosures.find((x) => x.publication.id === '2026-xk-001')?.tree)).toContain('改过的审批结果。')
    expect(essence(p)).toStrictEqual(essence(await loadProject(dir, { cache: false })))
    // rich-a's body is unchanged: the same tree, two lines lower.
    const { index } = readCache(dir)
    expect(index.files['publications/rich-a.md']?.[1]).toBe(index.files['publications/rich-b.md']?.[1])
    expect(Object.keys(index.trees).filter((k) => before[k] === undefined)).toHaveLength(1)
    expect(p.disclosures.find((x) => x.publication.id === 'rich-a')?.tree.children[0]?.position?.start.line).toBe(12)
  })

  it('does not trust a file changed just before it was read', async () => {
    const dir = makeProject()
    const file = join(dir, 'publications', '2026-xk-001.md')
    writeFileSync(file, readFileSync(file, 'utf8'))
    await loadProject(dir)
    expect(Object.keys(readCache(dir).index.files)).not.toContain('publications/2026-xk-001.md')
    expect(Object.keys(readCache(dir).index.files)).toHaveLength(6)
    // Its parsed body is kept (trees are keyed by content): the next load reads the file, not parses it.
    expect(Object.keys(readCache(dir).index.trees)).toHaveLength(6)
    // Same size, same mtime, other text: only a file not trusted can show it.
    const { mtime } = statSync(file)
    writeFileSync(file, readFileSync(file, 'utf8').replace('审批结果。', '审批结论。'))
    utimesSync(file, mtime, mtime)
    const p = await loadProject(dir)
    expect(JSON.stringify(p.disclosures.find((x) => x.publication.id === '2026-xk-001')?.tree)).toContain('审批结论。')
  })

  it('ignores a corrupt, truncated or foreign cache file, or a tree that does not check out, and rewrites it', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    await loadProject(dir)
    const whole = readFileSync(cacheFile(dir))
    const check = async () => {
      expect(essence(await loadProject(dir))).toStrictEqual(essence(off))
      readCache(dir)
    }
    writeFileSync(cacheFile(dir), whole.subarray(0, Math.floor(whole.length / 2)))
    await check()
    writeFileSync(cacheFile(dir), 'not a cache at all')
    await check()
    // One flipped byte in the index: the checksum catches it.
    const flipped = Buffer.from(whole)
    flipped[200] = (flipped[200] ?? 0) ^ 1
    writeFileSync(cacheFile(dir), flipped)
    await check()
    // A tree whose bytes changed is parsed again.
    const { index, bodies, trees } = readCache(dir)
    writeCache(dir, index, bodies, Buffer.from(trees.toString('latin1').replace(/"type":"root"/g, '"type":"rooX"'), 'latin1'))
    await check()
    // Entries of the wrong shape inside a valid file are misses too.
    writeCache(dir, { ...index, files: Object.fromEntries(Object.keys(index.files).map((k) => [k, 'x'])) } as unknown as CacheIndex, bodies, trees)
    await check()
    writeCache(dir, { ...index, trees: Object.fromEntries(Object.keys(index.trees).map((k) => [k, [0, 'x']])) } as unknown as CacheIndex, bodies, trees)
    await check()
    writeFileSync(`${cacheFile(dir)}.tmp-1-deadbeef`, 'half')
    writeFileSync(join(dir, '.gongkai', 'cache', 'catalog.json.tmp-1-deadbeef'), 'half')
    utimesSync(join(dir, '.gongkai', 'cache', 'catalog.json.tmp-1-deadbeef'), new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 0, 1)))
    utimesSync(`${cacheFile(dir)}.tmp-1-deadbeef`, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 0, 1)))
    rmSync(join(dir, 'publications', 'plain.md'))
    await loadProject(dir)
    // The stale temporary files are gone; the catalog's cache sits beside the load cache.
    expect(readdirSync(join(dir, '.gongkai', 'cache'))).toEqual(['catalog.json', 'load.bin', 'load.jnl'])
  })

  it('drops what is no longer used, and what depends on the time zone when it changes', async () => {
    const dir = makeProject()
    await loadProject(dir)
    rmSync(join(dir, 'publications', 'plain.md'))
    rmSync(join(dir, 'publications', 'rich-b.md'))
    await loadProject(dir)
    // The journal says the two files are gone; their trees stay until the file is written whole.
    expect(Object.keys(readCache(dir).index.files)).toHaveLength(5)
    expect(Object.keys(readBase(dir).index.files)).toHaveLength(7)
    expect(Object.keys(readCache(dir).index.trees)).toHaveLength(6)
    const file = join(dir, 'publications', 'rich-a.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('formed: 2026-02-10', 'formed: 2026-02-10\npublishAt: 2026-02-11 09:00'))
    settle(dir, 'rich-a.md')
    const shanghai = await loadProject(dir)
    expect(shanghai.publications.find((p) => p.id === 'rich-a')?.publishAt).toBe('2026-02-11T09:00:00+08:00')
    const config = join(dir, 'gongkai.config.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace('timezone: Asia/Shanghai', 'timezone: Asia/Urumqi'))
    const urumqi = await loadProject(dir)
    expect(urumqi.publications.find((p) => p.id === 'rich-a')?.publishAt).toBe('2026-02-11T09:00:00+06:00')
    expect(readCache(dir).index.timezone).toBe('Asia/Urumqi')
    // Another time zone writes the whole file, the journal folded in: rich-b's body is still rich-a's, so only plain's tree went.
    expect(existsSync(journalFile(dir))).toBe(false)
    expect(Object.keys(readBase(dir).index.files)).toHaveLength(5)
    expect(Object.keys(readBase(dir).index.trees)).toHaveLength(5)
  })

  it('appends a few changed files to the journal, leaving the file as it was, and the next load reads both', async () => {
    const dir = makeProject()
    await loadProject(dir)
    const base = readFileSync(cacheFile(dir))
    const file = join(dir, 'publications', '2026-xk-001.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('审批结果。', '改过的审批结果。'))
    settle(dir, '2026-xk-001.md')
    rmSync(join(dir, 'publications', 'plain.md'))
    const p = await loadProject(dir)
    expect(readFileSync(cacheFile(dir)).equals(base)).toBe(true)
    const head = base.subarray(0, base.indexOf(0x0a)).toString('latin1')
    const [record, ...more] = readJournal(dir, head)
    expect(more).toEqual([])
    expect(Object.keys(record?.files ?? {}).sort()).toEqual(['publications/2026-xk-001.md', 'publications/plain.md'])
    expect(record?.files['publications/plain.md']).toBeNull()
    expect(Object.keys(record?.trees ?? {})).toHaveLength(1)
    const off = await loadProject(dir, { cache: false })
    expect(essence(p)).toStrictEqual(essence(off))
    // The next load takes the changed file and its new tree from the journal: nothing read or parsed again.
    const cache = openLoadCache(dir, 'Asia/Shanghai')
    const warm = await loadProject(dir)
    expect(essence(warm)).toStrictEqual(essence(off))
    expect(cache.file('publications/2026-xk-001.md', file)?.parsed?.tree).toStrictEqual(off.disclosures.find((x) => x.publication.id === '2026-xk-001')?.tree)
    expect(cache.stats.files).toBe(1)
    // A load that changed nothing writes nothing.
    const jnl = readFileSync(journalFile(dir))
    await loadProject(dir)
    expect(readFileSync(journalFile(dir)).equals(jnl)).toBe(true)
  })

  it('folds the journal into a new file once it passes a quarter of the file, after a torn record, or when it amends another file', async () => {
    const dir = makeProject()
    const file = join(dir, 'publications', '2026-xk-001.md')
    const text = readFileSync(file, 'utf8')
    await loadProject(dir)
    const change = async (k: number) => {
      writeFileSync(file, text.replace('审批结果。', `第${k}次改过的审批结果。`))
      settle(dir, '2026-xk-001.md')
      const p = await loadProject(dir)
      expect(essence(p)).toStrictEqual(essence(await loadProject(dir, { cache: false })))
    }
    // Each change appends a record until the next would pass a quarter of the file's size.
    let k = 0
    const sizes: number[] = []
    for (; k < 40 && (k === 0 || existsSync(journalFile(dir))); k++) {
      await change(k)
      if (existsSync(journalFile(dir))) sizes.push(statSync(journalFile(dir)).size)
    }
    expect(sizes.length).toBeGreaterThan(1)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(statSync(cacheFile(dir)).size / 4 + 4096)
    expect(existsSync(journalFile(dir))).toBe(false)
    // A record cut short by a kill mid-append ends the journal: its change is read again, then the file is written whole.
    await change(100)
    await change(101)
    const jnl = readFileSync(journalFile(dir))
    writeFileSync(journalFile(dir), jnl.subarray(0, jnl.length - 7))
    writeFileSync(file, text)
    settle(dir, '2026-xk-001.md')
    expect(essence(await loadProject(dir))).toStrictEqual(essence(await loadProject(dir, { cache: false })))
    expect(existsSync(journalFile(dir))).toBe(false)
    // A journal that amends another file (its first line names that file's first line) is not read.
    await change(102)
    expect(openLoadCache(dir, 'Asia/Shanghai').file('publications/2026-xk-001.md', file)).toBeDefined()
    const { index, bodies, trees } = readBase(dir)
    const { ['publications/rich-a.md']: _gone, ...others } = index.files
    writeCache(dir, { ...index, files: others }, bodies, trees)
    // The file's entry for xk-001 is the one before the change, which only the journal has.
    expect(openLoadCache(dir, 'Asia/Shanghai').file('publications/2026-xk-001.md', file)).toBeUndefined()
    expect(essence(await loadProject(dir))).toStrictEqual(essence(await loadProject(dir, { cache: false })))
    expect(existsSync(journalFile(dir))).toBe(false)
  })

  it("takes a file's stat from the ones given, stat-ing only the files not among them", async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    await loadProject(dir)
    const file = join(dir, 'publications', '2026-xk-001.md')
    const real = statSync(file)
    // A stat that says the file changed: the load reads it again (and gives the same, read afresh).
    const moved = Object.assign(Object.create(Object.getPrototypeOf(real) as object) as typeof real, real, { mtimeMs: real.mtimeMs + 1000 })
    const cache = openLoadCache(dir, 'Asia/Shanghai', new Map([[file, moved]]))
    expect(cache.file('publications/2026-xk-001.md', file)).toBeUndefined()
    expect(cache.file('publications/rich-a.md', join(dir, 'publications', 'rich-a.md'))).toBeDefined()
    const p = await loadProject(dir, { stats: new Map([[file, moved]]) })
    expect(essence(p)).toStrictEqual(essence(off))
    // The stat the load was given is the one its cache keeps: the next load, stat-ing for itself, reads the file again.
    expect(openLoadCache(dir, 'Asia/Shanghai').file('publications/2026-xk-001.md', file)).toBeUndefined()
  })

  it('survives loads that write the cache at the same time', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    const all = await Promise.all([loadProject(dir), loadProject(dir), loadProject(dir)])
    for (const p of all) expect(essence(p)).toStrictEqual(essence(off))
    expect(readdirSync(join(dir, '.gongkai', 'cache')).filter((f) => f.includes('.tmp-'))).toEqual([])
    readCache(dir)
    expect(essence(await loadProject(dir))).toStrictEqual(essence(off))
  })

  it('gives the same on worker threads (the built package), cold and warm', async () => {
    const dir = makeProject()
    const off = await loadProject(dir, { cache: false })
    const built = (await import('@gongkai/core')) as { loadProject: typeof loadProject }
    for (const cache of [false, true, true]) {
      const p = await built.loadProject(dir, { workers: 2, cache })
      expect(essence(p)).toStrictEqual(essence(off))
    }
    // The built code has its own version (its .js, not these .ts): its own cache, written once.
    expect(readFileSync(cacheFile(dir)).subarray(0, 60).toString('latin1')).not.toContain(loadCacheVersion())
  })

  it('shares a cold parse of many bodies between this thread and the workers, batch by batch, and gives the same', async () => {
    const dir = makeProject()
    // Enough bodies for several batches of a hundred on each worker, each body its own (no two share a tree).
    for (let i = 0; i < 450; i++) {
      const body = `## 第${i}节\n\n第${i}段正文，有**加粗**和[链接](https://www.example.gov.cn/${i})。\n\n| 项目 | 数值 |\n| --- | --- |\n| 第${i}项 | ${i} |\n`
      writeFileSync(
        join(dir, 'publications', `many-${i}.md`),
        ['---', `id: many-${i}`, 'item: HB-ZFXX-003', `title: 第${i}篇`, 'kind: release', 'stage: result', 'formed: 2026-02-10', '---', '', body].join('\n'),
      )
    }
    settle(dir)
    const off = await loadProject(dir, { cache: false })
    const built = (await import('@gongkai/core')) as { loadProject: typeof loadProject }
    for (const workers of [1, 3]) {
      rmSync(join(dir, '.gongkai'), { recursive: true, force: true })
      const cold = await built.loadProject(dir, { workers })
      expect(essence(cold)).toStrictEqual(essence(off))
      // Every file and its tree went into the cache (a body left out would be parsed again on use, and its file not kept).
      const bytes = readFileSync(cacheFile(dir))
      const nl = bytes.indexOf(0x0a)
      const [, , indexBytes] = bytes.subarray(0, nl).toString('latin1').split(' ')
      const index = JSON.parse(bytes.subarray(nl + 1, nl + 1 + Number(indexBytes)).toString('utf16le')) as CacheIndex
      expect(Object.keys(index.files)).toHaveLength(off.publications.length)
      expect(new Set(Object.values(index.files).map((f) => f[1])).size).toBe(Object.keys(index.trees).length)
      // What the workers sent was stored as it is: the warm load reads every tree back the same.
      const warm = await built.loadProject(dir, { workers })
      expect(essence(warm)).toStrictEqual(essence(off))
    }
  }, 60_000)

  it('removes the parse cache it replaces, and nothing else kept beside it', async () => {
    const dir = makeProject()
    const old = join(dir, '.gongkai', 'parse-cache')
    mkdirSync(old, { recursive: true })
    writeFileSync(join(old, '0a.json'), 'shard')
    writeFileSync(join(old, 'ff.json.tmp-1-deadbeef'), 'half')
    await loadProject(dir)
    expect(existsSync(old)).toBe(false)
    mkdirSync(old, { recursive: true })
    writeFileSync(join(old, '0b.json'), 'shard')
    writeFileSync(join(old, 'ledger.sqlite'), 'not ours')
    rmSync(cacheFile(dir))
    await loadProject(dir)
    expect(readdirSync(old)).toEqual(['ledger.sqlite'])
  })

  it('with the cache off, neither reads nor writes it', async () => {
    const dir = makeProject()
    await loadProject(dir)
    writeFileSync(cacheFile(dir), 'garbage')
    const p = await loadProject(dir, { cache: false })
    expect(p.disclosures).toHaveLength(7)
    expect(readFileSync(cacheFile(dir), 'utf8')).toBe('garbage')
  })
})
