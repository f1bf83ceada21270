import { describe, expect, it } from 'vitest'
import { describeCounts } from '../src/rows/cli.js'
import { offersJson, parseBuildSummary } from '../src/summary.js'

// What today's `gongkai build` prints (copied from a run on the bench corpus and on the example).
const ONE_CHANNEL = `渠道      公开信息  失败  不能发布  文件（写入/未变）  打开
────────  ────────  ────  ────────  ─────────────────  ──────────────────────────
政府网站  1000      0     0         1/1050             p1k/out/website/index.html
已生成到 p1k/out：写入 1 个文件，1050 个未变；0 个错误，0 个警告。
`

const FOUR_CHANNELS = `渠道        公开信息  失败  不能发布  文件（写入/未变）  打开
──────────  ────────  ────  ────────  ─────────────────  ─────────────────────────────────
政府网站    52        0     0         0/120              ex/out/website/index.html
微信公众号  41        0     0         3/163              ex/out/wechat/<编号>/preview.html
公示栏      22        0     0         0/22               ex/out/noticeboard/<编号>.pdf
办事大厅屏  22        0     0         0/113              ex/out/kiosk/index.html
未通过保密审查、未生成的 1 篇：2026-ggfw-005（加 --preview 可预览）
已生成到 ex/out：写入 3 个文件，418 个未变；0 个错误，1 个警告。
`

describe('parseBuildSummary', () => {
  it('reads written/unchanged per channel and in total from the text summary, and no renders', () => {
    const s = parseBuildSummary(ONE_CHANNEL)
    expect(s.channels).toEqual({ 政府网站: { written: 1, unchanged: 1050 } })
    expect(s.written).toBe(1)
    expect(s.unchanged).toBe(1050)
    expect(s.rendered).toBeUndefined()
    expect(describeCounts([s])).toBe('re-rendered n/a; files 1 written / 1050 unchanged')
  })

  it('reads all four channels of the example', () => {
    const s = parseBuildSummary(FOUR_CHANNELS)
    expect(Object.keys(s.channels)).toEqual(['政府网站', '微信公众号', '公示栏', '办事大厅屏'])
    expect(s.channels['微信公众号']).toEqual({ written: 3, unchanged: 163 })
    expect(s.channels['办事大厅屏']).toEqual({ written: 0, unchanged: 113 })
    expect([s.written, s.unchanged]).toEqual([3, 418])
  })

  it('reads renders from a column that names them', () => {
    const text = `渠道      公开信息  渲染  文件（写入/未变）  打开
────────  ────────  ────  ─────────────────  ────
政府网站  1000      12    14/1040            out/website/index.html
公示栏    22        1     1/21               out/noticeboard/<编号>.pdf
已生成到 out：写入 15 个文件，1061 个未变。
`
    const s = parseBuildSummary(text)
    expect(s.channels['政府网站']).toEqual({ rendered: 12, written: 14, unchanged: 1040 })
    expect(s.rendered).toBe(13)
    expect(describeCounts([s])).toBe('re-rendered 政府网站 12, 公示栏 1; files 15 written / 1061 unchanged')
  })

  it('reads renders per channel from a JSON summary, as an object or a list, counting arrays', () => {
    const asObject = JSON.stringify({ release: 'r1', channels: { website: { rendered: 3, written: ['a', 'b'], unchanged: 1048 }, kiosk: { rendered: 0, written: 0, unchanged: 9 } } })
    const s = parseBuildSummary(`正在生成…\n${asObject}\n`)
    expect(s.channels).toEqual({ website: { rendered: 3, written: 2, unchanged: 1048 }, kiosk: { rendered: 0, written: 0, unchanged: 9 } })
    expect([s.rendered, s.written, s.unchanged]).toEqual([3, 2, 1057])
    expect(describeCounts([s])).toBe('re-rendered website 3, kiosk 0; files 2 written / 1057 unchanged')

    const asList = parseBuildSummary(JSON.stringify({ summary: { renders: 4, channels: [{ id: 'website', renders: 4 }] } }))
    expect(asList.rendered).toBe(4)
    expect(asList.channels).toEqual({ website: { rendered: 4 } })
    expect(describeCounts([asList])).toBe('re-rendered website 4; files n/a')
  })

  it('says n/a for output it cannot read', () => {
    const s = parseBuildSummary('something else entirely\n')
    expect(s).toEqual({ channels: {} })
    expect(describeCounts([s])).toBe('re-rendered n/a; files n/a')
    expect(describeCounts([])).toBe('n/a')
  })
})

describe('offersJson', () => {
  it('finds --json in a usage text, and not a lookalike', () => {
    expect(offersJson('用法：gongkai build [目录] [--out 输出目录] [--json]')).toBe(true)
    expect(offersJson('用法：gongkai build [目录] [--out 输出目录] [--preview]')).toBe(false)
    expect(offersJson('--jsonl')).toBe(false)
  })
})
