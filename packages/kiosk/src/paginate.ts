/**
 * Pagination by measurement: every block is rendered once at its width; a block that does not fit
 * the rest of a slide is split at the blank band after its last whole line that fits, and goes on
 * at the next slide. Nothing is shrunk and no line is cut.
 */
import { ERRORS, GongkaiError } from '@gongkai/core'
import type { FontSet } from '@gongkai/fonts'
import type { Block, ChartBlock, TableBlock, TextBlock } from './blocks/index.js'
import { recordsOf } from './blocks/table.js'
import type { Box, SlideGeometry } from './geometry.js'
import type { Layer } from './layers.js'
import { renderText, cutWithin } from './text.js'
import type { TextImage } from './text.js'

/** Colours the body is set in. */
export interface Palette {
  readonly background: string
  readonly foreground: string
  readonly accent: string
}

/** Table rows `[first, end)` of the block at `block` that a page shows; `split` when a row taller than a slide goes on past it. */
export interface PageRows {
  readonly block: number
  readonly first: number
  readonly end: number
  readonly split: boolean
}

/** One content slide's layers, positioned inside the content box (absolute slide pixels). */
export interface Page {
  readonly layers: Layer[]
  /** The table rows laid out on this page, in order (what keeps a record whole is checked against this). */
  readonly rows?: PageRows[]
}

const INDENT = 48

function sizeOf(block: TextBlock, g: SlideGeometry): number {
  return block.role === 'heading' ? g.size.heading : block.role === 'note' ? g.size.minBody : g.size.body
}

/** Where finished pages go, one at a time, so that a page's pixels can be dropped once it is encoded. */
export interface PageSink {
  /** Called with each finished page, in order; pagination waits for it. */
  (page: Page, n: number): Promise<void>
}

/** Draws a chart block into the part of a content slide left to it (the whole box, or what is under a heading). */
export interface ChartSlide {
  (block: ChartBlock, box: Box): Promise<Layer[]>
}

/** What `paginate` did: the pages it handed on, and the block it stopped at when `maxPages` ran out. */
export interface Pagination {
  readonly pages: number
  /** The first block that did not fit in `maxPages` (its file line, when known), or undefined when all did. */
  readonly cut: { readonly block: number; readonly line: number | undefined } | undefined
}

/** Thrown by the sink wrapper when the page budget is spent; caught by `paginate`. */
class Full extends GongkaiError {
  constructor() {
    super(ERRORS.KioskPageBudget)
  }
}

/**
 * Lays the blocks out on content slides, handing each finished page to `sink` before the next
 * is laid out; at most `maxPages` pages (the rest of the body is cut, and said so in the result).
 * A chart block takes a slide of its own, drawn by `chartSlide` (without it, as when only counting
 * slides, the slide is counted and left empty); the heading just before a chart goes on its slide.
 */
