/** The closest known word to a mistyped one, for "是否想写……" hints. */

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one (titel → title). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const row = d[i] as number[]
      const up = d[i - 1] as number[]
      let v = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] ?? 0) + 1)
      row[j] = v
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0
}

/** The known word nearest to `word` (case-insensitive), if it is close enough to be a typo. */
export function didYouMean(word: string, known: Iterable<string>): string | undefined {
  const w = word.toLowerCase()
  let best: string | undefined
  let bestScore = Infinity
  for (const k of known) {
    const d = distance(w, k.toLowerCase())
    if (d < bestScore) {
      best = k
      bestScore = d
    }
  }
  if (best === undefined) return undefined
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3))
  return bestScore <= limit ? best : undefined
}
