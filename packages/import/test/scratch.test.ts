import { it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { noticeDocx, penaltyDocx, trickyDocx, styledDocx } from './support/make-docx.js'
it('x', async () => {
  mkdirSync('/tmp/docs', { recursive: true })
  writeFileSync('/tmp/docs/关于开展冬季大气污染防治专项检查的通知.docx', await noticeDocx())
  writeFileSync('/tmp/docs/行政处罚决定书15号.docx', await penaltyDocx())
  writeFileSync('/tmp/docs/名录调整.docx', await trickyDocx())
  writeFileSync('/tmp/docs/监测结果.docx', await styledDocx())
  writeFileSync('/tmp/docs/检查人员名单.pdf', '%PDF-1.4 fake')
  writeFileSync('/tmp/docs/附件2 检查记录表.xlsx', 'x')
  writeFileSync('/tmp/docs/旧文件.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))
})
