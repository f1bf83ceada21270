/** `users:` in gongkai.config.yaml: the console's users, each problem at its place; only scrypt hashes are accepted as passwords. */
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../src/diagnostics.js'
import { readConfig } from '../src/project/read-config.js'

const BASE = `body:
  name: 测试县生态环境局
  orgCode: "008672531"
site:
  title: 测试县政府信息公开
  baseUrl: https://www.example.gov.cn/gk/
`
const HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

function read(text: string) {
  const diagnostics: Diagnostic[] = []
  const config = readConfig({ file: 'gongkai.config.yaml', text }, diagnostics)
  return { config, diagnostics, where: diagnostics.map((d) => `${d.line ?? '-'}:${d.column ?? '-'} ${d.severity} ${d.code}`) }
}

describe('readConfig: users', () => {
  it('reads users with Chinese (or English) role names and where each stands', () => {
    const { config, diagnostics } = read(
      `${BASE}users:\n  - { id: chen, name: 陈管理, roles: [管理, 审核], password: ${HASH} }\n  - id: wang\n    name: 王编辑\n    roles: [editor]\n    password: "${HASH}"\n`,
    )
    expect(diagnostics).toEqual([])
    expect(config.users?.map((u) => [u.id, u.name, u.roles, u.place?.line])).toEqual([
      ['chen', '陈管理', ['admin', 'reviewer'], 8],
      ['wang', '王编辑', ['editor'], 9],
    ])
  })

  it('refuses a password in the clear, an unknown role, an unsafe or repeated id, each at its field, and leaves those users out', () => {
    const { config, diagnostics, where } = read(
      `${BASE}users:\n  - { id: chen, name: 陈管理, roles: [管理], password: mima123456 }\n  - { id: wang, name: 王编辑, roles: [编缉], password: ${HASH} }\n  - { id: ../x, name: 某人, roles: [审核], password: ${HASH} }\n  - { id: li, name: 李审核, roles: [审核], password: ${HASH} }\n  - { id: li, name: 李二, roles: [审核], password: ${HASH} }\n`,
    )
    expect(where).toEqual(['8:51 error config/bad-password-hash', '9:35 error config/bad-role', '10:11 error config/unsafe-user-id', '12:11 error config/duplicate-user'])
    expect(diagnostics[0]?.message).toContain('密码只能以 gongkai user add 生成的散列保存')
    expect(diagnostics[1]?.hint).toBe('是否想写“编辑”？可选角色：编辑、审核、发布、管理')
    expect(config.users?.map((u) => u.id)).toEqual(['li'])
  })
})
