import { describe, expect, it } from 'vitest'
import { DEBIAN_HANAZONO_B, advanceOf, openFace, resolveFonts } from '../src/fonts.js'

describe('resolveFonts', () => {
  it('gives the packaged faces, opened on first use and shared', () => {
    const set = resolveFonts()
    expect(set.serif.family).toBe('Noto Serif SC')
    expect(set.sans.postscriptName).toBe('NotoSansSC-Regular')
    expect(openFace(set.serif)).toBe(openFace(set.serif))
    expect(advanceOf(set.serif, '中'.codePointAt(0)!)).toBe(1)
    expect(advanceOf(set.serif, 0x2003e)).toBeUndefined()
  })

  it('splits runs onto the fallback and lists what no face has', () => {
    const set = resolveFonts({ fallback: DEBIAN_HANAZONO_B })
    expect(set.splitRuns('王𠀾👍', set.serif).map((r) => [r.face?.role, r.text])).toEqual([
      ['serif', '王'],
      ['fallback', '𠀾'],
      [undefined, '👍'],
    ])
    expect(set.missing('王𠀾👍')).toEqual(['👍'])
    expect(() => resolveFonts({ fallback: '/nowhere/x.ttf' })).toThrow(/找不到后备字体文件/)
  })
})
