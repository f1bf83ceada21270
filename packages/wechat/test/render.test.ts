import { createRenderContext } from '@gongkai/core'
import { preflight } from '@gongkai/hub'
import type { Artifact, Disclosure } from '@gongkai/core'
import { Parser } from 'htmlparser2'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { cutAtSentence, digestOf } from '../src/render/digest.js'
import { COVER_SIZE } from '../src/render/cover.js'
import { wechat } from '../src/wechat.js'
import { CONFIG, disclosure, example, renderContext, textOf } from './fixtures.js'

interface Element {
  name: string
  attrs: Record<string, string>
}

function parse(html: string): { elements: Element[]; text: string } {
  const elements: Element[] = []
  let text = ''
  const parser = new Parser({ onopentag: (name, attrs) => void elements.push({ name, attrs }), ontext: (t) => void (text += t) }, { decodeEntities: true })
  parser.write(html)
  parser.end()
  return { elements, text }
}

const channel = wechat({ author: '青川县生态环境局' })
const file = (arts: Artifact[], name: string) => arts.find((a) => a.path.endsWith(`/${name}`))

describe('every example publication', () => {
  let mine: Disclosure[] = []
  const rendered = new Map<string, Artifact[]>()
  let ctx: ReturnType<typeof createRenderContext>

  beforeAll(async () => {
    const project = await example()
    ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now: new Date('2026-11-26T00:00:00Z') })
    mine = project.disclosures.filter((d) => (d.item.channels as readonly string[]).includes('wechat'))
    for (const d of mine) rendered.set(d.publication.id, await channel.render(d, ctx))
  })

  it('passes preflight and renders without problems', async () => {
    expect(mine.length).toBeGreaterThan(30)
    const found = await preflight([channel], mine, ctx)
    expect(found.filter((d) => d.severity === 'error')).toEqual([])
    expect(ctx.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('makes HTML the WeChat editor keeps: inline styles only, no style/script/class/id, local images, WeChat links only', () => {
    for (const d of mine) {
      const arts = rendered.get(d.publication.id) ?? []
      expect(arts.map((a) => a.path.split('/').pop()).slice(0, 4)).toEqual(['article.html', 'cover.jpg', 'preview.html', 'draft.json'])
      const html = textOf(file(arts, 'article.html'))
      expect([...html].length).toBeLessThan(20_000)
      expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024)
      const { elements, text } = parse(html)
      expect(elements[0]?.name).toBe('section')
      for (const el of elements) {
        expect(['style', 'script', 'link', 'iframe', 'ul', 'ol', 'li']).not.toContain(el.name)
        expect(Object.keys(el.attrs).filter((k) => k === 'class' || k === 'id' || k.startsWith('on'))).toEqual([])
        if (el.name === 'a') expect(el.attrs['href']).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//)
        if (el.name === 'img') expect(arts.some((a) => a.path === `${d.publication.id}/${el.attrs['src']}`)).toBe(true)
        if (el.name === 'table') expect(elements[elements.indexOf(el) - 1]?.attrs['style']).toContain('overflow-x:auto')
      }
      // Every [n] in the body has its line under 引用链接.
      const refs = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]))
      if (refs.size > 0) {
        expect(text).toContain('引用链接')
        for (const n of refs) expect(text).toMatch(new RegExp(`\\[${n}\\] [^\\[]+：https?://`))
      }
      const draft = JSON.parse(textOf(file(arts, 'draft.json'))) as { articles: { title: string; digest: string; content: string; thumb_media_id: string }[] }
      const a = draft.articles[0]
      expect(a?.content).toBe(html)
      expect(a?.title).toBe(d.publication.wechatTitle ?? d.publication.title)
      expect([...(a?.title ?? '')].length).toBeLessThanOrEqual(32)
      expect([...(a?.digest ?? '')].length).toBeLessThanOrEqual(128)
      expect(a?.thumb_media_id).toBe('local:cover.jpg')
      expect(textOf(file(arts, 'preview.html'))).toContain(html)
    }
  })

  it('turns external links into numbered references and keeps mp.weixin.qq.com links', () => {
    const zc = textOf(file(rendered.get('2026-zfxx-008') ?? [], 'article.html'))
    expect(parse(zc).text).toMatch(/生态环境部网站\[2\]/)
    expect(parse(zc).text).toContain('[2] 生态环境部网站：https://www.mee.gov.cn/')
    const open = textOf(file(rendered.get('2026-ggfw-004') ?? [], 'article.html'))
    expect(open).toContain('<a href="https://mp.weixin.qq.com/s/Qc7xN2kFhB3vLpTzYw9aRg"')
  })

  it('draws lists as text markers and footnotes as circled numbers under 注释, once', () => {
    const zc = parse(textOf(file(rendered.get('2026-zfxx-008') ?? [], 'article.html'))).text
    expect(zc).toContain('注释')
    expect(zc).toContain('①')
    const note = zc.slice(zc.indexOf('注释'))
    const firstLine = note.split('①')[1]?.slice(0, 12) ?? ''
    // The note's text appears once: under 注释, not also where it was defined.
    expect(zc.split(firstLine).length - 1).toBe(1)
    const ev = textOf(file(rendered.get('2026-hjxx-005') ?? [], 'article.html'))
    expect(ev).toMatch(/>•<\/span><strong>废水<\/strong>/)
    expect(ev).toMatch(/>1\.<\/span>电子邮件/)
  })

  it('keeps the operator cover and draws the others at 2.35:1 with text inside the 1:1 crop only', async () => {
    const own = await sharp(file(rendered.get('2026-hjxx-005') ?? [], 'cover.jpg')?.data as Uint8Array).metadata()
    expect(own.format).toBe('jpeg')
    const drawn = file(rendered.get('2026-ggfw-001') ?? [], 'cover.jpg')?.data as Uint8Array
    const { data, info } = await sharp(drawn).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, (await sharp(drawn).metadata()).format]).toEqual([COVER_SIZE.width, COVER_SIZE.height, 'jpeg'])
    // White title pixels: many inside the centre square, none in the wings.
    let inside = 0
    let outside = 0
    const left = (info.width - info.height) / 2
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels
        if ((data[i] ?? 0) > 235 && (data[i + 1] ?? 0) > 235 && (data[i + 2] ?? 0) > 235) {
          if (x >= left + 40 && x < left + info.height - 40) inside++
          else outside++
        }
      }
    }
    expect(inside).toBeGreaterThan(3000)
    expect(outside).toBe(0)
  })

  it('renders the same bytes twice', async () => {
    for (const id of ['2026-hjxx-001', '2026-zfxx-001', '2026-ggfw-001']) {
      const d = mine.find((x) => x.publication.id === id) as Disclosure
      const again = await channel.render(d, ctx)
      const first = rendered.get(id) ?? []
      expect(again.map((a) => a.path)).toEqual(first.map((a) => a.path))
      again.forEach((a, i) => expect(Buffer.from(a.data).equals(Buffer.from(first[i]?.data ?? ''))).toBe(true))
    }
  })

  it('prepares inline images for uploadimg: JPEG or PNG under 1 MB, beside the article', async () => {
    const arts = rendered.get('2026-hjxx-001') ?? []
    const imgs = arts.filter((a) => /\/img-[0-9a-f]{16}\.(png|jpg)$/.test(a.path))
    // The body's picture and the two charts of its daily readings (chart.test.ts).
    expect(imgs.length).toBe(3)
    for (const img of imgs) {
      expect(img.data.length).toBeLessThan(1024 * 1024)
      expect(['png', 'jpeg']).toContain((await sharp(img.data as Uint8Array).metadata()).format)
    }
  })
})

