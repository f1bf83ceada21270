/** What the console's browser tests share: the CLI as a child process, a sign-in through the form, axe's serious findings. */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const bin = join(repo, 'packages/cli/bin/gongkai.js')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Where the browser tests' screenshots go: `docs/issue-19/` with `GONGKAI_SHOTS=docs` (to refresh the
 * pictures a person reviewed), else a temporary folder, so that `npm test` leaves the checkout clean.
 */
export const SHOTS = process.env.GONGKAI_SHOTS === 'docs' ? join(repo, 'docs/issue-19') : mkdtempSync(join(tmpdir(), 'gongkai-shots-'))

/** A body long enough to lay out on every channel: the example's 2026-zfxx-007, after its front matter. */
export const EXAMPLE_BODY = readFileSync(join(repo, 'examples/county-bureau/publications/zfxx/2026-zfxx-007.md'), 'utf8').split(/^---$/m)[2] ?? ''

/** Runs `gongkai ARGS` with `input` on stdin and the environment given; resolves with its exit code and output. */
export function runGongkai(args: readonly string[], input: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('close', (code) => done({ code, out, err }))
    child.stdin.end(input)
  })
}

/** axe's serious and critical violations on the page, as `id target, target`. */
export async function seriousAxe(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's CSP (script-src 'self': its static scripts, no inline script) stops injected scripts, as it should.
  await page.evaluate(axeSource)
  const violations = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    return (await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations
  })) as { id: string; impact: string; nodes: { target: string[] }[] }[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Signs in through the form at `base` and waits for 总览; a failure says where the page ended. */
export async function signInAs(page: Page, base: string, user: { readonly id: string; readonly password: string }): Promise<void> {
  await page.goto(`${base}/signin`)
  await page.getByLabel('用户名').fill(user.id)
  await page.getByLabel('密码').fill(user.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${base}/`).catch(async (e: unknown) => {
    throw new Error(`sign-in as ${user.id} did not reach 总览: ${page.url()} ${(await page.locator('main').textContent()) ?? ''}`, { cause: e })
  })
}
