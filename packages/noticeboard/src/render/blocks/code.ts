/** `code`: lines kept as written (spaces kept), in the small sans face, broken anywhere when too long. */
import type { Code } from 'mdast'
import type { BlockHandler } from '../state.js'
import { setText } from '../set-text.js'
import { STYLES } from '../state.js'

/** Sets a code block. */
export const code: BlockHandler<Code> = (node, state, frame) => {
  const start = node.position?.start
  // No-break spaces keep indentation: ordinary spaces are dropped at a line's start.
  const text = node.value.replace(/ /g, '\u00a0')
  const sheet = state.sheet
  sheet.snap()
  setText([{ text, style: STYLES.code, ...(start === undefined ? {} : { line: start.line + 1, column: 1 }) }], state, frame, {
    style: STYLES.code,
    align: 'left',
    indent: 0,
    pitch: STYLES.code.size * 1.5,
  })
}