export async function paginate(
  blocks: readonly Block[],
  g: SlideGeometry,
  fonts: FontSet,
  palette: Palette,
  sink: PageSink,
  maxPages = Number.POSITIVE_INFINITY,
  chartSlide?: ChartSlide,
): Promise<Pagination> {
  const box = g.content
  let count = 0
  const pages = {
    async push(p: Page) {
      if (count >= maxPages) throw new Full()
      await sink(p, ++count)
    },
  }
  let page: Page = { layers: [] }
  let y = 0
  const newPage = async () => {
    if (page.layers.length > 0) await pages.push(page)
    page = { layers: [] }
    y = 0
  }

  // The page that a heading over a chart opened.
  let headed: Page | undefined
  let i = 0
  try {
    for (; i < blocks.length; i++) {
      await layoutBlock(blocks[i] as Block)
    }
    await newPage()
  } catch (cause) {
    if (!(cause instanceof Full)) throw cause
    return { pages: count, cut: { block: i, line: blocks[i]?.line } }
  }
  return { pages: count, cut: undefined }

  async function layoutBlock(block: Block): Promise<void> {
    if (block.kind === 'chart') {
      // Under the heading that introduces it, or on a fresh slide.
      const under = headed === page && y > 0
      if (!under) await newPage()
      const top = under ? y + Math.round(g.size.body * 0.6) : 0
      const layers = chartSlide === undefined ? [] : await chartSlide(block, { x: box.x, y: box.y + top, width: box.width, height: box.height - top })
      page.layers.push(...layers)
      await pages.push(page)
      page = { layers: [] }
      y = 0
      return
    }
    if (block.kind === 'table') {
      const r = await layoutTable(block, i, g, fonts, palette, pages, page, y)
      page = r.page
      y = r.y
      return
    }
    const size = sizeOf(block, g)
    const indent = Math.min(block.indent, 3) * INDENT + (block.role === 'quote' ? 24 : 0)
    const image = await renderText(fonts, {
      markup: block.markup,
      width: box.width - indent,
      size,
      bold: block.role === 'heading',
      colour: block.role === 'heading' ? palette.accent : palette.foreground,
      justify: block.role === 'paragraph' || block.role === 'quote',
      spacing: g.spacing(size),
    })
    // A piece of a long paragraph follows the one before it at line spacing, not as a new paragraph.
    const gap = block.continued === true ? g.spacing(size) : Math.round(size * (block.role === 'heading' ? 0.9 : 0.6))
    let from = 0
    let before = y > 0 ? gap : 0
    // A heading needs room for itself and a line of what follows, or it moves on with it; a heading
    // over a chart opens the chart's slide.
    const overChart = block.role === 'heading' && blocks[i + 1]?.kind === 'chart'
    if (block.role === 'heading' && y > 0 && (overChart || y + before + image.height + g.size.body * 2.2 > box.height)) {
      await newPage()
      before = 0
    }
    if (overChart) headed = page
    while (from < image.height) {
      const room = box.height - y - before
      if (image.height - from <= room) {
        place(page, image, from, image.height, box.x + indent, box.y + y + before, block, palette)
        y += before + image.height - from
        break
      }
      const cut = cutWithin(image, from, room)
      if (cut === undefined) {
        if (y === 0) {
          // One line taller than a whole slide cannot happen at these sizes; keep what fits rather than loop.
          place(page, image, from, Math.min(image.height, from + room), box.x + indent, box.y + y + before, block, palette)
          await newPage()
          break
        }
        await newPage()
        before = 0
        continue
      }
      place(page, image, from, cut.end, box.x + indent, box.y + y + before, block, palette)
      await newPage()
      before = 0
      from = cut.next
    }
  }
}

function place(page: Page, image: TextImage, from: number, to: number, x: number, y: number, block: TextBlock, palette: Palette): void {
  if (block.role === 'quote') page.layers.push({ type: 'rect', x: x - 24, y, width: 8, height: to - from, fill: palette.accent })
  page.layers.push({ type: 'text', image, from, to, x: Math.round(x), y: Math.round(y) })
}

// ---- tables ----

const PAD = 14
const LINE = 2

function plainLength(markup: string): number {
  return [...markup.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, 'x')].length
}

/**
 * A table at the table size; its header row is repeated on every slide it takes. A table too wide
 * for columns of three characters becomes one card per row (`表头：值` lines), headers on every card.
 * A record (a row, or a row group, see `recordsOf`) that does not fit the rest of a slide starts
 * the next one: only a record taller than a whole slide is split, between lines.
 */
