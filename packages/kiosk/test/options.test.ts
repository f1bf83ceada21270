import { ChannelOptionsError } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { checkKioskOptions, resolveKioskOptions } from '../src/options.js'

describe('kiosk options: every problem at once', () => {
  it('lists each bad option with its path, nested ones included', () => {
    const raw = { slideSeconds: -5, orientation: 'square', rules: [{ days: [1, 9] }, { times: [{ from: '08:00', until: '08:00' }] }], hosts: [{ url: 'ftp://x' }], colour: 1 }
    expect(checkKioskOptions(raw).map((p) => [p.path, p.code])).toEqual([
      ['colour', 'kiosk/unknown-option'],
      ['orientation', 'kiosk/bad-orientation'],
      ['hosts[0].url', 'kiosk/bad-hosts[0]-url'],
      ['rules[0].days', 'kiosk/bad-rules[0]-days'],
      ['rules[1].times[0]', 'kiosk/bad-rules[1]-times[0]'],
      ['slideSeconds', 'kiosk/bad-slide-seconds'],
    ])
    let error: unknown
    try {
      resolveKioskOptions(raw)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ChannelOptionsError)
    expect((error as ChannelOptionsError).problems).toHaveLength(6)
    expect((error as ChannelOptionsError).message).toContain('kiosk 的选项有 6 处错误')
    expect(checkKioskOptions({ slideSeconds: 12, theme: { background: '#000000', foreground: '#ffffff' } })).toEqual([])
  })

  it('never repeats a host address that carries a password, whatever else is wrong with it', () => {
    const problems = checkKioskOptions({ hosts: [{ url: 'ftp://kiosk:s3cr3tpw@10.0.0.5/' }, { url: 'http://u:s3cr3tpw@10.0.0.6/' }] })
    expect(problems.map((p) => p.path)).toEqual(['hosts[0].url', 'hosts[1].url'])
    expect(JSON.stringify(problems)).not.toContain('s3cr3tpw')
  })

  it('judges contrast only between colours written correctly', () => {
    expect(checkKioskOptions({ theme: { background: 'blue', foreground: '#777777' } }).map((p) => p.path)).toEqual(['theme.background'])
  })
})
