/** Child processes import the built package: build it when dist is missing or older than src. */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const pkg = fileURLToPath(new URL('..', import.meta.url))

/** Runs `tsc -b` on this package unless every src/x.ts has a newer dist/x.js. */
export function ensureBuilt(): void {
  const src = join(pkg, 'src')
  const stale = readdirSync(src).some((f) => {
    const out = join(pkg, 'dist', f.replace(/\.ts$/, '.js'))
    return !existsSync(out) || statSync(out).mtimeMs < statSync(join(src, f)).mtimeMs
  })
  if (!stale) return
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-b', join(pkg, 'tsconfig.json')], { stdio: 'inherit' })
}
