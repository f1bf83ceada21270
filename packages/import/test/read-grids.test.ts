import { describe, expect, it } from 'vitest'
import { cellText } from '../src/sheet/read-grids.js'

describe('cellText', () => {
  it('a spreadsheet cell of a shape exceljs has no text for (a formula saved without its result) gives no text', () => {
    expect(cellText({ formula: 'A1&B1' })).toBe('')
    expect(cellText({ sharedFormula: 'C2' })).toBe('')
    expect(cellText({ formula: 'A1&B1', result: '政府网站' })).toBe('政府网站')
    expect(cellText(7)).toBe('7')
  })
})
