import { describe, expect, it } from 'vitest'
import { parseChannelList } from '../src/project.js'
import { UsageError } from '../src/errors.js'

describe('--channel', () => {
  it('takes the ids and the Chinese names operators read in every table', () => {
    expect(parseChannelList('wechat,website')).toEqual(['wechat', 'website'])
    expect(parseChannelList('政府网站，公示栏')).toEqual(['website', 'noticeboard'])
    expect(parseChannelList('办事大厅屏、kiosk')).toEqual(['kiosk'])
  })
  it('refuses an unknown one with the choices', () => {
    expect(() => parseChannelList('广播')).toThrow(UsageError)
  })
})
