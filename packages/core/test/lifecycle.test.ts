/** The lifecycle fields of the front matter: withdrawn, corrections, validity, expires; read, positioned, checked across files. */
import { cpSync, existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { effectiveValidity, withdrawalInForce } from '../src/due.js'
import { loadProject } from '../src/project/load.js'
import { validateProject } from '../src/project/validate.js'

const fixture = (file: string) => readFileSync(fileURLToPath(new URL(`./fixtures/valid/${file}`, import.meta.url)), 'utf8')
const config = { file: 'gongkai.config.yaml', text: fixture('gongkai.config.yaml') }
const catalog = { file: 'catalog.yaml', text: fixture('catalog.yaml') }

/** A release formed 2026-02-10 with `extra` front-matter lines (from line 8 on). */
const pub = (id: string, extra: readonly string[] = []) => ({
  file: `publications/${id}.md`,
  text: ['---', `id: ${id}`, 'item: HB-ZFXX-003', 'title: 测试规划', 'kind: release', 'stage: decision', 'formed: 2026-02-10', ...extra, '---', '', '正文。', ''].join('\n'),
})

const run = (...publications: ReturnType<typeof pub>[]) => validateProject({ config, catalog, publications })
/** `file:line:column code` of every lifecycle diagnostic. */
const where = (r: ReturnType<typeof run>) =>
  r.diagnostics.filter((d) => d.file?.startsWith('publications/') === true).map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.severity} ${d.code}`)

describe('lifecycle fields: reading', () => {
  it('reads withdrawn, corrections, validity and expires onto the publication, with their positions', () => {
    const r = run(
      pub('a', [
        'withdrawn: { on: 2026-03-01, reason: 规划已被新规划替代, mode: redirect, to: b }',
        'corrections:',
        '  - { on: 2026-02-20, note: 更正了第二段的年份 }',
        '  - on: 2026-02-25',
        '    note: 补充了附件',
        'validity: { status: 废止, on: 2026-03-01, by: b }',
        'expires: 2027-12-31',
      ]),
      pub('b'),
    )
    expect(where(r)).toEqual([])
    const a = r.publications.find((p) => p.id === 'a')
    expect(a?.withdrawn).toEqual({ on: '2026-03-01', reason: '规划已被新规划替代', mode: 'redirect', to: 'b' })
    expect(a?.corrections).toEqual([
      { on: '2026-02-20', note: '更正了第二段的年份' },
      { on: '2026-02-25', note: '补充了附件' },
    ])
    expect(a?.validity).toEqual({ status: '废止', on: '2026-03-01', by: 'b' })
    expect(a?.expires).toBe('2027-12-31')
    expect(a?.source.fields?.['withdrawn.to']).toEqual({ line: 8, column: 69 })
    expect(a?.source.fields?.['corrections.1.note']).toEqual({ line: 12, column: 11 })
    expect(a?.source.fields?.['validity.status']).toEqual({ line: 13, column: 21 })
    // The fields reach the channels on the disclosure.
    expect(r.disclosures.find((d) => d.publication.id === 'a')?.publication.withdrawn?.mode).toBe('redirect')
  })

  it('comes back the same from the load cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-lifecycle-'))
    cpSync(fileURLToPath(new URL('./fixtures/valid/', import.meta.url)), dir, { recursive: true })
    const file = join(dir, 'publications', 'a.md')
    writeFileSync(
      file,
      pub('a', ['withdrawn: { on: 2026-03-01, reason: 错发, mode: notice }', 'corrections: [{ on: 2026-02-20, note: 改 }]', 'validity: { status: 失效 }', 'expires: 2027-01-01']).text,
    )
    // Old enough that the cache trusts it (a file changed just before a load is read again).
    utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))
    const fields = (p: Awaited<ReturnType<typeof loadProject>>) => {
      const a = p.publications.find((x) => x.id === 'a')
      return { withdrawn: a?.withdrawn, corrections: a?.corrections, validity: a?.validity, expires: a?.expires, at: a?.source.fields?.['withdrawn.mode'] }
    }
    const cold = fields(await loadProject(dir))
    expect(cold).toEqual({
      withdrawn: { on: '2026-03-01', reason: '错发', mode: 'notice' },
      corrections: [{ on: '2026-02-20', note: '改' }],
      validity: { status: '失效' },
      expires: '2027-01-01',
      at: { line: 8, column: 48 },
    })
    expect(existsSync(join(dir, '.gongkai', 'cache', 'load.bin'))).toBe(true)
    expect(fields(await loadProject(dir))).toEqual(cold)
  })

  it('warns about a to that a mode other than redirect ignores', () => {
    const r = run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 错发, mode: notice, to: b }']), pub('b'))
    expect(where(r)).toEqual(['publications/a.md:8:60 warning publication/to-without-redirect'])
    expect(r.publications.find((p) => p.id === 'a')?.withdrawn).toEqual({ on: '2026-03-01', reason: '错发', mode: 'notice' })
  })

  it('accepts the Chinese spellings of the modes', () => {
    const r = run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 错发, mode: 撤下 }']))
    expect(where(r)).toEqual([])
    expect(r.publications[0]?.withdrawn).toEqual({ on: '2026-03-01', reason: '错发', mode: 'remove' })
  })
})

describe('lifecycle fields: each problem at its place', () => {
  it('an unknown mode, with the nearest one suggested, and the file is not published', () => {
    const r = run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 错发, mode: remov }']))
    expect(where(r)).toEqual(['publications/a.md:8:48 error publication/bad-withdraw-mode'])
    const d = r.diagnostics.find((x) => x.code === 'publication/bad-withdraw-mode')
    expect(d?.message).toContain('“remov”')
    expect(d?.hint).toContain('是否想写“remove”')
    expect(r.publications).toEqual([])
  })

  it('a redirect without to, to an unknown publication, to a withdrawn one, or to itself', () => {
    expect(where(run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 合并, mode: redirect }'])))).toEqual(['publications/a.md:8:42 error publication/redirect-without-to'])
    const unknown = run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 合并, mode: redirect, to: bb }']), pub('b'))
    expect(where(unknown)).toEqual(['publications/a.md:8:62 error publication/unknown-redirect'])
    expect(unknown.diagnostics.find((d) => d.code === 'publication/unknown-redirect')?.hint).toContain('“b”')
    expect(unknown.disclosures.map((d) => d.publication.id)).toEqual(['b'])
    const withdrawn = run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 合并, mode: redirect, to: b }']), pub('b', ['withdrawn: { on: 2026-03-01, reason: 错发, mode: remove }']))
    expect(where(withdrawn)).toEqual(['publications/a.md:8:62 error publication/redirect-to-withdrawn'])
    expect(withdrawn.diagnostics.find((d) => d.code === 'publication/redirect-to-withdrawn')?.message).toContain('已于 2026-03-01 撤回')
    expect(where(run(pub('a', ['withdrawn: { on: 2026-03-01, reason: 合并, mode: redirect, to: a }'])))).toEqual(['publications/a.md:8:62 error publication/unknown-redirect'])
  })

  it('dates before formation: withdrawal, correction, validity, expiry', () => {
    const r = run(
      pub('a', ['withdrawn: { on: 2026-02-01, reason: 错发, mode: notice }']),
      pub('b', ['corrections:', '  - { on: 2026-03-01, note: 对 }', '  - { on: 2026-01-05, note: 早了 }', 'validity: { status: 失效, on: 2026-01-01 }', 'expires: 2026-02-09']),
    )
    expect(where(r)).toEqual([
      'publications/a.md:8:18 error publication/date-before-formed',
      'publications/b.md:10:11 error publication/correction-before-formed',
      'publications/b.md:11:29 error publication/date-before-formed',
      'publications/b.md:12:10 error publication/date-before-formed',
    ])
    expect(r.diagnostics.find((d) => d.code === 'publication/correction-before-formed')?.message).toBe('公开信息“b”的第 2 条更正说明的日期 2026-01-05 早于信息形成日期 2026-02-10')
    // The good correction stays; the bad one, the validity and the expiry are left out.
    const b = r.publications.find((p) => p.id === 'b')
    expect(b?.corrections).toEqual([{ on: '2026-03-01', note: '对' }])
    expect(b?.validity).toBeUndefined()
    expect(b?.expires).toBeUndefined()
  })

  it('a validity status outside 有效/失效/废止, and a by that names no publication', () => {
    const r = run(pub('a', ['validity: { status: 作废, by: 2026-zc-999 }']), pub('b', ['validity: { status: 废止, by: 县环发〔2026〕3号 }']))
    expect(where(r)).toEqual(['publications/a.md:8:21 error publication/bad-validity-status'])
    expect(r.diagnostics[0]?.hint).toContain('有效、失效、废止')
    const by = run(pub('a', ['validity: { status: 废止, by: bb }']), pub('b'))
    expect(where(by)).toEqual(['publications/a.md:8:29 error publication/unknown-validity-by'])
    expect(by.diagnostics.find((d) => d.code === 'publication/unknown-validity-by')?.hint).toContain('“b”')
  })
})

describe('effectiveValidity', () => {
  // 2026-06-30 16:30 UTC is already 2026-07-01 in Shanghai.
  const eve = new Date('2026-06-30T15:59:59Z')
  const day = new Date('2026-06-30T16:00:00Z')

  it('turns 失效 on the expiry day in the project timezone, not before', () => {
    expect(effectiveValidity({ expires: '2026-07-01' }, eve)).toBe('有效')
    expect(effectiveValidity({ expires: '2026-07-01' }, day)).toBe('失效')
    expect(effectiveValidity({ expires: '2026-07-01' }, day, 'UTC')).toBe('有效')
  })

  it('a status counts from its day; 废止 outranks expiry; nothing written is no validity', () => {
    expect(effectiveValidity({ validity: { status: '废止', on: '2026-07-02' } }, day)).toBe('有效')
    expect(effectiveValidity({ validity: { status: '废止', on: '2026-07-01' }, expires: '2026-06-01' }, day)).toBe('废止')
    expect(effectiveValidity({ validity: { status: '有效' }, expires: '2026-06-01' }, day)).toBe('失效')
    expect(effectiveValidity({}, day)).toBeUndefined()
  })
})

describe('withdrawalInForce', () => {
  const eve = new Date('2026-06-30T15:59:59Z')
  const day = new Date('2026-06-30T16:00:00Z')
  const withdrawn = { on: '2026-07-01', reason: '内容有误', mode: 'remove' as const }

  it('is in force from its day in the project timezone, not before; none written is none', () => {
    expect(withdrawalInForce({ withdrawn }, eve)).toBeUndefined()
    expect(withdrawalInForce({ withdrawn }, day)).toEqual(withdrawn)
    expect(withdrawalInForce({ withdrawn }, day, 'UTC')).toBeUndefined()
    expect(withdrawalInForce({}, day)).toBeUndefined()
  })
})
