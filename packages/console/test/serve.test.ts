/** Where the console listens: loopback by default, another host only over TLS or with `insecure`; over TLS the cookies are Secure. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStore } from '@gongkai/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isLoopback, startConsole } from '../src/serve.js'
import { makeProject, NOW } from './fixture.js'

let dir: string
let remove: () => void
beforeAll(async () => {
  ;({ dir, remove } = await makeProject())
})
afterAll(() => remove())

const base = () => ({ dir, store: createMemoryStore(() => NOW), now: () => NOW, watch: false, channels: async () => [] })

describe('startConsole', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].map(isLoopback)).toEqual([true, true, true, true, true])
    expect(['0.0.0.0', '192.168.1.20', '::', 'example.gov.cn'].map(isLoopback)).toEqual([false, false, false, false])
  })

  it('refuses another host without TLS files or insecure, before listening', async () => {
    await expect(startConsole({ ...base(), host: '0.0.0.0', port: 0 })).rejects.toMatchObject({ code: 'console/insecure-host' })
    await expect(startConsole({ ...base(), port: 70000 })).rejects.toMatchObject({ code: 'console/bad-port' })
    await expect(startConsole({ ...base(), port: 0, tls: { key: join(dir, 'none.pem'), cert: join(dir, 'none.pem') } })).rejects.toMatchObject({ code: 'console/tls-unreadable' })
  })

  it('serves HTTPS with the given certificate, and marks its cookies Secure', async () => {
    const certs = mkdtempSync(join(tmpdir(), 'gongkai-console-tls-'))
    const key = join(certs, 'key.pem')
    const cert = join(certs, 'cert.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' })
    const running = await startConsole({ ...base(), host: '127.0.0.1', port: 0, tls: { key, cert } })
    try {
      expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      const answer = await new Promise<{ status: number; cookie: string }>((ok, fail) => {
        request(`${running.url}/signin`, { rejectUnauthorized: false }, (res) => {
          res.resume()
          ok({ status: res.statusCode ?? 0, cookie: (res.headers['set-cookie'] ?? []).join('\n') })
        })
          .on('error', fail)
          .end()
      })
      expect(answer.status).toBe(200)
      expect(answer.cookie).toMatch(/gk_login=[^;]+;.*Secure/)
    } finally {
      await running.close()
    }
  })
})
