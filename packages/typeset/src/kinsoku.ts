/**
 * Kinsoku (禁则): where a Chinese line may break. The classes come from the Unicode line breaking
 * algorithm (UAX #14) as the npm package `linebreak` implements it, the same code pdfkit breaks
 * with; on top of it only what W3C clreq (Requirements for Chinese Text Layout, 3.1.7) asks and
 * UAX #14 does not give, each rule below saying why.
 */
import LineBreaker from 'linebreak'

// An ideograph, the neighbour every character is tried against: a Chinese line is mostly ideographs.
const HAN = '国'

/** True when UAX #14 allows a break between `a` and `b` set side by side (each one character). */
function uaxAllows(a: string, b: string): boolean {
  const breaker = new LineBreaker(a + b)
  for (let br = breaker.nextBreak(); br !== null; br = breaker.nextBreak()) if (br.position === a.length) return true
  return false
}

// clreq, what UAX #14 lacks. linebreak 1.1.0 predates Unicode 15.1's LB19a, so the quotation marks
// “”‘’«» are class QU there and glued to both neighbours: an opening quote could never start a line
// after an ideograph nor a closing one end a line before one. In Chinese their direction is known:
// an opening quote never ends a line, a closing one never starts one, and each breaks on its other side.
const OPENING_QUOTES = new Set(['“', '‘', '«'])
const CLOSING_QUOTES = new Set(['”', '’', '»'])
// clreq 3.1.7 行首禁则 also names 间隔号 · (U+00B7), 连接号 ～ (U+FF5E, the range mark in 9～12月) and the
// ditto mark 〃 (U+3003): UAX #14 classes them AI and ID, which break anywhere.
const NEVER_START = new Set(['·', '～', '〃', ...CLOSING_QUOTES])

interface Flags {
  /** May start a line after an ideograph. */
  readonly start: boolean
  /** May end a line before an ideograph. */
  readonly end: boolean
  /** Breaks on either side of an ideograph and of itself: no pair rule can apply (ideographs, kana). */
  readonly free: boolean
}

const flagCache = new Map<string, Flags>()
const pairCache = new Map<string, boolean>()

function flagsOf(ch: string): Flags {
  let f = flagCache.get(ch)
  if (f === undefined) {
    const start = !NEVER_START.has(ch) && (OPENING_QUOTES.has(ch) || uaxAllows(HAN, ch))
    const end = !OPENING_QUOTES.has(ch) && (CLOSING_QUOTES.has(ch) || uaxAllows(ch, HAN))
    f = { start, end, free: start && end && uaxAllows(ch, ch) }
    flagCache.set(ch, f)
  }
  return f
}

function firstOf(s: string): string {
  const cp = s.codePointAt(0)
  return cp === undefined ? '' : String.fromCodePoint(cp)
}

function lastOf(s: string): string {
  if (s === '') return ''
  const low = s.charCodeAt(s.length - 1)
  return low >= 0xdc00 && low <= 0xdfff && s.length >= 2 ? s.slice(-2) : s.slice(-1)
}

/** True when the character never starts a line (行首禁则): closing brackets and quotes, pause and stop marks, 々〻ゝ〃, %. */
export function neverStartsLine(ch: string): boolean {
  const c = firstOf(ch)
  return c !== '' && !flagsOf(c).start
}

/** True when the character never ends a line (行尾禁则): opening brackets and quotes, ¥ and other prefixes. */
export function neverEndsLine(ch: string): boolean {
  const c = lastOf(ch)
  return c !== '' && !flagsOf(c).end
}

/**
 * True when a line may break between text ending in `before` and text starting with `after`
 * (only the last and first characters count). Besides the two rules above, pairs keep what
 * must stay together: —— and …… (clreq 不能分割的标点), a Latin word, a number (PM2.5, 3.14).
 */
export function mayBreakBetween(before: string, after: string): boolean {
  const a = lastOf(before)
  const b = firstOf(after)
  if (a === '' || b === '') return true
  const fa = flagsOf(a)
  const fb = flagsOf(b)
  if (!fa.end || !fb.start) return false
  if (fa.free && fb.free) return true
  // A quote whose direction clreq settles breaks on its outer side whatever UAX #14 says of QU.
  if (OPENING_QUOTES.has(b) || CLOSING_QUOTES.has(a)) return true
  const key = `${a}\u0000${b}`
  let ok = pairCache.get(key)
  if (ok === undefined) {
    ok = uaxAllows(a, b)
    pairCache.set(key, ok)
  }
  return ok
}
