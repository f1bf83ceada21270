/**
 * Who is signed in: sessions and one-time sign-in links kept in the store's key-value table (a
 * restart keeps them), only as SHA-256 of their tokens, so a copied ledger file signs nobody in;
 * login throttling; CSRF tokens bound to the session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ConsoleRole, ConsoleUser, KeyValueStore } from '@gongkai/core'

/** A signed-in session as the store keeps it. */
export interface Session {
  readonly user: string
  /** The CSRF token every form of this session carries. */
  readonly csrf: string
  /** ISO date-time. */
  readonly since: string
}

/** How long a session lasts: one working day. */
export const SESSION_MS = 10 * 60 * 60 * 1000
/** How long the link `gongkai console` prints may be used: enough to open the browser. */
export const LINK_MS = 15 * 60 * 1000
/** Failed sign-ins of one user name allowed within the window before it is locked for the window. */
export const MAX_FAILURES = 5
export const FAILURE_WINDOW_MS = 15 * 60 * 1000

/** A random token: 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex')

/** Whether two tokens are equal, in time that does not depend on where they differ. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === '' || b === '') return false
  const x = Buffer.from(digest(a))
  const y = Buffer.from(digest(b))
  return timingSafeEqual(x, y)
}

/** Sessions and sign-in links in a key-value store, on an injected clock. */
export class Sessions {
  readonly #kv: KeyValueStore
  readonly #now: () => Date

  constructor(kv: KeyValueStore, now: () => Date) {
    this.#kv = kv
    this.#now = now
  }

  /** Opens a session for `user`; returns its token (for the cookie) and the session. */
  async open(user: string): Promise<{ token: string; session: Session }> {
    const token = newToken()
    const session: Session = { user, csrf: newToken(), since: this.#now().toISOString() }
    await this.#kv.set(`console/session/${digest(token)}`, JSON.stringify(session), this.#now().getTime() + SESSION_MS)
    return { token, session }
  }

  /** The session of a cookie's token, if it is live. */
  async get(token: string | undefined): Promise<Session | undefined> {
    if (token === undefined || token === '' || token.length > 200) return undefined
    const raw = await this.#kv.get(`console/session/${digest(token)}`)
    return raw === undefined ? undefined : (JSON.parse(raw) as Session)
  }

  async close(token: string | undefined): Promise<void> {
    if (token !== undefined && token !== '') await this.#kv.delete(`console/session/${digest(token)}`)
  }

  /** A one-time sign-in link's token for `user`, valid for `LINK_MS`. */
  async link(user: string): Promise<string> {
    const token = newToken()
    await this.#kv.set(`console/link/${digest(token)}`, user, this.#now().getTime() + LINK_MS)
    return token
  }

  /** The user a link's token signs in, once: the token is spent whether or not the session opens. */
  async spendLink(token: string): Promise<string | undefined> {
    if (token.length > 200) return undefined
    const key = `console/link/${digest(token)}`
    const user = await this.#kv.get(key)
    if (user !== undefined) await this.#kv.delete(key)
    return user
  }
}

/** Failed sign-ins per user name, in memory: a restart forgets them, which only helps the rightful user. */
export class Throttle {
  readonly #failures = new Map<string, number[]>()
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  #recent(name: string): number[] {
    const t = this.#now().getTime()
    const list = (this.#failures.get(name) ?? []).filter((at) => t - at < FAILURE_WINDOW_MS)
    this.#failures.set(name, list)
    return list
  }

  /** When a locked name may try again, or undefined when it may try now. */
  lockedUntil(name: string): Date | undefined {
    const list = this.#recent(name)
    if (list.length < MAX_FAILURES) return undefined
    return new Date((list[list.length - 1] ?? 0) + FAILURE_WINDOW_MS)
  }

  fail(name: string): void {
    this.#recent(name).push(this.#now().getTime())
  }

  succeed(name: string): void {
    this.#failures.delete(name)
  }
}

/** Whether `user` holds `role`. Roles are not implied by one another: 管理 reads the audit log but signs off nothing. */
export function hasRole(user: Pick<ConsoleUser, 'roles'>, role: ConsoleRole): boolean {
  return user.roles.includes(role)
}
