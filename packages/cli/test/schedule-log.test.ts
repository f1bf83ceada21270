import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

describe('scheduler log lines', () => {
  it('print the project timezone’s wall clock with its offset, not UTC without a zone', async () => {
    const dir = copyExample()
    const io = fakeIo(dir)
    expect(await main(['run', dir, 'deadlines'], io), io.text()).toBe(0)
    expect(io.stdout.length).toBeGreaterThan(0)
    // 10:00 in Beijing is 02:00 UTC: the old log said "2026-11-30 02:00:00".
    for (const line of io.stdout) expect(line).toMatch(/^2026-11-30 10:00:00 \+08:00 /)
  })

  it('in another zone say that zone, and JSON lines keep ISO 8601 with the offset', async () => {
    const dir = copyExample()
    const config = join(dir, 'gongkai.config.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace('timezone: Asia/Shanghai', 'timezone: America/New_York'))
    const io = fakeIo(dir)
    expect(await main(['run', dir, 'deadlines', '--json'], io), io.text()).toBe(0)
    const events = io.stdout.map((l) => JSON.parse(l) as { time: string; event: string })
    expect(events.length).toBeGreaterThan(0)
    for (const e of events) {
      expect(e.time).toBe('2026-11-29T21:00:00.000-05:00')
      expect(Date.parse(e.time)).toBe(Date.parse('2026-11-30T02:00:00Z'))
    }
  })
})
