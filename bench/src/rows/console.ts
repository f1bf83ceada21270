/**
 * Console rows, in-process: the live preview. The example project (`examples/county-bureau`,
 * copied) is opened by `createConsole` in watch mode with the four channels, a publication page's
 * server-sent-event stream is read as a browser would, and one publication's body gets a sentence:
 * the row is the time from the file's write to the stream's `preview` event for that publication
 * (the watcher, the reload, the one-publication preview build, the event). Target ≤ 100 ms.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createConsole, hashPassword } from '@gongkai/console'
import { kiosk } from '@gongkai/kiosk'
import { noticeboard } from '@gongkai/noticeboard'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { website } from '@gongkai/website'
import { wechat } from '@gongkai/wechat'
import type { BenchContext, BenchRow } from '../types.js'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau', import.meta.url))
const NOW = new Date('2026-11-30T10:00:00+08:00')
const BASE = 'http://127.0.0.1:4300'
/** A publication of the example on all four channels. */
const ID = '2026-zfxx-007'

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2
}

/** Times write → SSE event for one publication, several times. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = join(ctx.workDir, 'bureau')
  mkdirSync(dir, { recursive: true })
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes('/.gongkai') && !src.endsWith('/out') })
  const config = join(dir, 'gongkai.config.yaml')
  writeFileSync(config, `${readFileSync(config, 'utf8')}\nusers:\n  - { id: bench, name: 测试编辑, roles: [编辑], password: "${await hashPassword('bench-mima-2026')}" }\n`)
  const store = openSqliteStore(join(dir, '.gongkai', 'ledger.sqlite'), { now: () => NOW })
  const app = await createConsole({
    dir,
    store,
    now: () => NOW,
    channels: async () => [
      website({ projectDir: dir, preview: true }),
      wechat({ appId: 'wx5f3c2a9b8e7d6c41', secretEnv: 'GONGKAI_WECHAT_SECRET', author: '青川县生态环境局' }),
      noticeboard({ paper: 'A4' }),
      kiosk({ orientation: 'portrait', slideSeconds: 12, theme: { background: '#0b2a5b', foreground: '#ffffff', accent: '#ffd200' } }),
    ],
  })
  ctx.log('console: first preview build of the example (four channels)')
  const c0 = performance.now()
  await app.previewsReady()
  const cold = performance.now() - c0
  const link = await app.signInLink('bench')
  const signed = await app.fetch(new Request(BASE + link))
  const cookie = (signed.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  const abort = new AbortController()
  const r = await app.fetch(new Request(`${BASE}/publications/${ID}/events`, { headers: { cookie }, signal: abort.signal }))
  const reader = (r.body ?? new ReadableStream<Uint8Array>()).pipeThrough(new TextDecoderStream()).getReader()
  // Read all the time, each event stamped as it arrives: a build's events after the one a run waits for
  // (each build ends with one, when its notice goes) are cleared before the next write, not taken for its answer.
  const events: { readonly at: number; readonly name: string; readonly data: string }[] = []
  let wake: (() => void) | undefined
  let ended = false
  void (async () => {
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }))
      if (done) break
      buffer += value
      for (let cut = buffer.indexOf('\n\n'); cut !== -1; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut)
        buffer = buffer.slice(cut + 2)
        const name = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (name !== undefined && data !== undefined) events.push({ at: performance.now(), name, data })
      }
      wake?.()
    }
    ended = true
    wake?.()
  })()
  /** The first event named `name` (and passing `test`) that has come or comes. */
  const next = async (name: string, test: (data: { channel?: string | null }) => boolean = () => true) => {
    for (;;) {
      const found = events.find((e) => e.name === name && test(JSON.parse(e.data) as { channel?: string | null }))
      if (found !== undefined) return { at: found.at, data: JSON.parse(found.data) as { id: string; channel: string | null } }
      if (ended) throw new Error(`the stream ended before “${name}”`)
      await new Promise<void>((done) => (wake = done))
    }
  }
  await next('ready')
  const file = join(dir, 'publications', 'zfxx', `${ID}.md`)
  const runs = ctx.quick ? 5 : 11
  const samples: number[] = []
  const whole: number[] = []
  for (let i = 0; i < runs; i++) {
    // Apart by more than the watcher's settling time and the load cache's coarse-clock window, as edits by hand are.
    await sleep(2_100)
    events.length = 0
    const text = readFileSync(file, 'utf8')
    const t0 = performance.now()
    writeFileSync(file, `${text.trimEnd()}\n\n第${i + 1}次修改：补充一句说明。\n`)
    const first = await next('preview')
    samples.push(first.at - t0)
    // The channels come one by one, quickest first; the kiosk's slides are last.
    const last = await next('preview', (d) => d.channel === 'kiosk')
    whole.push(last.at - t0)
    ctx.log(`console: run ${i + 1}: first event (${first.data.channel ?? ''}) ${samples[i]?.toFixed(0) ?? ''} ms, all four ${whole[i]?.toFixed(0) ?? ''} ms`)
  }
  abort.abort()
  await reader.cancel().catch(() => undefined)
  await app.close()
  await store.close()
  const value = median(samples)
  const all = median(whole)
  return [
    {
      group: 'console',
      name: `live preview: file written → first SSE event for that publication (its website page), example project (${ID})`,
      value,
      unit: 'ms',
      kind: 'in-process (watch mode)',
      best: Math.min(...samples),
      samples,
      target: '≤ 100 ms',
      pass: value <= 100,
      note: `median of ${runs}; runs ${samples.map((s) => s.toFixed(0)).join(', ')} ms; the first build of all four channels took ${(cold / 1000).toFixed(1)} s`,
    },
    {
      group: 'console',
      name: `live preview: file written → the event of its last channel (kiosk slides), example project (${ID})`,
      value: all,
      unit: 'ms',
      kind: 'in-process (watch mode)',
      best: Math.min(...whole),
      samples: whole,
      note: `median of ${runs}; runs ${whole.map((s) => s.toFixed(0)).join(', ')} ms; channels built website → wechat → noticeboard → kiosk, an event as each is done`,
    },
  ]
}
