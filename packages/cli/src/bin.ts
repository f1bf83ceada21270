#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8'
import { replayIfUnchanged } from './build-stamp.js'

// V8 lets the old generation grow to about twice what survived the last full collection before it
// collects again (up to four times on a fast machine). A build keeps little (its index, the
// entries of the lists) and makes a lot that dies young-ish (pages, objects written): at 10,000
// publications that left 450 to 650 MB resident for about 100 MB alive. Growing by half instead
// keeps a cold build near 370 MB, and it was no slower (measured in bench/README.md). Set before
// anything large is made; every collection after computes its next limit with it.
setFlagsFromString('--heap-growing-percent=50')

// `gongkai status | head`: the reader went away; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

const argv = process.argv.slice(2)
// A rebuild with nothing changed says what the last one said, before the CLI's packages are loaded (build-stamp.ts).
const replayed =
  argv[0] === 'build' && !argv.includes('--help') && !argv.includes('-h')
    ? replayIfUnchanged({ argv: argv.slice(1), cwd: process.cwd(), env: process.env, tty: process.stdout.isTTY === true }, (stream, text) =>
        (stream === 1 ? process.stdout : process.stderr).write(text),
      )
    : undefined
process.exitCode = replayed ?? (await (await import('./main.js')).main(argv))
