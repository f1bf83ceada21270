/**
 * `gongkai init`'s config template shows, commented, what an office turns on later: 保密审查 by level
 * (`review.levels`) and WeChat 更正说明 (`channels.wechat.corrections`). Uncommented as written, both
 * load, validate, and take effect.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(root, 'packages/cli/dist/bin.js')
const gongkai = (args: readonly string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...NOW_ENV } })

it('the template carries review.levels and corrections commented; uncommented they validate and hold back the unreviewed sample', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'gongkai-init-')), 'p')
  expect(gongkai(['init', dir]).status).toBe(0)
  const file = join(dir, 'gongkai.config.yaml')
  const config = readFileSync(file, 'utf8')
  expect(config).toContain('# review:\n#   levels: [初审, 复审]\n')
  expect(config).toContain('#     初审: { by: 张敏, on: 2026-11-21 }')
  expect(config).toContain('    # corrections: notice\n')
  // As it is: one review, and the sample passes validation.
  expect(gongkai(['status', dir, '--json']).stdout).not.toContain('缺少初审')

  writeFileSync(file, config.replace('# review:\n#   levels: [初审, 复审]\n', 'review:\n  levels: [初审, 复审]\n').replace('    # corrections: notice\n', '    corrections: notice\n'))
  const validated = gongkai(['validate', dir])
  expect(validated.status, validated.stderr + validated.stdout).toBe(0)
  expect(validated.stdout).toContain('没有错误')
  const status = JSON.parse(gongkai(['status', dir, '--json']).stdout) as { pending: string[][] }
  expect(status.pending.find((p) => p[0] === 'wechat')?.[2]).toBe('未通过保密审查：缺少初审、复审')
})
