/** What the in-process CLI tests share: a copy of the example project and an Io that records what operators would read. */
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Io } from '../src/command.js'

/** The repository root. */
export const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))

/** The instant in-process tests run at (the same as the whole-process tests' GONGKAI_NOW). */
export const NOW = new Date('2026-11-30T10:00:00+08:00')

/** A fresh copy of examples/county-bureau (no out/, no ledger), returned as its folder. */
export function copyExample(name = 'bureau'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'gongkai-cli-unit-')), name)
  cpSync(join(root, 'examples/county-bureau'), dir, { recursive: true, filter: (src) => !src.includes('/out') && !src.includes('.gongkai') })
  return dir
}

/** An Io whose clock stands still at `now`, collecting stdout and stderr lines. */
export function fakeIo(cwd: string, now: Date = NOW, env: Record<string, string> = {}): Io & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    cwd,
    env: { CI: 'true', ...env },
    now: () => new Date(now.getTime()),
    stdout,
    stderr,
    text: () => [...stdout, ...stderr].join('\n'),
  }
}
