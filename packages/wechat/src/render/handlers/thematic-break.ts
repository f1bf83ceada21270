/** thematicBreak: a thin rule (a section border: the editor drops bare `<hr>` styles). */
import { STYLE } from '../theme.js'

/** Renders a thematic break. */
export function thematicBreak(): string {
  return `<section style="${STYLE.hr}"></section>`
}
