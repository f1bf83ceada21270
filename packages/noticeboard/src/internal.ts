/** What gongkai's bench and tests use of the noticeboard beyond its channel, as `@gongkai/noticeboard/internal`: may change in any release. */
export { renderSheet } from './noticeboard.js'
export type { RenderSheetOptions, RenderedSheet } from './noticeboard.js'
export { renderSheets } from './batch/render-batch.js'
export type { SheetsOptions, SheetsResult } from './batch/render-batch.js'
