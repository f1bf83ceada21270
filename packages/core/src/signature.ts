/**
 * A body that ends with its own signature: the issuing body's name and the date, as offices type
 * them under a decision (`青川县生态环境局  \n2026年11月9日`). The channels add the signature from the
 * publication themselves, so they recognise this one instead of printing two; one pure function on
 * the parsed tree, shared by validation, the sheet and the website.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast'

/** The signature a body ends with. */
export interface BodySignature {
  /** The issuing bodies, one per line as written (联合行文 puts several above the date). */
  readonly organs: readonly string[]
  /** The date line as written, e.g. `2026年11月9日`. */
  readonly date: string
  /** The date as `YYYY-MM-DD`, when written in Arabic or Chinese numerals. */
  readonly iso: string | undefined
  /** Index in `tree.children` of the first node of the signature: the body proper is `children.slice(0, start)`. */
  readonly start: number
  /** The top-level nodes that hold it (one paragraph with a line break, or a paragraph each). */
  readonly nodes: readonly RootContent[]
  /** Where it starts in the file (the tree holds file lines). */
  readonly line: number | undefined
  readonly column: number | undefined
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s)
  if (/^[０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)))
  // 十一, 二十, 三十一, 十
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s)
  if (m !== null) return (m[1] === undefined ? 1 : DIGITS[m[1]]!) * 10 + (m[2] === undefined ? 0 : DIGITS[m[2]]!)
  if (s.length === 1 && DIGITS[s] !== undefined) return DIGITS[s]
  return undefined
}

function chineseYear(s: string): number | undefined {
  if (/^\d{4}$/.test(s)) return Number(s)
  if (/^[０-９]{4}$/.test(s)) return chineseNumber(s)
  if (s.length !== 4) return undefined
  let n = 0
  for (const c of s) {
    const d = DIGITS[c]
    if (d === undefined) return undefined
    n = n * 10 + d
  }
  return n
}

const DATE =
  /^(\d{4}|[０-９]{4}|[〇零Ｏ一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*月\s*(\d{1,2}|[０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日$/

/** `YYYY-MM-DD` of a date line as official documents write it (`2026年11月9日`, `二〇二六年十一月九日`), or undefined when the line is not one. */
export function readChineseDate(line: string): string | undefined {
  const m = DATE.exec(line.trim())
  if (m === null) return undefined
  const y = chineseYear(m[1]!)
  const mo = chineseNumber(m[2]!)
  const d = chineseNumber(m[3]!)
  if (y === undefined || mo === undefined || d === undefined || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** What names of bodies end with: 局, 委员会, 人民政府, 办公室, 中心, a company… */
const ORGAN_END = /(?:局|委员会|委|人民政府|政府|办公室|办|厅|院|部|署|会|中心|站|所|队|处|科|室|街道办事处|镇|乡|村|社区|公司|集团|合作社|协会|学校|医院|银行)$/

/** True when a line reads as an issuing body: the project's own name, or a short name ending like one, with no sentence punctuation. */
export function isOrganLine(line: string, organ?: string): boolean {
  const t = line.trim().replace(/\s+/g, '')
  if (t === '') return false
  if (organ !== undefined && t === organ.replace(/\s+/g, '')) return true
  if (t.length > 40 || /[。，,；;：:！!？?、“”"（）()《》]/.test(t)) return false
  // Several bodies on one line (联合行文), separated by spaces as written.
  return line
    .trim()
    .split(/\s{2,}|\u3000+/)
    .every((part) => ORGAN_END.test(part.trim()))
}

/** The lines of a paragraph (split at hard breaks and soft line ends), or undefined when it holds more than text. */
function paragraphLines(node: RootContent): string[] | undefined {
  if (node.type !== 'paragraph') return undefined
  let text = ''
  const walk = (children: readonly PhrasingContent[]): boolean => {
    for (const c of children) {
      if (c.type === 'text' || c.type === 'inlineCode') text += c.value
      else if (c.type === 'break') text += '\n'
      else if (c.type === 'strong' || c.type === 'emphasis') {
        if (!walk(c.children)) return false
      } else return false
    }
    return true
  }
  if (!walk(node.children)) return undefined
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/**
 * The signature a body ends with: one or more lines naming an issuing body (the project's `organ`,
 * or any line that reads as one), then a Chinese date line, as the body's last paragraph or its last
 * two (footnote definitions after them are passed over). Undefined when the body does not end so.
 */
export function findBodySignature(tree: Root, organ?: string): BodySignature | undefined {
  const children = tree.children
  let end = children.length
  while (end > 0 && (children[end - 1]!.type === 'footnoteDefinition' || children[end - 1]!.type === 'definition')) end--
  const last = children[end - 1]
  if (last === undefined) return undefined
  const lastLines = paragraphLines(last)
  const date = lastLines?.at(-1)
  if (lastLines === undefined || date === undefined) return undefined
  const iso = readChineseDate(date)
  if (iso === undefined) return undefined
  let organs = lastLines.slice(0, -1)
  let start = end - 1
  if (organs.length === 0) {
    // The date in a paragraph of its own: the bodies are the paragraph before.
    const before = start > 0 ? paragraphLines(children[start - 1]!) : undefined
    if (before === undefined || before.length === 0) return undefined
    organs = before
    start--
  }
  if (organs.length > 3 || !organs.every((l) => isOrganLine(l, organ))) return undefined
  const nodes = children.slice(start, end)
  const pos = nodes[0]?.position?.start
  return { organs, date, iso, start, nodes, line: pos?.line, column: pos?.column }
}

/**
 * Whether a line reads as 主送机关 (the addressee, GB/T 9704-2012 7.3.2): it ends with a colon, holds
 * no sentence (no 。 or ；), is not a label of the body (附件：, 当事人：, 一、…), and each name in it
 * ends as a body's or a person's does.
 */
export function isAddresseeLine(line: string): boolean {
  const t = line.trim()
  if (!/[：:]$/.test(t) || t.length < 3 || t.length > 80 || /[。；]/.test(t) || /^(?:附\s*件|当事人|[一二三四五六七八九十]+、|\d+[.．、])/.test(t)) return false
  // Every name in it ends like a body or a person addressed (各乡镇人民政府，县级有关部门，各建设单位):
  // a sentence that introduces a list (…可以通过以下渠道反映：) does not.
  return t
    .slice(0, -1)
    .split(/[，、,]/)
    .every((part) => {
      const name = part.trim()
      return name.length >= 2 && name.length <= 30 && (ORGAN_END.test(name) || ADDRESSED_END.test(name))
    })
}

/** What else an addressee may end with: 单位, 同志, 企业… (people and kinds of bodies, beyond ORGAN_END). */
const ADDRESSED_END = /(?:部门|单位|机关|机构|企业|同志|先生|女士|个人|居民|人员|业主|用户)$/

/** The addressee a body starts with (主送机关, set flush left under the title, not indented as a paragraph). */
export interface BodyAddressee {
  /** As written, without its colon: `各乡镇人民政府，县直各部门`. */
  readonly text: string
  /** Index in `tree.children` of its paragraph (always the first). */
  readonly index: number
}

/** The addressee paragraph a body opens with, when its first block is a one-line paragraph that reads as one. */
export function findBodyAddressee(tree: Root): BodyAddressee | undefined {
  const first = tree.children[0]
  if (first === undefined) return undefined
  const lines = paragraphLines(first)
  if (lines?.length !== 1 || !isAddresseeLine(lines[0]!)) return undefined
  return { text: lines[0]!.replace(/[：:]$/, ''), index: 0 }
}
