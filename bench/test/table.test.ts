import { describe, expect, it } from 'vitest'
import { tableLines } from '../src/table.js'
import type { BenchRow } from '../src/types.js'

const cells = (line: string) => line.trim().split(/\s{2,}/)

describe('tableLines', () => {
  it('labels rows without a kind in-process, and shows each baseline with its ratio', () => {
    const rows: BenchRow[] = [
      { group: 'core', name: 'load', value: 1.5, unit: 's', baseline: { name: 'cache off', value: 3 }, ratio: 0.5, target: '≤ 0.3× cache off', pass: false },
      {
        group: 'cli',
        name: 'cold',
        kind: 'whole process, tmpfs',
        best: 12,
        value: 14,
        unit: 's',
        baselines: [
          { name: 'Eleventy 3.1.8', value: 10, ratio: 1.4 },
          { name: 'Hugo (missing)', value: Number.NaN },
        ],
        target: '≤ 0.8× Eleventy',
        pass: false,
      },
    ]
    const lines = tableLines(rows)
    expect(cells(lines[0] ?? '')).toEqual(['group', 'measure', 'kind', 'best', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok'])
    expect(cells(lines[2] ?? '')).toEqual(['core', 'load', 'in-process', '1.500', 's', 'cache off 3.000', '0.500×', '≤ 0.3× cache off', 'NO'])
    expect(cells(lines[3] ?? '')).toEqual(['cli', 'cold', 'whole process, tmpfs', '12.0', '14.0', 's', 'Eleventy 3.1.8 10.0 · Hugo (missing) NaN', '1.400× · n/a', '≤ 0.8× Eleventy', 'NO'])
  })
})
