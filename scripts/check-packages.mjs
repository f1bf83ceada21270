#!/usr/bin/env node
// What an embedder gets from npm: each public package packs dist (code and types), its README,
// its LICENSE and nothing else; installed from those tarballs into an empty folder, the embed
// example runs. `--contents` checks the tarballs' file lists only (no install, no network).
// CI runs the whole check from .ci/run: the install fetches the packages' own dependencies from
// the registry, like `npm ci` before it, so it stays out of `npm test`, whose tests talk only to 127.0.0.1.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const PUBLIC = ['core', 'store-sqlite', 'store-postgres', 'fonts', 'typeset', 'chart', 'hub', 'check', 'import', 'website', 'wechat', 'noticeboard', 'kiosk', 'scheduler', 'console', 'cli']
/** What the embed example installs (examples/embed/package.json). */
const EMBED = ['core', 'fonts', 'typeset', 'chart', 'website', 'wechat', 'noticeboard', 'kiosk']
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** Problems with one package's tarball file list; empty when it holds what it should. */
export function packProblems(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--silent'], { cwd: dir, encoding: 'utf8' }))
  const files = packed.files.map((f) => f.path)
  const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/.+\.(js|d\.ts)$/, /^bin\/[^/]+\.js$/, /^templates\//]
  const problems = files.filter((f) => !allowed.some((re) => re.test(f))).map((f) => `${manifest.name}: 不应发布的文件 ${f}`)
  for (const need of ['README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) if (!files.includes(need)) problems.push(`${manifest.name}: 缺少 ${need}`)
  if (manifest.license === undefined) problems.push(`${manifest.name}: package.json 没有 license`)
  if (readFileSync(join(dir, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')) problems.push(`${manifest.name}: LICENSE 与仓库根目录的不同`)
  return { name: manifest.name, files, problems }
}

function main() {
  const problems = []
  for (const p of PUBLIC) {
    const r = packProblems(join(root, 'packages', p))
    problems.push(...r.problems)
    console.log(`${r.name.padEnd(22)} ${r.files.length} 个文件${r.problems.length === 0 ? '' : `，${r.problems.length} 个问题`}`)
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(p)
    process.exit(1)
  }
  if (process.argv.includes('--contents')) return

  const work = mkdtempSync(join(tmpdir(), 'gongkai-packages-'))
  const tarballs = EMBED.map((p) => {
    const [packed] = JSON.parse(execFileSync(npm, ['pack', '--json', '--silent', '--pack-destination', work], { cwd: join(root, 'packages', p), encoding: 'utf8' }))
    return join(work, packed.filename)
  })
  const app = join(work, 'app')
  execFileSync('mkdir', ['-p', app])
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'embedder', private: true, type: 'module' }, null, 2)}\n`)
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { cwd: app, stdio: 'inherit' })
  copyFileSync(join(root, 'examples/embed/dist/embed.js'), join(app, 'embed.js'))
  const out = execFileSync(process.execPath, ['embed.js'], { cwd: app, encoding: 'utf8' })
  for (const expected of [/website\s+p\/2026-xzcf-101\.html/, /wechat\s+2026-xzcf-101\/article\.html/, /noticeboard\s+2026-xzcf-101\.pdf\s+application\/pdf/, /kiosk\s+slides\/2026-xzcf-101-1\.png/]) {
    if (!expected.test(out)) {
      console.error(`从打包文件安装后，嵌入示例的输出中没有 ${expected}：\n${out}`)
      process.exit(1)
    }
  }
  console.log(`从 ${tarballs.length} 个打包文件安装到空目录后，嵌入示例渲染了四个渠道：${app}`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
