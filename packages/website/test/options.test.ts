import { describe, expect, it } from 'vitest'
import { checkWebsiteOptions } from '../src/options.js'

describe('website options: every problem at once', () => {
  it('each bad option with its path', () => {
    expect(checkWebsiteOptions({ target: 'relative', latestCount: 0, preview: 'yes' }).map((p) => [p.path, p.code])).toEqual([
      ['preview', 'website/bad-preview'],
      ['target', 'website/bad-target'],
      ['latestCount', 'website/bad-count'],
    ])
    expect(checkWebsiteOptions({ target: '/var/www/gk', feedCount: 10 })).toEqual([])
  })
})
