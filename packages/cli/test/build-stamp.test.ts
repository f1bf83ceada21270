/** The build stamp: a rebuild with nothing changed may say what the last build said only while everything it recorded holds. */
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { beginStamp, codeDigest, dayAround, matchingStamp } from '../src/build-stamp.js'
import { main } from '../src/main.js'
import { copyExample, fakeIo, NOW } from './support.js'

const ARGS = ['--channel', 'website', '--json']
let dir: string
const inv = (at = '2026-11-30T10:00:00+08:00') => ({ argv: [dir, ...ARGS], cwd: dir, env: { CI: 'true', GONGKAI_NOW: at }, tty: process.stdout.isTTY === true })

async function build(): Promise<{ code: number; out: string }> {
  const io = fakeIo(dir)
  const code = await main(['build', dir, ...ARGS], io)
  return { code, out: io.stdout.join('\n') }
}

describe('build stamp', () => {
  beforeAll(async () => {
    dir = copyExample()
    expect((await build()).code).toBe(0)
  }, 120_000)

  it('the day around an instant, in the project timezone, to the second and inside', () => {
    const [from, until] = dayAround(NOW.getTime(), 'Asia/Shanghai')
    expect(from).toBeGreaterThanOrEqual(Date.parse('2026-11-30T00:00:00+08:00'))
    expect(from).toBeLessThan(Date.parse('2026-11-30T00:00:01+08:00'))
    expect(until).toBeLessThanOrEqual(Date.parse('2026-12-01T00:00:00+08:00'))
    expect(until).toBeGreaterThan(Date.parse('2026-11-30T23:59:58+08:00'))
  })

  it('a build that rendered nothing and switched nothing records its own lines', async () => {
    // The example warns (a build that warns records only a build that rendered nothing): a second build writes it.
    const second = await build()
    const stamp = matchingStamp(inv())
    expect(stamp).toBeDefined()
    expect(
      stamp?.lines
        .filter(([stream]) => stream === 1)
        .map(([, line]) => line)
        .join('\n'),
    ).toBe(second.out)
    expect(JSON.parse(second.out)).toMatchObject({ channels: { website: { rendered: 0, written: 0, release: { changed: false } } } })
  }, 60_000)

  it('holds until the day ends, and not before the build', () => {
    expect(matchingStamp(inv('2026-11-30T23:59:58+08:00'))).toBeDefined()
    expect(matchingStamp(inv('2026-12-01T00:00:00+08:00'))).toBeUndefined()
    expect(matchingStamp(inv('2026-11-29T23:59:59+08:00'))).toBeUndefined()
  })

  it('a --no-cache build, other arguments or a malformed clock never match', () => {
    expect(matchingStamp({ ...inv(), argv: [dir, ...ARGS, '--no-cache'] })).toBeUndefined()
    expect(matchingStamp({ ...inv(), argv: [dir, '--channel', 'website'] })).toBeUndefined()
    expect(matchingStamp(inv('tomorrow'))).toBeUndefined()
  })

  it('an edited publication, a removed link or a deleted render cache is a full build, which writes a new stamp', async () => {
    const pub = readdirSync(join(dir, 'publications'), { recursive: true }).find((f) => String(f).endsWith('.md'))
    appendFileSync(join(dir, 'publications', String(pub)), '\n多一句。\n')
    expect(matchingStamp(inv())).toBeUndefined()
    const edited = await build()
    expect(JSON.parse(edited.out)).toMatchObject({ channels: { website: { release: { changed: true } } } })
    await build()
    expect(matchingStamp(inv())).toBeDefined()

    const link = join(dir, 'out', 'website')
    unlinkSync(link)
    symlinkSync('.releases', link)
    expect(matchingStamp(inv())).toBeUndefined()
    // That build switches the link back (a change, so its lines are not a steady build's); the next one is steady.
    await build()
    await build()
    expect(matchingStamp(inv())).toBeDefined()

    rmSync(join(dir, '.gongkai', 'cache', 'renders'), { recursive: true })
    expect(matchingStamp(inv())).toBeUndefined()
    await build()
    await build()
    expect(matchingStamp(inv())).toBeDefined()
    rmSync(join(dir, '.gongkai', 'cache', 'objects', readdirSync(join(dir, '.gongkai', 'cache', 'objects'))[0]!), { recursive: true })
    expect(matchingStamp(inv())).toBeUndefined()
  }, 120_000)

  it('hands the build the stat its check took of every input file, the one the load then uses instead of its own', async () => {
    await build()
    await build()
    expect(matchingStamp(inv())).toBeDefined()
    const pub = readdirSync(join(dir, 'publications'), { recursive: true }).find((f) => String(f).endsWith('.md'))
    appendFileSync(join(dir, 'publications', String(pub)), '\n')
    // The check fails on the edit, having walked the folder: the build takes that walk.
    expect(matchingStamp(inv())).toBeUndefined()
    const start = beginStamp(inv(), join(dir, 'out'))
    const files = readdirSync(join(dir, 'publications'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))
    expect(files.length).toBeGreaterThan(10)
    for (const f of files) {
      const path = join(dir, 'publications', f)
      expect(start?.stats.get(path)?.ino, f).toBe(statSync(path).ino)
      expect(start?.stats.get(path)?.mtimeMs, f).toBe(statSync(path).mtimeMs)
    }
    expect([...(start?.stats.keys() ?? [])].some((k) => k.includes(`${join(dir, '.gongkai')}`) || k.includes(join(dir, 'out')))).toBe(false)
    // Taken once: the next build walks again.
    expect(beginStamp(inv(), join(dir, 'out'))?.stats.size).toBe(start?.stats.size)
  }, 60_000)

  it("the code's digest leaves out tsc's build info (a type check rewrites it) and source maps", () => {
    // The digest covers the built packages this one uses; core's build info is one of the files it would otherwise stat.
    const dist = dirname(fileURLToPath(import.meta.resolve('@gongkai/core')))
    const info = join(dist, '.tsbuildinfo')
    if (!existsSync(info)) throw new Error('run npm run build first: the digest is of the built code')
    const before = codeDigest()
    const { atime, mtime } = statSync(info)
    utimesSync(info, new Date(Date.UTC(2026, 0, 2)), new Date(Date.UTC(2026, 0, 2)))
    try {
      expect(codeDigest()).toBe(before)
    } finally {
      utimesSync(info, atime, mtime)
    }
  })

  it('a stamp of the wrong shape, or naming a link outside the project, is a full build, never a crash', async () => {
    await build()
    await build()
    expect(matchingStamp(inv())).toBeDefined()
    const folder = join(dir, '.gongkai', 'cache', 'stamps')
    const file = join(
      folder,
      readdirSync(folder).find((f) => f.endsWith('.json'))!,
    )
    const good = readFileSync(file, 'utf8')
    const stamp = JSON.parse(good) as { links: [string, string][]; lines: unknown[] }
    for (const bad of ['null', '{}', '{"format":1,"links":"x"}', JSON.stringify({ ...stamp, links: [['/etc/passwd', '/etc']] }), JSON.stringify({ ...stamp, lines: [[3, 'x']] })]) {
      writeFileSync(file, bad)
      expect(() => matchingStamp(inv())).not.toThrow()
      expect(matchingStamp(inv())).toBeUndefined()
    }
    writeFileSync(file, good)
    expect(matchingStamp(inv())).toBeDefined()
  }, 120_000)
})
