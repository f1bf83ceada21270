/**
 * The sheet's title, broken by @gongkai/typeset's title breaker (the one the cover and the kiosk
 * use): whole words, names and numbers, balanced lines in a trapezoid or diamond (GB/T 9704-2012
 * 7.3.3). A title with a forced line break is set as written.
 */
import { breakTitleAtoms } from '@gongkai/typeset'
import type { Atom, Line } from './text.js'
import { breakLines } from './text.js'

/** Breaks a title's atoms into lines within `measure`, keeping `keep` (the issuing body's name) whole. */
export function breakTitle(atoms: readonly Atom[], measure: number, keep: readonly string[] = []): Line[] {
  if (atoms.length === 0 || atoms.some((a) => a.kind === 'break')) return breakLines(atoms, measure, measure)
  const { lines } = breakTitleAtoms(atoms, { maxWidth: measure, em: atoms[0]!.style.size, keep })
  return lines.map((l, i) => ({ atoms: l.atoms, width: l.width, last: i === lines.length - 1 }))
}
