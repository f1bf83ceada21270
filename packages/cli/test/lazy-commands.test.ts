/**
 * The CLI loads only the command it runs: `gongkai build` never loads the console's web server and
 * PDF reader, the spreadsheet and Word readers or the scheduler (they were most of a rebuild's
 * CPU time before any command began). The modules are recorded by a loader hook in the child.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, loadCommand, loadCommands } from '../src/main.js'
import { root } from './support.js'

const BIN = join(root, 'packages/cli/dist/bin.js')

/** The URLs of every module the child `gongkai ARGS…` loaded. */
function modulesLoaded(args: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-modules-'))
  const log = join(dir, 'modules.txt')
  writeFileSync(log, '')
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs'\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context) }\n`,
  )
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)})\n`)
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } })
  expect(r.status, r.stderr).toBe(0)
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
}

describe('commands load lazily', () => {
  it('build loads neither the console, the importers, the scheduler, the ledger nor the PDF reader', () => {
    const loaded = modulesLoaded(['build', '--help'])
    expect(loaded.some((u) => u.includes('/packages/cli/dist/commands/build.js'))).toBe(true)
    for (const unwanted of [
      '/packages/console/',
      '/packages/import/',
      '/packages/scheduler/',
      '/packages/check/',
      '/packages/store-sqlite/',
      'better-sqlite3',
      'pdfjs-dist',
      'exceljs',
      '@hono/',
      'commands/push.js',
      'commands/console.js',
    ]) {
      expect(loaded.filter((u) => u.includes(unwanted))).toEqual([])
    }
  })

  it('every listed command loads under its own name, and help lists them all in order', async () => {
    const commands = await loadCommands()
    expect(commands.map((c) => c.name)).toEqual([...COMMAND_NAMES])
    expect((await loadCommand('build'))?.name).toBe('build')
    expect(await loadCommand('nonesuch')).toBeUndefined()
    const help = spawnSync(process.execPath, [BIN, 'help'], { encoding: 'utf8' })
    const listed = help.stdout
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim().split(/\s+/)[0])
    expect(listed).toEqual([...COMMAND_NAMES])
  })
})
