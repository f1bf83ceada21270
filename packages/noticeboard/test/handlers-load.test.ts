/**
 * Each sheet handler loads on its own: a handler reaches other handlers through the state it is
 * handed, never by importing a registry, so importing one handler file first (as a test or a future
 * caller would) finds no half-loaded module. Each import runs in a fresh Node process, from dist.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const dist = fileURLToPath(new URL('../dist/render/', import.meta.url))
const handlerFiles = ['blocks', 'inline'].flatMap((dir) =>
  readdirSync(`${dist}${dir}`)
    .filter((f) => f.endsWith('.js'))
    .map((f) => `${dir}/${f}`),
)

/** What importing the module alone in a new process printed on stderr; empty when it loaded. */
function importAlone(file: string): string {
  const url = pathToFileURL(`${dist}${file}`).href
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(url)})`], { encoding: 'utf8' })
  return run.status === 0 ? '' : (run.stderr.split('\n').find((l) => /Error/.test(l)) ?? run.stderr)
}

describe('sheet handlers', () => {
  it('finds the handler files in dist', () => {
    expect(handlerFiles).toContain('blocks/paragraph.js')
    expect(handlerFiles).toContain('inline/strong.js')
    expect(handlerFiles.length).toBeGreaterThanOrEqual(16)
  })

  it('each loads alone without throwing, the registries too', () => {
    const failures = [...handlerFiles, 'blocks.js', 'inline.js', 'create-state.js', 'set-text.js'].map((f) => [f, importAlone(f)]).filter(([, err]) => err !== '')
    expect(failures).toEqual([])
  })
})
