/**
 * The README's operator section, pasted line by line into a shell after the two quick-start
 * lines: every line runs exactly as written and leaves a valid project. The registry is pointed
 * at a closed port, so a line that would fetch `gongkai` from the public registry fails here.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NOW_ENV } from '../support/now.js'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const readme = readFileSync(join(root, 'README.md'), 'utf8')

/** The lines of the first shell block under a heading. */
function shellBlock(heading: string): string[] {
  const at = readme.indexOf(`## ${heading}`)
  expect(at, heading).toBeGreaterThan(-1)
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))
  return (block?.[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
}

const env = { ...process.env, ...NOW_ENV, CI: 'true', npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' }

describe('README', () => {
  it('quick start is exactly the two lines', () => {
    expect(shellBlock('Quick start')).toEqual(['npm ci && npm start', 'npm test'])
  })

  it('links the committed gongkai bin at install time, executable, before anything is built', () => {
    const link = join(root, 'node_modules/.bin/gongkai')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toMatch(/gongkai\/bin\/gongkai\.js$/)
    expect(realpathSync(link)).toBe(join(root, 'packages/cli/bin/gongkai.js'))
    const mode = spawnSync('git', ['ls-files', '-s', 'packages/cli/bin/gongkai.js'], { cwd: root, encoding: 'utf8' }).stdout
    expect(mode).toMatch(/^100755 /)
  })

  it('runs every operator line as written, in order, and leaves a valid project', async () => {
    const lines = shellBlock('For operators')
    expect(lines.length).toBeGreaterThanOrEqual(8)
    // A folder like the repository root: its node_modules (for npx) and examples (the sample sheet).
    const cwd = mkdtempSync(join(tmpdir(), 'gongkai-readme-'))
    symlinkSync(join(root, 'node_modules'), join(cwd, 'node_modules'))
    symlinkSync(join(root, 'examples'), join(cwd, 'examples'))
    for (const line of lines) {
      expect(line).toMatch(/^npx gongkai /)
      // The two that run until Ctrl-C: the scheduler daemon and the console.
      const daemon = /^npx gongkai schedule /.test(line)
        ? { started: '调度器启动', stopped: '调度器已停止' }
        : /^npx gongkai console /.test(line)
          ? { started: '按 Ctrl-C 停止', stopped: '操作台已停止' }
          : undefined
      if (daemon !== undefined) {
        // It starts, then Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops it after the step in flight.
        const child = spawn('sh', ['-c', `exec ${line}`], { cwd, env, detached: true })
        let out = ''
        child.stdout.on('data', (c: Buffer) => (out += c.toString()))
        child.stderr.on('data', (c: Buffer) => (out += c.toString()))
        await new Promise<void>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`${line}: no start in 20 s:\n${out}`)), 20_000)
          child.stdout.on('data', () => {
            if (out.includes(daemon.started)) {
              clearTimeout(timer)
              done()
            }
          })
        })
        process.kill(-(child.pid ?? 0), 'SIGINT')
        await new Promise((done) => child.on('close', done))
        // npx itself dies of the signal, as in a terminal; the daemon under it stops cleanly.
        expect(out, line).toContain(daemon.stopped)
        expect(out, line).not.toMatch(/错误|Error/)
        continue
      }
      // `user add` reads the password from stdin, as when it is typed at the terminal.
      const input = /^npx gongkai user add /.test(line) ? 'readme-mima-2026\n' : ''
      const r = spawnSync('sh', ['-c', line], { cwd, env, encoding: 'utf8', timeout: 120_000, input })
      expect(r.status, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0)
      // push ships what the last build made: the README builds a release (not a preview) before it.
      if (/^npx gongkai push /.test(line)) expect(r.stdout, line).toMatch(/^微信公众号：发布版本 [0-9a-f]{16}（生成于/m)
    }
    expect(existsSync(join(cwd, '我的机关/out/website/index.html'))).toBe(true)
    expect(readFileSync(join(cwd, '本周公示.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    const catalog = readFileSync(join(cwd, '我的机关/catalog.yaml'), 'utf8')
    expect(catalog).toContain('GK-ZFXX-001')
    expect(catalog).toContain('HB-HJYP-001')
  }, 600_000)
})
