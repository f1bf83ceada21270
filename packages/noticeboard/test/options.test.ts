import { describe, expect, it } from 'vitest'
import { checkNoticeboardOptions } from '../src/options.js'

describe('noticeboard options: every problem at once', () => {
  it('paper as a list, a relative font and an unknown option, each with its path', () => {
    expect(checkNoticeboardOptions({ paper: ['A4'], fallbackFont: 'fonts/x.ttf', colour: 'red' }).map((p) => [p.path, p.code])).toEqual([
      ['colour', 'noticeboard/unknown-option'],
      ['paper', 'noticeboard/bad-paper'],
      ['fallbackFont', 'noticeboard/bad-fallback-font'],
    ])
    expect(checkNoticeboardOptions({ paper: 'a3' })).toEqual([])
  })
})
