/** The connection address: checked, its password taken from the environment, and masked wherever it is shown. */
import { ERRORS, OptionsError } from '@gongkai/core'

/** Where to connect, as node-postgres takes it, with the address as it may be shown. */
export interface ConnectionSettings {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly database: string
  readonly password?: string
  /** The address with any password replaced by `***`: the only form that goes into a message or a log. */
  readonly shown: string
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; text that is no URL is masked after its `:` before `@`. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    return u.toString()
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Reads `postgres://user@host:port/db`. The password comes from `password`, else from the environment variable
 * `passwordEnv` (like the WeChat secret's `secretEnv`); one written into the address is refused, since the address
 * sits in a config file that is kept in git.
 */
export function connectionSettings(
  url: string,
  options: { readonly password?: string; readonly passwordEnv?: string; readonly env?: Readonly<Record<string, string | undefined>>; readonly allowUrlPassword?: boolean } = {},
): ConnectionSettings {
  const shown = maskUrl(url)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new OptionsError(ERRORS.StorePgUrl, `PostgreSQL 连接地址“${shown}”无法解析，应为 postgres://用户名@主机:端口/数据库名`)
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new OptionsError(ERRORS.StorePgUrl, `PostgreSQL 连接地址“${shown}”应以 postgres:// 开头，不能是 ${u.protocol}//`)
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (u.hostname === '' || database === '' || database.includes('/')) {
    throw new OptionsError(ERRORS.StorePgUrl, `PostgreSQL 连接地址“${shown}”缺少${u.hostname === '' ? '主机' : '数据库名'}，应为 postgres://用户名@主机:端口/数据库名`)
  }
  if (u.username === '') throw new OptionsError(ERRORS.StorePgUrl, `PostgreSQL 连接地址“${shown}”缺少用户名，应为 postgres://用户名@主机:端口/数据库名`)
  if (u.password !== '' && options.allowUrlPassword !== true) {
    throw new OptionsError(ERRORS.StorePgUrl, `PostgreSQL 连接地址“${shown}”中写了密码`, {
      hint: '配置文件会进 git：把密码从地址中删去，放进环境变量，并用 storePasswordEnv 写出这个环境变量的名字',
    })
  }
  const port = u.port === '' ? 5432 : Number(u.port)
  let password: string | undefined = options.password ?? (u.password === '' ? undefined : decodeURIComponent(u.password))
  if (password === undefined && options.passwordEnv !== undefined) {
    if (!ENV_NAME.test(options.passwordEnv)) {
      throw new OptionsError(ERRORS.StorePgPasswordEnv, `storePasswordEnv 应为环境变量的名字（字母、数字和下划线），不能是“${options.passwordEnv}”`, {
        hint: '密码本身不写进配置文件：写环境变量的名字，例如 GONGKAI_PG_PASSWORD',
      })
    }
    const value = (options.env ?? process.env)[options.passwordEnv]
    if (value === undefined || value === '') {
      throw new OptionsError(ERRORS.StorePgPasswordEnv, `环境变量 ${options.passwordEnv} 没有设置，无法取得 PostgreSQL（${shown}）的密码`)
    }
    password = value
  }
  // The socket folder may be given as `?host=/run/postgresql`, as libpq allows.
  const socket = u.searchParams.get('host')
  return {
    host: socket ?? decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')),
    port,
    user: decodeURIComponent(u.username),
    database,
    ...(password === undefined ? {} : { password }),
    shown,
  }
}
