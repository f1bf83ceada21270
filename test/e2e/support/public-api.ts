/** Reads the public API of each package from its built `.d.ts`: every export name and whether it has JSDoc. */
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** Package folders and their npm names, in the order the design lists them. */
export const PACKAGES = {
  core: '@gongkai/core',
  'store-sqlite': '@gongkai/store-sqlite',
  'store-postgres': '@gongkai/store-postgres',
  fonts: '@gongkai/fonts',
  chart: '@gongkai/chart',
  typeset: '@gongkai/typeset',
  hub: '@gongkai/hub',
  check: '@gongkai/check',
  import: '@gongkai/import',
  website: '@gongkai/website',
  wechat: '@gongkai/wechat',
  noticeboard: '@gongkai/noticeboard',
  kiosk: '@gongkai/kiosk',
  scheduler: '@gongkai/scheduler',
  hub: '@gongkai/hub',
  console: '@gongkai/console',
  cli: 'gongkai',
} as const

/** The built declaration file of a package's entry point (`index`, or a subpath such as `internal`). */
export function declarationFile(dir: string, entry = 'index'): string {
  return `${root}packages/${dir}/dist/${entry}.d.ts`
}

/** One export of an entry point. */
export interface PublicExport {
  readonly name: string
  readonly documented: boolean
}

/** The exports of each declaration file, sorted by name, read in one program. */
export function publicExports(files: readonly string[]): Map<string, PublicExport[]> {
  const program = ts.createProgram([...files], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, types: [] })
  const checker = program.getTypeChecker()
  const out = new Map<string, PublicExport[]>()
  for (const file of files) {
    const source = program.getSourceFile(file)
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
    if (moduleSymbol === undefined) {
      out.set(file, [])
      continue
    }
    const list = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const declarations = target.getDeclarations() ?? []
      // A class, function or type documents itself on its declaration; a const on its statement.
      const documented = declarations.some((d) => ts.getJSDocCommentsAndTags(d).some((j) => ts.isJSDoc(j) && (j.comment ?? '') !== ''))
      return { name: symbol.getName(), documented }
    })
    out.set(
      file,
      list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    )
  }
  return out
}
