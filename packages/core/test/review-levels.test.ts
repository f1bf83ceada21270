import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'
import { describeMissingReview, isReviewed, missingReviewLevels, reviewLevelsOf } from '../src/review.js'

const CONFIG = 'body: { name: 局, orgCode: "000000001" }\nsite: { title: 站, baseUrl: "https://a.gov.cn/" }\n'
const CATALOG = {
  file: 'catalog.yaml',
  text: 'items:\n  - { code: A-1, name: 甲, category: 类, basis: 依据, content: 内容, owner: 科, timeLimit: 实时, channels: [website], audience: 特定群体, mode: 依申请, level: 乡级 }\n',
}
/** A publication formed on 2026-03-10 whose front matter ends with `review` (from line 8). */
const publication = (id: string, review: string) => ({
  file: `publications/${id}.md`,
  text: `---\nid: ${id}\nitem: A-1\ntitle: 标题\nkind: release\nstage: result\nformed: 2026-03-10\n${review}---\n正文\n`,
})
const project = (config: string, ...publications: { file: string; text: string }[]) =>
  validateProject({ config: { file: 'gongkai.config.yaml', text: CONFIG + config }, catalog: CATALOG, publications })
const where = (ds: readonly { file?: string; line?: number; column?: number; code: string }[]) => ds.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.code}`)
const TWO = 'review:\n  levels: [初审, 复审]\n'

describe('config review.levels', () => {
  it('reads the levels in order; none configured is one review', () => {
    expect(project(TWO).config.review).toEqual({ levels: ['初审', '复审'] })
    expect(project(TWO).diagnostics).toEqual([])
    expect(reviewLevelsOf(project('').config)).toEqual([])
  })

  it('reports a level written twice, a reserved name and a level list that is no list, at their places', () => {
    const r = project('review:\n  levels: [初审, 复审, 初审, by]\n  level: [x]\n')
    expect(where(r.diagnostics)).toEqual(['gongkai.config.yaml:4:20 config/duplicate-review-level', 'gongkai.config.yaml:4:24 config/bad-review-level', 'gongkai.config.yaml:5:3 config/unknown-field'])
    expect(r.config.review).toEqual({ levels: ['初审', '复审'] })
    expect(r.diagnostics.every((d) => /[\u4e00-\u9fff]/.test(d.message) && d.hint !== undefined)).toBe(true)
    expect(where(project('review:\n  levels: { 初审: 1 }\n').diagnostics)).toEqual(['gongkai.config.yaml:4:11 config/bad-type'])
  })
})

describe('front matter review by level', () => {
  it('reads each level with its reviewer, date and positions; a publication with every level is reviewed', () => {
    const r = project(TWO, publication('a', 'review:\n  初审: { by: 张敏, on: 2026-03-11 }\n  复审: { by: 李强, on: 2026-03-12 }\n'))
    expect(r.diagnostics).toEqual([])
    const p = r.publications[0]!
    expect(p.reviewLevels).toEqual([
      { level: '初审', by: '张敏', on: '2026-03-11' },
      { level: '复审', by: '李强', on: '2026-03-12' },
    ])
    expect(p.review).toBeUndefined()
    expect(p.source.fields?.['review.复审.on']).toEqual({ line: 10, column: 21 })
    expect(isReviewed(p, r.config.review?.levels)).toBe(true)
    expect(missingReviewLevels(p, ['初审', '复审'])).toEqual([])
  })

  it('a publication with only 初审 lacks 复审: reviewed for no one, and the message names the level', () => {
    const r = project(TWO, publication('a', 'review:\n  初审: { by: 张敏, on: 2026-03-11 }\n'))
    expect(r.diagnostics).toEqual([])
    const p = r.publications[0]!
    expect(missingReviewLevels(p, ['初审', '复审'])).toEqual(['复审'])
    expect(isReviewed(p, ['初审', '复审'])).toBe(false)
    expect(describeMissingReview(p, ['初审', '复审'])).toBe('未通过保密审查：缺少复审')
    expect(r.disclosures).toHaveLength(1)
  })

  it('keeps review: { by, on } as the one review when the config names no levels', () => {
    const r = project('', publication('a', 'review: { by: 王五, on: 2026-03-11 }\n'), publication('b', ''))
    expect(r.diagnostics).toEqual([])
    const [a, b] = r.publications
    expect(a!.review).toEqual({ by: '王五', on: '2026-03-11' })
    expect(isReviewed(a!, [])).toBe(true)
    expect(isReviewed(b!, [])).toBe(false)
    expect(describeMissingReview(b!, [])).toBe('未通过保密审查')
  })

  it('a single review under configured levels names no level: warned at review, and not reviewed', () => {
    const r = project(TWO, publication('a', 'review: { by: 王五, on: 2026-03-11 }\n'))
    expect(where(r.diagnostics)).toEqual(['publications/a.md:8:9 publication/review-level-unnamed'])
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', hint: expect.stringContaining('初审: { by: 审查人, on: 日期 }') })
    expect(missingReviewLevels(r.publications[0]!, ['初审', '复审'])).toEqual(['初审', '复审'])
  })

  it('reports an unknown level, a date before formed, 复审 before 初审 and a missing reviewer, each at its field', () => {
    const r = project(
      TWO,
      publication('order', 'review:\n  初审: { by: 张敏, on: 2026-03-12 }\n  复审: { by: 李强, on: 2026-03-11 }\n'),
      publication('early', 'review:\n  初审: { by: 张敏, on: 2026-03-09 }\n  复审: { by: 李强, on: 2026-03-11 }\n'),
      publication('typo', 'review:\n  初审: { by: 张敏, on: 2026-03-11 }\n  复核: { by: 李强, on: 2026-03-12 }\n'),
      publication('nobody', 'review:\n  初审: { on: 2026-03-11 }\n  复审: { by: 李强, on: 2026-03-12 }\n'),
    )
    expect(where(r.diagnostics)).toEqual([
      'publications/early.md:9:21 publication/review-before-formed',
      'publications/nobody.md:9:7 publication/missing-field',
      'publications/order.md:10:21 publication/review-level-order',
      'publications/typo.md:10:7 publication/unknown-review-level',
    ])
    expect(r.diagnostics.find((d) => d.code === 'publication/unknown-review-level')).toMatchObject({
      severity: 'error',
      message: '审查级别“复核”不在配置的级别（初审、复审）中',
      hint: '是否想写“复审”？',
    })
    expect(r.diagnostics.find((d) => d.code === 'publication/review-level-order')).toMatchObject({ message: '复审日期 2026-03-11 早于初审日期 2026-03-12' })
    expect(r.diagnostics.find((d) => d.code === 'publication/missing-field')?.message).toContain('初审')
    // What is reported never counts as signed.
    const missing = Object.fromEntries(r.publications.map((p) => [p.id, missingReviewLevels(p, ['初审', '复审'])]))
    expect(missing).toEqual({ order: ['复审'], early: ['初审'], typo: ['复审'], nobody: ['初审'] })
  })

  it('a level mapping without configured levels is an unknown level', () => {
    const r = project('', publication('a', 'review:\n  初审: { by: 张敏, on: 2026-03-11 }\n'))
    expect(where(r.diagnostics)).toEqual(['publications/a.md:9:7 publication/unknown-review-level'])
    expect(isReviewed(r.publications[0]!, [])).toBe(false)
  })
})

describe('the example project (no levels configured)', () => {
  it('is reviewed exactly where it has review: { by, on }, and the review check adds no diagnostic', async () => {
    const p = await loadProject(fileURLToPath(new URL('../../../examples/county-bureau/', import.meta.url)), { cache: false, workers: false })
    expect(p.config.review).toBeUndefined()
    expect(p.diagnostics.filter((d) => d.code.includes('review'))).toEqual([])
    const unreviewed = p.publications.filter((x) => !isReviewed(x, reviewLevelsOf(p.config))).map((x) => x.id)
    expect(unreviewed).toEqual(p.publications.filter((x) => x.review === undefined).map((x) => x.id))
    expect(unreviewed).toEqual(['2026-ggfw-005'])
    expect(p.publications.some((x) => x.reviewLevels !== undefined)).toBe(false)
  })
})
