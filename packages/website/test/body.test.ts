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

describe('a body ending with its own signature', () => {
  const signatureOf = (html: string) => /<p class="signature">(.*?)<\/p>/s.exec(html)?.[1]

  it('sets the issuing body over the date as one right-set signature, one span per line', () => {
    const html = body('如不服本决定，可以申请行政复议。\n\n青川县生态环境局  \n2026年11月9日\n')
    expect(signatureOf(html)).toBe('<span><span>青川县生态环境局</span><span>2026年11月9日</span></span>')
    expect(html).toContain('<p>如不服本决定，可以申请行政复议。</p>')
  })

  it('takes a name paragraph followed by a date paragraph, joint bodies and dates in Chinese numerals', () => {
    expect(signatureOf(body('正文。\n\n青川县生态环境局\n\n2026年9月7日\n'))).toBe('<span><span>青川县生态环境局</span><span>2026年9月7日</span></span>')
    expect(signatureOf(body('正文。\n\n青川县生态环境局  \n青川县林业局  \n二〇二六年十一月九日\n'))).toBe(
      '<span><span>青川县生态环境局</span><span>青川县林业局</span><span>二〇二六年十一月九日</span></span>',
    )
  })

  it('finds it before footnote definitions, which render after the body', () => {
    const html = body('正文[^1]。\n\n青川县生态环境局  \n2026年11月9日\n\n[^1]: 注文。\n')
    expect(signatureOf(html)).toBe('<span><span>青川县生态环境局</span><span>2026年11月9日</span></span>')
    expect(html.indexOf('class="signature"')).toBeLessThan(html.indexOf('data-footnotes'))
  })

  it('recognises the config’s issuing body whatever its name ends with', () => {
    expect(signatureOf(body('正文。\n\n青川县生态环境保护综合行政执法  \n2026年11月9日\n'))).toBeUndefined()
    expect(signatureOf(renderBody(markdownProcessor.parse('正文。\n\n青川县生态环境保护综合行政执法  \n2026年11月9日\n'), '../', { bodyName: '青川县生态环境保护综合行政执法' }).html)).toBeDefined()
  })

  it('leaves alone bodies that end otherwise: prose with a date, a date alone, a date not last', () => {
    for (const md of [
      '正文。\n\n本通知自2026年10月15日起施行。\n',
      '正文。\n\n2026年11月9日\n',
      '正文。\n\n公示期：2026年11月9日\n',
      '青川县生态环境局  \n2026年11月9日\n\n以上。\n',
      '联系人：综合科，电话 0839-7202351。  \n2026年7月15日\n',
    ]) {
      expect(signatureOf(body(md)), md).toBeUndefined()
    }
  })
})

describe('lines held by hard breaks', () => {
  it('marks them as lines (set without the paragraph indent), and leaves prose paragraphs alone', () => {
    const html = body('**当事人**：青川县金溪建材有限公司  \n**地址**：青川县金溪镇工业路6号\n\n2026年9月17日，本局执法人员进行现场检查。\n')
    expect(html).toContain('<p class="lines"><strong>当事人</strong>：青川县金溪建材有限公司<br>')
    expect(html).toContain('<p>2026年9月17日，本局执法人员进行现场检查。</p>')
  })
})

describe('a body table', () => {
  it('carries each column’s alignment as a class, never the obsolete align attribute', () => {
    const html = body('| 项目 | 数额（元） | 等级 | 备注 |\n|:--|--:|:-:|---|\n| 罚款 | 189,000.00 | Ⅱ | 已缴 |\n')
    expect(html).not.toMatch(/\salign=/)
    const cells = [...html.matchAll(/<(t[hd])(?: class="([^"]*)")?>([^<]*)<\/\1>/g)].map((m) => `${m[1]}.${m[2] ?? ''} ${m[3]}`)
    expect(cells).toEqual(['th.align-left 项目', 'th.align-right 数额（元）', 'th.align-center 等级', 'th. 备注', 'td.align-left 罚款', 'td.align-right 189,000.00', 'td.align-center Ⅱ', 'td. 已缴'])
  })
})
