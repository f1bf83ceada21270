/** Classes of characters for Chinese line breaking (禁则, GB/T 15834 and the W3C clreq). */

/** May not begin a line: closing brackets and quotes, pause and stop marks, iteration marks. */
const NOT_AT_START = new Set('，。、；：？！）》」』】〕〗〙〛〉”’…—·％‰℃°!),.:;?]}%'.split(''))
/** May not end a line: opening brackets and quotes. */
const NOT_AT_END = new Set('（《「『【〔〖〘〚〈“‘([{'.split(''))

/** True when the character may not start a line. */
export function isClosing(ch: string): boolean {
  return NOT_AT_START.has(ch)
}

/** True when the character may not end a line. */
export function isOpening(ch: string): boolean {
  return NOT_AT_END.has(ch)
}

/** True for characters that are set one per grid cell and break anywhere (CJK ideographs, kana, full-width forms). */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x00b7
  )
}

/** Code points that take no room and are dropped before setting (variation selectors, joiners, skin tones). */
export function isInvisible(cp: number): boolean {
  return cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfe0e || cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0xad
}
