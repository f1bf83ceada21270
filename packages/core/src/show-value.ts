/** A value an operator wrote, shown in a message as they would recognise it. */

/** The longest a shown value gets, in characters: enough to recognise it, short enough for one line. */
const MAX_SHOWN = 60

/**
 * A user's value for a message: lists and objects as JSON (`["A4"]`, not `A4` or `[object Object]`),
 * a date in ISO form, anything else as String would write it, cut to 60 characters (never inside a surrogate pair).
 */
export function showValue(v: unknown): string {
  const text = v instanceof Date ? date(v) : v !== null && typeof v === 'object' ? json(v) : String(v)
  const chars = [...text]
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN - 1).join('')}…` : text
}

// String(date) depends on the machine's zone and runs long; the ISO form is what a YAML date was written as.
function date(v: Date): string {
  return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()
}

// A value that refers to itself, holds a BigInt or whose toJSON gives nothing has no JSON form; its kind is still worth saying.
function json(v: object): string {
  try {
    const text = JSON.stringify(v) as string | undefined
    if (text !== undefined) return text
  } catch {
    // fall through to the kind
  }
  return Array.isArray(v) ? '[…]' : '{…}'
}
