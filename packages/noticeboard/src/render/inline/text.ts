/** `text`: soft line breaks vanish between Chinese characters and become a space between Latin words. */
import type { Text } from 'mdast'
import type { InlineHandler } from '../state.js'
import { isWide } from '../../layout/punctuation.js'

/** Sets a text node, keeping the source line of every source line for missing-glyph reports. */
export const text: InlineHandler<Text> = (node, state, style, out) => {
  const start = node.position?.start
  const parts = node.value.split('\n')
  parts.forEach((part, i) => {
    if (i > 0) {
      const before = parts[i - 1]!.codePointAt(parts[i - 1]!.length - 1) ?? 0
      const after = part.trimStart().codePointAt(0) ?? 0
      if (!isWide(before) && !isWide(after) && before !== 0 && after !== 0) out.push({ text: ' ', style })
    }
    const value = i > 0 ? part.trimStart() : part
    if (value === '') return
    out.push({
      text: value,
      style,
      ...(start === undefined ? {} : { line: start.line + i, column: i === 0 ? start.column : 1 + part.length - value.length }),
    })
  })
}