/** The article's paragraphs: each `<p>`'s style and text. */
function paragraphsOf(html: string): { style: string; text: string }[] {
  const out: { style: string; text: string }[] = []
  const open: { style: string; text: string }[] = []
  const parser = new Parser(
    {
      onopentag: (name, attrs) => {
        if (name === 'p') open.push({ style: attrs['style'] ?? '', text: '' })
      },
      ontext: (t) => {
        for (const p of open) p.text += t
      },
      onclosetag: (name) => {
        const p = name === 'p' ? open.pop() : undefined
        if (p !== undefined) out.push(p)
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return out
}

describe('label lines and the byline', () => {
  let ctx: ReturnType<typeof createRenderContext>
  let arts: Artifact[] = []
  const plain = wechat({})

  beforeAll(async () => {
    const project = await example()
    ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now: new Date('2026-11-26T00:00:00Z') })
    arts = await channel.render(project.disclosures.find((d) => d.publication.id === '2026-xzcf-001') as Disclosure, ctx)
  })

  it('sets label-and-value lines left, breaking the value rather than spreading the label; prose stays justified', () => {
    const ps = paragraphsOf(textOf(file(arts, 'article.html')))
    const fields = ps.find((p) => p.text.includes('统一社会信用代码'))
    expect(fields?.text).toContain('统一社会信用代码：91510822MA6XV2R36H')
    expect(fields?.style).toContain('text-align:left')
    expect(fields?.style).toContain('word-break:break-all')
    const prose = ps.find((p) => p.text.startsWith('2026年9月17日，本局执法人员'))
    expect(prose?.style).toBe('margin:0 0 16px;')
    // The root section justifies what does not say otherwise.
    expect(textOf(file(arts, 'article.html'))).toMatch(/^<section style="[^"]*text-align:justify;/)
  })

  it('takes a short bold label line as a field and a long paragraph that opens with a bold lead as prose', async () => {
    const d = disclosure(
      '2026-t-001',
      '**咨询电话**：0839-7202362（环境影响评价与排放管理科）\n\n**健康提示**：空气质量为良时，极少数异常敏感人群应减少户外活动；早晚高峰时段颗粒物浓度相对较高，晨练宜安排在上午10时以后。\n',
    )
    const ps = paragraphsOf(textOf(file(await plain.render(d, renderContext([d])), 'article.html')))
    expect(ps.find((p) => p.text.startsWith('咨询电话'))?.style).toContain('text-align:left')
    expect(ps.find((p) => p.text.startsWith('健康提示'))?.style).toBe('margin:0 0 16px;')
  })

  it('signs a body that ends with its own signature once, where it stands, set right', async () => {
    const ps = paragraphsOf(textOf(file(arts, 'article.html')))
    const signed = ps.filter((p) => p.text.includes('青川县生态环境局2026年'))
    expect(signed).toEqual([{ style: 'margin:24px 4em 16px 0;text-align:right;', text: '青川县生态环境局2026年11月9日' }])
    // Before the attachments, as in the document; no second signature with the publication date at the end.
    const texts = ps.map((p) => p.text)
    expect(texts.indexOf('青川县生态环境局2026年11月9日')).toBeLessThan(texts.indexOf('附件'))
    expect(texts.some((t) => t.includes('2026年11月13日'))).toBe(false)
    // A body that does not end so gets the closing line from the publication.
    const d = disclosure('2026-t-003', '正文。\n', { published: '2026-11-20' })
    const other = paragraphsOf(textOf(file(await plain.render(d, renderContext([d])), 'article.html')))
    expect(other.at(-1)?.text).toBe('青川县生态环境局2026年11月20日')
  })

  it('names the bureau once in the byline when the author is the account (the issuing body)', () => {
    const draft = JSON.parse(textOf(file(arts, 'draft.json'))) as { articles: { author: string }[] }
    expect(draft.articles[0]?.author).toBe('')
    const by = /<p class="by">(.*?)<\/p>/.exec(textOf(file(arts, 'preview.html')))?.[1] ?? ''
    expect(by).toBe('<b>青川县生态环境局</b> 2026年11月13日')
  })

  it('keeps an author of its own beside the account', async () => {
    const d = disclosure('2026-t-002', '正文。\n')
    const own = await wechat({ author: '县生态环境局办公室' }).render(d, renderContext([d]))
    expect((JSON.parse(textOf(file(own, 'draft.json'))) as { articles: { author: string }[] }).articles[0]?.author).toBe('县生态环境局办公室')
    expect(textOf(file(own, 'preview.html'))).toContain('<p class="by">县生态环境局办公室 <b>青川县生态环境局</b>')
  })
})

