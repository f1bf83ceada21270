import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyExample, root } from './support.js'

const ESC = '\u001b'
const BIN = join(root, 'packages/cli/dist/bin.js')

/** Runs the built CLI as an operator would, at a fixed instant; stdout and stderr together. */
function gongkai(...args: string[]): { code: number | null; output: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, GONGKAI_NOW: '2026-11-30T10:00:00+08:00', CI: 'true' } })
  return { code: r.status, output: `${r.stdout}${r.stderr}` }
}

describe('control characters in content never reach the terminal raw', () => {
  const dir = copyExample()
  const file = join(dir, 'publications/hjxx/2026-hjxx-016.md')
  const text = readFileSync(file, 'utf8')
  // A pasted title with colour codes, and a field name with a clear-screen code (kept in the message that names it).
  writeFileSync(file, text.replace('title: 青阳工业园区', `title: ${ESC}[31m红${ESC}[0m青阳工业园区`).replace(/\n---\n/, `\nti${ESC}[2Jtle: 多余\n---\n`))

  it('validate warns about the title, names the odd field visibly, and writes no ESC', () => {
    const { code, output } = gongkai('validate', dir)
    expect(output).not.toContain(ESC)
    expect(output).toMatch(/publications\/hjxx\/2026-hjxx-016\.md:4:8 警告 .*“title”（标题）中有不可见的控制字符（如 U\+001B），已删除 \[publication\/invisible-character\]/)
    expect(output).toContain('ti␛[2Jtle')
    expect(code).toBe(0)
  })

  it('build writes a clean title into a feed that is well-formed XML, and writes no ESC', async () => {
    const { output } = gongkai('build', dir, '--channel', 'website')
    expect(output).not.toContain(ESC)
    const feed = readFileSync(join(dir, 'out/website/feed.xml'), 'utf8')
    const { SaxesParser } = await import('saxes')
    const errors: string[] = []
    const parser = new SaxesParser()
    parser.on('error', (e) => void errors.push(e.message))
    parser.write(feed).close()
    expect(errors).toEqual([])
    expect(feed).not.toContain(ESC)
    const page = readFileSync(join(dir, 'out/website/p/2026-hjxx-016.html'), 'utf8')
    expect(page).toContain('[31m红[0m青阳工业园区')
    expect(page).not.toContain(ESC)
  })
})
