/**
 * The Typst baseline as a whole process: `node typst-compile.js DIR OUT FONT…` compiles every
 * `.typ` file in DIR to `OUT/<name>.pdf` with one compiler (fonts parsed once, as `typst compile`
 * does for one run) and prints `{"sheets":N,"pages":N,"ms":N}` on stdout.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler'

const [dir, out, ...fontPaths] = process.argv.slice(2)
if (dir === undefined || out === undefined) throw new Error('用法：node typst-compile.js 源目录 输出目录 字体文件…')
const t0 = performance.now()
mkdirSync(out, { recursive: true })
const compiler = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontPaths }] })
let sheets = 0
let pages = 0
for (const name of readdirSync(dir)
  .filter((f) => f.endsWith('.typ'))
  .sort()) {
  const r = compiler.compile({ mainFilePath: join(dir, name) })
  const doc = r.result
  if (doc === null) {
    r.printDiagnostics()
    throw new Error(`Typst 无法编译 ${name}`)
  }
  pages += doc.numOfPages
  writeFileSync(join(out, name.replace(/\.typ$/, '.pdf')), compiler.pdf(doc))
  sheets++
}
process.stdout.write(JSON.stringify({ sheets, pages, ms: performance.now() - t0 }))
