/**
 * Characters that have no place in published text: C0 and C1 controls, bidi overrides and
 * isolates, a stray byte-order mark. They arrive pasted from other software, show as boxes on
 * paper and screens, break XML feeds and, printed raw, drive the operator's terminal.
 */

/** One invisible character, tab, line feed and carriage return excepted (text that may span lines keeps them). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g')
/** Line breaks and tabs: whitespace in text that spans lines, out of place in a one-line field. */
const BREAKS = /[\t\n\r]/
const BREAK_RUNS = /[ \t]*[\t\n\r]+[ \t]*/g

/** True when `ch` is dropped from a field: always for an invisible character, for a break or tab unless the field spans lines. */
export function isDropped(ch: string, multiline: boolean): boolean {
  return INVISIBLE.test(ch) || (!multiline && BREAKS.test(ch))
}

/**
 * `text` without invisible characters; in a one-line field a line break or tab becomes one space.
 * `found` is the first character taken out, for the message; undefined when the text was clean.
 */
export function stripInvisible(text: string, multiline = false): { text: string; found?: string } {
  const first = [...text].find((c) => isDropped(c, multiline))
  if (first === undefined) return { text }
  let out = text.replace(INVISIBLE_ALL, '')
  if (!multiline) out = out.replace(BREAK_RUNS, ' ')
  return { text: out, found: first }
}

/** `U+001B`: how a message names a character that cannot be seen. */
export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SHOWN_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g

/**
 * Text made safe to print on a terminal: a C0 control becomes its Control Pictures sign
 * (ESC → ␛, CR → ␍, DEL → ␡), a C1 control, bidi control or BOM its `<U+202E>` name. Line feed
 * and tab are kept: they are how output is laid out.
 */
export function showInvisible(text: string): string {
  return text.replace(SHOWN_ALL, (c) => {
    const cp = c.codePointAt(0) ?? 0
    if (cp < 0x20) return String.fromCodePoint(0x2400 + cp)
    if (cp === 0x7f) return '\u2421'
    return `<${codePointName(c)}>`
  })
}
