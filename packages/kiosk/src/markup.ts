/** Pango markup: escaping, and font runs for characters the primary face lacks. */
import type { FontFace, FontSet } from '@gongkai/fonts'

/** Escapes text for Pango markup (`&`, `<`, `>`, quotes). */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** Characters Pango must not see raw: C0 controls other than newline and tab. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/**
 * Text as escaped markup in which runs the primary face cannot draw are set in the fallback
 * face, named by family; characters no face can draw are collected in `missing`.
 */
export function toMarkup(text: string, fonts: FontSet, primary: FontFace, missing: Set<string>): string {
  let out = ''
  for (const run of fonts.splitRuns(text.replace(CONTROL, ''), primary)) {
    if (run.face === undefined) {
      for (const ch of run.text) missing.add(ch)
      out += escapeMarkup(run.text)
    } else if (run.face !== primary && run.face.role === 'fallback') {
      out += `<span font_family="${escapeMarkup(run.face.family)}">${escapeMarkup(run.text)}</span>`
    } else out += escapeMarkup(run.text)
  }
  return out
}
