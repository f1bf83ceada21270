/** `break`: a hard line break. */
import type { Break } from 'mdast'
import type { InlineHandler } from '../state.js'

/** Ends the line. */
export const hardBreak: InlineHandler<Break> = (_node, _state, style, out) => {
  out.push({ text: '\n', style })
}
