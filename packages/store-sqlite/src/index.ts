export { openSqliteStore } from './open.js'
export type { SqliteStore, SqliteStoreOptions } from './open.js'
