import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../src/calendar.js'
import { showValue } from '../src/show-value.js'

describe('showValue', () => {
  it('shows lists and objects as JSON, never [object Object]', () => {
    expect(showValue(['A4'])).toBe('["A4"]')
    expect(showValue({ size: 'A4' })).toBe('{"size":"A4"}')
    expect(showValue([])).toBe('[]')
    expect(showValue({})).toBe('{}')
  })

  it('shows the rest as String writes it', () => {
    expect(showValue('A4')).toBe('A4')
    expect(showValue(-5)).toBe('-5')
    expect(showValue(true)).toBe('true')
    expect(showValue(null)).toBe('null')
    expect(showValue(undefined)).toBe('undefined')
    expect(showValue(12n)).toBe('12')
    expect(showValue(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z')
    expect(showValue(new Date(Number.NaN))).toBe('Invalid Date')
  })

  it('cuts long values to 60 characters, whole characters only', () => {
    const long = showValue({ text: '政'.repeat(100) })
    expect([...long]).toHaveLength(60)
    expect(long.startsWith('{"text":"政政')).toBe(true)
    expect(long.endsWith('…')).toBe(true)
    const emoji = showValue('😀'.repeat(61))
    expect([...emoji]).toHaveLength(60)
    expect(emoji).toBe(`${'😀'.repeat(59)}…`)
    expect(showValue('x'.repeat(60))).toBe('x'.repeat(60))
  })

  it('still says something for a value JSON cannot write', () => {
    const loop: Record<string, unknown> = {}
    loop['self'] = loop
    expect(showValue(loop)).toBe('{…}')
    expect(showValue([1n])).toBe('[…]')
    expect(showValue({ toJSON: () => undefined })).toBe('{…}')
  })
})

describe('where a value written in a file becomes text', () => {
  it('a calendar entry that is a map is shown as one, not as [object Object]', () => {
    const calendar = loadCalendar('2027:\n  holidays:\n    - { from: 2027-02-05 }\n', 'calendar.yaml')
    const bad = calendar.diagnostics.filter((d) => d.code === 'calendar/bad-date')
    expect(bad).toHaveLength(1)
    expect(bad[0]?.message).toContain('“{"from":"2027-02-05"}”')
  })
})
