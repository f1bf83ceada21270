import { describe, expect, it } from 'vitest'
import { clockFromEnv } from '../src/clock.js'
import { UsageError } from '../src/errors.js'

describe('clockFromEnv', () => {
  it('starts at GONGKAI_NOW and runs at the wall clock’s pace', () => {
    let wall = 1_000_000
    const now = clockFromEnv({ GONGKAI_NOW: '2026-11-30T10:00:00+08:00' }, () => wall)
    expect(now().toISOString()).toBe('2026-11-30T02:00:00.000Z')
    wall += 1500
    expect(now().toISOString()).toBe('2026-11-30T02:00:01.500Z')
  })

  it('is the wall clock without it', () => {
    expect(clockFromEnv({}, () => 42)().getTime()).toBe(42)
  })

  it('refuses a time without its offset or an impossible one, in Chinese', () => {
    for (const bad of ['2026-11-30', '2026-11-30T10:00', 'tomorrow', '2026-13-45T10:00:00+08:00', '2026-02-30T10:00:00+08:00']) {
      expect(() => clockFromEnv({ GONGKAI_NOW: bad }, () => 0)).toThrow(UsageError)
    }
    expect(() => clockFromEnv({ GONGKAI_NOW: 'x' })).toThrow(/GONGKAI_NOW 应为带时区的日期时间/)
  })
})
