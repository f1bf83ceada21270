/**
 * Reads the import graph of the packages under a root's `packages/*\/src/**\/*.ts` with TypeScript's
 * own parser (static and dynamic imports, re-exports, `import type` and `import x = require()`), and
 * checks it: no import circle inside a package, and each package imports only the packages its layer allows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** What each package may import of ours, by folder under packages/; `'*'` for anything. */
export const LAYERS: Readonly<Record<string, readonly string[] | '*'>> = {
  core: [],
  fonts: ['core'],
  // Numeric series as charts, drawn once for the channels that show them.
  chart: ['core', 'fonts'],
  // Line breaking shared by the sheet, the cover and the slides: it needs nothing of ours.
  typeset: [],
  import: ['core'],
  website: ['core', 'fonts', 'chart'],
  wechat: ['core', 'fonts', 'typeset', 'chart'],
  noticeboard: ['core', 'fonts', 'typeset'],
  kiosk: ['core', 'fonts', 'typeset', 'chart'],
  hub: ['core'],
  // Self-inspection reads what the hub delivered (verify) and draws the assessment's trends.
  check: ['core', 'hub', 'chart'],
  // The store interfaces are core's; the CLI hands the scheduler a store and the channels.
  scheduler: ['core'],
  'store-sqlite': ['core'],
  'store-postgres': ['core'],
  // Previews through the hub, templates with the website's helpers; the CLI hands it the channels and a store.
  console: ['core', 'hub', 'website'],
  cli: '*',
}

/** One import statement of a source file. */
export interface ImportEdge {
  readonly specifier: string
  /** Erased at run time (`import type`, `export type … from`): it still couples the packages, but forms no circle when loading. */
  readonly typeOnly: boolean
}

/** Every module specifier a TypeScript source imports, in order. */
export function importsOf(source: string, fileName = 'x.ts'): ImportEdge[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const out: ImportEdge[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)))
      out.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause !== undefined && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined
      out.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)) })
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteralLike(node.arguments[0])) {
      out.push({ specifier: node.arguments[0].text, typeOnly: false })
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push({ specifier: node.argument.literal.text, typeOnly: true })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return out
}

/** The package of ours a bare specifier names (`@gongkai/website/internal` → `website`, `gongkai` → `cli`), or undefined. */
export function ourPackage(specifier: string): string | undefined {
  if (specifier === 'gongkai' || specifier.startsWith('gongkai/')) return 'cli'
  return /^@gongkai\/([^/]+)/.exec(specifier)?.[1]
}

/** Why an import of `specifier` from package `from` breaks the layers, or undefined when it is allowed. */
export function layerViolation(from: string, specifier: string): string | undefined {
  const to = ourPackage(specifier)
  if (to === undefined || to === from) return undefined
  const allowed = LAYERS[from]
  if (allowed === undefined) return `包 ${from} 不在分层表中：先在 LAYERS 里写明它可以引用哪些包`
  if (allowed === '*') return undefined
  if (allowed.includes(to)) return undefined
  return allowed.length === 0 ? `${from} 不能引用本项目的其他包（引用了 ${to}）` : `${from} 只能引用 ${allowed.join('、')}（引用了 ${to}）`
}

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* tsFiles(full)
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) yield full
  }
}

/** A relative specifier as the source file it names (NodeNext: `./x.js` is `./x.ts`). */
function resolveRelative(fromFile: string, specifier: string): string {
  const target = resolve(dirname(fromFile), specifier)
  return target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts')
}

/** The files of one package and, for each, the package files it imports at run time (type-only imports left out). */
export interface PackageGraph {
  readonly name: string
  readonly files: readonly string[]
  readonly edges: ReadonlyMap<string, readonly string[]>
}

/** What is wrong with the import graph under `root`: empty when it holds. Paths are relative to `root`. */
export interface GraphReport {
  readonly packages: readonly PackageGraph[]
  readonly problems: readonly string[]
}

/** Reads and checks every `root/packages/*\/src/**\/*.ts`. */
export function checkImportGraph(root: string): GraphReport {
  const rel = (f: string) => relative(root, f).split('\\').join('/')
  const packages: PackageGraph[] = []
  const problems: string[] = []
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const src = join(root, 'packages', name, 'src')
    if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue
    if (LAYERS[name] === undefined) problems.push(`packages/${name}: 不在分层表中：先在 LAYERS 里写明它可以引用哪些包`)
    const files = [...tsFiles(src)]
    const edges = new Map<string, string[]>()
    for (const file of files) {
      const local: string[] = []
      for (const edge of importsOf(readFileSync(file, 'utf8'), file)) {
        if (edge.specifier.startsWith('.')) {
          const target = resolveRelative(file, edge.specifier)
          if (!target.startsWith(src + '/')) problems.push(`${rel(file)} 引用 '${edge.specifier}'：越出了本包的 src（引用别的包请用包名）`)
          else if (!edge.typeOnly) local.push(target)
          continue
        }
        const why = LAYERS[name] === undefined ? undefined : layerViolation(name, edge.specifier)
        if (why !== undefined) problems.push(`${rel(file)} 引用 '${edge.specifier}'：${why}`)
      }
      edges.set(file, local)
    }
    packages.push({ name, files, edges })
    for (const circle of circlesOf(files, edges)) problems.push(`packages/${name}: 循环引用 ${[...circle, circle[0]!].map(rel).join(' → ')}`)
  }
  return { packages, problems }
}

/** Every import circle (strongly connected component of two or more files, or a file importing itself), each from its first file in order. */
export function circlesOf(files: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so that a long chain of imports cannot overflow the stack.
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const out: string[][] = []
  let next = 0
  for (const start of files) {
    if (index.has(start)) continue
    const work: { file: string; i: number }[] = [{ file: start, i: 0 }]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const top = work[work.length - 1]!
      const targets = edges.get(top.file) ?? []
      if (top.i < targets.length) {
        const t = targets[top.i++]!
        if (!edges.has(t)) continue
        if (!index.has(t)) {
          index.set(t, next)
          low.set(t, next++)
          stack.push(t)
          onStack.add(t)
          work.push({ file: t, i: 0 })
        } else if (onStack.has(t)) low.set(top.file, Math.min(low.get(top.file)!, index.get(t)!))
        continue
      }
      work.pop()
      if (work.length > 0) {
        const parent = work[work.length - 1]!.file
        low.set(parent, Math.min(low.get(parent)!, low.get(top.file)!))
      }
      if (low.get(top.file) === index.get(top.file)) {
        const component: string[] = []
        for (;;) {
          const f = stack.pop()!
          onStack.delete(f)
          component.push(f)
          if (f === top.file) break
        }
        if (component.length > 1 || (edges.get(top.file) ?? []).includes(top.file)) out.push(pathThrough(component, edges))
      }
    }
  }
  return out
}

/** One circle inside a component, as the files in import order, from the component's first file by name. */
function pathThrough(component: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component)
  const first = [...component].sort()[0]!
  // Breadth-first from the first file back to itself, inside the component: the shortest circle through it.
  const previous = new Map<string, string>()
  const queue = [first]
  while (queue.length > 0) {
    const f = queue.shift()!
    for (const t of edges.get(f) ?? []) {
      if (!members.has(t)) continue
      if (t === first) {
        const path = [f]
        while (path[0] !== first) path.unshift(previous.get(path[0]!)!)
        return path
      }
      if (!previous.has(t)) {
        previous.set(t, f)
        queue.push(t)
      }
    }
  }
  return [first]
}
