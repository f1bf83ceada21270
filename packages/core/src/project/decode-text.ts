/**
 * Bytes of a project file → text. Offices save files in GBK/GB18030 (Windows Notepad before 2019,
 * WPS, Excel's CSV) and UTF-16 (Excel's “Unicode 文本”) as often as in UTF-8: such a file is
 * decoded with a warning that names its encoding, or refused with an error at the first byte that
 * makes no sense, never read as mojibake.
 */
import { isUtf8 } from 'node:buffer'
import chardet from 'chardet'
import iconv from 'iconv-lite'
import type { Diagnostic } from '../diagnostics.js'

/** The encodings a project file may be decoded from. */
export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5'

/** What `decodeText` found: the text (absent when refused), its encoding, and the warning or error. */
export interface DecodedText {
  readonly text?: string
  readonly encoding?: TextEncodingName
  /** `file/encoding` (warning: decoded from another encoding) or `file/unknown-encoding` (error: refused). */
  readonly diagnostics: Diagnostic[]
}

const SAVE_AS = '请用记事本打开，选择“文件 → 另存为”，在“编码”中选 UTF-8 后保存（WPS、Excel 另存为时选“UTF-8”或“CSV UTF-8”）'

/** Where the bytes start with a byte-order mark: its encoding and length. */
function bom(b: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'UTF-8', length: 3 }
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'UTF-16LE', length: 2 }
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'UTF-16BE', length: 2 }
  return undefined
}

/**
 * UTF-16 without a BOM, told by its NUL bytes: our files always hold ASCII (YAML keys, `---`,
 * line breaks), and in UTF-16 each ASCII character has a NUL on one side, the high byte. Text in
 * UTF-8 or GB18030 never holds a NUL at all.
 */
function utf16ByNuls(b: Uint8Array): TextEncodingName | undefined {
  if (b.length % 2 !== 0) return undefined
  let even = 0
  let odd = 0
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0) continue
    if (i % 2 === 0) even++
    else odd++
  }
  const all = even + odd
  if (all === 0) return undefined
  if (odd / all >= 0.9) return 'UTF-16LE'
  if (even / all >= 0.9) return 'UTF-16BE'
  return undefined
}

const ICONV: Readonly<Record<TextEncodingName, string>> = { 'UTF-8': 'utf8', 'UTF-16LE': 'utf16le', 'UTF-16BE': 'utf16be', GB18030: 'gb18030', Big5: 'big5' }

/** The text when every byte sequence is valid in the encoding (iconv-lite puts U+FFFD for the others). */
function decodeClean(b: Uint8Array, encoding: TextEncodingName): string | undefined {
  const text = iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), ICONV[encoding], { stripBOM: false })
  if (text.includes('\ufffd')) return undefined
  // UTF-16 has no invalid bytes, only unpaired surrogates: a wrong guess shows as those or as NULs.
  if ((encoding === 'UTF-16LE' || encoding === 'UTF-16BE') && (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text) || text.includes('\u0000'))) return undefined
  return text
}

/**
 * The legacy Chinese encoding of bytes that are not UTF-8. chardet decides well on a page of text
 * and badly on a few characters (“公开” in GBK scores 10 for Big5, EUC-JP, EUC-KR and GB18030
 * alike, and 标题：关于公开 comes out as Shift_JIS). A county office writes simplified Chinese, so
 * GB18030 (a superset of GBK and GB2312) is taken whenever the bytes are valid GB18030, unless
 * chardet is sure of Big5 (Taiwan and Hong Kong documents): GBK bytes decode as Big5 without
 * error too, only into nonsense, so validity alone cannot tell the two apart. Japanese and Korean
 * encodings are not offered: a Chinese office file in them is far rarer than a short GBK file
 * that chardet takes for one.
 */
