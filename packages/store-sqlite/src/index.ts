export { openSqliteStore } from './open.js'
export type { SqliteStore, SqliteStoreOptions } from './open.js'
export { MIGRATIONS } from './migrations.js'
export type { Migration } from './migrations.js'
