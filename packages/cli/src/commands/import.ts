/** `gongkai import FILE.xlsx|FILE.csv --out catalog.yaml`: the national catalog spreadsheet into catalog.yaml. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, relative, resolve } from 'node:path'
import { formatDiagnostic } from '@gongkai/core'
import { catalogToYaml, importCatalog, mergeCatalogYaml } from '@gongkai/import'
import { decodeText } from '@gongkai/core/internal'
import type { Command } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'

const USAGE = `用法：gongkai import <文件.xlsx|文件.csv> [--out catalog.yaml] [--prefix 编码前缀] [--merge | --force]

把国家标准目录表格（合并单元格、√ 标记、■/□ 勾选、单元格内换行都可以）导入为 catalog.yaml。
同一张表格导入两次，事项编码相同。
  --out     写到哪个文件（默认：catalog.yaml）
  --prefix  事项编码前缀（默认按领域推断）
  --merge   并入已有的 catalog.yaml：保留原有事项和注释，只追加编码不同的新事项
  --force   覆盖已有的输出文件`

/** The `import` command. */
export const importCommand: Command = {
  name: 'import',
  summary: '导入国家标准目录表格（.xlsx / .csv）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { out: { type: 'string' }, prefix: { type: 'string' }, force: { type: 'boolean' }, merge: { type: 'boolean' } }, USAGE)
    const merge = flag(args, 'merge')
    if (merge && flag(args, 'force')) throw new UsageError('--merge 和 --force 只能选一个：--merge 保留原有事项，--force 整个覆盖', USAGE)
    const input = args.positionals[0]
    if (input === undefined) throw new UsageError('请给出要导入的表格文件', USAGE)
    const ext = extname(input).toLowerCase()
    if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError(`只能导入 .xlsx 或 .csv 文件，不能导入“${ext || input}”`, USAGE)
    const file = resolve(io.cwd, input)
    if (!existsSync(file)) {
      io.err(`找不到文件：${input}`)
      return EXIT.content
    }
    const out = resolve(io.cwd, text(args, 'out') ?? 'catalog.yaml')
    if (existsSync(out) && !flag(args, 'force') && !merge) {
      io.err(`输出文件 ${relative(io.cwd, out)} 已存在。加 --merge 并入（保留原有事项），加 --force 覆盖，或用 --out 指定另一个文件。`)
      return EXIT.usage
    }
    const prefix = text(args, 'prefix')
    const { items, diagnostics } = await importCatalog(file, prefix === undefined ? {} : { prefix })
    for (const d of diagnostics) io.err(formatDiagnostic(d))
    if (items.length === 0) {
      io.err('表格中没有找到任何事项，未写出文件。')
      return EXIT.content
    }
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length
    const errors = diagnostics.filter((d) => d.severity === 'error').length
    const review = warnings + errors > 0 ? `（${errors} 个错误，${warnings} 个警告：这些行需要人工核对）` : ''
    if (merge && existsSync(out)) {
      // Offices save catalog.yaml in GBK or UTF-16 too: read as UTF-8 its Chinese would be written back as U+FFFD.
      const name = relative(io.cwd, out)
      const existing = decodeText(readFileSync(out), name)
      if (existing.text === undefined) {
        for (const d of existing.diagnostics) io.err(formatDiagnostic(d))
        io.err(`未并入：读不出 ${name} 的文字，文件没有改动。`)
        return EXIT.content
      }
      const merged = mergeCatalogYaml(existing.text, items)
      writeFileSync(out, merged.text)
      if (existing.encoding !== undefined && existing.encoding !== 'UTF-8') {
        io.out(`${name} 原为 ${existing.encoding === 'GB18030' ? 'GBK/GB18030' : existing.encoding} 编码，已转换为 UTF-8 保存（内容不变）。`)
      }
      io.out(`已并入 ${merged.added.length} 个新事项 → ${name}${merged.kept.length > 0 ? `；${merged.kept.length} 个编码目录中已有，保留原样` : ''}${review}`)
    } else {
      writeFileSync(out, catalogToYaml(items))
      io.out(`已导入 ${items.length} 个事项 → ${relative(io.cwd, out)}${review}`)
    }
    return errors > 0 ? EXIT.content : EXIT.ok
  },
}
