/** The publication body's HTML: heading levels under the page title. */
import { markdownProcessor } from '@gongkai/core/internal'
import { describe, expect, it } from 'vitest'
import { renderBody } from '../src/html/to-html.js'

const body = (markdown: string) => renderBody(markdownProcessor.parse(markdown), '../').html
const levels = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>([^<]*)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]}`)

describe('body headings', () => {
  it('sets a body that starts at ## right under the page title, as the example documents do', () => {
    expect(levels(body('导语。\n\n## 一、违法事实\n\n正文。\n\n### （一）证据\n\n## 二、依据\n'))).toEqual(['h2 一、违法事实', 'h3 （一）证据', 'h2 二、依据'])
  })

  it('sets a body that starts at # one level down', () => {
    expect(levels(body('# 总则\n\n## 细则\n'))).toEqual(['h2 总则', 'h3 细则'])
  })

  it('never skips a level going down, whatever the Markdown skipped', () => {
    expect(levels(body('## 一、目标\n\n#### 说明\n\n###### 备注\n\n## 二、措施\n'))).toEqual(['h2 一、目标', 'h3 说明', 'h4 备注', 'h2 二、措施'])
  })

  it('keeps the footnote section’s 注释 at h2, beside 附件', () => {
    const html = body('### 一、背景\n\n正文[^1]。\n\n[^1]: 注文。\n')
    expect(levels(html)).toEqual(['h2 一、背景', 'h2 注释'])
    expect(html).toMatch(/<h2[^>]*id="footnote-label"/)
  })
})