function legacyChinese(b: Uint8Array): { encoding: TextEncodingName; text: string } | undefined {
  const scores = chardet.analyse(b)
  const score = (name: string) => scores.find((m) => m.name === name)?.confidence ?? 0
  const big5 = score('Big5')
  if (big5 >= 50 && big5 > score('GB18030')) {
    const text = decodeClean(b, 'Big5')
    if (text !== undefined) return { encoding: 'Big5', text }
  }
  for (const encoding of ['GB18030', 'Big5'] as const) {
    const text = decodeClean(b, encoding)
    if (text !== undefined) return { encoding, text }
  }
  return undefined
}

/**
 * True when bytes that are not valid UTF-8 still are UTF-8 for the most part: a UTF-8 file with a
 * stray byte (pasted from an old document, cut short) would often decode as GB18030 without error,
 * into nonsense. GBK text read as UTF-8 gives almost only replacement characters; a broken UTF-8
 * file gives more real characters than replacements, and is refused at its bad byte instead.
 */
function mostlyUtf8(buf: Buffer): boolean {
  const text = buf.toString('utf8')
  let bad = 0
  let good = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xfffd) bad++
    else if (c > 0x7f) good++
  }
  return good > bad
}

/** Line and column (1-based) of a character offset in a text. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  return { line, column: offset - start + 1 }
}

/**
 * Decodes the bytes of a project file. UTF-8 (the fast path: validated and decoded once, a BOM
 * dropped silently) gives no message; UTF-16 (with or without BOM), GB18030/GBK and Big5 are
 * decoded with a `file/encoding` warning that says how to save the file as UTF-8; bytes valid in
 * none of them are refused with `file/unknown-encoding` at the first byte that is not UTF-8.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const mark = bom(bytes)
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (mark === undefined || mark.encoding === 'UTF-8') {
    const body = mark === undefined ? buf : buf.subarray(mark.length)
    // A NUL is never in a text file: valid UTF-8 with NULs is UTF-16 without a BOM (or binary).
    if (isUtf8(body) && body.indexOf(0) === -1) return { text: body.toString('utf8'), encoding: 'UTF-8', diagnostics: [] }
  }
  let found: { encoding: TextEncodingName; text: string } | undefined
  if (mark !== undefined && mark.encoding !== 'UTF-8') {
    const text = decodeClean(bytes.subarray(mark.length), mark.encoding)
    if (text !== undefined) found = { encoding: mark.encoding, text }
  } else if (buf.indexOf(0) !== -1) {
    const guess = utf16ByNuls(bytes)
    const text = guess === undefined ? undefined : decodeClean(bytes, guess)
    if (guess !== undefined && text !== undefined) found = { encoding: guess, text }
  } else if (mark === undefined && !mostlyUtf8(buf)) {
    found = legacyChinese(bytes)
  }
  if (found !== undefined) {
    const what = found.encoding === 'GB18030' ? 'GBK/GB18030' : found.encoding
    return {
      text: found.text,
      encoding: found.encoding,
      diagnostics: [
        {
          code: 'file/encoding',
          severity: 'warning',
          message: `文件不是 UTF-8 编码，已按 ${what} 编码读取`,
          hint: `请检查读出的文字是否正确，并把文件另存为 UTF-8：${SAVE_AS}`,
          file,
          line: 1,
          column: 1,
        },
      ],
    }
  }
  const shown = (mark?.encoding === 'UTF-8' ? buf.subarray(mark.length) : buf).toString('utf8')
  const zero = shown.indexOf('\u0000')
  const bad = shown.indexOf('\ufffd')
  const first = [zero, bad].filter((i) => i !== -1).reduce((a, b) => Math.min(a, b), shown.length)
  return {
    diagnostics: [
      {
        code: 'file/unknown-encoding',
        severity: 'error',
        message: zero !== -1 && zero === first ? '文件中有空字节（NUL），不像文本文件，无法读取' : '无法识别文件的编码：它既不是 UTF-8，也不是 GBK/GB18030、UTF-16 或 Big5',
        hint: `这个文件没有读取。若是文本文件，${SAVE_AS}；若文件已损坏，请从备份恢复`,
        file,
        ...placeOf(shown, first),
      },
    ],
  }
}
