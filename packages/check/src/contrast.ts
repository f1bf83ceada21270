/** WCAG 2 contrast of two colours, for the theme check. */

/** `#rgb` / `#rrggbb` → [r, g, b] 0–255, or undefined. */
export function parseHex(colour: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())
  if (m === null) return undefined
  const hex = (m[1] as string).length === 3 ? [...(m[1] as string)].map((c) => c + c).join('') : (m[1] as string)
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** The contrast ratio (1–21) of two hex colours, or undefined when either is not one. */
export function contrastRatio(a: string, b: string): number | undefined {
  const x = parseHex(a)
  const y = parseHex(b)
  if (x === undefined || y === undefined) return undefined
  const [hi, lo] = [luminance(x), luminance(y)].sort((m, n) => n - m) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** The custom properties of a stylesheet's `:root` rule (`--ink: #1b1b1b`). */
export function rootColours(css: string): Map<string, string> {
  const out = new Map<string, string>()
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? ''
  for (const m of root.matchAll(/(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b/g)) out.set(m[1] as string, m[2] as string)
  return out
}
