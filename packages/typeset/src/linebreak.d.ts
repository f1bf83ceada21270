// The npm package `linebreak` (UAX #14, the implementation pdfkit uses) ships no types.
declare module 'linebreak' {
  /** One break opportunity: the UTF-16 offset before which a line may end; `required` for a hard break. */
  interface Break {
    readonly position: number
    readonly required: boolean
  }
  /** Walks the break opportunities of a string in order. */
  class LineBreaker {
    constructor(text: string)
    nextBreak(): Break | null
  }
  export default LineBreaker
}
