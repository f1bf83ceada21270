import { describe, expect, it } from 'vitest'
import { checkWechatOptions, resolveWechatOptions } from '../src/options.js'

const SECRET = '3f9a8c1d2e4b5a6978c0d1e2f3a4b5c6'

describe('wechat options', () => {
  it('lists every problem with its path', () => {
    expect(checkWechatOptions({ appId: 'abc', pollIntervalMs: -1, retry: { attempts: 0, wait: 1 } }).map((p) => [p.path, p.code])).toEqual([
      ['appId', 'wechat/bad-appid'],
      ['retry.wait', 'wechat/unknown-option'],
      ['pollIntervalMs', 'wechat/bad-pollintervalms'],
      ['retry.attempts', 'wechat/bad-attempts'],
    ])
  })

  it('never echoes a secretEnv that is no variable name: its length only', () => {
    // The second is a valid name by the pattern, but shaped like an AppSecret: it is not printed as a name either.
    for (const value of [SECRET, 'a3f9c8d1e2b4a5f6978c0d1e2f3a4b5c', 'my-secret-value', 12345678, ['X']]) {
      const problems = checkWechatOptions({ secretEnv: value })
      expect(problems.map((p) => [p.path, p.code])).toEqual([['secretEnv', 'wechat/bad-secretenv']])
      const shown = JSON.stringify(problems)
      expect(shown).not.toContain(typeof value === 'string' ? value : String(value))
    }
    expect(checkWechatOptions({ secretEnv: SECRET })[0]?.message).toContain('32 个字符')
    expect(() => resolveWechatOptions({ secretEnv: SECRET })).toThrow(/secretEnv/)
    // Lower case letters are a valid name too.
    expect(checkWechatOptions({ secretEnv: 'wx_secret_2' })).toEqual([])
    expect(checkWechatOptions({ secretEnv: 'GONGKAI_WECHAT_SECRET' })).toEqual([])
    expect(checkWechatOptions({ secretEnv: 'DEADBEEF' })).toEqual([])
  })
})
