/** What the gongkai CLI shares with the scheduler beyond its public API, as `@gongkai/scheduler/internal`: may change in any release. */
export { zonedDate, zonedParts, zonedTime } from './cron.js'
