/** A project pointed at PostgreSQL: the config's `store` and `storePasswordEnv`, `gongkai migrate`, and commands whose ledger and jobs land in the database under the body's code. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '@gongkai/store-postgres'
import { ADMIN_PASSWORD, clusterAvailable, startCluster } from '@gongkai/test-store-contract'
import type { Cluster } from '@gongkai/test-store-contract'
import { main } from '../src/main.js'
import { copyExample, fakeIo } from './support.js'

/** The example project with `ledger:` replaced by the lines given. */
function pointAt(lines: string): string {
  const dir = copyExample()
  const config = join(dir, 'gongkai.config.yaml')
  writeFileSync(config, readFileSync(config, 'utf8').replace('ledger: .gongkai/ledger.sqlite', lines))
  return dir
}

describe('store in the config', () => {
  it('refuses a password written into the address, at its line, without showing it', async () => {
    const dir = pointAt('store: postgres://gongkai:Zx9-secret@db.example.gov.cn:5432/gongkai')
    const io = fakeIo(dir)
    expect(await main(['migrate', dir], io)).toBe(1)
    expect(io.text()).toContain('gongkai.config.yaml:39')
    expect(io.text()).toContain('台账数据库地址“postgres://gongkai:***@db.example.gov.cn:5432/gongkai”中写了密码')
    expect(io.text()).toContain('config/store-password-in-url')
    expect(io.text()).not.toContain('Zx9-secret')
  })

  it('says what it expected of an address that is not postgres://', async () => {
    const dir = pointAt('store: mysql://gongkai@db/gongkai\nstorePasswordEnv: GK_PG_PASSWORD')
    const io = fakeIo(dir)
    expect(await main(['migrate', dir], io)).toBe(1)
    expect(io.text()).toContain('gongkai.config.yaml:39')
    expect(io.text()).toContain('台账数据库地址“mysql://gongkai@db/gongkai”不是 postgres:// 地址')
    expect(io.text()).toContain('config/bad-store')
  })

  it('names the variable that is not set, in Chinese, with the masked address', async () => {
    const dir = pointAt('store: postgres://gongkai@127.0.0.1:1/gongkai\nstorePasswordEnv: GK_PG_PASSWORD')
    const io = fakeIo(dir)
    expect(await main(['migrate', dir], io)).toBe(1)
    expect(io.text()).toContain('错误：环境变量 GK_PG_PASSWORD 没有设置，无法取得 PostgreSQL（postgres://gongkai@127.0.0.1:1/gongkai）的密码 [store/pg-password-env]')
  })

  it('has --help in Chinese', async () => {
    const io = fakeIo('/')
    expect(await main(['migrate', '--help'], io)).toBe(0)
    expect(io.text()).toContain('用法：gongkai migrate [目录] [--status] [--json]')
  })
})

const available = clusterAvailable()
let cluster: Cluster

describe.runIf(available)('on a real PostgreSQL server', () => {
  beforeAll(async () => {
    cluster = await startCluster()
    cluster.psql('CREATE DATABASE province')
  })
  afterAll(async () => cluster?.stop())

  it('gongkai migrate applies the migrations, shows them, and applies nothing the second time; run and status use the database', async () => {
    const url = cluster.url('province')
    const dir = pointAt(`store: ${url}\nstorePasswordEnv: GK_PG_PASSWORD`)
    const env = { GK_PG_PASSWORD: ADMIN_PASSWORD }

    const status = fakeIo(dir, undefined, env)
    expect(await main(['migrate', dir, '--status'], status), status.text()).toBe(0)
    expect(status.text()).toMatch(/^1 +initial +待应用/m)
    expect(status.text()).toMatch(/^2 +ledger functions +待应用/m)
    expect(status.text()).toMatch(/^3 +audit log +待应用/m)
    expect(status.text()).toContain('有 3 个迁移待应用')

    const first = fakeIo(dir, undefined, env)
    expect(await main(['migrate', dir], first), first.text()).toBe(0)
    expect(first.stdout[0]).toBe(`PostgreSQL 台账 ${url}（机构 008672531），表在模式（schema）gongkai 中：`)
    // Stamped by the CLI's clock (GONGKAI_NOW in whole-process runs), shown in the project's timezone.
    expect(first.text()).toMatch(/^1 +initial +本次应用 +2026-11-30 10:00:00$/m)
    expect(first.text()).toMatch(/^2 +ledger functions +本次应用 +2026-11-30 10:00:00$/m)
    expect(first.text()).toMatch(/^3 +audit log +本次应用 +2026-11-30 10:00:00$/m)
    expect(first.text()).toContain('本次应用了 3 个迁移')
    expect(first.text()).not.toContain(ADMIN_PASSWORD)

    const again = fakeIo(dir, undefined, env)
    expect(await main(['migrate', dir, '--json'], again), again.text()).toBe(0)
    const json = JSON.parse(again.text()) as { applied: { version: number }[]; appliedNow: number[]; pending: unknown[] }
    expect(json.applied.map((m) => m.version)).toEqual([1, 2, 3])
    expect(json.appliedNow).toEqual([])
    expect(json.pending).toEqual([])

    // A scheduled task's job goes to the database, under the body's code.
    const run = fakeIo(dir, undefined, env)
    expect(await main(['run', dir, 'deadlines'], run), run.text()).toBe(0)
    const store = await openPostgresStore({ url, password: ADMIN_PASSWORD, body: '008672531' })
    try {
      expect((await store.jobs.list()).map((j) => [j.schedule, j.state])).toEqual([['deadlines', 'done']])
      expect(await store.database.bodies()).toEqual(['008672531'])
    } finally {
      await store.close()
    }
    const other = await openPostgresStore({ url, password: ADMIN_PASSWORD, body: '11510000M' })
    expect(await other.jobs.list()).toEqual([])
    await other.close()

    const shown = fakeIo(dir, undefined, env)
    expect(await main(['status', dir], shown), shown.text()).toBe(0)
    expect(shown.text()).toContain('deadlines')

    const wrong = fakeIo(dir, undefined, { GK_PG_PASSWORD: 'not-the-Password' })
    expect(await main(['status', dir], wrong)).toBe(1)
    expect(wrong.text()).toContain(`错误：无法连接 PostgreSQL 台账 ${url}：用户名或密码不对 [store/pg-connect]`)
    expect(wrong.text()).not.toContain('not-the-Password')
  })
})
