#!/usr/bin/env node
import { replayIfUnchanged } from './build-stamp.js'

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
