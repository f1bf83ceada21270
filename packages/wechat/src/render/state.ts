/** What the Markdown-to-WeChat handlers share while walking one publication. */
import type { Definition, FootnoteDefinition, Nodes, Parent, Table } from 'mdast'

/** An inline image prepared for the platform: a local file next to article.html. */
export interface PreparedImage {
  /** File name under OUT/wechat/<id>/, e.g. `img-3f2a….jpg`. */
  readonly file: string
  readonly data: Uint8Array
  readonly mediaType: 'image/jpeg' | 'image/png'
  /** sha256 (hex, 16) of the prepared bytes: the ledger step is `img:<sha>`. */
  readonly sha: string
}

/** One external link turned into a numbered reference under 引用链接. */
export interface LinkReference {
  readonly url: string
  readonly title: string
}

/** A node handler: returns the node's HTML. */
export type Handler = (node: never, state: RenderState) => string

/** The walk's shared state. */
export interface RenderState {
  readonly definitions: ReadonlyMap<string, Definition>
  readonly footnoteDefinitions: ReadonlyMap<string, FootnoteDefinition>
  /** Footnote labels in order of first reference → number. */
  readonly footnotes: Map<string, number>
  /** External links in order of first use; the same URL keeps its number. */
  readonly links: LinkReference[]
  /** Prepared images by Markdown URL; absent when the image could not be used. */
  readonly images: ReadonlyMap<string, PreparedImage>
  /** The charts drawn for tables that are numeric series, set above them (see charts.ts). */
  readonly charts: ReadonlyMap<Table, readonly (PreparedImage & { readonly alt: string; readonly caption: string })[]>
  /** Absolute site base URL, for relative links. */
  readonly baseUrl: string
  /** Every table compact: the article would not fit the platform's limit otherwise. */
  readonly compact: boolean
  /** Nesting depth of lists (0 outside any list). */
  depth: number
  /** Renders one node (through the registry). */
  one(node: Nodes): string
  /** Renders a parent's children. */
  all(node: Parent): string
}

/** Normalises a definition label the way mdast does for matching. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
}
