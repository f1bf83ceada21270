/** Header scopes in tables of figures (the annual report's 表二、表三、表四), and no change elsewhere. */
import { markdownProcessor } from '@gongkai/core/internal'
import { describe, expect, it } from 'vitest'
import { renderBody } from '../src/html/to-html.js'

const body = (markdown: string) => renderBody(markdownProcessor.parse(markdown), '../').html
const cells = (html: string) => [...html.matchAll(/<(t[hd])((?: [a-z]+="[^"]*")*)>([^<]*)<\/t[hd]>/g)].map((m) => `${m[1]}${m[2]} ${m[3]}`)

describe('table header scopes', () => {
  it('a table of figures: head cells scope col, each row label a row header', () => {
    const html = body('| 申请情况 | 自然人 | 总计 |\n| --- | --: | --: |\n| 一、本年新收政府信息公开申请数量 | 18 | 30 |\n| 三、本年度办理结果 |  |  |\n| （一）予以公开 | 8 | 12 |\n')
    expect(cells(html)).toEqual([
      'th scope="col" 申请情况',
      'th scope="col" class="align-right" 自然人',
      'th scope="col" class="align-right" 总计',
      'th scope="row" 一、本年新收政府信息公开申请数量',
      'td class="align-right" 18',
      'td class="align-right" 30',
      'th scope="row" 三、本年度办理结果',
      'td class="align-right" ',
      'td class="align-right" ',
      'th scope="row" （一）予以公开',
      'td class="align-right" 8',
      'td class="align-right" 12',
    ])
  })

  it('a table with text in its cells is left as written', () => {
    const html = body('| 项目 | 说明 |\n| --- | --- |\n| 罚款 | 已缴 |\n')
    expect(html).not.toContain('scope=')
    expect(cells(html)).toEqual(['th 项目', 'th 说明', 'td 罚款', 'td 已缴'])
  })
})
