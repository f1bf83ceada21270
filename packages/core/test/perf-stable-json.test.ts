import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { revisionOf, stableJson } from '../src/disclosure.js'
import { loadProject } from '../src/project/load.js'

/** The replacer form that revisions were first computed with: the fast one must match it byte for byte. */
const reference = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )

describe('stableJson (revision hashing)', () => {
  it('writes exactly what the replacer form wrote', () => {
    const samples: unknown[] = [
      { b: 1, a: [3, { z: 'ü', y: null, x: undefined }, undefined, () => 1], c: { e: true, d: -0 } },
      { '10': 'ten', '2': 'two', b: 'b', '01': 'zero-one', a: 'a', '4294967295': 'max', '-1': 'minus' },
      { when: new Date(Date.UTC(2026, 10, 26, 9)), nan: Number.NaN, inf: Number.POSITIVE_INFINITY, e: 1e21, f: 0.1 },
      { 名称: '行政处罚', 'quote"key': 'line\nbreak\u2028', emoji: '𠀾😀', nested: [[[]], {}, [{}]] },
      [{ b: 2, a: 1 }, 'x', 1, false, null],
      'plain',
      42,
      null,
    ]
    for (const s of samples) expect(stableJson(s)).toBe(reference(s))
  })

  it('gives every publication of a project the same revision as before', async () => {
    const p = await loadProject(fileURLToPath(new URL('./fixtures/valid/', import.meta.url)), { cache: false })
    expect(p.disclosures.length).toBeGreaterThan(0)
    for (const d of p.disclosures) {
      const { source: _source, ...pub } = d.publication
      expect(stableJson({ item: d.item, pub })).toBe(reference({ item: d.item, pub }))
      expect(revisionOf(d.item, d.publication)).toBe(d.revision)
    }
  })
})
