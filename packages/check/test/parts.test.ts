/** The parts of @gongkai/check that need no project: settings and rubric with their places, contrast, links, forbidden words. */
import { describe, expect, it } from 'vitest'
import { defineConfig } from '@gongkai/core'
import type { Diagnostic, ProjectConfig } from '@gongkai/core'
import { contrastRatio, DEFAULT_FORBIDDEN_WORDS, readCheckSettings, readRubric } from '../src/index.js'
import { forbiddenIn } from '../src/indicators/integrity.js'
import { parsePage } from '../src/html.js'
import { resolveInternal } from '../src/site.js'

function config(extra: Partial<ProjectConfig>): ProjectConfig {
  return { ...defineConfig({ body: { name: '青川县生态环境局' }, site: { columns: [{ id: 'news', title: '工作动态' }] } }), ...extra }
}

describe('check settings', () => {
  it('add the office’s words to the default list and drop the allowed ones', () => {
    const s = readCheckSettings(config({ check: { forbiddenWords: ['某某娱乐'], allowWords: ['私服'] } }))
    expect(s.forbiddenWords).toContain('某某娱乐')
    expect(s.forbiddenWords).not.toContain('私服')
    expect(s.forbiddenWords.length).toBe(DEFAULT_FORBIDDEN_WORDS.length)
  })

  it('report a bad value at its line in gongkai.config.yaml and keep the default', () => {
    const diagnostics: Diagnostic[] = []
    const s = readCheckSettings(config({ check: { freshness: { home: '两周', columns: { nope: 14 } } }, settingPlaces: { 'check.freshness.home': { line: 80, column: 11 } } }), diagnostics)
    expect(s.homeDays).toBe(14)
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['check/bad-setting', 'gongkai.config.yaml', undefined, '自查设置 check.freshness.columns.nope 中的栏目“nope”不在 site.columns 中'],
      ['check/bad-setting', 'gongkai.config.yaml', 80, '自查设置 check.freshness.home 应为正整数天数，而不是“两周”'],
    ])
  })
})

describe('the rubric', () => {
  it('takes a number as the points of a rule, an object as points and cap, and names an unknown rule', () => {
    const diagnostics: Diagnostic[] = []
    const r = readRubric(
      config({
        assessment: { rubric: { 'deadlines/late': 3, 'links/broken': { points: 2, max: 6 }, 'deadline/late': 1 } },
        settingPlaces: { 'assessment.rubric.deadline/late': { line: 90, column: 5 } },
      }),
      diagnostics,
    )
    expect(r.rules['deadlines/late']).toEqual({ points: 3, max: 10 })
    expect(r.rules['links/broken']).toEqual({ points: 2, max: 6 })
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'assessment/bad-setting', line: 90, message: '自评设置 assessment.rubric.deadline/late 中的规则“deadline/late”不存在' })
  })
})

describe('contrast', () => {
  it('follows WCAG 2: black on white is 21, white on the kiosk’s deep blue passes AA', () => {
    expect(contrastRatio('#000', '#fff')).toBe(21)
    expect(contrastRatio('#ffffff', '#0b2a5b')).toBeGreaterThan(4.5)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('red', '#fff')).toBeUndefined()
  })
})

describe('links and words', () => {
  it('resolve a page’s links inside the site, and leave fragments, mail and other sites alone', () => {
    expect(resolveInternal('p/a.html', '../items/X.html#top')).toBe('items/X.html')
    expect(resolveInternal('index.html', 'columns/%E4%B8%93%E6%A0%8F.html')).toBe('columns/专栏.html')
    expect(resolveInternal('p/a.html', '#main')).toBeUndefined()
    expect(resolveInternal('p/a.html', 'mailto:gk@example.gov.cn')).toBeUndefined()
    expect(resolveInternal('p/a.html', 'https://www.gov.cn/')).toBeUndefined()
    expect(resolveInternal('p/a.html', 'https://www.example.gov.cn/gk/p/b.html', new URL('https://www.example.gov.cn/gk/'))).toBe('p/b.html')
  })

  it('find an injected name in hidden text and in attributes, once per injection, with its line', () => {
    const page = parsePage('index.html', '<html lang="zh-CN">\n<body>\n<p>正文</p>\n<a href="#" title="威尼斯人娱乐" style="display:none">&#28595;&#38376;&#26032;&#33889;&#20140;</a>\n</body></html>')
    expect(forbiddenIn(page, DEFAULT_FORBIDDEN_WORDS)).toEqual([{ word: '澳门新葡京' }, { word: '威尼斯人娱乐', line: 4 }])
  })
})
