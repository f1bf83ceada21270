/**
 * A small real project for the console's tests: the example bureau's catalog and config with two
 * levels of 保密审查 (初审, 复审), three publications under an item published on all four
 * channels (none reviewed, 初审 only, both), and four users with real scrypt hashes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashPassword } from '../src/password.js'

export const EXAMPLE = resolve(fileURLToPath(new URL('../../../examples/county-bureau', import.meta.url)))

/** The instant every console test runs at (inside the official calendar chinese-days knows). */
export const NOW = new Date('2026-11-30T10:00:00+08:00')

/** Users and their passwords. */
export const USERS = {
  bianji: { name: '王编辑', roles: ['编辑'], password: 'bianji-mima-2026' },
  shenhe: { name: '李审核', roles: ['审核'], password: 'shenhe-mima-2026' },
  fushen: { name: '赵复审', roles: ['审核'], password: 'fushen-mima-2026' },
  guanli: { name: '陈管理', roles: ['管理', '发布'], password: 'guanli-mima-2026' },
} as const

const body = readFileSync(join(EXAMPLE, 'publications/zfxx/2026-zfxx-007.md'), 'utf8').split(/^---$/m)[2] ?? ''

const publication = (id: string, title: string, review: string) => `---
id: ${id}
item: HB-ZFXX-006
title: ${title}
kind: release
stage: decision
formed: ${id.endsWith('1') ? '2026-10-28' : '2026-11-20'}
# 文号按发文登记簿填写
docNumber: 青环发〔2026〕3${id.slice(-1)}号
${review}tags: [规范性文件, 环境影响评价]
---
${body}`

/** A fresh copy of the fixture project; `remove` deletes it. */
export async function makeProject(): Promise<{ dir: string; remove(): void }> {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-console-'))
  const dir = join(parent, 'bureau')
  mkdirSync(join(dir, 'publications'), { recursive: true })
  for (const f of ['catalog.yaml', 'calendar.yaml']) cpSync(join(EXAMPLE, f), join(dir, f))
  cpSync(join(EXAMPLE, 'assets'), join(dir, 'assets'), { recursive: true })
  const users = await Promise.all(Object.entries(USERS).map(async ([id, u]) => `  - { id: ${id}, name: ${u.name}, roles: [${u.roles.join(', ')}], password: "${await hashPassword(u.password)}" }`))
  const config = readFileSync(join(EXAMPLE, 'gongkai.config.yaml'), 'utf8').replace(/\nschedules:[\s\S]*$/, '\n')
  writeFileSync(join(dir, 'gongkai.config.yaml'), `${config}review:\n  levels: [初审, 复审]\n\nusers:\n${users.join('\n')}\n`)
  writeFileSync(join(dir, 'publications/2026-test-001.md'), publication('2026-test-001', '关于实施建设项目环境影响评价告知承诺制审批的通知', ''))
  writeFileSync(join(dir, 'publications/2026-test-002.md'), publication('2026-test-002', '关于开展入河排污口排查整治的通知', 'review:\n  初审: { by: 李审核, on: 2026-11-24 }\n'))
  writeFileSync(
    join(dir, 'publications/2026-test-003.md'),
    publication('2026-test-003', '关于印发重点排污单位名录的通知', 'review: { 初审: { by: 李审核, on: 2026-11-24 }, 复审: { by: 赵复审, on: 2026-11-25 } }\n'),
  )
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) }
}
