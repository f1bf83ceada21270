#!/usr/bin/env node
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { replayIfUnchanged, stampFile } from './build-stamp.js'

const argv = process.argv.slice(2)
const inv = { argv: argv.slice(1), cwd: process.cwd(), env: process.env, tty: process.stdout.isTTY === true }

// V8 lets the old generation grow to about twice what survived the last full collection before it
// collects again (up to four times on a fast machine). A cold build keeps little (its index, the
// entries of the lists) and makes a lot that dies young-ish (trees, pages, objects written): at
// 10,000 publications that left 530 to 650 MB resident for about 100 MB alive. Growing by half
// instead keeps it near 400 MB, no slower. A build whose caches are there makes little, and there
// the extra collections cost: 1.3 to 1.4 s against 1.1 s for one change at 10,000 (bench/README.md).
// So a build with its load cache there leaves V8 as it is; a first build, one after the cache was
// deleted, a --no-cache build and every other command (the console's builds among them) take it.
// Set before anything large is made; every collection after computes its next limit with it.
const where = argv[0] === 'build' ? stampFile(inv) : undefined
if (where === undefined || !existsSync(join(where.projectDir, '.gongkai', 'cache', 'load.bin'))) setFlagsFromString('--heap-growing-percent=50')
// A young generation that may grow to 16 MB a half: the trees and pages of a cold build outlived
// V8's smaller default often enough to be copied out of it, and its collections were a fifth of
// the build. Set here it takes hold only part of the way (as a node flag: 10.5 s → 9.4 s at
// 10,000 publications; set here: → 10.0 s), at the same peak memory.
setFlagsFromString('--max-semi-space-size=16')

// `gongkai status | head`: the reader went away; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

// A rebuild with nothing changed says what the last one said, before the CLI's packages are loaded (build-stamp.ts).
const replayed =
  argv[0] === 'build' && !argv.includes('--help') && !argv.includes('-h') ? replayIfUnchanged(inv, (stream, text) => (stream === 1 ? process.stdout : process.stderr).write(text)) : undefined
process.exitCode = replayed ?? (await (await import('./main.js')).main(argv))
