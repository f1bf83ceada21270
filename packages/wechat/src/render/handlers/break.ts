/** break: a hard line break. */

/** Renders a hard break. */
export function lineBreak(): string {
  return '<br>'
}
