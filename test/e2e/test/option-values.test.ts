/**
 * A bad channel option is shown as the operator wrote it: a list as a list, an object as JSON,
 * never `[object Object]` nor a list printed as its only element (“应为 portrait……而不是“portrait””).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')

it('validate shows each bad value as written: ["A4"], ["portrait"], [5], {"on":true}', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'gongkai-values-')), 'project')
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !src.includes(`${'/'}out`) && !src.includes('.gongkai') })
  const file = join(dir, 'gongkai.config.yaml')
  const before = readFileSync(file, 'utf8')
  const after = before
    .replace('paper: A4', 'paper: [A4]')
    .replace('orientation: portrait', 'orientation: [portrait]')
    .replace('slideSeconds: 12', 'slideSeconds: [5]')
    .replace('website: {}', 'website: { preview: { on: true } }')
  expect(after.split('\n').length).toBe(before.split('\n').length)
  writeFileSync(file, after)
  const r = spawnSync(process.execPath, [bin, 'validate', dir], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV }, timeout: 120_000 })
  expect(r.status).toBe(1)
  const lines = r.stderr.split('\n')
  const lineOf = (path: string) => lines.find((l) => l.includes(` ${path}：`)) ?? `(no line for ${path})`
  expect(lineOf('channels.noticeboard.paper')).toContain('而不是“["A4"]”')
  expect(lineOf('channels.kiosk.orientation')).toContain('而不是“["portrait"]”')
  expect(lineOf('channels.kiosk.slideSeconds')).toContain('而不是“[5]”')
  expect(lineOf('channels.website.preview')).toContain('而不是“{"on":true}”')
  expect(r.stderr).not.toContain('[object Object]')
})
