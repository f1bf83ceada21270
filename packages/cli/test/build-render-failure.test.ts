import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

const LONG_TITLE = '青川县生态环境局关于青阳工业园区挥发性有机物和异味专项整治方案及二〇二六年度整治任务清单的公开说明'

// A WeChat channel whose render fails for one publication the way a library does: with English text.
vi.mock('@gongkai/wechat', async (importOriginal) => {
  const original = await importOriginal<typeof import('@gongkai/wechat')>()
  return {
    ...original,
    wechat: (options: Parameters<typeof original.wechat>[0]) => {
      const channel = original.wechat(options)
      return {
        ...channel,
        render: async (d: Parameters<typeof channel.render>[0], ctx: Parameters<typeof channel.render>[1]) => {
          if (d.publication.id === '2026-hjxx-016') throw new Error('Image to composite must have same dimensions or smaller')
          return channel.render(d, ctx)
        },
      }
    },
  }
})

describe('a render that fails inside a channel', () => {
  it('reaches the operator in Chinese with the channel and publication, counts as 失败 and not as generated', async () => {
    const dir = copyExample()
    const file = join(dir, 'publications/hjxx/2026-hjxx-016.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: 青阳工业园区挥发性有机物和异味专项整治方案', `title: ${LONG_TITLE}`))
    const io = fakeIo(dir)
    expect(await main(['build', dir, '--channel', 'wechat'], io)).toBe(1)
    const failure = io.stderr.find((l) => l.includes('[render/failed]')) ?? ''
    expect(failure, io.text()).toMatch(/^publications\/hjxx\/2026-hjxx-016\.md 错误 微信公众号（wechat）未能生成公开信息 2026-hjxx-016“青川县生态环境局关于/)
    expect(failure).toContain('原因：Image to composite must have same dimensions or smaller')
    const out = io.stdout.join('\n')
    // One failure, and the title push would refuse is not listed as a preview that was generated.
    expect(out).toMatch(/^微信公众号\s+\d+\s+1\s+0\s+/m)
    expect(out).not.toContain('不能发布的')
  })
})
