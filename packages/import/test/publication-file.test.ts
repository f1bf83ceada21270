import { readPublication } from '@gongkai/core/internal'
import { describe, expect, it } from 'vitest'
import { newPublicationText, updatedPublicationText } from '../src/index.js'

const SHA1 = '1'.repeat(64)
const SHA2 = '2'.repeat(64)

describe('the publication file of an imported document', () => {
  it('a new one: fields in the example order, a comment that it waits for review, and it loads', () => {
    const text = newPublicationText(
      {
        id: '2026-tz-001',
        item: 'HB-ZFXX-001',
        title: '关于开展检查的通知',
        stage: 'execution',
        formed: '2026-11-09',
        docNumber: '青环发〔2026〕12号',
        attachments: [{ title: '名单', path: 'assets/2026-tz-001/名单.pdf' }],
        imported: { file: '通知.docx', sha256: SHA1 },
      },
      '正文。',
    )
    expect(text).toBe(
      [
        '---',
        '# 由 gongkai import-doc 从“通知.docx”导入。核对正文、通过保密审查后写上 review 才会发布。',
        'id: 2026-tz-001',
        'item: HB-ZFXX-001',
        'title: 关于开展检查的通知',
        'kind: release',
        'stage: execution',
        'formed: 2026-11-09',
        'docNumber: 青环发〔2026〕12号',
        'attachments:',
        '  - { title: 名单, path: assets/2026-tz-001/名单.pdf }',
        `imported: { file: 通知.docx, sha256: "${SHA1}" }`,
        '---',
        '',
        '正文。',
        '',
      ].join('\n'),
    )
    expect(readPublication({ file: 'publications/2026-tz-001.md', text }).diagnostics).toEqual([])
  })

  it('an update changes only the lines of the document’s fields; the operator’s layout and comments stay, review goes', () => {
    const old = [
      '---',
      'id: 2026-tz-001   # 编号勿改',
      'item: HB-ZFXX-001',
      'title: 旧标题',
      'kind: release',
      'stage: execution',
      'formed: 2026-11-01',
      'published: 2026-11-13',
      'review: { by: 杜宏斌, on: 2026-11-11 }',
      'tags: [通知, 检查]',
      'attachments:',
      '  - { title: 旧名单, path: assets/old.pdf }',
      '# 附件之后的注释',
      `imported: { file: 通知.docx, sha256: "${SHA1}" }`,
      '---',
      '',
      '旧正文。',
      '',
    ].join('\n')
    const text = updatedPublicationText(old, {
      title: '新标题',
      formed: '2026-11-09',
      docNumber: '青环发〔2026〕12号',
      attachments: [],
      imported: { file: '通知.docx', sha256: SHA2 },
      body: '新正文。',
    })
    const lines = text.split('\n')
    for (const kept of ['id: 2026-tz-001   # 编号勿改', 'published: 2026-11-13', 'tags: [通知, 检查]', '# 附件之后的注释', 'stage: execution']) expect(lines).toContain(kept)
    expect(lines).toContain('title: 新标题')
    expect(lines).toContain('formed: 2026-11-09')
    expect(text).not.toContain('review')
    expect(text).not.toContain('旧名单')
    expect(text).toContain(SHA2)
    expect(text.endsWith('---\n\n新正文。\n')).toBe(true)
    const read = readPublication({ file: 'publications/2026-tz-001.md', text })
    expect(read.diagnostics).toEqual([])
    expect(read.publication).toMatchObject({ title: '新标题', formed: '2026-11-09', docNumber: '青环发〔2026〕12号', tags: ['通知', '检查'], attachments: [], imported: { sha256: SHA2 } })
  })
})
