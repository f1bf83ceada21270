/**
 * Binding the console to an address. Loopback unless told otherwise; any other address only over
 * TLS (a key and certificate file) or with an explicit `insecure`, since passwords and session
 * cookies would otherwise cross the office network in the clear.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isIP } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { ERRORS, GongkaiError, OptionsError } from '@gongkai/core'
import { createConsole } from './app.js'
import type { ConsoleApp, ConsoleOptions } from './app.js'

/** Options of `startConsole`: the app's, and where to listen. */
export interface StartConsoleOptions extends Omit<ConsoleOptions, 'secure'> {
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default 4300; 0 picks a free port. */
  readonly port?: number
  /** PEM files for HTTPS. */
  readonly tls?: { readonly key: string; readonly cert: string }
  /** Serve plain HTTP on a non-loopback address all the same. */
  readonly insecure?: boolean
}

/** A console listening on an address. */
export interface RunningConsole {
  readonly app: ConsoleApp
  /** `http://127.0.0.1:4300` */
  readonly url: string
  close(): Promise<void>
}

/** Whether a host name or address is this machine's loopback. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'))
}

/** Checks the address options and starts listening; throws a GongkaiError naming what to change. */
export async function startConsole(options: StartConsoleOptions): Promise<RunningConsole> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 4300
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OptionsError(ERRORS.ConsolePort, `端口应为 0 到 65535 之间的整数，不能是 ${String(port)}`)
  if (!isLoopback(host) && options.tls === undefined && options.insecure !== true) {
    throw GongkaiError.from(ERRORS.ConsoleInsecureHost, host)
  }
  let tls: { key: Buffer; cert: Buffer } | undefined
  if (options.tls !== undefined) {
    try {
      tls = { key: readFileSync(options.tls.key), cert: readFileSync(options.tls.cert) }
    } catch (cause) {
      throw new GongkaiError(ERRORS.ConsoleTlsUnreadable, `无法读取 TLS 证书或私钥：${(cause as Error).message}`, { cause })
    }
  }
  const app = await createConsole({ ...options, secure: tls !== undefined })
  const handle = getRequestListener((request) => app.fetch(request))
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res)
  const server: Server = tls === undefined ? createServer(listener) : createTlsServer({ key: tls.key, cert: tls.cert }, listener)
  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void app.close()
      fail(
        error.code === 'EADDRINUSE'
          ? new GongkaiError(ERRORS.ConsolePortInUse, `端口 ${port} 已被占用（可能已经有一个操作台在运行）`, { cause: error })
          : new GongkaiError(ERRORS.ConsoleListen, `无法在 ${host}:${port} 上启动操作台：${error.message}`, { cause: error }),
      )
    })
    server.listen(port, host, () => ok())
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    app,
    url: `${tls === undefined ? 'http' : 'https'}://${shownHost}:${address.port}`,
    async close() {
      await app.close()
      await new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      })
    },
  }
}
