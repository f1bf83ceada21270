export { kiosk } from './kiosk.js'
export type { KioskChannel } from './kiosk.js'
export type { KioskHost, KioskOptions, KioskRule, KioskTheme, Orientation, TimeWindow } from './options.js'
export { MAX_CELL_CHARS, MAX_SLIDES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits.js'
