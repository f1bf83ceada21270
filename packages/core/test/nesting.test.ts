/**
 * Deep nesting: a body of thousands of `>`, `- `, `1. `, `*` or footnote markers is one positioned
 * `publication/too-deep` error for its file, found before the parser could overflow the stack,
 * and every other file still loads; nesting within the limit parses as before.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { estimateNesting, MAX_NESTING, measureNesting, parseBody, toPlainText } from '../src/markdown.js'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'

const SOURCE = { file: 'publications/deep.md', bodyLine: 9 }
const where = (ds: readonly { file?: string; line?: number; column?: number; code: string }[]) => ds.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.code}`)

describe('parseBody: nesting', () => {
  const hostile: [string, string][] = [
    ['4,000 `>` on one line', `${'>'.repeat(4000)} 引用\n`],
    ['10,000 `- ` on one line', `${'- '.repeat(10000)}事项\n`],
    ['10,000 `1. ` on one line', `${'1. '.repeat(10000)}事项\n`],
    ['`> - ` alternating', `${'> - '.repeat(3000)}事项\n`],
    ['10,000 `*` around a word', `${'*'.repeat(10000)}重要${'*'.repeat(10000)}\n`],
    ['strikethrough opened 3,000 times', `${'~~甲 '.repeat(3000)}乙${' 丙~~'.repeat(3000)}\n`],
    ['footnote definitions inside each other', `${Array.from({ length: 500 }, (_, i) => `[^n${i}]: `).join('')}注\n`],
    ['lists nested by indentation, 300 levels', Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n')],
  ]
  for (const [name, deep] of hostile) {
    it(`${name}: one too-deep error at the line, an empty tree, in well under a second`, () => {
      const body = `第一段正文。\n\n${deep}`
      const t = performance.now()
      const { tree, diagnostics } = parseBody(body, SOURCE)
      expect(performance.now() - t).toBeLessThan(1000)
      expect(where(diagnostics)).toEqual([`publications/deep.md:${name.startsWith('lists nested') ? 11 + MAX_NESTING : 11}:${diagnostics[0]?.column ?? ''} publication/too-deep`])
      expect(diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringContaining(`上限 ${MAX_NESTING} 层`) })
      expect(diagnostics[0]?.message).toMatch(/嵌套 \d+ 层/)
      expect(tree.children).toEqual([])
    })
  }

  it('just past the limit: measured exactly on the tree, at the first node past it', () => {
    const { diagnostics } = parseBody(`正文。\n\n${'> '.repeat(MAX_NESTING + 3)}引用\n`, SOURCE)
    expect(diagnostics).toMatchObject([{ code: 'publication/too-deep', line: 11, column: 2 * MAX_NESTING + 1, message: expect.stringContaining(`嵌套 ${MAX_NESTING + 3} 层`) }])
    expect(diagnostics[0]?.message).not.toContain('约')
  })

  it('at the limit: parsed as before, every level there', () => {
    const body = `${Array.from({ length: MAX_NESTING }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n')}\n`
    const { tree, diagnostics } = parseBody(body, SOURCE)
    expect(diagnostics).toEqual([])
    expect(measureNesting(tree).depth).toBe(MAX_NESTING)
    expect(toPlainText(tree)).toContain(`第${MAX_NESTING}层`)
    const quotes = parseBody(`${'> '.repeat(MAX_NESTING)}引用`, SOURCE)
    expect(quotes.diagnostics).toEqual([])
    expect(toPlainText(quotes.tree)).toBe('引用')
  })

  it('the scan does not take ordinary writing for nesting: bold phrases, code, rules, tables', () => {
    const ordinary = [
      '**当事人**：青川县金溪建材有限公司，**统一社会信用代码**：91510822MA6XV2R36H。'.repeat(40),
      '依据《中华人民共和国环境影响评价法》第**二十五**条、第*三十一*条，~~原定~~现定。'.repeat(40),
      '```\n/' + '*'.repeat(300) + '/\n' + ' '.repeat(200) + '- 代码中的缩进\n```',
      '* * *\n\n---\n\n| 序号 | 名称 |\n|---|---|\n| 1 | **甲** |',
      '一、总则\n\n1. 第一项\n   - 子项\n     1. 细目\n        > 引用\n',
    ].join('\n\n')
    expect(estimateNesting(ordinary).depth).toBeLessThan(8)
    expect(parseBody(ordinary, SOURCE).diagnostics).toEqual([])
  })

  it('reads CR LF files as LF ones: fences close, blank lines end paragraphs', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n')
    expect(estimateNesting(crlf('```\n代码\n```\n\n' + '> '.repeat(70) + '引用\n'))).toMatchObject({ depth: 70, line: 5 })
    expect(estimateNesting(crlf('甲~~乙\n\n'.repeat(80))).depth).toBeLessThan(4)
    expect(parseBody(crlf(`正文。\n\n${'- '.repeat(10000)}x\n`), SOURCE).diagnostics).toMatchObject([{ code: 'publication/too-deep', line: 11 }])
  })

  it('toPlainText walks any depth without recursion (a tree an embedder built by hand)', () => {
    type N = { type: string; children?: N[]; value?: string }
    let node: N = { type: 'text', value: '底' }
    for (let i = 0; i < 50_000; i++) node = { type: 'blockquote', children: [node] }
    expect(toPlainText({ type: 'root', children: [node] } as never)).toBe('底')
  })
})

const PUBLICATION = (id: string, body: string) => ({
  file: `publications/${id}.md`,
  text: `---\nid: ${id}\nitem: A-1\ntitle: 标题\nkind: release\nstage: result\nformed: 2026-01-05\n---\n${body}`,
})
const ONE_ITEM = {
  config: { file: 'gongkai.config.yaml', text: 'body: { name: 局, orgCode: "011520347" }\nsite: { title: 站, baseUrl: "https://a.gov.cn/" }\n' },
  catalog: {
    file: 'catalog.yaml',
    text: 'items:\n  - { code: A-1, name: 甲, category: 类, basis: 依据, content: 内容, owner: 科, timeLimit: 实时, channels: [website], audience: 特定群体, mode: 依申请, level: 乡级 }\n',
  },
}

describe('validateProject and loadProject: the deep file is reported, the others go on', () => {
  it('validateProject: one error at the deep file, the good ones disclosed', () => {
    const r = validateProject({
      ...ONE_ITEM,
      publications: [
        PUBLICATION('a', '正文甲。\n'),
        PUBLICATION('deep-quote', `${'>'.repeat(4000)} x\n`),
        PUBLICATION('deep-list', `前言\n\n${'- '.repeat(10000)}x\n`),
        PUBLICATION('z', '正文乙。\n'),
      ],
    })
    expect(where(r.diagnostics)).toEqual(['publications/deep-list.md:11:1 publication/too-deep', 'publications/deep-quote.md:9:1 publication/too-deep'])
    expect(r.diagnostics[0]).toMatchObject({ subject: 'deep-list', message: expect.stringMatching(/嵌套 10000 层，超过上限 32 层/) })
    expect(r.disclosures.map((d) => d.publication.id)).toEqual(['a', 'z'])
  })

  it('an interpretation too deep to publish is not linked from its release', () => {
    const jd = PUBLICATION(
      'a-jd',
      `${'- '.repeat(5000)}x
`,
    ).text.replace('kind: release', 'kind: interpretation\nof: a')
    const r = validateProject({ ...ONE_ITEM, publications: [PUBLICATION('a', '正文甲。\n'), { file: 'publications/a-jd.md', text: jd }] })
    expect(where(r.diagnostics)).toEqual(['publications/a-jd.md:10:1 publication/too-deep'])
    expect(r.disclosures.map((d) => [d.publication.id, d.links.interpretations.map((p) => p.id)])).toEqual([['a', []]])
  })

  const dirs: string[] = []
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('loadProject, on this thread and with the parse cache, cold and warm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-nesting-'))
    dirs.push(dir)
    cpSync(fileURLToPath(new URL('./fixtures/valid/', import.meta.url)), dir, { recursive: true })
    const front = (id: string) => `---\nid: ${id}\nitem: HB-XK-005\ntitle: 深层嵌套\nkind: release\nstage: result\nformed: 2026-02-28\n---\n\n`
    writeFileSync(join(dir, 'publications', 'deep-quote.md'), `${front('deep-quote')}${'>'.repeat(4000)} x\n`)
    writeFileSync(join(dir, 'publications', 'deep-list.md'), `${front('deep-list')}${'- '.repeat(10000)}x\n`)
    for (const options of [{ cache: false }, {}, {}]) {
      const p = await loadProject(dir, options)
      expect(where(p.diagnostics)).toEqual(['publications/deep-list.md:10:1 publication/too-deep', 'publications/deep-quote.md:10:1 publication/too-deep'])
      expect(p.disclosures.map((d) => d.publication.id).sort()).toEqual(['2026-xk-001', '2026-xzcf-007', '2026-zc-003', '2026-zc-003-jd'])
    }
  })
})
