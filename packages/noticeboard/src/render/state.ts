/** What the Markdown handlers share while one publication is set. */
import type { Diagnostic, Disclosure } from '@gongkai/core'
import type { FootnoteDefinition, Nodes, PhrasingContent, RootContent } from 'mdast'
import type { FaceBook } from '../layout/pdf-fonts.js'
import type { Sheet } from '../layout/sheet.js'
import type { MissingChar, Piece, TextStyle } from '../layout/text.js'
import { GEOMETRY } from '../layout/geometry.js'

/** The horizontal band a block is set in, and whether its paragraphs take the two-character indent. */
export interface Frame {
  readonly left: number
  readonly width: number
  readonly indent: boolean
}

/** An image read before layout (layout itself is synchronous). */
export type LoadedImage = { readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly reason: string }

/** The narrowest a nested list or quote gets, in body characters: half the 28-character line. */
export const MIN_TEXT = 14

/** The styles of a sheet. One object each, so runs of the same style merge into one text operator. */
export const STYLES = {
  body: { face: 'serif', size: GEOMETRY.bodySize },
  bodyBold: { face: 'serifBold', size: GEOMETRY.bodySize },
  heading1: { face: 'heading', size: GEOMETRY.bodySize },
  heading2: { face: 'serifBold', size: GEOMETRY.bodySize },
  title: { face: 'title', size: GEOMETRY.titleSize },
  organ: { face: 'title', size: 30, color: '#c8161d' },
  meta: { face: 'sans', size: GEOMETRY.smallSize },
  small: { face: 'serif', size: GEOMETRY.smallSize },
  smallBold: { face: 'sans', size: GEOMETRY.smallSize },
  code: { face: 'sans', size: GEOMETRY.smallSize },
  period: { face: 'sans', size: GEOMETRY.folioSize },
  caption: { face: 'sans', size: 9 },
  noteMark: { face: 'serif', size: GEOMETRY.bodySize * 0.6, rise: GEOMETRY.bodySize * 0.4 },
} as const satisfies Record<string, TextStyle>

/** The state of one publication being set. */
export interface RenderState {
  readonly sheet: Sheet
  readonly book: FaceBook
  readonly disclosure: Disclosure
  readonly baseUrl: string
  readonly images: ReadonlyMap<string, LoadedImage>
  /** Footnote identifiers in order of first reference → their number. */
  readonly noteNumbers: Map<string, number>
  readonly noteDefinitions: Map<string, FootnoteDefinition>
  /** Footnotes already set at a page's foot. */
  readonly placedNotes: Set<string>
  /** A list marker waiting to be drawn on the next paragraph's first line. */
  marker: { readonly text: string; readonly x: number; readonly style: TextStyle } | undefined
  /** Reports a character no font has; `field` names where it stands when it is not in the body. */
  missing(m: MissingChar, field?: string): void
  /** Reports a content problem at a node. */
  warn(code: string, message: string, hint: string, node?: Nodes): void
  /** Sets one block node within a frame (through the block registry); `next` and `previous` are its neighbours. */
  one(node: RootContent, frame: Frame, next?: RootContent, previous?: RootContent): void
  /** Sets block nodes in order within a frame. */
  all(nodes: readonly RootContent[], frame: Frame): void
  /** Appends the pieces of phrasing nodes (through the inline registry) to `out` and returns it. */
  inline(nodes: readonly PhrasingContent[], style: TextStyle, out: Piece[]): Piece[]
}

/** Sets one block node within a frame. */
export type BlockHandler<N extends RootContent = RootContent> = (node: N, state: RenderState, frame: Frame, next?: RootContent, previous?: RootContent) => void

/** Appends the pieces of one phrasing node. */
export type InlineHandler<N extends PhrasingContent = PhrasingContent> = (node: N, state: RenderState, style: TextStyle, out: Piece[]) => void

/** Builds the missing-glyph and warning reporters of one publication. */
export function createReporters(d: Disclosure, hasFallback: boolean, report: (diagnostic: Diagnostic) => void): Pick<RenderState, 'missing' | 'warn'> {
  const seen = new Set<string>()
  const file = d.publication.source.file
  return {
    missing(m, field) {
      const key = `${m.char}@${field ?? ''}@${m.line ?? ''}`
      if (seen.has(key)) return
      seen.add(key)
      const cp = (m.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
      const where = field === undefined ? '' : `（${field}）`
      report({
        code: 'noticeboard/missing-glyph',
        severity: 'warning',
        message: `公示栏打印稿${where}中的字符“${m.char}”（U+${cp}）没有可用字体，打印时以“〓”代替`,
        hint: hasFallback
          ? '后备字体中也没有这个字：请换用含该字的后备字体，或改写为常用字（表情符号请删除）'
          : '请在 gongkai.config.yaml 的 fonts.fallback 中配置含该字的字体文件（如 /usr/share/fonts/truetype/hanazono/HanaMinB.ttf），或改写为常用字（表情符号请删除）',
        file: field === '事项名称' ? 'catalog.yaml' : file,
        ...(m.line === undefined ? {} : { line: m.line }),
        ...(m.column === undefined ? {} : { column: m.column }),
        subject: d.publication.id,
      })
    },
    warn(code, message, hint, node) {
      const start = node?.position?.start
      report({
        code,
        severity: 'warning',
        message,
        hint,
        file,
        ...(start === undefined ? {} : { line: start.line, column: start.column }),
        subject: d.publication.id,
      })
    },
  }
}
