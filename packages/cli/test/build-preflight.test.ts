import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

const LONG_TITLE = '青川县生态环境局关于青阳工业园区挥发性有机物和异味专项整治方案及二〇二六年度整治任务清单的公开说明'

describe('build runs the channel preflight', () => {
  it('reports a WeChat title push would refuse, positioned, and marks the publication in the summary', async () => {
    expect([...LONG_TITLE].length).toBeGreaterThan(32)
    const dir = copyExample()
    const file = join(dir, 'publications/hjxx/2026-hjxx-016.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: 青阳工业园区挥发性有机物和异味专项整治方案', `title: ${LONG_TITLE}`))
    const io = fakeIo(dir)
    const code = await main(['build', dir, '--channel', 'wechat'], io)
    const problem = io.stderr.find((l) => l.includes('[preflight/title-too-long]'))
    // The same code and place as validate and push give, at build time.
    expect(problem?.split('\n')[0], io.text()).toMatch(/^publications\/hjxx\/2026-hjxx-016\.md:4:\d+ 错误 /)
    expect(code).toBe(1)
    const out = io.stdout.join('\n')
    expect(out).toMatch(/^微信公众号\s+\d+\s+0\s+1\s+/m)
    expect(out).toContain('微信公众号不能发布的 1 篇（成品已生成，仅供预览，推送时会被拒绝，原因见上）：2026-hjxx-016（preflight/title-too-long）')
    // The draft is still there for review, the summary says it cannot go out.
    expect(existsSync(join(dir, 'out/wechat/2026-hjxx-016'))).toBe(true)

    const validate = fakeIo(dir)
    await main(['validate', dir], validate)
    expect(validate.stderr.find((l) => l.includes('[preflight/title-too-long]'))?.split('\n')[0]).toBe(problem?.split('\n')[0])
  })

  it('says nothing of the kind for the example as it is', async () => {
    const dir = copyExample()
    const io = fakeIo(dir)
    expect(await main(['build', dir, '--channel', 'wechat'], io), io.text()).toBe(0)
    expect(io.stdout.join('\n')).not.toContain('不能发布的')
    expect(io.stdout.join('\n')).toMatch(/^微信公众号\s+\d+\s+0\s+0\s+/m)
  })
})
