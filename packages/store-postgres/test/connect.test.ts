/** Connecting: the address checked, the password from the environment and never shown, migrations applied once under two racing workers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GongkaiError, OptionsError } from '@gongkai/core'
import { connectPostgres, MIGRATIONS, maskUrl, openPostgresStore } from '../src/index.js'
import { ADMIN_PASSWORD, clusterAvailable, startCluster } from '@gongkai/test-store-contract'
import type { Cluster } from '@gongkai/test-store-contract'

describe('the address and its password', () => {
  it('masks a password wherever the address is shown', () => {
    expect(maskUrl('postgres://gk:s3cret@db.example.gov.cn:5432/gongkai')).toBe('postgres://gk:***@db.example.gov.cn:5432/gongkai')
    expect(maskUrl('postgres://gk@db:5432/gongkai')).toBe('postgres://gk@db:5432/gongkai')
    expect(maskUrl('not a url //gk:s3cret@db')).toBe('not a url //gk:***@db')
  })

  it('refuses a password in the address, a bad address and an unset variable, in Chinese, before connecting', async () => {
    const refused = async (options: Parameters<typeof connectPostgres>[0]) => {
      const error = await connectPostgres(options).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(OptionsError)
      return error as OptionsError
    }
    const inUrl = await refused({ url: 'postgres://gk:s3cret@127.0.0.1:1/gongkai' })
    expect(inUrl.code).toBe('store/pg-url')
    expect(inUrl.message).toBe('PostgreSQL 连接地址“postgres://gk:***@127.0.0.1:1/gongkai”中写了密码')
    expect(inUrl.hint).toContain('storePasswordEnv')
    expect(JSON.stringify({ m: inUrl.message, h: inUrl.hint })).not.toContain('s3cret')
    expect((await refused({ url: 'mysql://gk@127.0.0.1/gongkai' })).message).toBe('PostgreSQL 连接地址“mysql://gk@127.0.0.1/gongkai”应以 postgres:// 开头，不能是 mysql://')
    expect((await refused({ url: 'postgres://gk@127.0.0.1:5432/' })).message).toContain('缺少数据库名')
    expect((await refused({ url: 'postgres://127.0.0.1:5432/gongkai' })).message).toContain('缺少用户名')
    const unset = await refused({ url: 'postgres://gk@127.0.0.1:5432/gongkai', passwordEnv: 'GK_PG_PASSWORD', env: {} })
    expect(unset.code).toBe('store/pg-password-env')
    expect(unset.message).toBe('环境变量 GK_PG_PASSWORD 没有设置，无法取得 PostgreSQL（postgres://gk@127.0.0.1:5432/gongkai）的密码')
    expect((await refused({ url: 'postgres://gk@127.0.0.1:5432/gongkai', passwordEnv: 'my password', env: {} })).message).toContain('应为环境变量的名字')
  })
})

const available = clusterAvailable()
let cluster: Cluster

describe.runIf(available)('on a real server', () => {
  beforeAll(async () => {
    cluster = await startCluster()
  })
  afterAll(async () => cluster?.stop())

  it('takes the password from the variable the config names; a wrong one is a Chinese error that never shows it', async () => {
    cluster.psql('CREATE DATABASE pw')
    const store = await openPostgresStore({ url: cluster.url('pw'), passwordEnv: 'GK_TEST_PG', env: { GK_TEST_PG: ADMIN_PASSWORD }, body: '008672531' })
    await store.ledger.open({ publication: 'p', revision: 'r', channel: 'website' })
    expect(await store.ledger.list()).toHaveLength(1)
    await store.close()

    const wrong = 'wrong-Password-1234'
    const error = await openPostgresStore({ url: cluster.url('pw'), passwordEnv: 'GK_TEST_PG', env: { GK_TEST_PG: wrong }, body: '008672531' }).then(
      () => undefined,
      (e: unknown) => e as GongkaiError,
    )
    expect(error).toBeInstanceOf(GongkaiError)
    expect(error?.code).toBe('store/pg-connect')
    expect(error?.message).toBe(`无法连接 PostgreSQL 台账 postgres://gongkai@127.0.0.1:${cluster.port}/pw：用户名或密码不对`)
    expect(`${error?.message ?? ''}${error?.hint ?? ''}${error?.stack ?? ''}`).not.toContain(wrong)

    const missing = await openPostgresStore({ url: cluster.url('nosuchdb'), password: ADMIN_PASSWORD, body: '008672531' }).catch((e: unknown) => e as GongkaiError)
    expect((missing as GongkaiError).message).toContain('：数据库不存在')
    const refused = await openPostgresStore({ url: 'postgres://gk@127.0.0.1:1/x', password: 'x', body: '008672531', connectTimeoutMs: 2000 }).catch((e: unknown) => e as GongkaiError)
    expect((refused as GongkaiError).message).toBe('无法连接 PostgreSQL 台账 postgres://gk@127.0.0.1:1/x：连接被拒绝（服务没有在这个地址和端口上运行）')
  })

  it('applies the numbered migrations once when eight workers start together, and records them', async () => {
    cluster.psql('CREATE DATABASE race')
    const url = cluster.url('race')
    const at = new Date('2026-11-30T02:00:00Z')
    const dbs = await Promise.all(Array.from({ length: 8 }, () => connectPostgres({ url, password: ADMIN_PASSWORD, poolSize: 1, now: () => at })))
    try {
      // One of them applied everything; the others waited on the advisory lock and found nothing left to do.
      expect(dbs.map((d) => d.migrated.length).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, MIGRATIONS.length])
      expect(await dbs[0]!.migrations()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, appliedAt: '2026-11-30T02:00:00.000Z' })))
      expect(cluster.psql('SELECT count(*) FROM gongkai.schema_migrations', 'race').trim()).toBe(String(MIGRATIONS.length))
      // The tables live in their own schema, out of the way of whatever else the database holds.
      expect(cluster.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'gongkai'", 'race').trim()).toBe(
        'audit_log,bodies,deliveries,delivery_steps,jobs,kv,locks,schema_migrations',
      )
    } finally {
      await Promise.all(dbs.map((d) => d.close()))
    }
    // A later start applies nothing.
    const again = await connectPostgres({ url, password: ADMIN_PASSWORD })
    expect(again.migrated).toEqual([])
    await again.close()
  })

  it('refuses a database a newer gongkai migrated, writing nothing', async () => {
    cluster.psql('CREATE DATABASE newer')
    const url = cluster.url('newer')
    await (await connectPostgres({ url, password: ADMIN_PASSWORD })).close()
    cluster.psql("INSERT INTO gongkai.schema_migrations VALUES (99, 'from the future', now())", 'newer')
    const error = await connectPostgres({ url, password: ADMIN_PASSWORD }).catch((e: unknown) => e as GongkaiError)
    expect((error as GongkaiError).code).toBe('store/newer-schema')
    expect((error as GongkaiError).message).toBe(`PostgreSQL 台账（postgres://gongkai@127.0.0.1:${cluster.port}/newer）的结构版本为 99，比本程序认识的版本 ${MIGRATIONS.length} 新`)
    // Reading where it stands still works.
    const read = await connectPostgres({ url, password: ADMIN_PASSWORD, migrate: false })
    expect((await read.migrations()).map((m) => m.version)).toEqual([...MIGRATIONS.map((m) => m.version), 99])
    await read.close()
  })
})
