/** `emphasis`: Chinese has no italic; emphasis is set in the sans face (the office's 黑体 for stress). */
import type { Emphasis } from 'mdast'
import type { InlineHandler } from '../state.js'
import { STYLES } from '../state.js'

/** Sets emphasised text in the sans face. */
export const emphasis: InlineHandler<Emphasis> = (node, state, style, out) => {
  const sans = style === STYLES.body ? STYLES.heading1 : style.face === 'serif' ? { ...style, face: 'sans' as const } : style
  state.inline(node.children, sans, out)
}
