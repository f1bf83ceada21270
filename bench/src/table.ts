/** The results table that `npm run bench` prints. */
import type { Baseline, BenchRow } from './types.js'

/** A figure with as many digits as its size deserves. */
export function format(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(3)
}

/** A row's baselines, whether given as one (`baseline` + `ratio`) or several (`baselines`). */
export function baselinesOf(r: BenchRow): readonly Baseline[] {
  if (r.baselines !== undefined) return r.baselines
  if (r.baseline === undefined) return []
  return [{ ...r.baseline, ...(r.ratio === undefined ? {} : { ratio: r.ratio }) }]
}

/** The table as lines: one head, one rule, one line per row, then the rows' notes. */
export function tableLines(rows: readonly BenchRow[]): string[] {
  const head = ['group', 'measure', 'kind', 'best', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok']
  const body = rows.map((r) => {
    const bases = baselinesOf(r)
    return [
      r.group,
      r.name,
      // Rows written before whole-process rows existed time an API call inside the bench's own process.
      r.kind ?? 'in-process',
      r.best === undefined ? '' : format(r.best),
      format(r.value),
      r.unit,
      bases.map((b) => `${b.name} ${format(b.value)}`).join(' · '),
      bases.map((b) => (b.ratio === undefined ? 'n/a' : `${format(b.ratio)}×`)).join(' · '),
      r.target ?? '',
      r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
    ]
  })
  const width = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0)
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c)))
      .join('  ')
      .trimEnd()
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')]
  for (const b of body) out.push(line(b))
  for (const r of rows) if (r.note !== undefined) out.push(`  * ${r.group} / ${r.name}: ${r.note}`)
  return out
}
