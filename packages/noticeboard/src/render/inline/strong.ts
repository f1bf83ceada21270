/** `strong`: the bold face of the current family. */
import type { Strong } from 'mdast'
import type { InlineHandler } from '../state.js'
import { STYLES } from '../state.js'

/** Sets strong text in bold. */
export const strong: InlineHandler<Strong> = (node, state, style, out) => {
  const bold = style === STYLES.body ? STYLES.bodyBold : style.face === 'serif' ? { ...style, face: 'serifBold' as const } : style.face === 'sans' ? { ...style, face: 'sansBold' as const } : style
  state.inline(node.children, bold, out)
}
