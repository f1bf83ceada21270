import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic, hasErrors } from '../src/diagnostics.js'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url))
/** `file:line:column code` of every diagnostic, the shape the assertions compare. */
const where = (ds: readonly { file?: string; line?: number; column?: number; code: string }[]) => ds.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.code}`)

describe('loadProject: a valid project', () => {
  it('reads config, catalog and publications with no errors', async () => {
    const p = await loadProject(fixture('valid'))
    expect(p.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(p.config.body.orgCode).toBe('008672531')
    // The place is the cron expression's first character (inside the quotes), so field errors get a column.
    expect(p.config.schedules[0]).toMatchObject({ id: 'wechat-morning', cron: '0 9 * * *', workdays: true, place: { file: 'gongkai.config.yaml', line: 18, column: 12 } })
    expect(p.publications.map((x) => x.id).sort()).toEqual(['2026-xk-001', '2026-xzcf-007', '2026-zc-003', '2026-zc-003-jd'])
    expect(p.disclosures).toHaveLength(4)
  })

  it('accepts Chinese labels and synonyms and time limits as words or as a mapping', async () => {
    const p = await loadProject(fixture('valid'))
    const plan = p.catalog.get('HB-ZFXX-003')
    expect(plan).toMatchObject({
      channels: ['website', 'wechat', 'broadcast'],
      audience: 'public',
      mode: 'proactive',
      level: ['county', 'township'],
      basis: ['《中华人民共和国政府信息公开条例》第二十条'],
      owner: '综合科',
      timeLimit: { kind: 'working-days', days: 20, from: 'formed', text: '信息形成或者变更之日起20个工作日内' },
    })
    expect(p.catalog.get('HB-XK-005')).toMatchObject({ mode: 'on-request', audience: 'specific', level: ['county'], timeLimit: { kind: 'calendar-days', days: 15, from: 'event' } })
    expect(p.catalog.get('HB-XZCF-001')?.timeLimit).toMatchObject({ kind: 'working-days', days: 7, from: 'decided' })
    expect(p.catalog.get('HB-XZXK-002')?.timeLimit).toEqual({ kind: 'annual', month: 1, day: 31, text: '每年1月31日前' })
    expect(p.catalog.adjustments.map((a) => `${a.date} ${a.kind} ${a.code}`)).toEqual(['2026-03-01 delegate HB-XK-005', '2026-05-01 assume HB-XZXK-002', '2026-06-01 amend HB-ZFXX-003'])
  })

  it('reads front matter, links interpretations, keeps field positions and the body line', async () => {
    const p = await loadProject(fixture('valid'))
    const xzcf = p.disclosures.find((d) => d.publication.id === '2026-xzcf-007')
    expect(xzcf?.publication).toMatchObject({
      kind: 'release',
      stage: 'result',
      publishAt: '2026-11-24T09:00:00+08:00',
      noticePeriod: { from: '2026-11-26', until: '2026-12-03' },
      review: { by: '王建国', on: '2026-11-21' },
      tags: ['大气污染', '执法'],
      source: { file: 'publications/2026/2026-xzcf-007.md', bodyLine: 15 },
    })
    expect(xzcf?.publication.source.fields?.['title']).toEqual({ line: 4, column: 8 })
    expect(xzcf?.publication.source.fields?.['review.on']).toEqual({ line: 11, column: 24 })
    expect(xzcf?.indexNo).toMatch(/^008672531\/2026-\d{5}$/)
    expect(xzcf?.tree.children.map((n) => n.type)).toEqual(['paragraph', 'table'])
    const release = p.disclosures.find((d) => d.publication.id === '2026-zc-003')
    expect(release?.publication).toMatchObject({ kind: 'release', stage: 'decision' })
    expect(release?.links.interpretations.map((x) => x.id)).toEqual(['2026-zc-003-jd'])
    const jd = p.disclosures.find((d) => d.publication.id === '2026-zc-003-jd')
    expect(jd?.links.release?.id).toBe('2026-zc-003')
  })
})

describe('loadProject: every rule, with the exact line and column', () => {
  it('gongkai.config.yaml', async () => {
    const p = await loadProject(fixture('config-errors'))
    expect(where(p.diagnostics)).toEqual([
      'gongkai.config.yaml:3:12 config/org-code-number',
      'gongkai.config.yaml:5:3 config/missing-field',
      'gongkai.config.yaml:5:12 config/bad-value',
      'gongkai.config.yaml:6:3 config/unknown-field',
      'gongkai.config.yaml:7:11 config/bad-value',
      'gongkai.config.yaml:8:1 config/unknown-field',
      'gongkai.config.yaml:13:11 config/bad-cron',
      'gongkai.config.yaml:14:9 config/duplicate-schedule',
      'gongkai.config.yaml:15:11 config/bad-value',
    ])
    // Leading zeros survive an unquoted organisation code.
    expect(p.config.body.orgCode).toBe('008672531')
    const typo = p.diagnostics.find((d) => d.line === 8)
    expect(typo).toMatchObject({ severity: 'warning', hint: '是否想写“channels”？' })
    expect(p.diagnostics.find((d) => d.line === 6)?.hint).toBe('是否想写“title”？')
    expect(p.diagnostics.find((d) => d.line === 15)?.hint).toMatch(/^是否想写“wechat”？/)
    // The publications still load.
    expect(p.disclosures.map((d) => d.publication.id)).toEqual(['2026-zc-003'])
  })

  it('catalog.yaml', async () => {
    const p = await loadProject(fixture('catalog-errors'))
    expect(where(p.diagnostics)).toEqual([
      'catalog.yaml:2:5 catalog/missing-field',
      'catalog.yaml:7:5 catalog/unknown-field',
      'catalog.yaml:8:16 catalog/unknown-time-limit',
      'catalog.yaml:9:25 catalog/unknown-channel',
      'catalog.yaml:10:15 catalog/bad-value',
      'catalog.yaml:13:11 catalog/duplicate-code',
      'catalog.yaml:24:11 catalog/unsafe-code',
      'catalog.yaml:36:11 catalog/bad-date',
      'catalog.yaml:41:11 catalog/bad-value',
      'catalog.yaml:42:11 catalog/unknown-item',
    ])
    const ds = p.diagnostics
    expect(ds[0]?.message).toContain('owner')
    expect(ds[1]).toMatchObject({ severity: 'warning', hint: '是否想写“owner”？' })
    expect(ds[2]?.severity).toBe('warning')
    expect(ds[3]?.hint).toMatch(/^是否想写“wechat”？/)
    // The first HB-001 is kept (with what could be read), the duplicate and the unsafe code are not.
    expect(p.catalog.items.map((i) => i.code)).toEqual(['HB-001'])
    expect(p.catalog.get('HB-001')).toMatchObject({ channels: ['website'], mode: 'on-request', level: ['township'], timeLimit: { kind: 'unknown' } })
    for (const d of ds) {
      expect(d.message).toMatch(/[\u4e00-\u9fff]/)
      expect(d.hint).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('publications: every problem of every file in one pass, good ones still disclosed', async () => {
    const p = await loadProject(fixture('publication-errors'))
    expect(where(p.diagnostics)).toEqual([
      'publications/bad-date.md:7:9 publication/bad-date',
      'publications/bad-kind.md:5:7 publication/bad-value',
      'publications/bad-publish-at.md:8:12 publication/bad-date',
      'publications/cancelled.md:7:9 publication/item-not-in-force',
      'publications/delegated.md:7:9 publication/item-not-in-force',
      'publications/dup-b.md:2:5 publication/duplicate-id',
      'publications/interp-no-of.md:5:7 publication/wrong-kind',
      'publications/missing-release.md:6:5 publication/missing-release',
      'publications/missing-title.md:2:1 publication/missing-field',
      'publications/no-front-matter.md:1:1 publication/no-front-matter',
      'publications/not-yet-added.md:7:9 publication/item-not-in-force',
      'publications/raw-html.md:13:1 markdown/raw-html',
      'publications/release-with-of.md:6:5 publication/wrong-kind',
      'publications/unknown-field.md:8:1 publication/unknown-field',
      'publications/unknown-item.md:3:7 publication/unknown-item',
      'publications/unsafe-id.md:2:5 publication/unsafe-id',
      'publications/unsafe-item.md:3:7 publication/unsafe-id',
      'publications/yaml-error.md:5:1 yaml/syntax',
    ])
    const by = (file: string) => p.diagnostics.find((d) => d.file === `publications/${file}.md`)
    expect(by('bad-date')?.message).toContain('2026-02-30')
    expect(by('cancelled')?.message).toContain('2026-04-01 取消')
    expect(by('delegated')?.message).toContain('下放至乡镇人民政府')
    expect(by('not-yet-added')?.message).toContain('自 2026-05-01 起才新增')
    expect(by('unsafe-id')?.message).toContain('“..”')
    expect(by('unsafe-item')?.message).toContain('控制字符')
    expect(by('unknown-item')?.hint).toBe('是否想写“HB-XZCF-001”？')
    expect(by('bad-kind')?.hint).toMatch(/^是否想写“release”？/)
    expect(by('unknown-field')).toMatchObject({ severity: 'warning', hint: '是否想写“review”？' })
    expect(by('dup-b')?.message).toContain('publications/dup-a.md')
    // Good publications (warnings only) come through; every one with an error stays out.
    expect(p.disclosures.map((d) => d.publication.id).sort()).toEqual(['dup', 'good', 'raw-html', 'unknown-field'])
    expect(hasErrors(p.diagnostics)).toBe(true)
    const raw = p.disclosures.find((d) => d.publication.id === 'raw-html')
    expect(raw?.tree.children.map((n) => n.type)).toEqual(['paragraph'])
  })

  it('a YAML syntax error is reported once, where YAML found it', async () => {
    const p = await loadProject(fixture('yaml-syntax'))
    expect(where(p.diagnostics)).toEqual(['catalog.yaml:4:1 yaml/syntax'])
    expect(p.diagnostics[0]?.hint).toMatch(/缩进/)
  })

  it('missing config and catalog are diagnostics, not exceptions', async () => {
    // An empty folder made here: git keeps no empty fixture folders, and CI runs on a fresh clone.
    const p = await loadProject(mkdtempSync(join(tmpdir(), 'gongkai-missing-files-')))
    expect(where(p.diagnostics)).toEqual(['gongkai.config.yaml:: config/missing-file', 'catalog.yaml:: catalog/missing-file'])
    await expect(loadProject(fixture('does-not-exist'))).rejects.toMatchObject({ code: 'project/not-found' })
  })
})

/** A config and a one-item catalog held in memory, for `validateProject`. */
const ONE_ITEM = {
  config: { file: 'gongkai.config.yaml', text: 'body: { name: 局, orgCode: "000000001" }\nsite: { title: 站, baseUrl: "https://a.gov.cn/" }\n' },
  catalog: {
    file: 'catalog.yaml',
    text: 'items:\n  - { code: A-1, name: 甲, category: 类, basis: 依据, content: 内容, owner: 科, timeLimit: 实时, channels: [website], audience: 特定群体, mode: 依申请, level: 乡级 }\n',
  },
}

describe('validateProject: no disk', () => {
  it('checks texts held in memory, front matter lines offset by the opening ---', () => {
    const r = validateProject({
      ...ONE_ITEM,
      publications: [
        { file: 'publications/a.md', text: '---\nid: a\nitem: A-1\ntitle: 标题\nkind: release\nstage: result\nformed: 2026-01-05\n---\n正文\n' },
        { file: 'publications/b.md', text: '---\nid: b\nitem: A-1\ntitle: 标题\nkind: response\nof: a\nstage: result\nformed: 2026-02-29\n---\n' },
      ],
    })
    expect(where(r.diagnostics)).toEqual(['publications/b.md:8:9 publication/bad-date'])
    expect(r.catalog.get('A-1')).toMatchObject({ audience: 'specific', mode: 'on-request', level: ['township'], timeLimit: { kind: 'realtime' } })
    expect(r.disclosures.map((d) => d.publication.id)).toEqual(['a'])
    expect(r.disclosures[0]?.indexNo).toBe('000000001/2026-00001')
    expect(r.disclosures[0]?.publication.source.bodyLine).toBe(9)
  })

  it('warns when the body ends with its own 附件 line while attachments lists the files, at that line', () => {
    const publication = (id: string, attachments: string, body: string) => ({
      file: `publications/${id}.md`,
      text: `---\nid: ${id}\nitem: A-1\ntitle: 标题\nkind: release\nstage: result\nformed: 2026-01-05\n${attachments}---\n${body}`,
    })
    const r = validateProject({
      ...ONE_ITEM,
      publications: [
        publication('twice', 'attachments:\n  - { title: 方案, path: assets/a.pdf }\n', '正文。\n\n附件：方案\n'),
        publication('numbered', 'attachments:\n  - { title: 方案, path: assets/a.pdf }\n', '正文。\n\n附件1：方案\n\n[^1]: 注\n'),
        publication('only-body', '', '正文。\n\n附件：方案\n'),
        publication('mid-body', 'attachments:\n  - { title: 方案, path: assets/a.pdf }\n', '附件：方案见后。\n\n正文。\n'),
      ],
    })
    expect(where(r.diagnostics)).toEqual(['publications/numbered.md:13:1 publication/attachments-twice', 'publications/twice.md:13:1 publication/attachments-twice'])
    expect(r.diagnostics.find((d) => d.subject === 'twice')).toMatchObject({ severity: 'warning', hint: expect.stringContaining('attachments') })
    expect(r.disclosures).toHaveLength(4)
  })

  it('a file with its own errors still has its item and its of checked, so one pass shows every problem', () => {
    const r = validateProject({
      ...ONE_ITEM,
      publications: [
        { file: 'publications/a.md', text: '---\nid: a\nitem: A-1\ntitle: 发布\nkind: release\nstage: result\nformed: 2026-01-05\n---\n正文\n' },
        { file: 'publications/b.md', text: '---\nid: b\nitem: A-9\ntitle: 回应\nkind: response\nof: aa\nstage: result\nformed: 2026-02-30\n---\n正文\n' },
        { file: 'publications/c.md', text: '---\nid: c\nitem: A-1\ntitle: 解读\nkind: interpretation\nof: a\nstage: result\nformed: 2026-13-01\n---\n正文\n' },
      ],
    })
    expect(where(r.diagnostics)).toEqual([
      'publications/b.md:3:7 publication/unknown-item',
      'publications/b.md:6:5 publication/missing-release',
      'publications/b.md:8:9 publication/bad-date',
      'publications/c.md:8:9 publication/bad-date',
    ])
    expect(r.diagnostics.find((d) => d.code === 'publication/missing-release')?.hint).toBe('是否想写“a”？')
  })
})
