#!/usr/bin/env node
// The file npm links as `gongkai`. It is committed (not built) so that `npm ci` finds it and links
// it before `npm run build` has made dist/; it only hands over to the built command line.
import { existsSync } from 'node:fs'

const built = new URL('../dist/bin.js', import.meta.url)
if (!existsSync(built)) {
  process.stderr.write('gongkai 还没有构建：请先在仓库根目录运行 npm run build（npm start 也会构建）。\n')
  process.exit(2)
}
await import(built.href)
