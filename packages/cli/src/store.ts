/** The project's store: the SQLite file in the project folder, or this body's rows in a PostgreSQL database (`store: postgres://…`). */
import { resolve } from 'node:path'
import type { Store } from '@gongkai/core'
import type { Io } from './command.js'
import type { ProjectSettings } from './project-config.js'

/** Opens the store the config names, applying migrations on first use; PostgreSQL's password comes from `storePasswordEnv`. */
export async function openProjectStore(project: Pick<ProjectSettings, 'dir' | 'config'>, io: Pick<Io, 'env' | 'now'>): Promise<Store> {
  const { store, storePasswordEnv, body } = project.config
  // Stamps, claims and expiries by the command's clock, so GONGKAI_NOW rehearsals and tests stamp what they say.
  // Loaded when a command opens the ledger: `build` never does, and better-sqlite3's native module was a tenth of its start.
  if (store === undefined) return (await import('@gongkai/store-sqlite')).openSqliteStore(resolve(project.dir, project.config.ledger), { now: io.now })
  // Loaded only by projects that use it: a county office on SQLite never loads the PostgreSQL client.
  const { openPostgresStore } = await import('@gongkai/store-postgres')
  return openPostgresStore({ url: store, ...(storePasswordEnv === undefined ? {} : { passwordEnv: storePasswordEnv }), env: io.env, body: body.orgCode, now: io.now })
}

/** Where the project's ledger is, as messages name it: the file, or the database (any password masked) and the body. */
export function storeLabel(project: Pick<ProjectSettings, 'dir' | 'config'>, shownPath: (path: string) => string): string {
  const { store } = project.config
  if (store === undefined) return shownPath(resolve(project.dir, project.config.ledger))
  // The config reader refuses a password in the address; masked all the same (a config built in memory).
  let masked = store
  if (URL.canParse(store)) {
    const u = new URL(store)
    if (u.password !== '') u.password = '***'
    masked = u.toString()
  }
  return `${masked}（机构 ${project.config.body.orgCode}）`
}
