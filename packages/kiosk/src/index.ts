export { kiosk } from './kiosk.js'
export type { KioskChannel } from './kiosk.js'
export type { KioskHost, KioskOptions, KioskRule, KioskTheme, Orientation, TimeWindow } from './options.js'
