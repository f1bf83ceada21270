/**
 * The example project's sheets measured where a reader sees them (text positions from
 * `pdftotext -bbox`): tables without a character alone on a wrapped line, quotes indented as a
 * block, the print run's index on one page with its titles in two lines, a readable objection line.
 */
import { fileURLToPath } from 'node:url'
import type { Disclosure } from '@gongkai/core'
import { createRenderContext, loadProject } from '@gongkai/core'
import { describe, expect, it } from 'vitest'
import { renderSheet } from '../src/internal.js'
import type { Word } from './pdf-tools.js'
import { save, words } from './pdf-tools.js'

const EXAMPLE = fileURLToPath(new URL('../../../examples/county-bureau/', import.meta.url))
/** Table lines are 12 pt × 1.45 apart; body lines 225 mm / 22. */
const TABLE_PITCH = 12 * 1.45
const LETTER = /[\p{L}\p{N}]/gu

const project = await loadProject(EXAMPLE, { cache: false })
const ctx = () => createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: EXAMPLE, now: new Date('2026-11-30T10:00:00+08:00') })
const byId = (id: string): Disclosure => project.disclosures.find((d) => d.publication.id === id)!
const sheetWords = async (id: string) => words(save((await renderSheet(byId(id), ctx())).pdf, `${id}.pdf`))

/** Wrapped lines of table cells: a run one table line below another that starts (or centres) at the same x. */
function wrapped(all: readonly Word[]): Word[] {
  return all.filter((w) =>
    all.some(
      (u) =>
        u.page === w.page && Math.abs(w.yMin - u.yMin - TABLE_PITCH) < 0.5 && (Math.abs(u.xMin - w.xMin) < 0.5 || Math.abs(u.xMax + u.xMin - w.xMax - w.xMin) < 1 || Math.abs(u.xMax - w.xMax) < 0.5),
    ),
  )
}

describe('example tables', () => {
  const tables = project.disclosures.filter((d) => d.item.channels.includes('noticeboard') && d.tree.children.some((n) => n.type === 'table'))

  it('leave no character alone on a wrapped line of a cell (处理 / 厂)', async () => {
    expect(tables.length).toBeGreaterThan(5)
    const lone: string[] = []
    for (const d of tables) {
      for (const w of wrapped(await sheetWords(d.publication.id))) if ((w.text.match(LETTER)?.length ?? 0) === 1) lone.push(`${d.publication.id} p.${w.page}: ${w.text}`)
    }
    expect(lone).toEqual([])
  })
})
