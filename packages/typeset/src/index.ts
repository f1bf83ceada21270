export { mayBreakBetween, neverEndsLine, neverStartsLine } from './kinsoku.js'
export { breakTitle, breakTitleAtoms } from './title.js'
export type { TextTitleOptions, TitleAtom, TitleBreak, TitleLine, TitleOptions } from './title.js'
export { LEXICON } from './lexicon.js'
