/** The connection pool every store operation runs on: each one a single statement (or function call), atomic on its own. */
import pg from 'pg'
import type { PoolClient, QueryResultRow } from 'pg'
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { ConnectionSettings } from './url.js'
import { quoteIdent } from './migrations.js'

/** What the stores need of the database. */
export interface Db {
  /** One statement outside any transaction (a single statement is atomic and sees one snapshot). */
  query<R extends QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<R[]>
  /** A connection of the pool for the caller to release (migrations). */
  connect(): Promise<PoolClient>
  end(): Promise<void>
  readonly shown: string
}

// bigint (int8) columns hold epoch milliseconds, far inside Number's exact range.
const parseInt8 = (v: string): number => Number(v)
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => (oid === 20 ? parseInt8 : (pg.types.getTypeParser(oid, format ?? 'text') as unknown))) as typeof pg.types.getTypeParser,
}

/** Makes the pool. Nothing connects until the first query. */
export function createDb(settings: ConnectionSettings, schema: string, poolSize: number, connectTimeoutMs: number): Db {
  const pool = new pg.Pool({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    database: settings.database,
    ...(settings.password === undefined ? {} : { password: settings.password }),
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 10_000,
    application_name: 'gongkai',
    options: `-c search_path=${quoteIdent(schema)}`,
    types,
  })
  // An idle connection the server dropped is reported here; the pool replaces it on the next query.
  pool.on('error', () => undefined)
  const fail = (error: unknown): never => {
    throw wrapError(error, settings.shown)
  }
  const connect = () => pool.connect().catch(fail)
  return {
    shown: settings.shown,
    async query<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await pool.query<R>(sql, params as unknown[])).rows
      } catch (error) {
        return fail(error)
      }
    },
    connect,
    end: () => pool.end(),
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '28P01', '28000', '3D000', '57P03'])

/** A driver error as a GongkaiError in Chinese that names the masked address; the password never appears. */
export function wrapError(error: unknown, shown: string): GongkaiError {
  if (error instanceof GongkaiError) return error
  const e = error as { code?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  const detail = typeof e.message === 'string' ? e.message : String(error)
  if (CONNECT_CODES.has(code) || /timeout exceeded when trying to connect|Connection terminated/i.test(detail)) {
    const why =
      code === '28P01'
        ? '用户名或密码不对'
        : code === '3D000'
          ? '数据库不存在'
          : code === 'ECONNREFUSED'
            ? '连接被拒绝（服务没有在这个地址和端口上运行）'
            : /timeout/i.test(detail)
              ? '连接超时'
              : detail
    return new GongkaiError(ERRORS.StorePgConnect, `无法连接 PostgreSQL 台账 ${shown}：${why}`, { cause: error })
  }
  return new GongkaiError(ERRORS.StorePgQuery, `PostgreSQL 台账 ${shown} 执行出错：${detail}${code === '' ? '' : `（${code}）`}`, { cause: error })
}
