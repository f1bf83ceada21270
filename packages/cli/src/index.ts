export { main, processIo, COMMANDS } from './main.js'
export type { Command, Io } from './command.js'
export { EXIT, UsageError } from './errors.js'