describe('preflight and digest', () => {
  it('reports a title over 32 characters with a hint, never cutting it', async () => {
    const long = '关于开展二〇二六年度全县重点排污单位自动监测数据质量专项检查工作情况的通报（第三批）'
    const d = disclosure('t1', '正文。', { title: long })
    const ctx = renderContext([d])
    const found = await preflight([wechat()], [d], ctx)
    const title = found.find((x) => x.code === 'preflight/title-too-long')
    expect(title?.severity).toBe('error')
    expect(title?.hint).toContain('wechatTitle')
    const arts = await wechat().render(d, ctx)
    expect(JSON.parse(textOf(arts.find((a) => a.path.endsWith('draft.json')))).articles[0].title).toBe(long)
    const short = disclosure('t2', '正文。', { title: long, wechatTitle: '重点排污单位自动监测专项检查通报' })
    expect((await preflight([wechat()], [short], renderContext([short]))).filter((x) => x.severity === 'error')).toEqual([])
  })

  it('reports content too long after styling, and remote images', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => `| ${i} | 监测点位${i} | 达标 |`).join('\n')
    const d = disclosure('t3', `说明。\n\n| 序号 | 点位 | 结果 |\n|---|---|---|\n${rows}\n\n![图](https://example.com/a.png)\n`)
    const found = await wechat().preflight(d, renderContext([d]))
    expect(found.map((x) => x.code).sort()).toEqual(['wechat/content-too-long', 'wechat/remote-image'])
    expect(found.find((x) => x.code === 'wechat/remote-image')?.line).toBe(706)
  })

  it('cuts a derived digest at a sentence end within 128 characters', () => {
    const s = '第一句话说明事项的来由和依据，内容较长。'.repeat(10)
    const cut = cutAtSentence(s)
    expect([...cut].length).toBeLessThanOrEqual(128)
    expect(cut.endsWith('。')).toBe(true)
    expect(cutAtSentence('没有句号'.repeat(50)).endsWith('…')).toBe(true)
    const d = disclosure('t4', `## 标题\n\n${s}`)
    expect(digestOf(undefined, d.tree)).toBe(cut)
    expect(digestOf('运营者写的摘要。', d.tree)).toBe('运营者写的摘要。')
  })

  it('rejects bad options at once, naming the option', () => {
    expect(() => wechat({ appId: 'abc' })).toThrow(/appId/)
    expect(() => wechat({ secretEnv: 'a-b' })).toThrow(/secretEnv/)
    expect(() => wechat({ pollIntervalMs: -1 })).toThrow(/pollIntervalMs/)
    expect(() => wechat({ apiBase: 'ftp://x' } as never)).toThrow(/apiBase/)
    expect(() => wechat({ secret: 'x' } as never)).toThrow(/secret/)
    expect(CONFIG.body.name).toBe('青川县生态环境局')
  })
})