async function layoutTable(
  table: TableBlock,
  index: number,
  g: SlideGeometry,
  fonts: FontSet,
  palette: Palette,
  pages: { push(page: Page): Promise<void> },
  start: Page,
  startY: number,
): Promise<{ page: Page; y: number }> {
  const box = g.content
  const size = g.size.table
  const cols = table.header.length
  // Four characters a line is the least a cell can be read at; narrower tables become cards.
  const minCol = size * 4 + 2 * PAD
  let page = start
  let y = startY
  const gap = Math.round(g.size.body * 0.6)
  const flush = async () => {
    if (page.layers.length > 0) await pages.push(page)
    page = { layers: [] }
    y = 0
  }
  const shown = (first: number, end: number, split = false) => {
    const rows = ((page as { rows?: PageRows[] }).rows ??= [])
    const last = rows[rows.length - 1]
    if (last !== undefined && last.block === index && last.end === first && !last.split && !split) rows[rows.length - 1] = { ...last, end }
    else rows.push({ block: index, first, end, split })
  }
  const records = recordsOf(table.rows)

  if (cols * minCol > box.width) {
    // Cards: each row becomes one block of labelled lines; a record's cards share a slide.
    for (const rec of records) {
      const images = []
      for (let r = rec.first; r < rec.end; r++) {
        const row = table.rows[r] ?? []
        const markup = row.map((cell, c) => `<b>${table.header[c] ?? ''}</b>：${cell}`).join('\n')
        images.push(await renderText(fonts, { markup, width: box.width - 2 * PAD - 12, size, colour: palette.foreground, spacing: g.spacing(size) }))
      }
      const total = images.reduce((s, img, k) => s + img.height + 2 * PAD + (k > 0 ? gap : 0), 0)
      if (y > 0 && y + gap + total > box.height && total <= box.height) await flush()
      for (const [k, image] of images.entries()) {
        const r = rec.first + k
        let from = 0
        let before = y > 0 ? gap : 0
        while (from < image.height) {
          const room = box.height - y - before - 2 * PAD
          if (image.height - from <= room) {
            card(page, image, from, image.height, box.x, box.y + y + before, box.width, palette)
            shown(r, r + 1, from > 0)
            y += before + image.height - from + 2 * PAD
            break
          }
          // A card that fits a slide of its own is never split: it starts the next slide.
          if (y > 0 && image.height - from + 2 * PAD <= box.height) {
            await flush()
            before = 0
            continue
          }
          const cut = cutWithin(image, from, room)
          if (cut === undefined) {
            if (y === 0) {
              card(page, image, from, Math.min(image.height, from + room), box.x, box.y, box.width, palette)
              shown(r, r + 1, true)
              from = image.height
            }
            await flush()
            before = 0
            continue
          }
          card(page, image, from, cut.end, box.x, box.y + y + before, box.width, palette)
          shown(r, r + 1, true)
          await flush()
          before = 0
          from = cut.next
        }
      }
    }
    return { page, y }
  }

  // Column widths follow content length, at least three characters, within the content width.
  const want = Array.from({ length: cols }, (_, c) => Math.max(minCol, Math.min(16, Math.max(plainLength(table.header[c] ?? ''), ...table.rows.map((r) => plainLength(r[c] ?? '')))) * size + 2 * PAD))
  const extra = want.reduce((s, w) => s + w - minCol, 0)
  const free = box.width - cols * minCol
  // Every column gets its minimum; what is left goes to the columns that want more, in proportion.
  const widths = want.map((w) => minCol + (extra === 0 ? Math.floor(free / cols) : Math.floor(((w - minCol) / extra) * free)))
  const spare = box.width - widths.reduce((s, w) => s + w, 0)
  widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + spare
  const xs = widths.map((_, c) => box.x + widths.slice(0, c).reduce((s, w) => s + w, 0))

  const renderRow = (cells: readonly string[], header: boolean) =>
    Promise.all(
      cells.map((markup, c) =>
        renderText(fonts, { markup, width: (widths[c] ?? minCol) - 2 * PAD, size, bold: header, colour: header ? palette.background : palette.foreground, spacing: Math.round(size * 0.3) }),
      ),
    )
  const head = await renderRow(table.header, true)
  const headH = Math.max(...head.map((i) => i.height)) + 2 * PAD

  const drawRow = (cells: readonly TextImage[], froms: readonly number[], tos: readonly number[], top: number, height: number, header: boolean) => {
    if (header) page.layers.push({ type: 'rect', x: box.x, y: top, width: box.width, height, fill: palette.accent })
    cells.forEach((img, c) => {
      const from = froms[c] ?? 0
      const to = tos[c] ?? img.height
      if (to > from) page.layers.push({ type: 'text', image: img, from, to, x: (xs[c] ?? box.x) + PAD, y: top + PAD })
    })
    // Grid: a line under the row and between columns, in the text colour.
    page.layers.push({ type: 'rect', x: box.x, y: top + height - LINE, width: box.width, height: LINE, fill: header ? palette.accent : palette.foreground })
    for (let c = 1; c < cols; c++) page.layers.push({ type: 'rect', x: (xs[c] ?? 0) - LINE / 2, y: top, width: LINE, height, fill: header ? palette.background : palette.foreground })
  }
  let tableTop = 0
  const frame = () => {
    page.layers.push({ type: 'rect', x: box.x, y: box.y + tableTop, width: LINE, height: y - tableTop, fill: palette.foreground })
    page.layers.push({ type: 'rect', x: box.x + box.width - LINE, y: box.y + tableTop, width: LINE, height: y - tableTop, fill: palette.foreground })
  }
  const startTable = () => {
    tableTop = y
    drawRow(head, [], [], box.y + y, headH, true)
    y += headH
  }
  const nextSlide = async () => {
    frame()
    await flush()
    startTable()
  }
  const heightOf = (cells: readonly TextImage[]) => Math.max(...cells.map((i) => i.height)) + 2 * PAD

  // Rows are rendered one record at a time, as they are laid out: a long table never holds all its pixels at once.
  const firstRec = records[0]
  let pending = firstRec === undefined ? [] : await Promise.all(table.rows.slice(firstRec.first, firstRec.end).map((r) => renderRow(r, false)))
  const before = y > 0 ? gap : 0
  const firstH = pending.reduce((s, cells) => s + heightOf(cells), 0)
  // The table starts on this slide when its header and its first record fit under what is there.
  if (y > 0 && y + before + headH + firstH > box.height) await flush()
  else y += before
  startTable()
  for (const [k, rec] of records.entries()) {
    const rows = k === 0 ? pending : await Promise.all(table.rows.slice(rec.first, rec.end).map((r) => renderRow(r, false)))
    pending = []
    const total = rows.reduce((s, cells) => s + heightOf(cells), 0)
    const onlyHeader = y === tableTop + headH
    // A record that fits a slide under the header moves to the next slide whole.
    if (y + total > box.height && !onlyHeader && headH + total <= box.height) await nextSlide()
    for (const [j, cells] of rows.entries()) {
      const r = rec.first + j
      let froms = cells.map(() => 0)
      for (;;) {
        const rest = Math.max(...cells.map((img, c) => img.height - (froms[c] ?? 0)))
        const room = box.height - y - 2 * PAD
        if (rest <= room) {
          drawRow(
            cells,
            froms,
            cells.map((img) => img.height),
            box.y + y,
            rest + 2 * PAD,
            false,
          )
          shown(
            r,
            r + 1,
            froms.some((f) => f > 0),
          )
          y += rest + 2 * PAD
          break
        }
        if (y !== tableTop + headH) {
          await nextSlide()
          continue
        }
        // Only a row taller than a whole slide under its header is split between lines of every cell.
        const cuts = cells.map((img, c) => {
          const from = froms[c] ?? 0
          if (img.height - from <= room) return { end: img.height, next: img.height }
          return cutWithin(img, from, room) ?? { end: Math.min(img.height, from + room), next: Math.min(img.height, from + room) }
        })
        drawRow(
          cells,
          froms,
          cuts.map((k) => k.end),
          box.y + y,
          Math.max(...cuts.map((k, c) => k.end - (froms[c] ?? 0))) + 2 * PAD,
          false,
        )
        shown(r, r + 1, true)
        y += Math.max(...cuts.map((k, c) => k.end - (froms[c] ?? 0))) + 2 * PAD
        froms = cuts.map((k) => k.next)
        await nextSlide()
      }
    }
  }
  frame()
  return { page, y }
}

function card(page: Page, image: TextImage, from: number, to: number, x: number, y: number, width: number, palette: Palette): void {
  page.layers.push({ type: 'rect', x, y, width: 8, height: to - from + 2 * PAD, fill: palette.accent })
  page.layers.push({ type: 'rect', x, y: y + to - from + 2 * PAD - LINE, width, height: LINE, fill: palette.foreground })
  page.layers.push({ type: 'text', image, from, to, x: x + PAD + 12, y: y + PAD })
}
