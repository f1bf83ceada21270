/** `gongkai user add` and the refusals of `gongkai console`, in-process on a copy of the example, with the password typed through an injected prompt. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadProject } from '@gongkai/core'
import { verifyPassword } from '@gongkai/console'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

describe('gongkai user add', () => {
  it('appends the user with a scrypt hash only, leaves the rest of the config as it was, and refuses the same id again', async () => {
    const dir = copyExample()
    const before = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    const io = { ...fakeIo(dir), readSecret: async () => 'zhengque-mima-2026' }
    expect(await main(['user', 'add', '.', '--id', 'chen', '--name', '陈管理', '--role', '管理，审核'], io)).toBe(0)
    expect(io.stdout).toEqual(['已添加用户 chen（陈管理，管理、审核）到 gongkai.config.yaml；密码只保存了散列。'])
    const after = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    expect(after.startsWith(before)).toBe(true)
    expect(after).not.toContain('zhengque-mima-2026')
    const line = after.slice(before.length)
    expect(line).toMatch(/^users:\n {2}- \{ id: chen, name: 陈管理, roles: \[管理, 审核\], password: scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+ \}\n$/)
    const project = await loadProject(dir)
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const user = project.config.users?.[0]
    expect(user?.roles).toEqual(['admin', 'reviewer'])
    expect(await verifyPassword('zhengque-mima-2026', user?.password)).toBe(true)
    expect(await verifyPassword('zhengque-mima-2027', user?.password)).toBe(false)

    const again = fakeIo(dir)
    expect(await main(['user', 'add', '.', '--id', 'chen', '--name', '陈二', '--role', '编辑'], { ...again, readSecret: async () => 'another-one-2026' })).toBe(1)
    expect(again.text()).toContain('用户“chen”已经在 gongkai.config.yaml 中 [user/exists]')
  })

  it('refuses a short password, an unknown role and an unsafe id, writing nothing', async () => {
    const dir = copyExample()
    const before = readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')
    const short = fakeIo(dir)
    expect(await main(['user', 'add', '.', '--id', 'wang', '--name', '王编辑', '--role', '编辑'], { ...short, readSecret: async () => '1234567' })).toBe(1)
    expect(short.text()).toContain('密码至少 8 个字符，没有添加用户 [user/bad-password]')
    const role = fakeIo(dir)
    expect(await main(['user', 'add', '.', '--id', 'wang', '--name', '王编辑', '--role', '编缉'], role)).toBe(2)
    expect(role.text()).toContain('不认识的角色“编缉”')
    const id = fakeIo(dir)
    expect(await main(['user', 'add', '.', '--id', '../wang', '--name', '王编辑', '--role', '编辑'], id)).toBe(2)
    expect(id.text()).toContain('用户名“../wang”不能使用：含有“..”')
    expect(readFileSync(join(dir, 'gongkai.config.yaml'), 'utf8')).toBe(before)
  })
})

describe('gongkai console refuses to start', () => {
  it('without users, and on another host without TLS or --insecure', async () => {
    const dir = copyExample()
    const none = fakeIo(dir)
    expect(await main(['console', '.'], none)).toBe(1)
    expect(none.text()).toContain('gongkai.config.yaml 中没有可以登录的用户（users），操作台没有启动 [console/no-users]')
    expect(await main(['user', 'add', '.', '--id', 'chen', '--name', '陈管理', '--role', '管理'], { ...fakeIo(dir), readSecret: async () => 'zhengque-mima-2026' })).toBe(0)
    const open = fakeIo(dir)
    expect(await main(['console', '.', '--host', '0.0.0.0', '--port', '0'], open)).toBe(1)
    expect(open.text()).toContain('不能在 0.0.0.0 上用明文 HTTP 提供操作台')
    expect(open.text()).toContain('--tls-key')
    const half = fakeIo(dir)
    expect(await main(['console', '.', '--tls-key', 'k.pem'], half)).toBe(2)
    expect(half.text()).toContain('--tls-key 和 --tls-cert 要一起给出')
  })
})
