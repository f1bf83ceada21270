/** A problem in the body of a file with a long front matter is reported at its file line: the parse shifted the tree once, the sheet adds nothing. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRenderContext, loadProject } from '@gongkai/core'
import { afterAll, describe, expect, it } from 'vitest'
import { renderSheet } from '../src/internal.js'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-sheet-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** 24 lines of front matter (tags one a line), so the body starts at line 27. */
const FRONT = [
  '---',
  'id: long-front',
  'item: HB-XZCF-001',
  'title: 青川县生态环境局行政处罚决定书',
  'kind: release',
  'stage: result',
  'formed: 2026-11-20',
  'published: 2026-11-23',
  'review: { by: 王建国, on: 2026-11-21 }',
  'tags:',
  ...Array.from({ length: 14 }, (_, i) => `  - 标签${i + 1}`),
  'summary: 摘要',
  '---',
]

describe('sheet diagnostics in a file with a long front matter', () => {
  it('point at the file line of the body text', async () => {
    writeFileSync(join(dir, 'gongkai.config.yaml'), 'body:\n  name: 测试县生态环境局\n  orgCode: "008672531"\nsite:\n  title: 测试\n  baseUrl: https://www.example.gov.cn/gk/\n')
    writeFileSync(
      join(dir, 'catalog.yaml'),
      'items:\n  - code: HB-XZCF-001\n    name: 行政处罚决定\n    category: 行政处罚\n    basis: 《中华人民共和国行政处罚法》\n    content: 行政处罚决定书\n    owner: 执法大队\n    timeLimit: 自作出行政处罚决定之日起7个工作日内\n    channels: [website, noticeboard]\n    audience: public\n    mode: proactive\n    level: [county]\n',
    )
    mkdirSync(join(dir, 'publications'), { recursive: true })
    const body = ['第一段正文。', '', '群众点赞👍。', '']
    writeFileSync(join(dir, 'publications', 'long-front.md'), `${[...FRONT, ...body].join('\n')}`)
    const bodyLine = FRONT.length + 1
    const emojiLine = bodyLine + 2
    const project = await loadProject(dir, { cache: false })
    const d = project.disclosures[0]
    expect(d?.publication.source.bodyLine).toBe(bodyLine)
    // The tree holds file lines.
    expect(d?.tree.children.map((n) => n.position?.start.line)).toEqual([bodyLine, emojiLine])
    const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: dir, now: new Date('2026-11-26T08:00:00+08:00') })
    await renderSheet(d!, ctx)
    expect(ctx.diagnostics.map((x) => [x.code, x.file, x.line])).toEqual([['noticeboard/missing-glyph', 'publications/long-front.md', emojiLine]])
  })
})
