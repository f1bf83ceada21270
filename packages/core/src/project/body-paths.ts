/** The links and images of a parsed body, resolved to project paths, for the checks that keep a publication inside its project. */
import type { Definition, Nodes, Root } from 'mdast'
import type { Diagnostic } from '../diagnostics.js'
import type { BodySource } from '../markdown.js'
import { resolveBodyUrl } from './project-file.js'
import type { BodyUrl } from './project-file.js'

/** One link or image of a body. */
export interface BodyRef {
  /** The node that holds the URL (a definition for `![x][ref]`). */
  readonly node: { url: string }
  readonly url: BodyUrl
  readonly image: boolean
  /** File line and column of the reference. */
  readonly line?: number
  readonly column?: number
}

/** Every link and image of a tree, in document order. Walks with its own stack: content cannot drive a recursion. */
export function bodyPaths(tree: Root, source: BodySource): BodyRef[] {
  const definitions = new Map<string, Definition>()
  const imageRefs: Nodes[] = []
  const out: BodyRef[] = []
  const at = (node: Nodes) => {
    const start = node.position?.start
    return start === undefined ? {} : { line: start.line, column: start.column }
  }
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    if (node.type === 'image' || node.type === 'link') out.push({ node, url: resolveBodyUrl(node.url, source.file), image: node.type === 'image', ...at(node) })
    else if (node.type === 'definition') definitions.set(node.identifier, node)
    else if (node.type === 'imageReference') imageRefs.push(node)
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes)
  }
  for (const ref of imageRefs) {
    const def = ref.type === 'imageReference' ? definitions.get(ref.identifier) : undefined
    if (def !== undefined) out.push({ node: def, url: resolveBodyUrl(def.url, source.file), image: true, ...at(ref) })
  }
  return out
}

/**
 * Images whose path leaves the project (`/tmp/x.png`, `../../../x.png`): each is an error at its
 * place, and the caller leaves the publication out, so no channel ever puts it in an `<img src>`.
 * The tree is not changed: it may be the load cache's, which must keep what the parse gave.
 */
export function checkBodyImages(tree: Root, source: BodySource, subject: string): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const ref of bodyPaths(tree, source)) {
    if (!ref.image || ref.url.kind !== 'outside') continue
    out.push({
      code: 'markdown/unsafe-path',
      severity: 'error',
      message: `图片路径“${ref.node.url.slice(0, 80)}”${ref.url.reason}；这条信息不会发布`,
      hint: '图片请放在项目的 assets/ 目录下，写相对路径，例如 ![说明](../../assets/images/x.png) 或 ![说明](/assets/images/x.png)',
      file: source.file,
      ...(ref.line === undefined ? {} : { line: ref.line }),
      ...(ref.column === undefined ? {} : { column: ref.column }),
      subject,
    })
  }
  return out
}
