/**
 * Load rows, in-process (the bench's own process, after `import('@gongkai/core')`): `loadProject`
 * of the corpus folder cold (no `.gongkai/cache/`; the load writes it), warm (every file unchanged
 * since: nothing is read but the cache, no tree is decoded), warm with every tree then read (what a
 * full re-render would ask for), and after one publication changed. Whole-process figures are the
 * core and website rows.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadProject } from '@gongkai/core'
import type { Project } from '@gongkai/core'
import type { BenchContext, BenchRow } from '../types.js'

interface Timed {
  readonly s: number
  readonly cpu: number
  readonly project: Project
}

async function timed(dir: string, after?: (p: Project) => void): Promise<Timed> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const project = await loadProject(dir)
  after?.(project)
  const s = (performance.now() - t0) / 1000
  const c = process.cpuUsage(c0)
  return { s, cpu: (c.user + c.system) / 1e6, project }
}

/** Times the loads one after the other in this process. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = ctx.corpus.projectDir
  const n = ctx.corpus.publications.length
  rmSync(join(dir, '.gongkai', 'cache'), { recursive: true, force: true })
  // Files written less than 2 s before a load are read again by the next one (coarse clocks):
  // the corpus was just written, an operator's files rarely are.
  await sleep(2_100)
  ctx.log('cold (no cache; writes it)')
  const cold = await timed(dir)
  ctx.log('warm (files unchanged)')
  const warm = await timed(dir)
  ctx.log('warm, then every tree read')
  let nodes = 0
  const trees = await timed(dir, (p) => {
    for (const d of p.disclosures) nodes += d.tree.children.length
  })
  const first = ctx.corpus.publications[0]
  if (first === undefined) return []
  const file = join(dir, first.source.file)
  writeFileSync(file, readFileSync(file, 'utf8').replace('。', '，有改动。'))
  await sleep(2_100)
  ctx.log('one publication changed')
  const one = await timed(dir)
  const same = JSON.stringify(warm.project.diagnostics) === JSON.stringify(cold.project.diagnostics) && warm.project.disclosures.length === cold.project.disclosures.length
  const note = (t: Timed) => `${t.project.disclosures.length} disclosures, ${t.cpu.toFixed(2)} s CPU`
  return [
    { group: 'load', name: `loadProject in-process, cold (no cache), ${n} publications`, value: cold.s, unit: 's', note: note(cold) },
    {
      group: 'load',
      name: `loadProject in-process, warm (files unchanged), ${n} publications`,
      value: warm.s,
      unit: 's',
      baseline: { name: 'cold', value: cold.s },
      ratio: warm.s / cold.s,
      target: '≤ 0.4 s',
      pass: warm.s <= 0.4 && same,
      note: `${note(warm)}; same diagnostics as cold: ${same}`,
    },
    { group: 'load', name: `loadProject in-process, warm + every tree read, ${n} publications`, value: trees.s, unit: 's', note: `${note(trees)}; ${nodes} top-level nodes` },
    { group: 'load', name: `loadProject in-process, one publication changed, ${n} publications`, value: one.s, unit: 's', note: note(one) },
  ]
}
