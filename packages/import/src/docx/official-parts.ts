/**
 * The parts of an official document (公文, GB/T 9704) recognised on the converted blocks and taken
 * out of the body: the red header (版头) and 发文字号 above the title, the title itself (the style
 * 标题, or the large centred paragraphs), 主送机关, the 附件 note, and the 公文 numbering of the body's
 * headings (一、 （一） 1. （1）). The signature is found on the Markdown tree by core's
 * `findBodySignature`, the same rule the channels use, so an import and a render never disagree.
 */
import { isAddresseeLine } from '@gongkai/core'
import type { Element, ElementContent, RootContent as HastContent } from 'hast'
import { textOf } from './convert.js'

/** 发文字号: 机关代字 + 〔年份〕 + 序号, in any bracket an office types (〔〕 is the standard one). */
const DOC_NUMBER = /^([\u4e00-\u9fff]{1,12})\s*[〔［[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*第?\s*(\d{1,5})\s*号$/
/** A 签发人 line beside the number (上行文): `青环发〔2026〕12号    签发人：王某`. */
const SIGNER = /\s*签发人[：:].*$/

/** 发文字号 written the standard way (六角括号, no 第), or undefined when `text` is not one. */
export function readDocNumber(text: string): string | undefined {
  const m = DOC_NUMBER.exec(text.replace(SIGNER, '').replace(/\s+/g, ''))
  return m === null ? undefined : `${m[1]}〔${m[2]}〕${m[3]}号`
}

/** The heading level of a paragraph in 公文 numbering (1 for 一、 … 4 for （1）), or undefined. */
export function numberingLevel(text: string): 1 | 2 | 3 | 4 | undefined {
  const t = text.trim()
  // A heading is a line of its own: short, and no sentence inside it.
  if (t.length > 40 || /[。；;！？]./.test(t) || /[；;，,：:]$/.test(t)) return undefined
  if (/^[一二三四五六七八九十]{1,3}、\S/.test(t)) return 1
  if (/^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S/.test(t)) return 2
  if (/^\d{1,2}[.．、](?!\d)\s*\S/.test(t) && !/。$/.test(t)) return 3
  if (/^[（(]\d{1,2}[）)]\s*\S/.test(t) && !/。$/.test(t)) return 4
  return undefined
}

const classes = (node: HastContent): string[] => (node.type === 'element' ? (node.properties['className'] ?? []) : [])
const isP = (node: HastContent): node is Element => node.type === 'element' && node.tagName === 'p'
const onlyImages = (node: HastContent): boolean => isP(node) && textOf(node).trim() === '' && node.children.some((c) => c.type === 'element' && c.tagName === 'img')

/** What was recognised in the blocks, and the blocks left for the body. */
export interface OfficialParts {
  readonly title?: string
  /** How the title was found: the 标题 style, the large centred paragraphs, or the first centred one. */
  readonly titleBy?: 'style' | 'layout' | 'centred'
  readonly docNumber?: string
  readonly addressee?: string
  /** The 附件 note's titles, in order, with the blocks that hold the note (removed only when every file is found). */
  readonly attachmentNote?: { readonly titles: readonly string[]; readonly blocks: readonly HastContent[] }
  /** Red text (版头, `青川县生态环境局文件`) above the title, taken out. */
  readonly redHeader: readonly string[]
  /** Images above the title (the red rule under the 版头), taken out. */
  readonly headerImages: readonly string[]
  /** Paragraphs taken as headings by their 公文 numbering. */
  readonly numberedHeadings: number
  readonly body: HastContent[]
}

/** The attachments of an 附件 note: `附件：1.名单` and the numbered lines after it. */
function attachmentTitles(lines: readonly string[]): string[] {
  return lines
    .map((l, i) => (i === 0 ? l.replace(/^附\s*件\s*[：:]\s*/, '') : l))
    .map((l) =>
      l
        .trim()
        .replace(/^\d{1,2}\s*[.．、]\s*/, '')
        .replace(/[。；;，,]$/, '')
        .trim(),
    )
    .filter((l) => l !== '')
}

/** Recognises the 公文 parts among the top-level blocks (`redTexts`: top paragraphs the XML has in red). */
export function recogniseParts(blocks: readonly HastContent[], redTexts: readonly string[]): OfficialParts {
  const rest = [...blocks]
  const redHeader: string[] = []
  const headerImages: string[] = []
  let docNumber: string | undefined
  let title: string | undefined
  let titleBy: OfficialParts['titleBy']

  // Above the title: the 版头 (red), a rule drawn as an image, 发文字号, 签发人.
  const styleTitle = rest.findIndex((b) => b.type === 'element' && b.tagName === 'h1' && classes(b).includes('gk-title'))
  const largeTitle = rest.findIndex((b) => isP(b) && classes(b).includes('gk-large') && !redTexts.includes(textOf(b).trim()) && readDocNumber(textOf(b)) === undefined)
  const at = styleTitle !== -1 && styleTitle < 8 ? styleTitle : largeTitle !== -1 && largeTitle < 8 ? largeTitle : -1
  if (at !== -1) titleBy = at === styleTitle ? 'style' : 'layout'
  const head = at === -1 ? Math.min(rest.length, 4) : at
  const keep: HastContent[] = []
  for (let i = 0; i < head; i++) {
    const b = rest[i]!
    const t = textOf(b).trim()
    if (t !== '' && redTexts.includes(t)) redHeader.push(t)
    else if (onlyImages(b) && at !== -1) headerImages.push(String(((b as Element).children.find((c) => c.type === 'element' && c.tagName === 'img') as Element).properties['src'] ?? ''))
    else if (docNumber === undefined && readDocNumber(t) !== undefined) docNumber = readDocNumber(t)
    else keep.push(b)
  }
  let after = rest.slice(head)
  if (at === -1) {
    // No style and no large type: the first centred paragraph that is not the number.
    const c = keep.findIndex((b) => isP(b) && classes(b).includes('gk-center') && textOf(b).trim().length <= 60)
    if (c !== -1) {
      title = textOf(keep[c]!).trim()
      titleBy = 'centred'
      keep.splice(c, 1)
    }
  } else {
    // A title set over two or three lines (青川县生态环境局 / 行政处罚决定书) is one title.
    const parts: string[] = []
    const same = (b: HastContent) => (titleBy === 'style' ? b.type === 'element' && b.tagName === 'h1' && classes(b).includes('gk-title') : isP(b) && classes(b).includes('gk-large'))
    while (after.length > 0 && same(after[0]!) && parts.length < 4) parts.push(textOf(after.shift()!).trim())
    title = parts.join('')
  }
  after = [...keep, ...after]
  // 发文字号 under the title (决定书, 通知书 put it there).
  const n = after.findIndex((b, i) => i < 3 && readDocNumber(textOf(b).trim()) !== undefined)
  if (n !== -1 && docNumber === undefined) {
    docNumber = readDocNumber(textOf(after[n]!).trim())
    after.splice(n, 1)
  }
  // 主送机关: the first paragraph, by core's rule (the one the sheet sets it flush left by).
  let addressee: string | undefined
  const first = after.find((b) => textOf(b).trim() !== '')
  if (first !== undefined && isP(first)) {
    const t = textOf(first).trim()
    if (isAddresseeLine(t)) addressee = t.replace(/[：:]$/, '')
  }

  // The 附件 note: the last one before the signature, with the numbered lines under it.
  let attachmentNote: OfficialParts['attachmentNote']
  const noteAt = after.findLastIndex((b) => isP(b) && /^附\s*件\s*[：:]/.test(textOf(b).trim()))
  if (noteAt !== -1) {
    const noteBlocks = [after[noteAt]!]
    for (let i = noteAt + 1; i < after.length; i++) {
      const b = after[i]!
      if (isP(b) && /^\s*\d{1,2}\s*[.．、]/.test(textOf(b).replace(/^[\s\u3000]+/, ''))) noteBlocks.push(b)
      else break
    }
    attachmentNote = { titles: attachmentTitles(noteBlocks.map((b) => textOf(b))), blocks: noteBlocks }
  }

  // 公文 numbering as headings, levels closed up (a body that starts at 1. still gets ##).
  const levels = new Map<Element, number>()
  for (const b of after) {
    if (!isP(b) || classes(b).includes('gk-center') || classes(b).includes('gk-right') || (b === first && addressee !== undefined)) continue
    if (attachmentNote?.blocks.includes(b) === true) continue
    const level = numberingLevel(textOf(b))
    if (level !== undefined) levels.set(b, level)
  }
  const used = [...new Set(levels.values())].sort()
  const body = after.map((b): HastContent => {
    const level = isP(b) ? levels.get(b) : undefined
    if (level === undefined) return b
    const depth = 2 + used.indexOf(level)
    return { ...(b as Element), tagName: `h${Math.min(depth, 6)}`, children: unwrapStrong((b as Element).children) }
  })
  return {
    ...(title === undefined || title === '' || titleBy === undefined ? {} : { title, titleBy }),
    ...(docNumber === undefined ? {} : { docNumber }),
    ...(addressee === undefined ? {} : { addressee }),
    ...(attachmentNote === undefined ? {} : { attachmentNote }),
    redHeader,
    headerImages,
    numberedHeadings: levels.size,
    body,
  }
}

/** A heading set in bold throughout: the heading is the emphasis. */
function unwrapStrong(children: ElementContent[]): ElementContent[] {
  const real = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
  if (real.length === 1 && real[0]!.type === 'element' && (real[0]!.tagName === 'strong' || real[0]!.tagName === 'b')) return real[0]!.children
  return children
}
