/** The blocks a publication's body becomes on slides, and the handler registry's types. */
import type { Chart } from '@gongkai/chart'
import type { FontSet } from '@gongkai/fonts'
import type { Nodes, PhrasingContent, Table } from 'mdast'

/** A block of running text. */
export interface TextBlock {
  readonly kind: 'text'
  readonly role: 'paragraph' | 'heading' | 'item' | 'quote' | 'code' | 'note'
  /** Escaped Pango markup. */
  readonly markup: string
  /** Left indent in levels (lists, quotes). */
  readonly indent: number
  /** The 1-based file line of the node it came from. */
  readonly line?: number
  /** A later piece of a paragraph too long to set at once (see limits.ts). */
  readonly continued?: boolean
}

/** A table: header cells and rows, as escaped markup. */
export interface TableBlock {
  readonly kind: 'table'
  readonly header: readonly string[]
  readonly rows: readonly (readonly string[])[]
  /** The 1-based file line of the table. */
  readonly line?: number
}

/** A table that is a numeric series (see @gongkai/chart), shown as a chart slide; the table itself is behind the slide's QR code. */
export interface ChartBlock {
  readonly kind: 'chart'
  readonly chart: Chart
  /** The table's number in the body (1-based, document order): the web page's anchor `#table-n`. */
  readonly table: number
  /** Headers of the table's columns that are not numbers, named on the slide as what the QR code adds. */
  readonly other: readonly string[]
  /** The 1-based file line of the table. */
  readonly line?: number
}

/** One block of a slide's body. */
export type Block = TextBlock | TableBlock | ChartBlock

/** What handlers share while walking one body. */
export interface BlockContext {
  readonly fonts: FontSet
  /** Characters no configured face can draw (reported once per publication). */
  readonly missing: Set<string>
  /** Nesting depth of lists and quotes. */
  readonly depth: number
  /** Inline content as escaped markup. */
  inline(nodes: readonly PhrasingContent[], bold?: boolean): string
  /** Blocks of any child node, through the registry. */
  blocks(node: Nodes, depth?: number): Block[]
  /** The number of a table in the body (1-based, document order, as the website counts them). */
  tableNumber(node: Table): number
}

/** Turns one mdast node into blocks. */
export type BlockHandler = (node: Nodes, ctx: BlockContext) => Block[]
