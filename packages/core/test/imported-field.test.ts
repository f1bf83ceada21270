import { describe, expect, it } from 'vitest'
import { readPublication } from '../src/project/read-publication.js'

const head = (extra: string) => `---\nid: 2026-tz-001\nitem: HB-ZFXX-001\ntitle: 关于开展检查的通知\nkind: release\nstage: execution\nformed: 2026-11-09\n${extra}---\n\n正文。\n`
const SHA = 'a'.repeat(64)

describe('imported: { file, sha256 }', () => {
  it('is read into the publication, with its place', () => {
    const r = readPublication({ file: 'publications/2026-tz-001.md', text: head(`imported: { file: 关于开展检查的通知.docx, sha256: ${SHA} }\n`) })
    expect(r.diagnostics).toEqual([])
    expect(r.publication?.imported).toEqual({ file: '关于开展检查的通知.docx', sha256: SHA })
    expect(r.publication?.source.fields?.['imported.sha256']).toEqual({ line: 8, column: 43 })
  })

  it('is absent when not written', () => {
    const r = readPublication({ file: 'publications/x.md', text: head('') })
    expect(r.publication).toBeDefined()
    expect(r.publication?.imported).toBeUndefined()
  })

  it('a sha256 that is not 64 hex digits is a warning at its place, dropped, and the publication still loads', () => {
    const r = readPublication({ file: 'publications/x.md', text: head('imported: { file: a.docx, sha256: 12ab }\n') })
    expect(r.publication?.imported).toBeUndefined()
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['publication/bad-imported', 'warning', 8]])
    expect(r.diagnostics[0]?.message).toContain('不是 64 位十六进制数')
  })

  it('an unknown key inside it is reported, a missing file is an error', () => {
    const r = readPublication({ file: 'publications/x.md', text: head(`imported: { sha256: ${SHA}, path: a.docx }\n`) })
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['publication/missing-field', 'publication/unknown-field'])
    expect(r.publication?.imported).toBeUndefined()
  })
})
