/**
 * The one place that joins the state to the registries: handlers reach other handlers only through
 * `state.one`, `state.all` and `state.inline`, so no handler imports a registry and each handler file
 * loads on its own (mdast-util-to-hast's `state.js` works the same way).
 */
import { BLOCK_HANDLERS } from './blocks.js'
import { INLINE_HANDLERS } from './inline.js'
import type { BlockHandler, InlineHandler, RenderState } from './state.js'

/** The state of one publication being set, with `one`, `all` and `inline` bound to the registries. */
export function createRenderState(fields: Omit<RenderState, 'one' | 'all' | 'inline'>): RenderState {
  const state: RenderState = {
    ...fields,
    one(node, frame, next, previous) {
      const handler = BLOCK_HANDLERS[node.type] as BlockHandler | undefined
      if (handler !== undefined) handler(node, state, frame, next, previous)
    },
    all(nodes, frame) {
      nodes.forEach((node, i) => state.one(node, frame, nodes[i + 1], nodes[i - 1]))
    },
    inline(nodes, style, out) {
      // Unknown node types set nothing.
      for (const node of nodes) {
        const handler = INLINE_HANDLERS[node.type] as InlineHandler | undefined
        if (handler !== undefined) handler(node, state, style, out)
      }
      return out
    },
  }
  return state
}
