/** 主送机关 stands flush left under the title (GB/T 9704-2012 7.3.2); the paragraphs after it keep their two-character indent. */
import { describe, expect, it } from 'vitest'
import { findBodyAddressee, isAddresseeLine } from '@gongkai/core'
import { renderSheet } from '../src/internal.js'
import { lines, words } from './bbox.js'
import { publication, setup } from './fixtures.js'
import { save } from './pdf-tools.js'

const MM = 72 / 25.4
const LEFT = 28 * MM
const EM = (156 * MM) / 28

async function bodyLines(body: string) {
  const { disclosures, ctx } = setup([publication('2026-zfxx-101', body, { title: '关于做好秋冬季大气污染防治工作的通知', formed: '2026-11-20' })])
  const { pdf } = await renderSheet(disclosures[0]!, ctx)
  return words(save(pdf)).flatMap((page) => lines(page))
}

describe('主送机关', () => {
  it('is recognised by one rule: a short line ending with a colon, no sentence, not a label', () => {
    expect(isAddresseeLine('各乡镇人民政府，县直各部门：')).toBe(true)
    expect(isAddresseeLine('四川某某化工有限公司:')).toBe(true)
    expect(isAddresseeLine('附件：')).toBe(false)
    expect(isAddresseeLine('当事人：某某公司')).toBe(false)
    expect(isAddresseeLine('一、总体要求：')).toBe(false)
    expect(isAddresseeLine('根据有关规定，现通知如下：经研究。')).toBe(false)
    expect(isAddresseeLine('现将有关事项通知如下')).toBe(false)
    // The example's bodies: two addressees, and sentences that introduce a list.
    expect(isAddresseeLine('各乡镇人民政府，县级有关部门，各建设单位：')).toBe(true)
    expect(isAddresseeLine('执法大队，各科室：')).toBe(true)
    expect(isAddresseeLine('群众发现环境污染和生态破坏问题，可以通过以下渠道向本局反映：')).toBe(false)
    expect(isAddresseeLine('8月16日，有网民在“青川生态环境”微信公众号留言，反映石门河青杠湾以下河段水面仍可见零星油膜，担心影响下游用水。本局回应如下：')).toBe(false)
    expect(isAddresseeLine('检查结果如下：')).toBe(false)
  })

  it('sets the addressee at the left margin and indents the paragraph after it by two characters', async () => {
    const all = await bodyLines('各乡镇人民政府，县直各部门：\n\n为切实改善全县环境空气质量，现将秋冬季大气污染防治有关工作通知如下，请认真贯彻执行，确保各项措施落实到位。')
    const addressee = all.find((l) => l.text === '各乡镇人民政府，县直各部门：')
    const next = all.find((l) => l.text.startsWith('为切实改善'))
    expect(addressee, all.map((l) => l.text).join('\n')).toBeDefined()
    expect(addressee!.x0).toBeCloseTo(LEFT, 0)
    expect(next!.x0).toBeCloseTo(LEFT + 2 * EM, 0)
  })

  it('leaves a body that opens with a sentence indented as before', async () => {
    const all = await bodyLines('为切实改善全县环境空气质量，现将秋冬季大气污染防治有关工作通知如下，请认真贯彻执行。')
    expect(all.find((l) => l.text.startsWith('为切实改善'))!.x0).toBeCloseTo(LEFT + 2 * EM, 0)
  })

  it('is found only as the first block, once', () => {
    const para = (value: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] })
    expect(findBodyAddressee({ type: 'root', children: [para('各乡镇人民政府：'), para('正文。')] })).toEqual({ text: '各乡镇人民政府', index: 0 })
    expect(findBodyAddressee({ type: 'root', children: [para('正文。'), para('各乡镇人民政府：')] })).toBeUndefined()
  })
})
