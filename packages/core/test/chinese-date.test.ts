import { describe, expect, it } from 'vitest'
import { formatChineseDate } from '../src/index.js'

describe('formatChineseDate', () => {
  it('writes months and days without leading zeros, as GB/T 9704 does', () => {
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日')
    expect(formatChineseDate('2026-11-26T09:00:00+08:00')).toBe('2026年11月26日')
  })
  it('leaves what is not a date as it is', () => {
    expect(formatChineseDate('长期')).toBe('长期')
  })
})
