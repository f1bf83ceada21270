import { describe, expect, it } from 'vitest'
import { placeOfOption } from '../src/config.js'
import type { Diagnostic } from '../src/diagnostics.js'
import { readConfig } from '../src/project/read-config.js'

const BASE = `body:
  name: 测试县生态环境局
  orgCode: "008672531"
site:
  title: 测试县政府信息公开
  baseUrl: https://www.example.gov.cn/gk/
`

function read(text: string) {
  const diagnostics: Diagnostic[] = []
  const config = readConfig({ file: 'gongkai.config.yaml', text }, diagnostics)
  return { config, diagnostics, where: diagnostics.map((d) => `${d.line ?? '-'}:${d.column ?? '-'} ${d.severity} ${d.code}`) }
}

describe('readConfig: wrong types are errors with their place', () => {
  it('a number for site.title, a number for ledger, a string for channels', () => {
    const { config, diagnostics, where } = read(`${BASE.replace('title: 测试县政府信息公开', 'title: 12345')}ledger: 7\nchannels: website\n`)
    expect(where).toEqual(['5:10 error config/bad-type', '7:9 error config/bad-type', '8:11 error config/bad-type'])
    expect(diagnostics[0]?.message).toContain('“title”（网站名称）应当是一段文字，而不是数字 12345')
    expect(diagnostics[0]?.hint).toBe('若确实要写 12345，请加引号：title: "12345"')
    // The defaults go on, so the rest of the project is still checked.
    expect([config.site.title, config.ledger, config.channels]).toEqual(['', '.gongkai/ledger.sqlite', {}])
  })

  it('true for timezone, a number for body.name; a quoted number is text', () => {
    const { where, config } = read(`${BASE.replace('name: 测试县生态环境局', 'name: 2026').replace('title: 测试县政府信息公开', 'title: "12345"')}timezone: true\n`)
    expect(where).toEqual(['2:9 error config/bad-type', '7:11 error config/bad-type'])
    expect(config.site.title).toBe('12345')
  })
})

describe('readConfig: places of channel options', () => {
  it('records where every option under channels stands, so a channel problem can point at it', () => {
    const { config, diagnostics } = read(`${BASE}channels:
  noticeboard:
    paper: [A4]
  kiosk:
    slideSeconds: -5
    rules:
      - items: [HB-001]
        days: [1, 9]
    target:
`)
    expect(diagnostics).toEqual([])
    expect(placeOfOption(config, 'noticeboard', 'paper')).toEqual({ file: 'gongkai.config.yaml', line: 9, column: 12 })
    expect(placeOfOption(config, 'kiosk', 'slideSeconds')).toEqual({ file: 'gongkai.config.yaml', line: 11, column: 19 })
    expect(placeOfOption(config, 'kiosk', 'rules[0].days')).toMatchObject({ line: 14, column: 15 })
    expect(placeOfOption(config, 'kiosk', 'rules[0].days[1]')).toMatchObject({ line: 14, column: 19 })
    // An empty value points at its key; an option not written points at the channel's settings.
    expect(placeOfOption(config, 'kiosk', 'target')).toMatchObject({ line: 15, column: 5 })
    expect(placeOfOption(config, 'kiosk', 'theme.foreground')).toMatchObject({ line: 11, column: 5 })
    expect(placeOfOption(config, 'wechat', 'secretEnv')).toEqual({ file: 'gongkai.config.yaml', line: 8, column: 3 })
  })
})

describe('readConfig: store and storePasswordEnv', () => {
  it('reads a postgres:// address and the variable that holds its password, with the place', () => {
    const { config, where } = read(`${BASE}store: postgres://gongkai@db.example.gov.cn:5432/gongkai\nstorePasswordEnv: GONGKAI_PG_PASSWORD\n`)
    expect(where).toEqual([])
    expect(config.store).toBe('postgres://gongkai@db.example.gov.cn:5432/gongkai')
    expect(config.storePasswordEnv).toBe('GONGKAI_PG_PASSWORD')
    expect(config.storePlace).toEqual({ line: 7, column: 8 })
  })

  it('refuses a password in the address and a password written as the variable name, showing neither', () => {
    const { config, diagnostics, where } = read(`${BASE}store: postgres://gongkai:S3cr3t@db:5432/gongkai\nstorePasswordEnv: "p@ss word!"\n`)
    expect(where.sort()).toEqual(['7:8 error config/store-password-in-url', '8:19 error config/bad-store-password-env'])
    expect(JSON.stringify(diagnostics)).not.toMatch(/S3cr3t|p@ss word!/)
    expect(diagnostics.find((d) => d.code === 'config/store-password-in-url')?.message).toBe('台账数据库地址“postgres://gongkai:***@db:5432/gongkai”中写了密码')
    expect(config.store).toBeUndefined()
  })

  it('wants the body’s organisation code when the ledger is in a shared database', () => {
    const { where, diagnostics } = read(`site:\n  title: 测试\nstore: postgres://gongkai@db/gongkai\n`)
    expect(where).toContain('3:8 error config/store-needs-org-code')
    expect(diagnostics.find((d) => d.code === 'config/store-needs-org-code')?.hint).toContain('orgCode')
  })
})
