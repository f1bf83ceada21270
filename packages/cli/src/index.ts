export { main, processIo } from './main.js'
export type { Io } from './command.js'
export { EXIT, UsageError } from './errors.js'
